"""The loop behind :func:`mogcore.fitting.newton`: Newton's method in theta, with or without safeguards.

Inputs are trusted: ``newton`` validates them first and wraps the rows into a ``Path``.
"""

from __future__ import annotations

import numpy as np

from ._stops import Limits
from .curvature import _mixture_of, _theta_of, _value_and_theta_gradient, hessian

#: At most this many halvings of a Newton step before the line search gives up ("stalled").
MAX_HALVINGS = 50

#: The first damping, as a fraction of the largest entry of the Hessian; each retry multiplies it by 10.
FIRST_DAMPING = 1e-3


def _direction(H: np.ndarray, g: np.ndarray, safeguard: bool) -> np.ndarray:
    """The step (-H)^-1 g, with -H first made positive definite by damping when ``safeguard``."""
    a = -H
    if not safeguard:
        return np.linalg.solve(a, g)
    if not np.all(np.isfinite(a)):
        raise np.linalg.LinAlgError("the Hessian is not finite")
    lam = 0.0
    base = FIRST_DAMPING * max(float(np.abs(a).max()), np.finfo(float).tiny)
    for _ in range(64):  # base * 10**63 dwarfs every eigenvalue (each is at most P max|H_jl|)
        damped = a + lam * np.eye(len(g))
        try:
            np.linalg.cholesky(damped)
            return np.linalg.solve(damped, g)
        except np.linalg.LinAlgError:
            lam = base if lam == 0.0 else 10.0 * lam
    raise np.linalg.LinAlgError("no damping made -H positive definite")


def _usable(mix) -> bool:
    w, mu, var = mix
    return bool(np.all(np.isfinite(mu)) and np.all(np.isfinite(var)) and np.all(var > 0) and np.all(w > 0))


def _value_at(x, mix) -> float:
    """L at a trial point: -inf where the parameters are unusable, NaN or -inf where L overflows."""
    if not _usable(mix):
        return -np.inf
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # a subnormal variance, say
        return _value_and_theta_gradient(x, *mix)[0]


def run(x, w, mu, var, iters: int, tol: float, safeguard: bool):
    """Newton's iterates as rows ``(weights, means, variances, L)``, and why the run stopped (the rules of
    :mod:`._stops`, as for the other fitters)."""
    k = mu.shape[0]
    limits = Limits.of(x)
    theta = _theta_of(w, mu, var)
    L, g = _value_and_theta_gradient(x, w, mu, var)
    H = hessian(x, w, mu, var)
    rows = [(w, mu, var, L)]
    stopped = "ran all iterations"
    for t in range(1, iters + 1):
        try:
            step = _direction(H, g, safeguard)
        except np.linalg.LinAlgError as exc:
            stopped = f"stalled at iteration {t}: no Newton step ({exc})"
            break
        if safeguard:
            for halving in range(MAX_HALVINGS + 1):
                trial = theta + 0.5**halving * step
                mix = _mixture_of(trial, k)
                if _value_at(x, mix) >= L:
                    break
            else:
                stopped = f"stalled at iteration {t}: L fell at every step along the Newton direction"
                break
        else:
            trial = theta + step
            mix = _mixture_of(trial, k)
        w, mu, var = mix
        if reason := limits.stop(t, mu, var, usable=_usable(mix)):
            stopped = reason
            break
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            L_new, g = _value_and_theta_gradient(x, w, mu, var)
        if not np.isfinite(L_new) or not np.all(np.isfinite(g)):
            stopped = f"diverged at iteration {t}"
            break
        theta = trial
        rows.append((w, mu, var, L_new))
        if tol > 0 and 0 <= L_new - L < tol * abs(L_new):
            stopped = f"converged at iteration {t}: L rose by less than {tol:g} |L|"
            break
        L = L_new
        H = hessian(x, w, mu, var)
    return rows, stopped
