r"""Static figure builders for the notebooks: ``draw_*`` / ``update_*`` pairs.

``draw_*(fig, x, params)`` lays out a view on a :class:`matplotlib.figure.Figure` and
returns its artists in a dict; ``update_*(view, params)`` moves those same artists to new
parameter values, without building a new figure. The live explorers in
:mod:`mogcore.widgets` and the static figures under them share these pairs, so the
two cannot drift apart. No pyplot, no global rcParams: figures are built explicitly.

Parameters of the two-component teaching case travel as a dict
``{"pi1", "mu1", "mu2", "var1", "var2"}`` (with :math:`\pi_2 = 1 - \pi_1`).
"""

from __future__ import annotations

import io

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from . import style
from .gradients import value_and_gradients
from .mixture import component_pdfs, log_likelihood, responsibilities

PARAM_NAMES = ("pi1", "mu1", "mu2", "var1", "var2")


def mixture_arrays(p: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""``(weights, means, variances)`` of the K = 2 mixture in the dict ``p``.

    Parameters
    ----------
    p : dict
        Keys ``pi1, mu1, mu2, var1, var2``.

    Returns
    -------
    tuple of ndarray, each shape (2,)

    Notes
    -----
    :math:`\pi = (\pi_1, 1 - \pi_1)`, :math:`\mu = (\mu_1, \mu_2)`,
    :math:`\sigma^2 = (\sigma_1^2, \sigma_2^2)`.

    Examples
    --------
    >>> from mogcore.plots import mixture_arrays
    >>> w, mu, var = mixture_arrays(dict(pi1=0.3, mu1=0.0, mu2=4.0, var1=1.0, var2=2.0))
    >>> w.tolist(), mu.tolist()
    ([0.3, 0.7], [0.0, 4.0])
    """
    return (
        np.array([p["pi1"], 1.0 - p["pi1"]]),
        np.array([p["mu1"], p["mu2"]]),
        np.array([p["var1"], p["var2"]]),
    )


def default_params(x: np.ndarray) -> dict:
    r"""A reasonable, deliberately imperfect starting mixture for the data ``x``.

    Parameters
    ----------
    x : ndarray, shape (m,)

    Returns
    -------
    dict
        Means at the 25th and 75th percentiles, both variances a quarter of the data's,
        :math:`\pi_1 = 0.5`.

    Notes
    -----
    :math:`\mu_1 = q_{0.25}(x)`, :math:`\mu_2 = q_{0.75}(x)`,
    :math:`\sigma_1^2 = \sigma_2^2 = \operatorname{var}(x)/4`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots import default_params
    >>> default_params(np.array([0.0, 1.0, 2.0, 3.0, 4.0]))["mu1"]
    1.0
    """
    q1, q3 = np.percentile(x, [25, 75])
    v = float(np.var(x)) / 4.0
    return {"pi1": 0.5, "mu1": float(q1), "mu2": float(q3), "var1": v, "var2": v}


def new_figure(nrows: int = 1, ncols: int = 1, figsize=style.WIDE, **kw) -> tuple[Figure, np.ndarray]:
    """A pyplot-free figure with an Agg canvas and a grid of axes.

    Parameters
    ----------
    nrows, ncols : int
        0 for an empty figure.
    figsize : tuple of float
    **kw
        Passed to :meth:`Figure.subplots`.

    Returns
    -------
    fig : Figure
    axes : ndarray of Axes

    Notes
    -----
    Uses ``layout="constrained"``; the figure is never registered with pyplot, so it
    is not shown twice and never leaks.

    Examples
    --------
    >>> from mogcore.plots import new_figure
    >>> fig, axes = new_figure(1, 2)
    >>> axes.shape
    (2,)
    """
    fig = Figure(figsize=figsize, dpi=style.DPI, layout="constrained")
    FigureCanvasAgg(fig)
    if nrows == 0 or ncols == 0:  # an empty figure, for views that lay out their own axes
        return fig, np.array([], dtype=object)
    axes = fig.subplots(nrows, ncols, squeeze=False, **kw)
    return fig, axes.ravel()


def figure_png(fig: Figure) -> bytes:
    """Render a figure to PNG bytes.

    Parameters
    ----------
    fig : Figure

    Returns
    -------
    bytes

    Notes
    -----
    Rendered by Agg at the figure's own dpi (:data:`mogcore.style.DPI`).

    Examples
    --------
    >>> from mogcore.plots import new_figure, figure_png
    >>> figure_png(new_figure()[0])[:4]
    b'\\x89PNG'
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=style.DPI)
    return buf.getvalue()


