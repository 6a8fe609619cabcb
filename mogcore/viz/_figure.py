r"""What every figure shares: style, figure creation and PNG export, the data grid, the
histogram with its component curves, stems, and the artists of a gradient field.

No pyplot and no global rcParams: figures are built explicitly, with an Agg canvas, so
they are never shown twice and never leak. Colours come from :mod:`.palette`.
"""

from __future__ import annotations

import io

import numpy as np
from IPython.display import Image
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.collections import LineCollection
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation

from .palette import ARROW_COLOR, DATA_COLOR, MARK_COLOR, POINT_COLOR, component_color, level_colors

#: Figures are laid out at DPI (one inch is DPI pixels on screen) and rendered at twice that, so
#: they stay sharp on a projector or a high-density screen; text is at least 10 pt at the shown size.
DPI = 80
RENDER_SCALE = 2


def legend_below(fig: Figure, handles: list, ncols: int) -> None:
    """The figure's key in a row (or rows) under its axes, off the data whatever the sliders do."""
    fig.legend(handles=handles, loc="outside lower center", ncols=ncols, fontsize=10, frameon=False)


#: Figures made while the projector style is on are this fraction of their size: shown at the same width
#: (their cell's), their text, lines and arrows come out 1/0.75 = 1.33 times larger.
PROJECTOR_SCALE = 0.75
_style = {"projector": False}


def projector(on: bool = True) -> None:
    """Switch the projector style on (or off) for every figure made from now on: larger text, thicker lines
    and arrows, live frames and static images alike.

    Parameters
    ----------
    on : bool

    Notes
    -----
    Figures are laid out at :data:`PROJECTOR_SCALE` of their size and shown at their cell's width, so
    everything drawn in points (text, line widths, markers, arrows) is :math:`1/0.75 \\approx 1.33` times
    larger on screen. Call it after the imports and run the notebook again (*Run All*): figures already made
    keep their style.

    Examples
    --------
    >>> from mogcore.viz import new_figure, projector
    >>> projector(); new_figure((8.0, 4.0)).get_size_inches().tolist()
    [6.0, 3.0]
    >>> projector(False); new_figure((8.0, 4.0)).get_size_inches().tolist()
    [8.0, 4.0]
    """
    _style["projector"] = bool(on)


