"""Analytic gradients against finite differences and an independent reference."""

import numpy as np
import pytest
from hypothesis import given, settings

import mogcore
from mogcore import gradients, numerical_gradients, value_and_gradients, weight_gradient

from . import reference as ref
from .strategies import close, problems


@settings(max_examples=150, deadline=None)
@given(problems())
def test_analytic_gradients_agree_with_finite_differences(p):
    x, w, mu, var = p
    exact = gradients(x, w, mu, var)
    fd = numerical_gradients(x, w, mu, var)
    for a, b in zip(exact, fd):
        assert close(a, b, rtol=1e-6), (a, b)


@settings(max_examples=100, deadline=None)
@given(problems())
def test_gradients_match_straightforward_reference(p):
    x, w, mu, var = p
    L, g = value_and_gradients(x, w, mu, var)
    assert close(L, ref.loglik(x, w, mu, var), rtol=1e-12)
    for a, b in zip(g, ref.grads(x, w, mu, var)):
        assert close(a, b, rtol=1e-10)


def test_a_wrong_formula_is_caught_by_the_finite_difference_check():
    # The check above is only worth something if it can fail: a gradient missing
    # its 1/sigma^2 (a typical slip) must disagree with finite differences.
    x, w, mu, var = np.array([0.0, 1.0, 3.0]), [0.5, 0.5], [0.0, 2.0], [0.5, 2.0]
    g = mogcore.responsibilities(x, w, mu, var)
    wrong = (g * (x[:, None] - np.array(mu))).sum(axis=0)
    assert not close(wrong, numerical_gradients(x, w, mu, var).means, rtol=1e-6)


@settings(max_examples=100, deadline=None)
@given(problems())
def test_log_sigma_gradient_is_chain_rule_of_variance_gradient(p):
    x, w, mu, var = p
    g = gradients(x, w, mu, var)
    assert close(mogcore.log_sigma_gradient(x, w, mu, var), 2 * var * g.variances, rtol=1e-10)


@settings(max_examples=100, deadline=None)
@given(problems())
def test_weight_gradient_kinds(p):
    x, w, mu, var = p
    m = len(x)
    g = weight_gradient(x, w, mu, var, kind="partial")
    nk = mogcore.responsibilities(x, w, mu, var).sum(axis=0)
    assert close(g, nk / w, rtol=1e-10)
    assert np.all(g > 0)  # never zero: the unconstrained partial cannot vanish
    proj = weight_gradient(x, w, mu, var, kind="simplex")
    assert abs(proj.sum()) <= 1e-9 * max(1.0, np.abs(g).max())
    soft = weight_gradient(x, w, mu, var, kind="softmax")
    assert close(soft, nk - m * w, rtol=1e-10)
    assert abs(soft.sum()) <= 1e-9 * max(1.0, m)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_k2_exact_derivative_along_constraint_is_twice_the_projection(p):
    x, w, mu, var = p
    if len(w) != 2:
        w, mu, var = np.array([0.3, 0.7]), np.array([mu[0], mu[0] + 2.0]), np.array([1.0, 2.0])
    pi = w[0]
    h = 1e-6 * min(pi, 1 - pi)
    plus = mogcore.log_likelihood(x, [pi + h, 1 - pi - h], mu, var)
    minus = mogcore.log_likelihood(x, [pi - h, 1 - pi + h], mu, var)
    fd = (plus - minus) / (2 * h)
    proj = weight_gradient(x, [pi, 1 - pi], mu, var, kind="simplex")
    assert close(2 * proj[0], fd, rtol=1e-5)


def test_softmax_gradient_against_finite_differences_in_eta():
    rng = np.random.default_rng(3)
    x = rng.normal(size=50)
    eta = np.array([0.2, -0.4, 1.0])
    mu, var = np.array([-1.0, 0.0, 1.5]), np.array([0.5, 1.0, 2.0])

    def L(e):
        w = np.exp(e - e.max())
        return float(mogcore.log_likelihood(x, w / w.sum(), mu, var))

    w = np.exp(eta) / np.exp(eta).sum()
    g = weight_gradient(x, w, mu, var, kind="softmax")
    for k in range(3):
        e1, e2 = eta.copy(), eta.copy()
        e1[k] += 1e-6
        e2[k] -= 1e-6
        assert g[k] == pytest.approx((L(e1) - L(e2)) / 2e-6, rel=1e-6, abs=1e-7)


def test_unknown_kind_lists_valid_ones():
    with pytest.raises(ValueError, match="'partial', 'simplex', 'softmax'"):
        weight_gradient([0.0], [1.0], [0.0], [1.0], kind="lagrange")


def test_symmetric_start_is_a_critical_point_for_every_weight():
    # mu_1 = mu_2 = mean(x), sigma_1^2 = sigma_2^2 = var(x): grad L = 0 along mu and sigma^2.
    x = mogcore.load_old_faithful()
    for pi in (0.1, 0.5, 0.8):
        g = gradients(x, [pi, 1 - pi], [x.mean()] * 2, [x.var()] * 2)
        assert np.allclose(g.means, 0, atol=1e-9) and np.allclose(g.variances, 0, atol=1e-9)
        assert np.allclose(weight_gradient(x, [pi, 1 - pi], [x.mean()] * 2, [x.var()] * 2, "simplex"), 0, atol=1e-9)


def test_gradients_finite_at_extreme_and_equal_to_reference_where_reference_works():
    x = np.array([0.0, 0.3, 5.0])
    p = ([0.5, 0.5], [0.0, 5.0], [1e-14, 1.0])
    g = gradients(x, *p)
    assert all(np.all(np.isfinite(a)) for a in g)
