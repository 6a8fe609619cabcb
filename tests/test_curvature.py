"""The curvature of L (mogcore.curvature) and Newton's method: the Hessian against autograd and finite
differences, the information matrices, EM's rate against EM's measured contraction, the standard errors
against a parametric bootstrap, and Newton's convergence and safeguards."""

from __future__ import annotations

import tracemalloc

import autograd
import autograd.numpy as anp
import numpy as np
import pytest
from autograd.scipy.special import logsumexp
from hypothesis import given, settings
from hypothesis import strategies as st

import mogcore
from mogcore.fitting import STARTS, em_fit, named_start, newton

from . import reference as ref
from .strategies import data, hard_problems, mixtures

X = mogcore.load_old_faithful()


def _theta(w, mu, var):
    w, mu, var = (np.asarray(a, float) for a in (w, mu, var))
    return np.concatenate([mu, 0.5 * np.log(var), np.log(w[:-1] / w[-1])])


def _mixture(theta, k):
    eta = np.append(theta[2 * k :], 0.0)
    e = np.exp(eta - eta.max())
    return e / e.sum(), theta[:k], np.exp(2 * theta[k : 2 * k])


def _log_terms(theta, x, k):
    """a_ik in theta, written for autograd."""
    mu, s = theta[:k], theta[k : 2 * k]
    eta = anp.concatenate([theta[2 * k :], anp.zeros(1)])
    return (eta - logsumexp(eta)) - 0.5 * anp.log(2 * anp.pi) - s - (x[:, None] - mu) ** 2 / (2 * anp.exp(2 * s))


def _loglik(theta, x, k):
    return anp.sum(logsumexp(_log_terms(theta, x, k), axis=1))


def _theta_gradient(x, theta, k):
    _, g = mogcore.value_and_unconstrained_gradients(x, *_mixture(theta, k))
    return np.concatenate([g.means, g.log_sigmas, g.logits[: k - 1]])


def _near(a, b, rtol):
    """Agreement relative to the scale of the matrix b."""
    return float(np.abs(np.asarray(a) - b).max()) <= rtol * max(float(np.abs(b).max()), 1e-300)


def _fit(x, start):
    """A fit to the last bits: EM to a tight tolerance, then a few Newton steps."""
    em = em_fit(x, *start, iters=50_000, tol=1e-14)
    polished = newton(x, *em.final, iters=5)
    assert polished.stopped == "ran all iterations"
    return polished.final


FIT = _fit(X, named_start("typical", X)[0])
THETA_STAR = _theta(*FIT)


def test_coordinate_names_are_the_order_of_theta():
    assert mogcore.coordinate_names(1) == ("mu_1", "s_1")
    assert mogcore.coordinate_names(3) == ("mu_1", "mu_2", "mu_3", "s_1", "s_2", "s_3", "eta_1", "eta_2")
    for k in (1, 2, 4):
        assert len(mogcore.coordinate_names(k)) == mogcore.hessian(X, *_mixture(np.zeros(3 * k - 1), k)).shape[0]


@settings(max_examples=80, deadline=None)
@given(hard_problems())
def test_hessian_is_autograds_hessian(p):
    x, w, mu, var = p
    k = len(mu)
    expected = autograd.hessian(_loglik)(_theta(w, mu, var), x, k)
    H = mogcore.hessian(x, w, mu, var)
    assert H.shape == (3 * k - 1, 3 * k - 1) and np.all(np.isfinite(H))
    assert _near(H, expected, 1e-9), np.abs(H - expected).max()
    assert np.array_equal(H, H.T)


@settings(max_examples=60, deadline=None)
@given(hard_problems())
def test_hessian_is_finite_differences_of_the_theta_gradient(p):
    x, w, mu, var = p
    k = len(mu)
    theta = _theta(w, mu, var)
    # Steps on each coordinate's own scale: where a point is shared (gamma_ik moves), each derivative in s_k
    # brings a factor of about y^2, in mu_k y / sigma_k, with y the largest |x_i - mu_k| / sigma_k of such points.
    y = np.abs(x[:, None] - mu) / np.sqrt(var)
    gamma = ref.resp(x, w, mu, var)
    reach = np.where(gamma * (1 - gamma) > 1e-8, y, 0.0).max(axis=0)
    steps = 1e-3 * np.concatenate([np.sqrt(var) / (1 + reach), 1 / (1 + reach) ** 2, np.ones(k - 1)])
    columns = []
    for j, h in enumerate(steps):  # the five-point stencil: truncation O(h^4), so h can stay well above rounding

        def g(c, j=j, h=h):
            moved = theta.copy()
            moved[j] += c * h
            return _theta_gradient(x, moved, k)

        columns.append((8 * (g(1) - g(-1)) - (g(2) - g(-2))) / (12 * h))
    fd = np.array(columns).T
    assert _near(mogcore.hessian(x, w, mu, var), fd, 1e-6)


