"""Speed and memory of mogcore.multivariate.value_and_gradients against scikit-learn's E-step.

m = 1e6 points, d = 2, K = 3 full covariances, the same parameters on both sides, in the same run:
scikit-learn's ``GaussianMixture._estimate_log_prob_resp`` (log-likelihood per point and the
responsibilities, nothing more) against mogcore's log-likelihood *and* every gradient. The target is
mogcore at least 2x faster with at most 64 MiB of extra memory (tracemalloc peak of one call; numpy
reports its allocations to tracemalloc). Also a d = 5, K = 4 case, and the results compared.

Run: make bench    (or python benchmarks/bench_multivariate.py [--quick])
"""

from __future__ import annotations

import argparse
import os

import numpy as np
from bench_gradients import median_time, peak_extra_mib
from sklearn.mixture import GaussianMixture
from sklearn.mixture._gaussian_mixture import _compute_precision_cholesky

from mogcore import multivariate as mv


def problem(rng, m, d, k):
    X = rng.normal(size=(m, d)) + rng.integers(0, k, m)[:, None] * 3.0
    w = rng.dirichlet(np.full(k, 3.0))
    mu = rng.normal(size=(k, d)) * 3.0
    a = rng.normal(size=(k, d, d))
    cov = a @ np.swapaxes(a, -1, -2) + np.eye(d)
    return X, w, mu, cov


def sklearn_with(w, mu, cov):
    gm = GaussianMixture(len(w), covariance_type="full")
    gm.weights_, gm.means_, gm.covariances_ = w, mu, cov
    gm.precisions_cholesky_ = _compute_precision_cholesky(cov, "full")
    return gm


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="m = 1e5, fewer repeats")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    m = 10**5 if args.quick else 10**6
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "unset")
    print(f"numpy {np.__version__}; OPENBLAS_NUM_THREADS={threads}; medians of 7 calls\n")
    for d, k in ((2, 3), (5, 4)):
        X, w, mu, cov = problem(rng, m, d, k)
        gm = sklearn_with(w, mu, cov)
        ours = median_time(lambda: mv.value_and_gradients(X, w, mu, cov), 7)  # noqa: B023
        theirs = median_time(lambda: gm._estimate_log_prob_resp(X), 7)  # noqa: B023
        mem_ours = peak_extra_mib(lambda: mv.value_and_gradients(X, w, mu, cov))  # noqa: B023
        mem_theirs = peak_extra_mib(lambda: gm._estimate_log_prob_resp(X))  # noqa: B023
        L, _ = mv.value_and_gradients(X, w, mu, cov)
        log_norm, _ = gm._estimate_log_prob_resp(X)
        print(f"m = {m:.0e}, d = {d}, K = {k}")
        print(f"  mogcore value_and_gradients (L + all gradients) {ours * 1e3:9.1f} ms   {mem_ours:7.1f} MiB extra")
        print(f"  scikit-learn E-step (log prob + resp)           {theirs * 1e3:9.1f} ms   {mem_theirs:7.1f} MiB extra")
        print(f"  mogcore is {theirs / ours:.2f} x faster; L agrees to {abs(float(L) - log_norm.sum()):.1e}\n")


if __name__ == "__main__":
    main()
