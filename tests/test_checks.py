"""The exercise checker: it passes right answers, and explains wrong ones in a way that teaches."""

import itertools
import re

import numpy as np
import pytest

import mogcore
import mogcore._report
from mogcore import check_gradient_function, responsibilities
from mogcore._mistakes import MISTAKES


def gamma_d(x, w, mu, var):
    return responsibilities(x, w, mu, var), x[:, None] - mu


def right_loglik(x, w, mu, var):
    a = np.log(w) - 0.5 * np.log(2 * np.pi * var) - (x[:, None] - mu) ** 2 / (2 * var)
    top = a.max(axis=1, keepdims=True)
    return float((top[:, 0] + np.log(np.exp(a - top).sum(axis=1))).sum())


def right_mean(x, w, mu, var):
    g, d = gamma_d(x, w, mu, var)
    return (g * d / var).sum(axis=0)


def right_variance(x, w, mu, var):
    g, d = gamma_d(x, w, mu, var)
    return 0.5 * (g * (d**2 / var**2 - 1 / var)).sum(axis=0)


def right_weight(x, w, mu, var):
    return responsibilities(x, w, mu, var).sum(axis=0) / w


def right_log_sigma(x, w, mu, var):
    g, d = gamma_d(x, w, mu, var)
    return (g * (d**2 / var - 1)).sum(axis=0)


def right_softmax(x, w, mu, var):
    return (responsibilities(x, w, mu, var) - w).sum(axis=0)


def mean_block_by_loops(x, w, mu, var, shared=True, scale=None, sign=1.0):
    """(8.1) entry by entry, as a student would write it: sum_i gamma_ik (delta_kl - gamma_il) d_ik d_il
    - delta_kl N_k / sigma_k^2, d_ik = (x_i - mu_k) / scale_k (scale_k = sigma_k^2 when right)."""
    g = responsibilities(x, w, mu, var)
    scale = var if scale is None else scale
    k = len(mu)
    out = np.zeros((k, k))
    for a in range(k):
        for b in range(k):
            for i in range(len(x)):
                da, db = (x[i] - mu[a]) / scale[a], (x[i] - mu[b]) / scale[b]
                if shared:
                    out[a, b] += g[i, a] * ((a == b) - g[i, b]) * da * db
            if a == b:
                out[a, b] -= g[:, a].sum() / var[a]
    return sign * out


def right_mean_hessian(x, w, mu, var):
    return mean_block_by_loops(x, w, mu, var)


def mean_hessian_as_em(x, w, mu, var):  # gamma held fixed: EM's curvature
    return mean_block_by_loops(x, w, mu, var, shared=False)


def mean_hessian_sign_flipped(x, w, mu, var):
    return mean_block_by_loops(x, w, mu, var, sign=-1.0)


def mean_hessian_sigma_for_sigma2(x, w, mu, var):
    return mean_block_by_loops(x, w, mu, var, scale=np.sqrt(var))


RIGHT = {
    "loglik": right_loglik,
    "means": right_mean,
    "variances": right_variance,
    "weights": right_weight,
    "log_sigma": right_log_sigma,
    "softmax": right_softmax,
    "mean_hessian": right_mean_hessian,
}


@pytest.mark.parametrize("target", RIGHT)
def test_correct_functions_pass(target):
    report = check_gradient_function(RIGHT[target], target)
    assert report.passed and bool(report)
    assert "agree" in str(report)


# --- each known mistake, written as a student would, gets its own hint --------------------


def dropped_max(x, w, mu, var):
    a = np.log(w) - 0.5 * np.log(2 * np.pi * var) - (x[:, None] - mu) ** 2 / (2 * var)
    top = a.max(axis=1, keepdims=True)
    return float(np.log(np.exp(a - top).sum(axis=1)).sum())


def no_weights(x, w, mu, var):
    a = -0.5 * np.log(2 * np.pi * var) - (x[:, None] - mu) ** 2 / (2 * var)
    top = a.max(axis=1, keepdims=True)
    return float((top[:, 0] + np.log(np.exp(a - top).sum(axis=1))).sum())


def mean_without_variance(x, w, mu, var):  # notebook 03's starter
    g, d = gamma_d(x, w, mu, var)
    return (g * d).sum(axis=0)


