r"""The playground: the mixture with EM's arrows for the means, the responsibilities, and every gradient.

Used by notebook 00 (start here).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..coordinates import average_gradients
from ..em import em_step
from ..mixture import component_pdfs, log_likelihood, responsibilities
from ..params import Mixture
from ._explorer import Explorer, mixture_explorer
from ._figure import HistogramWithComponents, axes_arrow, data_grid, figure_for, nice_ceil
from .palette import MARK_COLOR, MIXTURE_COLOR, component_color

#: The bars, top to bottom: (label, component whose colour it takes).
BARS = (("$\\mu_1$", 0), ("$\\mu_2$", 1), ("$\\log\\sigma_1$", 0), ("$\\log\\sigma_2$", 1), ("$\\pi_1$", 0))


class PlaygroundView:
    r"""Everything at once: the mixture with EM's arrows, the responsibilities, and every gradient as a bar.

    Parameters
    ----------
    x : ndarray, shape (m,)
    mixture : Mixture
        A K = 2 mixture.
    xlabel : str
        The data axis's label (the data's name and unit, say).
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig, ax, resp_ax, bar_ax : Figure, Axes, Axes, Axes
    components : HistogramWithComponents
    mixture_line : Line2D
    arrows : list of Annotation
        From each :math:`\mu_k` to where one EM step moves it (:func:`mogcore.em_step`).
    resp_lines : list of Line2D
        :math:`\gamma_k(x)`.
    bars : BarContainer
        :func:`mogcore.average_gradients`: every gradient divided by m.

    Notes
    -----
    EM's new mean is the gradient step
    :math:`\mu_k + \frac{\sigma_k^2}{N_k}\frac{\partial\mathcal{L}}{\partial\mu_k}`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture
    >>> from mogcore.viz import PlaygroundView
    >>> view = PlaygroundView(np.array([1.0, 1.2, 3.9, 4.1]), Mixture([0.5, 0.5], [1.5, 3.5], [0.5, 0.5]))
    >>> [round(a.xy[0], 2) for a in view.arrows]
    [1.1, 4.0]
    """

    SIZE = (9.5, 4.8)

    def __init__(self, x: np.ndarray, mixture: Mixture, xlabel: str = "$x$", fig: Figure | None = None) -> None:
        self.fig = figure_for(fig, self.SIZE)
        gs = self.fig.add_gridspec(2, 2, height_ratios=[2, 1], width_ratios=[2.2, 1])
        self.ax = ax = self.fig.add_subplot(gs[0, 0])
        self.resp_ax = rx = self.fig.add_subplot(gs[1, 0], sharex=ax)
        self.bar_ax = bx = self.fig.add_subplot(gs[:, 1])
        self.x, self.grid = x, data_grid(x)
        self.components = HistogramWithComponents(ax, x, self.grid)
        self.mixture_line = ax.plot(self.grid, np.zeros_like(self.grid), color=MIXTURE_COLOR, lw=1.2, ls="--")[0]
        self.arrows = [axes_arrow(ax, component_color(k)) for k in range(2)]
        ax.set_ylabel("density")
        self.resp_lines = [
            rx.plot(self.grid, np.zeros_like(self.grid), color=component_color(k), lw=2)[0] for k in range(2)
        ]
        rx.plot(x, np.full_like(x, -0.08), "|", color=MARK_COLOR, ms=5)
        rx.set_ylim(-0.15, 1.05)
        rx.set_xlabel(xlabel)
        rx.set_ylabel("$\\gamma_k(x)$")
        ypos = np.arange(len(BARS))[::-1]
        self.bars = bx.barh(ypos, np.zeros(len(BARS)), color=[component_color(k) for _, k in BARS])
        bx.set_yticks(ypos, [label for label, _ in BARS])
        bx.axvline(0, color=MARK_COLOR, lw=0.8)
        bx.set_xlabel("gradient / m")
        self.update(mixture)

    def update(self, mixture: Mixture) -> None:
        """Move every artist to ``mixture``."""
        comp = component_pdfs(self.grid, *mixture)
        self.components.update(comp)
        self.mixture_line.set_ydata(comp.sum(axis=1))
        hist_top = self.components.hist_top
        top = nice_ceil(1.2 * max(hist_top, min(float(comp.sum(axis=1).max()), 4 * hist_top)))
        self.ax.set_ylim(0, top)
        new_means = em_step(self.x, *mixture).means
        for k, arrow in enumerate(self.arrows):
            y = (0.9 - 0.1 * k) * top
            arrow.set_position((float(mixture.means[k]), y))
            arrow.xy = (float(np.clip(new_means[k], self.grid[0], self.grid[-1])), y)
        gam = responsibilities(self.grid, *mixture)
        for k, line in enumerate(self.resp_lines):
            line.set_ydata(gam[:, k])
        values = average_gradients(self.x, *mixture)
        for bar, v in zip(self.bars, values):
            bar.set_width(v)
        big = nice_ceil(1.1 * max(float(np.abs(values).max()), 1e-12))
        self.bar_ax.set_xlim(-big, big)
        L = float(log_likelihood(self.x, *mixture))
        self.ax.set_title(
            f"$\\mathcal{{L}}$ = {L:.2f}   (arrows: where EM would move each mean)", fontsize=10, loc="left"
        )


def explore_playground(
    x: object, weights: object = None, means: object = None, variances: object = None, xlabel: str = "$x$"
) -> Explorer:
    r"""The K = 2 sliders driving a :class:`PlaygroundView`.

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
    The bars are :math:`\frac1m\partial\mathcal{L}/\partial\mu_k`,
    :math:`\frac1m\partial\mathcal{L}/\partial\log\sigma_k` and
    :math:`\frac1m\,d\mathcal{L}/d\pi_1` (along :math:`\pi_2 = 1 - \pi_1`).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import explore_playground
    >>> len(explore_playground(np.array([0.0, 0.3, 0.4, 4.0, 4.2])).view.bars)
    5
    """
    return mixture_explorer(PlaygroundView, x, (weights, means, variances), xlabel=xlabel)
