r"""Responsibilities: the curves :math:`\gamma_k(x)`, the data coloured by :math:`\gamma_{i1}`,
the decision boundaries, and bars for a few points.

Used by notebook 02 (responsibilities).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..mixture import decision_boundaries, responsibilities
from ..params import Mixture
from ._explorer import Explorer
from ._figure import data_grid, figure_for
from ._mixture_sliders import mixture_explorer
from .palette import GAMMA_CMAP, MARK_COLOR, component_color


def _overlap_points(x: np.ndarray, mixture: Mixture) -> np.ndarray:
    """Five data points whose responsibilities under ``mixture`` spread from one component to the other."""
    gamma1 = responsibilities(x, *mixture)[:, 0]
    picked = np.unique([x[np.argmin(np.abs(gamma1 - t))] for t in (0.05, 0.25, 0.5, 0.75, 0.95)])
    return picked if len(picked) == 5 else np.quantile(x, [0.05, 0.3, 0.5, 0.7, 0.95])


class ResponsibilityView:
    r"""Left: :math:`\gamma_1(x), \gamma_2(x)` with the data and the boundaries. Right: bars at a few points.

    Parameters
    ----------
    x : ndarray, shape (m,)
    mixture : Mixture
        A K = 2 mixture.
    picked : ndarray, optional
        The points shown as bars (default: five data points from the overlap at the start, whose
        :math:`\gamma_{i1}` are nearest 0.05, 0.25, 0.5, 0.75 and 0.95; five quantiles if the data
        offer fewer distinct ones).
    xlabel : str
        The data axis's label (the data's name and unit, say).
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig, ax, bar_ax : Figure, Axes, Axes
    curves : list of Line2D
        :math:`\gamma_k(x)` over the grid.
    points : PathCollection
        The data at height :math:`\gamma_{i1}`, coloured by it.
    boundaries : list of Line2D
        Two dotted vertical lines at :func:`mogcore.decision_boundaries`; a line with no
        boundary to mark is hidden.
    bars : tuple of BarContainer
        :math:`\gamma_{i1}` below :math:`\gamma_{i2}` at each picked point.

    Notes
    -----
    .. math:: \gamma_{k}(x) = \frac{\pi_k \mathcal{N}(x \mid \mu_k, \sigma_k^2)}
              {\sum_j \pi_j \mathcal{N}(x \mid \mu_j, \sigma_j^2)}

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture
    >>> from mogcore.viz import ResponsibilityView
    >>> view = ResponsibilityView(np.array([1.0, 1.2, 3.9, 4.1]), Mixture([0.5, 0.5], [1.0, 4.0], [0.5, 0.5]))
    >>> [line.get_visible() for line in view.boundaries]
    [True, False]
    """

    SIZE = (9.5, 3.8)

    def __init__(
        self,
        x: np.ndarray,
        mixture: Mixture,
        picked: np.ndarray | None = None,
        xlabel: str = "$x$",
        fig: Figure | None = None,
    ) -> None:
        self.fig = figure_for(fig, self.SIZE)
        self.ax, self.bar_ax = ax, bx = self.fig.subplots(1, 2, width_ratios=[3, 1])
        self.x, self.grid = x, data_grid(x)
        self.curves = [
            ax.plot(self.grid, np.zeros_like(self.grid), color=component_color(k), lw=2, label=f"$\\gamma_{k + 1}(x)$")[
                0
            ]
            for k in range(2)
        ]
        zeros = np.zeros_like(x)
        self.points = ax.scatter(x, zeros, c=zeros, cmap=GAMMA_CMAP, vmin=0, vmax=1, s=14, edgecolors="none", zorder=3)
        self.boundaries = [ax.axvline(0.0, color=MARK_COLOR, ls=":", lw=1) for _ in range(2)]
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlim(self.grid[0], self.grid[-1])
        ax.set_xlabel(xlabel)
        ax.set_ylabel("responsibility")
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, fontsize=10, frameon=False)  # off the data
        self.picked = _overlap_points(x, mixture) if picked is None else np.asarray(picked)
        pos = np.arange(len(self.picked))
        self.bars = tuple(bx.bar(pos, np.zeros(len(pos)), color=component_color(k)) for k in range(2))
        bx.set_xticks(pos, [f"{v:.2f}" for v in self.picked], fontsize=10, rotation=45)
        bx.set_ylim(0, 1)
        bx.set_title("$\\gamma_{i1}$, $\\gamma_{i2}$ at a few $x_i$", fontsize=10)
        self.update(mixture)

    def update(self, mixture: Mixture) -> None:
        """Move the curves, points, boundaries and bars to ``mixture``."""
        g = responsibilities(self.grid, *mixture)
        for k, line in enumerate(self.curves):
            line.set_ydata(g[:, k])
        gx = responsibilities(self.x, *mixture)[:, 0]
        self.points.set_offsets(np.column_stack([self.x, gx]))
        self.points.set_array(gx)
        roots = decision_boundaries(*mixture)
        roots = roots[(roots > self.grid[0]) & (roots < self.grid[-1])]
        for j, line in enumerate(self.boundaries):
            line.set_visible(j < len(roots))
            if j < len(roots):
                line.set_xdata([roots[j], roots[j]])
        gp = responsibilities(self.picked, *mixture)
        for lower, upper, (g1, g2) in zip(*self.bars, gp):
            lower.set_height(g1)
            upper.set_y(g1)
            upper.set_height(g2)


def explore_responsibilities(
    x: object, weights: object = None, means: object = None, variances: object = None, xlabel: str = "$x$"
) -> Explorer:
    r"""The K = 2 sliders driving a :class:`ResponsibilityView`.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (2,), optional
        The start.
    xlabel : str
        The data axis's label (the data's name and unit, say).

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
    >>> from mogcore.viz import explore_responsibilities
    >>> len(explore_responsibilities(np.array([0.0, 1.0, 5.0])).view.bars[0])
    5
    """
    return mixture_explorer(ResponsibilityView, x, (weights, means, variances), xlabel=xlabel)
