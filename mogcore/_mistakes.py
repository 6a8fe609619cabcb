r"""The common wrong answers the exercise checker recognises, each with a hint that teaches.

For every target of :func:`mogcore.check_gradient_function`, the two or three mistakes
students make most often, written as the function such a student would have written.
When a submitted function fails, the checker evaluates these on the failing case; if
one of them agrees with the submission, its hint is shown. Every entry is exercised
by a test that feeds exactly that wrong function to the checker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from .mixture import log_joint, responsibilities


class Mistake(NamedTuple):
    """A wrong answer (``wrong(*case)``, the case's data and parameters) and what to tell the student who gave it."""

    wrong: Callable[..., np.ndarray]
    hint: str


def matching_hint(mistakes: tuple[Mistake, ...], got: np.ndarray, case: tuple, rtol: float) -> str | None:
    """The hint of the first mistake whose answer on ``case`` has ``got``'s shape and agrees with it, if any.

    Agreement is to ``rtol`` relative, with an absolute floor of ``rtol`` times the mistake's largest entry.
    The 1-D targets and the d-dimensional covariance target share this one matcher.
    """
    for mistake in mistakes:
        with np.errstate(all="ignore"):
            wrong = np.asarray(mistake.wrong(*case), dtype=float)
        if wrong.shape != got.shape:
            wrong = wrong.reshape(-1) if wrong.size == got.size and got.ndim == 1 else wrong
        if wrong.shape == got.shape and np.allclose(got, wrong, rtol=rtol, atol=rtol * np.abs(wrong).max(initial=0)):
            return mistake.hint
    return None


def _parts(x, w, mu, var):
    gamma = responsibilities(x, w, mu, var)
    return gamma, x[:, None] - mu


def _no_weights(x, w, mu, var):
    a = log_joint(x, np.full_like(w, 1.0 / len(w)), mu, var) - np.log(1.0 / len(w))  # log N without log pi
    top = a.max(axis=1, keepdims=True)
    return np.asarray((top[:, 0] + np.log(np.exp(a - top).sum(axis=1))).sum())


def _dropped_max(x, w, mu, var):
    a = log_joint(x, w, mu, var)
    top = a.max(axis=1, keepdims=True)
    return np.asarray(np.log(np.exp(a - top).sum(axis=1)).sum())


def _means(x, w, mu, var, scale=1.0, with_gamma=True):
    gamma, d = _parts(x, w, mu, var)
    return scale * ((gamma if with_gamma else 1.0) * d / var).sum(axis=0)


def _variances(x, w, mu, var):
    gamma, d = _parts(x, w, mu, var)
    return 0.5 * (gamma * (d * d / var**2 - 1.0 / var)).sum(axis=0)


def _variances_over_sigma2(x, w, mu, var):
    gamma, d = _parts(x, w, mu, var)
    return 0.5 * (gamma * (d * d / var - 1.0 / var)).sum(axis=0)


def _log_sigma(x, w, mu, var):
    gamma, d = _parts(x, w, mu, var)
    return (gamma * (d * d / var - 1.0)).sum(axis=0)


def _n(x, w, mu, var):
    return responsibilities(x, w, mu, var).sum(axis=0)


def _mean_block(x, w, mu, var, shared=1.0, power=2.0):
    """sum_i gamma_ik (delta_kl - gamma_il) d_ik d_il - delta_kl N_k / sigma_k^2, d_ik = (x_i - mu_k) / sigma_k^power,
    the first term scaled by ``shared`` (0: EM's curvature, which drops it)."""
    gamma, diff = _parts(x, w, mu, var)
    d = diff / var ** (power / 2.0)
    gd = gamma * d
    first = np.diag((gd * d).sum(axis=0)) - gd.T @ gd
    return shared * first - np.diag(gamma.sum(axis=0) / var)


MISTAKES: dict[str, tuple[Mistake, ...]] = {
    "loglik": (
        Mistake(
            _dropped_max,
            "you subtracted the largest a_ij inside the exponent but did not add it back: "
            "log p(x_i) = a_i* + log sum_j exp(a_ij - a_i*) (1.4).",
        ),
        Mistake(
            _no_weights,
            "the weights are missing: each term inside the sum is pi_j N(x_i | mu_j, sigma_j^2), "
            "so add log pi_j to a_ij.",
        ),
    ),
    "means": (
        Mistake(
            lambda x, w, mu, var: _means(x, w, mu, var) * var,
            "each point's term is gamma_ik (x_i - mu_k) / sigma_k^2: you left out the division by the variance (3.3).",
        ),
        Mistake(
            lambda x, w, mu, var: _means(x, w, mu, var, with_gamma=False),
            "every point pulls on every mean in your answer: weight each term by gamma_ik, "
            "which is what is left of pi_k N_k / p(x_i) after the chain rule (3.3).",
        ),
        Mistake(
            lambda x, w, mu, var: -_means(x, w, mu, var),
            "the sign is flipped: d/dmu_k of -(x_i - mu_k)^2 / (2 sigma_k^2) is +(x_i - mu_k) / sigma_k^2 "
            "(the inner derivative of x_i - mu_k is -1 and cancels the minus in front).",
        ),
    ),
    "variances": (
        Mistake(
            _variances_over_sigma2,
            "the first term needs sigma_k^4 in the denominator, not sigma_k^2: "
            "d/dv of -(x_i - mu_k)^2 / (2v) is (x_i - mu_k)^2 / (2v^2) (4.2).",
        ),
        Mistake(
            lambda x, w, mu, var: 2.0 * _variances(x, w, mu, var),
            "your answer is twice the gradient: the factor 1/2 from the power rule on (2 pi sigma_k^2)^(-1/2) "
            "and from d/dv (-c / 2v) is missing (4.3).",
        ),
        Mistake(
            lambda x, w, mu, var: 2.0 * np.sqrt(var) * _variances(x, w, mu, var),
            "that is the derivative with respect to sigma_k, not sigma_k^2: the two differ by the factor "
            "d sigma_k^2 / d sigma_k = 2 sigma_k (notebook 04, exercise 2).",
        ),
    ),
    "weights": (
        Mistake(
            _n,
            "that is N_k = sum_i gamma_ik. The derivative is N_k / pi_k: only pi_k N_k(x_i) depends on pi_k, "
            "and its derivative N(x_i | mu_k, sigma_k^2) is gamma_ik p(x_i) / pi_k (5.1).",
        ),
        Mistake(
            lambda x, w, mu, var: _n(x, w, mu, var) - len(x) * w,
            "that is the softmax gradient N_k - m pi_k (5.5). This target is the free partial derivative N_k / pi_k, "
            "with each pi_k treated as free (5.1).",
        ),
    ),
    "log_sigma": (
        Mistake(
            _variances,
            "that is dL/dsigma_k^2 (4.4). With s_k = log sigma_k, sigma_k^2 = exp(2 s_k), so multiply by "
            "d sigma_k^2 / d s_k = 2 sigma_k^2 (4.5).",
        ),
        Mistake(
            lambda x, w, mu, var: _log_sigma(x, w, mu, var) + _n(x, w, mu, var),
            "the -1 inside the bracket is missing: each term is gamma_ik [(x_i - mu_k)^2 / sigma_k^2 - 1] (4.5); "
            "it comes from the normalising factor (2 pi sigma_k^2)^(-1/2).",
        ),
        Mistake(
            lambda x, w, mu, var: _log_sigma(x, w, mu, var) / np.sqrt(var),
            "that is dL/dsigma_k. For log sigma_k multiply by d sigma_k / d log sigma_k = sigma_k (4.5).",
        ),
    ),
    "softmax": (
        Mistake(
            lambda x, w, mu, var: _n(x, w, mu, var) - w,
            "each of the m points contributes gamma_ik - pi_k, so the pi_k term adds up to m pi_k, not pi_k (5.5).",
        ),
        Mistake(
            lambda x, w, mu, var: _n(x, w, mu, var) / w,
            "that is the free partial derivative N_k / pi_k (5.1). Through the softmax, chain rule with "
            "d pi_j / d eta_k = pi_j (delta_jk - pi_k) gives N_k - m pi_k (5.5).",
        ),
        Mistake(
            lambda x, w, mu, var: _n(x, w, mu, var) / len(x) - w,
            "your answer is the gradient divided by m: sum_i (gamma_ik - pi_k) = N_k - m pi_k, with no 1/m (5.5).",
        ),
    ),
    "mean_hessian": (
        Mistake(
            lambda x, w, mu, var: _mean_block(x, w, mu, var, shared=0.0),
            "you kept only -N_k / sigma_k^2 on the diagonal: that is EM's curvature, with gamma_ik held fixed. "
            "gamma_ik depends on the means too; its derivative gamma_ik (delta_kl - gamma_il) d_il gives the "
            "first term, the points the components share (8.1).",
        ),
        Mistake(
            lambda x, w, mu, var: -_mean_block(x, w, mu, var),
            "the sign is flipped: near a maximum the diagonal entries are negative (L bends down), so the "
            "term -N_k / sigma_k^2 keeps its minus sign (8.2).",
        ),
        Mistake(
            lambda x, w, mu, var: _mean_block(x, w, mu, var, power=1.0),
            "d_ik is (x_i - mu_k) / sigma_k^2, the derivative of a_ik in mu_k (3.2): you divided by sigma_k "
            "where sigma_k^2 belongs, so the product d_ik d_il has sigma^2 where sigma^4 belongs.",
        ),
    ),
}


def diagnose(target: str, got: np.ndarray, x: np.ndarray, w, mu, var, rtol: float) -> str | None:
    """The hint of the first known mistake whose answer on this case agrees with ``got``, if any."""
    w, mu, var = (np.asarray(a, dtype=float) for a in (w, mu, var))
    return matching_hint(MISTAKES.get(target, ()), got, (x, w, mu, var), rtol)
