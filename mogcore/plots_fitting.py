r"""Figures for notebook 06 (fitting) and the playground of notebook 00.

Same contract as :mod:`mogcore.plots`: ``draw_*(fig, x, p)`` builds the artists once and
``update_*(view, p)`` moves them. The fitting view's ``p`` is
``{"start": a name in mogcore.fitting.STARTS, "step": float, "t": iteration}``.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator

from . import style
from .fitting import em_fit, gradient_ascent, named_start
from .gradients import value_and_gradients
from .mixture import component_pdfs, responsibilities
from .plots import _grid, draw_mean_field, mixture_arrays, update_mean_field

#: Iterations run for each path in the fitting view.
ITERS = 300
ASCENT_COLOR = style.MIXTURE_COLOR
EM_COLOR = style.GRADIENT_COLOR


def as_params(mix) -> dict:
    r"""The K = 2 parameter dict of a :class:`mogcore.Mixture` (inverse of ``mixture_arrays``).

    Parameters
    ----------
    mix : Mixture
        Weights, means and variances of shape (2,).

    Returns
    -------
    dict

    Notes
    -----
    :math:`\pi_1` is ``weights[0]``; :math:`\pi_2 = 1 - \pi_1` is implied.

    Examples
    --------
    >>> from mogcore import Mixture
    >>> from mogcore.plots_fitting import as_params
    >>> as_params(Mixture([0.3, 0.7], [0.0, 4.0], [1.0, 2.0]))["mu2"]
    4.0
    """
    w, mu, var = (np.asarray(a, float) for a in mix)
    return {"pi1": float(w[0]), "mu1": float(mu[0]), "mu2": float(mu[1]), "var1": float(var[0]), "var2": float(var[1])}


def draw_fitting(fig: Figure, x: np.ndarray, p: dict) -> dict:
    r"""Gradient ascent and EM side by side: paths on the :math:`(\mu_1, \mu_2)` field, the gap
    to the best :math:`\mathcal{L}` against iteration, and the fitted mixture at iteration t.

    Parameters
    ----------
    fig : Figure
        An empty figure (or one with three axes in a row).
    x : ndarray, shape (m,)
    p : dict
        ``start``, ``step`` and ``t``.

    Returns
    -------
    dict

    Notes
    -----
    The field is the slice of :math:`\nabla_\mu\mathcal{L}` through gradient ascent's
    iterate t: :math:`\pi_1, \sigma_1^2, \sigma_2^2` are that iterate's. The middle panel
    plots :math:`\mathcal{L}^\ast - \mathcal{L}_t` on a log scale, where
    :math:`\mathcal{L}^\ast` is the best value either method reached.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots import new_figure
    >>> from mogcore.plots_fitting import draw_fitting
    >>> x = np.array([1.0, 1.2, 1.3, 3.9, 4.1, 4.3])
    >>> view = draw_fitting(new_figure(0, 0)[0], x, dict(start="typical", step=0.1, t=3))
    >>> view["paths"][0].iterations
    300
    """
    if not fig.axes:
        fig.subplots(1, 3, width_ratios=[1.1, 1, 1.2])
    ax, bx, cx = fig.axes[:3]
    field = draw_mean_field(fig, x, as_params(named_start(p["start"], x)[0]), n=40, arrows=12)
    field["here"].set_visible(False)  # the paths carry their own markers
    field["arrow"].set_visible(False)
    lines = {}
    for name, color, ls, mk in (("gradient ascent", ASCENT_COLOR, "-", "o"), ("EM", EM_COLOR, "--", "s")):
        lines[name] = (
            ax.plot([], [], color=color, ls=ls, lw=1.4, zorder=6)[0],
            ax.plot([], [], mk, color=color, ms=7, mec="white", zorder=7, label=name)[0],
            bx.plot([], [], color=color, ls=ls, lw=1.6, label=name)[0],
        )
    ax.legend(loc="lower right", fontsize=7, framealpha=0.8)
    now = bx.axvline(0, color="#555555", lw=1)
    bx.set_yscale("log")
    bx.set_xlim(0, ITERS)
    bx.set_ylim(1e-10, 1e3)
    bx.set_yticks([1e-10, 1e-6, 1e-2, 1e2])  # few labels: text is most of a render's cost
    bx.yaxis.set_minor_locator(NullLocator())
    bx.set_xlabel("iteration")
    bx.set_ylabel("$\\mathcal{L}^\\ast - \\mathcal{L}$")
    bx.legend(loc="upper right", fontsize=7, frameon=False)
    grid = _grid(x)
    cx.hist(x, bins=30, density=True, color=style.DATA_COLOR)
    comps = [cx.plot(grid, np.zeros_like(grid), color=style.component_color(k), lw=1.5)[0] for k in range(2)]
    mix_ga = cx.plot(grid, np.zeros_like(grid), color=ASCENT_COLOR, lw=1.5, label="gradient ascent")[0]
    mix_em = cx.plot(grid, np.zeros_like(grid), color=EM_COLOR, lw=1.5, ls="--", label="EM")[0]
    cx.set_xlabel("$x$")
    cx.legend(loc="upper left", fontsize=7, frameon=False)
    view = {"axes": (ax, bx, cx), "x": x, "field": field, "lines": lines, "now": now, "grid": grid}
    view.update(components=comps, mix_ga=mix_ga, mix_em=mix_em, key=None)
    update_fitting(view, p)
    return view


def update_fitting(view: dict, p: dict) -> None:
    """Move :func:`draw_fitting`'s artists: new paths if the start or step changed, then iteration t."""
    ax, bx, cx = view["axes"]
    x = view["x"]
    key = (p["start"], float(p["step"]))
    if view["key"] != key:  # gradient ascent depends on both; EM on the start only
        mix, _ = named_start(key[0], x)
        ga = gradient_ascent(x, *mix, step=key[1], iters=ITERS)
        same_start = view["key"] is not None and view["key"][0] == key[0]
        em = view["paths"][1] if same_start else em_fit(x, *mix, iters=ITERS)
        best = max(float(ga.loglik.max()), float(em.loglik.max()))
        for path in (ga, em):
            path_line, _, gap_line = view["lines"][path.method]
            path_line.set_data(path.means[:, 0], path.means[:, 1])
            gap = np.maximum(best - path.loglik, 1e-10)
            gap_line.set_data(np.arange(path.iterations + 1), gap)
        view.update(key=key, paths=(ga, em), best=best)
    ga, em = view["paths"]
    t = round(p["t"])
    at_ga, at_em = ga.at(t), em.at(t)
    update_mean_field(view["field"], as_params(at_ga))
    ax.set_title(f"$\\nabla_\\mu\\mathcal{{L}}$ through ascent's iterate {t}", fontsize=9)
    for path, mix in ((ga, at_ga), (em, at_em)):
        view["lines"][path.method][1].set_data([mix.means[0]], [mix.means[1]])
    view["now"].set_xdata([t, t])
    comp = component_pdfs(view["grid"], *at_ga)
    for k, line in enumerate(view["components"]):
        line.set_ydata(comp[:, k])
    view["mix_ga"].set_ydata(comp.sum(axis=1))
    view["mix_em"].set_ydata(component_pdfs(view["grid"], *at_em).sum(axis=1))
    hist_top = max(patch.get_height() for patch in cx.patches)
    cx.set_ylim(0, 1.15 * min(max(float(comp.sum(axis=1).max()), hist_top), 5 * hist_top))
    L_ga, L_em = ga.loglik[min(t, ga.iterations)], em.loglik[min(t, em.iterations)]
    cx.set_title(f"iteration {t}:  $\\mathcal{{L}}$ = {L_ga:.2f} (ascent), {L_em:.2f} (EM)", fontsize=8)
    bx.set_title(f"ascent: {ga.stopped}\nEM: {em.stopped}", fontsize=7, loc="left")
    view["at"] = (at_ga, at_em)