def _grid(x: np.ndarray, n: int = 400) -> np.ndarray:
    lo, hi = float(np.min(x)), float(np.max(x))
    pad = 0.15 * (hi - lo or 1.0)
    return np.linspace(lo - pad, hi + pad, n)


# --- 01: the mixture over the data ------------------------------------------------


def draw_mixture(fig: Figure, x: np.ndarray, p: dict) -> dict:
    r"""The weighted components and the mixture over a histogram of the data.

    Parameters
    ----------
    fig : Figure
        An empty figure (see :func:`new_figure`).
    x : ndarray, shape (m,)
        Data.
    p : dict
        Parameters (see :func:`mixture_arrays`).

    Returns
    -------
    dict
        The view: its artists, the data and the evaluation grid.

    Notes
    -----
    Draws :math:`\pi_k \mathcal{N}(x \mid \mu_k, \sigma_k^2)` for each k and
    :math:`p(x) = \sum_k \pi_k \mathcal{N}(x \mid \mu_k, \sigma_k^2)`; the title shows
    :math:`\mathcal{L}`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots import new_figure, draw_mixture, update_mixture, default_params
    >>> x = np.array([1.0, 1.2, 3.9, 4.1, 4.3])
    >>> fig, _ = new_figure()
    >>> view = draw_mixture(fig, x, default_params(x))
    >>> update_mixture(view, dict(default_params(x), mu1=1.1))
    >>> bool(np.isfinite(view["mixture"].get_ydata()).all())
    True
    """
    ax = fig.axes[0] if fig.axes else fig.subplots()
    grid = _grid(x)
    ax.hist(x, bins=30, density=True, color=style.DATA_COLOR, label="data")
    comps = [
        ax.plot(
            grid,
            np.zeros_like(grid),
            color=style.component_color(k),
            lw=2,
            label=f"$\\pi_{k + 1}\\mathcal{{N}}_{k + 1}$",
        )[0]
        for k in range(2)
    ]
    mix = ax.plot(grid, np.zeros_like(grid), color=style.MIXTURE_COLOR, lw=1.5, ls="--", label="mixture $p(x)$")[0]
    ax.plot(x, np.full_like(x, -0.02), "|", color="#555555", ms=6)
    ax.set_xlabel("$x$")
    ax.set_ylabel("density")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    view = {"ax": ax, "x": x, "grid": grid, "components": comps, "mixture": mix}
    update_mixture(view, p)
    return view


def update_mixture(view: dict, p: dict) -> None:
    """Move the curves of :func:`draw_mixture` to the parameters ``p``."""
    w, mu, var = mixture_arrays(p)
    grid, ax = view["grid"], view["ax"]
    comp = component_pdfs(grid, w, mu, var)
    for k, line in enumerate(view["components"]):
        line.set_ydata(comp[:, k])
    mix = comp.sum(axis=1)
    view["mixture"].set_ydata(mix)
    hist_top = max(patch.get_height() for patch in ax.patches)
    ax.set_ylim(-0.05 * hist_top, 1.15 * max(hist_top, float(mix.max())))
    L = float(log_likelihood(view["x"], w, mu, var))
    ax.set_title(f"$\\mathcal{{L}}$ = {L:.2f}   (m = {len(view['x'])} points)", fontsize=10)
    view["loglik"] = L


