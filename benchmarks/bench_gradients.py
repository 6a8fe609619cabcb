"""Speed and memory of mogcore.value_and_gradients, next to the floor and a plain version.

Prints, for each size: the median time of one call, the median time of ``np.exp`` over
m*K floats (the floor: any method must exponentiate each a_ik once), their ratio, a
straightforward numpy version that builds (m, K) arrays, JAX ``jit(value_and_grad)``
when JAX is installed, and the peak extra memory of one call (tracemalloc).

Run: make bench    (or python benchmarks/bench_gradients.py [--quick])
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

import numpy as np

import mogcore


def median_time(func, repeats: int) -> float:
    func()  # warm up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def peak_extra_mib(func) -> float:
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - base) / 2**20


def straightforward(x, w, mu, var):
    """The obvious numpy version: (m, K) arrays throughout."""
    d = x[:, None] - mu
    a = np.log(w) - 0.5 * np.log(2 * np.pi * var) - d**2 / (2 * var)
    amax = a.max(axis=1, keepdims=True)
    lse = amax[:, 0] + np.log(np.exp(a - amax).sum(axis=1))
    g = np.exp(a - lse[:, None])
    return lse.sum(), (
        (g * d / var).sum(0),
        0.5 * (g * (d**2 / var**2 - 1 / var)).sum(0),
        (g / w).sum(0),
    )


def jax_version():
    try:
        import jax
        import jax.numpy as jnp
    except ImportError:
        return None
    jax.config.update("jax_enable_x64", True)

    def loglik(params, x):
        w, mu, var = params
        a = jnp.log(w) - 0.5 * jnp.log(2 * jnp.pi * var) - (x[:, None] - mu) ** 2 / (2 * var)
        return jax.scipy.special.logsumexp(a, axis=1).sum()

    f = jax.jit(jax.value_and_grad(loglik))
    return lambda x, w, mu, var: jax.block_until_ready(f((w, mu, var), x))


def row(label, t, floor, extra=""):
    print(f"{label:<34s} {t * 1e3:10.2f} ms   {t / floor:6.2f} x floor {extra}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    sizes = [(10**3, 2), (10**5, 2), (10**6, 2), (10**6, 8)]
    if not args.quick:
        sizes.append((10**7, 2))
    jx = jax_version()
    print(f"numpy {np.__version__}; JAX: {'installed' if jx else 'not installed (optional: pip install jax)'}")
    print("floor = median of np.exp over m*K float64 into a preallocated array (out=);")
    print("        np.exp allocating its result is also shown, as 'floor (alloc)'.\n")
    for m, k in sizes:
        x = rng.normal(size=m) * 2.0
        w = np.full(k, 1.0 / k)
        mu = np.linspace(-2, 2, k)
        var = np.linspace(0.5, 2.0, k)
        repeats = 5 if m >= 10**7 else 11 if m >= 10**6 else 51
        src = rng.normal(size=m * k)
        buf = np.empty_like(src)
        floor = median_time(lambda: np.exp(src, out=buf), repeats)  # noqa: B023
        floor_alloc = median_time(lambda: np.exp(src), repeats)  # noqa: B023
        ours = median_time(lambda: mogcore.value_and_gradients(x, w, mu, var), repeats)  # noqa: B023
        plain = median_time(lambda: straightforward(x, w, mu, var), max(3, repeats // 3))  # noqa: B023
        mem = peak_extra_mib(lambda: mogcore.value_and_gradients(x, w, mu, var))  # noqa: B023
        print(f"m = {m:.0e}, K = {k}")
        row("  np.exp floor (out=)", floor, floor)
        row("  np.exp floor (alloc)", floor_alloc, floor)
        row("  mogcore.value_and_gradients", ours, floor, f"  ({ours / floor_alloc:.2f} x alloc floor)")
        row("  straightforward numpy", plain, floor, f"  (mogcore is {plain / ours:.1f} x faster)")
        if jx:
            xj, wj, mj, vj = (np.asarray(a) for a in (x, w, mu, var))
            tj = median_time(lambda: jx(xj, wj, mj, vj), repeats)  # noqa: B023
            row("  JAX jit(value_and_grad), CPU", tj, floor, f"  (mogcore is {tj / ours:.1f} x faster)")
        print(f"  peak extra memory of one call: {mem:.1f} MiB\n")

    # The notebooks' gradient field: a 100 x 100 grid of (mu_1, mu_2) at Old Faithful.
    x = mogcore.load_old_faithful()
    g1, g2 = np.meshgrid(np.linspace(1, 6, 100), np.linspace(1, 6, 100), indexing="ij")
    means = np.stack([g1, g2], axis=-1)
    w, var = np.array([0.35, 0.65]), np.array([0.07, 0.19])
    src = rng.normal(size=100 * 100 * 272 * 2)
    buf = np.empty_like(src)
    floor = median_time(lambda: np.exp(src, out=buf), 21)
    ours = median_time(lambda: mogcore.value_and_gradients(x, w, means, var), 21)
    mem = peak_extra_mib(lambda: mogcore.value_and_gradients(x, w, means, var))
    print("100 x 100 grid of (mu_1, mu_2), 272 Old Faithful points, K = 2 (one batched call)")
    row("  np.exp floor (out=)", floor, floor)
    row("  mogcore.value_and_gradients", ours, floor)
    print(f"  peak extra memory of one call: {mem:.1f} MiB")


if __name__ == "__main__":
    main()
