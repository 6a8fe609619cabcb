r"""EM on two-dimensional data, drawn as it converges (notebook 07)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator

from .. import multivariate as mv
from ._explorer import Explorer
from ._figure import figure_for
from ._readout import LiveNumbers
from ._sliders import int_slider
from .ellipses import MixtureEllipses
from .palette import MARK_COLOR, POINT_COLOR, PURPLE


class EMPathView(LiveNumbers):
    r"""EM on 2-D data, drawn as it converges: the ellipses and responsibilities at iteration t with
    the means' paths so far, and :math:`\mathcal{L}` against iteration.

    Parameters
    ----------
    X : ndarray, shape (m, 2)
    start : MvMixture
        K = 2.
    iters : int
        EM steps computed once (the slider only scrubs them).
    t : int
    labels : (str, str)
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig, ax, gain_ax : Figure, Axes, Axes
    path : MvPath
        Every iterate and its :math:`\mathcal{L}` (:func:`mogcore.multivariate.em_fit`, run once).
    data : MixtureEllipses
        The data coloured by :math:`\gamma_{i1}` at iteration t, the ellipses and the centres.
    trails : list of Line2D
        Each mean's path up to iteration t.
    curve, now : Line2D

    Notes
    -----
    Each step is :func:`mogcore.multivariate.em_step`; :math:`\mathcal{L}` never decreases along it (up to
    rounding, once converged).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.multivariate import MvMixture
    >>> from mogcore.viz import EMPathView
    >>> from mogcore import load_old_faithful
    >>> X = load_old_faithful("both")
    >>> mix = MvMixture(np.array([0.5, 0.5]), np.array([[2.5, 60.0], [4.0, 75.0]]), np.array([np.diag([1, 100])] * 2))
    >>> EMPathView(X, mix, iters=5, t=2).path.loglik.shape
    (6,)
    """

    SIZE = (10.4, 4.4)

    def __init__(
        self,
        X: np.ndarray,
        start: mv.MvMixture,
        iters: int,
        t: int,
        labels: tuple[str, str] = ("$x_1$", "$x_2$"),
        fig: Figure | None = None,
    ) -> None:
        self.fig = figure_for(fig, self.SIZE)
        self.ax, self.gain_ax = ax, bx = self.fig.subplots(1, 2, width_ratios=[1.25, 1])
        self.X = X
        self.path = mv.em_fit(X, *start, iters=iters)
        self.data = MixtureEllipses(ax, X, labels)
        self.trails = [ax.plot([], [], "-", color=POINT_COLOR, lw=1.2, marker=".", ms=5, zorder=5)[0] for _ in range(2)]
        gap = np.maximum(self.path.loglik.max() - self.path.loglik, 1e-10)
        its = np.arange(self.path.iterations + 1)
        self.curve = bx.plot(its, gap, color=PURPLE, lw=2, ls="--", marker=".", ms=4)[0]
        self.now = bx.axvline(0, color=MARK_COLOR, lw=1)
        bx.set_yscale("log")
        bx.set_ylim(1e-10, max(10 * float(gap.max()), 1.0))
        bx.yaxis.set_minor_locator(NullLocator())
        bx.set_xlim(0, iters)
        bx.set_xlabel("EM iteration")
        bx.set_ylabel("gap to the best $\\mathcal{L}$ (log scale)")
        self.update(t)

    def update(self, t: int) -> None:
        """Show iterate ``t``: its ellipses, responsibilities and the means' paths up to it."""
        t = int(min(max(t, 0), self.path.iterations))
        w, mu, cov = self.path.at(t)
        self.data.show(mu, cov, mv.responsibilities(self.X, w, mu, cov)[:, 0])
        for k in range(2):
            self.trails[k].set_data(self.path.means[: t + 1, k, 0], self.path.means[: t + 1, k, 1])
        self.now.set_xdata([t, t])
        L, pi = f"{float(self.path.loglik[t]):.3f}", f"({w[0]:.3f}, {w[1]:.3f})"
        self.set_title(
            self.ax,
            "EM iteration",
            f"{t}: $\\mathcal{{L}}$ = {L},  $\\pi$ = {pi}",
            f"EM iteration {t}: L = {L}, π = {pi}",
            sep=" ",
        )


def explore_em_2d(
    X: object, start: mv.MvMixture, iters: int = 40, t: int = 0, labels: tuple[str, str] = ("$x_1$", "$x_2$")
) -> Explorer:
    r"""An :class:`EMPathView` scrubbed by an iteration slider.

    Parameters
    ----------
    X : array_like, shape (m, 2)
    start : MvMixture
    iters : int
    t : int
        The iteration shown first.
    labels : (str, str)

    Returns
    -------
    Explorer

    Notes
    -----
    One EM step: :math:`\pi_k' = N_k/m`, :math:`\mu_k' = \frac1{N_k}\sum_i\gamma_{ik}x_i`,
    :math:`\Sigma_k' = \frac1{N_k}\sum_i\gamma_{ik}(x_i-\mu_k')(x_i-\mu_k')^\top`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.multivariate import MvMixture
    >>> from mogcore.viz import explore_em_2d
    >>> from mogcore import load_old_faithful
    >>> X = load_old_faithful("both")
    >>> mix = MvMixture(np.array([0.5, 0.5]), np.array([[2.5, 60.0], [4.0, 75.0]]), np.array([np.diag([1, 100])] * 2))
    >>> explore_em_2d(X, mix, iters=5).sliders["t"].max
    5
    """
    X = np.asarray(X, dtype=float)
    view = EMPathView(X, start, iters, t, labels)
    sliders = {"t": int_slider(t, 0, iters, label=r"iteration $t$", wide=True)}
    return Explorer(view, sliders, lambda values: view.update(values["t"]))