# --- 02: responsibilities -----------------------------------------------------------


def _blend() -> LinearSegmentedColormap:
    return LinearSegmentedColormap.from_list("gamma", [style.component_color(1), style.component_color(0)])


def draw_responsibilities(fig: Figure, x: np.ndarray, p: dict, picked: np.ndarray | None = None) -> dict:
    r"""Responsibility curves, the data coloured by :math:`\gamma_{i1}`, and bars for picked points.

    Parameters
    ----------
    fig : Figure
        An empty figure.
    x : ndarray, shape (m,)
    p : dict
    picked : ndarray, optional
        Points shown as bars (default: five quantiles of the data).

    Returns
    -------
    dict

    Notes
    -----
    .. math:: \gamma_{k}(x) = \frac{\pi_k \mathcal{N}(x \mid \mu_k, \sigma_k^2)}
              {\sum_j \pi_j \mathcal{N}(x \mid \mu_j, \sigma_j^2)}

    Dashed lines mark the decision boundaries, where :math:`\gamma_1(x) = 1/2`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots import new_figure, draw_responsibilities, default_params
    >>> x = np.array([1.0, 1.2, 3.9, 4.1, 4.3])
    >>> view = draw_responsibilities(new_figure(1, 2)[0], x, default_params(x))
    >>> len(view["boundaries"])
    2
    """
    ax, bx = fig.axes[:2] if len(fig.axes) >= 2 else fig.subplots(1, 2, width_ratios=[3, 1])
    grid = _grid(x)
    curves = [
        ax.plot(grid, np.zeros_like(grid), color=style.component_color(k), lw=2, label=f"$\\gamma_{k + 1}(x)$")[0]
        for k in range(2)
    ]
    pts = ax.scatter(
        x, np.zeros_like(x), c=np.zeros_like(x), cmap=_blend(), vmin=0, vmax=1, s=14, edgecolors="none", zorder=3
    )
    bounds = [ax.axvline(np.nan, color="#555555", ls=":", lw=1) for _ in range(2)]
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlim(grid[0], grid[-1])
    ax.set_xlabel("$x$")
    ax.set_ylabel("responsibility")
    ax.legend(loc="center left", fontsize=8, frameon=False)
    if picked is None:
        picked = np.quantile(x, [0.05, 0.3, 0.5, 0.7, 0.95])
    labels = [f"{v:.2f}" for v in picked]
    pos = np.arange(len(picked))
    b1 = bx.bar(pos, np.zeros(len(picked)), color=style.component_color(0))
    b2 = bx.bar(pos, np.zeros(len(picked)), color=style.component_color(1))
    bx.set_xticks(pos, labels, fontsize=8, rotation=45)
    bx.set_ylim(0, 1)
    bx.set_title("$\\gamma_{i1}$, $\\gamma_{i2}$ at a few $x_i$", fontsize=9)
    view = {
        "ax": ax,
        "bx": bx,
        "x": x,
        "grid": grid,
        "curves": curves,
        "points": pts,
        "boundaries": bounds,
        "picked": np.asarray(picked),
        "bars": (b1, b2),
    }
    update_responsibilities(view, p)
    return view


