"""Log-likelihood, responsibilities, densities, sampling."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mogcore
from mogcore import log_likelihood, responsibilities

from . import reference as ref
from .strategies import close, mixtures, problems


def test_known_value_by_hand():
    # One point at the mean of a single standard normal: L = log(1/sqrt(2 pi)).
    assert float(log_likelihood([0.0], [1.0], [0.0], [1.0])) == pytest.approx(-0.5 * np.log(2 * np.pi))
    # Two components, 70/30, point at 0: L = log(0.7 N(0|0,1) + 0.3 N(0|4,1)).
    n = lambda x, mu: np.exp(-((x - mu) ** 2) / 2) / np.sqrt(2 * np.pi)  # noqa: E731
    expected = np.log(0.7 * n(0, 0) + 0.3 * n(0, 4))
    assert float(log_likelihood([0.0], [0.7, 0.3], [0.0, 4.0], [1.0, 1.0])) == pytest.approx(expected, rel=1e-14)


@settings(max_examples=150, deadline=None)
@given(problems())
def test_loglik_matches_reference(p):
    x, w, mu, var = p
    assert close(log_likelihood(x, w, mu, var), ref.loglik(x, w, mu, var), rtol=1e-12)


@settings(max_examples=150, deadline=None)
@given(problems())
def test_responsibilities_sum_to_one_and_match(p):
    x, w, mu, var = p
    g = responsibilities(x, w, mu, var)
    assert g.shape == (len(x), len(w))
    assert np.all(g >= 0)
    assert np.max(np.abs(g.sum(axis=-1) - 1)) <= 1e-12
    assert np.allclose(g, ref.resp(x, w, mu, var), atol=1e-12)


@settings(max_examples=100, deadline=None)
@given(problems())
def test_label_switching_leaves_loglik_unchanged(p):
    x, w, mu, var = p
    perm = np.random.default_rng(len(x)).permutation(len(w))
    a = log_likelihood(x, w, mu, var)
    b = log_likelihood(x, w[perm], mu[perm], var[perm])
    assert close(a, b, rtol=1e-12)
    g = responsibilities(x, w, mu, var)
    assert np.allclose(responsibilities(x, w[perm], mu[perm], var[perm]), g[:, perm], atol=1e-13)


def test_loglik_is_not_computed_from_normalized_responsibilities():
    # A classic bug: log of the normalized responsibilities sums to about 0.
    x = np.array([0.0, 10.0, 20.0])
    assert float(log_likelihood(x, [0.5, 0.5], [0.0, 1.0], [1.0, 1.0])) < -100


def test_extreme_inputs_stay_finite():
    sd = 1.0
    far = 1e4 * sd
    x = np.array([-far, 0.0, far, 3.0])
    cases = [
        ([0.5, 0.5], [0.0, 1.0], [sd**2, sd**2]),  # points 10^4 sd from every mean
        ([0.5, 0.5], [0.0, 3.0], [1e-14, 1.0]),  # a tiny variance
        ([1 - 1e-12, 1e-12], [0.0, 3.0], [1.0, 1.0]),  # a tiny weight
    ]
    for w, mu, var in cases:
        L, g = mogcore.value_and_gradients(x, w, mu, var)
        r = responsibilities(x, w, mu, var)
        assert np.isfinite(L)
        assert all(np.all(np.isfinite(a)) for a in g)
        assert np.all(np.isfinite(r)) and np.max(np.abs(r.sum(-1) - 1)) <= 1e-12
        assert np.isfinite(log_likelihood(x, w, mu, var))
        assert np.all(np.isfinite(mogcore.log_sigma_gradient(x, w, mu, var)))
        for kind in mogcore.WEIGHT_GRADIENT_KINDS:
            assert np.all(np.isfinite(mogcore.weight_gradient(x, w, mu, var, kind=kind)))
    # And the value itself is right far out: L ~ -(10^4)^2 / 2 per far point.
    L = float(log_likelihood([far], [1.0], [0.0], [1.0]))
    assert L == pytest.approx(-0.5 * far**2 - 0.5 * np.log(2 * np.pi), rel=1e-14)


def test_naive_density_underflows_but_log_domain_does_not():
    assert mogcore.normal_pdf(40.0, 0.0, 1.0) == 0.0
    r = responsibilities([40.0], [0.5, 0.5], [0.0, 1.0], [1.0, 1.0])
    assert r[0, 1] == pytest.approx(1.0) and np.isfinite(r).all()


def test_empty_data():
    assert float(log_likelihood([], [0.5, 0.5], [0.0, 1.0], [1.0, 1.0])) == 0.0
    L, g = mogcore.value_and_gradients(np.array([]), [0.5, 0.5], [0.0, 1.0], [1.0, 1.0])
    assert float(L) == 0.0 and all(np.all(a == 0) for a in g)
    assert responsibilities([], [0.5, 0.5], [0.0, 1.0], [1.0, 1.0]).shape == (0, 2)


def test_batch_equals_loop_over_batch():
    rng = np.random.default_rng(1)
    x = rng.normal(size=300)
    mu1, mu2 = np.meshgrid(np.linspace(-2, 2, 7), np.linspace(-1, 3, 5), indexing="ij")
    means = np.stack([mu1, mu2], axis=-1)  # (7, 5, 2)
    w, var = np.array([0.3, 0.7]), np.array([0.5, 2.0])
    L = log_likelihood(x, w, means, var)
    L2, g = mogcore.value_and_gradients(x, w, means, var)
    r = responsibilities(x, w, means, var)
    assert L.shape == (7, 5) and g.means.shape == (7, 5, 2) and r.shape == (7, 5, 300, 2)
    for i in range(7):
        for j in range(5):
            one = mogcore.value_and_gradients(x, w, means[i, j], var)
            assert L[i, j] == pytest.approx(float(one[0]), rel=1e-13)
            assert L2[i, j] == pytest.approx(float(one[0]), rel=1e-13)
            for a, b in zip(g, one[1]):
                assert np.allclose(a[i, j], b, rtol=1e-12, atol=1e-12)
            assert np.allclose(r[i, j], responsibilities(x, w, means[i, j], var))


def test_chunking_does_not_change_results(monkeypatch):
    from mogcore import _kernel

    rng = np.random.default_rng(2)
    x = rng.normal(size=5001)
    p = ([0.2, 0.5, 0.3], [-1.0, 0.0, 2.0], [0.3, 1.0, 2.0])
    whole = mogcore.value_and_gradients(x, *p)
    monkeypatch.setattr(_kernel, "CHUNK_ELEMENTS", 64)
    chunked = mogcore.value_and_gradients(x, *p)
    assert float(whole[0]) == pytest.approx(float(chunked[0]), rel=1e-12)
    for a, b in zip(whole[1], chunked[1]):
        assert np.allclose(a, b, rtol=1e-11)


def test_sample_draws_components_in_proportion():
    x, z = mogcore.sample(20000, [0.7, 0.3], [0.0, 10.0], [1.0, 4.0], rng=0)
    assert x.shape == z.shape == (20000,)
    assert abs((z == 0).mean() - 0.7) < 0.02
    assert abs(x[z == 1].mean() - 10.0) < 0.1 and abs(x[z == 1].var() - 4.0) < 0.2
    again, _ = mogcore.sample(20000, [0.7, 0.3], [0.0, 10.0], [1.0, 4.0], rng=0)
    assert np.array_equal(x, again)


def test_old_faithful_loads_with_known_figures():
    x = mogcore.load_old_faithful()
    wait = mogcore.load_old_faithful("waiting")
    assert x.shape == wait.shape == (272,)
    assert round(float(x.mean()), 4) == 3.4878
    assert round(float(wait.mean()), 4) == 70.8971
    with pytest.raises(ValueError, match="column"):
        mogcore.load_old_faithful("duration")


def test_densities_add_up():
    x = np.linspace(-3, 8, 50)
    p = ([0.6, 0.4], [0.0, 4.0], [1.0, 2.0])
    comp = mogcore.component_pdfs(x, *p)
    assert np.allclose(comp.sum(-1), mogcore.mixture_pdf(x, *p), rtol=1e-13)
    assert np.allclose(comp[:, 0], 0.6 * mogcore.normal_pdf(x, 0.0, 1.0), rtol=1e-13)
    # integrates to 1
    grid = np.linspace(-20, 30, 20001)
    assert np.trapezoid(mogcore.mixture_pdf(grid, *p), grid) == pytest.approx(1.0, abs=1e-9)


def _log_odds(t, w, mu, var):
    a = ref.log_joint(t, w, mu, var)
    return a[:, 0] - a[:, 1]


@settings(max_examples=150, deadline=None)
@given(mixtures(k=st.just(2)))
def test_decision_boundaries_are_where_gamma_is_one_half(mix):
    w, mu, var = mix
    roots = mogcore.decision_boundaries(w, mu, var)
    assert roots.ndim == 1 and len(roots) <= 2 and np.all(np.diff(roots) >= 0)
    assert np.all(np.isfinite(roots))
    near = roots[np.abs(roots) < 1e6]  # (nearly equal means put a root out near 1/(mu_2 - mu_1))
    for r in near:
        # the log-odds is 0 there, up to the rounding of the root itself times the log-odds' slope
        lo, slope = (
            _log_odds(np.array([r]), w, mu, var)[0],
            np.abs(np.diff(_log_odds(np.array([r, r + 1e-6]), w, mu, var))),
        )
        assert abs(lo) <= 1e-7 + 1e-9 * (abs(r) + 1) * float(slope[0]) / 1e-6
    # an independent count: sign changes of the log-odds on a fine grid around everything
    t = np.linspace(-400, 400, 400_001)
    lo = _log_odds(t, w, mu, var)
    crossings = int(np.sum(np.sign(lo[1:]) != np.sign(lo[:-1])))
    inside = roots[(roots > -400) & (roots < 400)]
    if not np.any(np.abs(lo) < 1e-6):  # (a tangent root can hide between grid points)
        assert crossings == len(inside)


def test_decision_boundaries_known_cases():
    assert mogcore.decision_boundaries([0.5, 0.5], [0.0, 4.0], [1.0, 1.0]).tolist() == [2.0]
    # equal variances: log(pi1/pi2) shifts the single boundary towards the smaller weight's mean
    shift = mogcore.decision_boundaries([0.8, 0.2], [0.0, 4.0], [1.0, 1.0])
    assert shift.tolist() == pytest.approx([2.0 + np.log(4.0) / 4.0])
    # the counterexample: unequal variances and no boundary at all
    assert mogcore.decision_boundaries([0.01, 0.99], [0.0, 0.0], [1.0, 2.0]).size == 0
    # identical components: gamma is constant, there is no boundary to draw
    assert mogcore.decision_boundaries([0.5, 0.5], [1.0, 1.0], [2.0, 2.0]).size == 0


def test_decision_boundaries_stay_accurate_when_variances_nearly_agree():
    w, mu = [0.4, 0.6], [0.0, 3.0]
    equal = mogcore.decision_boundaries(w, mu, [1.0, 1.0])
    for eps in (1e-6, 1e-9, 1e-12):
        near = mogcore.decision_boundaries(w, mu, [1.0, 1.0 + eps])
        assert len(near) == 2
        finite = near[np.abs(near) < 1e3]  # the other root runs off to about 1/eps
        assert finite == pytest.approx(equal, rel=1e-6, abs=1e-6)
        assert ref.resp(finite, w, mu, [1.0, 1.0 + eps])[:, 0] == pytest.approx(0.5, abs=1e-9)
