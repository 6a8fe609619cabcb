r"""The singularity: L as :math:`\sigma_1 \to 0` with :math:`\mu_1` on a data point, and its remedy.

Used by notebook 04 (the variance gradient).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..mixture import log_likelihood, log_likelihood_per_point
from ..params import Mixture
from ..priors import log_prior_variances
from ._explorer import Explorer
from ._figure import figure_for, legend_below
from ._limits import follow_nice
from ._mixture_sliders import mixture_explorer
from ._readout import LiveNumbers
from ._sliders import int_slider, log_slider
from .palette import DATA_COLOR, MARK_COLOR, MIXTURE_COLOR, POINT_COLOR, component_color

#: The inverse-gamma prior drawn as the remedy, as (shape, scale / var(x)).
PRIOR = (2.0, 0.01)


class CollapseView(LiveNumbers):
    r"""The singularity: :math:`\mathcal{L}` as :math:`\sigma_1 \to 0` with :math:`\mu_1` on a data point.

    Parameters
    ----------
    x : ndarray, shape (m,)
    mixture : Mixture
        :math:`\pi` and component 2; :math:`\mu_1` is replaced by the point, :math:`\sigma_1^2` is the dot.
    n : int
        :math:`\mu_1` sits on the n-th smallest data point (n counts from 0).
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig, ax, bar_ax : Figure, Axes, Axes
    on, off, prior : Line2D
        Against :math:`\sigma_1^2` (log axis, :math:`10^{-40}` to 2 times var(x)): L with
        :math:`\mu_1 = x_{(n)}` (grows like :math:`-\tfrac12\log\sigma_1^2`), with
        :math:`\mu_1` 0.01 sd off it (falls), and :math:`\mathcal{L} + \log p(\sigma^2)` with
        an inverse-gamma prior (bounded).
    dot : Line2D
    bars : BarContainer
        How much the point's own term :math:`\log p(x_{(n)})` and the sum of all the others
        have changed since :math:`\sigma_1^2 = 2\operatorname{var}(x)`.

    Notes
    -----
    Drawn without overflow because mogcore works with :math:`\log\mathcal{N}` throughout.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture
    >>> from mogcore.viz import CollapseView
    >>> x = np.array([1.0, 1.2, 3.9, 4.1, 4.3])
    >>> view = CollapseView(x, Mixture([0.1, 0.9], [0.0, 3.0], [1e-12, 2.0]), n=2)
    >>> bool(np.isfinite(view.dot.get_ydata()).all())
    True
    """

    SIZE = (9.5, 3.8)

    def __init__(self, x: np.ndarray, mixture: Mixture, n: int, fig: Figure | None = None) -> None:
        self.fig = figure_for(fig, self.SIZE)
        self.ax, self.bar_ax = ax, bx = self.fig.subplots(1, 2, width_ratios=[2, 1])
        self.x, self.sorted = x, np.sort(x)
        self.axis = collapse_axis(x)
        self.sd, self.var_x = float(np.std(x)) or 1.0, float(np.var(x)) or 1.0
        c1, zeros = component_color(0), np.zeros_like(self.axis)
        self.on = ax.plot(self.axis, zeros, color=c1, lw=2, label="$\\mu_1$ on the point")[0]
        self.off = ax.plot(self.axis, zeros, color=c1, lw=1.2, ls=":", label="$\\mu_1$ 0.01 sd off it")[0]
        self.prior = ax.plot(
            self.axis, zeros, color=MIXTURE_COLOR, lw=1.2, ls="--", label="$\\mathcal{L}$ + log prior"
        )[0]
        self.best_off = ax.axhline(0.0, color=MARK_COLOR, lw=1, ls=(0, (1, 3)), label="best off the point")
        self.dot = ax.plot([], [], "o", color=POINT_COLOR, ms=7, zorder=4)[0]
        ax.set_xscale("log")
        ax.set_xlim(self.axis[0], self.axis[-1])
        ax.set_xlabel("$\\sigma_1^2$ (log scale)", color=c1)
        ax.set_ylabel("$\\mathcal{L}$")
        legend_below(self.fig, [self.on, self.off, self.prior, self.best_off], ncols=4)
        self.bars = bx.bar([0, 1], [0.0, 0.0], color=[c1, DATA_COLOR])
        bx.set_xticks([0, 1], ["its own term", "all other\npoints"], fontsize=10)
        bx.axhline(0, color=MARK_COLOR, lw=0.8)
        bx.set_title("change since $\\sigma_1^2$ = 2 var($x$)", fontsize=10)
        self.update(mixture, n)

    def update(self, mixture: Mixture, n: int) -> None:
        """Put :math:`\\mu_1` on the n-th smallest point and move every artist to ``mixture``."""
        n = min(max(int(n), 0), len(self.sorted) - 1)
        w, mu, var = mixture
        mu = np.array([self.sorted[n], mu[1]])
        variances = np.column_stack([self.axis, np.full_like(self.axis, var[1])])
        L_on = log_likelihood(self.x, w, mu, variances)
        L_off = log_likelihood(self.x, w, mu + [0.01 * self.sd, 0.0], variances)
        a, b = PRIOR
        L_prior = L_on + log_prior_variances(variances, shape=a, scale=b * self.var_x)
        self.on.set_ydata(L_on)
        self.off.set_ydata(L_off)
        best_off = float(L_off.max())
        self.best_off.set_ydata([best_off, best_off])
        self.prior.set_ydata(np.maximum(L_prior, L_on.min() - 1e3))  # far below the axes, but finite
        mine = self.x == self.sorted[n]
        per_point = log_likelihood_per_point(self.x, w, mu, var)
        own, L0 = float(per_point[mine].sum()), float(per_point.sum())
        ref = log_likelihood_per_point(self.x, w, mu, [self.axis[-1], var[1]])  # the same, at the widest sigma_1
        own_ref, L_ref = float(ref[mine].sum()), float(ref.sum())
        self.dot.set_data([float(var[0])], [L0])
        top, bottom = float(L_on.max()), float(min(L_off.min(), L_on.min()))
        follow_nice(self.ax, bottom, top)
        xn, v1 = f"{self.sorted[n]:.3f}", f"{var[0]:.2g}"
        self.set_title(
            self.ax,
            f"$\\mu_1$ on point $n$ = {n} ($x$ = {xn})",  # live too: nearby points' curves look the same
            f"$\\sigma_1^2$ = {v1}:  $\\mathcal{{L}}$ = {L0:.2f}",
            f"σ<sub>1</sub><sup>2</sup> = {v1}: L = {L0:.2f}",
            sep=", ",
        )
        heights = [own - own_ref, (L0 - own) - (L_ref - own_ref)]
        for bar, h in zip(self.bars, heights):
            bar.set_height(h)
        lo, hi = min(0.0, *heights), max(0.0, *heights)
        follow_nice(self.bar_ax, lo, hi, pad=0.1)


def collapse_axis(x: np.ndarray) -> np.ndarray:
    r"""The :math:`\sigma_1^2` values of :class:`CollapseView`: :math:`10^{-40}` to 2 times var(x), log-spaced.

    Parameters
    ----------
    x : ndarray, shape (m,)

    Returns
    -------
    ndarray, shape (300,)

    Notes
    -----
    Forty decades: far enough that :math:`\mathcal{L} \approx -\tfrac12\log\sigma_1^2` visibly overtakes the best
    :math:`\mathcal{L}` a component off the point can reach (on Old Faithful, below about
    :math:`10^{-31}\operatorname{var}(x)`).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz.singularity import collapse_axis
    >>> a = collapse_axis(np.array([0.0, 2.0]))
    >>> float(a[0]), float(a[-1])
    (1e-40, 2.0)
    """
    v = float(np.var(x)) or 1.0
    return np.logspace(np.log10(v) - 40, np.log10(2 * v), 300)


def explore_collapse(x: object, n: int = 3, shrink: float = 1.0) -> Explorer:
    r"""A :class:`CollapseView` with sliders for :math:`n`, :math:`\sigma_1^2` (down to
    :math:`10^{-40}\operatorname{var}(x)`) and :math:`\pi_1`.

    Parameters
    ----------
    x : array_like, shape (m,)
    n : int
        The start's point (the fourth smallest by default; n counts from 0).
    shrink : float
        The start's :math:`\sigma_1^2` as a fraction of var(x): 1 by default, an ordinary width, so
        that moving :math:`\sigma_1^2` all the way down is what shows the collapse.

    Returns
    -------
    Explorer
        Starts at :math:`\pi_1 = 0.05`, component 2 at the data's mean and variance,
        :math:`\sigma_1^2` = ``shrink`` times var(x).

    Notes
    -----
    :math:`\mathcal{L} \to +\infty` like :math:`-\tfrac12\log\sigma_1^2`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import explore_collapse
    >>> ex = explore_collapse(np.array([0.0, 1.0, 5.0]))
    >>> ex.set(var1=1e-19)
    >>> bool(np.isfinite(ex.view.dot.get_ydata()).all())
    True
    """
    x = np.asarray(x, dtype=float)
    v, center = float(np.var(x)) or 1.0, float(np.mean(x))
    axis = collapse_axis(x)
    lo, hi = float(np.log10(axis[0])), float(np.log10(axis[-1]))
    extra = {
        "n": int_slider(n, 0, len(x) - 1, label="$n$"),
        "var1": log_slider(shrink * v, lo, hi, 0.1, label=r"$\sigma_1^2$", fmt=".2g"),
    }
    return mixture_explorer(CollapseView, x, ([0.05, 0.95], [center, center], [shrink * v, v]), ("pi1",), extra=extra)
