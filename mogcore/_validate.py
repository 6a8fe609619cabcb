"""Every input rule of the public API, in one place.

Each check raises :class:`ValueError` with a message that names the parameter and
the rule it broke, before any computation. Inner functions trust their inputs.
"""

from __future__ import annotations

import numpy as np

#: How far the weights may sum from 1 along the component axis.
WEIGHT_SUM_TOL = 1e-8


def _as_float_array(value: object, name: str) -> np.ndarray:
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise ValueError(f"{name} must be an array of real numbers: {exc}") from None
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold real numbers; got dtype {arr.dtype}")
    return arr.astype(np.float64, copy=False)


def _first_bad(mask: np.ndarray) -> tuple[int, ...] | int:
    index = tuple(int(i) for i in np.argwhere(mask)[0])
    return index[0] if len(index) == 1 else index


def _require(ok: np.ndarray, name: str, arr: np.ndarray, rule: str) -> None:
    """Raise ``ValueError("NAME must be RULE; NAME[i] = value")`` at the first entry breaking it."""
    if not ok.all():
        i = _first_bad(~ok)
        raise ValueError(f"{name} must be {rule}; {name}[{i}] = {arr[i]!r}")


def check_data(x: object) -> np.ndarray:
    """Return ``x`` as a 1-D float64 array of finite values, or raise ``ValueError``."""
    arr = _as_float_array(x, "x")
    if arr.ndim != 1:
        raise ValueError(f"x must be 1-D (a vector of the m data points); got shape {arr.shape}")
    # A NaN or an infinity makes the sum non-finite: one cheap pass for the common case.
    if not np.isfinite(np.add.reduce(arr)):
        bad = ~np.isfinite(arr)
        if bad.any():
            i = _first_bad(bad)
            raise ValueError(f"x must be finite; x[{i}] = {arr[i]!r}")
    return arr


def check_params(weights: object, means: object, variances: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate the mixture parameters and broadcast them to one shape ``(..., K)``.

    Rules: each is a real array with the component axis last; means are finite;
    variances are finite and > 0; weights are finite and > 0 and sum to 1 (within
    ``WEIGHT_SUM_TOL``) along the last axis; the three shapes broadcast.
    """
    w = _as_float_array(weights, "weights")
    mu = _as_float_array(means, "means")
    var = _as_float_array(variances, "variances")
    for name, arr in (("weights", w), ("means", mu), ("variances", var)):
        if arr.ndim == 0:
            raise ValueError(f"{name} must have a component axis (the last axis, length K); got a scalar")
        if arr.shape[-1] == 0:
            raise ValueError(f"{name} must have at least one component; got shape {arr.shape}")
    for name, arr, positive in (("means", mu, False), ("variances", var, True), ("weights", w, True)):
        _require(np.isfinite(arr), name, arr, "finite")
        if positive:
            _require(arr > 0, name, arr, "> 0")
    try:
        shape = np.broadcast_shapes(w.shape, mu.shape, var.shape)
    except ValueError:
        raise ValueError(
            "weights, means and variances must broadcast against each other with the "
            f"component axis last; got shapes {w.shape}, {mu.shape} and {var.shape}"
        ) from None
    w, mu, var = (np.broadcast_to(a, shape) for a in (w, mu, var))
    total = w.sum(axis=-1)
    off = np.abs(total - 1.0) > WEIGHT_SUM_TOL
    if off.any():
        worst = float(total.flat[np.argmax(np.abs(total - 1.0))])
        raise ValueError(
            f"weights must sum to 1 along the last (component) axis within {WEIGHT_SUM_TOL:g}; a sum is {worst!r}"
        )
    return w, mu, var


def check_count(n: object, name: str = "n") -> int:
    """Return ``n`` as a non-negative int, or raise ``ValueError``."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        raise ValueError(f"{name} must be a non-negative integer; got {n!r}")
    return int(n)


def _real_scalar(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        arr = np.asarray(value) if isinstance(value, np.ndarray) else None
        if arr is None or arr.ndim != 0 or arr.dtype.kind not in "iuf":
            raise ValueError(f"{name} must be a real number; got {value!r}")
    return float(value)


def check_finite(value: object, name: str) -> float:
    """Return ``value`` as a float if it is a finite real number, or raise ``ValueError``."""
    v = _real_scalar(value, name)
    if not np.isfinite(v):
        raise ValueError(f"{name} must be finite; got {value!r}")
    return v


def check_positive(value: object, name: str) -> float:
    """Return ``value`` as a float if it is finite and > 0, or raise ``ValueError``."""
    v = _real_scalar(value, name)
    if not (np.isfinite(v) and v > 0):
        raise ValueError(f"{name} must be finite and > 0; got {value!r}")
    return v


def check_nonnegative(value: object, name: str) -> float:
    """Return ``value`` as a float if it is finite and >= 0 (NaN is an error, not "off")."""
    v = _real_scalar(value, name)
    if not (np.isfinite(v) and v >= 0):
        raise ValueError(f"{name} must be finite and >= 0; got {value!r}")
    return v


def check_positive_array(values: object, name: str) -> np.ndarray:
    """Return ``values`` as a float64 array if every entry is finite and > 0."""
    arr = _as_float_array(values, name)
    _require(np.isfinite(arr), name, arr, "finite")
    _require(arr > 0, name, arr, "> 0")
    return arr


def check_choice(value: object, name: str, choices: object) -> str:
    """Return ``value`` if it is one of ``choices``, or raise ``ValueError`` listing them."""
    options = tuple(choices)
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}; got {value!r}")
    return value


def check_two_components(k: int, what: str) -> None:
    """Raise ``ValueError`` unless the mixture has K = 2 components."""
    if k != 2:
        raise ValueError(f"{what} is defined for K = 2 components only; got K = {k}")
