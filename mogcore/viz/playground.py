r"""The playground: the mixture with EM's arrows for the means, the responsibilities, every gradient, and
buttons that take one EM or gradient-ascent step, with a trail and L after each press.

Used by notebook 00 (start here).
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..coordinates import average_gradients
from ..em import em_step
from ..fitting import gradient_ascent
from ..mixture import component_pdfs, log_likelihood, responsibilities
from ..params import Mixture
from ._explorer import Explorer
from ._figure import HistogramWithComponents, axes_arrow, data_grid, figure_for
from ._limits import follow, follow_nice, nice_ceil, symmetric_limits
from ._mixture_sliders import (
    PARAM_NAMES,
    as_mixture,
    default_mixture,
    mixture_from_values,
    mixture_sliders,
    slider_values,
)
from ._readout import LiveNumbers
from ._sliders import log_slider, on_slider_grid
from .palette import MARK_COLOR, MIXTURE_COLOR, component_color

#: The bars, top to bottom: (label, component whose colour it takes).
BARS = (("$\\mu_1$", 0), ("$\\mu_2$", 1), ("$\\log\\sigma_1$", 0), ("$\\log\\sigma_2$", 1), ("$\\pi_1$", 0))


class PlaygroundView(LiveNumbers):
    r"""Everything at once: the mixture with EM's arrows, the responsibilities, every gradient as a bar, and
    the trail of the steps taken with :math:`\mathcal{L}` after each.

    Parameters
    ----------
    x : ndarray, shape (m,)
    mixture : Mixture
        A K = 2 mixture.
    xlabel : str
        The data axis's label (the data's name and unit, say).
    history : list of Mixture, optional
        The mixtures of the steps taken so far, oldest first, ending at ``mixture`` (default: just ``mixture``).
    step : float, optional
        Gradient ascent's step size, shown above the plot of L by step (None: not shown).
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig, ax, resp_ax, bar_ax, steps_ax : Figure, Axes, Axes, Axes, Axes
    components : HistogramWithComponents
    mixture_line : Line2D
    arrows : list of Annotation
        From each :math:`\mu_k` to where one EM step moves it (:func:`mogcore.em_step`).
    trails : list of Line2D
        Each mean along ``history``, at the height of its arrow.
    resp_lines : list of Line2D
        :math:`\gamma_k(x)`.
    bars : BarContainer
        :func:`mogcore.average_gradients`: every gradient divided by m.
    steps_line : Line2D
        :math:`\mathcal{L}` of each mixture of ``history``, against the step number.

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

    def __init__(
        self,
        x: np.ndarray,
        mixture: Mixture,
        xlabel: str = "$x$",
        history: list[Mixture] | None = None,
        step: float | None = None,
        fig: Figure | None = None,
    ) -> None:
        self.fig = figure_for(fig, self.SIZE)
        gs = self.fig.add_gridspec(2, 2, height_ratios=[2, 1], width_ratios=[2.2, 1])
        self.ax = ax = self.fig.add_subplot(gs[0, 0])
        self.resp_ax = rx = self.fig.add_subplot(gs[1, 0], sharex=ax)
        self.bar_ax = bx = self.fig.add_subplot(gs[0, 1])
        self.steps_ax = sx = self.fig.add_subplot(gs[1, 1])
        self.x, self.grid = x, data_grid(x)
        self.components = HistogramWithComponents(ax, x, self.grid)
        self.mixture_line = ax.plot(self.grid, np.zeros_like(self.grid), color=MIXTURE_COLOR, lw=1.2, ls="--")[0]
        self.trails = [ax.plot([], [], "o-", color=component_color(k), ms=4, lw=1, alpha=0.6)[0] for k in range(2)]
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
        self.steps_line = sx.plot([], [], "o-", color=MIXTURE_COLOR, ms=4, lw=1.2)[0]
        sx.set_xlabel("step")
        sx.set_ylabel("$\\mathcal{L}$")
        self.update(mixture, history, step)

    def update(self, mixture: Mixture, history: list[Mixture] | None = None, step: float | None = None) -> None:
        """Move every artist to ``mixture``, with the trail and :math:`\\mathcal{L}` of ``history``."""
        history = [mixture] if not history else history
        comp = component_pdfs(self.grid, *mixture)
        self.components.update(comp)
        self.mixture_line.set_ydata(comp.sum(axis=1))
        hist_top = self.components.hist_top
        peak = max(hist_top, min(float(comp.sum(axis=1).max()), 4 * hist_top))
        follow(self.ax, (0.0, 1.02 * peak), (0.0, nice_ceil(1.2 * peak)))
        top = self.ax.get_ylim()[1]
        new_means = em_step(self.x, *mixture).means
        past = np.array([h.means for h in history], dtype=float)
        for k, arrow in enumerate(self.arrows):
            y = (0.9 - 0.1 * k) * top
            arrow.set_position((float(mixture.means[k]), y))
            arrow.xy = (float(np.clip(new_means[k], self.grid[0], self.grid[-1])), y)
            self.trails[k].set_data(past[:, k], np.full(len(past), y))
        gam = responsibilities(self.grid, *mixture)
        for k, line in enumerate(self.resp_lines):
            line.set_ydata(gam[:, k])
        values = average_gradients(self.x, *mixture)
        for bar, v in zip(self.bars, values):
            bar.set_width(v)
        symmetric_limits(self.bar_ax, values, which="x", room=1.1)
        Ls = log_likelihood(self.x, *(np.array(a, dtype=float) for a in zip(*history)))  # one batched call
        steps = np.arange(len(history))
        self.steps_line.set_data(steps, Ls)
        self.steps_ax.set_xlim(-0.5, max(5, len(history) - 1) + 0.5)
        follow_nice(self.steps_ax, float(Ls.min()), float(Ls.max()))
        words = "$\\mathcal{L}$ after each step"
        self.steps_ax.set_title(words if step is None else f"{words}\n(ascent: $\\alpha$ = {step:.2g})", fontsize=10)
        L = float(Ls[-1])
        words = "arrows: where EM would move each mean"
        self.set_title(self.ax, words, f"$\\mathcal{{L}}$ = {L:.2f}", f"L = {L:.2f}", "left", ";   ")


