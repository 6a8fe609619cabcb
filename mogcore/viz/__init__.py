"""Figures and live explorers: the only part of mogcore that imports matplotlib and ipywidgets.

One module per concept, each holding its view classes and their ``explore_*`` functions:

============================  ===========================================  ========
module                        views                                        notebook
============================  ===========================================  ========
:mod:`.mixture`               :class:`SampleView`, :class:`MixtureView`    01
:mod:`.responsibilities`      :class:`ResponsibilityView`                  02
:mod:`.means`                 :class:`MeanPullView`, :class:`MeanFieldView`  03, 06
:mod:`.variances`             :class:`VarianceSliceView`,                  04
                              :class:`VarianceFieldView`
:mod:`.singularity`           :class:`CollapseView`                        04
:mod:`.weights`               :class:`WeightView`                          05
:mod:`.fitting`               :class:`FittingView`                         06
:mod:`.playground`            :class:`PlaygroundView`                      00
:mod:`.ellipses`              :class:`EllipseView`                         07
:mod:`.em2d`                  :class:`EMPathView`                          07
============================  ===========================================  ========

A view draws in its constructor and ``update(...)`` moves its artists in place; the
artists are named attributes. ``_figure`` holds what the views share (style, figures,
PNG export, histogram and components, stems, field arrows), ``_explorer`` the
explorer and the one adapter between a Mixture and slider values, ``_sliders`` the slider
factories (grids through the starting values), and
``_frames`` the live frames (only what moved is redrawn; the views need not say what moves).
"""

from ._explorer import (
    PARAM_NAMES,
    Explorer,
    default_mixture,
    mixture_from_values,
    mixture_sliders,
    slider_values,
)
from ._figure import as_image, component_color, data_grid, figure_png, new_figure
from ._sliders import on_slider_grid
from .ellipses import EllipseView, explore_covariance
from .em2d import EMPathView, explore_em_2d
from .fitting import FittingView, explore_fitting
from .means import MeanFieldView, MeanPullView, explore_mean_contributions, explore_mean_field
from .mixture import MixtureView, SampleView, explore_mixture
from .playground import PlaygroundView, explore_playground
from .responsibilities import ResponsibilityView, explore_responsibilities
from .singularity import CollapseView, explore_collapse
from .variances import VarianceFieldView, VarianceSliceView, explore_variance_field, explore_variance_slice
from .weights import WeightView, explore_weights

__all__ = [
    "PARAM_NAMES",
    "CollapseView",
    "EMPathView",
    "EllipseView",
    "Explorer",
    "FittingView",
    "MeanFieldView",
    "MeanPullView",
    "MixtureView",
    "PlaygroundView",
    "ResponsibilityView",
    "SampleView",
    "VarianceFieldView",
    "VarianceSliceView",
    "WeightView",
    "as_image",
    "component_color",
    "data_grid",
    "default_mixture",
    "explore_collapse",
    "explore_covariance",
    "explore_em_2d",
    "explore_fitting",
    "explore_mean_contributions",
    "explore_mean_field",
    "explore_mixture",
    "explore_playground",
    "explore_responsibilities",
    "explore_variance_field",
    "explore_variance_slice",
    "explore_weights",
    "figure_png",
    "mixture_from_values",
    "mixture_sliders",
    "new_figure",
    "on_slider_grid",
    "slider_values",
]