def new_figure(size: tuple[float, float]) -> Figure:
    """An empty, pyplot-free figure with an Agg canvas and constrained layout.

    Parameters
    ----------
    size : (float, float)
        Width and height in inches.

    Returns
    -------
    Figure

    Notes
    -----
    Views add their own axes (``fig.subplots`` or a grid spec). Under :func:`projector`, the figure is
    :data:`PROJECTOR_SCALE` of ``size``.

    Examples
    --------
    >>> from mogcore.viz import new_figure
    >>> new_figure((4.0, 3.0)).get_size_inches().tolist()
    [4.0, 3.0]
    """
    scale = PROJECTOR_SCALE if _style["projector"] else 1.0
    fig = Figure(figsize=(size[0] * scale, size[1] * scale), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def figure_for(fig: Figure | None, size: tuple[float, float]) -> Figure:
    """The figure a view draws into: ``fig`` if one is given (an empty figure the view fills), else a new
    figure of ``size`` (:func:`new_figure`)."""
    return fig if fig is not None else new_figure(size)


def figure_png(fig: Figure) -> bytes:
    """Render a figure to PNG bytes, at twice its on-screen resolution.

    Parameters
    ----------
    fig : Figure

    Returns
    -------
    bytes

    Notes
    -----
    Rendered by Agg at :data:`RENDER_SCALE` times the figure's dpi (shown at 1x, so it is
    sharp on a projector), compressed by Pillow as every saved figure is: what a notebook keeps as a
    static image. Live frames are drawn by ``_frames.FrameRenderer`` instead.

    Examples
    --------
    >>> from mogcore.viz import new_figure, figure_png
    >>> figure_png(new_figure((2.0, 2.0)))[:4]
    b'\\x89PNG'
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=RENDER_SCALE * fig.dpi, pil_kwargs={"compress_level": 6})
    return buf.getvalue()


#: The tallest a figure is shown, in CSS pixels: about two thirds of a 1280 x 800 projector's or laptop's
#: screen, so a figure and its sliders fit on one screen.
MAX_SHOWN_HEIGHT = 560


def max_shown_width(fig: Figure) -> int:
    """The widest ``fig`` is shown (CSS pixels): its cell's width up to this, the lesser of the pixels it is
    drawn with (twice its width at its dpi: sharp up to there) and the width at which it is
    :data:`MAX_SHOWN_HEIGHT` tall.

    Examples
    --------
    >>> from mogcore.viz import new_figure
    >>> max_shown_width(new_figure((9.5, 3.8))), max_shown_width(new_figure((6.0, 6.0)))
    (1400, 560)
    """
    w, h = fig.get_size_inches()
    return int(min(round(w * fig.dpi * RENDER_SCALE), round(MAX_SHOWN_HEIGHT * w / h)))


def as_image(fig: Figure) -> Image:
    """A static figure for a notebook: its PNG (rendered at 2x), shown at the cell's width.

    Parameters
    ----------
    fig : Figure

    Returns
    -------
    IPython.display.Image

    Notes
    -----
    For figures with nothing to move; live ones are explorers. The width asked for is
    :func:`max_shown_width`: notebook viewers show an image at most as wide as its cell, so a wide figure
    fills the cell, sharp up to twice its width (it is drawn with those pixels), and a tall one stops at
    :data:`MAX_SHOWN_HEIGHT`.

    Examples
    --------
    >>> from mogcore.viz import as_image, new_figure
    >>> as_image(new_figure((9.5, 3.8))).width
    1400
    """
    return Image(data=figure_png(fig), width=max_shown_width(fig))


def data_grid(x: np.ndarray, n: int = 400) -> np.ndarray:
    r"""``n`` evenly spaced points over the data's range, padded by 15% on each side.

    Parameters
    ----------
    x : ndarray, shape (m,)
    n : int

    Returns
    -------
    ndarray, shape (n,)

    Notes
    -----
    :math:`[\min x - 0.15 r, \max x + 0.15 r]` with :math:`r = \max x - \min x` (1 if 0).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import data_grid
    >>> data_grid(np.array([0.0, 10.0]), 3).tolist()
    [-1.5, 5.0, 11.5]
    """
    lo, hi = float(np.min(x)), float(np.max(x))
    pad = 0.15 * (hi - lo or 1.0)
    return np.linspace(lo - pad, hi + pad, n)


class HistogramWithComponents:
    """A density histogram of the data with one curve per component (K = 2) on ``ax``.

    The view classes of the mixture, the fitting and the playground share it. ``update``
    moves the curves to ``pi_k N(x | mu_k, sigma_k^2)`` on the grid and returns them.
    """

    def __init__(self, ax: Axes, x: np.ndarray, grid: np.ndarray, lw: float = 2.0, labels: bool = False) -> None:
        self.ax = ax
        ax.hist(x, bins=30, density=True, color=DATA_COLOR, label="data" if labels else None)
        self.hist_top = max(patch.get_height() for patch in ax.patches)
        self.lines: list[Line2D] = [
            ax.plot(
                grid,
                np.zeros_like(grid),
                color=component_color(k),
                lw=lw,
                label=f"$\\pi_{k + 1}\\mathcal{{N}}_{k + 1}$" if labels else None,
            )[0]
            for k in range(2)
        ]
        ax.set_xlim(grid[0], grid[-1])

    def update(self, densities: np.ndarray) -> None:
        """Set the curves to the columns of ``densities`` (shape ``(len(grid), 2)``)."""
        for k, line in enumerate(self.lines):
            line.set_ydata(densities[:, k])


def stems(ax: Axes, x: np.ndarray, color: str) -> LineCollection:
    """Vertical stems at ``x`` from 0 (zero height until :func:`set_stems`), and the zero line."""
    ax.axhline(0, color=MARK_COLOR, lw=0.8)
    return ax.vlines(x, 0, np.zeros_like(x), color=color, lw=1)


def set_stems(coll: LineCollection, x: np.ndarray, heights: np.ndarray) -> None:
    """Move the stems at ``x`` to ``heights``."""
    zeros = np.zeros_like(x)
    coll.set_segments(np.stack([np.column_stack([x, zeros]), np.column_stack([x, heights])], axis=1))


#: Contours of L are drawn at its maximum over the grid minus these.
LEVEL_OFFSETS = np.array([500.0, 200.0, 100.0, 50.0, 20.0, 10.0, 5.0, 2.0, 1.0])


class FieldArtists:
    r"""What every gradient-field view draws: arrows on a grid, contours of L, a dot and its arrow.

    Parameters
    ----------
    ax : Axes
    gx, gy : ndarray, shape (rows, cols)
        The parameter grid (from :func:`numpy.meshgrid`); about ``arrows`` nodes along each axis get an arrow.
    arrows : int
        Arrows per axis.
    **quiver_scale
        ``scale_units`` and ``scale`` for :meth:`Axes.quiver`.

    Notes
    -----
    Arrows start at zero length; the views set their directions. The contours are
    :math:`\max\mathcal{L} - \{500, \dots, 1\}` over the grid, one colour each, read off the colour bar.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import new_figure
    >>> from mogcore.viz._figure import FieldArtists
    >>> gx, gy = np.meshgrid(np.arange(10.0), np.arange(10.0))
    >>> FieldArtists(new_figure((3.0, 3.0)).subplots(), gx, gy, 5).quiver.U.shape
    (25,)
    """

    def __init__(self, ax: Axes, gx: np.ndarray, gy: np.ndarray, arrows: int, **quiver_scale: object) -> None:
        self.ax, self.gx, self.gy = ax, gx, gy
        rows, cols = (max(1, n // arrows) for n in gx.shape)
        self.sub = (slice(rows // 2, None, rows), slice(cols // 2, None, cols))
        zeros = np.zeros_like(gx[self.sub])
        self.quiver = ax.quiver(
            gx[self.sub], gy[self.sub], zeros, zeros, color=ARROW_COLOR, angles="xy", width=0.004, **quiver_scale
        )
        self.dot = ax.plot([], [], "o", color=POINT_COLOR, ms=7, zorder=4)[0]
        self.arrow = axes_arrow(ax, POINT_COLOR, zorder=5)
        self.contours = None
        n = len(LEVEL_OFFSETS)
        self.level_colors = level_colors(n)
        key = ScalarMappable(BoundaryNorm(np.arange(n + 1) - 0.5, n), ListedColormap(self.level_colors))
        self.colorbar = ax.figure.colorbar(key, ax=ax, ticks=range(n), fraction=0.05, pad=0.03)
        self.colorbar.ax.set_yticklabels([f"$-${offset:g}" for offset in LEVEL_OFFSETS])
        self.colorbar.set_label("contours: $\\mathcal{L} - \\max\\,\\mathcal{L}$ on this grid")

    def set_arrows(self, u: np.ndarray, v: np.ndarray) -> None:
        """Point the grid's arrows along ``(u, v)`` (full grids; only the arrow nodes are used)."""
        self.quiver.set_UVC(u[self.sub], v[self.sub])

    def set_contours(self, L: np.ndarray) -> None:
        """Replace the contours with new ones of ``L`` (shape of the grid)."""
        if self.contours is not None:
            self.contours.remove()
        self.contours = self.ax.contour(
            self.gx, self.gy, L, levels=L.max() - LEVEL_OFFSETS, colors=self.level_colors, linewidths=1.1
        )

    def mark(self, x0: float, y0: float, dx: float, dy: float) -> None:
        """Put the dot at ``(x0, y0)`` and its arrow from there by ``(dx, dy)``."""
        self.dot.set_data([x0], [y0])
        self.arrow.xy = (x0 + dx, y0 + dy)
        self.arrow.set_position((x0, y0))

    def hide_mark(self) -> None:
        """Hide the dot and its arrow (a view that marks points its own way)."""
        self.dot.set_visible(False)
        self.arrow.set_visible(False)


def axes_arrow(ax: Axes, color: str, lw: float = 2.5, zorder: float = 3) -> Annotation:
    """An arrow (move it by setting ``.xy``, its head, and ``set_position``, its tail), cut at the
    frame of ``ax``: never drawn over a colour bar or a neighbouring panel."""
    props = dict(arrowstyle="-|>", color=color, lw=lw)
    arrow = ax.annotate("", xy=(0, 0), xytext=(0, 0), arrowprops=props, zorder=zorder)
    arrow.arrow_patch.set_clip_path(ax.patch)
    return arrow


def unit(u: np.ndarray, v: np.ndarray, su: float = 1.0, sv: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """``(u, v)`` scaled to length 1 in axes measured in units ``(su, sv)``; zero stays zero."""
    norm = np.hypot(np.asarray(u) / su, np.asarray(v) / sv)
    norm = np.where(norm == 0, 1.0, norm)
    return u / norm, v / norm
