"""Independent, straightforward implementations used as references by the tests.

Nothing here imports mogcore: it builds the (m, K) arrays the obvious way.
"""

from __future__ import annotations

import math

import numpy as np


def log_joint(x, w, mu, var):
    x = np.asarray(x, float)[:, None]
    w, mu, var = (np.asarray(a, float) for a in (w, mu, var))
    return np.log(w) - 0.5 * np.log(2 * math.pi * var) - (x - mu) ** 2 / (2 * var)


def loglik(x, w, mu, var):
    return float(np.logaddexp.reduce(log_joint(x, w, mu, var), axis=1).sum())


def resp(x, w, mu, var):
    a = log_joint(x, w, mu, var)
    return np.exp(a - np.logaddexp.reduce(a, axis=1, keepdims=True))


def grads(x, w, mu, var):
    x = np.asarray(x, float)[:, None]
    w, mu, var = (np.asarray(a, float) for a in (w, mu, var))
    g = resp(x[:, 0], w, mu, var)
    d_mu = (g * (x - mu) / var).sum(axis=0)
    d_var = 0.5 * (g * ((x - mu) ** 2 / var**2 - 1 / var)).sum(axis=0)
    d_pi = (g / w).sum(axis=0)
    return d_mu, d_var, d_pi


def em_fit(x, w, mu, var, iters):
    """Plain EM with Python loops over the components, for the fitted-values test."""
    x = np.asarray(x, float)
    w, mu, var = (list(map(float, a)) for a in (w, mu, var))
    k = len(w)
    for _ in range(iters):
        cols = []
        for j in range(k):
            cols.append(
                [math.log(w[j]) - 0.5 * math.log(2 * math.pi * var[j]) - (xi - mu[j]) ** 2 / (2 * var[j]) for xi in x]
            )
        rows = list(zip(*cols))
        gam = []
        for row in rows:
            top = max(row)
            z = [math.exp(v - top) for v in row]
            s = sum(z)
            gam.append([v / s for v in z])
        for j in range(k):
            nk = sum(g[j] for g in gam)
            w[j] = nk / len(x)
            mu[j] = sum(g[j] * xi for g, xi in zip(gam, x)) / nk
            var[j] = sum(g[j] * (xi - mu[j]) ** 2 for g, xi in zip(gam, x)) / nk
    return np.array(w), np.array(mu), np.array(var)
