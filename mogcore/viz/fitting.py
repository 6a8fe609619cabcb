r"""Fitting: gradient ascent and EM from a named start, drawn side by side and scrubbed by iteration.

Used by notebook 06 (fitting).
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator
from matplotlib.transforms import Bbox

from ..fitting import STARTS, Path, em_fit, gradient_ascent, named_start
from ..mixture import component_pdfs
from ._explorer import Explorer
from ._figure import data_grid, figure_for
from ._limits import follow, nice_ceil
from ._memo import Recompute
from ._readout import SEPARATOR
from ._sliders import int_slider, labelled, log_slider, next_on_grid, on_slider_grid
from .means import MeanFieldView
from .palette import DATA_COLOR, MARK_COLOR, MIXTURE_COLOR, PAPER_COLOR, PURPLE

#: Iterations run for each path.
ITERS = 300
#: Where the magnified paths may go, as (left, bottom) in the field's axes fraction, and their box's side.
ZOOM_CORNERS = ((0.03, 0.03), (0.61, 0.03), (0.03, 0.54), (0.61, 0.54))
ZOOM_SIZE = 0.36
#: (method, colour, line style, marker) of each path.
METHODS = (("gradient ascent", MIXTURE_COLOR, "-", "o"), ("EM", PURPLE, "--", "s"))


class FittingView:
    r"""Gradient ascent and EM from one start: paths on the :math:`(\mu_1, \mu_2)` field, the gap to
    the best :math:`\mathcal{L}` against iteration, and the fitted mixtures at iteration t.

    Parameters
    ----------
    x : ndarray, shape (m,)
    start : str
        A key of :data:`mogcore.fitting.STARTS`.
    step : float
        Gradient ascent's step size :math:`\alpha`.
    t : int
        The iteration shown.
    xlabel : str
        The data axis's label (the data's name and unit, say).
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig : Figure
    field : MeanFieldView
        The slice of :math:`\nabla_\mu\mathcal{L}` through gradient ascent's iterate t.
    gap_ax, mixture_ax : Axes
    paths : tuple of Path
        (gradient ascent, EM), recomputed only when the start or step changes
        (EM only when the start changes).
    path_lines, path_dots, gap_lines : dict of method -> Line2D
    zoom : Axes
        The paths magnified (an inset, shown only when they are short on the field), in the corner of the field
        where :math:`\mathcal{L}` is lowest at the start and no path passes (:meth:`zoom_corner`).
    zoom_lines, zoom_dots : dict of method -> Line2D
    zoom_box : InsetIndicator
        The magnified region, marked on the field.
    now : Line2D
        The iteration marker on the gap plot.
    hist_top : float
        The histogram's tallest bar.
    mixture_lines : dict of method -> Line2D
        Each method's mixture density at t.

    Notes
    -----
    The gap is :math:`\mathcal{L}^\ast - \mathcal{L}_t` on a log scale (floored at
    :math:`10^{-10}`), where :math:`\mathcal{L}^\ast` is the best value either method reached.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import FittingView
    >>> view = FittingView(np.array([1.0, 1.2, 1.3, 3.9, 4.1, 4.3]), "typical", 0.1, 3)
    >>> view.paths[0].iterations
    300
    """

    SIZE = (10.4, 4.2)

    def __init__(
        self, x: np.ndarray, start: str, step: float, t: int, xlabel: str = "$x$", fig: Figure | None = None
    ) -> None:
        self.fig = figure_for(fig, self.SIZE)
        ax, self.gap_ax, self.mixture_ax = self.fig.subplots(1, 3, width_ratios=[1.1, 1, 1.2])
        self.x = x
        # One field per iterate of the shown path is kept (about 40 kB each): scrubbing back redraws, not recomputes.
        self.field = MeanFieldView(x, named_start(start, x)[0], ax=ax, n=40, arrows=12, keep=2 * (ITERS + 1))
        self.field.field.hide_mark()  # the paths carry their own markers
        self.path_lines, self.path_dots, self.gap_lines = {}, {}, {}
        for method, color, ls, marker in METHODS:  # a small mark at every iterate: short paths stay visible
            self.path_lines[method] = ax.plot([], [], color=color, ls=ls, lw=1.4, marker=".", ms=4, zorder=6)[0]
            self.path_dots[method] = ax.plot(
                [], [], marker, color=color, ms=8, mec=PAPER_COLOR, zorder=7, label=method
            )[0]
            self.gap_lines[method] = self.gap_ax.plot([], [], color=color, ls=ls, lw=1.8)[0]
        # A magnified view of the paths, for starts whose paths are short on the full field.
        self.zoom = ax.inset_axes([*ZOOM_CORNERS[0], ZOOM_SIZE, ZOOM_SIZE], xticks=[], yticks=[])
        self.zoom_lines, self.zoom_dots = {}, {}
        for method, color, ls, marker in METHODS:
            self.zoom_lines[method] = self.zoom.plot([], [], color=color, ls=ls, lw=1.4, marker=".", ms=5)[0]
            self.zoom_dots[method] = self.zoom.plot([], [], marker, color=color, ms=8, mec=PAPER_COLOR, zorder=3)[0]
        self.zoom.set_title("magnified", fontsize=10, pad=2, backgroundcolor=PAPER_COLOR)
        self.zoom_box = ax.indicate_inset_zoom(self.zoom, edgecolor=MARK_COLOR)
        self.fig.legend(handles=list(self.path_dots.values()), loc="outside upper center", ncols=2, fontsize=10)
        bx = self.gap_ax
        self.now = bx.axvline(0, color=MARK_COLOR, lw=1)
        bx.set_yscale("log")
        bx.set_xscale("symlog", linthresh=1)  # EM's fall happens in the first ten steps: a log axis shows it
        bx.set_xlim(0, ITERS)
        bx.set_xticks([0, 1, 10, 100], ["0", "1", "10", "100"])
        bx.xaxis.set_minor_locator(NullLocator())
        bx.set_ylim(1e-10, 1e3)
        bx.set_yticks([1e-10, 1e-6, 1e-2, 1e2])  # few labels: text is most of a render's cost
        bx.yaxis.set_minor_locator(NullLocator())
        bx.set_xlabel("iteration (log scale)")
        bx.set_ylabel("gap to the best $\\mathcal{L}$")
        self.grid = data_grid(x)
        cx = self.mixture_ax
        cx.hist(x, bins=30, density=True, color=DATA_COLOR)  # the two fits over the data, no component curves
        self.hist_top = max(patch.get_height() for patch in cx.patches)
        cx.set_xlim(self.grid[0], self.grid[-1])
        self.mixture_lines = {
            method: cx.plot(self.grid, np.zeros_like(self.grid), color=color, ls=ls, lw=1.5, label=method)[0]
            for method, color, ls, _ in METHODS
        }
        cx.set_xlabel(xlabel)
        self._key: tuple[str, str] | None = None  # (start, step to 12 digits)
        self._ascent = Recompute(
            lambda start, step: gradient_ascent(x, *named_start(start, x)[0], step=step, iters=ITERS), size=16
        )
        self._em = Recompute(lambda start: em_fit(x, *named_start(start, x)[0], iters=ITERS), size=len(STARTS))
        self._ready: dict[tuple[str, str], Path] = {}  # gradient ascent's paths run ahead (:meth:`run_ahead`), kept
        self.paths: tuple[Path, Path] = ()  # set by update
        #: Live (in an explorer): the numbers that change at every move go to :meth:`readout`, not into the titles,
        #: where each would be laid out again on every frame. A saved picture keeps them in the titles.
        self.live = False
        self._readout = ""
        self.update(start, step, t)

    def _path(self, start: str, step: float) -> Path:
        """Gradient ascent's path from ``start`` with the step to 12 digits (the browser hands back a log slider's
        value recomputed in JavaScript, 0.7943282347242814 for the kernel's 0.7943282347242822: the same step to
        12 digits is the same path): run ahead, kept among the most recent, or run now."""
        ascent = self._ready.get((start, _digits(step)))
        return self._ascent(start=start, step=float(_digits(step))) if ascent is None else ascent

    def _run(self, start: str, step: float) -> None:
        """The paths for a start and step: kept for the most recent ones (a class going back and forth between starts
        waits once per start), gradient ascent per start and step, EM per start."""
        ascent = self._path(start, step)
        em = self._em(start=start)
        self.paths, self._key = (ascent, em), (start, _digits(step))
        best = max(float(ascent.loglik.max()), float(em.loglik.max()))
        for path in self.paths:
            self.path_lines[path.method].set_data(path.means[:, 0], path.means[:, 1])
            self.gap_lines[path.method].set_data(np.arange(path.iterations + 1), np.maximum(best - path.loglik, 1e-10))
            self.zoom_lines[path.method].set_data(path.means[:, 0], path.means[:, 1])
        self._frame_zoom()

    def run_ahead(self, runs: dict[str, float]) -> None:
        """Run both methods now from each start in ``runs`` (gradient ascent at the step given for it) and keep
        the paths for as long as the view lives: choosing one of these starts later only draws.

        Each start costs about 50 ms (300 steps of each method over 272 points).
        """
        for start, step in runs.items():
            self._ready[start, _digits(step)] = self._path(start, step)
            self._em(start=start)

    def prepare(self, start: str, step: float, t: int) -> None:
        """Compute, and keep, what showing ``(start, step, t)`` will need, drawing nothing: gradient ascent's path
        and the field at its iterate ``t``. An explorer calls it for the value the next key press in the same
        direction brings, once the frame of this one has been sent."""
        self.field.field_values(self._path(start, step).at(int(t)))

    def _frame_zoom(self) -> None:
        """Show the magnified paths when both fit in a box under a fifth of the field's width (and moved at all),
        else hide it."""
        pts = np.concatenate([path.means for path in self.paths])
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        x0, x1 = self.field.ax.get_xlim()
        half = 0.6 * float(max(hi - lo)) + 0.002 * (x1 - x0)  # square, with a margin
        extent = float(max(hi - lo))
        # short enough to need magnifying, and long enough to show something (not two paths that never move)
        small = bool(np.all(np.isfinite(pts))) and 2 * half < 0.2 * (x1 - x0) and extent > 1e-3 * (x1 - x0)
        self.zoom.set_visible(small)
        self.zoom_box.set_visible(small)
        if small:
            mid = (lo + hi) / 2
            self.zoom.set_xlim(mid[0] - half, mid[0] + half)
            self.zoom.set_ylim(mid[1] - half, mid[1] + half)
            self.zoom.set_axes_locator(_InAxes(self.field.ax, self.zoom_corner()))

    def zoom_corner(self) -> tuple[float, float, float, float]:
        """Bounds, in the field's axes fraction, of the corner box the magnified paths go in: of the four
        corners, one that no path point falls in, and of those the one where L at the start is lowest (the
        least to cover); the lower left if every corner holds a path point."""
        (x0, x1), (y0, y1) = self.field.ax.get_xlim(), self.field.ax.get_ylim()
        L = self.field.field_values(self.paths[0].at(0))
        fx, fy = (self.field.mu1 - x0) / (x1 - x0), (self.field.mu2 - y0) / (y1 - y0)
        pts = np.concatenate([path.means for path in self.paths])
        px, py = (pts[:, 0] - x0) / (x1 - x0), (pts[:, 1] - y0) / (y1 - y0)
        best, where = np.inf, ZOOM_CORNERS[0]
        for left, bottom in ZOOM_CORNERS:
            box = ((left - 0.02, left + ZOOM_SIZE + 0.02), (bottom - 0.02, bottom + ZOOM_SIZE + 0.1))  # and its title
            if np.any(_within(px, py, box)):
                continue
            level = float(L[_within(fx, fy, box)].mean())
            if level < best:
                best, where = level, (left, bottom)
        return (*where, ZOOM_SIZE, ZOOM_SIZE)

    def update(self, start: str, step: float, t: int) -> None:
        """Show iteration ``t`` of the paths from ``start`` (re-running them only if start or step changed)."""
        if (start, _digits(step)) != self._key:  # the same step to 12 digits is the same path (:meth:`_path`)
            self._run(start, float(step))
        t = int(t)
        at = {path.method: path.at(t) for path in self.paths}
        ascent_now, em_now = at["gradient ascent"], at["EM"]
        self.field.update(ascent_now, title=False)
        _title(self.field.ax, "the paths, and the field\nat ascent's iterate" + ("" if self.live else f" {t}"))
        for method, mix in at.items():
            self.path_dots[method].set_data([mix.means[0]], [mix.means[1]])
            self.zoom_dots[method].set_data([mix.means[0]], [mix.means[1]])
        self.now.set_xdata([t, t])
        comp = component_pdfs(self.grid, *ascent_now)
        self.mixture_lines["gradient ascent"].set_ydata(comp.sum(axis=1))
        self.mixture_lines["EM"].set_ydata(component_pdfs(self.grid, *em_now).sum(axis=1))
        top = self.hist_top
        peak = min(max(float(comp.sum(axis=1).max()), top), 5 * top)
        follow(self.mixture_ax, (0.0, 1.02 * peak), (0.0, nice_ceil(1.15 * peak)))
        ascent, em = self.paths
        L_ga, L_em = ascent.loglik[min(t, ascent.iterations)], em.loglik[min(t, em.iterations)]
        numbers = f"$\\mathcal{{L}}$: {L_ga:.2f} (ascent)\n{L_em:.2f} (EM)"
        _title(self.mixture_ax, "the fits at the iterate" if self.live else f"the fits at iteration {t}\n{numbers}")
        header = _header(ascent.stopped, em.stopped)
        _title(self.gap_ax, "each run's gap,\nby iteration" if self.live else header)
        ended = header.replace("\n", "; ")
        self._readout = f"iteration {t}: L = {L_ga:.2f} (gradient ascent), {L_em:.2f} (EM){SEPARATOR}{ended}"

    def readout(self) -> str:
        """What the live titles leave out: the iteration, both runs' L there, and how each run ended."""
        return self._readout


