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
:mod:`.curves`                :class:`CurvesView` (static pictures)        00-07
:mod:`.curvature`             :class:`SecondOrderView`,                    08
                              :class:`SeparationView`, :class:`ConfidenceView`
============================  ===========================================  ========

Every view follows one protocol (:class:`View`, written out in ``_protocol``): its constructor draws
into a given figure (or axes) or a new one, ``update(...)`` moves its artists in place, and the artists
are named attributes. The views draw; every number they show comes from :mod:`mogcore`.

What the views share: ``palette`` (every colour), ``_figure`` (figures, PNG export, histogram and
components, stems, field arrows), ``_sliders`` (controls made with their own labels, on grids through
their starting values), ``_memo`` (values recomputed only when their inputs change), ``_explorer``
(the explorer), ``_readout`` (numbers that change at every move: in the titles of a saved picture, in a
line above a live figure), ``_mixture_sliders`` (the K = 2 parameter sliders and the one adapter between a Mixture and
slider values), and ``_frames`` (live frames:
only what moved is redrawn).
"""

from ._explorer import Explorer
from ._figure import as_image, data_grid, figure_png, new_figure, projector
from ._mixture_sliders import (
    PARAM_NAMES,
    default_mixture,
    mixture_from_values,
    mixture_sliders,
    slider_values,
)
from ._protocol import View
from ._sliders import on_slider_grid
from .curvature import ConfidenceView, SecondOrderView, SeparationView, explore_second_order, explore_separation
from .curves import Curve, CurvesView, Panel
from .ellipses import EllipseView, explore_covariance
from .em2d import EMPathView, explore_em_2d
from .fitting import FittingView, explore_fitting
from .means import MeanFieldView, MeanPullView, explore_mean_contributions, explore_mean_field
from .mixture import MixtureView, SampleView, explore_mixture
from .palette import component_color
from .playground import PlaygroundView, explore_playground
from .responsibilities import ResponsibilityView, explore_responsibilities
from .singularity import CollapseView, explore_collapse
from .variances import VarianceFieldView, VarianceSliceView, explore_variance_field, explore_variance_slice
from .weights import WeightView, explore_weights

__all__ = [
    "PARAM_NAMES",
    "CollapseView",
    "ConfidenceView",
    "Curve",
    "CurvesView",
    "EMPathView",
    "EllipseView",
    "Explorer",
    "FittingView",
    "MeanFieldView",
    "MeanPullView",
    "MixtureView",
    "Panel",
    "PlaygroundView",
    "ResponsibilityView",
    "SampleView",
    "SecondOrderView",
    "SeparationView",
    "VarianceFieldView",
    "VarianceSliceView",
    "View",
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
    "explore_second_order",
    "explore_separation",
    "explore_variance_field",
    "explore_variance_slice",
    "explore_weights",
    "figure_png",
    "mixture_from_values",
    "mixture_sliders",
    "new_figure",
    "on_slider_grid",
    "projector",
    "slider_values",
]
