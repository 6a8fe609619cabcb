r"""Static pictures of a few curves over one axis: what a step of a derivation compares.

The notebooks compute every number (and check it) and hand the arrays over; this module only draws
them, in the palette's colours, at the size and text size of every other figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ._figure import figure_for
from .palette import DATA_COLOR, MARK_COLOR


class Curve(NamedTuple):
    """One curve: its legend label, its values over the shared axis, a palette colour and a line style."""

    label: str
    y: np.ndarray
    color: str
    style: str = "-"


class Panel(NamedTuple):
    """One panel: its y-axis label, its curves, vertical marks ``(x, label)`` (dotted grey) or ``(x, label, colour)``
    (solid, in that palette colour), a y scale, and optionally data drawn as a density histogram behind the curves."""

    ylabel: str
    curves: Sequence[Curve]
    marks: Sequence[tuple] = ()
    yscale: str = "linear"
    data: np.ndarray | None = None


class CurvesView:
    r"""One to three panels side by side, each a few curves over the same axis.

    Parameters
    ----------
    t : ndarray, shape (n,)
        The shared axis (integers, such as iterations, get whole-number ticks).
    panels : sequence of Panel
        What each panel draws.
    xlabel : str
        The shared axis's label.
    fig : Figure, optional
        Draw into this (empty) figure instead of a new one.

    Attributes
    ----------
    fig : Figure
    axes : list of Axes
    lines : list of list of Line2D
        ``lines[p][c]`` draws curve ``c`` of panel ``p``.
    marks : list of list of Line2D
        The dotted vertical marks of each panel.

    Notes
    -----
    The view draws what it is given: every value on it is computed, and checked, by the caller.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz.curves import Curve, CurvesView, Panel
    >>> from mogcore.viz.palette import component_color
    >>> t = np.linspace(-2.0, 2.0, 5)
    >>> square = Curve("square", t**2, component_color(0))
    >>> view = CurvesView(t, [Panel("$t^2$", [square], marks=[(0.0, "lowest")])], "$t$")
    >>> view.lines[0][0].get_ydata().tolist(), view.marks[0][0].get_xdata()
    ([4.0, 1.0, 0.0, 1.0, 4.0], [0.0, 0.0])
    """

    SIZE = (9.5, 3.4)

    def __init__(self, t: np.ndarray, panels: Sequence[Panel], xlabel: str, fig: Figure | None = None) -> None:
        if not 1 <= len(panels) <= 3:
            raise ValueError(f"panels must hold 1 to 3 panels; got {len(panels)}")
        self.fig = figure_for(fig, self.SIZE)
        self.axes: list[Axes] = list(np.atleast_1d(self.fig.subplots(1, len(panels))))
        self.t = np.asarray(t, dtype=float)
        self.lines: list[list[Line2D]] = []
        self.marks: list[list[Line2D]] = []
        for ax, panel in zip(self.axes, panels):
            if panel.data is not None:
                ax.hist(panel.data, bins=30, density=True, color=DATA_COLOR, label="data")
            ax.set_yscale(panel.yscale)
            self.lines.append(
                [ax.plot(self.t, c.y, color=c.color, ls=c.style, lw=2, label=c.label)[0] for c in panel.curves]
            )
            self.marks.append([])
            for x, label, *color in panel.marks:
                style = dict(color=color[0], ls="-", lw=2) if color else dict(color=MARK_COLOR, ls=":", lw=1.2)
                self.marks[-1].append(ax.axvline(x, **style))
                ax.annotate(label, (x, 0.0), xycoords=("data", "axes fraction"), xytext=(3, 5),
                            textcoords="offset points", fontsize=10, color=style["color"])  # fmt: skip
            ax.set_xlim(self.t[0], self.t[-1])
            if np.issubdtype(np.asarray(t).dtype, np.integer):  # iterations: whole-number ticks
                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_xlabel(xlabel)
            ax.set_ylabel(panel.ylabel)
            ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize=10, frameon=False, ncols=2)

    def update(self, panels: Sequence[Panel]) -> None:
        """Move each curve to the values of the same curve in ``panels``."""
        for ax, lines, panel in zip(self.axes, self.lines, panels):
            for line, curve in zip(lines, panel.curves):
                line.set_ydata(curve.y)
            ax.relim()
            ax.autoscale_view(scalex=False)
