"""The gradient in other coordinates (mogcore.coordinates) and EM's d-dimensional path and moves, against
finite differences and the plain formulas they are made of."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mogcore
from mogcore import multivariate as mv
from mogcore.fitting import em_fit

from . import reference as ref
from .strategies import close, data, mixtures, problems

X = mogcore.load_old_faithful()


def _loglik_theta(x, mu, s, eta):
    w = np.exp(eta - eta.max())
    return ref.loglik(x, w / w.sum(), mu, np.exp(2 * s))


@settings(max_examples=60, deadline=None)
@given(problems())
def test_unconstrained_gradients_are_finite_differences_in_mu_log_sigma_and_eta(p):
    x, w, mu, var = p
    L, g = mogcore.value_and_unconstrained_gradients(x, w, mu, var)
    theta = [mu.copy(), 0.5 * np.log(var), np.log(w)]
    assert close(L, ref.loglik(x, w, mu, var), rtol=1e-10)
    for block, analytic in enumerate((g.means, g.log_sigmas, g.logits)):
        for k in range(len(mu)):
            h = 1e-6
            up, down = [t.copy() for t in theta], [t.copy() for t in theta]
            up[block][k] += h
            down[block][k] -= h
            fd = (_loglik_theta(x, *up) - _loglik_theta(x, *down)) / (2 * h)
            assert analytic[k] == pytest.approx(fd, rel=1e-4, abs=1e-4 * (1 + abs(float(L)))), (block, k)


def test_unconstrained_gradients_on_a_batch_are_each_settings_own():
    w = np.array([[0.3, 0.7], [0.5, 0.5]])
    mu, var = np.array([[2.0, 4.3], [1.0, 5.0]]), np.array([[0.1, 0.2], [1.0, 0.5]])
    L, g = mogcore.value_and_unconstrained_gradients(X, w, mu, var)
    for b in range(2):
        L1, g1 = mogcore.value_and_unconstrained_gradients(X, w[b], mu[b], var[b])
        assert L[b] == pytest.approx(float(L1), rel=1e-13)
        np.testing.assert_allclose(g.log_sigmas[b], g1.log_sigmas, rtol=1e-12)
        assert np.allclose(g1.log_sigmas, mogcore.log_sigma_gradient(X, w[b], mu[b], var[b]), rtol=1e-12)
        assert np.allclose(g1.logits, mogcore.weight_gradient(X, w[b], mu[b], var[b], kind="softmax"), rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(data(min_size=2), mixtures(k=st.just(2)))
def test_weight_slopes_are_the_four_weight_gradients_first_entry(x, mix):
    slopes = mogcore.weight_slopes(x, *mix)
    assert list(slopes) == list(mogcore.SLOPE_KINDS)
    for kind, value in slopes.items():
        assert value == float(np.ravel(mogcore.weight_gradient(x, *mix, kind=kind))[0])
    assert close(slopes["exact"], 2 * slopes["simplex"], rtol=1e-9)  # K = 2: the projection halves it


def test_weight_slopes_and_average_gradients_need_two_components():
    with pytest.raises(ValueError, match=r"K = 2|two components"):
        mogcore.weight_slopes(X, [1.0], [3.0], [1.0])
    with pytest.raises(ValueError, match=r"K = 2|two components"):
        mogcore.average_gradients(X, [0.2, 0.3, 0.5], [1.0, 3.0, 5.0], [1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="at least one point"):
        mogcore.average_gradients([], [0.5, 0.5], [1.0, 3.0], [1.0, 1.0])


def test_average_gradients_are_every_gradient_over_m_and_vanish_at_a_fit():
    mix = ([0.35, 0.65], [2.0, 4.3], [0.07, 0.19])
    bars = mogcore.average_gradients(X, *mix)
    g = mogcore.gradients(X, *mix)
    expected = np.concatenate(
        [g.means, mogcore.log_sigma_gradient(X, *mix), [mogcore.weight_gradient(X, *mix, kind="exact")]]
    )
    np.testing.assert_allclose(bars, expected / len(X), rtol=1e-12)
    fit = em_fit(X, *mix, iters=400).final
    assert np.abs(mogcore.average_gradients(X, *fit)).max() < 1e-8


def test_mv_em_fit_is_em_step_repeated_and_stops_by_its_rules():
    X2 = mogcore.load_old_faithful("both")
    start = ([0.5, 0.5], [[2.5, 60.0], [4.0, 75.0]], [np.diag([1.0, 100.0])] * 2)
    path = mv.em_fit(X2, *start, iters=12)
    here = mv.MvMixture(*(np.array(a, float) for a in start))
    for t in range(13):
        assert np.array_equal(path.means[t], here.means) and np.array_equal(path.covariances[t], here.covariances)
        assert path.loglik[t] == float(mv.log_likelihood(X2, *here))
        here = mv.em_step(X2, *here)
    assert path.stopped == "ran all iterations" and path.at(99).means.tolist() == path.means[-1].tolist()
    short = mv.em_fit(X2, *start, iters=500, tol=1e-10)
    assert short.stopped.startswith("converged") and short.iterations < 500
    rises = np.diff(short.loglik)
    assert rises[-1] < 1e-10 * abs(short.loglik[-1]) <= rises[-2]
    with pytest.raises(ValueError, match="iters"):
        mv.em_fit(X2, *start, iters=-1)


def test_em_mean_move_and_covariance_step_are_ems_moves_as_gradient_steps():
    rng = np.random.default_rng(3)
    X3 = rng.normal(size=(60, 3)) + rng.integers(0, 2, 60)[:, None] * 2
    w, mu = np.array([0.4, 0.6]), np.array([[0.0, 0.0, 0.0], [2.0, 2.0, 2.0]])
    cov = np.array([np.eye(3) + 0.3, np.diag([1.0, 2.0, 0.5])])
    _, g = mv.value_and_gradients(X3, w, mu, cov)
    gamma = mv.responsibilities(X3, w, mu, cov)
    n = gamma.sum(axis=0)
    new = mv.em_step(X3, w, mu, cov)
    np.testing.assert_allclose(mu + mv.em_mean_move(cov, g.means, n), new.means, rtol=1e-10)
    stepped = mv.covariance_step(cov, g.covariances, n)
    for k in range(2):
        d = X3 - mu[k]
        weighted = (gamma[:, k : k + 1] * d).T @ d / n[k]
        np.testing.assert_allclose(stepped[k], 0.5 * (cov[k] + weighted), rtol=1e-10)  # halfway: always valid
        assert np.linalg.eigvalsh(stepped[k]).min() > 0
    none = mv.covariance_step(cov, g.covariances, np.array([0.0, n[1]]))
    assert np.array_equal(none[0], cov[0]), "a component with no points keeps its covariance"
    assert np.array_equal(mv.em_mean_move(cov, g.means, np.array([0.0, 1.0]))[0], np.zeros(3))


def test_covariance_shape_and_ellipse_are_inverse_and_the_level_set():
    cov = mv.covariance(0.3, 6.0, 0.4)
    assert mv.shape_of(cov) == pytest.approx((0.3, 6.0, 0.4))
    (cx, cy), width, height, angle = mv.ellipse_geometry(np.array([2.0, 55.0]), cov, 2.0)
    t = np.radians(angle)
    end = np.array([cx, cy]) + 0.5 * width * np.array([np.cos(t), np.sin(t)])
    d = end - [2.0, 55.0]
    assert d @ np.linalg.solve(cov, d) == pytest.approx(4.0)  # the end of the major axis is on the level set
    assert width >= height
    for bad, match in (((0.0, 1.0, 0.0), "sd_x"), ((1.0, -2.0, 0.0), "sd_y"), ((1.0, 1.0, -1.0), "rho")):
        with pytest.raises(ValueError, match=match):
            mv.covariance(*bad)
