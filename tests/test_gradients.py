"""Analytic gradients against finite differences and an independent reference."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import mogcore
from mogcore import gradients, numerical_gradients, value_and_gradients, weight_gradient

from . import reference as ref
from .strategies import close, data, fd_close, mixtures, problems


@settings(max_examples=150, deadline=None)
@given(problems())
@example(  # found by hypothesis: a weight's finite difference is dominated by rounding (eps |L| / h)
    (
        np.array([0.0, 15.0, 15.0, 15.0, 15.0, 15.0]),
        np.array([20 / 21, 1 / 21]),
        np.array([0.0, -1.0]),
        np.full(2, 0.0625),
    )
)
def test_analytic_gradients_agree_with_finite_differences(p):
    x, w, mu, var = p
    exact = gradients(x, w, mu, var)
    fd = numerical_gradients(x, w, mu, var)
    # A central difference with step h carries a rounding error of about eps |L| / h on top of the
    # O(h^2) truncation: allow both (h as numerical_gradients takes it, rel_step = 1e-6).
    L = mogcore.log_likelihood(x, w, mu, var)
    steps = (1e-6 * np.maximum(np.abs(mu), np.sqrt(var)), 1e-6 * var, 1e-6 * w)
    for a, b, h in zip(exact, fd, steps):
        assert fd_close(a, b, L, h), (a, b)


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
@given(data(), mixtures(k=st.just(2)))
@example(np.full(27, 3.0), (np.array([0.95, 0.05]), np.zeros(2), np.full(2, 0.05)))  # identical: exact = 0
def test_k2_exact_derivative_along_constraint(x, mix):
    w, mu, var = mix
    pi = w[0]
    h = 1e-6 * min(pi, 1 - pi)
    plus = mogcore.log_likelihood(x, [pi + h, 1 - pi - h], mu, var)
    minus = mogcore.log_likelihood(x, [pi - h, 1 - pi + h], mu, var)
    fd = (plus - minus) / (2 * h)
    exact = weight_gradient(x, [pi, 1 - pi], mu, var, kind="exact")
    assert exact.shape == ()
    assert fd_close(exact, fd, plus, h, rtol=1e-5)
    nk = ref.resp(x, [pi, 1 - pi], mu, var).sum(axis=0)  # independent: N_1/pi_1 - N_2/pi_2
    assert close(exact, nk[0] / pi - nk[1] / (1 - pi), rtol=1e-9)
    proj = weight_gradient(x, [pi, 1 - pi], mu, var, kind="simplex")
    assert close(2 * proj[0], exact, rtol=1e-9)


def test_exact_weight_derivative_consumes_the_component_axis_of_a_batch():
    x = mogcore.load_old_faithful()
    pis = np.array([[0.2], [0.5], [0.9]]) * np.ones((3, 4))
    w = np.stack([pis, 1 - pis], axis=-1)  # (3, 4, 2)
    got = weight_gradient(x, w, [2.0, 4.3], [0.07, 0.19], kind="exact")
    assert got.shape == (3, 4)
    for i in range(3):
        one = weight_gradient(x, w[i, 0], [2.0, 4.3], [0.07, 0.19], kind="exact")
        assert np.allclose(got[i], one)


@settings(max_examples=80, deadline=None)
@given(problems())
def test_gradient_terms_are_each_points_share(p):
    x, w, mu, var = p
    terms = mogcore.gradient_terms(x, w, mu, var)
    assert terms.means.shape == (len(x), len(w))
    for per_point, total in zip(terms, ref.grads(x, w, mu, var)):
        assert close(per_point.sum(axis=0), total, rtol=1e-10)
    gamma = ref.resp(x, w, mu, var)
    d = np.asarray(x)[:, None] - mu
    assert close(terms.means, gamma * d / var, rtol=1e-10)
    inside = (np.abs(d) < np.sqrt(var)) & (gamma > 0)
    assert np.all(terms.variances[inside] < 0)  # within one sd a point pulls sigma_k^2 down


@settings(max_examples=40, deadline=None)
@given(data(min_size=2), mixtures(k=st.just(2)))
def test_best_weight_is_where_the_exact_derivative_vanishes(x, mix):
    _, mu, var = mix
    best = float(mogcore.best_weight(x, mu, var))
    assert 0 < best < 1
    pis = np.linspace(0.0, 1.0, 2001)[1:-1]
    Ls = np.array([ref.loglik(x, [p, 1 - p], mu, var) for p in pis])  # independent: a scan of L
    L_best = ref.loglik(x, [best, 1 - best], mu, var)
    assert L_best >= Ls.max() - 1e-9 * max(1.0, abs(L_best))
    n1 = ref.resp(x, [best, 1 - best], mu, var)[:, 0].sum()
    interior = 1e-6 < best < 1 - 1e-6
    if interior:  # the fixed point of EM's weight update
        assert n1 / len(x) == pytest.approx(best, abs=1e-7)


def test_best_weight_on_a_batch_and_a_known_case():
    x = np.array([-0.1, 0.0, 0.1, 9.9, 10.0, 10.1, 10.2, 9.8])
    assert float(mogcore.best_weight(x, [0.0, 10.0], [1.0, 1.0])) == pytest.approx(3 / 8, abs=1e-12)
    means = np.array([[0.0, 10.0], [10.0, 0.0]])
    assert np.allclose(mogcore.best_weight(x, means, [1.0, 1.0]), [3 / 8, 5 / 8], atol=1e-12)


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
    with pytest.raises(ValueError, match="'partial', 'simplex', 'softmax', 'exact'"):
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
    p = ([0.5, 0.5], [0.0, 5.0], [1e-14, 1.0])  # a component 3e6 sd from the point at 0.3
    g = gradients(x, *p)
    assert all(np.all(np.isfinite(a)) for a in g)
    for a, b in zip(g, ref.grads(x, *p)):
        assert close(a, b, rtol=1e-10)
    assert g.variances[0] == pytest.approx(-0.5 / 1e-14, rel=1e-10)  # the point on mu_1 alone: -1/(2 sigma^2)
