r"""The variance gradient: L along :math:`\sigma_1^2` with its tangent and each point's pull,
and the field over :math:`(\mu_1, \log\sigma_1)`. (The singularity is in :mod:`mogcore.viz.singularity`.)

Used by notebook 04 (the variance gradient).
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..coordinates import value_and_unconstrained_gradients
from ..gradients import gradient_terms, value_and_gradients
from ..mixture import log_likelihood
from ..params import Mixture
from ._explorer import Explorer
from ._figure import (
    FieldArtists,
    data_grid,
    figure_for,
    legend_below,
    new_figure,
    set_stems,
    stems,
    unit,
)
from ._limits import follow_nice, symmetric_limits
from ._memo import Recompute
from ._mixture_sliders import mixture_explorer
from ._readout import LiveNumbers
from ._sliders import float_slider
from .palette import MARK_COLOR, POINT_COLOR, component_color


class VarianceSliceView(LiveNumbers):
    r"""Left: :math:`\mathcal{L}` against :math:`\sigma_1^2` with the tangent at :math:`\sigma_1^2`.
    Right: each point's term of :math:`\partial\mathcal{L}/\partial\sigma_1^2`.

    Parameters
    ----------
    x : ndarray, shape (m,)
    mixture : Mixture
        A K = 2 mixture; the :math:`\sigma_1^2` axis is :math:`(0, 4\sigma_1^2]` at this start.
    xlabel : str
        The data axis's label (the data's name and unit, say).
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig, ax, pull_ax : Figure, Axes, Axes
    curve, tangent, dot : Line2D
        L along the slice, the tangent line and its point.
    band : Rectangle
        :math:`\mu_1 \pm \sigma_1`: points inside pull :math:`\sigma_1^2` down, points outside up.
    stems : LineCollection
        The m terms (they add up to the tangent's slope).

    Notes
    -----
    .. math:: \frac{\partial \mathcal{L}}{\partial \sigma_1^2}
              = \frac12 \sum_{i=1}^{m} \gamma_{i1}\left[\frac{(x_i-\mu_1)^2}{\sigma_1^4}
              - \frac{1}{\sigma_1^2}\right]

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture
    >>> from mogcore.viz import VarianceSliceView
    >>> view = VarianceSliceView(np.array([1.0, 1.2, 3.9]), Mixture([0.5, 0.5], [1.0, 4.0], [0.5, 0.5]))
    >>> [float(v) for v in view.ax.get_xlim()]
    [0.0, 2.0]
    """

    SIZE = (9.5, 3.8)

    def __init__(self, x: np.ndarray, mixture: Mixture, xlabel: str = "$x_i$", fig: Figure | None = None) -> None:
        self.fig = figure_for(fig, self.SIZE)
        self.ax, self.pull_ax = ax, bx = self.fig.subplots(1, 2)
        self.x = x
        self.hi = 4.0 * float(mixture.variances[0])
        self.axis = np.linspace(self.hi / 400, self.hi, 300)
        c1 = component_color(0)
        self.curve = ax.plot(self.axis, np.zeros_like(self.axis), color=c1, lw=2, label="$\\mathcal{L}(\\sigma_1^2)$")[
            0
        ]
        self.tangent = ax.plot([], [], color=POINT_COLOR, lw=2, label="its tangent")[0]
        self.dot = ax.plot([], [], "o", color=POINT_COLOR, ms=7, zorder=4)[0]
        ax.set_xlim(0.0, self.hi)
        ax.set_xlabel("$\\sigma_1^2$", color=c1)
        ax.set_ylabel("$\\mathcal{L}$")
        self.band = bx.axvspan(0.0, 1.0, color=c1, alpha=0.15, lw=0, label="$\\mu_1 \\pm \\sigma_1$")
        self.stems = stems(bx, x, c1)
        bx.set_xlim(*data_grid(x)[[0, -1]])
        bx.set_xlabel(xlabel)
        bx.set_ylabel("pull on $\\sigma_1^2$", fontsize=10)
        legend_below(self.fig, [self.curve, self.tangent, self.band], ncols=3)
        self.update(mixture)

    def update(self, mixture: Mixture) -> None:
        """Move the curve, tangent, band and stems to ``mixture``."""
        w, mu, var = mixture
        Ls = log_likelihood(self.x, w, mu, np.column_stack([self.axis, np.full_like(self.axis, var[1])]))
        self.curve.set_ydata(Ls)
        L0, g = value_and_gradients(self.x, w, mu, var)
        L0, slope, v0 = float(L0), float(g.variances[0]), float(var[0])
        tx = np.array([v0 - self.hi / 6, v0 + self.hi / 6])
        self.tangent.set_data(tx, L0 + slope * (tx - v0))
        self.dot.set_data([v0], [L0])
        top, bottom = max(float(Ls.max()), L0), min(float(np.quantile(Ls, 0.1)), L0)
        follow_nice(self.ax, bottom, top)
        self.set_title(
            self.ax,
            "",
            f"$\\partial\\mathcal{{L}}/\\partial\\sigma_1^2$ = {slope:.2f} at $\\sigma_1^2$ = {v0:.3g};  "
            f"$\\mathcal{{L}}$ = {L0:.1f}",
            f"∂L/∂σ<sub>1</sub><sup>2</sup> = {slope:.2f} at σ<sub>1</sub><sup>2</sup> = {v0:.3g}; L = {L0:.1f}",
        )
        terms = gradient_terms(self.x, w, mu, var).variances[:, 0]
        set_stems(self.stems, self.x, terms)
        sd = float(np.sqrt(var[0]))
        self.band.set_x(float(mu[0]) - sd)
        self.band.set_width(2 * sd)
        symmetric_limits(self.pull_ax, terms)
        total = f"{terms.sum():.2f}"
        self.set_title(self.pull_ax, "sum of the stems", f"= {total}", f"sum of the stems = {total}", "left", " ")


class VarianceFieldView(LiveNumbers):
    r"""The gradient field of L over :math:`(\mu_1, \log\sigma_1)`, on L's contours.

    Parameters
    ----------
    x : ndarray, shape (m,)
    mixture : Mixture
        :math:`\pi_1, \mu_2, \sigma_2^2` shape the field; :math:`(\mu_1, \sigma_1^2)` is the dot.
    n : (int, int), optional
        Contour grid size along :math:`\mu_1` and along :math:`\log\sigma_1` (one batched call over all
        settings). By default 32 rows, and a :math:`\mu_1` spacing of 2/3 of the smallest :math:`\sigma_1`
        (48 to 320 nodes), fine enough to resolve every narrow peak at the bottom of the plot.
    arrows : int
        Arrows per axis.
    ax : Axes, optional
        Draw on these (empty) axes instead of a new figure.

    Attributes
    ----------
    fig, ax : Figure, Axes
    field : FieldArtists

    Notes
    -----
    Arrows point along
    :math:`\left(\partial\mathcal{L}/\partial\mu_1,\ \partial\mathcal{L}/\partial\log\sigma_1\right)`,
    each drawn 1/14 of the axes long. The vertical axis spans :math:`\sigma_1^2` from
    :math:`10^{-3}\operatorname{var}(x)` to :math:`2\operatorname{var}(x)`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture
    >>> from mogcore.viz import VarianceFieldView
    >>> x = np.array([1.0, 1.2, 3.9, 4.1, 4.3])
    >>> VarianceFieldView(x, Mixture([0.5, 0.5], [1.0, 4.0], [0.5, 0.5]), n=(20, 10), arrows=5).mu1.shape
    (10, 20)
    """

    SIZE = (6.4, 5.2)

    def __init__(
        self,
        x: np.ndarray,
        mixture: Mixture,
        n: tuple[int, int] | None = None,
        arrows: int = 16,
        ax: Axes | None = None,
    ) -> None:
        self.ax = ax = ax if ax is not None else new_figure(self.SIZE).subplots()
        self.fig = ax.figure
        self.x = x
        lo, hi = data_grid(x, 2).tolist()
        v = float(np.var(x)) or 1.0
        s_lo, s_hi = 0.5 * np.log(1e-3 * v), 0.5 * np.log(2 * v)
        if n is None:  # a node every 2/3 of the smallest sigma_1: no narrow peak falls between two nodes
            n = (int(np.clip(np.ceil(1.5 * (hi - lo) / np.exp(s_lo)) + 1, 48, 320)), 32)
        self.mu1, self.s1 = np.meshgrid(np.linspace(lo, hi, n[0]), np.linspace(s_lo, s_hi, n[1]), indexing="xy")
        self.spans = (hi - lo, s_hi - s_lo)
        self.field = FieldArtists(ax, self.mu1, self.s1, arrows, scale_units="xy", scale=1.0)
        # Independent of the (mu_1, sigma_1) it is drawn over; one kept per (pi_1, mu_2, sigma_2^2) seen, so a
        # folded slider moved back redraws a kept field (each about 0.15 MB for Old Faithful's 191 x 32 grid).
        self._field = Recompute(self._compute_field, 48)
        self._shown = None  # the field the artists show
        ax.plot(x, np.full_like(x, s_lo), "|", color=MARK_COLOR, ms=8, clip_on=False)
        ax.set_xlim(lo, hi)
        ax.set_ylim(s_lo, s_hi)
        ax.set_xlabel("$\\mu_1$", color=component_color(0))
        ax.set_ylabel("$\\log\\sigma_1$", color=component_color(0))
        self.update(mixture)

    def _compute_field(self, weights: np.ndarray, mu2: float, var2: float) -> tuple[np.ndarray, ...]:
        r"""L over the :math:`(\mu_1, \log\sigma_1)` grid and the direction of its gradient there (one batched
        call), with :math:`\pi` and component 2 held."""
        means = np.stack([self.mu1, np.full_like(self.mu1, mu2)], axis=-1)
        variances = np.stack([np.exp(2 * self.s1), np.full_like(self.s1, var2)], axis=-1)
        L, g = value_and_unconstrained_gradients(self.x, weights, means, variances)
        return (L, *unit(g.means[..., 0], g.log_sigmas[..., 0], *self.spans))

    def prepare(self, mixture: Mixture) -> None:
        """Compute, and keep, the field ``mixture`` will show, drawing nothing (an explorer calls it for the next
        key press, once this one's frame is sent)."""
        self._field(weights=mixture.weights, mu2=float(mixture.means[1]), var2=float(mixture.variances[1]))

    def update(self, mixture: Mixture) -> None:
        """Recompute the field for ``mixture`` (one batched call; only if :math:`\\pi` or component 2
        changed) and mark its :math:`(\\mu_1, \\log\\sigma_1)`."""
        w, mu, var = mixture
        sx, sy = self.spans
        field = self._field(weights=w, mu2=float(mu[1]), var2=float(var[1]))
        if field is not self._shown:
            L, u, v = field
            self.field.set_arrows(u / 14, v / 14)
            self.field.set_contours(L)
            self._shown = field
        L0, g0 = value_and_unconstrained_gradients(self.x, w, mu, var)
        here_u, here_v = float(g0.means[0]), float(g0.log_sigmas[0])
        du, dv = unit(here_u, here_v, sx, sy)
        self.field.mark(float(mu[0]), 0.5 * float(np.log(var[0])), float(du) * 0.12, float(dv) * 0.12)
        self.set_title(
            self.ax,
            "",
            f"at the dot: $\\partial\\mathcal{{L}}/\\partial\\mu_1$ = {here_u:.2f}, "
            f"$\\partial\\mathcal{{L}}/\\partial\\log\\sigma_1$ = {here_v:.2f};  $\\mathcal{{L}}$ = {float(L0):.1f}",
            f"at the dot: ∂L/∂μ<sub>1</sub> = {here_u:.2f}, ∂L/∂log σ<sub>1</sub> = {here_v:.2f}; L = {float(L0):.1f}",
        )


def explore_variance_slice(
    x: object, weights: object = None, means: object = None, variances: object = None, xlabel: str = "$x_i$"
) -> Explorer:
    r"""A :class:`VarianceSliceView` led by a linear :math:`\sigma_1^2` slider over :math:`(0, 4\sigma_1^2]`
    and :math:`\mu_1`; the other three sliders fold under "more parameters".

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
    The :math:`\sigma_1^2` slider is linear here, so the tangent
    :math:`\mathcal{L}_0 + \frac{\partial\mathcal{L}}{\partial\sigma_1^2}(\sigma_1^2 - s_0)` is straight.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import explore_variance_slice
    >>> explore_variance_slice(np.array([0.0, 1.0, 5.0]), variances=[0.5, 1.0]).sliders["var1"].max
    2.0
    """
    x = np.asarray(x, dtype=float)
    v1 = float(variances[0]) if variances is not None else float(np.var(x)) / 4.0 or 1.0
    hi = 4.0 * v1
    var1 = float_slider(v1, hi / 200, hi, hi / 400, label=r"$\sigma_1^2$", fmt=".3f")
    names = ("var1", "mu1", "pi1", "mu2", "var2")
    start = (weights, means, variances)
    return mixture_explorer(VarianceSliceView, x, start, names, extra={"var1": var1}, lead=2, xlabel=xlabel)


def explore_variance_field(
    x: object, weights: object = None, means: object = None, variances: object = None
) -> Explorer:
    r"""The K = 2 sliders driving a :class:`VarianceFieldView`.

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
    Arrows: :math:`(\partial\mathcal{L}/\partial\mu_1, \partial\mathcal{L}/\partial\log\sigma_1)`,
    normalised; one batched call per change.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import explore_variance_field
    >>> explore_variance_field(np.array([0.0, 1.0, 5.0])).view.mu1.shape
    (32, 144)
    """
    return mixture_explorer(VarianceFieldView, x, (weights, means, variances))
