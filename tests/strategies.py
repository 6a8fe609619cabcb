"""Hypothesis strategies: random data and random mixtures (numpy-financial style)."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

finite = st.floats(-50, 50, allow_nan=False, allow_infinity=False)


@st.composite
def mixtures(draw, k=st.integers(1, 4)):  # noqa: B008 (a strategy, not a call result)
    """A mixture with K components: weights from a Dirichlet-like draw, sane scales."""
    kk = draw(k)
    raw = draw(hnp.arrays(float, kk, elements=st.floats(0.05, 1.0)))
    weights = raw / raw.sum()
    means = draw(hnp.arrays(float, kk, elements=st.floats(-10, 10)))
    variances = draw(hnp.arrays(float, kk, elements=st.floats(0.05, 20.0)))
    return weights, means, variances


@st.composite
def data(draw, min_size=1, max_size=40):
    return draw(hnp.arrays(float, st.integers(min_size, max_size), elements=st.floats(-20, 20)))


@st.composite
def problems(draw):
    """(x, weights, means, variances)."""
    x = draw(data())
    w, mu, var = draw(mixtures())
    return x, w, mu, var


def close(a, b, rtol=1e-6):
    """Relative agreement, with an absolute floor at rtol times the largest entry."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    scale = max(1.0, float(np.max(np.abs(b), initial=0.0)))
    return np.allclose(a, b, rtol=rtol, atol=rtol * scale)


def fd_close(exact, fd, loglik, h, rtol=1e-6):
    """Agreement with a central difference of step ``h``: relative, with the floor of ``close``, plus
    the difference's own rounding error, about eps |L| / h."""
    exact, fd = np.asarray(exact, float), np.asarray(fd, float)
    rounding = 8 * np.finfo(float).eps * max(abs(float(loglik)), 1.0) / np.asarray(h, float)
    scale = max(1.0, float(np.max(np.abs(fd), initial=0.0)))
    return bool(np.all(np.abs(exact - fd) <= rtol * (np.abs(fd) + scale) + rounding))


@st.composite
def hard_problems(draw, k=st.sampled_from([1, 2, 4])):  # noqa: B008 (a strategy, not a call result)
    """(x, weights, means, variances) with K = 1, 2 or 4 and, sometimes, an extreme component: one
    30 standard deviations beyond every point, or one on a data point with a variance 1e-6 of the data's
    (or of 1, if the data hardly spread)."""
    x = draw(data(min_size=2))
    w, mu, var = draw(mixtures(k=k))
    j = draw(st.integers(0, len(mu) - 1))
    twist = draw(st.sampled_from(["none", "far", "tiny"]))
    if twist == "far":
        mu[j] = x.max() + 30.0 * np.sqrt(var[j])
    elif twist == "tiny":
        var[j] = 1e-6 * max(float(np.var(x)), 1.0)
        mu[j] = x[draw(st.integers(0, len(x) - 1))]
    return x, w, mu, var
