"""mogcore.multivariate against finite differences, autodiff (autograd), the 1-D core and scikit-learn."""

from __future__ import annotations

import itertools

import autograd
import autograd.numpy as anp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import _compute_precision_cholesky, _estimate_gaussian_parameters

import mogcore
from mogcore import multivariate as mv


def random_mixture(rng, k, d, batch=()):
    w = rng.dirichlet(np.ones(k) * 2, size=batch or None)
    mu = rng.normal(size=(*batch, k, d)) * 2
    a = rng.normal(size=(*batch, k, d, d))
    cov = a @ np.swapaxes(a, -1, -2) + 0.5 * np.eye(d)
    return w, mu, cov


def data(rng, m, d):
    return rng.normal(size=(m, d)) * 1.5 + rng.integers(0, 3, m)[:, None]


# --- an independent reference: the textbook formula with inverse and determinant, by autodiff ------


def reference_loglik(X, w, mu, cov):
    """log sum_k pi_k N(x | mu_k, Sigma_k) with slogdet and solve, written for autograd (no mogcore)."""
    d = X.shape[1]
    rows = []
    for k in range(len(w)):
        diff = X - mu[k]
        maha = anp.sum(diff * anp.linalg.solve(cov[k], diff.T).T, axis=1)
        _, logdet = anp.linalg.slogdet(cov[k])
        rows.append(anp.log(w[k]) - 0.5 * (d * np.log(2 * np.pi) + logdet + maha))
    a = anp.stack(rows, axis=1)
    top = anp.max(a, axis=1, keepdims=True)
    return anp.sum(top[:, 0] + anp.log(anp.sum(anp.exp(a - top), axis=1)))


@pytest.mark.parametrize(("k", "d"), [(1, 1), (2, 2), (3, 2), (2, 3), (4, 4)])
def test_value_and_gradients_agree_with_autodiff(k, d):
    rng = np.random.default_rng(10 * k + d)
    X = data(rng, 40, d)
    w, mu, cov = random_mixture(rng, k, d)
    L, g = mv.value_and_gradients(X, w, mu, cov)
    assert L == pytest.approx(reference_loglik(X, w, mu, cov), rel=1e-12)
    dw, dmu, dcov = autograd.grad(reference_loglik, argnum=(1, 2, 3))(X, w, mu, cov)
    np.testing.assert_allclose(g.weights, dw, rtol=1e-9)
    np.testing.assert_allclose(g.means, dmu, rtol=1e-9, atol=1e-10)
    # autograd differentiates every entry of cov independently: the matrix-cookbook convention
    np.testing.assert_allclose(g.covariances, dcov, rtol=1e-8, atol=1e-10)


def test_every_gradient_entry_against_finite_differences():
    rng = np.random.default_rng(3)
    X = data(rng, 30, 2)
    w, mu, cov = random_mixture(rng, 3, 2)
    _, g = mv.value_and_gradients(X, w, mu, cov)
    h = 1e-6

    def L(w_, mu_, cov_):
        return float(mv.log_likelihood(X, w_, mu_, cov_))

    for k, j in itertools.product(range(3), range(2)):
        e = np.zeros_like(mu)
        e[k, j] = h
        assert g.means[k, j] == pytest.approx((L(w, mu + e, cov) - L(w, mu - e, cov)) / (2 * h), rel=1e-6, abs=1e-6)
    for k, j, c in itertools.product(range(3), range(2), range(2)):
        # Sigma must stay symmetric: move entries (j, c) and (c, j) together, by h/2 each (h on the diagonal);
        # L then changes by h/2 (G[j, c] + G[c, j]) off the diagonal and by h G[j, j] on it
        e = np.zeros_like(cov)
        e[k, j, c] += h / 2
        e[k, c, j] += h / 2
        slope = (L(w, mu, cov + e) - L(w, mu, cov - e)) / (h if j != c else 2 * h)
        expected = g.covariances[k, j, c] + g.covariances[k, c, j] if j != c else g.covariances[k, j, j]
        assert slope == pytest.approx(expected, rel=1e-5, abs=1e-6), (k, j, c)
    # the weights' free partial: move one weight alone (the density is linear in it)
    for k in range(3):
        e = np.zeros(3)
        e[k] = h
        free = (reference_loglik(X, w + e, mu, cov) - reference_loglik(X, w - e, mu, cov)) / (2 * h)
        assert g.weights[k] == pytest.approx(free, rel=1e-6)