@settings(max_examples=60, deadline=None)
@given(hard_problems())
def test_information_splits_the_hessian_into_complete_and_missing(p):
    x, w, mu, var = p
    k = len(mu)
    info = mogcore.information(x, w, mu, var)
    H = mogcore.hessian(x, w, mu, var)
    np.testing.assert_array_equal(info.observed, -H)
    np.testing.assert_allclose(info.complete - info.missing, info.observed, rtol=0, atol=1e-12 * np.abs(H).max())
    # complete = -Hessian of EM's Q(theta) = sum_ik gamma_ik a_ik(theta), gamma held at this theta
    gamma = ref.resp(x, w, mu, var)
    theta = _theta(w, mu, var)
    q_hessian = autograd.hessian(lambda t: anp.sum(gamma * _log_terms(t, x, k)))(theta)
    assert _near(info.complete, -q_hessian, 1e-9)
    scale = max(np.abs(info.complete).max(), 1e-300)
    for a in (info.missing, info.complete):
        assert np.allclose(a, a.T, rtol=0, atol=1e-12 * scale)
    # the missing information is a weighted covariance (the complete one is definite only where S1 = 0, at a fit)
    assert np.linalg.eigvalsh(info.missing).min() >= -1e-9 * scale


@settings(max_examples=60, deadline=None)
@given(hard_problems())
def test_mean_hessian_is_the_mean_block_of_the_hessian(p):
    x, w, mu, var = p
    k = len(mu)
    H = mogcore.hessian(x, w, mu, var)
    block = mogcore.mean_hessian(x, w, mu, var)
    assert block.shape == (k, k)
    assert _near(block, H[:k, :k], 1e-10)


def test_without_its_first_term_the_newton_mean_step_is_ems():
    w, mu, var = np.array([0.4, 0.6]), np.array([2.1, 4.2]), np.array([0.09, 0.2])
    n = mogcore.responsibilities(X, w, mu, var).sum(axis=0)
    g = mogcore.gradients(X, w, mu, var).means
    diagonal = -n / var  # the second term of mean_hessian
    first_term = mogcore.mean_hessian(X, w, mu, var) - np.diag(diagonal)
    assert np.abs(first_term).max() > 1.0  # the dropped term is not small here: the steps differ
    em_move = mogcore.em_step(X, w, mu, var).means - mu
    np.testing.assert_allclose(-g / diagonal, em_move, rtol=1e-10)
    newton_move = -np.linalg.solve(mogcore.mean_hessian(X, w, mu, var), g)
    assert np.abs(newton_move - em_move).max() > 1e-3 * np.abs(em_move).max()


def test_the_information_at_the_old_faithful_fit():
    assert np.abs(_theta_gradient(X, THETA_STAR, 2)).max() < 1e-9  # a stationary point
    info = mogcore.information(X, *FIT)
    for name, matrix in zip(info._fields, info):
        eig = np.linalg.eigvalsh(matrix)
        assert eig.min() > 0 if name != "missing" else eig.min() >= -1e-9 * eig.max(), name
    assert 0 < mogcore.em_rate(X, *FIT) < 1


def test_one_component_has_no_missing_information_and_the_textbook_errors():
    x = np.random.default_rng(5).normal(3.0, 2.0, size=500)
    mu, var = x.mean(), x.var()  # the maximum-likelihood fit
    info = mogcore.information(x, [1.0], [mu], [var])
    assert np.abs(info.missing).max() < 1e-9 * np.abs(info.complete).max()
    assert mogcore.em_rate(x, [1.0], [mu], [var]) == pytest.approx(0.0, abs=1e-9)
    se = mogcore.standard_errors(x, [1.0], [mu], [var])
    assert se.weights.tolist() == [0.0]
    assert se.means[0] == pytest.approx(np.sqrt(var / len(x)), rel=1e-9)
    assert se.variances[0] == pytest.approx(var * np.sqrt(2 / len(x)), rel=1e-9)


def test_hessian_memory_is_bounded_at_a_million_points():
    x = np.random.default_rng(0).normal(size=10**6)
    mix = ([0.4, 0.6], [-0.5, 0.7], [0.8, 1.2])
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    H = mogcore.hessian(x, *mix)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    assert peak < 16 * 2**20, f"{peak / 2**20:.1f} MiB"  # an (m, K, P) array alone would be 80 MiB
    assert _near(H, mogcore.hessian(x[: 10**5], *mix) + mogcore.hessian(x[10**5 :], *mix), 1e-12)


