r"""The exercise checker's covariance-matrix target (notebook 07): cases, the usual wrong answers, hints.

A student's ``func(X, weights, means, covariances)`` must return
:math:`\partial\mathcal{L}/\partial\Sigma_k`, shape ``(K, d, d)``, the entries of :math:`\Sigma_k` treated
as independent. Each known mistake is written as the function such a student would have written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from . import multivariate as mv
from ._mistakes import Mistake, matching_hint
from ._report import field, message, paragraph


class Case(NamedTuple):
    label: str
    X: np.ndarray
    weights: np.ndarray
    means: np.ndarray
    covariances: np.ndarray


#: From easy to hard; the covariances are correlated and unequal, so a transposition or a lost factor shows.
CASES: tuple[Case, ...] = (
    Case(
        "four points in 2-D, two components",
        np.array([[0.0, 0.0], [1.0, 0.5], [2.0, 2.5], [3.0, 2.0]]),
        np.array([0.4, 0.6]),
        np.array([[0.5, 0.2], [2.5, 2.0]]),
        np.array([[[1.0, 0.3], [0.3, 0.5]], [[0.8, -0.2], [-0.2, 1.5]]]),
    ),
    Case(
        "3-D, two components, one point far away (naive densities underflow)",
        np.array([[0.0, 0.0, 0.0], [1.0, -1.0, 0.5], [0.5, 0.5, 2.0], [40.0, 0.0, -40.0]]),
        np.array([0.7, 0.3]),
        np.array([[0.5, -0.5, 0.5], [1.0, 1.0, 1.0]]),
        np.array([np.diag([1.0, 2.0, 0.5]) + 0.2, np.diag([0.7, 0.7, 1.2]) - 0.1]),
    ),
)


def _parts(X, w, mu, cov):
    gamma = mv.responsibilities(X, w, mu, cov)  # (m, K)
    prec = np.linalg.inv(cov)  # fine for a 2 x 2 or 3 x 3 reference of a mistake
    d = X[:, None, :] - mu  # (m, K, d)
    pd = np.einsum("kij,mkj->mki", prec, d)  # Sigma^-1 d
    return gamma, prec, pd


def _outer_term(X, w, mu, cov):
    gamma, _, pd = _parts(X, w, mu, cov)
    return np.einsum("mk,mki,mkj->kij", gamma, pd, pd)


def _n_prec(X, w, mu, cov):
    gamma, prec, _ = _parts(X, w, mu, cov)
    return gamma.sum(axis=0)[:, None, None] * prec


def _right(X, w, mu, cov):
    return 0.5 * (_outer_term(X, w, mu, cov) - _n_prec(X, w, mu, cov))


def _inner_for_outer(X, w, mu, cov):
    gamma, _, pd = _parts(X, w, mu, cov)
    inner = np.einsum("mk,mki,mki->k", gamma, pd, pd)  # sum gamma d^T Sigma^-2 d: a number per component
    return 0.5 * (inner[:, None, None] * np.eye(X.shape[1]) - _n_prec(X, w, mu, cov))


def _symmetric_convention(X, w, mu, cov):
    g = _right(X, w, mu, cov)
    return 2.0 * g - g * np.eye(X.shape[1])


def _no_gamma(X, w, mu, cov):
    _, prec, pd = _parts(X, w, mu, cov)
    return 0.5 * (np.einsum("mki,mkj->kij", pd, pd) - len(X) * prec)


MISTAKES: tuple[Mistake, ...] = (
    Mistake(
        lambda *a: 2.0 * _right(*a),
        "your answer is twice the gradient: the 1/2 in front is missing. It comes from log N's "
        "-1/2 log|Sigma_k| and -1/2 d^T Sigma_k^-1 d, both differentiated in (7.6).",
    ),
    Mistake(
        _inner_for_outer,
        "you used the inner product d^T Sigma_k^-1 Sigma_k^-1 d (a number) where the outer product "
        "Sigma_k^-1 d d^T Sigma_k^-1 (a d x d matrix) belongs: the transpose is on the wrong side. "
        "In numpy, d @ d.T of a 1-D d is the inner product; use np.outer(d, d) (7.5).",
    ),
    Mistake(
        lambda *a: _right(*a).transpose(1, 2, 0),
        "the axes are in the wrong order: return shape (K, d, d), component first, not (d, d, K).",
    ),
    Mistake(
        _symmetric_convention,
        "off the diagonal your entries are twice the target's: that is the derivative for symmetric "
        "perturbations (Sigma_ab and Sigma_ba moved together). The target treats the d^2 entries as "
        "independent, the matrix-cookbook convention (section 4 of the notebook).",
    ),
    Mistake(
        lambda *a: 0.5 * _outer_term(*a),
        "the -Sigma_k^-1 term is missing: it is the derivative of -1/2 log|Sigma_k|, "
        "d log|Sigma| = tr(Sigma^-1 dSigma) (7.4).",
    ),
    Mistake(
        _no_gamma,
        "every point pulls on every covariance in your answer: weight each point's term by gamma_ik (7.6).",
    ),
)


def check_covariance_gradient(func: Callable[..., object], rtol: float) -> tuple[bool, str]:
    """``(passed, message)`` for a student's dL/dSigma_k function, case by case."""
    name = "dL/dSigma_k"
    for number, case in enumerate(CASES, start=1):
        where = f"case {number} ({case.label})"
        _, g = mv.value_and_gradients(case.X, case.weights, case.means, case.covariances)
        expected = g.covariances
        try:
            got = np.asarray(func(*(np.array(a) for a in case[1:])), dtype=float)
        except Exception as exc:  # the student's code: report, don't crash
            return False, paragraph(f"Not yet: on {where} your function raised {type(exc).__name__}: {exc}")
        given = [("X", case.X), ("weights", case.weights), ("means", case.means), ("covariances", case.covariances)]
        inputs = field("inputs", given, precision=5)
        hint = matching_hint(MISTAKES, got, (case.X, case.weights, case.means, case.covariances), rtol)
        tail = [inputs, field("expected", [("", expected)], precision=5), field("received", [("", got)], precision=5)]
        if got.shape != expected.shape:
            head = f"Not yet: on {where} your function returned shape {got.shape}; expected {expected.shape} (K, d, d)."
            return False, message(head, tail, hint)
        if not np.all(np.isfinite(got)):
            head = f"Not yet: on {where} your {name} is not finite (work with logs: responsibilities, not densities)."
            return False, message(head, tail, hint)
        bad = np.abs(got - expected) > rtol * (np.abs(expected) + np.abs(expected).max())
        if bad.any():
            k, j, c = (int(i) for i in np.argwhere(bad)[0])
            head = (
                f"Not yet: on {where}, {name} for component k={k + 1}, entry ({j + 1}, {c + 1}) is off: "
                f"expected {expected[k, j, c]:.6g}, got {got[k, j, c]:.6g}."
            )
            return False, message(head, tail, hint)
    return True, f"All {len(CASES)} cases agree with mogcore for {name}. Well done."
