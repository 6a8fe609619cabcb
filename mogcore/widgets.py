r"""Live explorers: sliders wired to the ``update_*`` functions of :mod:`mogcore.plots`.

Each ``explore_*`` function returns an :class:`Explorer`. Displayed in a notebook, it
shows the sliders and the live figure, then a static copy of the figure at the default
values (so the notebook also reads on GitHub and nbviewer, where no kernel runs).
A slider change updates the figure's artists in place and re-renders it into an
``ipywidgets.Image``; no new figure is made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import ipywidgets as widgets
import numpy as np
from IPython.display import HTML, Image, display
from matplotlib.figure import Figure

from . import fitting, plots, plots_fitting, plots_variance, plots_weights

SLIDER_LABELS = {
    "pi1": r"$\pi_1$",
    "mu1": r"$\mu_1$",
    "mu2": r"$\mu_2$",
    "var1": r"$\sigma_1^2$",
    "var2": r"$\sigma_2^2$",
    "j": r"$j$",
    "step": r"step $\alpha$",
    "t": r"iteration $t$",
    "start": "start",
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
        out[name] = make[name]()
        out[name].readout_format = ".3g" if name.startswith("var") else ".2f"
    return _style(out)


def _style(sliders: dict[str, widgets.Widget]) -> dict[str, widgets.Widget]:
    """Label each control with its symbol, give all one width, and update while dragging."""
    layout = widgets.Layout(width="340px")
    for name, s in sliders.items():
        s.description = SLIDER_LABELS[name]
        s.style = {"description_width": "initial" if name in ("step", "t", "start") else "40px"}
        s.layout = layout
        if hasattr(s, "continuous_update"):
            s.continuous_update = True
    return sliders


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
    cells); each change calls ``update`` once, and the PNG is re-rendered once per call.

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
        self._batch, self._pending = 0, False
        self.image = widgets.Image(format="png", layout=widgets.Layout(width=f"{fig.get_figwidth() * fig.dpi:.0f}px"))
        self._render()
        self.static_png = self.image.value
        # Freeze the layout that constrained layout just found: re-solving it on every
        # slider move would cost about a third of each render.
        fig.set_layout_engine(None)  # (None, not "none": "none" keeps a placeholder that costs a second draw)
        rows = [widgets.HBox(list(sliders.values())[i : i + 3]) for i in range(0, len(sliders), 3)]
        parts = [*rows, self.image]
        if caption:
            parts.insert(0, widgets.HTML(f"<b>{caption}</b>"))
        self.widget = widgets.VBox(parts)
        for name, s in sliders.items():
            s.observe(self._on_change(name), names="value")

    def _on_change(self, name: str) -> Callable[[dict], None]:
        def handler(change: dict) -> None:
            value = change["new"]
            self.params[name] = value if isinstance(value, str) else float(value)
            self._update(self.view, self.params)
            if self._batch:
                self._pending = True
            else:
                self._render()

        return handler

    def _render(self) -> None:
        self.image.value = plots.figure_png(self.fig)
        self.renders += 1

    def set(self, **values: float | str) -> None:
        """Move sliders by name. Each move updates the figure's artists, as a user's would;
        the image is re-rendered once, after the last move."""
        with self.held():
            for name, value in values.items():
                self.sliders[name].value = value

    @contextmanager
    def held(self) -> Iterator[None]:
        """Within this block slider moves update the artists but the image is rendered
        only once, at the end (if anything moved)."""
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
            if not self._batch and self._pending:
                self._pending = False
                self._render()

    def static(self) -> Image:
        """The figure at the values it was built with, as a plain PNG."""
        return Image(data=self.static_png)

    def _ipython_display_(self) -> None:
        display(self.widget)
        display(HTML("<small>Static copy at the default values, for readers without a live kernel:</small>"))
        display(self.static())


def _explorer(draw, update, x, params, names, figshape, caption="", extra=None, defaults=None, **kw) -> Explorer:
    x = np.asarray(x, dtype=float)
    p = plots.default_params(x)
    p.update(defaults or {})
    p.update(params or {})
    nrows, ncols, size = figshape
    fig, _ = plots.new_figure(nrows, ncols, figsize=size, **kw)
    view = draw(fig, x, p)
    sliders = mixture_sliders(x, p, names)
    if extra is not None:
        sliders.update(_style(extra(x, p)))
    return Explorer(fig, view, update, sliders, p, caption)


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


# --- 04: the variance gradient --------------------------------------------------------


def _linear_var1(x: np.ndarray, p: dict) -> dict[str, widgets.Widget]:
    _, hi = plots_variance.variance_slice_limits(p)
    return {"var1": widgets.FloatSlider(value=p["var1"], min=hi / 200, max=hi, step=hi / 400, readout_format=".3f")}


def explore_variance_slice(x: np.ndarray, params: dict | None = None) -> Explorer:
    r""":math:`\mathcal{L}` against :math:`\sigma_1^2` with its tangent, and each point's pull on :math:`\sigma_1^2`.

    Parameters
    ----------
    x : ndarray, shape (m,)
    params : dict, optional
        Starting values; the :math:`\sigma_1^2` axis is :math:`(0, 4\sigma_1^2)` at the start.

    Returns
    -------
    Explorer

    Notes
    -----
    The :math:`\sigma_1^2` slider is linear here, so the tangent
    :math:`\mathcal{L}_0 + \frac{\partial\mathcal{L}}{\partial\sigma_1^2}(\sigma_1^2 - s_0)` is straight.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.widgets import explore_variance_slice
    >>> ex = explore_variance_slice(np.array([0.0, 1.0, 5.0]), dict(var1=0.5))
    >>> ex.sliders["var1"].max
    2.0
    """
    return _explorer(
        plots_variance.draw_variance_slice,
        plots_variance.update_variance_slice,
        x,
        params,
        ("pi1", "mu1", "mu2", "var2"),
        (1, 2, (8.0, 3.2)),
        extra=_linear_var1,
    )


def explore_variance_field(x: np.ndarray, params: dict | None = None) -> Explorer:
    r"""The gradient field over :math:`(\mu_1, \log\sigma_1)` on the contours of L.

    Parameters
    ----------
    x : ndarray, shape (m,)
    params : dict, optional

    Returns
    -------
    Explorer

    Notes
    -----
    Arrows: :math:`(\partial\mathcal{L}/\partial\mu_1, \partial\mathcal{L}/\partial\log\sigma_1)`,
    normalised; one batched mogcore call per change.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.widgets import explore_variance_field
    >>> len(explore_variance_field(np.array([0.0, 1.0, 5.0])).view["gradient"])
    2
    """
    return _explorer(
        plots_variance.draw_variance_field,
        plots_variance.update_variance_field,
        x,
        params,
        plots.PARAM_NAMES,
        (1, 1, (5.2, 4.4)),
    )


def _collapse_sliders(x: np.ndarray, p: dict) -> dict[str, widgets.Widget]:
    axis = plots_variance.collapse_axis(x)
    lo, hi = np.log10(axis[0]), np.log10(axis[-1])
    return {
        "j": widgets.IntSlider(value=int(p["j"]), min=0, max=len(x) - 1),
        "var1": widgets.FloatLogSlider(value=p["var1"], base=10, min=lo, max=hi, step=0.1, readout_format=".2g"),
    }


def explore_collapse(x: np.ndarray, params: dict | None = None) -> Explorer:
    r"""The singularity: :math:`\mu_1` on the j-th smallest point and :math:`\sigma_1^2` down to
    :math:`10^{-20}\operatorname{var}(x)`.

    Parameters
    ----------
    x : ndarray, shape (m,)
    params : dict, optional
        Default: :math:`\pi_1 = 0.05`, component 2 at the data's mean and variance,
        :math:`\sigma_1^2 = 10^{-8}\operatorname{var}(x)`, :math:`j = 3` (the fourth smallest point;
        j counts from 0).

    Returns
    -------
    Explorer

    Notes
    -----
    :math:`\mathcal{L} \to +\infty` like :math:`-\tfrac12\log\sigma_1^2`; shown with
    no overflow because mogcore works with :math:`\log\mathcal{N}`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.widgets import explore_collapse
    >>> ex = explore_collapse(np.array([0.0, 1.0, 5.0]))
    >>> ex.set(var1=1e-19)
    >>> bool(np.isfinite(ex.view["loglik"]))
    True
    """
    v = float(np.var(x)) or 1.0
    defaults = {"pi1": 0.05, "mu2": float(np.mean(x)), "var2": v, "var1": 1e-8 * v, "j": min(3, len(x) - 1)}
    return _explorer(
        plots_variance.draw_collapse,
        plots_variance.update_collapse,
        x,
        params,
        ("pi1",),
        (1, 2, (8.0, 3.2)),
        extra=_collapse_sliders,
        defaults=defaults,
        gridspec_kw={"width_ratios": [2, 1]},
    )


# --- 05: the weight gradient ----------------------------------------------------------


def explore_weights(x: np.ndarray, params: dict | None = None) -> Explorer:
    r""":math:`\mathcal{L}` along :math:`\pi_1` with the exact, projected, softmax and partial
    gradients as tangent lines, and :math:`N_1, N_2`.

    Parameters
    ----------
    x : ndarray, shape (m,)
    params : dict, optional

    Returns
    -------
    Explorer

    Notes
    -----
    Exact: :math:`N_1/\pi_1 - N_2/(1-\pi_1)`; projected: half of it; softmax:
    :math:`N_1 - m\pi_1`; partial: :math:`N_1/\pi_1`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.widgets import explore_weights
    >>> ex = explore_weights(np.array([0.0, 0.2, 5.0]), dict(mu1=0.1, mu2=5.0))
    >>> round(ex.view["best"], 2)
    0.67
    """
    return _explorer(
        plots_weights.draw_weight_slice,
        plots_weights.update_weight_slice,
        x,
        params,
        plots.PARAM_NAMES,
        (1, 2, (8.0, 3.4)),
        gridspec_kw={"width_ratios": [3, 1]},
    )


# --- 06 and 00: fitting, and the playground ---------------------------------------------


def _fitting_sliders(x: np.ndarray, p: dict) -> dict[str, widgets.Widget]:
    return {
        "start": widgets.Dropdown(options=list(fitting.STARTS), value=p["start"]),
        "step": widgets.FloatLogSlider(value=p["step"], base=10, min=-3, max=0.3, step=0.05, readout_format=".3g"),
        "t": widgets.IntSlider(value=int(p["t"]), min=0, max=plots_fitting.ITERS),
    }


def explore_fitting(x: np.ndarray, params: dict | None = None) -> Explorer:
    r"""Gradient ascent and EM from a named start: paths on the field, the gap to the best L
    against iteration, and the fitted mixture at the scrubbed iteration.

    Parameters
    ----------
    x : ndarray, shape (m,)
    params : dict, optional
        ``start`` (a key of :data:`mogcore.fitting.STARTS`), ``step``, ``t``.

    Returns
    -------
    Explorer

    Notes
    -----
    Choosing a start also sets the step to the one that start is meant to show.
    Gradient ascent steps :math:`\theta \leftarrow \theta + \frac{\alpha}{m}\nabla_\theta\mathcal{L}`
    in :math:`\theta = (\mu, \log\sigma, \eta)`; EM is :func:`mogcore.em_step` repeated.
    Changing the step re-runs gradient ascent (about 27 ms), changing the start re-runs EM too;
    moving ``t`` only redraws.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.widgets import explore_fitting
    >>> ex = explore_fitting(np.array([0.0, 0.3, 0.4, 4.0, 4.2]))
    >>> ex.set(t=5)
    >>> sorted(ex.sliders)
    ['start', 'step', 't']
    """
    ex = _explorer(
        plots_fitting.draw_fitting,
        plots_fitting.update_fitting,
        x,
        params,
        (),
        (0, 0, (10.0, 3.6)),
        extra=_fitting_sliders,
        defaults={"start": "typical", "step": 0.1, "t": 10},
    )

    def step_of_start(change: dict) -> None:  # each named start comes with the step that shows its behaviour
        ex.sliders["step"].value = fitting.STARTS[change["new"]]["step"]

    ex.sliders["start"].observe(step_of_start, names="value")
    return ex


def explore_playground(x: np.ndarray, params: dict | None = None) -> Explorer:
    r"""Everything at once: the mixture with EM's arrows for the means, the responsibilities,
    and the gradient for every parameter.

    Parameters
    ----------
    x : ndarray, shape (m,)
    params : dict, optional

    Returns
    -------
    Explorer

    Notes
    -----
    The bars are :math:`\frac1m\partial\mathcal{L}/\partial\mu_k`,
    :math:`\frac1m\partial\mathcal{L}/\partial\log\sigma_k` and
    :math:`\frac1m\,d\mathcal{L}/d\pi_1` (along :math:`\pi_2 = 1 - \pi_1`).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.widgets import explore_playground
    >>> ex = explore_playground(np.array([0.0, 0.3, 0.4, 4.0, 4.2]))
    >>> ex.view["bar_values"].shape
    (5,)
    """
    return _explorer(
        plots_fitting.draw_playground,
        plots_fitting.update_playground,
        x,
        params,
        plots.PARAM_NAMES,
        (0, 0, (8.0, 4.0)),
    )


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
