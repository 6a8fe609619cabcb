r"""The mixture: how it generates data, and how it fits data (weighted components, their sum, L).

Used by notebook 01 (the mixture model).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..mixture import component_pdfs, log_likelihood
from ..params import Mixture
from ._explorer import Explorer
from ._figure import HistogramWithComponents, data_grid, figure_for
from ._limits import follow
from ._mixture_sliders import mixture_explorer
from ._readout import LiveNumbers
from .palette import MARK_COLOR, MIXTURE_COLOR, component_color


class SampleView:
    r"""The generative story of a K = 2 mixture: pick a component with probability :math:`\pi_k`, then draw x from it.

    Parameters
    ----------
    mixture : Mixture
        A K = 2 mixture.
    x : ndarray, shape (n,)
        Points drawn from it (:func:`mogcore.sample`).
    labels : ndarray of int, shape (n,)
        The component each point came from (0 or 1).
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig, ax : Figure, Axes
    histograms : list of BarContainer
        The points of each component, stacked, in that component's colour.
    curves : list of Line2D
        :math:`n\,\Delta\,\pi_k \mathcal{N}(x \mid \mu_k, \sigma_k^2)`: the counts each component should give per bin.

    Notes
    -----
    Ancestral sampling: :math:`z_i \sim \mathrm{Categorical}(\pi)`, then
    :math:`x_i \mid z_i = k \sim \mathcal{N}(\mu_k, \sigma_k^2)`.
    The title shows how many points each component produced.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture, sample
    >>> from mogcore.viz import SampleView
    >>> mix = Mixture(np.array([0.7, 0.3]), np.array([0.0, 4.0]), np.array([1.0, 2.0]))
    >>> x, z = sample(500, *mix, rng=0)
    >>> view = SampleView(mix, x, z)
    >>> sum(int(p.get_height()) for bars in view.histograms for p in bars) == 500
    True
    """

    SIZE = (9.5, 3.8)

    def __init__(self, mixture: Mixture, x: np.ndarray, labels: np.ndarray, fig: Figure | None = None) -> None:
        self.fig = figure_for(fig, self.SIZE)
        self.ax = ax = self.fig.subplots()
        edges = np.histogram_bin_edges(x, bins=40)
        parts = [x[labels == k] for k in range(2)]
        colors = [component_color(k) for k in range(2)]
        counts = [f"component {k + 1}: {len(p)} points" for k, p in enumerate(parts)]
        _, _, self.histograms = ax.hist(parts, bins=edges, stacked=True, color=colors, alpha=0.6, label=counts)
        grid = np.linspace(edges[0], edges[-1], 400)
        per_bin = len(x) * (edges[1] - edges[0])
        dens = component_pdfs(grid, *mixture) * per_bin
        self.curves = [
            ax.plot(
                grid, dens[:, k], color=colors[k], lw=2.5, label=f"$n\\,\\pi_{k + 1}\\mathcal{{N}}_{k + 1}$ per bin"
            )[0]
            for k in range(2)
        ]
        w = np.asarray(mixture.weights, dtype=float)
        ax.set_title(
            f"{len(x)} draws: first a component ($\\pi$ = {w[0]:.1f}, {w[1]:.1f}), then a point from it", fontsize=11
        )
        ax.set_xlabel("$x$")
        ax.set_ylabel("points per bin")
        ax.legend(loc="upper right", fontsize=10, frameon=False)


class MixtureView(LiveNumbers):
    r"""The weighted components and the mixture density over a histogram of the data.

    Parameters
    ----------
    x : ndarray, shape (m,)
        Data.
    mixture : Mixture
        A K = 2 mixture.
    xlabel : str
        The data axis's label (the data's name and unit, say).
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig, ax : Figure, Axes
    components : HistogramWithComponents
        The histogram and the curves :math:`\pi_k \mathcal{N}(x \mid \mu_k, \sigma_k^2)`.
    mixture_line : Line2D
        :math:`p(x)`, dashed.

    Notes
    -----
    .. math:: p(x) = \sum_k \pi_k \mathcal{N}(x \mid \mu_k, \sigma_k^2), \qquad
              \mathcal{L} = \sum_i \log p(x_i) \text{ (in the title; live, above the figure)}

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture
    >>> from mogcore.viz import MixtureView
    >>> view = MixtureView(np.array([1.0, 1.2, 3.9, 4.1, 4.3]), Mixture([0.5, 0.5], [1.1, 4.1], [0.1, 0.1]))
    >>> view.ax.get_title()
    'm = 5 points:   $\\mathcal{L}$ = -2.80'
    >>> view.readout()  # what a live explorer shows above the figure, its title keeping 'm = 5 points'
    'L = -2.80'
    """

    SIZE = (9.5, 3.8)

    def __init__(self, x: np.ndarray, mixture: Mixture, xlabel: str = "$x$", fig: Figure | None = None) -> None:
        self.fig = figure_for(fig, self.SIZE)
        self.ax = ax = self.fig.subplots()
        self.x, self.grid = x, data_grid(x)
        self.components = HistogramWithComponents(ax, x, self.grid, labels=True)
        self.mixture_line = ax.plot(
            self.grid, np.zeros_like(self.grid), color=MIXTURE_COLOR, lw=1.5, ls="--", label="mixture $p(x)$"
        )[0]
        ax.plot(x, np.full_like(x, -0.02), "|", color=MARK_COLOR, ms=6)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("density")
        ax.legend(loc="upper center", fontsize=10, frameon=False)  # the gap between the clusters
        self.update(mixture)

    def update(self, mixture: Mixture) -> None:
        """Move the curves and the title to ``mixture``."""
        comp = component_pdfs(self.grid, *mixture)
        self.components.update(comp)
        mix = comp.sum(axis=1)
        self.mixture_line.set_ydata(mix)
        top = self.components.hist_top
        peak = max(top, float(mix.max()))
        follow(self.ax, (-0.05 * top, 1.02 * peak), (-0.05 * top, 1.15 * peak))
        L = float(log_likelihood(self.x, *mixture))
        self.set_title(self.ax, f"m = {len(self.x)} points", f"$\\mathcal{{L}}$ = {L:.2f}", f"L = {L:.2f}", sep=":   ")


def explore_mixture(
    x: object, weights: object = None, means: object = None, variances: object = None, xlabel: str = "$x$"
) -> Explorer:
    r"""Sliders for :math:`\pi_1, \mu_1, \mu_2, \sigma_1^2, \sigma_2^2` over a :class:`MixtureView`.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (2,), optional
        The start (default :func:`mogcore.viz.default_mixture`).
    xlabel : str
        The data axis's label (the data's name and unit, say).

    Returns
    -------
    Explorer

    Notes
    -----
    Draws :math:`\pi_k \mathcal{N}(x \mid \mu_k, \sigma_k^2)` and their sum; the title shows
    :math:`\mathcal{L}`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import explore_mixture
    >>> sorted(explore_mixture(np.array([0.0, 1.0, 5.0])).sliders)
    ['mu1', 'mu2', 'pi1', 'var1', 'var2']
    """
    return mixture_explorer(MixtureView, x, (weights, means, variances), xlabel=xlabel)