def decision_boundaries(p: dict) -> np.ndarray:
    r"""The x where :math:`\gamma_1(x) = \gamma_2(x) = 1/2` (zero, one or two points).

    Parameters
    ----------
    p : dict

    Returns
    -------
    ndarray
        Sorted real roots.

    Notes
    -----
    The log-odds :math:`\log(\gamma_1/\gamma_2) = a_1(x) - a_2(x)` is quadratic in x:

    .. math:: \left(\frac{1}{2\sigma_2^2} - \frac{1}{2\sigma_1^2}\right) x^2
              + \left(\frac{\mu_1}{\sigma_1^2} - \frac{\mu_2}{\sigma_2^2}\right) x
              + \left(\log\frac{\pi_1}{\pi_2} - \frac12\log\frac{\sigma_1^2}{\sigma_2^2}
              - \frac{\mu_1^2}{2\sigma_1^2} + \frac{\mu_2^2}{2\sigma_2^2}\right) = 0

    so there are two boundaries when the variances differ, one when they are equal.

    Examples
    --------
    >>> from mogcore.plots import decision_boundaries
    >>> decision_boundaries(dict(pi1=0.5, mu1=0.0, mu2=4.0, var1=1.0, var2=1.0)).tolist()
    [2.0]
    """
    (w1, w2), (m1, m2), (v1, v2) = mixture_arrays(p)
    a = 0.5 / v2 - 0.5 / v1
    b = m1 / v1 - m2 / v2
    c = np.log(w1 / w2) - 0.5 * np.log(v1 / v2) - m1**2 / (2 * v1) + m2**2 / (2 * v2)
    if abs(a) < 1e-12 * max(abs(b), 1e-300):
        return np.array([-c / b]) if b != 0 else np.array([])
    roots = np.roots([a, b, c])
    return np.sort(roots[np.isreal(roots)].real)


def update_responsibilities(view: dict, p: dict) -> None:
    """Move the artists of :func:`draw_responsibilities` to the parameters ``p``."""
    w, mu, var = mixture_arrays(p)
    g = responsibilities(view["grid"], w, mu, var)
    for k, line in enumerate(view["curves"]):
        line.set_ydata(g[:, k])
    gx = responsibilities(view["x"], w, mu, var)[:, 0]
    view["points"].set_offsets(np.column_stack([view["x"], gx]))
    view["points"].set_array(gx)
    roots = decision_boundaries(p)
    roots = roots[(roots > view["grid"][0]) & (roots < view["grid"][-1])]
    for j, line in enumerate(view["boundaries"]):
        xv = roots[j] if j < len(roots) else np.nan
        line.set_xdata([xv, xv])
    gp = responsibilities(view["picked"], w, mu, var)
    b1, b2 = view["bars"]
    for i, (r1, r2) in enumerate(zip(b1, b2)):
        r1.set_height(gp[i, 0])
        r2.set_y(gp[i, 0])
        r2.set_height(gp[i, 1])
    view["gamma_picked"] = gp


# --- 03: the mean gradient -----------------------------------------------------------


def draw_mean_contributions(fig: Figure, x: np.ndarray, p: dict) -> dict:
    r"""Each point's pull on each mean, :math:`\gamma_{ik}(x_i-\mu_k)/\sigma_k^2`, as stems.

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
    The stems of component k add up to its gradient:

    .. math:: \frac{\partial \mathcal{L}}{\partial \mu_k}
              = \sum_{i=1}^{m} \gamma_{ik} \frac{x_i - \mu_k}{\sigma_k^2}

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots import new_figure, draw_mean_contributions, default_params
    >>> x = np.array([1.0, 1.2, 3.9, 4.1, 4.3])
    >>> view = draw_mean_contributions(new_figure(2, 1, sharex=True)[0], x, default_params(x))
    >>> view["contrib"].shape
    (5, 2)
    """
    axes = fig.axes[:2] if len(fig.axes) >= 2 else fig.subplots(2, 1, sharex=True)
    stems, marks = [], []
    for k, ax in enumerate(axes):
        color = style.component_color(k)
        stems.append(ax.vlines(x, 0, np.zeros_like(x), color=color, lw=1))
        marks.append(ax.axvline(0.0, color=color, ls="--", lw=1.5))
        ax.axhline(0, color="#555555", lw=0.8)
        ax.set_ylabel(f"pull on $\\mu_{k + 1}$", fontsize=9)
    axes[1].set_xlabel("$x_i$")
    axes[0].set_xlim(*_grid(x)[[0, -1]])
    view = {"axes": axes, "x": x, "stems": stems, "marks": marks}
    update_mean_contributions(view, p)
    return view