def test_d_equal_1_is_the_1d_core():
    x = mogcore.load_old_faithful()
    w, mu, var = np.array([0.3, 0.7]), np.array([2.0, 4.3]), np.array([0.1, 0.2])
    X, M, C = x[:, None], mu[:, None], var[:, None, None]
    L, g = mv.value_and_gradients(X, w, M, C)
    L1, g1 = mogcore.value_and_gradients(x, w, mu, var)
    assert L == pytest.approx(L1, rel=1e-13)
    np.testing.assert_allclose(g.means[:, 0], g1.means, rtol=1e-11)
    np.testing.assert_allclose(g.covariances[:, 0, 0], g1.variances, rtol=1e-11)
    np.testing.assert_allclose(g.weights, g1.weights, rtol=1e-11)
    np.testing.assert_allclose(mv.responsibilities(X, w, M, C), mogcore.responsibilities(x, w, mu, var), atol=1e-14)
    step, step1 = mv.em_step(X, w, M, C), mogcore.em_step(x, w, mu, var)
    np.testing.assert_allclose(step.weights, step1.weights, rtol=1e-12)
    np.testing.assert_allclose(step.means[:, 0], step1.means, rtol=1e-12)
    np.testing.assert_allclose(step.covariances[:, 0, 0], step1.variances, rtol=1e-10)


def test_batches_equal_loops():
    rng = np.random.default_rng(5)
    X = data(rng, 50, 3)
    w, mu, cov = random_mixture(rng, 2, 3, batch=(4, 3))
    L, g = mv.value_and_gradients(X, w, mu, cov)
    R = mv.responsibilities(X, w, mu, cov)
    new = mv.em_step(X, w, mu, cov)
    assert L.shape == (4, 3) and g.covariances.shape == (4, 3, 2, 3, 3) and R.shape == (4, 3, 50, 2)
    for i in np.ndindex(4, 3):
        Li, gi = mv.value_and_gradients(X, w[i], mu[i], cov[i])
        assert L[i] == pytest.approx(Li, rel=1e-13)
        for a, b in zip(g, gi):
            np.testing.assert_allclose(a[i], b, rtol=1e-12, atol=1e-13)
        np.testing.assert_allclose(R[i], mv.responsibilities(X, w[i], mu[i], cov[i]), atol=1e-15)
        for a, b in zip(new, mv.em_step(X, w[i], mu[i], cov[i])):
            np.testing.assert_allclose(a[i], b, rtol=1e-12, atol=1e-14)
    # one mixture broadcast against a batch of means
    L2 = mv.log_likelihood(X, w[0, 0], mu[:, 0], cov[0, 0])
    assert L2.shape == (4,)
    assert L2[1] == pytest.approx(float(mv.log_likelihood(X, w[0, 0], mu[1, 0], cov[0, 0])), rel=1e-13)


def test_chunks_do_not_change_the_answer(monkeypatch):
    rng = np.random.default_rng(6)
    X = data(rng, 3000, 2)
    w, mu, cov = random_mixture(rng, 3, 2)
    whole = mv.value_and_gradients(X, w, mu, cov)
    from mogcore import _mv_kernel

    monkeypatch.setattr(_mv_kernel, "chunk_size", lambda b, k, d: 256)  # 12 chunks, the last one short
    chunked = mv.value_and_gradients(X, w, mu, cov)
    assert chunked[0] == pytest.approx(whole[0], rel=1e-13)
    for a, b in zip(chunked[1], whole[1]):
        np.testing.assert_allclose(a, b, rtol=1e-11, atol=1e-12)


# --- scikit-learn, same parameters ---------------------------------------------------------------


def fitted_like(w, mu, cov):
    gm = GaussianMixture(len(w), covariance_type="full")
    gm.weights_, gm.means_, gm.covariances_ = w, mu, cov
    gm.precisions_cholesky_ = _compute_precision_cholesky(cov, "full")
    return gm


