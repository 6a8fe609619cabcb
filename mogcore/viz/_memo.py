"""A value recomputed only when the inputs it is computed from change."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

import numpy as np

T = TypeVar("T")


def _frozen(value: object) -> Hashable:
    """A hashable, exact stand-in for an input: arrays by shape and values, numbers and strings as they are."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    arr = np.asarray(value)
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
    Inputs are compared exactly (arrays by their values): a view calls it with every state it draws, and the
    work happens only when the state the value depends on is new.

    Examples
    --------
    >>> calls = []
    >>> square = Recompute(lambda a: calls.append(a) or a * a)
    >>> square(a=3.0), square(a=3.0), square(a=4.0), len(calls)
    (9.0, 9.0, 16.0, 2)
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
