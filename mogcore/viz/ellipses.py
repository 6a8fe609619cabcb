r"""Mixtures in two dimensions: covariance ellipses and the gradients that move them.

Used by notebook 07 (more components and dimensions); :mod:`.em2d` draws EM on the same axes.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse

from .. import multivariate as mv
from ._explorer import Explorer
from ._figure import axes_arrow, figure_for
from ._readout import LiveNumbers
from ._sliders import float_slider, labelled, on_slider_grid
from .palette import GAMMA_CMAP, PAPER_COLOR, POINT_COLOR, component_color

#: The 2-D sliders of one component: its mean, its two standard deviations and its correlation.
SHAPE_NAMES = ("mu_x", "mu_y", "sd_x", "sd_y", "rho")
LABELS = {
    "component": "component",
    "mu_x": r"$\mu_{k,1}$",
    "mu_y": r"$\mu_{k,2}$",
    "sd_x": r"$\sigma_{k,1}$",
    "sd_y": r"$\sigma_{k,2}$",
    "rho": r"$\rho_k$",
}


def _place(patch: Ellipse, mean: np.ndarray, cov: np.ndarray, radius: float) -> None:
    centre, width, height, angle = mv.ellipse_geometry(mean, cov, radius)
    patch.set_center(centre)
    patch.set_width(width)
    patch.set_height(height)
    patch.set_angle(angle)


def _entry(value: float) -> str:
    """A gradient entry for a title: 3 significant digits, and 0 below 1e-6 (at a fit the gradient is 0 up to
    rounding, whose digits mean nothing and differ from machine to machine)."""
    return f"{value:.3g}" if abs(value) >= 1e-6 else "0"


class MixtureEllipses:
    r"""What the 2-D views draw on their data axes: the points coloured by :math:`\gamma_{i1}`, each
    component's 1-sd (solid) and 2-sd (dotted) ellipse and its centre, on axes framed and labelled for the data.

    Parameters
    ----------
    ax : Axes
    X : ndarray, shape (m, 2)
    labels : (str, str)

    Attributes
    ----------
    points : PathCollection
    ellipses : list of (Ellipse, Ellipse)
    centres : list of Line2D

    Notes
    -----
    The ellipses are the level sets :math:`(x-\mu_k)^\top\Sigma_k^{-1}(x-\mu_k) = r^2`, r = 1 and 2.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import new_figure
    >>> from mogcore.viz.ellipses import MixtureEllipses
    >>> X = np.array([[1.0, 50.0], [4.0, 80.0]])
    >>> len(MixtureEllipses(new_figure((4.0, 3.0)).subplots(), X, ("a", "b")).ellipses)
    2
    """

    def __init__(self, ax: Axes, X: np.ndarray, labels: tuple[str, str]) -> None:
        self.points = ax.scatter(X[:, 0], X[:, 1], c=np.zeros(len(X)), cmap=GAMMA_CMAP, vmin=0, vmax=1, s=16)
        self.ellipses, self.centres = [], []
        for k in range(2):
            c = component_color(k)
            pair = tuple(Ellipse((0, 0), 1, 1, fill=False, color=c, lw=w, ls=ls) for w, ls in ((2.2, "-"), (1.4, ":")))
            for patch in pair:
                ax.add_patch(patch)
            self.ellipses.append(pair)
            self.centres.append(ax.plot([], [], "X", color=c, ms=11, mec=PAPER_COLOR, zorder=6)[0])
        pad = 0.12 * np.ptp(X, axis=0)
        ax.set_xlim(X[:, 0].min() - pad[0], X[:, 0].max() + pad[0])
        ax.set_ylim(X[:, 1].min() - pad[1], X[:, 1].max() + pad[1])
        ax.set_xlabel(labels[0])
        ax.set_ylabel(labels[1])

    def show(self, means: np.ndarray, covariances: np.ndarray, gamma1: np.ndarray) -> None:
        """Colour the points by ``gamma1`` and put each component's ellipses and centre in place."""
        self.points.set_array(gamma1)
        for k in range(2):
            for patch, radius in zip(self.ellipses[k], (1.0, 2.0)):
                _place(patch, means[k], covariances[k], radius)
            self.centres[k].set_data([means[k, 0]], [means[k, 1]])