def update_mean_contributions(view: dict, p: dict) -> None:
    """Move the stems of :func:`draw_mean_contributions` to the parameters ``p``."""
    w, mu, var = mixture_arrays(p)
    x = view["x"]
    contrib = responsibilities(x, w, mu, var) * (x[:, None] - mu) / var
    view["contrib"] = contrib
    for k, ax in enumerate(view["axes"]):
        segs = np.stack([np.column_stack([x, np.zeros_like(x)]), np.column_stack([x, contrib[:, k]])], axis=1)
        view["stems"][k].set_segments(segs)
        view["marks"][k].set_xdata([mu[k], mu[k]])
        top = max(float(np.abs(contrib[:, k]).max()), 1e-12)
        ax.set_ylim(-1.1 * top, 1.1 * top)
        total = contrib[:, k].sum()
        ax.set_title(
            f"sum of the stems = $\\partial\\mathcal{{L}}/\\partial\\mu_{k + 1}$ = {total:.3f}", fontsize=9, loc="left"
        )


def draw_mean_field(
    fig: Figure, x: np.ndarray, p: dict, lims: tuple[float, float] | None = None, n: int = 48, arrows: int = 16
) -> dict:
    r"""The gradient field of L over the :math:`(\mu_1, \mu_2)` plane, on L's contours.

    Parameters
    ----------
    fig : Figure
        An empty figure.
    x : ndarray, shape (m,)
    p : dict
        The other parameters (pi1, var1, var2) shape the field; (mu1, mu2) is the marked point.
    lims : (float, float), optional
        Range of both axes (default: the data's range, padded).
    n : int
        Contour grid size (n x n parameter settings, one batched call).
    arrows : int
        Arrows per axis.

    Returns
    -------
    dict

    Notes
    -----
    Arrows show the direction of
    :math:`\left(\partial\mathcal{L}/\partial\mu_1, \partial\mathcal{L}/\partial\mu_2\right)`
    (normalised: their lengths vary over orders of magnitude); contours are drawn at
    :math:`\mathcal{L}_{\max} - \{1, 2, 5, 10, 20, 50, 100, 200, 500\}` over the plotted grid.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots import new_figure, draw_mean_field, default_params
    >>> x = np.array([1.0, 1.2, 3.9, 4.1, 4.3])
    >>> view = draw_mean_field(new_figure(figsize=(4, 4))[0], x, default_params(x), n=10, arrows=5)
    >>> view["quiver"].U.shape
    (25,)
    """
    ax = fig.axes[0] if fig.axes else fig.subplots()
    if lims is None:
        g = _grid(x, 2)
        lims = (float(g[0]), float(g[1]))
    axis = np.linspace(lims[0], lims[1], n)
    m1, m2 = np.meshgrid(axis, axis, indexing="xy")
    view = field_artists(ax, m1, m2, arrows, scale_units="width", scale=arrows * 1.3)
    ax.plot(lims, lims, color="#999999", lw=0.8, ls=":")
    ax.set_xlim(lims)
    ax.set_ylim(lims)
    ax.set_aspect("equal")
    ax.set_xlabel("$\\mu_1$", color=style.component_color(0))
    ax.set_ylabel("$\\mu_2$", color=style.component_color(1))
    view.update(ax=ax, x=x, mu1=m1, mu2=m2, lims=lims)
    update_mean_field(view, p)
    return view


LEVEL_OFFSETS = np.array([500.0, 200.0, 100.0, 50.0, 20.0, 10.0, 5.0, 2.0, 1.0])


