"""Test helpers for figures: every number a figure shows, and a finiteness check over them.

An artist hidden with ``set_visible(False)`` is skipped (that is how views park what has
nothing to show); every visible artist's numbers are checked, NaN included.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.text import Annotation


def every_axes(fig: Figure) -> list:
    """The figure's visible axes and, within them, their visible inset axes (``fig.axes`` leaves insets out)."""
    found, todo = [], [ax for ax in fig.axes if ax.get_visible()]
    while todo:
        ax = todo.pop(0)
        found.append(ax)
        todo.extend(child for child in ax.child_axes if child.get_visible())
    return found


def plotted_values(fig: Figure) -> list[tuple[str, np.ndarray]]:
    """(description, numbers) for every visible line, collection, patch and annotation arrow, insets included."""
    out = []
    for ax in every_axes(fig):
        for line in ax.lines:
            if line.get_visible():
                out.append((f"line {line.get_label()!r}", np.asarray(line.get_xydata(), dtype=float)))
        for coll in ax.collections:
            if not coll.get_visible():
                continue
            name = type(coll).__name__
            out.append((f"{name} offsets", np.asarray(coll.get_offsets(), dtype=float)))
            out.extend((f"{name} path", np.asarray(p.vertices, dtype=float)) for p in coll.get_paths())
            if hasattr(coll, "U"):
                out.append(("quiver U, V", np.concatenate([np.ravel(coll.U), np.ravel(coll.V)]).astype(float)))
        for patch in ax.patches:
            if not patch.get_visible():
                continue
            if hasattr(patch, "get_x") and hasattr(patch, "get_height"):  # bars, spans
                box = [patch.get_x(), patch.get_y(), patch.get_width(), patch.get_height()]
                out.append((type(patch).__name__, np.array(box, dtype=float)))
            elif hasattr(patch, "get_center"):  # ellipses
                box = [*patch.get_center(), patch.get_width(), patch.get_height(), patch.get_angle()]
                out.append((type(patch).__name__, np.array(box, dtype=float)))
        for text in ax.texts:
            if text.get_visible() and isinstance(text, Annotation):
                out.append(("arrow", np.array([*text.xy, *text.get_position()], dtype=float)))
    return out


def assert_all_finite(fig: Figure) -> None:
    """Fail, naming the artist, if any visible artist shows a NaN or an infinity."""
    values = plotted_values(fig)
    assert values, "the figure shows nothing"
    for what, v in values:
        assert np.all(np.isfinite(v)), f"non-finite value in {what}: {v}"


def artist_colors(fig: Figure) -> list[tuple[str, np.ndarray]]:
    """(description, RGB) of every colour a visible artist draws with; colour-mapped collections are left out
    (they are checked by their colour map)."""
    from matplotlib.colors import to_rgba_array

    out = []

    def add(what, colors):
        for rgba in to_rgba_array(colors):
            if rgba[3] > 0:
                out.append((what, rgba[:3]))

    for ax in fig.axes:
        for line in ax.lines:
            if line.get_visible():
                add(
                    f"line {line.get_label()!r}",
                    [line.get_color(), line.get_markerfacecolor(), line.get_markeredgecolor()],
                )
        for patch in ax.patches:
            if patch.get_visible():
                add(type(patch).__name__, [patch.get_facecolor(), patch.get_edgecolor()])
        for coll in ax.collections:
            if coll.get_visible() and coll.get_array() is None:
                add(
                    type(coll).__name__,
                    np.concatenate([to_rgba_array(coll.get_facecolor()), to_rgba_array(coll.get_edgecolor())]),
                )
        for text in ax.texts:
            if text.get_visible() and isinstance(text, Annotation) and text.arrow_patch is not None:
                add("arrow", [text.arrow_patch.get_edgecolor(), text.arrow_patch.get_facecolor()])
    return out


def _within(box, pts: np.ndarray) -> np.ndarray:
    return (pts[:, 0] > box.x0) & (pts[:, 0] < box.x1) & (pts[:, 1] > box.y0) & (pts[:, 1] < box.y1)


def legend_overlaps(fig: Figure) -> list[str]:
    """Each visible artist drawn under a legend of its own axes: a line's vertices, a collection's
    offsets and path vertices (stems, scatter points), a bar's box, each inside the legend's box.
    Points exactly on the axes' frame (baselines at y = 0) do not count."""
    from matplotlib.transforms import Bbox

    fig.canvas.draw()  # legends are placed ("best", "upper right") at draw time
    out = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None or not legend.get_visible():
            continue
        box = legend.get_window_extent().padded(-2)  # its frame, less a hair
        axes_box = ax.get_window_extent().padded(-3)
        title = ax.get_title()

        def inside(xy, what, transform, box=box, axes_box=axes_box, title=title):
            pts = transform.transform(np.asarray(xy, dtype=float).reshape(-1, 2))
            pts = pts[np.all(np.isfinite(pts), axis=1)]
            hit = _within(box, pts) & _within(axes_box, pts)
            if hit.any():
                out.append(f"{title!r}: {what}, {int(hit.sum())} point(s) under the legend")

        for line in ax.lines:
            if line.get_visible() and len(line.get_xydata()):
                xy = line.get_xydata()
                if line.get_linestyle() not in ("None", "", " ") and len(xy) > 1:  # the segments between too
                    t = np.linspace(0, 1, 9)[:, None, None]
                    xy = (xy[:-1] * (1 - t) + xy[1:] * t).reshape(-1, 2)
                inside(xy, f"line {line.get_label()!r}", line.get_transform())
        for coll in ax.collections:
            if coll.get_visible():
                name = type(coll).__name__
                if len(coll.get_offsets()):
                    inside(coll.get_offsets(), f"{name} points", coll.get_offset_transform())
                for p in coll.get_paths():
                    inside(p.vertices, f"{name} path", coll.get_transform())
        for patch in ax.patches:
            if patch.get_visible() and hasattr(patch, "get_y") and patch.get_height() != 0:
                extent = patch.get_window_extent()
                if Bbox.intersection(extent, box) is not None and extent.height > 1:
                    out.append(f"{ax.get_title()!r}: {type(patch).__name__} under the legend")
    return out
