"""The exercise checker: it passes right answers and explains wrong ones."""

import numpy as np
import pytest

import mogcore
from mogcore import check_gradient_function, responsibilities


def right_mean(x, w, mu, var):
    g = responsibilities(x, w, mu, var)
    return (g * (x[:, None] - mu) / var).sum(axis=0)


def right_variance(x, w, mu, var):
    g = responsibilities(x, w, mu, var)
    return 0.5 * (g * ((x[:, None] - mu) ** 2 / var**2 - 1 / var)).sum(axis=0)


def right_weight(x, w, mu, var):
    return responsibilities(x, w, mu, var).sum(axis=0) / w


@pytest.mark.parametrize(
    "func,target", [(right_mean, "means"), (right_variance, "variances"), (right_weight, "weights")]
)
def test_correct_functions_pass(func, target):
    report = check_gradient_function(func, target)
    assert report.passed and bool(report)
    assert "agree" in str(report)


def naive_mean(x, w, mu, var):
    # densities multiplied out: 0/0 far in a tail
    dens = w * np.exp(-((x[:, None] - mu) ** 2) / (2 * var)) / np.sqrt(2 * np.pi * var)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = dens / dens.sum(axis=1, keepdims=True)
    return (g * (x[:, None] - mu) / var).sum(axis=0)


@pytest.mark.parametrize(
    "func,target,expected",
    [
        (lambda x, w, mu, var: right_mean(x, w, mu, var) * var, "means", r"case 2 .*component k=1 is off: expected"),
        (lambda x, w, mu, var: right_variance(x, w, mu, var) * 2, "variances", r"case 1 .*dL/dsigma_k\^2.*ratio 2"),
        (lambda x, w, mu, var: right_weight(x, w, mu, var)[:1], "weights", r"returned shape \(1,\); expected \(2,\)"),
        (lambda x, w, mu, var: 1 / 0, "means", r"raised ZeroDivisionError"),
        (lambda x, w, mu, var: "gradient", "means", r"returned str, not an array|returned shape"),
        (naive_mean, "means", r"case 3 .*is nan.*log-sum-exp"),
        (lambda x, w, mu, var: right_mean(x, w, mu, var)[:2], "means", r"case 4 .*shape \(2,\); expected \(3,\)"),
    ],
)
def test_wrong_functions_are_explained(func, target, expected):
    report = check_gradient_function(func, target)
    assert not report.passed and not bool(report)
    assert report.message.startswith("Not yet")
    import re

    assert re.search(expected, report.message), report.message


def test_checker_rejects_unknown_target():
    with pytest.raises(ValueError, match="target must be one of"):
        check_gradient_function(right_mean, "mean")


def test_checker_does_not_let_a_student_mutate_the_cases():
    def sneaky(x, w, mu, var):
        x[:] = 0.0
        return right_mean(x, w, mu, var)

    check_gradient_function(sneaky, "means")
    assert mogcore.checks.CHECK_CASES[0][1][2] == 2.0


def test_loglik_target():
    def good(x, w, mu, var):
        a = np.log(w) - 0.5 * np.log(2 * np.pi * var) - (x[:, None] - mu) ** 2 / (2 * var)
        top = a.max(axis=1, keepdims=True)
        return float((top[:, 0] + np.log(np.exp(a - top).sum(axis=1))).sum())

    def naive(x, w, mu, var):
        dens = w * np.exp(-((x[:, None] - mu) ** 2) / (2 * var)) / np.sqrt(2 * np.pi * var)
        with np.errstate(divide="ignore"):
            return float(np.log(dens.sum(axis=1)).sum())

    assert check_gradient_function(good, "loglik").passed
    report = check_gradient_function(naive, "loglik")
    assert not report.passed and "case 3" in report.message and "-inf" in report.message
    off = check_gradient_function(lambda *a: good(*a) + 1.0, "loglik")
    assert not off.passed and "expected" in off.message


def right_log_sigma(x, w, mu, var):
    g = responsibilities(x, w, mu, var)
    return (g * ((x[:, None] - mu) ** 2 / var - 1)).sum(axis=0)


def right_softmax(x, w, mu, var):
    return (responsibilities(x, w, mu, var) - w).sum(axis=0)


@pytest.mark.parametrize("func,target", [(right_log_sigma, "log_sigma"), (right_softmax, "softmax")])
def test_unconstrained_targets_pass_right_answers(func, target):
    assert check_gradient_function(func, target).passed


@pytest.mark.parametrize(
    "func,target,expected",
    [
        # the notebooks' starters: each is a mistake a student makes
        (right_variance, "log_sigma", r"dL/dlog sigma_k for component k=1 is off"),
        (lambda x, w, mu, var: responsibilities(x, w, mu, var).sum(axis=0) - w, "softmax", r"dL/deta_k .* is off"),
        (right_weight, "softmax", r"is off"),  # the partial derivative is not the softmax gradient
        (lambda x, w, mu, var: right_softmax(x, w, mu, var) * np.nan, "softmax", r"is nan"),
    ],
)
def test_unconstrained_targets_explain_wrong_answers(func, target, expected):
    import re

    report = check_gradient_function(func, target)
    assert not report.passed
    assert re.search(expected, report.message), report.message