def _digits(step: float) -> str:
    """A step size to 12 significant digits: the key under which its path is run and kept."""
    return f"{float(step):.12g}"


def _title(ax: Axes, text: str) -> None:
    """Set a title only when its text changes: an unchanged title is not drawn again in a live frame."""
    if ax.get_title() != text:
        ax.set_title(text, fontsize=10)


def _plain(stopped: str) -> str:
    """A short header for why a run stopped."""
    if stopped == "ran all iterations":
        return f"all {ITERS} steps run"
    return stopped.split(":")[0]


def _header(ascent: str, em: str) -> str:
    """How each run ended, a line each (the gap plot's title), and that no stopping rule was used if so."""
    lines = [f"ascent: {_plain(ascent)}", f"EM: {_plain(em)}"]
    if "ran all iterations" in (ascent, em):
        lines.append("(no stopping rule)")
    return "\n".join(lines)


def explore_fitting(
    x: object, start: str = "typical", step: float | None = None, t: int = 10, xlabel: str = "$x$"
) -> Explorer:
    r"""A :class:`FittingView` with a start drop-down, a step slider and an iteration scrubber.

    Parameters
    ----------
    x : array_like, shape (m,)
    start : str
        A key of :data:`mogcore.fitting.STARTS`.
    step : float, optional
        Gradient ascent's step (default: the start's own).
    t : int
        The iteration shown first.
    xlabel : str
        The data axis's label (the data's name and unit, say).

    Returns
    -------
    Explorer

    Notes
    -----
    Choosing a start also sets the step to the one that start is meant to show: one event,
    one update, one render. When the explorer is made, every start's paths at its own step are run
    and its frame drawn once (about a second in all): choosing a start later redraws only what moved.
    Gradient ascent steps :math:`\theta \leftarrow \theta + \frac{\alpha}{m}\nabla_\theta\mathcal{L}` in
    :math:`\theta = (\mu, \log\sigma, \eta)`; EM is :func:`mogcore.em_step` repeated.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import explore_fitting
    >>> ex = explore_fitting(np.array([0.0, 0.3, 0.4, 4.0, 4.2]))
    >>> ex.set(t=5)
    >>> sorted(ex.sliders)
    ['start', 'step', 't']
    """
    x = np.asarray(x, dtype=float)
    step = STARTS[start]["step"] if step is None else step
    sliders = {
        "start": labelled(widgets.Dropdown(options=list(STARTS), value=start), "start", wide=True),
        "step": log_slider(step, -3, 0.3, 0.05, label=r"step $\alpha$", wide=True),
        "t": int_slider(t, 0, ITERS, label=r"iteration $t$", wide=True),
    }
    view = FittingView(x, **{name: s.value for name, s in sliders.items()}, xlabel=xlabel)
    own = {name: on_slider_grid(sliders["step"], spec["step"]) for name, spec in STARTS.items()}
    view.run_ahead(own)  # a class choosing a start waits only for the drawing

    def couple(name: str, value: object) -> dict:  # each named start brings the step that shows its behaviour
        return {"step": own[value]} if name == "start" else {}

    def ahead(name: str, old: object, new: object, values: dict) -> None:  # the next press the same way: its path
        if name in ("step", "t") and (to := next_on_grid(sliders[name], old, new)) is not None:
            view.prepare(**{**values, name: to})

    ex = Explorer(view, sliders, lambda values: view.update(**values), couple=couple, ahead=ahead)
    ex.rehearse([{"start": name} for name in STARTS])  # each start's background drawn once, and kept
    return ex


def _within(u: np.ndarray, v: np.ndarray, box: tuple) -> np.ndarray:
    """Which points ``(u, v)`` fall in ``box = ((u_lo, u_hi), (v_lo, v_hi))``."""
    (u0, u1), (v0, v1) = box
    return (u > u0) & (u < u1) & (v > v0) & (v < v1)


class _InAxes:
    """An inset's place: ``bounds`` in the axes fraction of ``parent`` (matplotlib's ``axes_locator`` protocol)."""

    def __init__(self, parent: object, bounds: tuple[float, float, float, float]) -> None:
        self.parent, self.bounds = parent, bounds

    def __call__(self, ax: object, renderer: object) -> Bbox:
        fig = self.parent.get_figure(root=False)
        return Bbox.from_bounds(*self.bounds).transformed(self.parent.transAxes - fig.transSubfigure)
