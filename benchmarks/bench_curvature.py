"""Speed of mogcore.hessian next to one gradient pass, and Newton against EM and gradient ascent.

Prints the median time of ``mogcore.hessian`` at m = 1e6, K = 2 against one ``value_and_gradients`` call on
the same data (and the Hessian's peak extra memory), then Newton's method, EM and gradient ascent (step 0.1)
from the "typical" named start on Old Faithful, each run until L rises by less than 1e-10 |L| in a step:
iterations, milliseconds and the final L.

Run: make bench    (or python benchmarks/bench_curvature.py [--quick])
"""

from __future__ import annotations

import argparse
import os

import numpy as np
from bench_gradients import median_time, peak_extra_mib

import mogcore
from mogcore.fitting import em_fit, gradient_ascent, named_start, newton

TOL = 1e-10


def first_converged(loglik: np.ndarray, tol: float) -> int:
    """The first step whose rise in L is below tol |L|: where a run with ``tol`` would stop."""
    rises = np.diff(loglik)
    below = np.flatnonzero(rises < tol * np.abs(loglik[1:]))
    return int(below[0]) + 1 if below.size else len(rises)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="m = 1e5, fewer repeats")
    args = parser.parse_args()
    m, repeats = (10**5, 5) if args.quick else (10**6, 7)
    rng = np.random.default_rng(0)
    x = rng.normal(size=m) * 2.0
    mix = (np.array([0.5, 0.5]), np.array([-1.0, 1.5]), np.array([0.8, 1.6]))
    t_hess = median_time(lambda: mogcore.hessian(x, *mix), repeats)
    t_grad = median_time(lambda: mogcore.value_and_gradients(x, *mix), repeats)
    mem = peak_extra_mib(lambda: mogcore.hessian(x, *mix))
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "unset")
    print(f"numpy {np.__version__}; OPENBLAS_NUM_THREADS={threads}; medians of {repeats} calls\n")
    print(f"m = {m:.0e}, K = 2 (P = 5 coordinates)")
    print(f"  mogcore.hessian                {t_hess * 1e3:9.1f} ms   peak extra memory {mem:.1f} MiB")
    print(f"  mogcore.value_and_gradients    {t_grad * 1e3:9.1f} ms")
    print(f"  ratio                          {t_hess / t_grad:9.1f} x\n")

    X = mogcore.load_old_faithful()
    start, step = named_start("typical", X)
    print(f'Old Faithful (m = {len(X)}), the "typical" start, until L rises by less than {TOL:g} |L| in a step')
    print(f"  {'method':<28s} {'iterations':>10s} {'ms':>10s} {'final L':>18s}")
    runs = {
        "Newton (safeguarded)": lambda: newton(X, *start, iters=1000, tol=TOL),
        "EM": lambda: em_fit(X, *start, iters=100_000, tol=TOL),
    }
    # gradient_ascent has no tolerance: find the step where a tolerance would stop it, then time that many.
    ga_steps = first_converged(gradient_ascent(X, *start, step=step, iters=20_000).loglik, TOL)
    runs[f"gradient ascent (step {step:g})"] = lambda: gradient_ascent(X, *start, step=step, iters=ga_steps)
    for label, run in runs.items():
        path = run()
        t = median_time(run, 3 if label.startswith("gradient") else 11)
        print(f"  {label:<28s} {path.iterations:10d} {t * 1e3:10.1f} {path.loglik[-1]:18.10f}")


if __name__ == "__main__":
    main()
