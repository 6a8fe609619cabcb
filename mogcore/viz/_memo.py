"""A value recomputed only when the inputs it is computed from change."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

import numpy as np

T = TypeVar("T")


def _frozen(value: object) -> Hashable:
    """A hashable stand-in for an input: real numbers to 12 significant digits (arrays by shape and values),
    integers and strings as they are."""
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    arr = np.asarray(value)
    if arr.dtype.kind == "f":
        return arr.shape, tuple(f"{v:.12g}" for v in arr.ravel().tolist())
    return arr.shape, tuple(arr.ravel().tolist())


class Recompute(Generic[T]):
    """``compute(**inputs)``, run again only for inputs not seen among the last ``size``.

    Parameters
    ----------
    compute : callable
        Called with keyword arguments only: the inputs it is given are its whole key, so a value cannot depend
        on an input the key leaves out (pass everything it reads; constants of the view may be closed over).
    size : int
        How many results to keep (most recently used first out when full).

    Notes
    -----
    A view calls it with every state it draws, and the work happens only when the state the value depends on is
    new. Real inputs are compared to 12 significant digits (arrays by their values): a browser hands a slider's
    value back recomputed in JavaScript, different in the 16th digit, and a value computed ahead for the next key
    press (:func:`~mogcore.viz._sliders.next_on_grid`) must be found when the browser sends that press. The value
    kept is the one computed for the first input seen; inputs closer than that differ by less than a drawing shows.

    Examples
    --------
    >>> calls = []
    >>> square = Recompute(lambda a: calls.append(a) or a * a)
    >>> square(a=3.0), square(a=3.0), square(a=4.0), len(calls)
    (9.0, 9.0, 16.0, 2)
    >>> square(a=4.0 * (1 + 1e-15)), len(calls)  # the same to 12 digits: kept
    (16.0, 2)
    """

    def __init__(self, compute: Callable[..., T], size: int = 1) -> None:
        self._compute, self._size = compute, size
        self._kept: OrderedDict[tuple, T] = OrderedDict()

    def __call__(self, **inputs: object) -> T:
        key = tuple((name, _frozen(value)) for name, value in sorted(inputs.items()))
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        value = self._compute(**inputs)
        self._kept[key] = value
        while len(self._kept) > self._size:
            self._kept.popitem(last=False)
        return value
