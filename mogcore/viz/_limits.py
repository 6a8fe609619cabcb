"""Axis limits that follow the data without jittering: snapped to nice values, and kept while they still fit.

A slider move that leaves every axes' limits where they were is drawn in a fraction of the time of
one that moves them (``_frames.FrameRenderer`` then redraws only what moved; new limits mean new tick
labels and a full redraw). So limits that follow the data snap to nice values (:func:`nice_limits`,
:func:`nice_ceil`), and :func:`follow` keeps the limits a view set last for as long as they hold what
must be shown and it fills at least :data:`KEEP_FILL` of them.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

import numpy as np
from matplotlib.axes import Axes

#: Limits snap to these multiples of a power of ten.
NICE_STEPS = np.array([1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0])

#: Limits are kept while what they must show spans at least this share of them (fresh limits from
#: :func:`nice_limits` or :func:`symmetric_limits` always leave it more than 0.6, so a fresh choice is kept).
KEEP_FILL = 0.5

#: The limits :func:`follow` set last, per axes and axis (limits set by anything else are never kept).
_SET: WeakKeyDictionary = WeakKeyDictionary()


def nice_ceil(value: float) -> float:
    """The smallest of ``NICE_STEPS`` times a power of ten that is at least ``value`` (> 0).

    Examples
    --------
    >>> nice_ceil(0.013), nice_ceil(7.2), nice_ceil(120.0), nice_ceil(121.0)
    (0.015, 8.0, 120.0, 150.0)
    """
    power = 10.0 ** np.floor(np.log10(value))
    return float(NICE_STEPS[np.searchsorted(NICE_STEPS, value / power * (1 - 1e-12))] * power)


def nice_limits(lo: float, hi: float, pad: float = 0.08) -> tuple[float, float]:
    """Limits that hold ``[lo, hi]`` with a margin of ``pad`` of its span, on a grid of a fifth of it.

    Examples
    --------
    >>> nice_limits(-412.3, -398.7)
    (-414.0, -396.0)
    """
    span = hi - lo or max(abs(hi), 1.0)
    step = nice_ceil(span / 5)
    return float(np.floor((lo - pad * span) / step) * step), float(np.ceil((hi + pad * span) / step) * step)


def follow(ax: Axes, need: tuple[float, float], fresh: tuple[float, float], which: str = "y") -> None:
    r"""Keep ``ax``'s limits on axis ``which`` if they still suit ``need``; else set them to ``fresh``.

    Parameters
    ----------
    ax : Axes
    need : (float, float)
        What must be shown, ``(lo, hi)``.
    fresh : (float, float)
        The limits to set when the present ones do not suit.
    which : {"y", "x"}

    Notes
    -----
    The present limits :math:`[a, b]` are kept when this function set them last and
    :math:`a \le lo`, :math:`hi \le b` and :math:`hi - lo \ge` ``KEEP_FILL`` :math:`(b - a)`.

    Examples
    --------
    >>> from mogcore.viz import new_figure
    >>> ax = new_figure((2.0, 2.0)).add_subplot()
    >>> follow(ax, (0.0, 9.0), (0.0, 10.0)); follow(ax, (0.0, 7.0), (0.0, 8.0)); ax.get_ylim()[1]
    np.float64(10.0)
    >>> follow(ax, (0.0, 4.0), (0.0, 5.0)); ax.get_ylim()[1]  # 4 is less than half of 10
    np.float64(5.0)
    """
    now = ax.get_ylim() if which == "y" else ax.get_xlim()
    (lo, hi), (a, b) = need, now
    mine = _SET.get(ax, {}).get(which) == now
    if mine and a <= lo and hi <= b and hi - lo >= KEEP_FILL * (b - a):
        return
    (ax.set_ylim if which == "y" else ax.set_xlim)(*fresh)
    _SET.setdefault(ax, {})[which] = ax.get_ylim() if which == "y" else ax.get_xlim()


def follow_nice(ax: Axes, lo: float, hi: float, pad: float = 0.08) -> None:
    """The y limits hold ``[lo, hi]`` (and a little room): kept while they do (:func:`follow`), else
    :func:`nice_limits`."""
    room = 0.02 * (hi - lo)
    follow(ax, (lo - room, hi + room), nice_limits(lo, hi, pad))


def symmetric_limits(ax: Axes, values: np.ndarray, which: str = "y", room: float = 1.05) -> None:
    """Centre axis ``which`` on 0 with room for the largest ``|value|`` (``room`` times it, snapped by
    :func:`nice_ceil`); kept while that still fits (:func:`follow`)."""
    big = max(float(np.abs(values).max(initial=0.0)), 1e-12)
    top = nice_ceil(room * big)
    follow(ax, (-1.02 * big, 1.02 * big), (-top, top), which)
