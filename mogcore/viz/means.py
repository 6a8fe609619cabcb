r"""The mean gradient: each point's pull on each mean, and the gradient field over :math:`(\mu_1, \mu_2)`.

Used by notebook 03 (the mean gradient); the field also sits inside the fitting view of notebook 06.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..gradients import gradient_terms, value_and_gradients
from ..params import Mixture
from ._explorer import Explorer
from ._figure import FieldArtists, data_grid, figure_for, new_figure, set_stems, stems, unit
from ._limits import symmetric_limits
from ._memo import Recompute
from ._mixture_sliders import mixture_explorer
from ._readout import LiveNumbers
from .palette import GUIDE_COLOR, component_color


class MeanPullView(LiveNumbers):
    r"""Each point's pull on each mean, :math:`\gamma_{ik}(x_i-\mu_k)/\sigma_k^2`, as stems (one row per k).

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
    fig : Figure
    axes : ndarray of Axes, shape (2,)
    stems : list of LineCollection
        One stem per point, per component.
    mean_lines : list of Line2D
        Dashed lines at :math:`\mu_1` and :math:`\mu_2`.

    Notes
    -----
    The stems of component k add up to its gradient (each row's title shows the sum):

    .. math:: \frac{\partial \mathcal{L}}{\partial \mu_k}
              = \sum_{i=1}^{m} \gamma_{ik} \frac{x_i - \mu_k}{\sigma_k^2}

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture
    >>> from mogcore.viz import MeanPullView
    >>> view = MeanPullView(np.array([1.0, 1.2, 3.9]), Mixture([0.5, 0.5], [1.0, 4.0], [0.5, 0.5]))
    >>> len(view.stems[0].get_segments())
    3
    """

    SIZE = (9.5, 4.4)

    def __init__(self, x: np.ndarray, mixture: Mixture, xlabel: str = "$x_i$", fig: Figure | None = None) -> None:
        self.fig = figure_for(fig, self.SIZE)
        self.axes = self.fig.subplots(2, 1, sharex=True)
        self.x = x
        self.stems, self.mean_lines = [], []
        for k, ax in enumerate(self.axes):
            color = component_color(k)
            self.stems.append(stems(ax, x, color))
            self.mean_lines.append(ax.axvline(0.0, color=color, ls="--", lw=1.5))
            ax.set_ylabel(f"pull on $\\mu_{k + 1}$", fontsize=10)
        self.axes[1].set_xlabel(xlabel)
        self.axes[0].set_xlim(*data_grid(x)[[0, -1]])
        self.update(mixture)

    def update(self, mixture: Mixture) -> None:
        """Move the stems and the mean lines to ``mixture``."""
        pulls = gradient_terms(self.x, *mixture).means
        for k, ax in enumerate(self.axes):
            set_stems(self.stems[k], self.x, pulls[:, k])
            mu_k = float(mixture.means[k])
            self.mean_lines[k].set_xdata([mu_k, mu_k])
            symmetric_limits(ax, pulls[:, k])
            total = f"{pulls[:, k].sum():.3f}"
            words = f"sum of the stems = $\\partial\\mathcal{{L}}/\\partial\\mu_{k + 1}$"
            self.set_title(ax, words, f"= {total}", f"∂L/∂μ<sub>{k + 1}</sub> = {total}", "left", " ")


class MeanFieldView(LiveNumbers):
    r"""The gradient field of L over the :math:`(\mu_1, \mu_2)` plane, on L's contours.

    Parameters
    ----------
    x : ndarray, shape (m,)
    mixture : Mixture
        :math:`\pi, \sigma^2` shape the field; its means are the marked dot.
    ax : Axes, optional
        Draw here (another view's panel) instead of on a new figure.
    lims : (float, float), optional
        Range of both axes (default: the data's range, padded).
    n : int
        Contour grid size (n x n parameter settings, one batched call).
    arrows : int
        Arrows per axis.
    keep : int
        Fields kept for (weights, variances) seen before: moving a slider back, or scrubbing back along a
        path, redraws a kept field instead of recomputing it (about 55 kB each at n = 48).

    Attributes
    ----------
    fig, ax : Figure, Axes
    field : FieldArtists
        The arrows, contours, dot and the dot's arrow.

    Notes
    -----
    Arrows show the direction of
    :math:`\nabla_\mu\mathcal{L} = \left(\partial\mathcal{L}/\partial\mu_1, \partial\mathcal{L}/\partial\mu_2\right)`
    (normalised: their lengths vary over orders of magnitude); the title shows the
    gradient at the dot.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture
    >>> from mogcore.viz import MeanFieldView
    >>> x = np.array([1.0, 1.2, 3.9, 4.1, 4.3])
    >>> view = MeanFieldView(x, Mixture([0.5, 0.5], [1.5, 3.5], [0.5, 0.5]), n=10, arrows=5)
    >>> view.field.quiver.U.shape
    (25,)
    """

    SIZE = (6.0, 5.4)

    def __init__(
        self,
        x: np.ndarray,
        mixture: Mixture,
        ax: Axes | None = None,
        lims: tuple[float, float] | None = None,
        n: int = 48,
        arrows: int = 16,
        keep: int = 32,
    ) -> None:
        self.ax = ax if ax is not None else new_figure(self.SIZE).subplots()
        self.fig = self.ax.figure
        self.x = x
        self.lims = lims if lims is not None else tuple(data_grid(x, 2).tolist())
        axis = np.linspace(*self.lims, n)
        self.mu1, self.mu2 = np.meshgrid(axis, axis, indexing="xy")
        self.field = FieldArtists(self.ax, self.mu1, self.mu2, arrows, scale_units="width", scale=arrows * 1.3)
        self._field = Recompute(self._compute_field, keep)  # independent of the means it is drawn over
        self._shown = None  # the field the artists show
        self.ax.plot(self.lims, self.lims, color=GUIDE_COLOR, lw=0.8, ls=":")
        self.ax.set_xlim(self.lims)
        self.ax.set_ylim(self.lims)
        self.ax.set_aspect("equal")
        self.ax.set_xlabel("$\\mu_1$", color=component_color(0))
        self.ax.set_ylabel("$\\mu_2$", color=component_color(1))
        self.update(mixture)

    def _compute_field(self, weights: np.ndarray, variances: np.ndarray) -> tuple[np.ndarray, ...]:
        """L over the grid of means, and the direction of its mean gradient (one batched call)."""
        L, g = value_and_gradients(self.x, weights, np.stack([self.mu1, self.mu2], axis=-1), variances)
        return (L, *unit(g.means[..., 0], g.means[..., 1]))

    def field_values(self, mixture: Mixture) -> np.ndarray:
        """L over the grid of means for ``mixture``'s weights and variances (the field's contours, kept)."""
        return self._field(weights=mixture.weights, variances=mixture.variances)[0]

    def prepare(self, mixture: Mixture) -> None:
        """Compute, and keep, the field ``mixture`` will show, drawing nothing (an explorer calls it for the next
        key press, once this one's frame is sent)."""
        self.field_values(mixture)

    def update(self, mixture: Mixture, title: bool = True) -> None:
        """Recompute the field for ``mixture``'s weights and variances (if they changed) and mark its means."""
        w, mu, var = mixture
        field = self._field(weights=w, variances=var)
        if field is not self._shown:
            L, u, v = field
            self.field.set_arrows(u, v)
            self.field.set_contours(L)
            self._shown = field
        L0, g0 = value_and_gradients(self.x, w, mu, var)
        du, dv = unit(g0.means[0], g0.means[1])
        span = 0.12 * (self.lims[1] - self.lims[0])
        self.field.mark(float(mu[0]), float(mu[1]), float(du) * span, float(dv) * span)
        if title:
            g1, g2, L = f"{g0.means[0]:.2f}", f"{g0.means[1]:.2f}", f"{float(L0):.1f}"
            self.set_title(
                self.ax,
                "",
                f"$\\nabla_\\mu\\mathcal{{L}}$ = ({g1}, {g2}) at the dot;  $\\mathcal{{L}}$ = {L}",
                f"at the dot: (∂L/∂μ<sub>1</sub>, ∂L/∂μ<sub>2</sub>) = ({g1}, {g2}); L = {L}",
            )


def explore_mean_contributions(
    x: object, weights: object = None, means: object = None, variances: object = None, xlabel: str = "$x_i$"
) -> Explorer:
    r"""A :class:`MeanPullView`, each point's pull on each mean, led by :math:`\mu_1` and :math:`\sigma_1^2`;
    the other sliders fold under "more parameters".

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
    .. math:: \frac{\partial \mathcal{L}}{\partial \mu_k} = \sum_i \gamma_{ik}\frac{x_i-\mu_k}{\sigma_k^2}

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import explore_mean_contributions
    >>> len(explore_mean_contributions(np.array([0.0, 1.0, 5.0])).view.stems)
    2
    """
    names = ("mu1", "var1", "pi1", "mu2", "var2")
    return mixture_explorer(MeanPullView, x, (weights, means, variances), names, lead=2, xlabel=xlabel)


def explore_mean_field(x: object, weights: object = None, means: object = None, variances: object = None) -> Explorer:
    r"""The K = 2 sliders driving a :class:`MeanFieldView`.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (2,), optional
        The start.

    Returns
    -------
    Explorer

    Notes
    -----
    The dot is the sliders' :math:`(\mu_1, \mu_2)` with its own arrow;
    :math:`\pi_1, \sigma_1^2, \sigma_2^2` reshape the whole field (one batched call per change).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import explore_mean_field
    >>> explore_mean_field(np.array([0.0, 1.0, 5.0])).view.mu1.shape
    (48, 48)
    """
    return mixture_explorer(MeanFieldView, x, (weights, means, variances))