def mean_without_gamma(x, w, mu, var):
    return ((x[:, None] - mu) / var).sum(axis=0)


def mean_sign_flipped(x, w, mu, var):
    g = responsibilities(x, w, mu, var)
    return (g * (mu - x[:, None]) / var).sum(axis=0)


def variance_over_sigma2(x, w, mu, var):  # notebook 04's starter
    g, d = gamma_d(x, w, mu, var)
    return 0.5 * (g * (d**2 / var - 1 / var)).sum(axis=0)


def variance_without_half(x, w, mu, var):
    g, d = gamma_d(x, w, mu, var)
    return (g * (d**2 / var**2 - 1 / var)).sum(axis=0)


def variance_by_sigma(x, w, mu, var):
    g, d = gamma_d(x, w, mu, var)
    return (g * (d**2 / var**1.5 - 1 / var**0.5)).sum(axis=0)


def weight_without_pi(x, w, mu, var):  # notebook 02's starter
    return responsibilities(x, w, mu, var).sum(axis=0)


def weight_as_softmax(x, w, mu, var):
    return responsibilities(x, w, mu, var).sum(axis=0) - len(x) * w


def log_sigma_as_variance(x, w, mu, var):  # notebook 06's starter
    return right_variance(x, w, mu, var)


def log_sigma_without_minus_one(x, w, mu, var):
    g, d = gamma_d(x, w, mu, var)
    return (g * d**2 / var).sum(axis=0)


def log_sigma_by_sigma(x, w, mu, var):
    g, d = gamma_d(x, w, mu, var)
    return (g * (d**2 / var**1.5 - 1 / var**0.5)).sum(axis=0)


def softmax_without_m(x, w, mu, var):  # notebook 05's starter
    return responsibilities(x, w, mu, var).sum(axis=0) - w


def softmax_as_partial(x, w, mu, var):
    return right_weight(x, w, mu, var)


def softmax_over_m(x, w, mu, var):
    return (responsibilities(x, w, mu, var) - w).mean(axis=0)


KNOWN = [
    (dropped_max, "loglik", "did not add it back"),
    (no_weights, "loglik", "the weights are missing"),
    (mean_without_variance, "means", "left out the division by the variance"),
    (mean_without_gamma, "means", "weight each term by gamma_ik"),
    (mean_sign_flipped, "means", "the sign is flipped"),
    (variance_over_sigma2, "variances", "needs sigma_k\\^4 in the denominator"),
    (variance_without_half, "variances", "twice the gradient"),
    (variance_by_sigma, "variances", "with respect to sigma_k, not sigma_k\\^2"),
    (weight_without_pi, "weights", "that is N_k = sum_i gamma_ik"),
    (weight_as_softmax, "weights", "that is the softmax gradient"),
    (log_sigma_as_variance, "log_sigma", "that is dL/dsigma_k\\^2"),
    (log_sigma_without_minus_one, "log_sigma", "the -1 inside the bracket is missing"),
    (log_sigma_by_sigma, "log_sigma", "that is dL/dsigma_k\\."),
    (softmax_without_m, "softmax", "adds up to m pi_k, not pi_k"),
    (softmax_as_partial, "softmax", "that is the free partial derivative"),
    (softmax_over_m, "softmax", "divided by m"),
    (mean_hessian_as_em, "mean_hessian", "that is EM's curvature"),
    (mean_hessian_sign_flipped, "mean_hessian", "the sign is flipped"),
    (mean_hessian_sigma_for_sigma2, "mean_hessian", "sigma\\^2 where sigma\\^4 belongs"),
]


def flat(message: str) -> str:
    """The message with its line breaks and runs of spaces folded: what it says, not how it is laid out."""
    return " ".join(message.split())


def assert_laid_out(message: str) -> None:
    """No line wider than a notebook cell holds, no number broken across two lines, and the rows of every
    printed 2-D array in the column of the row above."""
    lines = message.splitlines()
    assert max(len(line) for line in lines) <= mogcore._report.WIDTH, message
    for above, below in itertools.pairwise(lines):
        assert not (re.search(r"[0-9.e-]$", above) and re.match(r"[0-9.e]", below)), (
            f"a number broken:\n{above}\n{below}"
        )
        opening = re.search(r"\[\[+", above)  # the start of a 2-D (or deeper) array
        if opening and below.lstrip().startswith("["):
            assert below.index("[") == opening.end() - 1, f"rows not aligned:\n{above}\n{below}"