# --- notebook 00: everything at once --------------------------------------------------


def draw_playground(fig: Figure, x: np.ndarray, p: dict) -> dict:
    r"""The mixture over the data with arrows for the gradient, the responsibilities,
    and every parameter's gradient as a bar.

    Parameters
    ----------
    fig : Figure
        An empty figure (or one with three axes: mixture, responsibilities, bars).
    x : ndarray, shape (m,)
    p : dict

    Returns
    -------
    dict

    Notes
    -----
    Arrows start at each :math:`\mu_k` and end at
    :math:`\mu_k + \frac{\sigma_k^2}{N_k}\frac{\partial\mathcal{L}}{\partial\mu_k}` (where
    EM would move the mean). The bars show, per point (divided by m), the gradient with
    respect to :math:`\mu_k`, :math:`\log\sigma_k` and, along :math:`\pi_2 = 1-\pi_1`,
    :math:`\pi_1`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots import new_figure, default_params
    >>> from mogcore.plots_fitting import draw_playground
    >>> x = np.array([1.0, 1.2, 3.9, 4.1, 4.3])
    >>> view = draw_playground(new_figure(0, 0)[0], x, default_params(x))
    >>> len(view["bar_values"])
    5
    """
    if not fig.axes:
        gs = fig.add_gridspec(2, 2, height_ratios=[2, 1], width_ratios=[2.2, 1])
        top = fig.add_subplot(gs[0, 0])
        fig.add_subplot(gs[1, 0], sharex=top)
        fig.add_subplot(gs[:, 1])
    ax, rx, bx = fig.axes[:3]
    grid = _grid(x)
    ax.hist(x, bins=30, density=True, color=style.DATA_COLOR)
    comps = [ax.plot(grid, np.zeros_like(grid), color=style.component_color(k), lw=2)[0] for k in range(2)]
    mix = ax.plot(grid, np.zeros_like(grid), color=style.MIXTURE_COLOR, lw=1.2, ls="--")[0]
    arrows = [
        ax.annotate(
            "", xy=(0, 0), xytext=(0, 0), arrowprops=dict(arrowstyle="-|>", color=style.component_color(k), lw=2.5)
        )
        for k in range(2)
    ]
    ax.set_xlim(grid[0], grid[-1])
    ax.set_ylabel("density")
    resp = [rx.plot(grid, np.zeros_like(grid), color=style.component_color(k), lw=2)[0] for k in range(2)]
    rx.plot(x, np.full_like(x, -0.08), "|", color="#555555", ms=5)
    rx.set_ylim(-0.15, 1.05)
    rx.set_xlabel("$x$")
    rx.set_ylabel("$\\gamma_k(x)$")
    names = ["$\\mu_1$", "$\\mu_2$", "$\\log\\sigma_1$", "$\\log\\sigma_2$", "$\\pi_1$"]
    colors = [style.component_color(0), style.component_color(1)] * 2 + [style.component_color(0)]
    bars = bx.barh(np.arange(5)[::-1], np.zeros(5), color=colors)
    bx.set_yticks(np.arange(5)[::-1], names)
    bx.axvline(0, color="#555555", lw=0.8)
    bx.set_xlabel("gradient / m")
    view = {"axes": (ax, rx, bx), "x": x, "grid": grid, "components": comps, "mixture": mix, "arrows": arrows}
    view.update(resp=resp, bars=bars)
    update_playground(view, p)
    return view


