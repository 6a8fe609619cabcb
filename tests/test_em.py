"""EM: monotone, a preconditioned gradient step, and the fitted Old Faithful mixture."""

import numpy as np
import pytest
from hypothesis import assume, given, settings

import mogcore
from mogcore import em_step, gradients, log_likelihood

from . import reference as ref
from .strategies import close, problems


@settings(max_examples=150, deadline=None)
@given(problems())
def test_em_step_never_decreases_loglik(p):
    x, w, mu, var = p
    new = em_step(x, w, mu, var)
    assume(not np.any(new.variances <= 1e-10))  # a component collapsed onto a point: L -> +inf
    before = float(log_likelihood(x, w, mu, var))
    after = float(log_likelihood(x, *new))
    assert after >= before - 1e-9 * max(1.0, abs(before))


@settings(max_examples=150, deadline=None)
@given(problems())
def test_em_mean_update_is_preconditioned_gradient_step(p):
    x, w, mu, var = p
    new = em_step(x, w, mu, var)
    nk = mogcore.responsibilities(x, w, mu, var).sum(axis=0)
    assert close(new.weights, nk / len(x), rtol=1e-12)
    # The step sigma^2 / N_k is defined where N_k is representable; a component more
    # than ~38 sd from every point has N_k = 0 in float64 and no step to compare.
    live = nk > 1e-300
    step = mu[live] + var[live] / nk[live] * gradients(x, w, mu, var).means[live]
    # mu_k and the step cancel when a far component jumps onto the data (8.28 - 8.28 = 0 for N_k = 1e-298):
    # rounding is relative to |mu_k| and the data, not to the small result.
    scale = np.maximum(np.abs(mu[live]), np.abs(x).max())
    assert np.all(np.abs(new.means[live] - step) <= 1e-9 * (np.abs(step) + scale))


def test_em_returns_valid_weights_and_batch():
    x = mogcore.load_old_faithful()
    means = np.array([[2.0, 4.0], [1.0, 5.0], [3.0, 3.5]])
    new = em_step(x, [0.5, 0.5], means, [1.0, 1.0])
    assert new.means.shape == (3, 2)
    assert np.allclose(new.weights.sum(-1), 1.0, atol=1e-12)
    for i in range(3):
        one = em_step(x, [0.5, 0.5], means[i], [1.0, 1.0])
        assert np.allclose(new.means[i], one.means) and np.allclose(new.variances[i], one.variances)


def test_em_fit_on_old_faithful_matches_independent_implementation():
    x = mogcore.load_old_faithful()
    w, mu, var = np.array([0.5, 0.5]), np.array([2.0, 4.0]), np.array([1.0, 1.0])
    for _ in range(200):
        w, mu, var = em_step(x, w, mu, var)
    rw, rmu, rvar = ref.em_fit(x, [0.5, 0.5], [2.0, 4.0], [1.0, 1.0], 200)
    assert np.allclose(w, rw, rtol=1e-6) and np.allclose(mu, rmu, rtol=1e-6)
    assert np.allclose(var, rvar, rtol=1e-6)
    # And the fixed point is a stationary point of L (with the constraint on pi).
    g = gradients(x, w, mu, var)
    assert np.allclose(g.means, 0, atol=1e-6) and np.allclose(g.variances, 0, atol=1e-6)
    assert mu[0] == pytest.approx(2.02, abs=0.01) and mu[1] == pytest.approx(4.27, abs=0.01)


def test_em_needs_data():
    with pytest.raises(ValueError, match="at least one point"):
        em_step([], [1.0], [0.0], [1.0])
