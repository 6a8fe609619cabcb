r"""Live frames drawn fast: redraw only what moved since the last frame (blitting).

A slider event changes a few artists (a curve, an arrow, a title); the axes, their tick
labels and the static artists stay as they were. :class:`FrameRenderer` keeps an image of
that unchanging part (the *background*) and, per frame, restores it and draws only the
rest. Which artists move is learned from matplotlib's own ``stale`` flags, so the views
need not declare anything.

The frame is the same, pixel for pixel, as a full redraw: in every axes the artists are
drawn in matplotlib's own order (by zorder), and the background holds only the artists that
come before the first one that ever moved; everything from there on is drawn every frame.
The exceptions stay in the background: each axes' :class:`~matplotlib.axis.Axis` (ticks and
tick labels; our axes have no grid and outward ticks, so it draws nothing inside the axes),
legends (kept off the data, ``figure_checks.legend_overlaps``), and plain texts that have not changed and sit
clear of the axes and of everything drawn per frame (titles, mostly; one that changes costs one full redraw and is
drawn per frame from then on). ``tests/test_frames.py``
checks the equality at every key press and stop of every explorer.

Anything else forces a full redraw: changed limits, scales, positions or visibility of any
axes, a changed figure-level artist or axis, a changed frame size, or a draw of the figure
from elsewhere (``savefig``, ``canvas.draw``). Under a matplotlib version whose draw order has
not been checked (:data:`DRAW_ORDER_CHECKED`), every frame is a full redraw.

A layout (limits, scales, positions, visibility of every axes) comes back often: a drop-down
going back to a start, an axis that follows the data returning to its limits. The backgrounds
of the last :data:`KEEP_BACKGROUNDS` layouts are kept: going back to one restores it and draws
nothing else in full. They are dropped together whenever anything in them moves (an artist
before a split, a text kept aside, a legend or figure-level artist) or the figure is drawn
from elsewhere, so a kept background is always what a full redraw at that layout would give.
"""

from __future__ import annotations

import struct
import zlib
from collections import OrderedDict
from operator import attrgetter

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.collections import Collection
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from ._figure import RENDER_SCALE

try:  # ISA-L's deflate: about ten times faster than zlib's at level 1 here, the same format; optional
    from isal import isal_zlib as _deflate
except ImportError:  # pragma: no cover - exercised by tests/test_frames.py with isal hidden
    _deflate = zlib

#: The matplotlib versions whose ``Axes.draw`` order :func:`_draw_list` copies, each checked by a test
#: that records the order matplotlib draws in (``tests/test_frames.py``). pyproject.toml allows only these;
#: under any other version (installed by hand) every frame is a full redraw: slower, never stale.
DRAW_ORDER_CHECKED = ("3.11",)
_ORDER_KNOWN = ".".join(matplotlib.__version__.split(".")[:2]) in DRAW_ORDER_CHECKED

#: Drawn once into the background, never per frame: an axis draws nothing inside its axes (no grid,
#: outward ticks), and legends sit off the data (``figure_checks.legend_overlaps``).
_BACKGROUND_ONLY = (Axis, Legend)

#: Backgrounds kept per figure, one per layout (limits, visibility, positions of the axes) seen most recently:
#: going back to a layout redraws nothing. 06's are 4.5 MB each at 2x.
KEEP_BACKGROUNDS = 6


def png_rgba(rgba: np.ndarray) -> bytes:
    """Encode an ``(h, w, 4)`` uint8 image as PNG, fast: no row filter, deflate by ISA-L.

    Parameters
    ----------
    rgba : numpy.ndarray
        The pixels, as ``FigureCanvasAgg.buffer_rgba()`` gives them.

    Returns
    -------
    bytes

    Notes
    -----
    A PNG is a signature and three chunks: IHDR (size, 8-bit RGBA), IDAT (the zlib stream of
    the rows, each led by its filter byte, 0 = none) and IEND; each chunk is its length, tag,
    data and CRC-32. Pillow always tries all five row filters on an RGB(A) image, which at a
    2x frame costs 30-60 ms on a slow machine; unfiltered rows deflated at level 1 take a few
    milliseconds and are about as small (a plot is mostly runs of one colour). The deflate is
    ISA-L's where ``isal`` is installed, else the standard library's ``zlib`` (the README gives
    both timings).

    Examples
    --------
    >>> import io
    >>> from PIL import Image
    >>> pixels = np.zeros((2, 3, 4), np.uint8); pixels[..., 0] = [[0, 1, 2], [3, 4, 5]]
    >>> back = np.asarray(Image.open(io.BytesIO(png_rgba(pixels))))
    >>> back.shape, bool((back == pixels).all())
    ((2, 3, 4), True)
    """
    h, w, _ = rgba.shape
    rows = np.zeros((h, 1 + 4 * w), np.uint8)
    rows[:, 1:] = rgba.reshape(h, 4 * w)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)  # 8 bits, RGBA, deflate, filter method 0, no interlace
    body = _deflate.compress(rows.data, 1)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def _draw_list(ax: Axes) -> list:
    """The artists ``Axes.draw`` draws, in its order (copied from matplotlib 3.11's ``Axes.draw``; a test
    records the order matplotlib really draws in and fails if it differs: see :data:`DRAW_ORDER_CHECKED`)."""
    artists = [a for a in ax.get_children() if a is not ax.patch]
    if not (ax.axison and ax.get_frame_on()):
        artists = [a for a in artists if a not in ax.spines.values()]
    if not ax.axison:
        artists = [a for a in artists if not isinstance(a, Axis)]
    return sorted(artists, key=attrgetter("zorder"))


