r"""Live explorers: sliders wired to the ``update_*`` functions of :mod:`mogcore.plots`.

Each ``explore_*`` function returns an :class:`Explorer`. Displayed in a notebook, it
shows the sliders and the live figure, then a static copy of the figure at the default
values (so the notebook also reads on GitHub and nbviewer, where no kernel runs).
A slider change updates the figure's artists in place and re-renders it into an
``ipywidgets.Image``; no new figure is made.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets
import numpy as np
from IPython.display import HTML, Image, display
from matplotlib.figure import Figure

from . import plots

SLIDER_LABELS = {
    "pi1": r"$\pi_1$",
    "mu1": r"$\mu_1$",
    "mu2": r"$\mu_2$",
    "var1": r"$\sigma_1^2$",
    "var2": r"$\sigma_2^2$",
}


def mixture_sliders(x: np.ndarray, p: dict, names=plots.PARAM_NAMES) -> dict[str, widgets.Widget]:
    r"""Sliders for the K = 2 parameters, with ranges that suit the data ``x``.

    Parameters
    ----------
    x : ndarray, shape (m,)
    p : dict
        Initial values.
    names : sequence of str
        Which of ``pi1, mu1, mu2, var1, var2`` to make.

    Returns
    -------
    dict of name -> slider

    Notes
    -----
    :math:`\pi_1 \in [0.01, 0.99]`; means over the data's range, padded;
    variances on a log scale from :math:`10^{-3}\operatorname{var}(x)` to
    :math:`2\operatorname{var}(x)`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.widgets import mixture_sliders
    >>> s = mixture_sliders(np.array([0.0, 1.0, 4.0]), dict(pi1=0.5, mu1=0.0, mu2=4.0, var1=1.0, var2=1.0))
    >>> s["pi1"].description, s["pi1"].value
    ('$\\pi_1$', 0.5)
    """
    lo, hi = float(np.min(x)), float(np.max(x))
    pad = 0.25 * (hi - lo or 1.0)
    v = float(np.var(x)) or 1.0
    style = {"description_width": "40px"}
    layout = widgets.Layout(width="340px")
    make = {
        "pi1": lambda: widgets.FloatSlider(value=p["pi1"], min=0.01, max=0.99, step=0.01),
        "mu1": lambda: widgets.FloatSlider(value=p["mu1"], min=lo - pad, max=hi + pad, step=(hi - lo) / 200 or 0.01),
        "mu2": lambda: widgets.FloatSlider(value=p["mu2"], min=lo - pad, max=hi + pad, step=(hi - lo) / 200 or 0.01),
        "var1": lambda: widgets.FloatLogSlider(
            value=p["var1"], base=10, min=np.log10(v) - 3, max=np.log10(2 * v), step=0.02
        ),
        "var2": lambda: widgets.FloatLogSlider(
            value=p["var2"], base=10, min=np.log10(v) - 3, max=np.log10(2 * v), step=0.02
        ),
    }
    out = {}
    for name in names:
        s = make[name]()
        s.description = SLIDER_LABELS[name]
        s.style = style
        s.layout = layout
        s.readout_format = ".3g" if name.startswith("var") else ".2f"
        s.continuous_update = True
        out[name] = s
    return out


class Explorer:
    """A live figure with its sliders; displays itself with a static twin.

    Parameters
    ----------
    fig : Figure
        The figure (pyplot-free, see :func:`mogcore.plots.new_figure`).
    view : dict
        What the ``draw_*`` function returned.
    update : callable
        ``update(view, params)`` from :mod:`mogcore.plots`.
    sliders : dict of name -> slider
    params : dict
        All parameter values (sliders override their entries).

    Notes
    -----
    ``set(**values)`` moves sliders from code (tests, and the notebooks' "try this"
    cells); each change calls ``update`` once and re-renders the PNG.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.widgets import explore_mixture
    >>> ex = explore_mixture(np.array([1.0, 1.2, 3.9, 4.1, 4.3]))
    >>> ex.set(mu1=1.1)
    >>> ex.params["mu1"], ex.renders
    (1.1, 2)
    """

    def __init__(
        self,
        fig: Figure,
        view: dict,
        update: Callable[[dict, dict], None],
        sliders: dict[str, widgets.Widget],
        params: dict,
        caption: str = "",
    ) -> None:
        self.fig = fig
        self.view = view
        self._update = update
        self.sliders = sliders
        self.params = dict(params)
        self.renders = 0
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{fig.get_figwidth() * fig.dpi:.0f}px"))
        self._render()
        self.static_png = self.image.value
        rows = [widgets.HBox(list(sliders.values())[i : i + 3]) for i in range(0, len(sliders), 3)]
        parts = [*rows, self.image]
        if caption:
            parts.insert(0, widgets.HTML(f"<b>{caption}</b>"))
        self.widget = widgets.VBox(parts)
        for name, s in sliders.items():
            s.observe(self._on_change(name), names="value")

    def _on_change(self, name: str) -> Callable[[dict], None]:
        def handler(change: dict) -> None:
            self.params[name] = float(change["new"])
            self._update(self.view, self.params)
            self._render()

        return handler

    def _render(self) -> None:
        self.image.value = plots.figure_png(self.fig)
        self.renders += 1

    def set(self, **values: float) -> None:
        """Move sliders by name (each move updates the figure, as a user's would)."""
        for name, value in values.items():
            self.sliders[name].value = value

    def static(self) -> Image:
        """The figure at the values it was built with, as a plain PNG."""
        return Image(data=self.static_png)

    def _ipython_display_(self) -> None:
        display(self.widget)
        display(HTML("<small>Static copy at the default values, for readers without a live kernel:</small>"))
        display(self.static())


def _explorer(draw, update, x, params, names, figshape, caption="", **kw) -> Explorer:
    x = np.asarray(x, dtype=float)
    p = plots.default_params(x)
    p.update(params or {})
    nrows, ncols, size = figshape
    fig, _ = plots.new_figure(nrows, ncols, figsize=size, **kw)
    view = draw(fig, x, p)
    return Explorer(fig, view, update, mixture_sliders(x, p, names), p, caption)


def explore_mixture(x: np.ndarray, params: dict | None = None) -> Explorer:
    r"""Sliders for :math:`\pi_1, \mu_1, \mu_2, \sigma_1^2, \sigma_2^2` over the weighted
    components, the mixture and the data; the title shows :math:`\mathcal{L}`.

    Parameters
    ----------
    x : ndarray, shape (m,)
    params : dict, optional
        Starting values (default :func:`mogcore.plots.default_params`).

    Returns
    -------
    Explorer

    Notes
    -----
    Draws :math:`\pi_k \mathcal{N}(x \mid \mu_k, \sigma_k^2)` and their sum.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.widgets import explore_mixture
    >>> sorted(explore_mixture(np.array([0.0, 1.0, 5.0])).sliders)
    ['mu1', 'mu2', 'pi1', 'var1', 'var2']
    """
    return _explorer(plots.draw_mixture, plots.update_mixture, x, params, plots.PARAM_NAMES, (1, 1, (8.0, 3.2)))


def explore_responsibilities(x: np.ndarray, params: dict | None = None) -> Explorer:
    r"""The same sliders as :func:`explore_mixture`, driving :math:`\gamma_1(x), \gamma_2(x)`,
    the data coloured by :math:`\gamma_{i1}` and bars for a few points.

    Parameters
    ----------
    x : ndarray, shape (m,)
    params : dict, optional

    Returns
    -------
    Explorer

    Notes
    -----
    .. math:: \gamma_{ik} = \pi_k \mathcal{N}(x_i \mid \mu_k, \sigma_k^2)
              \Big/ \sum_j \pi_j \mathcal{N}(x_i \mid \mu_j, \sigma_j^2)

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.widgets import explore_responsibilities
    >>> ex = explore_responsibilities(np.array([0.0, 1.0, 5.0]))
    >>> ex.view["gamma_picked"].shape
    (5, 2)
    """
    return _explorer(
        plots.draw_responsibilities,
        plots.update_responsibilities,
        x,
        params,
        plots.PARAM_NAMES,
        (1, 2, (8.0, 3.2)),
        gridspec_kw={"width_ratios": [3, 1]},
    )


def explore_mean_contributions(x: np.ndarray, params: dict | None = None) -> Explorer:
    r"""Each point's pull :math:`\gamma_{ik}(x_i - \mu_k)/\sigma_k^2` on each mean, as stems.

    Parameters
    ----------
    x : ndarray, shape (m,)
    params : dict, optional

    Returns
    -------
    Explorer

    Notes
    -----
    .. math:: \frac{\partial \mathcal{L}}{\partial \mu_k} = \sum_i \gamma_{ik}\frac{x_i-\mu_k}{\sigma_k^2}

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.widgets import explore_mean_contributions
    >>> explore_mean_contributions(np.array([0.0, 1.0, 5.0])).view["contrib"].shape
    (3, 2)
    """
    return _explorer(
        plots.draw_mean_contributions,
        plots.update_mean_contributions,
        x,
        params,
        plots.PARAM_NAMES,
        (2, 1, (8.0, 3.6)),
        sharex=True,
    )


def explore_mean_field(x: np.ndarray, params: dict | None = None) -> Explorer:
    r"""The gradient field over :math:`(\mu_1, \mu_2)` on the contours of L.

    Parameters
    ----------
    x : ndarray, shape (m,)
    params : dict, optional

    Returns
    -------
    Explorer

    Notes
    -----
    Arrows: the direction of :math:`\nabla_{\mu}\mathcal{L}`; the dot is the sliders'
    :math:`(\mu_1, \mu_2)` with its own arrow. :math:`\pi_1, \sigma_1^2, \sigma_2^2`
    reshape the whole field (one batched mogcore call per change).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.widgets import explore_mean_field
    >>> ex = explore_mean_field(np.array([0.0, 1.0, 5.0]))
    >>> ex.view["field"][0].shape
    (48, 48)
    """
    return _explorer(plots.draw_mean_field, plots.update_mean_field, x, params, plots.PARAM_NAMES, (1, 1, (5.0, 4.6)))


def plotted_values(fig: Figure) -> list[np.ndarray]:
    """Every numeric array a figure currently shows (lines, collections, quivers, bars).

    Parameters
    ----------
    fig : Figure

    Returns
    -------
    list of ndarray

    Notes
    -----
    Used by the widget tests to check that no plotted value is NaN (vertical marker
    lines parked at NaN on purpose, to hide them, are skipped).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.widgets import explore_mixture, plotted_values
    >>> vals = plotted_values(explore_mixture(np.array([0.0, 1.0, 5.0])).fig)
    >>> all(np.isfinite(v).all() for v in vals)
    True
    """
    out = []
    for ax in fig.axes:
        for line in ax.lines:
            if line.get_gid() == "hidden-when-nan":
                continue
            data = np.asarray(line.get_xydata(), dtype=float)
            if data.size and not (data.shape[0] == 2 and np.isnan(data[:, 0]).all()):
                out.append(data)
        for coll in ax.collections:
            offsets = np.asarray(coll.get_offsets(), dtype=float)
            if offsets.size:
                out.append(offsets)
            for path in coll.get_paths():
                out.append(np.asarray(path.vertices, dtype=float))
            if hasattr(coll, "U"):
                out.extend([np.asarray(coll.U, dtype=float), np.asarray(coll.V, dtype=float)])
        for patch in ax.patches:
            out.append(
                np.array([patch.get_height(), patch.get_y()], dtype=float)
                if hasattr(patch, "get_height")
                else np.zeros(1)
            )
    return out