def test_the_layout_check_can_fail():
    with pytest.raises(AssertionError):
        assert_laid_out("x" * (mogcore._report.WIDTH + 1))
    with pytest.raises(AssertionError, match="number broken"):
        assert_laid_out("expected -0.1301\n38, got 2")
    with pytest.raises(AssertionError, match="rows not aligned"):
        assert_laid_out("  X = [[0., 1.],\n  [2., 3.]]")


@pytest.mark.parametrize("func,target,hint", KNOWN, ids=[f.__name__ for f, *_ in KNOWN])
def test_each_known_mistake_gets_its_hint(func, target, hint):
    report = check_gradient_function(func, target)
    assert not report.passed
    lines = report.message.splitlines()
    assert lines[0].startswith("Not yet: on case 1 (three points, two components)"), report.message
    hint_at = next(i for i, line in enumerate(lines) if line.startswith("  hint: "))
    assert re.search(hint, flat("\n".join(lines[hint_at:]))), report.message
    assert_laid_out(report.message)


def test_every_listed_mistake_is_exercised_and_no_hint_fires_on_a_right_answer():
    assert sum(len(v) for v in MISTAKES.values()) == len(KNOWN)
    for target, func in RIGHT.items():
        for _label, x, w, mu, var in mogcore.checks.CHECK_CASES[:2]:  # the cases built to tell mistakes apart
            got = np.asarray(func(x, np.array(w), np.array(mu), np.array(var)), dtype=float).reshape(-1)
            assert mogcore._mistakes.diagnose(target, got, x, w, mu, var, 1e-6) is None


def test_a_failure_shows_the_case_inputs_and_both_arrays():
    report = check_gradient_function(mean_without_variance, "means")
    x, w, mu, var = mogcore.checks.CHECK_CASES[0][1:]
    expected = right_mean(x, np.array(w), np.array(mu), np.array(var))
    got = mean_without_variance(x, np.array(w), np.array(mu), np.array(var))
    msg = report.message
    assert "inputs: x = [-1., 0., 2.], weights = [0.3, 0.7], means = [0., 1.], variances = [1.5, 0.8]" in flat(msg)

    def shown(label):
        return np.array([float(v) for v in re.search(label + r": +\[(.*?)\]", msg).group(1).split(",")])

    assert np.allclose(shown("expected"), expected, rtol=1e-5)
    assert np.allclose(shown("received"), got, rtol=1e-5)


def test_the_notebook_starters_give_different_ratios():
    # forgetting 1/pi_k (02) and forgetting 1/sigma_k^2 (03) used to both read "ratio 0.5"
    ratios = {}
    for func, target in ((weight_without_pi, "weights"), (mean_without_variance, "means")):
        ratios[target] = float(re.search(r"ratio ([0-9.]+)", check_gradient_function(func, target).message).group(1))
    assert ratios == {"weights": 0.3, "means": 1.5}  # pi_1 and sigma_1^2 of case 1
    half = check_gradient_function(variance_without_half, "variances").message
    assert re.search(r"ratio 2\b", half)  # a missing 1/2


@pytest.mark.parametrize(
    "func,target,expected",
    [
        (lambda x, w, mu, var: right_weight(x, w, mu, var)[:1], "weights", r"returned shape \(1,\); expected \(2,\)"),
        (lambda x, w, mu, var: 1 / 0, "means", r"raised ZeroDivisionError"),
        (lambda x, w, mu, var: "gradient", "means", r"returned str, not an array|returned shape"),
        (lambda x, w, mu, var: right_mean(x, w, mu, var)[:2], "means", r"case 4 .*shape \(2,\); expected \(3,\)"),
        (lambda x, w, mu, var: right_mean(x, w, mu, var) * 1.01, "means", r"case 1 .*k=1 is off.*ratio 1\.01"),
    ],
)
def test_other_wrong_functions_are_explained(func, target, expected):
    report = check_gradient_function(func, target)
    assert not report.passed and not bool(report)
    assert report.message.startswith("Not yet")
    assert re.search(expected, flat(report.message)), report.message
    assert_laid_out(report.message)
    assert "hint" not in report.message  # no known mistake matches: no made-up hint