class EllipseView(LiveNumbers):
    r"""Two components in 2-D: data coloured by :math:`\gamma_{i1}`, 1- and 2-sd ellipses, each mean's
    gradient as an arrow, and the ellipse one small covariance-gradient step gives the chosen component.

    Parameters
    ----------
    X : ndarray, shape (m, 2)
    mixture : MvMixture
        K = 2 weights (2,), means (2, 2), covariances (2, 2, 2).
    chosen : int
        The component (0 or 1) whose covariance step is drawn.
    labels : (str, str)
        The axes' labels.
    moves : bool
        Draw the arrows and the step ellipse (False: the mixture alone, as for a picture of a fit, where both
        would sit exactly on what they start from).
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig, ax : Figure, Axes
    data : MixtureEllipses
        The data coloured by :math:`\gamma_{i1}`, each component's 1- and 2-sd ellipses and centre.
    arrows : list of Annotation
        :math:`\Sigma_k\,\partial\mathcal{L}/\partial\mu_k / N_k` from each mean: the gradient rescaled, which is
        EM's move of :math:`\mu_k` (:func:`mogcore.multivariate.em_mean_move`).
    step : Ellipse
        The chosen component's 1-sd ellipse after one small gradient step
        :math:`\Sigma_k + \Sigma_k\,\partial\mathcal{L}/\partial\Sigma_k\,\Sigma_k / N_k`
        (:func:`mogcore.multivariate.covariance_step`).

    Notes
    -----
    .. math:: \frac{\partial\mathcal{L}}{\partial\mu_k} = \sum_i\gamma_{ik}\Sigma_k^{-1}(x_i-\mu_k),\qquad
              \frac{\partial\mathcal{L}}{\partial\Sigma_k} = \tfrac12\sum_i\gamma_{ik}\big(\Sigma_k^{-1}d_{ik}
              d_{ik}^\top\Sigma_k^{-1}-\Sigma_k^{-1}\big)

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.multivariate import MvMixture
    >>> from mogcore.viz import EllipseView
    >>> X = np.array([[1.0, 50.0], [2.0, 55.0], [4.0, 80.0], [4.5, 85.0]])
    >>> mix = MvMixture(np.array([0.5, 0.5]), np.array([[1.5, 52.0], [4.2, 82.0]]), np.array([np.diag([0.5, 20])] * 2))
    >>> len(EllipseView(X, mix, 0).data.ellipses)
    2
    """

    SIZE = (7.6, 5.0)

    def __init__(
        self,
        X: np.ndarray,
        mixture: mv.MvMixture,
        chosen: int,
        labels: tuple[str, str] = ("$x_1$", "$x_2$"),
        moves: bool = True,
        fig: Figure | None = None,
    ) -> None:
        self.fig = figure_for(fig, self.SIZE)
        self.ax = ax = self.fig.subplots()
        self.X, self.moves = X, moves
        self.data = MixtureEllipses(ax, X, labels)
        bar = self.fig.colorbar(self.data.points, ax=ax, fraction=0.05, pad=0.02)
        bar.set_label("$\\gamma_{i1}$ (1: component 1, 0: component 2)")
        self.arrows = [axes_arrow(ax, POINT_COLOR, lw=2.2, zorder=7) for _ in range(2)]
        self.step = Ellipse((0, 0), 1, 1, fill=False, color=POINT_COLOR, lw=2.0, ls="--", zorder=4)
        ax.add_patch(self.step)
        self.update(mixture, chosen)

    def update(self, mixture: mv.MvMixture, chosen: int) -> None:
        """Move every artist to ``mixture``; draw the covariance step of component ``chosen``."""
        w, mu, cov = (np.asarray(a, dtype=float) for a in mixture)
        L, g = mv.value_and_gradients(self.X, w, mu, cov)
        gamma = mv.responsibilities(self.X, w, mu, cov)
        self.data.show(mu, cov, gamma[:, 0])
        n = gamma.sum(axis=0)
        moves = mv.em_mean_move(cov, g.means, n)
        for k in range(2):
            self.arrows[k].xy = tuple(mu[k] + moves[k])
            self.arrows[k].set_position(tuple(mu[k]))
            self.arrows[k].set_visible(self.moves)
        self.step.set_visible(self.moves and bool(n[chosen] > 0))  # no point to step toward: no step drawn
        _place(self.step, mu[chosen], mv.covariance_step(cov, g.covariances, n)[chosen], 1.0)
        k, gm, gs = chosen + 1, g.means[chosen], g.covariances[chosen]
        mean, cov = (
            f"({gm[0]:.2f}, {gm[1]:.3f})",
            f"[[{_entry(gs[0, 0])}, {_entry(gs[0, 1])}], [{_entry(gs[1, 0])}, {_entry(gs[1, 1])}]]",
        )
        self.set_title(
            self.ax,
            f"component {k}",
            f"$\\mathcal{{L}}$ = {float(L):.2f};  $\\partial\\mathcal{{L}}/\\partial\\mu_{k}$ = {mean},\n"
            f"$\\partial\\mathcal{{L}}/\\partial\\Sigma_{k}$ = {cov}",
            f"L = {float(L):.2f}; component {k}: ∂L/∂μ<sub>{k}</sub> = {mean}, ∂L/∂Σ<sub>{k}</sub> = {cov}",
            sep=":  ",
        )


