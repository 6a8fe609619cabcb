"""Checking gradients: finite differences, and a checker for students' own functions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import _kernel
from ._mistakes import diagnose
from ._mv_check import check_covariance_gradient
from ._report import field, message, paragraph
from ._validate import check_choice, prepare_batch
from .curvature import mean_hessian
from .gradients import gradients, log_sigma_gradient, weight_gradient
from .mixture import log_likelihood
from .params import Gradients


def _loglik_free(x, w, mu, var) -> np.ndarray:
    """L with every parameter free (no sum-to-one rule): what the partials differentiate."""
    return _kernel.accumulate(x, w, mu, var, grads=False).loglik


def numerical_gradients(
    x: object,
    weights: object,
    means: object,
    variances: object,
    rel_step: float = 1e-6,
) -> Gradients:
    r"""Central finite differences of the log-likelihood, one parameter at a time.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (..., K)
    rel_step : float
        The step: ``h = rel_step * theta`` for a weight or a variance (relative to its
        own size, so it stays positive), ``rel_step * max(|mu_k|, sigma_k)`` for a mean.

    Returns
    -------
    Gradients
        Same layout as :func:`mogcore.gradients`. The weight entries are the partial
        derivatives with each pi_k moved alone (the sum-to-one rule is not imposed).

    Notes
    -----
    .. math:: \frac{\partial \mathcal{L}}{\partial \theta} \approx
              \frac{\mathcal{L}(\theta + h) - \mathcal{L}(\theta - h)}{2h}

    with an error of order :math:`h^2` from the Taylor series plus about
    :math:`\epsilon |\mathcal{L}| / h` from rounding; agreement with the analytic
    gradient to about 1e-8 relative is typical.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import gradients, numerical_gradients
    >>> x, w, mu, var = [0.0, 1.0, 4.0], [0.6, 0.4], [0.5, 3.0], [1.0, 2.0]
    >>> fd, exact = numerical_gradients(x, w, mu, var), gradients(x, w, mu, var)
    >>> bool(np.allclose(fd.means, exact.means, rtol=1e-7))
    True
    """
    x, batch_shape, params = prepare_batch(x, weights, means, variances)
    k = params[1].shape[-1]
    out = []
    for p, positive in zip((1, 2, 0), (False, True, True)):
        grad = np.empty_like(params[p])
        for j in range(k):
            theta = params[p][:, j]
            if positive:  # a variance or a weight: a step relative to its own size
                h = rel_step * theta
            else:  # a mean: relative to its size or its component's standard deviation
                h = rel_step * np.maximum(np.abs(theta), np.sqrt(params[2][:, j]))
            values = []
            for sign in (1.0, -1.0):
                moved = [a.copy() for a in params]
                moved[p][:, j] = theta + sign * h
                values.append(_loglik_free(x, *moved))
            grad[:, j] = (values[0] - values[1]) / (2.0 * h)
        out.append(grad.reshape(batch_shape + (k,)))
    return Gradients(*out)


@dataclass
class CheckReport:
    """What :func:`check_gradient_function` found. Prints as a readable message."""

    passed: bool
    message: str

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return self.message

    def __bool__(self) -> bool:
        return self.passed


#: The inputs a student's function is tried on, from easy to hard. The weights and variances
#: of the first two differ from each other and from 1/2 and 2, so the usual slips (a missing
#: 1/pi_k, 1/sigma_k^2 or 1/2) give different ratios.
CHECK_CASES: tuple[tuple[str, np.ndarray, list[float], list[float], list[float]], ...] = (
    ("three points, two components", np.array([-1.0, 0.0, 2.0]), [0.3, 0.7], [0.0, 1.0], [1.5, 0.8]),
    ("unequal weights and variances", np.array([0.3, 1.7, 2.2, 5.0, 6.1]), [0.65, 0.35], [1.0, 5.0], [0.4, 2.5]),
    (
        "a point far in a tail (naive densities underflow)",
        np.array([0.0, 0.5, 60.0]),
        [0.5, 0.5],
        [0.0, 1.0],
        [1.0, 1.0],
    ),
    ("three components", np.array([-2.0, 0.0, 0.4, 3.0, 3.3]), [0.2, 0.5, 0.3], [-2.0, 0.0, 3.0], [1.0, 0.25, 4.0]),
)

_TARGETS = {
    "loglik": "log-likelihood L",
    "means": "dL/dmu_k",
    "variances": "dL/dsigma_k^2",
    "weights": "dL/dpi_k",
    "log_sigma": "dL/dlog sigma_k",
    "softmax": "dL/deta_k (pi = softmax(eta))",
    "covariances": "dL/dSigma_k (d dimensions)",
    "mean_hessian": "d2L/dmu_k dmu_l (the mean block of the Hessian)",
}


def _expected(target: str, x, w, mu, var) -> np.ndarray:
    if target == "loglik":
        return np.asarray(log_likelihood(x, w, mu, var))
    if target == "log_sigma":
        return log_sigma_gradient(x, w, mu, var)
    if target == "softmax":
        return weight_gradient(x, w, mu, var, kind="softmax")
    if target == "mean_hessian":
        return mean_hessian(x, w, mu, var)
    return getattr(gradients(x, w, mu, var), target)


def _entry(target: str, j: int, k: int) -> str:
    """Entry j of the flattened answer, as the student reads it: a component, or (k, l) of the mean block."""
    if target == "mean_hessian":
        row, col = divmod(j, k)
        return f"entry (k, l) = ({row + 1}, {col + 1})"
    return f"component k={j + 1}"


def _case_inputs(x, w, mu, var) -> str:
    return field("inputs", [("x", x), ("weights", w), ("means", mu), ("variances", var)])


def check_gradient_function(func: Callable[..., object], target: str = "means", rtol: float = 1e-6) -> CheckReport:
    r"""Try a student's gradient function on a few mixtures and say what is wrong.

    Parameters
    ----------
    func : callable
        ``func(x, weights, means, variances)`` returning one gradient array of shape
        ``(K,)``, where ``x`` has shape ``(m,)`` and the parameters shape ``(K,)``.
        For ``target="covariances"``: ``func(X, weights, means, covariances)`` with ``X``
        of shape ``(m, d)``, returning :math:`\partial\mathcal{L}/\partial\Sigma_k` of shape
        ``(K, d, d)`` (the entries of :math:`\Sigma_k` independent; notebook 07).
    target : {"loglik", "means", "variances", "weights", "log_sigma", "softmax", "covariances", "mean_hessian"}
        What ``func`` computes: the log-likelihood (a number), or one gradient of
        shape ``(K,)``: dL/dmu_k, dL/dsigma_k^2, the free partial dL/dpi_k,
        dL/dlog sigma_k, or dL/deta_k for the softmax logits of the weights; the
        covariance-matrix gradient of a d-dimensional mixture; or the (K, K) mean block
        of the Hessian, d2L/dmu_k dmu_l (notebook 08).
    rtol : float
        Relative tolerance (with an absolute floor of ``rtol`` times the gradient's
        largest entry).

    Returns
    -------
    CheckReport
        ``passed`` and a message. On a failure the message names the case and the
        component, shows the case's inputs and the expected and received arrays, and,
        where the answer is a known mistake, a hint that says which one.

    Notes
    -----
    The reference is :func:`mogcore.gradients`, itself checked against central finite
    differences in the test suite. The known mistakes are listed in ``mogcore._mistakes``.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import check_gradient_function, responsibilities
    >>> def mean_grad(x, w, mu, var):
    ...     g = responsibilities(x, w, mu, var)
    ...     return (g * (x[:, None] - mu) / var).sum(axis=0)
    >>> print(check_gradient_function(mean_grad, "means"))
    All 4 cases agree with mogcore for dL/dmu_k. Well done.
    >>> def forgot_variance(x, w, mu, var):
    ...     g = responsibilities(x, w, mu, var)
    ...     return (g * (x[:, None] - mu)).sum(axis=0)
    >>> print(check_gradient_function(forgot_variance, "means"))  # doctest: +ELLIPSIS
    Not yet: on case 1 (three points, two components), dL/dmu_k for component k=1 is off...
      hint:     each point's term is gamma_ik (x_i - mu_k) / sigma_k^2: you left out the division by the variance (3.3).
    """
    check_choice(target, "target", _TARGETS)
    if target == "covariances":
        return CheckReport(*check_covariance_gradient(func, rtol))
    name = _TARGETS[target]
    for number, (label, x, w, mu, var) in enumerate(CHECK_CASES, start=1):
        case = f"case {number} ({label})"
        expected = _expected(target, x, w, mu, var)
        args = (x.copy(), np.array(w), np.array(mu), np.array(var))
        try:
            got = func(*args)
        except Exception as exc:  # the student's code: report, don't crash
            return CheckReport(False, paragraph(f"Not yet: on {case} your function raised {type(exc).__name__}: {exc}"))
        try:
            got = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            kind = type(got).__name__
            head = f"Not yet: on {case} your function returned {kind}, not an array of numbers."
            return CheckReport(False, paragraph(head))
        if got.shape != expected.shape:
            what = {"loglik": "a single number", "mean_hessian": f"a K x K matrix (K = {len(w)})"}.get(
                target, f"one {name} per component (K = {len(w)})"
            )
            head = f"Not yet: on {case} your function returned shape {got.shape}; expected {expected.shape}, {what}."
            return CheckReport(False, paragraph(head))
        got, expected = got.reshape(-1), expected.reshape(-1)  # a scalar L becomes one entry
        details = [_case_inputs(x, w, mu, var), field("expected", [("", expected)]), field("received", [("", got)])]
        hint = diagnose(target, got, x, w, mu, var, rtol)
        if not np.all(np.isfinite(got)):
            j = int(np.argmax(~np.isfinite(got)))
            hint = hint or (
                "work with logs (log-sum-exp) so the densities cannot underflow to 0 and give 0/0 or log 0."
                if number == 3
                else None
            )
            where = "" if target == "loglik" else f" for {_entry(target, j, len(w))}"
            return CheckReport(False, message(f"Not yet: on {case} your {name}{where} is {got[j]}.", details, hint))
        tol = rtol * (np.abs(expected) + np.abs(expected).max())
        bad = np.abs(got - expected) > tol
        if bad.any():
            j = int(np.argmax(bad))
            if target == "loglik":
                head = f"Not yet: on {case}, {name} is off: expected {expected[0]:.6g}, got {got[0]:.6g}."
            else:
                ratio = got[j] / expected[j] if expected[j] != 0 else np.inf
                head = (
                    f"Not yet: on {case}, {name} for {_entry(target, j, len(w))} is off: expected "
                    f"{expected[j]:.6g}, got {got[j]:.6g} (ratio {ratio:.4g})."
                )
            return CheckReport(False, message(head, details, hint))
    return CheckReport(True, f"All {len(CHECK_CASES)} cases agree with mogcore for {name}. Well done.")