def test_loglik_and_responsibilities_equal_scikit_learns_e_step():
    rng = np.random.default_rng(8)
    X = data(rng, 500, 2)
    w, mu, cov = random_mixture(rng, 3, 2)
    log_norm, log_resp = fitted_like(w, mu, cov)._estimate_log_prob_resp(X)
    assert float(mv.log_likelihood(X, w, mu, cov)) == pytest.approx(log_norm.sum(), rel=1e-12)
    np.testing.assert_allclose(mv.responsibilities(X, w, mu, cov), np.exp(log_resp), atol=1e-12)


def test_em_step_equals_scikit_learns_m_step_after_its_e_step():
    rng = np.random.default_rng(9)
    X = data(rng, 400, 3)
    w, mu, cov = random_mixture(rng, 2, 3)
    _, log_resp = fitted_like(w, mu, cov)._estimate_log_prob_resp(X)
    n, means, covs = _estimate_gaussian_parameters(X, np.exp(log_resp), 0.0, "full")
    new = mv.em_step(X, w, mu, cov)
    np.testing.assert_allclose(new.weights, n / len(X), rtol=1e-11)
    np.testing.assert_allclose(new.means, means, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(new.covariances, covs, rtol=1e-9, atol=1e-12)


def test_em_on_2d_old_faithful_matches_scikit_learn_from_the_same_start():
    X = mogcore.load_old_faithful("both")
    w, mu, cov = np.array([0.5, 0.5]), np.array([[2.0, 55.0], [4.5, 80.0]]), np.array([np.diag([0.5, 50.0])] * 2)
    for _ in range(200):
        w, mu, cov = mv.em_step(X, w, mu, cov)
    gm = GaussianMixture(
        2, covariance_type="full", reg_covar=0.0, tol=1e-12, max_iter=1000,
        weights_init=[0.5, 0.5], means_init=[[2.0, 55.0], [4.5, 80.0]],
        precisions_init=np.array([np.diag([2.0, 0.02])] * 2),
    ).fit(X)  # fmt: skip
    order = np.argsort(gm.means_[:, 0])
    np.testing.assert_allclose(w, gm.weights_[order], rtol=1e-6)
    np.testing.assert_allclose(mu, gm.means_[order], rtol=1e-6)
    np.testing.assert_allclose(cov, gm.covariances_[order], rtol=1e-5)
    assert float(mv.log_likelihood(X, w, mu, cov)) == pytest.approx(gm.score(X) * len(X), rel=1e-9)


# --- properties ----------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), k=st.integers(1, 4), d=st.integers(1, 3))
def test_em_never_decreases_the_log_likelihood(seed, k, d):
    rng = np.random.default_rng(seed)
    X = data(rng, 60, d)
    params = random_mixture(rng, k, d)
    before = float(mv.log_likelihood(X, *params))
    for _ in range(5):
        params = mv.em_step(X, *params)
        if np.min(np.linalg.eigvalsh(params.covariances)) <= 1e-10:  # collapsed onto a point: L -> +inf
            break
        after = float(mv.log_likelihood(X, *params))
        assert after >= before - 1e-9 * abs(before)
        before = after


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), k=st.integers(2, 4), d=st.integers(1, 3))
def test_responsibilities_sum_to_1_and_components_can_be_relabelled(seed, k, d):
    rng = np.random.default_rng(seed)
    X = data(rng, 30, d)
    w, mu, cov = random_mixture(rng, k, d)
    R = mv.responsibilities(X, w, mu, cov)
    np.testing.assert_allclose(R.sum(axis=-1), 1.0, rtol=1e-13)
    p = rng.permutation(k)
    L, g = mv.value_and_gradients(X, w, mu, cov)
    Lp, gp = mv.value_and_gradients(X, w[p], mu[p], cov[p])
    assert Lp == pytest.approx(L, rel=1e-12)
    np.testing.assert_allclose(gp.covariances, g.covariances[p], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(mv.responsibilities(X, w[p], mu[p], cov[p]), R[:, p], atol=1e-14)


@settings(max_examples=40, deadline=None)
@given(far=st.floats(1e3, 1e150), tight=st.floats(1e-150, 1e-3))
def test_finite_for_far_points_and_tight_components(far, tight):
    X = np.array([[0.0, 0.0], [far, -far], [1e-3, 0.0]])
    cov = np.array([np.eye(2) * tight, np.eye(2)])
    L, g = mv.value_and_gradients(X, [0.5, 0.5], [[0.0, 0.0], [1.0, 1.0]], cov)
    assert np.isfinite(L) and all(np.all(np.isfinite(a)) for a in g)
    assert np.all(np.isfinite(mv.responsibilities(X, [0.5, 0.5], [[0.0, 0.0], [1.0, 1.0]], cov)))


# --- log-Cholesky parameters ---------------------------------------------------------------------


def test_log_cholesky_round_trip_and_gradient_by_finite_differences():
    rng = np.random.default_rng(12)
    X = data(rng, 40, 3)
    w, mu, cov = random_mixture(rng, 2, 3)
    theta = mv.to_log_cholesky(cov)
    assert np.allclose(np.triu(theta, 1), 0)
    np.testing.assert_allclose(mv.from_log_cholesky(theta), cov, rtol=1e-12)
    _, g = mv.value_and_gradients(X, w, mu, cov)
    g_theta = mv.log_cholesky_gradient(g.covariances, theta)
    h = 1e-6
    for k, j, c in itertools.product(range(2), range(3), range(3)):
        if c > j:
            assert g_theta[k, j, c] == 0.0
            continue
        e = np.zeros_like(theta)
        e[k, j, c] = h
        up = float(mv.log_likelihood(X, w, mu, mv.from_log_cholesky(theta + e)))
        down = float(mv.log_likelihood(X, w, mu, mv.from_log_cholesky(theta - e)))
        assert g_theta[k, j, c] == pytest.approx((up - down) / (2 * h), rel=1e-5, abs=1e-6), (k, j, c)


def test_any_real_log_cholesky_parameter_gives_a_positive_definite_matrix():
    theta = np.tril(np.random.default_rng(1).normal(size=(50, 3, 3)))
    assert np.all(np.linalg.eigvalsh(mv.from_log_cholesky(theta)) > 0)


# --- bad input -----------------------------------------------------------------------------------

GOOD = ([0.5, 0.5], [[0.0, 0.0], [1.0, 1.0]], [np.eye(2), np.eye(2)])
NOT_PD = [[1.0, 2.0], [2.0, 1.0]]


@pytest.mark.parametrize(
    ("X", "params", "message"),
    [
        (np.zeros(5), GOOD, "X must be 2-D"),
        ([[0.0, np.nan]], GOOD, "X must be finite"),
        ([[0.0, 0.0]], ([0.5, 0.6], *GOOD[1:]), "weights must sum to 1"),
        ([[0.0, 0.0]], ([1.5, -0.5], *GOOD[1:]), "weights must be > 0"),
        ([[0.0, 0.0]], (GOOD[0], GOOD[1], [np.eye(2), [[1.0, 0.5], [0.0, 1.0]]]), r"symmetric.*component k = 1"),
        ([[0.0, 0.0]], (GOOD[0], GOOD[1], [NOT_PD, np.eye(2)]), r"positive definite.*component k = 0"),
        ([[0.0, 0.0, 0.0]], GOOD, r"means must have shape \(\.\.\., K, d\) with d = 3"),
        ([[0.0, 0.0]], ([1.0], *GOOD[1:]), "same number of components"),
        ([[0.0, 0.0]], (GOOD[0], GOOD[1], [np.eye(3)] * 2), r"covariances must have shape"),
        ([[0.0, 0.0]], (GOOD[0], [[0.0, np.inf], [1.0, 1.0]], GOOD[2]), "means must be finite"),
    ],
)
def test_bad_input_names_the_parameter_and_the_rule(X, params, message):
    for f in (mv.log_likelihood, mv.value_and_gradients, mv.responsibilities, mv.em_step):
        with pytest.raises(ValueError, match=message):
            f(X, *params)