def _reach(artist: object, renderer: object) -> Bbox:
    """Where the artist can draw: its clip box or clip path's extent if it is clipped, else its own extent."""
    if artist.get_clip_on():
        if artist.get_clip_box() is not None:
            return artist.get_clip_box()
        if artist.get_clip_path() is not None:
            return artist.get_clip_path().get_fully_transformed_path().get_extents()
    return artist.get_window_extent(renderer)


def _all_axes(fig: Figure) -> list[Axes]:
    found, todo = [], list(fig.axes)
    while todo:
        ax = todo.pop(0)
        found.append(ax)
        todo.extend(ax.child_axes)
    return found


class FrameRenderer:
    r"""Render a figure's live frames as PNG at ``scale`` times its dpi, redrawing only what moved.

    Parameters
    ----------
    fig : Figure
        A figure with an Agg canvas; its layout must be fixed (no layout engine).
    scale : float
        Pixels per shown pixel.

    Notes
    -----
    Per axes, with its artists :math:`a_0, a_1, \dots` in draw order, let :math:`s` be the
    smallest index of an artist that has ever been stale at a frame. The background is the
    figure drawn with :math:`a_s, a_{s+1}, \dots` left out (animated); a frame restores it
    and draws those artists. :math:`s` only decreases (unless an image would be drawn per
    frame: then the whole axes is redrawn), so after a few frames every view settles on its
    moving part.

    Examples
    --------
    >>> from mogcore.viz import new_figure
    >>> fig = new_figure((3.0, 2.0)); ax = fig.add_subplot()
    >>> line, = ax.plot([0, 1], [0, 1]); fig.set_layout_engine(None)
    >>> frames = FrameRenderer(fig)
    >>> frames.png()[:4]  # the first frame draws everything
    b'\x89PNG'
    >>> line.set_ydata([1, 0]); _ = frames.png()  # the line moved: it is left out of a new background
    >>> background = frames._background
    >>> line.set_ydata([0, 0.5]); _ = frames.png()  # drawn on the stored background
    >>> frames._background is background
    True
    """

    def __init__(self, fig: Figure, scale: float = RENDER_SCALE) -> None:
        self.fig, self.scale = fig, scale
        self.blit = _ORDER_KNOWN  # False: every frame is a full redraw (a matplotlib whose order is unchecked)
        self._split: dict[Axes, int] = {}  # axes -> index of its first artist drawn every frame
        self._aside: set = set()  # texts after a split, clear of all drawn per frame: kept in the background
        self._changing: set = set()  # texts that have changed at a frame: never kept aside again
        self._background = None
        self._key: tuple | None = None
        #: Backgrounds drawn at earlier layouts, by layout key, most recent last (see :meth:`rgba`).
        self._kept: OrderedDict[tuple, tuple] = OrderedDict()
        self._arrays: dict = {}  # background collections -> the colour-mapped values they were drawn with
        self._drawing = False
        fig.canvas.mpl_connect("draw_event", self._drawn_elsewhere)

    def _drawn_elsewhere(self, event: object) -> None:
        if not self._drawing:  # someone else drew: the stale flags no longer tell what changed
            self._background = None
            self._kept.clear()

    def _layout_key(self, size: tuple[float, float]) -> tuple:
        def axis(a: Axis) -> tuple:
            major = a.major
            return a.get_scale(), a.label.get_text(), a.get_visible(), id(major.locator), id(major.formatter)

        axes = tuple(
            (
                id(ax),
                ax.get_visible(),
                tuple(ax.get_position().bounds),
                ax.get_xlim(),
                ax.get_ylim(),
                axis(ax.xaxis),
                axis(ax.yaxis),
            )
            for ax in _all_axes(self.fig)
        )
        return size, axes

    def _needs_full_draw(self, lists: dict[Axes, list]) -> bool:
        """Learn which artists move (lowering each split); True if the background is out of date."""
        if self._key is None:  # the first frame: everything is new, nothing has moved yet
            self._split = {ax: len(artists) for ax, artists in lists.items()}
            return True
        full = self._background is None
        for ax, artists in lists.items():
            split = self._split.get(ax, len(artists))
            # An axis is redrawn when the layout key says so (limits, labels, tick formats), never per frame.
            moved = [
                i
                for i, a in enumerate(artists[:split])
                if (a.stale or self._recoloured(a)) and not isinstance(a, _BACKGROUND_ONLY)
            ]
            split = moved[0] if moved else split
            if any(isinstance(a, AxesImage) for a in artists[split:]):
                split = len(artists)  # an image is composited with the background: never drawn per frame
            full = full or moved != [] or split != self._split.get(ax)
            self._split[ax] = split
        baked = self._aside.union(*(aside for _, aside in self._kept.values()))  # in this or a kept background
        for text in [t for t in baked if t.stale]:  # a text kept in a background changed: drawn per frame now
            self._changing.add(text)
            full = True
        figure_level = [a for a in self.fig.get_children() if not isinstance(a, Axes) and a is not self.fig.patch]
        legends = [a for artists in lists.values() for a in artists if isinstance(a, Legend)]
        return full or any(a.stale for a in figure_level + legends)

    def _per_frame(self, artists: list) -> list:
        """Of the artists after a split, those drawn at every frame."""
        return [a for a in artists if not isinstance(a, _BACKGROUND_ONLY) and a not in self._aside]

    def _set_aside(self, lists: dict[Axes, list]) -> set:
        """The plain texts after each split (titles, mostly; not annotations, which draw arrows) that have never
        changed and sit clear of the axes and of every other artist drawn per frame: nothing drawn per frame can
        cover them, so the background holds them, drawn in their place. One that changes later forces a full
        redraw and is drawn per frame from then on."""
        renderer = self.fig.canvas.get_renderer()
        aside = set()
        for ax, artists in lists.items():
            after = [a for a in artists[self._split[ax] :] if not isinstance(a, _BACKGROUND_ONLY)]
            self._changing.update(a for a in after if type(a) is Text and a.stale)  # changed at this very frame
            texts = [a for a in after if type(a) is Text and a not in self._changing and a.get_visible()]
            others = [a for a in after if a not in texts]
            reach = [ax.bbox, *(_reach(a, renderer) for a in others)]
            for text in texts:
                box = text.get_window_extent(renderer)
                if not text.get_text() or not any(box.overlaps(b) for b in reach):
                    aside.add(text)
        return aside

    def _recoloured(self, artist: object) -> bool:
        """True if a colour-mapped artist's values changed since the background was drawn
        (``set_array`` does not mark an artist stale)."""
        if not isinstance(artist, Collection) or artist.get_array() is None:
            return False
        before = self._arrays.get(artist)
        return before is None or not np.array_equal(before, artist.get_array())

    def png(self) -> bytes:
        """Draw the current frame and return it as PNG bytes (see :func:`png_rgba`)."""
        return png_rgba(self.rgba())

    def rgba(self) -> np.ndarray:
        """Draw the current frame and return its pixels, ``(h, w, 4)`` uint8 (the canvas's own buffer)."""
        fig, canvas = self.fig, self.fig.canvas
        dpi = fig.dpi
        self._drawing = True
        try:
            fig.dpi = dpi * self.scale
            key = self._layout_key(tuple(fig.bbox.size))
            top = [ax for ax in fig.axes if ax.get_visible()]
            lists = {ax: _draw_list(ax) for ax in top}
            moved = self._needs_full_draw(lists) or not self.blit
            if moved:  # what is drawn per frame changed: every kept background is out of date
                self._kept.clear()
            kept = self._kept.get(key) if key != self._key else None
            full = moved or (key != self._key and kept is None)
            if kept is not None:  # a layout seen before, nothing moved since: its background as it was drawn
                self._kept.move_to_end(key)
                self._background, self._aside = kept
                self._key = key
                canvas.restore_region(self._background)
            elif full:
                self._aside = self._set_aside(lists) if self.blit else set()
                moving = [a for ax in top for a in self._per_frame(lists[ax][self._split[ax] :])]
                moving = moving if self.blit else []
                animated = [a.get_animated() for a in moving]
                for a in moving:
                    a.set_animated(True)
                try:
                    canvas.draw()
                finally:
                    for a, was in zip(moving, animated, strict=True):
                        a.set_animated(was)
                self._background = canvas.copy_from_bbox(fig.bbox)
                self._arrays = {
                    a: np.array(a.get_array(), copy=True)
                    for ax in top
                    for a in lists[ax][: self._split[ax]]
                    if isinstance(a, Collection) and a.get_array() is not None
                }
                self._key = self._layout_key(tuple(fig.bbox.size))
                self._kept[self._key] = (self._background, self._aside)
                while len(self._kept) > KEEP_BACKGROUNDS:
                    self._kept.popitem(last=False)
            else:
                canvas.restore_region(self._background)
            renderer = canvas.get_renderer()
            for ax in top if self.blit else ():
                for a in self._per_frame(lists[ax][self._split[ax] :]):
                    a.draw(renderer)
            rgba = np.asarray(canvas.buffer_rgba())
        finally:
            fig.dpi = dpi
            self._drawing = False
        return rgba