def update_playground(view: dict, p: dict) -> None:
    """Move the artists of :func:`draw_playground` to the parameters ``p``."""
    ax, _, bx = view["axes"]
    x, grid = view["x"], view["grid"]
    w, mu, var = mixture_arrays(p)
    comp = component_pdfs(grid, w, mu, var)
    for k, line in enumerate(view["components"]):
        line.set_ydata(comp[:, k])
    view["mixture"].set_ydata(comp.sum(axis=1))
    hist_top = max(patch.get_height() for patch in ax.patches)
    top = 1.2 * max(hist_top, min(float(comp.sum(axis=1).max()), 4 * hist_top))
    ax.set_ylim(0, top)
    L, g = value_and_gradients(x, w, mu, var)
    n_k = g.weights * w
    for k, arrow in enumerate(view["arrows"]):
        target = mu[k] + var[k] / max(n_k[k], 1e-300) * g.means[k]
        target = float(np.clip(target, grid[0], grid[-1]))
        y = (0.9 - 0.1 * k) * top
        arrow.set_position((mu[k], y))
        arrow.xy = (target, y)
    gam = responsibilities(grid, w, mu, var)
    for k, line in enumerate(view["resp"]):
        line.set_ydata(gam[:, k])
    m = len(x)
    values = np.array(
        [
            g.means[0],
            g.means[1],
            2 * var[0] * g.variances[0],
            2 * var[1] * g.variances[1],
            g.weights[0] - g.weights[1],
        ]
    ) / max(m, 1)
    for bar, v in zip(view["bars"], values):
        bar.set_width(v)
    big = max(float(np.abs(values).max()), 1e-12)
    bx.set_xlim(-1.15 * big, 1.15 * big)
    ax.set_title(f"$\\mathcal{{L}}$ = {float(L):.2f}   (arrows: where EM would move each mean)", fontsize=9, loc="left")
    view["bar_values"], view["loglik"] = values, float(L)


