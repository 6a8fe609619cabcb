r"""The mixture over the data: weighted components, their sum, and L in the title.

Used by notebook 01 (the mixture model).
"""

from __future__ import annotations

import numpy as np

from ..mixture import component_pdfs, log_likelihood
from ..params import Mixture
from ._explorer import Explorer, mixture_explorer
from ._figure import MARK_COLOR, MIXTURE_COLOR, HistogramWithComponents, data_grid, new_figure


class MixtureView:
    r"""The weighted components and the mixture density over a histogram of the data.

    Parameters
    ----------
    x : ndarray, shape (m,)
        Data.
    mixture : Mixture
        A K = 2 mixture.

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
              \mathcal{L} = \sum_i \log p(x_i) \text{ (in the title)}

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture
    >>> from mogcore.viz import MixtureView
    >>> view = MixtureView(np.array([1.0, 1.2, 3.9, 4.1, 4.3]), Mixture([0.5, 0.5], [1.1, 4.1], [0.1, 0.1]))
    >>> view.ax.get_title()
    '$\\mathcal{L}$ = -2.80   (m = 5 points)'
    """

    SIZE = (9.5, 3.8)

    def __init__(self, x: np.ndarray, mixture: Mixture) -> None:
        self.fig = new_figure(self.SIZE)
        self.ax = ax = self.fig.subplots()
        self.x, self.grid = x, data_grid(x)
        self.components = HistogramWithComponents(ax, x, self.grid, labels=True)
        self.mixture_line = ax.plot(
            self.grid, np.zeros_like(self.grid), color=MIXTURE_COLOR, lw=1.5, ls="--", label="mixture $p(x)$"
        )[0]
        ax.plot(x, np.full_like(x, -0.02), "|", color=MARK_COLOR, ms=6)
        ax.set_xlabel("$x$")
        ax.set_ylabel("density")
        ax.legend(loc="upper left", fontsize=10, frameon=False)
        self.update(mixture)

    def update(self, mixture: Mixture) -> None:
        """Move the curves and the title to ``mixture``."""
        comp = component_pdfs(self.grid, *mixture)
        self.components.update(comp)
        mix = comp.sum(axis=1)
        self.mixture_line.set_ydata(mix)
        top = self.components.hist_top
        self.ax.set_ylim(-0.05 * top, 1.15 * max(top, float(mix.max())))
        L = float(log_likelihood(self.x, *mixture))
        self.ax.set_title(f"$\\mathcal{{L}}$ = {L:.2f}   (m = {len(self.x)} points)", fontsize=10)


def explore_mixture(x: object, weights: object = None, means: object = None, variances: object = None) -> Explorer:
    r"""Sliders for :math:`\pi_1, \mu_1, \mu_2, \sigma_1^2, \sigma_2^2` over a :class:`MixtureView`.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (2,), optional
        The start (default :func:`mogcore.viz.default_mixture`).

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
    return mixture_explorer(MixtureView, x, (weights, means, variances))