def test_newton_converges_quadratically_near_the_fit():
    start = THETA_STAR + np.array([0.1, -0.1, 0.1, 0.1, -0.2])
    path = newton(X, *_mixture(start, 2), iters=10)
    err = np.array([np.linalg.norm(_theta(*path.at(t)) - THETA_STAR) for t in range(path.iterations + 1)])
    before_rounding = [t for t in range(len(err) - 1) if err[t + 1] > 1e-11]
    assert len(before_rounding) >= 4
    quadratic = [err[t + 1] / err[t] ** 2 for t in before_rounding]
    assert max(quadratic) < 10, quadratic  # about 3 here; a linear rate would blow this up as err -> 0
    assert err[before_rounding[-1] + 1] / err[before_rounding[-1]] < 1e-4  # superlinear
    assert err[-1] < 1e-13
    assert path.loglik[-1] == pytest.approx(float(mogcore.log_likelihood(X, *FIT)), abs=1e-12)


@st.composite
def starts(draw):
    return (draw(data(min_size=2)), *draw(mixtures(k=st.integers(2, 3))))


@pytest.mark.parametrize("name", list(STARTS))
def test_safeguarded_newton_never_lets_l_fall_from_the_named_starts(name):
    path = newton(X, *named_start(name, X)[0], iters=40)
    assert np.all(np.diff(path.loglik) >= 0)
    assert path.method == "Newton" and np.allclose(path.weights.sum(axis=1), 1)


@settings(max_examples=40, deadline=None)
@given(starts())
def test_safeguarded_newton_never_lets_l_fall(case):
    path = newton(*case, iters=15)
    assert np.all(np.diff(path.loglik) >= 0)
    assert np.all(path.variances > 0) and np.all(np.isfinite(path.loglik))


def test_plain_newton_goes_downhill_from_the_typical_start_and_the_safeguard_does_not():
    start = named_start("typical", X)[0]
    plain = newton(X, *start, iters=30, safeguard=False)
    safe = newton(X, *start, iters=30, tol=1e-12)
    assert (np.diff(plain.loglik) < 0).any(), plain.loglik
    assert np.all(np.diff(safe.loglik) >= 0)
    assert safe.stopped.startswith("converged") and safe.iterations < 15
    assert safe.loglik[-1] == pytest.approx(float(mogcore.log_likelihood(X, *FIT)), abs=1e-9)


def test_newton_stops_by_the_rules_of_em_fit():
    start = named_start("typical", X)[0]
    path = newton(X, *start, iters=100, tol=1e-10)
    rises = np.diff(path.loglik)
    assert path.stopped == f"converged at iteration {path.iterations}: L rose by less than 1e-10 |L|"
    assert rises[-1] < 1e-10 * abs(path.loglik[-1]) <= rises[-2]
    assert newton(X, *start, iters=3).stopped == "ran all iterations"
    assert newton(X, *start, iters=3).iterations == 3
    plain = newton(X, *start, iters=30, safeguard=False)
    assert plain.stopped.startswith(("diverged", "collapsed")) and np.all(np.isfinite(plain.loglik))
    collapse = newton(X, [0.5, 0.5], [X[0], 3.5], [1e-11 * X.var(), 1.3], iters=50)
    assert collapse.stopped.startswith(("collapsed", "ran all")) and np.all(np.diff(collapse.loglik) >= 0)


def _measured_contraction(x, start, theta_star, iters):
    """Successive ratios of EM's error in theta, where it lies between 1e-9 and 1e-5 (before rounding)."""
    run = em_fit(x, *start, iters=iters)
    err = np.array([np.linalg.norm(_theta(*run.at(t)) - theta_star) for t in range(run.iterations + 1)])
    window = (err[:-1] < 1e-5) & (err[1:] > 1e-9)
    assert window.sum() >= 10, "EM did not run long enough to measure its rate"
    return err[1:][window] / err[:-1][window]


def _overlapping_sample():
    """Two unit normals 2.5 apart (at 1.5 apart EM's rate is about 0.999: tens of thousands of steps)."""
    truth = ([0.5, 0.5], [0.0, 2.5], [1.0, 1.0])
    return mogcore.sample(2000, *truth, rng=0)[0], truth


@pytest.mark.parametrize("case", ["Old Faithful", "overlapping"])
def test_em_rate_is_ems_measured_contraction(case):
    if case == "Old Faithful":
        x, start, fit, iters = X, named_start("typical", X)[0], FIT, 200
    else:
        x, start = _overlapping_sample()
        fit, iters = _fit(x, start), 2000
    rate = mogcore.em_rate(x, *fit)
    ratios = _measured_contraction(x, start, _theta(*fit), iters)
    measured = float(np.median(ratios))
    assert np.ptp(ratios) < 0.01 * measured  # a settled rate
    assert rate == pytest.approx(measured, rel=0.05)
    assert 1 - rate == pytest.approx(1 - measured, rel=0.05)  # the sharper test when the rate is near 1
    if case == "overlapping":
        assert rate > 0.95


