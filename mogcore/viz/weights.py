r"""The weight gradient under :math:`\sum_k \pi_k = 1`: L along :math:`\pi_1` with four tangents, and :math:`N_k`.

Used by notebook 05 (the weight gradient).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple

from ..coordinates import weight_slopes
from ..em import em_step
from ..gradients import best_weight, value_and_gradients
from ..mixture import log_likelihood
from ..params import Mixture
from ._explorer import Explorer
from ._figure import figure_for, legend_below
from ._limits import follow_nice
from ._memo import Recompute
from ._mixture_sliders import mixture_explorer
from ._readout import LiveNumbers
from .palette import GREY, MARK_COLOR, MIXTURE_COLOR, POINT_COLOR, PURPLE, component_color

#: The weight gradients drawn as tangents: (kind of :func:`mogcore.weight_slopes`, label, colour, line style).
TANGENTS = (
    ("exact", "exact $d\\mathcal{L}/d\\pi_1$ (with $\\pi_2 = 1-\\pi_1$)", POINT_COLOR, "-"),
    ("simplex", "projected: $g_1 - \\bar g$", GREY, "--"),
    ("softmax", "softmax: $\\partial\\mathcal{L}/\\partial\\eta_1$", PURPLE, "-."),
    ("partial", "partial $\\partial\\mathcal{L}/\\partial\\pi_1$ (ignores $\\sum\\pi=1$)", MARK_COLOR, ":"),
)


class WeightView(LiveNumbers):
    r"""Left: :math:`\mathcal{L}` along :math:`\pi_1 \in (0, 1)` with four tangents.
    Right: :math:`N_k` beside :math:`m\pi_k`.

    Parameters
    ----------
    x : ndarray, shape (m,)
    mixture : Mixture
        A K = 2 mixture.
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig, ax, bar_ax : Figure, Axes, Axes
    curve : Line2D
        L along the segment :math:`\pi_2 = 1 - \pi_1`, the components fixed.
    tangents : dict of kind -> Line2D
        Lines through :math:`(\pi_1, \mathcal{L})` with each gradient as slope; only the
        exact one is the curve's true tangent.
    dot, em_next : Line2D
        The sliders' point, and :math:`N_1/m` on the curve (where one EM step puts :math:`\pi_1`).
    best : Line2D
        :math:`\pi_1^\star` (:func:`mogcore.best_weight`), where the exact derivative is 0.
    bars, m_pi : BarContainer, Line2D
        :math:`N_1, N_2` and :math:`m\pi_1, m\pi_2`.

    Notes
    -----
    .. math:: \frac{d\mathcal{L}}{d\pi_1} = \frac{N_1}{\pi_1} - \frac{N_2}{\pi_2}
              = \frac{N_1 - m\pi_1}{\pi_1\pi_2}

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture
    >>> from mogcore.viz import WeightView
    >>> view = WeightView(np.array([0.0, 0.2, 5.0]), Mixture([0.5, 0.5], [0.1, 5.0], [1.0, 1.0]))
    >>> round(float(view.best.get_xdata()[0]), 2)
    0.67
    """

    SIZE = (9.5, 4.0)

    def __init__(self, x: np.ndarray, mixture: Mixture, fig: Figure | None = None) -> None:
        self.fig = figure_for(fig, self.SIZE)
        self.ax, self.bar_ax = ax, bx = self.fig.subplots(1, 2, width_ratios=[3, 1])
        self.x = x
        self.pis = np.linspace(0.0, 1.0, 402)[1:-1]
        self.curve = ax.plot(self.pis, np.zeros_like(self.pis), color=component_color(0), lw=2.5)[0]
        self.tangents = {
            kind: ax.plot([], [], color=c, ls=ls, lw=2.2, label=label)[0] for kind, label, c, ls in TANGENTS
        }
        self.dot = ax.plot([], [], "o", color=POINT_COLOR, ms=7, zorder=4)[0]
        self.best = ax.axvline(0.5, color=MARK_COLOR, ls=":", lw=1.2)
        self.em_next = ax.plot([], [], "v", color=MIXTURE_COLOR, ms=8, zorder=4)[0]
        ax.set_xlim(0, 1)
        ax.set_xlabel("$\\pi_1$  ($\\pi_2 = 1 - \\pi_1$)")
        ax.set_ylabel("$\\mathcal{L}$")
        legend_below(self.fig, list(self.tangents.values()), ncols=2)
        colors = [component_color(0), component_color(1)]
        self.bars = bx.bar([0, 1], [0.0, 0.0], color=colors, label="$N_k$")
        self.m_pi = bx.plot([0, 1], [0.0, 0.0], "_", color=MIXTURE_COLOR, ms=28, mew=2.5, label="$m\\pi_k$")[0]
        bx.set_xticks([0, 1], ["$k=1$", "$k=2$"])
        bx.set_ylim(0, 1.35 * len(x))
        both = (self.bars[0], self.bars[1])  # the N_k swatch in both components' colours
        bx.legend([both, self.m_pi], ["$N_k$", "$m\\pi_k$"], handler_map={tuple: HandlerTuple(ndivide=None)},
                  loc="upper left", fontsize=10, frameon=False)  # fmt: skip
        self._curve = Recompute(self._compute_curve, 64)  # L along pi_1 depends on the components only
        self._shown = None  # the curve the artists show
        self.update(mixture)

    def _compute_curve(self, means: np.ndarray, variances: np.ndarray) -> tuple[np.ndarray, float]:
        """L along :math:`\\pi_2 = 1 - \\pi_1` for these components, and :math:`\\pi_1^\\star` on it."""
        Ls = log_likelihood(self.x, np.column_stack([self.pis, 1 - self.pis]), means, variances)
        return Ls, float(best_weight(self.x, means, variances))

    def prepare(self, mixture: Mixture) -> None:
        """Compute, and keep, the curve ``mixture`` will show, drawing nothing (an explorer calls it for the next
        key press, once this one's frame is sent)."""
        self._curve(means=mixture.means, variances=mixture.variances)

    def update(self, mixture: Mixture) -> None:
        """Move every artist to ``mixture`` (the curve and :math:`\\pi_1^\\star` only if a component moved)."""
        w, mu, var = mixture
        curve = self._curve(means=mu, variances=var)
        Ls, self._star = curve
        if curve is not self._shown:
            self.curve.set_ydata(Ls)
            self.best.set_xdata([self._star, self._star])
            top, bottom = float(Ls.max()), float(np.quantile(Ls, 0.15))
            pad = 0.1 * (top - bottom or 1.0)
            follow_nice(self.ax, bottom - pad, top, pad=0.1)
            self._shown = curve
        L = float(value_and_gradients(self.x, w, mu, var)[0])
        slopes = weight_slopes(self.x, w, mu, var)
        p1 = float(w[0])
        tx = np.array([p1 - 0.2, p1 + 0.2])
        for kind, line in self.tangents.items():
            line.set_data(tx, L + slopes[kind] * (tx - p1))
        self.dot.set_data([p1], [L])
        m = len(self.x)
        n = em_step(self.x, w, mu, var).weights * m  # N_k = m times EM's next weight
        n1_over_m = float(np.clip(n[0] / m, 1e-12, 1 - 1e-12))  # N_1 / m can round to 1 (all gamma_i1 = 1.0)
        self.em_next.set_data([n1_over_m], [float(log_likelihood(self.x, [n1_over_m, 1 - n1_over_m], mu, var))])
        for bar, h in zip(self.bars, n):
            bar.set_height(float(h))
        self.m_pi.set_ydata([m * p1, m * (1 - p1)])
        e, p, s, q = (slopes[kind] for kind in ("exact", "simplex", "softmax", "partial"))
        self.set_title(
            self.ax,
            "",
            f"$\\pi_1$ = {p1:.2f}:  exact {e:.1f}, projected {p:.1f},\n"
            f"softmax {s:.1f}, partial {q:.1f};  $\\pi_1^\\star$ = {self._star:.3f}",
            f"π<sub>1</sub> = {p1:.2f}: slopes exact {e:.1f}, projected {p:.1f}, softmax {s:.1f}, partial {q:.1f};"
            f" π<sub>1</sub><sup>⋆</sup> = {self._star:.3f}",
        )
        self.set_title(
            self.bar_ax,
            "",
            f"$N_1$ = {n[0]:.1f}\n$N_2$ = {n[1]:.1f}",
            f"N<sub>1</sub> = {n[0]:.1f}, N<sub>2</sub> = {n[1]:.1f}",
        )


def explore_weights(x: object, weights: object = None, means: object = None, variances: object = None) -> Explorer:
    r"""A :class:`WeightView` led by the :math:`\pi_1` slider; means and variances fold under "more parameters".

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
    Exact: :math:`N_1/\pi_1 - N_2/\pi_2`; projected: half of it; softmax:
    :math:`N_1 - m\pi_1`; partial: :math:`N_1/\pi_1`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import explore_weights
    >>> sorted(explore_weights(np.array([0.0, 0.2, 5.0])).view.tangents)
    ['exact', 'partial', 'simplex', 'softmax']
    """
    return mixture_explorer(WeightView, x, (weights, means, variances), lead=1)
