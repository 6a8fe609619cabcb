r"""Second order: L along :math:`\mu_1` with its tangent and its parabola and where three steps land, and
EM's speed as two components overlap.

Used by notebook 08 (curvature).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse

from ..curvature import em_rate, mean_hessian
from ..data import separated_sample
from ..fitting import em_fit, newton
from ..gradients import value_and_gradients
from ..mixture import component_pdfs, log_likelihood
from ..multivariate.ellipses import ellipse_geometry
from ..params import Mixture
from ._explorer import Explorer
from ._figure import HistogramWithComponents, data_grid, figure_for, legend_below
from ._limits import follow_nice
from ._memo import Recompute
from ._mixture_sliders import default_mixture, mixture_explorer
from ._sliders import float_slider
from .means import MeanFieldView
from .palette import GREY, MARK_COLOR, POINT_COLOR, PURPLE, component_color

#: The gradient-ascent step size of notebook 06's "typical" start (the step is alpha / m times the gradient).
ASCENT_STEP = 0.1


class SecondOrderView:
    r"""Left: the data and the two weighted components. Right: :math:`\mathcal{L}` along :math:`\mu_1`, its tangent
    (the gradient), its parabola (the second-order model), and where three steps from :math:`\mu_1` land.

    Parameters
    ----------
    x : ndarray, shape (m,)
    mixture : Mixture
        A K = 2 mixture.
    xlabel : str
        The data axis's label.
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig, data_ax, ax : Figure, Axes, Axes
    components : HistogramWithComponents
    curve, tangent, parabola : Line2D
        :math:`\mathcal{L}` along :math:`\mu_1` (the rest held), the tangent line and the parabola at :math:`\mu_1`.
    steps : dict of str -> Line2D
        Vertical lines where a step lands: ``"ascent"`` (:math:`\mu_1 + \frac{\alpha}{m}g`, :math:`\alpha` =
        :data:`ASCENT_STEP`), ``"EM"`` (:math:`\mu_1 + \frac{\sigma_1^2}{N_1}g`) and ``"Newton"``
        (:math:`\mu_1 - g/h`, the parabola's stationary point).
    dot : Line2D
        :math:`(\mu_1, \mathcal{L})`.

    Notes
    -----
    With :math:`g = \partial\mathcal{L}/\partial\mu_1` and :math:`h = \partial^2\mathcal{L}/\partial\mu_1^2`
    (:func:`mogcore.mean_hessian`), the parabola is
    :math:`\mathcal{L} + g\,\Delta + \tfrac12 h\,\Delta^2` with :math:`\Delta = \mu - \mu_1`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture
    >>> from mogcore.viz import SecondOrderView
    >>> view = SecondOrderView(np.array([1.0, 1.2, 3.9, 4.1]), Mixture([0.5, 0.5], [1.3, 4.0], [0.1, 0.1]))
    >>> sorted(view.steps)
    ['EM', 'Newton', 'ascent']
    """

    SIZE = (9.5, 3.8)

    def __init__(self, x: np.ndarray, mixture: Mixture, xlabel: str = "$x$", fig: Figure | None = None) -> None:
        self.fig = figure_for(fig, self.SIZE)
        self.data_ax, self.ax = dx, ax = self.fig.subplots(1, 2)
        self.x, grid = x, data_grid(x)
        self.components = HistogramWithComponents(dx, x, grid)
        dx.set_xlabel(xlabel)
        dx.set_ylabel("density")
        self.axis = grid
        c1 = component_color(0)
        self.curve = ax.plot(grid, np.zeros_like(grid), color=c1, lw=2.5, label="$\\mathcal{L}$ along $\\mu_1$")[0]
        self.tangent = ax.plot(grid, np.zeros_like(grid), color=GREY, lw=1.5, label="tangent")[0]
        self.parabola = ax.plot(grid, np.zeros_like(grid), color=POINT_COLOR, lw=1.5, ls="--", label="parabola")[0]
        self.steps = {
            name: ax.axvline(0.0, color=color, lw=2, ls=ls, label=label)
            for name, color, ls, label in (
                ("ascent", POINT_COLOR, "-", "ascent step"),
                ("EM", PURPLE, "-", "EM step"),
                ("Newton", GREY, ":", "Newton step"),
            )
        }
        self.dot = ax.plot([], [], "o", color=POINT_COLOR, ms=7, zorder=4)[0]
        ax.set_xlim(grid[0], grid[-1])
        ax.set_xlabel("$\\mu_1$", color=c1)
        ax.set_ylabel("$\\mathcal{L}$")
        handles = [self.curve, self.tangent, self.parabola, *self.steps.values()]
        legend_below(self.fig, handles, ncols=3)
        self.update(mixture)

    def update(self, mixture: Mixture) -> None:
        """Move the components, the curve, the tangent, the parabola and the three steps to ``mixture``."""
        w, mu, var = (np.asarray(a, dtype=float) for a in mixture)
        self.components.update(component_pdfs(self.axis, w, mu, var))
        means = np.column_stack([self.axis, np.full_like(self.axis, mu[1])])
        Ls = log_likelihood(self.x, w, means, var)
        L0, g = value_and_gradients(self.x, w, mu, var)
        L0, slope = float(L0), float(g.means[0])
        h = float(mean_hessian(self.x, w, mu, var)[0, 0])
        n1 = float(g.weights[0] * w[0])  # N_1, from the same pass: dL/dpi_1 = N_1 / pi_1
        delta = self.axis - mu[0]
        self.curve.set_ydata(Ls)
        self.tangent.set_ydata(L0 + slope * delta)
        self.parabola.set_ydata(L0 + slope * delta + 0.5 * h * delta**2)
        landing = {
            "ascent": mu[0] + ASCENT_STEP / len(self.x) * slope,
            "EM": mu[0] + var[0] / n1 * slope if n1 > 0 else mu[0],
            "Newton": mu[0] - slope / h if h != 0 else np.nan,
        }
        for name, line in self.steps.items():
            line.set_visible(bool(np.isfinite(landing[name])))  # h = 0: no parabola top to land on
            if np.isfinite(landing[name]):
                line.set_xdata([landing[name], landing[name]])
        self.dot.set_data([mu[0]], [L0])
        near = np.abs(delta) <= 0.25 * (self.axis[-1] - self.axis[0])  # a window around mu_1 sets the height
        follow_nice(self.ax, min(float(Ls[near].min()), L0), max(float(Ls.max()), L0))
        self.ax.set_title("bends " + ("down" if h < 0 else "up") + " at $\\mu_1$", fontsize=10, loc="left")


def explore_second_order(
    x: object, weights: object = None, means: object = None, variances: object = None, xlabel: str = "$x$"
) -> Explorer:
    r"""A :class:`SecondOrderView` led by :math:`\mu_1` and :math:`\sigma_1^2`; the rest fold under "more parameters".

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (2,), optional
        The start.
    xlabel : str
        The data axis's label.

    Returns
    -------
    Explorer

    Notes
    -----
    Newton's step along :math:`\mu_1` alone is :math:`-g/h`: the top of the parabola where
    :math:`h = \partial^2\mathcal{L}/\partial\mu_1^2 < 0`, its bottom where :math:`h > 0`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import explore_second_order
    >>> sorted(explore_second_order(np.array([0.0, 1.0, 5.0])).sliders)
    ['mu1', 'mu2', 'pi1', 'var1', 'var2']
    """
    names = ("mu1", "var1", "pi1", "mu2", "var2")
    return mixture_explorer(SecondOrderView, x, (weights, means, variances), names, lead=2, xlabel=xlabel)


#: The separations the slider offers (means delta apart, both standard deviations 1).
SEPARATIONS = np.round(np.arange(2.5, 6.01, 0.25), 2)
#: The stopping rule of both runs: L rose by less than this times |L| in a step.
SEPARATION_TOL = 1e-10


class SeparationView:
    r"""EM's speed as two components overlap. Left: the data and the fit. Middle: EM's predicted rate at the fit
    against the separation. Right: the iterations EM and Newton's method take from the same start.

    Parameters
    ----------
    delta : float
        The separation shown, one of :data:`SEPARATIONS`.
    m, seed : int
        The sample (:func:`mogcore.data.separated_sample`).
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig, data_ax, rate_ax, count_ax : Figure, Axes, Axes, Axes
    rates : ndarray
        :func:`mogcore.em_rate` at the fit, for each of :data:`SEPARATIONS`.
    em_iterations, newton_iterations : ndarray of int
        Steps to the stopping rule :data:`SEPARATION_TOL` from :func:`mogcore.viz.default_mixture`.
    components : list of Line2D
        The fitted weighted components over the histogram.
    marks : list of Line2D
        The dots at the shown separation.

    Notes
    -----
    Near a fit EM's error shrinks by about the rate per step, so it needs about
    :math:`\log\varepsilon / \log r` steps to shrink it by :math:`\varepsilon`; Newton's error squares.

    Examples
    --------
    >>> from mogcore.viz import SeparationView
    >>> view = SeparationView(4.0)
    >>> bool(view.rates[0] > view.rates[-1]), int(view.newton_iterations.max()) < 20
    (True, True)
    """

    SIZE = (9.5, 3.6)

    def __init__(self, delta: float, m: int = 400, seed: int = 0, fig: Figure | None = None) -> None:
        self.fig = figure_for(fig, self.SIZE)
        self.data_ax, self.rate_ax, self.count_ax = dx, rx, cx = self.fig.subplots(1, 3)
        self.m, self.seed = m, seed
        rows = [self._run(d) for d in SEPARATIONS]
        self.rates = np.array([r[1] for r in rows])
        self.em_iterations = np.array([r[2] for r in rows])
        self.newton_iterations = np.array([r[3] for r in rows])
        self._fits = {float(d): r[0] for d, r in zip(SEPARATIONS, rows)}
        self.grid = np.linspace(-6.0, 6.0, 300)
        self.hist = Recompute(lambda delta: np.histogram(separated_sample(delta, m, seed), 30, (-6, 6), density=True))
        self.bars = dx.bar(np.zeros(30), np.zeros(30), width=0.4, color=MARK_COLOR, alpha=0.35)
        self.components = [dx.plot(self.grid, 0 * self.grid, color=component_color(k), lw=2)[0] for k in range(2)]
        dx.set_xlim(-6, 6)
        dx.set_ylim(0, 0.45)
        dx.set_xlabel("$x$")
        dx.set_ylabel("density")
        rx.plot(SEPARATIONS, self.rates, color=PURPLE, lw=2)
        rx.set_ylim(0, 1)
        rx.set_xlabel("separation $\\delta$")
        rx.set_title("EM's rate at the fit", fontsize=10)
        cx.plot(SEPARATIONS, self.em_iterations, color=PURPLE, lw=2, label="EM")
        cx.plot(SEPARATIONS, self.newton_iterations, color=POINT_COLOR, lw=2, ls="--", label="Newton")
        cx.set_yscale("log")
        cx.set_ylim(1, 10 ** np.ceil(np.log10(self.em_iterations.max() + 1)))
        cx.set_xlabel("separation $\\delta$")
        cx.set_title("iterations to stop", fontsize=10)
        cx.legend(fontsize=10, frameon=False)
        self.marks = [
            rx.plot([], [], "o", color=PURPLE, ms=8)[0],
            cx.plot([], [], "o", color=PURPLE, ms=8)[0],
            cx.plot([], [], "o", color=POINT_COLOR, ms=8)[0],
        ]
        self.update(delta)

    def _run(self, delta: float) -> tuple[Mixture, float, int, int]:
        x = separated_sample(float(delta), self.m, self.seed)
        truth = ([0.5, 0.5], [-delta / 2, delta / 2], [1.0, 1.0])
        fit = newton(x, *truth, iters=100, tol=1e-13).final
        start = default_mixture(x)
        em = em_fit(x, *start, iters=5000, tol=SEPARATION_TOL)
        nw = newton(x, *start, iters=100, tol=SEPARATION_TOL)
        return fit, em_rate(x, *fit), em.iterations, nw.iterations

    def update(self, delta: float) -> None:
        """Show the separation ``delta`` (one of :data:`SEPARATIONS`)."""
        j = int(np.argmin(np.abs(SEPARATIONS - delta)))
        d = float(SEPARATIONS[j])
        heights, edges = self.hist(delta=d)
        for bar, left, height in zip(self.bars, edges[:-1], heights):
            bar.set_x(float(left))
            bar.set_height(float(height))
        parts = component_pdfs(self.grid, *self._fits[d])
        for k, line in enumerate(self.components):
            line.set_ydata(parts[:, k])
        self.marks[0].set_data([d], [self.rates[j]])
        self.marks[1].set_data([d], [self.em_iterations[j]])
        self.marks[2].set_data([d], [self.newton_iterations[j]])


def explore_separation(delta: float = 4.0, m: int = 400, seed: int = 0) -> Explorer:
    r"""A :class:`SeparationView` with a slider for the separation :math:`\delta` of the two means.

    Parameters
    ----------
    delta : float
        The start, in :data:`SEPARATIONS`.
    m, seed : int
        The sample.

    Returns
    -------
    Explorer

    Notes
    -----
    The data are :math:`x_i = \pm\delta/2 + \varepsilon_i` with the same labels and noise :math:`\varepsilon_i` for
    every :math:`\delta`, so moving the slider slides the two clusters together or apart.

    Examples
    --------
    >>> from mogcore.viz import explore_separation
    >>> explore_separation(3.0).sliders["delta"].value
    3.0
    """
    slider = float_slider(delta, float(SEPARATIONS[0]), float(SEPARATIONS[-1]), 0.25, label="$\\delta$")
    view = SeparationView(delta, m, seed)
    return Explorer(view, {"delta": slider}, lambda values: view.update(values["delta"]))


class ConfidenceView:
    r"""How sure the fit is about :math:`(\mu_1, \mu_2)`. Left: notebook 03's field over the
    :math:`(\mu_1, \mu_2)` plane with the fit's confidence ellipse. Right: refitted means (a bootstrap, say) with the
    same ellipse, close up.

    Parameters
    ----------
    x : ndarray, shape (m,)
    fit : Mixture
        A K = 2 fit.
    cov : ndarray, shape (2, 2)
        The covariance of :math:`(\mu_1, \mu_2)` (from the inverse observed information).
    points : ndarray, shape (b, 2)
        Refitted :math:`(\mu_1, \mu_2)`.
    radius : float
        The ellipse :math:`(\mu - \hat\mu)^\top\Sigma^{-1}(\mu - \hat\mu) = r^2` (95% of a 2-D normal inside for
        :math:`r^2 = -2\log 0.05`).
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig : Figure
    field : MeanFieldView
        The left panel.
    ax : Axes
        The right panel.
    ellipses : list of Ellipse
        The ellipse on each panel.
    points : PathCollection
        The refitted means.

    Notes
    -----
    The ellipse's axes are :math:`2r\sqrt{\lambda_a}` along the eigenvectors of ``cov``
    (:func:`mogcore.multivariate.ellipse_geometry`).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture
    >>> from mogcore.viz import ConfidenceView
    >>> x = np.array([1.0, 1.2, 1.1, 3.9, 4.1, 4.3])
    >>> fit = Mixture(np.array([0.5, 0.5]), np.array([1.1, 4.1]), np.array([0.01, 0.03]))
    >>> view = ConfidenceView(x, fit, np.diag([0.002, 0.004]), np.array([[1.1, 4.1]]), 2.0)
    >>> [round(e.width, 4) for e in view.ellipses]
    [0.253, 0.253]
    """

    SIZE = (9.5, 4.4)

    def __init__(
        self, x: np.ndarray, fit: Mixture, cov: np.ndarray, points: np.ndarray, radius: float, fig: Figure | None = None
    ) -> None:
        self.fig = figure_for(fig, self.SIZE)
        left, self.ax = self.fig.subplots(1, 2)
        self.field = MeanFieldView(x, fit, ax=left)
        self.field.field.arrow.set_visible(False)  # at a fit the gradient is 0: no direction to show
        self.centre, self.radius = np.asarray(fit.means, dtype=float), radius
        self.offsets = np.asarray(points, dtype=float) - self.centre
        self.points = self.ax.scatter(points[:, 0], points[:, 1], s=8, color=MARK_COLOR, alpha=0.6, label="refits")
        self.ax.plot(*self.centre, "o", color=POINT_COLOR, ms=6, label="the fit")
        self.ellipses = [
            ax.add_patch(Ellipse((0, 0), 1, 1, fill=False, color=PURPLE, lw=2.5, label="95% ellipse"))
            for ax in (left, self.ax)
        ]
        self.ax.set_xlabel("$\\mu_1$")
        self.ax.set_ylabel("$\\mu_2$")
        self.ax.set_title("close up", fontsize=10)
        self.ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.05), fontsize=10, frameon=False, ncols=3)
        self.update(cov)

    def update(self, cov: np.ndarray) -> None:
        """Draw the ellipse of ``cov`` on both panels."""
        centre, width, height, angle = ellipse_geometry(self.centre, np.asarray(cov, dtype=float), self.radius)
        for patch in self.ellipses:
            patch.set_center(centre)
            patch.set_width(width)
            patch.set_height(height)
            patch.set_angle(angle)
        half = 0.6 * max(width, height, 2.0 * float(np.abs(self.offsets).max(initial=0.0)))
        self.ax.set_xlim(self.centre[0] - half, self.centre[0] + half)
        self.ax.set_ylim(self.centre[1] - half, self.centre[1] + half)
