r"""Figures for notebook 05, the weight gradient under :math:`\sum_k \pi_k = 1`.

Same contract as :mod:`mogcore.plots`: ``draw_*(fig, x, p)`` builds the artists once and
``update_*(view, p)`` moves them, with ``p = {"pi1", "mu1", "mu2", "var1", "var2"}``.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from . import style
from .gradients import value_and_gradients
from .plots import mixture_arrays

#: The weight gradients drawn as tangents: (key, label, colour, line style).
TANGENTS = (
    ("exact", "exact $d\\mathcal{L}/d\\pi_1$ (with $\\pi_2 = 1-\\pi_1$)", style.GRADIENT_COLOR, "-"),
    ("projected", "projected: $g_1 - \\bar g$", style.MIXTURE_COLOR, "--"),
    ("softmax", "softmax: $\\partial\\mathcal{L}/\\partial\\eta_1$", "#CC79A7", "-."),
    ("partial", "partial $\\partial\\mathcal{L}/\\partial\\pi_1$ (ignores $\\sum\\pi=1$)", "#888888", ":"),
)


def weight_slopes(x: np.ndarray, p: dict) -> dict[str, float]:
    r"""The four weight gradients of the K = 2 mixture at ``p``, and :math:`N_1, N_2`.

    Parameters
    ----------
    x : ndarray, shape (m,)
    p : dict

    Returns
    -------
    dict
        ``exact``, ``projected``, ``softmax``, ``partial`` (component 1 of each), ``N1``,
        ``N2`` and ``loglik``.

    Notes
    -----
    With :math:`g_k = N_k/\pi_k`:

    .. math::
        \text{exact} = g_1 - g_2, \quad
        \text{projected} = g_1 - \tfrac12(g_1 + g_2) = \tfrac12(g_1 - g_2), \quad
        \text{softmax} = N_1 - m\pi_1 = \pi_1\pi_2\,(g_1 - g_2), \quad
        \text{partial} = g_1

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots_weights import weight_slopes
    >>> s = weight_slopes(np.array([0.0, 0.1, 5.0]), dict(pi1=0.5, mu1=0.0, mu2=5.0, var1=1.0, var2=1.0))
    >>> round(s["exact"], 6) == round(2 * s["projected"], 6), round(s["softmax"], 6) == round(s["exact"] / 4, 6)
    (True, True)
    """
    w, mu, var = mixture_arrays(p)
    L, g = value_and_gradients(x, w, mu, var)
    n = g.weights * w
    exact = float(g.weights[0] - g.weights[1])
    return {
        "exact": exact,
        "projected": exact / 2,
        "softmax": float(n[0] - len(x) * w[0]),
        "partial": float(g.weights[0]),
        "N1": float(n[0]),
        "N2": float(n[1]),
        "loglik": float(L),
    }


def best_weight(x: np.ndarray, p: dict, n: int = 2001) -> float:
    r"""The :math:`\pi_1` where the exact derivative crosses zero (the means and variances fixed).

    Parameters
    ----------
    x : ndarray, shape (m,)
    p : dict
    n : int
        Grid points in (0, 1), evaluated in one batched call, then linear interpolation.

    Returns
    -------
    float

    Notes
    -----
    :math:`d\mathcal{L}/d\pi_1 = (N_1 - m\pi_1)/(\pi_1(1-\pi_1))` decreases in :math:`\pi_1`
    (L is concave along the segment), so it crosses zero once, where :math:`\pi_1 = N_1/m`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots_weights import best_weight
    >>> x = np.array([-0.1, 0.0, 0.1, 9.9, 10.0, 10.1, 10.2, 9.8])
    >>> round(best_weight(x, dict(pi1=0.5, mu1=0.0, mu2=10.0, var1=1.0, var2=1.0)), 3)
    0.375
    """
    _, mu, var = mixture_arrays(p)
    pis = np.linspace(0.0, 1.0, n + 2)[1:-1]
    g = value_and_gradients(x, np.column_stack([pis, 1 - pis]), mu, var)[1].weights
    d = g[:, 0] - g[:, 1]
    k = int(np.argmax(d <= 0))
    if d[0] <= 0:
        return float(pis[0])
    if d[-1] > 0:
        return float(pis[-1])
    return float(pis[k - 1] + (pis[k] - pis[k - 1]) * d[k - 1] / (d[k - 1] - d[k]))


def draw_weight_slice(fig: Figure, x: np.ndarray, p: dict) -> dict:
    r"""Left: :math:`\mathcal{L}` along :math:`\pi_1 \in (0, 1)` with four tangent lines.
    Right: :math:`N_1, N_2` beside :math:`m\pi_1, m\pi_2`.

    Parameters
    ----------
    fig : Figure
        An empty figure.
    x : ndarray, shape (m,)
    p : dict

    Returns
    -------
    dict

    Notes
    -----
    Each tangent is drawn through :math:`(\pi_1, \mathcal{L})` with its own gradient as the
    slope (see :func:`weight_slopes`); only the exact one is the true tangent of the curve.
    The dotted vertical line is :math:`\pi_1^\star`, where the exact derivative is 0 and
    :math:`\pi_1 = N_1/m`; the triangle is :math:`N_1/m` at the slider's :math:`\pi_1`
    (where one EM step would put :math:`\pi_1`).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots import new_figure, default_params
    >>> from mogcore.plots_weights import draw_weight_slice
    >>> x = np.array([1.0, 1.2, 3.9, 4.1, 4.3])
    >>> view = draw_weight_slice(new_figure(1, 2)[0], x, default_params(x))
    >>> sorted(view["tangents"])
    ['exact', 'partial', 'projected', 'softmax']
    """
    ax, bx = fig.axes[:2] if len(fig.axes) >= 2 else fig.subplots(1, 2, width_ratios=[3, 1])
    pis = np.linspace(0.0, 1.0, 402)[1:-1]
    curve = ax.plot(pis, np.zeros_like(pis), color=style.component_color(0), lw=2.5)[0]
    tangents = {
        key: ax.plot([], [], color=color, ls=ls, lw=1.6, label=label)[0] for key, label, color, ls in TANGENTS
    }
    here = ax.plot([], [], "o", color=style.GRADIENT_COLOR, ms=7, zorder=4)[0]
    star = ax.axvline(0.5, color="#555555", ls=":", lw=1.2)  # moved to pi_1* by the update
    em_next = ax.plot([], [], "v", color=style.MIXTURE_COLOR, ms=8, zorder=4)[0]
    ax.set_xlim(0, 1)
    ax.set_xlabel("$\\pi_1$  ($\\pi_2 = 1 - \\pi_1$)")
    ax.set_ylabel("$\\mathcal{L}$")
    ax.legend(loc="lower center", fontsize=7, frameon=False)
    bars_n = bx.bar([0, 1], [0.0, 0.0], color=[style.component_color(0), style.component_color(1)], label="$N_k$")
    ticks = bx.plot([0, 1], [0.0, 0.0], "_", color=style.MIXTURE_COLOR, ms=28, mew=2.5, label="$m\\pi_k$")[0]
    bx.set_xticks([0, 1], ["$k=1$", "$k=2$"])
    bx.set_ylim(0, 1.35 * len(x))
    bx.legend(loc="upper left", fontsize=7, frameon=False)
    view = {"ax": ax, "bx": bx, "x": x, "pis": pis, "curve": curve, "tangents": tangents, "here": here}
    view.update(star=star, em_next=em_next, bars=bars_n, ticks=ticks, means_vars=None)
    update_weight_slice(view, p)
    return view


def update_weight_slice(view: dict, p: dict) -> None:
    """Move the artists of :func:`draw_weight_slice` to the parameters ``p``."""
    x, pis, ax = view["x"], view["pis"], view["ax"]
    _, mu, var = mixture_arrays(p)
    key = (tuple(mu), tuple(var))
    if view["means_vars"] != key:  # the curve and its peak depend only on the means and variances
        Ls = value_and_gradients(x, np.column_stack([pis, 1 - pis]), mu, var)[0]
        view["curve"].set_ydata(Ls)
        star = best_weight(x, p)
        view["star"].set_xdata([star, star])
        top, bottom = float(Ls.max()), float(np.quantile(Ls, 0.15))
        pad = 0.1 * (top - bottom or 1.0)
        ax.set_ylim(bottom - 2 * pad, top + pad)
        view.update(means_vars=key, best=star, Ls=Ls)
    s = weight_slopes(x, p)
    p1 = float(p["pi1"])
    tx = np.array([p1 - 0.2, p1 + 0.2])
    for k, line in view["tangents"].items():
        line.set_data(tx, s["loglik"] + s[k] * (tx - p1))
    view["here"].set_data([p1], [s["loglik"]])
    m = len(x)
    n1_over_m = s["N1"] / m
    view["em_next"].set_data([n1_over_m], [float(np.interp(n1_over_m, pis, view["Ls"]))])
    for bar, h in zip(view["bars"], (s["N1"], s["N2"])):
        bar.set_height(h)
    view["ticks"].set_ydata([m * p1, m * (1 - p1)])
    view["bx"].set_title(f"$N_1$ = {s['N1']:.1f}, $N_2$ = {s['N2']:.1f}", fontsize=9)
    ax.set_title(
        f"$\\pi_1$ = {p1:.2f}: exact {s['exact']:.1f}, projected {s['projected']:.1f}, "
        f"softmax {s['softmax']:.1f}, partial {s['partial']:.1f};  $\\pi_1^\\star$ = {view['best']:.3f}",
        fontsize=8,
    )
    view["slopes"] = s