def test_standard_errors_match_a_parametric_bootstrap():
    rng = np.random.default_rng(20240611)
    estimates, errors = [], []
    for _ in range(400):
        xb = mogcore.sample(len(X), *FIT, rng=rng)[0]
        refit = em_fit(xb, *FIT, iters=3000, tol=1e-14)
        assert refit.stopped.startswith("converged")
        w, mu, var = refit.final
        assert mu[0] < mu[1] and abs(mu[0] - FIT.means[0]) < abs(mu[1] - FIT.means[0])  # no label switch
        estimates.append(np.concatenate(refit.final))
        errors.append(np.concatenate(mogcore.standard_errors(xb, w, mu, var)))
    spread = np.std(estimates, axis=0, ddof=1)
    ours = np.concatenate(mogcore.standard_errors(X, *FIT))
    # On data drawn from the model, the observed information gives the spread of the estimates.
    assert np.sqrt(np.mean(np.square(errors), axis=0)) / spread == pytest.approx(np.ones(6), rel=0.15)
    # On Old Faithful itself, all within 30% but sigma_1^2: the short eruptions are not quite normal, and
    # the observed information of the real data gives an SE about 1.3 times the model's (1.25-1.40 over
    # bootstrap seeds; the expected information gives 0.98).
    ratio = ours / spread
    assert ratio[[0, 1, 2, 3, 5]] == pytest.approx(np.ones(5), rel=0.30), ratio
    assert 1.1 < ratio[4] < 1.6, ratio


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda: mogcore.hessian(X, [[0.5, 0.5]], [1.0, 2.0], [1.0, 1.0]), "must be 1-D"),
        (lambda: mogcore.information(X, [0.5, 0.5], [[1.0, 2.0]], [1.0, 1.0]), "must be 1-D"),
        (lambda: mogcore.mean_hessian(X, [0.5, 0.5], [1.0, 2.0, 3.0], [1.0, 1.0]), "must broadcast"),
        (lambda: mogcore.hessian(X, [0.5, 0.5], [1.0], [1.0, 1.0]), "must each have K entries.*2, 1 and 2"),
        (lambda: mogcore.em_rate(X, [0.5, 0.5], [1.0, 2.0], [1.0]), "must each have K entries"),
        (lambda: mogcore.hessian(X, [0.5, 0.5], [1.0, 2.0], [1.0, -1.0]), "variances must be > 0"),
        (lambda: mogcore.hessian(X, [0.5, 0.6], [1.0, 2.0], [1.0, 1.0]), "weights must sum to 1"),
        (lambda: mogcore.hessian(X.reshape(-1, 2), [0.5, 0.5], [1.0, 2.0], [1.0, 1.0]), "x must be 1-D"),
        (lambda: mogcore.hessian([0.0, np.nan], [1.0], [0.0], [1.0]), "x must be finite"),
        (lambda: mogcore.coordinate_names(0), "k must be a positive integer"),
        (lambda: mogcore.coordinate_names(2.0), "k must be a positive integer"),
        (lambda: mogcore.coordinate_names(True), "k must be a positive integer"),
        (lambda: mogcore.em_rate([], [0.5, 0.5], [1.0, 2.0], [1.0, 1.0]), "complete-data information must be po"),
        (lambda: mogcore.standard_errors(X, *named_start("identical components", X)[0]), "not at a maximum"),
        (lambda: mogcore.standard_errors(X, [0.5, 0.5], [2.2, 4.5], [0.3, 0.3]), "not at a maximum"),
        (lambda: newton(X, [0.5, 0.5], [1.0, 2.0], [1.0, 1.0], iters=-1), "iters must be a non-negative integer"),
        (lambda: newton(X, [0.5, 0.5], [1.0, 2.0], [1.0, 1.0], tol=np.nan), "tol must be finite and >= 0"),
        (lambda: newton(X, [0.5, 0.5], [1.0, 2.0], [1.0, 1.0], safeguard="yes"), "safeguard must be True or False"),
        (lambda: newton([], [0.5, 0.5], [1.0, 2.0], [1.0, 1.0]), "at least one point"),
        (lambda: newton(X, [[0.5, 0.5]], [1.0, 2.0], [1.0, 1.0]), "must be 1-D"),
    ],
)
def test_bad_input_is_a_clear_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