class Steps:
    """The playground's state: the exact mixture shown, and the steps taken since the trail began.

    Sliders sit on grids, an EM step does not: the mixture is kept exactly here and the sliders show the
    nearest grid values. A slider moved by hand sets its own parameter and starts a new trail.
    """

    def __init__(self, x: np.ndarray, start: Mixture, sliders: dict) -> None:
        self.x, self.start, self.sliders = x, start, sliders
        self.exact = slider_values(start)
        self.shown = {n: sliders[n].value for n in PARAM_NAMES}
        self.history = [start]

    @property
    def mixture(self) -> Mixture:
        """The mixture the figure shows."""
        return self.history[-1]

    def moved(self, values: dict) -> None:
        """Slider values of an event: a parameter whose slider moved by hand takes its value; a new trail.

        After a press the browser hands the sliders' values back, recomputed in JavaScript (a log slider's
        0.07098952... for the kernel's, to the last digits): a value within 1e-9 of the one shown is that
        echo, not a move, and must not snap the exact parameters or restart the trail."""
        changed = {
            n: float(values[n])
            for n in PARAM_NAMES
            if abs(float(values[n]) - self.shown[n]) > 1e-9 * max(abs(self.shown[n]), 1e-300)
        }
        if changed:
            self.exact.update(changed)
            self.shown.update(changed)
            self.history = [mixture_from_values(self.exact, self.start)]

    def _go(self, mixture: Mixture, history: list[Mixture]) -> dict:
        self.history = history
        self.exact = slider_values(mixture)
        self.shown = {n: on_slider_grid(self.sliders[n], v) for n, v in self.exact.items()}
        return dict(self.shown)

    def em(self) -> dict:
        """One EM step (:func:`mogcore.em_step`) from the mixture shown."""
        new = em_step(self.x, *self.mixture)
        return self._go(new, [*self.history, new])

    def ascent(self, step: float) -> dict:
        """One step of :func:`mogcore.fitting.gradient_ascent` with step size ``step`` (none if it would stop)."""
        new = gradient_ascent(self.x, *self.mixture, step=step, iters=1).final
        return self._go(new, [*self.history, new])

    def undo(self) -> dict:
        """Back one step along the trail (nothing to undo at its first mixture)."""
        history = self.history[:-1] or self.history
        return self._go(history[-1], history)

    def reset(self) -> dict:
        """Back to the start, with an empty trail."""
        return self._go(self.start, [self.start])


def explore_playground(
    x: object,
    weights: object = None,
    means: object = None,
    variances: object = None,
    xlabel: str = "$x$",
    step: float = 0.1,
) -> Explorer:
    r"""The K = 2 sliders driving a :class:`PlaygroundView`, and buttons that step the algorithms.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (2,), optional
        The start.
    xlabel : str
        The data axis's label (the data's name and unit, say).
    step : float
        Gradient ascent's step size at the start (a slider, :math:`10^{-2}` to 1).

    Returns
    -------
    Explorer
        Buttons: "EM step" (:func:`mogcore.em_step`), "ascent step" (one step of
        :func:`mogcore.fitting.gradient_ascent` with the step slider's :math:`\alpha`), "undo" and "reset".
        Each press moves the sliders to the new parameters (to their nearest grid values; the figure shows
        the exact ones), extends the trail and adds a point to the plot of :math:`\mathcal{L}` by step.

    Notes
    -----
    The bars are :math:`\frac1m\partial\mathcal{L}/\partial\mu_k`,
    :math:`\frac1m\partial\mathcal{L}/\partial\log\sigma_k` and
    :math:`\frac1m\,d\mathcal{L}/d\pi_1` (along :math:`\pi_2 = 1 - \pi_1`).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import em_step
    >>> from mogcore.viz import explore_playground
    >>> x = np.array([0.0, 0.3, 0.4, 4.0, 4.2])
    >>> ex = explore_playground(x)
    >>> before = ex.mixture
    >>> ex.buttons["EM step"].click()
    >>> bool(np.array_equal(ex.mixture.means, em_step(x, *before).means)), len(ex.view.steps_line.get_xdata())
    (True, 2)
    """
    x = np.asarray(x, dtype=float)
    sliders = mixture_sliders(x, as_mixture(weights, means, variances, base=default_mixture(x)))
    start = mixture_from_values({n: s.value for n, s in sliders.items()}, default_mixture(x))  # on the grid
    sliders["step"] = log_slider(step, -2, 0, 0.05, label=r"step $\alpha$", wide=True)
    steps = Steps(x, start, sliders)
    view = PlaygroundView(x, start, xlabel=xlabel, step=float(sliders["step"].value))

    def update(values: dict) -> None:
        steps.moved(values)
        view.update(steps.mixture, steps.history, float(values["step"]))

    actions = {
        "EM step": steps.em,
        "ascent step": lambda: steps.ascent(float(sliders["step"].value)),
        "undo": steps.undo,
        "reset": steps.reset,
    }
    return Explorer(view, sliders, update, to_mixture=lambda values: steps.mixture, actions=actions)