def explore_covariance(
    X: object, mixture: mv.MvMixture, chosen: int = 0, labels: tuple[str, str] = ("$x_1$", "$x_2$")
) -> Explorer:
    r"""An :class:`EllipseView` with a toggle for the component and sliders for its mean, standard
    deviations and correlation.

    Parameters
    ----------
    X : array_like, shape (m, 2)
    mixture : MvMixture
        The start (K = 2). The sliders' grids are anchored at the chosen component's values, in steps
        of a power of ten near 1% of each data range (0.01 min and 0.1 min for Old Faithful), and 0.05
        for the correlation; the other component's values are put on the same grids.
    chosen : int
        The component the sliders start on.
    labels : (str, str)

    Returns
    -------
    Explorer

    Notes
    -----
    The sliders set :math:`\Sigma_k` through :math:`(\sigma_{k,1}, \sigma_{k,2}, \rho_k)`:
    :math:`\Sigma_k = \begin{pmatrix}\sigma_{k,1}^2 & \rho_k\sigma_{k,1}\sigma_{k,2}\\
    \rho_k\sigma_{k,1}\sigma_{k,2} & \sigma_{k,2}^2\end{pmatrix}`, positive definite for :math:`|\rho_k| < 1`.
    The toggle ("1" or "2") picks the component; it moves the sliders (quietly) to that component's values.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.multivariate import MvMixture
    >>> from mogcore.viz import explore_covariance
    >>> X = np.array([[1.0, 50.0], [2.0, 55.0], [4.0, 80.0], [4.5, 85.0]])
    >>> mix = MvMixture(np.array([0.5, 0.5]), np.array([[1.5, 52.0], [4.2, 82.0]]), np.array([np.diag([0.25, 16])] * 2))
    >>> ex = explore_covariance(X, mix)
    >>> ex.set(component="2")
    >>> ex.values["mu_x"]
    4.2
    """
    X = np.asarray(X, dtype=float)
    w, mu, cov = (np.array(a, dtype=float) for a in mixture)
    lo, hi, spread = X.min(axis=0), X.max(axis=0), X.std(axis=0)
    pad = 0.1 * (hi - lo)
    step = [10.0 ** np.floor(np.log10(float(r) / 100)) if r > 0 else 0.01 for r in (hi - lo)]  # ~1% of the range
    make = {
        "mu_x": lambda v: float_slider(v, lo[0] - pad[0], hi[0] + pad[0], step[0], label=LABELS["mu_x"], fmt=".2f"),
        "mu_y": lambda v: float_slider(v, lo[1] - pad[1], hi[1] + pad[1], step[1], label=LABELS["mu_y"], fmt=".2f"),
        "sd_x": lambda v: float_slider(v, 0.05 * spread[0], 1.5 * spread[0], step[0], label=LABELS["sd_x"], fmt=".3f"),
        "sd_y": lambda v: float_slider(v, 0.05 * spread[1], 1.5 * spread[1], step[1], label=LABELS["sd_y"], fmt=".3f"),
        "rho": lambda v: float_slider(v, -0.95, 0.95, 0.05, label=LABELS["rho"]),
    }
    start = {k: dict(zip(SHAPE_NAMES, (*mu[k], *mv.shape_of(cov[k])))) for k in range(2)}
    sliders = {name: make[name](start[chosen][name]) for name in SHAPE_NAMES}
    state = {k: {n: on_slider_grid(sliders[n], v) for n, v in start[k].items()} for k in range(2)}
    toggle = widgets.ToggleButtons(options=["1", "2"], value=str(chosen + 1))  # which component the sliders set
    controls = {"component": labelled(toggle, LABELS["component"], wide=True), **sliders}

    def params() -> mv.MvMixture:
        means = np.array([[state[k]["mu_x"], state[k]["mu_y"]] for k in range(2)])
        covs = np.array([mv.covariance(state[k]["sd_x"], state[k]["sd_y"], state[k]["rho"]) for k in range(2)])
        return mv.MvMixture(w, means, covs)

    def couple(name: str, value: object) -> dict:
        return dict(state[int(value) - 1]) if name == "component" else {}

    def update(values: dict) -> None:
        k = int(values["component"]) - 1
        state[k].update({n: float(values[n]) for n in SHAPE_NAMES})
        view.update(params(), k)

    view = EllipseView(X, params(), chosen, labels)
    return Explorer(view, controls, update, couple=couple)
