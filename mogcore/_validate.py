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


def _check_weight_sum(w: np.ndarray) -> None:
    """Raise unless the weights sum to 1 (within ``WEIGHT_SUM_TOL``) along the last axis."""
    total = w.sum(axis=-1)
    off = np.abs(total - 1.0) > WEIGHT_SUM_TOL
    if off.any():
        worst = float(total.flat[np.argmax(np.abs(total - 1.0))])
        raise ValueError(
            f"weights must sum to 1 along the last (component) axis within {WEIGHT_SUM_TOL:g}; a sum is {worst!r}"
        )


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
    _check_weight_sum(w)
    return w, mu, var


def prepare_batch(x: object, weights: object, means: object, variances: object):
    """Validated data, the batch shape, and the parameters flattened to ``(B, K)`` (contiguous).

    Returns ``(x, batch_shape, [weights, means, variances])``: what the kernels take. A result of shape
    ``(B, ...)`` is reshaped to ``batch_shape + (...)`` by the caller.
    """
    x = check_data(x)
    w, mu, var = check_params(weights, means, variances)
    batch_shape = mu.shape[:-1]
    k = mu.shape[-1]
    flat = [np.ascontiguousarray(a.reshape(-1, k)) for a in (w, mu, var)]
    return x, batch_shape, flat


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


#: How far a covariance matrix may be from its transpose, relative to its largest entry.
SYMMETRY_TOL = 1e-10


def check_matrix_data(X: object) -> np.ndarray:
    """Return ``X`` as a 2-D float64 array (m points, d coordinates) of finite values, or raise ``ValueError``."""
    arr = _as_float_array(X, "X")
    if arr.ndim != 2:
        raise ValueError(f"X must be 2-D, shape (m, d): one row per data point; got shape {arr.shape}")
    if arr.shape[1] == 0:
        raise ValueError(f"X must have at least one coordinate (d >= 1); got shape {arr.shape}")
    if not np.isfinite(np.add.reduce(arr, axis=None)):
        bad = ~np.isfinite(arr)
        if bad.any():
            i = _first_bad(bad)
            raise ValueError(f"X must be finite; X[{i}] = {arr[i]!r}")
    return np.ascontiguousarray(arr)


def check_mv_params(
    weights: object, means: object, covariances: object, d: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Validate multivariate mixture parameters; return them broadcast to one batch shape, and the
    Cholesky factors of the covariances.

    Rules: weights (..., K) finite, > 0, summing to 1 along the last axis; means (..., K, d) finite;
    covariances (..., K, d, d) finite, symmetric (within ``SYMMETRY_TOL`` of their largest entry) and
    positive definite; K and d agree with each other and with X; the batch shapes broadcast.
    """
    w = _as_float_array(weights, "weights")
    mu = _as_float_array(means, "means")
    cov = _as_float_array(covariances, "covariances")
    if w.ndim < 1 or w.shape[-1] == 0:
        raise ValueError(f"weights must have shape (..., K) with K >= 1; got shape {w.shape}")
    if mu.ndim < 2 or mu.shape[-1] != d:
        raise ValueError(f"means must have shape (..., K, d) with d = {d} (the columns of X); got shape {mu.shape}")
    if cov.ndim < 3 or cov.shape[-2:] != (d, d):
        raise ValueError(f"covariances must have shape (..., K, {d}, {d}) (d = {d}, from X); got shape {cov.shape}")
    k = w.shape[-1]
    if mu.shape[-2] != k or cov.shape[-3] != k:
        raise ValueError(
            f"weights, means and covariances must have the same number of components K; got K = {k} "
            f"(weights {w.shape}), {mu.shape[-2]} (means {mu.shape}) and {cov.shape[-3]} (covariances {cov.shape})"
        )
    for name, arr in (("weights", w), ("means", mu), ("covariances", cov)):
        _require(np.isfinite(arr), name, arr, "finite")
    _require(w > 0, "weights", w, "> 0")
    try:
        batch = np.broadcast_shapes(w.shape[:-1], mu.shape[:-2], cov.shape[:-3])
    except ValueError:
        raise ValueError(
            "the batch axes (before the component axis) of weights, means and covariances must broadcast; "
            f"got shapes {w.shape}, {mu.shape} and {cov.shape}"
        ) from None
    w = np.broadcast_to(w, (*batch, k))
    mu = np.broadcast_to(mu, (*batch, k, d))
    cov = np.broadcast_to(cov, (*batch, k, d, d))
    _check_weight_sum(w)
    scale = np.abs(cov).max(axis=(-2, -1))
    asym = np.abs(cov - np.swapaxes(cov, -1, -2)).max(axis=(-2, -1)) > SYMMETRY_TOL * scale
    if asym.any():
        i = tuple(int(j) for j in np.argwhere(asym)[0])
        raise ValueError(
            f"covariances must be symmetric; covariances[{', '.join(map(str, i))}] (component k = {i[-1]}) "
            f"is not: {cov[i].tolist()}"
        )
    try:
        chol = np.linalg.cholesky(cov)
    except np.linalg.LinAlgError:
        chol = None
    if chol is None or not np.all(np.diagonal(chol, axis1=-2, axis2=-1) > 0):
        for i in np.ndindex(cov.shape[:-2]):
            try:
                ok = bool(np.all(np.diagonal(np.linalg.cholesky(cov[i])) > 0))
            except np.linalg.LinAlgError:
                ok = False
            if not ok:
                raise ValueError(
                    f"covariances must be positive definite; covariances[{', '.join(map(str, i))}] "
                    f"(component k = {i[-1]}) is not: {cov[i].tolist()}"
                ) from None
    return w, mu, cov, chol
