"""Test helpers for figures: every number a figure shows, and a finiteness check over them.

An artist hidden with ``set_visible(False)`` is skipped (that is how views park what has
nothing to show); every visible artist's numbers are checked, NaN included.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.text import Annotation


def plotted_values(fig: Figure) -> list[tuple[str, np.ndarray]]:
    """(description, numbers) for every visible line, collection, patch and annotation arrow."""
    out = []
    for ax in fig.axes:
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
            if patch.get_visible() and hasattr(patch, "get_height"):
                box = [patch.get_x(), patch.get_y(), patch.get_width(), patch.get_height()]
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
