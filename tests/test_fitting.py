"""Fitting: gradient ascent and EM paths, the named starts, and the fitted Old Faithful mixture."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mogcore
from mogcore.fitting import COLLAPSE_FRACTION, STARTS, em_fit, gradient_ascent, named_start
from mogcore.priors import log_prior_variances

from .reference import em_fit as reference_em_fit
from .reference import loglik as reference_loglik
from .strategies import data, mixtures

X = mogcore.load_old_faithful()


@st.composite
def problems(draw):
    """(x, weights, means, variances) with two or three components."""
    return (draw(data(min_size=2)), *draw(mixtures(k=st.integers(2, 3))))


def test_fitted_old_faithful_mixture_matches_an_independent_em():
    start, _ = named_start("typical", X)
    for iters in (1, 5, 40):
        ours = em_fit(X, *start, iters=iters).final
        theirs = reference_em_fit(X, *start, iters=iters)
        for a, b in zip(ours, theirs):
            assert np.allclose(a, b, rtol=1e-6, atol=1e-9)
    fit = em_fit(X, *start, iters=2000, tol=1e-12)
    ref = reference_em_fit(X, *start, iters=fit.iterations)
    for a, b in zip(fit.final, ref):
        assert np.allclose(a, b, rtol=1e-6)
    assert fit.loglik[-1] == pytest.approx(reference_loglik(X, *ref), rel=1e-9)
    # what notebook 06 prints
    assert np.allclose(fit.final.weights, [0.3484, 0.6516], atol=1e-4)
    assert np.allclose(fit.final.means, [2.0186, 4.2733], atol=1e-4)
    assert fit.loglik[-1] == pytest.approx(-276.3600, abs=1e-4)


def test_gradient_ascent_reaches_the_em_answer():
    start, _ = named_start("typical", X)
    ga = gradient_ascent(X, *start, step=0.2, iters=3000)
    em = em_fit(X, *start, iters=2000, tol=1e-12)
    assert ga.loglik[-1] == pytest.approx(em.loglik[-1], abs=1e-6)
    assert np.allclose(ga.final.means, em.final.means, atol=1e-4)


def test_gradient_ascent_first_step_follows_the_unconstrained_gradient():
    start, step = named_start("typical", X)
    w, mu, var = start
    m = len(X)
    path = gradient_ascent(X, *start, step=step, iters=1)
    g = mogcore.gradients(X, w, mu, var)
    assert np.allclose(path.means[1], mu + step / m * g.means)
    s = 0.5 * np.log(var) + step / m * mogcore.log_sigma_gradient(X, w, mu, var)
    assert np.allclose(path.variances[1], np.exp(2 * s))
    eta = np.log(w) + step / m * mogcore.weight_gradient(X, w, mu, var, kind="softmax")
    assert np.allclose(path.weights[1], np.exp(eta) / np.exp(eta).sum())


@settings(max_examples=40, deadline=None)
@given(problems())
def test_em_path_never_decreases_and_stays_valid(case):
    x, w, mu, var = case
    path = em_fit(x, w, mu, var, iters=15)
    assert np.all(np.diff(path.loglik) >= -1e-7 * np.abs(path.loglik[1:]).clip(1))
    assert np.allclose(path.weights.sum(axis=1), 1)
    assert np.all(path.variances > 0)


@settings(max_examples=40, deadline=None)
@given(problems())
def test_gradient_ascent_never_leaves_the_parameter_space(case):
    x, w, mu, var = case
    path = gradient_ascent(x, w, mu, var, step=5.0, iters=20)  # a reckless step
    assert np.all(np.isfinite(path.loglik))
    assert np.allclose(path.weights.sum(axis=1), 1) and np.all(path.weights > 0)
    assert np.all(path.variances > 0)


def test_named_starts_show_their_behaviour():
    names = {"typical", "too large a step", "identical components", "collapse onto a point", "labels swapped"}
    assert set(STARTS) == names
    mix, big = named_start("too large a step", X)
    wild = gradient_ascent(X, *mix, step=big, iters=300)
    assert (np.diff(wild.loglik) < 0).sum() > 50
    same, step = named_start("identical components", X)
    for path in (em_fit(X, *same, iters=50), gradient_ascent(X, *same, step=step, iters=50)):
        assert np.allclose(path.means[:, 0], path.means[:, 1])
    tiny, step = named_start("collapse onto a point", X)
    em = em_fit(X, *tiny, iters=10)
    assert em.stopped.startswith("collapsed") and em.iterations == 0
    ga = gradient_ascent(X, *tiny, step=step, iters=100)
    assert np.all(np.diff(ga.variances[:, 0]) < 0) and np.all(np.diff(ga.loglik) > 0)
    swapped, _ = named_start("labels swapped", X)
    a = em_fit(X, *swapped, iters=500, tol=1e-12)
    b = em_fit(X, *named_start("typical", X)[0], iters=500, tol=1e-12)
    assert a.loglik[-1] == pytest.approx(b.loglik[-1], abs=1e-8)
    assert np.allclose(a.final.means[::-1], b.final.means, atol=1e-5)


def test_variance_floor_prevents_collapse():
    tiny, _ = named_start("collapse onto a point", X)
    floor = 1e-3 * X.var()
    em = em_fit(X, *tiny, iters=30, var_floor=floor)
    assert em.iterations == 30 and em.variances[1:].min() >= floor
    ga = gradient_ascent(X, *tiny, step=0.1, iters=30, var_floor=floor)
    assert ga.variances[1:].min() >= floor


def test_divergence_is_reported_not_raised():
    start, _ = named_start("typical", X)
    path = gradient_ascent(X, *start, step=100.0, iters=50)
    assert path.stopped.startswith(("diverged", "collapsed")) and np.all(np.isfinite(path.loglik))


def test_collapse_is_reported_at_the_threshold():
    tiny, _step = named_start("collapse onto a point", X)
    floor = COLLAPSE_FRACTION * X.var()
    path = em_fit(X, tiny.weights, tiny.means, [10 * floor, tiny.variances[1]], iters=5)
    assert path.stopped.startswith("collapsed at iteration 1") and path.iterations == 0
    kept = em_fit(X, tiny.weights, tiny.means, [10 * floor, tiny.variances[1]], iters=5, var_floor=10 * floor)
    assert kept.stopped == "ran all iterations" and kept.variances.min() >= 10 * floor


def test_path_at_clamps_to_the_last_iterate():
    path = em_fit(X, *named_start("typical", X)[0], iters=3)
    assert np.array_equal(path.at(99).means, path.final.means)
    assert np.array_equal(path.at(-5).means, path.means[0])


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda: gradient_ascent(X, [0.5, 0.5], [1, 2], [1, 1], step=0.0), "step must be finite and > 0"),
        (lambda: gradient_ascent(X, [0.5, 0.5], [1, 2], [1, 1], step=np.nan), "step must be finite and > 0"),
        (lambda: gradient_ascent(X, [0.5, 0.5], [1, 2], [1, 1], step="big"), "step must be a real number"),
        (lambda: gradient_ascent(X, [0.5, 0.5], [1, 2], [1, 1], step=0.1, iters=-3), "iters must be a non-negative"),
        (lambda: gradient_ascent(X, [0.5, 0.5], [1, 2], [1, 1], step=0.1, var_floor=np.nan), "var_floor must be fin"),
        (lambda: gradient_ascent(X, [0.5, 0.5], [1, 2], [1, 1], step=0.1, var_floor=-1.0), "var_floor must be fin"),
        (lambda: em_fit(X, [0.5, 0.5], [1, 2], [1, 1], iters=-1), "iters must be a non-negative integer"),
        (lambda: em_fit(X, [0.5, 0.5], [1, 2], [1, 1], iters=2.5), "iters must be a non-negative integer"),
        (lambda: em_fit(X, [0.5, 0.5], [1, 2], [1, 1], tol=np.nan), r"tol must be finite and >= 0; got nan"),
        (lambda: em_fit(X, [0.5, 0.5], [1, 2], [1, 1], tol=-1e-9), r"tol must be finite and >= 0"),
        (lambda: em_fit(X, [0.5, 0.5], [1, 2], [1, 1], var_floor=np.nan), r"var_floor must be finite and >= 0"),
        (lambda: em_fit([], [0.5, 0.5], [1, 2], [1, 1]), "at least one point"),
        (lambda: em_fit(X, [[0.5, 0.5]], [1, 2], [1, 1]), "must be 1-D"),
        (lambda: em_fit(X, [0.5, 0.5], [1, 2], [1, -1]), "variances must be > 0"),
        (lambda: named_start("best", X), "name must be one of"),
        (lambda: log_prior_variances([1.0, 0.0]), "variances must be > 0"),
        (lambda: log_prior_variances([1.0], shape=0.0), "shape must be finite and > 0"),
    ],
)
def test_bad_input_is_a_clear_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_prior_bounds_the_likelihood_where_it_is_unbounded():
    axis = np.logspace(-40, 0.3, 500)
    settings_ = np.column_stack([axis, np.full_like(axis, X.var())])
    L = mogcore.log_likelihood(X, [0.05, 0.95], [X.min(), X.mean()], settings_)
    assert L[0] > L[100]  # unbounded as sigma_1 -> 0
    penalised = L + log_prior_variances(settings_, 2.0, 0.01 * X.var())
    assert np.all(np.isfinite(penalised))
    best = int(np.argmax(penalised))
    assert 0 < best < len(axis) - 1  # an interior maximum
    # the prior is the inverse-gamma log density
    from math import lgamma, log

    a, b, v = 2.0, 0.3, 0.7
    assert float(log_prior_variances([v], a, b)) == pytest.approx(a * log(b) - lgamma(a) - (a + 1) * log(v) - b / v)


@pytest.mark.parametrize("start", sorted(STARTS))
def test_the_fitters_passes_are_the_public_functions_to_the_bit(start):
    """The fitters' loops check the data once and then make their passes unchecked: each iterate's L, and
    each step, must be exactly what the public functions give for that iterate."""
    x = mogcore.load_old_faithful()
    ascent = gradient_ascent(x, *named_start(start, x)[0], step=0.5, iters=40)
    em = em_fit(x, *named_start(start, x)[0], iters=40)
    for path in (ascent, em):
        for t in range(path.iterations + 1):
            assert path.loglik[t] == float(mogcore.log_likelihood(x, *path.at(t))), (path.method, t)
    for t in range(em.iterations):
        step = mogcore.em_step(x, *em.at(t))
        assert all(np.array_equal(a, b) for a, b in zip(step, em.at(t + 1), strict=True)), t
    g = mogcore.value_and_unconstrained_gradients(x, *ascent.at(0))[1]
    mu = ascent.at(0).means + 0.5 / len(x) * g.means
    assert np.array_equal(ascent.at(1).means, mu)