def naive_mean(x, w, mu, var):
    # densities multiplied out: 0/0 far in a tail
    dens = w * np.exp(-((x[:, None] - mu) ** 2) / (2 * var)) / np.sqrt(2 * np.pi * var)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = dens / dens.sum(axis=1, keepdims=True)
    return (g * (x[:, None] - mu) / var).sum(axis=0)


def test_underflow_is_named_with_the_remedy():
    report = check_gradient_function(naive_mean, "means")
    assert re.search(r"case 3 .*is nan", flat(report.message))
    assert re.search(r"^  hint: +work with logs \(log-sum-exp\)", report.message, re.MULTILINE)


def test_loglik_target():
    def naive(x, w, mu, var):
        dens = w * np.exp(-((x[:, None] - mu) ** 2) / (2 * var)) / np.sqrt(2 * np.pi * var)
        with np.errstate(divide="ignore"):
            return float(np.log(dens.sum(axis=1)).sum())

    report = check_gradient_function(naive, "loglik")
    assert not report.passed and "case 3" in report.message and "-inf" in report.message
    off = check_gradient_function(lambda *a: right_loglik(*a) + 1.0, "loglik")
    assert not off.passed and "expected" in off.message


def test_checker_rejects_unknown_target():
    with pytest.raises(ValueError, match="target must be one of"):
        check_gradient_function(right_mean, "mean")


def test_checker_does_not_let_a_student_mutate_the_cases():
    def sneaky(x, w, mu, var):
        x[:] = 0.0
        return right_mean(x, w, mu, var)

    check_gradient_function(sneaky, "means")
    assert mogcore.checks.CHECK_CASES[0][1][2] == 2.0


# --- the covariance-matrix target (notebook 07) ------------------------------------------------


def _cov_gradient_by_hand(X, w, mu, cov):
    """A student's right answer, written the textbook way (loops, np.linalg.inv, np.outer)."""
    from mogcore import multivariate as mv

    return _assemble(mv.responsibilities(X, w, mu, cov), X, mu, cov)


def _assemble(gamma, X, mu, cov):
    """(7.6) from given responsibilities, one point and one component at a time."""
    out = np.zeros_like(cov)
    for k in range(len(cov)):
        prec = np.linalg.inv(cov[k])
        for i in range(len(X)):
            d = X[i] - mu[k]
            out[k] += 0.5 * gamma[i, k] * (prec @ np.outer(d, d) @ prec - prec)
    return out


def test_covariance_target_passes_a_right_answer():
    report = check_gradient_function(_cov_gradient_by_hand, "covariances")
    assert report.passed, report.message
    assert "All 2 cases" in report.message


@pytest.mark.parametrize("number", range(6))
def test_covariance_target_recognises_each_known_mistake(number):
    from mogcore._mv_check import MISTAKES as MV_MISTAKES

    mistake = MV_MISTAKES[number]
    report = check_gradient_function(mistake.wrong, "covariances")
    assert not report.passed
    assert flat(f"hint: {mistake.hint}") in flat(report.message)
    assert_laid_out(report.message)
    assert "inputs:" in report.message and "expected:" in report.message and "received:" in report.message


def test_covariance_target_explains_a_wrong_shape_and_a_crash():
    report = check_gradient_function(lambda X, w, mu, cov: cov.sum(axis=-1), "covariances")
    assert not report.passed and "returned shape (2, 2); expected (2, 2, 2) (K, d, d)" in flat(report.message)
    report = check_gradient_function(lambda X, w, mu, cov: 1 / 0, "covariances")
    assert not report.passed and "raised ZeroDivisionError" in report.message


def test_covariance_target_catches_naive_densities_on_the_far_point():
    from scipy.stats import multivariate_normal

    def naive(X, w, mu, cov):
        dens = np.stack([w[k] * multivariate_normal(mu[k], cov[k]).pdf(X) for k in range(len(w))], axis=1)
        with np.errstate(invalid="ignore"):
            gamma = dens / dens.sum(axis=1, keepdims=True)  # 0/0 at the far point
        return _assemble(gamma, X, mu, cov)

    report = check_gradient_function(naive, "covariances")
    assert not report.passed and "case 2" in report.message and "not finite" in report.message
