r"""Figures for notebook 04, the variance gradient: ``draw_*`` / ``update_*`` pairs.

Same contract as :mod:`mogcore.plots`: ``draw_*(fig, x, p)`` builds the artists once and
``update_*(view, p)`` moves them. Parameters travel as the dict
``{"pi1", "mu1", "mu2", "var1", "var2"}``; the collapse view adds ``"j"``, the index
(in sorted order) of the data point that :math:`\mu_1` sits on.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from . import style
from .gradients import value_and_gradients
from .mixture import log_likelihood, log_likelihood_per_point, responsibilities
from .plots import _grid, field_artists, mark_point, mixture_arrays, redraw_contours
from .priors import log_prior_variances

# --- L along sigma_1^2, with its tangent, and each point's pull -----------------------


def variance_slice_limits(p: dict) -> tuple[float, float]:
    r"""The :math:`\sigma_1^2` axis of :func:`draw_variance_slice`: :math:`(0, 4\sigma_1^2)` at the start.

    Parameters
    ----------
    p : dict
        The starting parameters.

    Returns
    -------
    (float, float)

    Notes
    -----
    A linear axis, so the tangent :math:`\mathcal{L}_0 + g\,(\sigma_1^2 - s_0)` is a straight line.

    Examples
    --------
    >>> from mogcore.plots_variance import variance_slice_limits
    >>> variance_slice_limits(dict(var1=0.1))
    (0.0, 0.4)
    """
    return 0.0, 4.0 * float(p["var1"])


def draw_variance_slice(fig: Figure, x: np.ndarray, p: dict) -> dict:
    r"""Left: :math:`\mathcal{L}` against :math:`\sigma_1^2` with the tangent at the slider's value.
    Right: each point's term of :math:`\partial\mathcal{L}/\partial\sigma_1^2`, over :math:`x`.

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
    The tangent's slope is

    .. math:: \frac{\partial \mathcal{L}}{\partial \sigma_1^2}
              = \frac12 \sum_{i=1}^{m} \gamma_{i1}\left[\frac{(x_i-\mu_1)^2}{\sigma_1^4}
              - \frac{1}{\sigma_1^2}\right]

    and the stems on the right are its m terms. The shaded band is
    :math:`\mu_1 \pm \sigma_1`: points inside it pull :math:`\sigma_1^2` down, points
    outside pull it up.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots import new_figure, default_params
    >>> from mogcore.plots_variance import draw_variance_slice
    >>> x = np.array([1.0, 1.2, 3.9, 4.1, 4.3])
    >>> view = draw_variance_slice(new_figure(1, 2)[0], x, default_params(x))
    >>> view["terms"].shape
    (5,)
    """
    ax, bx = fig.axes[:2] if len(fig.axes) >= 2 else fig.subplots(1, 2)
    lo, hi = variance_slice_limits(p)
    axis = np.linspace(hi / 400, hi, 300)
    c1 = style.component_color(0)
    curve = ax.plot(axis, np.zeros_like(axis), color=c1, lw=2, label="$\\mathcal{L}(\\sigma_1^2)$")[0]
    tangent = ax.plot([], [], color=style.GRADIENT_COLOR, lw=2, label="tangent")[0]
    here = ax.plot([], [], "o", color=style.GRADIENT_COLOR, ms=7, zorder=4)[0]
    ax.set_xlim(lo, hi)
    ax.set_xlabel("$\\sigma_1^2$", color=c1)
    ax.set_ylabel("$\\mathcal{L}$")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    band = bx.axvspan(0.0, 1.0, color=c1, alpha=0.15, lw=0, label="$\\mu_1 \\pm \\sigma_1$")
    stems = bx.vlines(x, 0, np.zeros_like(x), color=c1, lw=1)
    bx.axhline(0, color="#555555", lw=0.8)
    bx.set_xlim(*_grid(x)[[0, -1]])
    bx.set_xlabel("$x_i$")
    bx.set_ylabel("pull on $\\sigma_1^2$", fontsize=9)
    bx.legend(loc="upper right", fontsize=8, frameon=False)
    view = {
        "ax": ax,
        "bx": bx,
        "x": x,
        "axis": axis,
        "curve": curve,
        "tangent": tangent,
        "here": here,
        "band": band,
        "stems": stems,
        "span": hi - lo,
    }
    update_variance_slice(view, p)
    return view


def update_variance_slice(view: dict, p: dict) -> None:
    """Move the artists of :func:`draw_variance_slice` to the parameters ``p``."""
    w, mu, var = mixture_arrays(p)
    x, axis, ax = view["x"], view["axis"], view["ax"]
    variances = np.column_stack([axis, np.full_like(axis, var[1])])
    Ls = log_likelihood(x, w, mu, variances)  # one batched call along the slice
    view["curve"].set_ydata(Ls)
    L0, g = value_and_gradients(x, w, mu, var)
    L0, slope, v0 = float(L0), float(g.variances[0]), float(var[0])
    half = view["span"] / 6
    tx = np.array([v0 - half, v0 + half])
    view["tangent"].set_data(tx, L0 + slope * (tx - v0))
    view["here"].set_data([v0], [L0])
    top = max(float(Ls.max()), L0)
    bottom = min(float(np.quantile(Ls, 0.1)), L0)
    pad = 0.08 * (top - bottom or 1.0)
    ax.set_ylim(bottom - pad, top + pad)
    ax.set_title(
        f"$\\partial\\mathcal{{L}}/\\partial\\sigma_1^2$ = {slope:.2f} at $\\sigma_1^2$ = {v0:.3g};  "
        f"$\\mathcal{{L}}$ = {L0:.1f}",
        fontsize=9,
    )
    gamma = responsibilities(x, w, mu, var)[:, 0]
    terms = 0.5 * gamma * ((x - mu[0]) ** 2 / var[0] ** 2 - 1.0 / var[0])
    segs = np.stack([np.column_stack([x, np.zeros_like(x)]), np.column_stack([x, terms])], axis=1)
    view["stems"].set_segments(segs)
    sd = np.sqrt(var[0])
    view["band"].set_x(mu[0] - sd)
    view["band"].set_width(2 * sd)
    big = max(float(np.abs(terms).max()), 1e-12)
    view["bx"].set_ylim(-1.1 * big, 1.1 * big)
    view["bx"].set_title(f"sum of the stems = {terms.sum():.2f}", fontsize=9, loc="left")
    view["terms"], view["slope"], view["loglik"] = terms, slope, L0


# --- the field over (mu_1, log sigma_1) -----------------------------------------------


def draw_variance_field(fig: Figure, x: np.ndarray, p: dict, n: int = 48, arrows: int = 16) -> dict:
    r"""The gradient field of L over :math:`(\mu_1, \log\sigma_1)`, on L's contours.

    Parameters
    ----------
    fig : Figure
        An empty figure.
    x : ndarray, shape (m,)
    p : dict
        :math:`\pi_1, \mu_2, \sigma_2^2` shape the field; :math:`(\mu_1, \sigma_1^2)` is the dot.
    n : int
        Contour grid size (one batched call over n x n settings).
    arrows : int
        Arrows per axis.

    Returns
    -------
    dict

    Notes
    -----
    Arrows point along
    :math:`\left(\partial\mathcal{L}/\partial\mu_1,\ \partial\mathcal{L}/\partial\log\sigma_1\right)`,
    normalised, with
    :math:`\partial\mathcal{L}/\partial\log\sigma_1 = \sum_i\gamma_{i1}\left[(x_i-\mu_1)^2/\sigma_1^2 - 1\right]`.
    The vertical axis spans :math:`\sigma_1^2` from :math:`10^{-3}\operatorname{var}(x)` to
    :math:`2\operatorname{var}(x)`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots import new_figure, default_params
    >>> from mogcore.plots_variance import draw_variance_field
    >>> x = np.array([1.0, 1.2, 3.9, 4.1, 4.3])
    >>> view = draw_variance_field(new_figure()[0], x, default_params(x), n=10, arrows=5)
    >>> view["field"][0].shape
    (10, 10)
    """
    ax = fig.axes[0] if fig.axes else fig.subplots()
    g = _grid(x, 2)
    v = float(np.var(x)) or 1.0
    s_lo, s_hi = 0.5 * np.log(1e-3 * v), 0.5 * np.log(2 * v)
    m1, s1 = np.meshgrid(np.linspace(g[0], g[1], n), np.linspace(s_lo, s_hi, n), indexing="xy")
    view = field_artists(ax, m1, s1, arrows, scale_units="xy", scale=1.0)
    ax.plot(x, np.full_like(x, s_lo), "|", color="#555555", ms=8, clip_on=False)
    ax.set_xlim(g[0], g[1])
    ax.set_ylim(s_lo, s_hi)
    ax.set_xlabel("$\\mu_1$", color=style.component_color(0))
    ax.set_ylabel("$\\log\\sigma_1$", color=style.component_color(0))
    view.update(ax=ax, x=x, mu1=m1, s1=s1, spans=(g[1] - g[0], s_hi - s_lo))
    update_variance_field(view, p)
    return view


def update_variance_field(view: dict, p: dict) -> None:
    """Recompute the field of :func:`draw_variance_field` (one batched call) and move its artists."""
    w, mu, var = mixture_arrays(p)
    m1, s1 = view["mu1"], view["s1"]
    means = np.stack([m1, np.full_like(m1, mu[1])], axis=-1)
    variances = np.stack([np.exp(2 * s1), np.full_like(s1, var[1])], axis=-1)
    L, g = value_and_gradients(view["x"], w, means, variances)
    d_s = 2 * variances[..., 0] * g.variances[..., 0]  # dL/dlog sigma_1 = 2 sigma_1^2 dL/dsigma_1^2
    sub = view["sub"]
    sx, sy = view["spans"]
    gu, gv = g.means[..., 0][sub], d_s[sub]
    norm = np.hypot(gu / sx, gv / sy)  # every arrow 1/14 of the axes long on screen
    norm[norm == 0] = 1.0
    view["quiver"].set_UVC(gu / norm / 14, gv / norm / 14)
    redraw_contours(view, m1, s1, L)
    view["field"] = (L, g.means[..., 0], d_s)
    L0, g0 = value_and_gradients(view["x"], w, mu, var)
    s0 = 0.5 * np.log(var[0])
    here_u, here_v = float(g0.means[0]), float(2 * var[0] * g0.variances[0])
    norm0 = max(float(np.hypot(here_u / sx, here_v / sy)), 1e-300)
    mark_point(view, mu[0], s0, here_u / norm0 * 0.12, here_v / norm0 * 0.12)
    view["ax"].set_title(
        f"at the dot: $\\partial\\mathcal{{L}}/\\partial\\mu_1$ = {here_u:.2f}, "
        f"$\\partial\\mathcal{{L}}/\\partial\\log\\sigma_1$ = {here_v:.2f};  $\\mathcal{{L}}$ = {float(L0):.1f}",
        fontsize=9,
    )
    view["gradient"] = (here_u, here_v)


# --- the singularity: mu_1 on a data point, sigma_1 -> 0 --------------------------------

#: The inverse-gamma prior drawn as the remedy, as (shape, scale / var(x)).
PRIOR = (2.0, 0.01)


def collapse_axis(x: np.ndarray) -> np.ndarray:
    r"""The :math:`\sigma_1^2` values of the collapse view: :math:`10^{-20}` to 2 times var(x), log-spaced.

    Parameters
    ----------
    x : ndarray, shape (m,)

    Returns
    -------
    ndarray, shape (200,)

    Notes
    -----
    Twenty decades: far enough that :math:`\mathcal{L} \approx -\tfrac12\log\sigma_1^2` is plain to see.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots_variance import collapse_axis
    >>> a = collapse_axis(np.array([0.0, 2.0]))
    >>> float(a[0]), float(a[-1])
    (1e-20, 2.0)
    """
    v = float(np.var(x)) or 1.0
    return np.logspace(np.log10(v) - 20, np.log10(2 * v), 200)


def draw_collapse(fig: Figure, x: np.ndarray, p: dict) -> dict:
    r"""The singularity: :math:`\mathcal{L}` as :math:`\sigma_1 \to 0` with :math:`\mu_1` on a data point.

    Parameters
    ----------
    fig : Figure
        An empty figure.
    x : ndarray, shape (m,)
    p : dict
        Also ``"j"``: :math:`\mu_1` is put on the j-th smallest data point (j counts from 0).

    Returns
    -------
    dict

    Notes
    -----
    Left, against :math:`\sigma_1^2` (log axis): :math:`\mathcal{L}` with :math:`\mu_1 = x_{(j)}`
    (it grows without bound, like :math:`-\tfrac12\log\sigma_1^2`); the same with :math:`\mu_1`
    a hundredth of a standard deviation away (it falls); and the remedy
    :math:`\mathcal{L} + \log p(\sigma^2)` with an inverse-gamma prior (bounded).
    Right: how much the point's own term :math:`\log p(x_{(j)})` and the sum of all the
    other terms have changed since :math:`\sigma_1^2 = 2\operatorname{var}(x)`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots import new_figure, default_params
    >>> from mogcore.plots_variance import draw_collapse
    >>> x = np.array([1.0, 1.2, 3.9, 4.1, 4.3])
    >>> view = draw_collapse(new_figure(1, 2)[0], x, dict(default_params(x), j=2, var1=1e-12))
    >>> bool(np.isfinite(view["loglik"]))
    True
    """
    ax, bx = fig.axes[:2] if len(fig.axes) >= 2 else fig.subplots(1, 2, width_ratios=[2, 1])
    axis = collapse_axis(x)
    c1 = style.component_color(0)
    on = ax.plot(axis, np.zeros_like(axis), color=c1, lw=2, label="$\\mu_1$ on the point")[0]
    off = ax.plot(axis, np.zeros_like(axis), color=c1, lw=1.2, ls=":", label="$\\mu_1$ 0.01 sd off it")[0]
    prior = ax.plot(
        axis, np.zeros_like(axis), color=style.MIXTURE_COLOR, lw=1.2, ls="--", label="$\\mathcal{L}$ + log prior"
    )[0]
    here = ax.plot([], [], "o", color=style.GRADIENT_COLOR, ms=7, zorder=4)[0]
    ax.set_xscale("log")
    ax.set_xlim(axis[0], axis[-1])
    ax.set_xlabel("$\\sigma_1^2$ (log scale)", color=c1)
    ax.set_ylabel("$\\mathcal{L}$")
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    bars = bx.bar([0, 1], [0.0, 0.0], color=[c1, style.DATA_COLOR])
    bx.set_xticks([0, 1], ["its own term", "all other\npoints"], fontsize=8)
    bx.axhline(0, color="#555555", lw=0.8)
    xs = np.sort(x)
    view = {"ax": ax, "bx": bx, "x": x, "sorted": xs, "axis": axis, "on": on, "off": off, "prior": prior}
    view.update(here=here, bars=bars, sd=float(np.std(x)) or 1.0, var_x=float(np.var(x)) or 1.0)
    update_collapse(view, p)
    return view


def update_collapse(view: dict, p: dict) -> None:
    """Move the artists of :func:`draw_collapse` to the parameters ``p``."""
    xs, axis, x = view["sorted"], view["axis"], view["x"]
    j = int(min(max(round(p["j"]), 0), len(xs) - 1))
    w, mu, var = mixture_arrays(p)
    mu = np.array([xs[j], mu[1]])
    variances = np.column_stack([axis, np.full_like(axis, var[1])])
    L_on = log_likelihood(x, w, mu, variances)
    L_off = log_likelihood(x, w, mu + [0.01 * view["sd"], 0.0], variances)
    a, b = PRIOR
    L_prior = L_on + log_prior_variances(variances, shape=a, scale=b * view["var_x"])
    view["on"].set_ydata(L_on)
    view["off"].set_ydata(L_off)
    view["prior"].set_ydata(np.maximum(L_prior, L_on.min() - 1e3))  # far below the axes, but finite
    mine = x == xs[j]
    per_point = log_likelihood_per_point(x, w, mu, var)
    own, L0 = float(per_point[mine].sum()), float(per_point.sum())
    ref = log_likelihood_per_point(x, w, mu, [axis[-1], var[1]])  # the same, at the widest sigma_1
    own_ref, L_ref = float(ref[mine].sum()), float(ref.sum())
    view["here"].set_data([var[0]], [L0])
    top, bottom = float(L_on.max()), float(min(L_off.min(), L_on.min()))
    pad = 0.08 * (top - bottom or 1.0)
    view["ax"].set_ylim(bottom - pad, top + pad)
    view["ax"].set_title(
        f"$\\mu_1$ on point $j$ = {j} ($x$ = {xs[j]:.3f}), $\\sigma_1^2$ = {var[0]:.2g}:  $\\mathcal{{L}}$ = {L0:.2f}",
        fontsize=9,
    )
    heights = [own - own_ref, (L0 - own) - (L_ref - own_ref)]
    for bar, h in zip(view["bars"], heights):
        bar.set_height(h)
    lo, hi = min(0.0, *heights), max(0.0, *heights)
    view["bx"].set_ylim(lo - 0.1 * (hi - lo or 1), hi + 0.1 * (hi - lo or 1))
    view["bx"].set_title("change since $\\sigma_1^2$ = 2 var($x$)", fontsize=9)
    view["loglik"], view["own"] = L0, own