def field_artists(ax, gx: np.ndarray, gy: np.ndarray, arrows: int, **quiver_scale) -> dict:
    r"""The artists every gradient-field view shares: a grid of arrows, a marked point and its arrow.

    Parameters
    ----------
    ax : Axes
    gx, gy : ndarray, shape (n, n)
        The grid (from :func:`numpy.meshgrid`); every ``n // arrows``-th node gets an arrow.
    arrows : int
        Arrows per axis.
    **quiver_scale
        ``scale_units`` and ``scale`` for :meth:`Axes.quiver`.

    Returns
    -------
    dict
        ``sub`` (the grid slice under the arrows), ``quiver``, ``here``, ``arrow`` and
        ``contours`` (None until :func:`redraw_contours`).

    Notes
    -----
    Arrows start at zero length; the views' ``update_*`` set their directions.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.plots import new_figure, field_artists
    >>> gx, gy = np.meshgrid(np.arange(10.0), np.arange(10.0))
    >>> field_artists(new_figure()[1][0], gx, gy, 5)["quiver"].U.shape
    (25,)
    """
    step = max(1, gx.shape[0] // arrows)
    sub = (slice(step // 2, None, step), slice(step // 2, None, step))
    zeros = np.zeros_like(gx[sub])
    q = ax.quiver(gx[sub], gy[sub], zeros, zeros, color="#444444", angles="xy", width=0.004, **quiver_scale)
    here = ax.plot([], [], "o", color=style.GRADIENT_COLOR, ms=7, zorder=4)[0]
    arrow = ax.annotate(
        "", xy=(0, 0), xytext=(0, 0), arrowprops=dict(arrowstyle="-|>", color=style.GRADIENT_COLOR, lw=2.5), zorder=5
    )
    return {"sub": sub, "quiver": q, "here": here, "arrow": arrow, "contours": None}


def redraw_contours(view: dict, gx: np.ndarray, gy: np.ndarray, L: np.ndarray) -> None:
    r"""Replace the view's contours of L with new ones, at :math:`\max L` minus :data:`LEVEL_OFFSETS`."""
    if view["contours"] is not None:
        view["contours"].remove()
    view["contours"] = view["ax"].contour(gx, gy, L, levels=L.max() - LEVEL_OFFSETS, cmap="viridis", linewidths=0.9)


def mark_point(view: dict, x0: float, y0: float, dx: float, dy: float) -> None:
    """Move the view's dot to ``(x0, y0)`` and its arrow to point from there by ``(dx, dy)``."""
    view["here"].set_data([x0], [y0])
    view["arrow"].xy = (x0 + dx, y0 + dy)
    view["arrow"].set_position((x0, y0))


def update_mean_field(view: dict, p: dict) -> None:
    """Recompute the field of :func:`draw_mean_field` (one batched call) and move its artists."""
    w, mu, var = mixture_arrays(p)
    m1, m2 = view["mu1"], view["mu2"]
    means = np.stack([m1, m2], axis=-1)
    L, g = value_and_gradients(view["x"], w, means, var)
    sub = view["sub"]
    u, v = g.means[..., 0][sub], g.means[..., 1][sub]
    norm = np.hypot(u, v)
    norm[norm == 0] = 1.0
    view["quiver"].set_UVC(u / norm, v / norm)
    redraw_contours(view, m1, m2, L)
    view["field"] = (L, g.means)
    # The marked point and its own (normalised) arrow.
    L0, g0 = value_and_gradients(view["x"], w, mu, var)
    span = view["lims"][1] - view["lims"][0]
    d = g0.means / max(float(np.hypot(*g0.means)), 1e-300) * 0.12 * span
    mark_point(view, mu[0], mu[1], d[0], d[1])
    view["ax"].set_title(
        f"$\\nabla_\\mu\\mathcal{{L}}$ = ({g0.means[0]:.2f}, {g0.means[1]:.2f}) at the dot;  "
        f"$\\mathcal{{L}}$ = {float(L0):.1f}",
        fontsize=9,
    )
    view["gradient"] = g0.means
