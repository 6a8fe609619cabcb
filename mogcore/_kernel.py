"""The one pass over the data behind ``log_likelihood`` and the gradients.

Everything the value and the gradients need reduces to four sums per component,

    L    = sum_i logsumexp_k a_ik
    N_k  = sum_i gamma_ik
    S1_k = sum_i gamma_ik (x_i - mu_k)
    S2_k = sum_i gamma_ik (x_i - mu_k)^2

with ``a_ik = log pi_k - log(2 pi sigma_k^2)/2 - (x_i - mu_k)^2 / (2 sigma_k^2)``.
The data are walked in chunks into preallocated buffers, so the extra memory is a
few MiB whatever m is, and no ``(m, K)`` array is ever built. Per point and
component: a scaled residual ``y = (x - mu) / sqrt(2 sigma^2)``, its square, one
``exp``; per point one ``log``; the sums are BLAS dot products.

Inputs are trusted: the public functions validate them first.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

#: Elements per work buffer (points x batch rows x components); 2**15 floats = 256 KiB.
CHUNK_ELEMENTS = 2**15


class Sums(NamedTuple):
    """The sufficient sums of one pass, each with the batch axes flattened to ``B``."""

    loglik: np.ndarray  # (B,)
    n: np.ndarray  # (B, K)
    s1: np.ndarray  # (B, K)
    s2: np.ndarray  # (B, K)


def log_coefficients(weights: np.ndarray, variances: np.ndarray) -> np.ndarray:
    """``log pi_k - log(2 pi sigma_k^2) / 2``, the part of ``a_ik`` free of x."""
    return np.log(weights) - 0.5 * np.log(2.0 * np.pi * variances)


def _blocks(batch: int, m: int, k: int) -> tuple[int, int]:
    """Rows of the batch and points of the data handled per block."""
    c = min(m, max(1, CHUNK_ELEMENTS // k))
    b = min(batch, max(1, CHUNK_ELEMENTS // (k * max(c, 1))))
    return b, max(c, 1)


def accumulate(
    x: np.ndarray,
    weights: np.ndarray,
    means: np.ndarray,
    variances: np.ndarray,
    grads: bool = True,
) -> Sums:
    """The sums above for parameters of shape ``(B, K)`` and data of shape ``(m,)``.

    ``grads=False`` skips N, S1 and S2 (they come back as zeros).
    """
    batch, k = means.shape
    m = x.shape[0]
    logc = log_coefficients(weights, variances)
    scale = np.sqrt(0.5 / variances)  # y_ik = (x_i - mu_k) * scale_k, a_ik = logc_k - y_ik^2
    out = Sums(np.zeros(batch), np.zeros((batch, k)), np.zeros((batch, k)), np.zeros((batch, k)))
    if m == 0:
        return out
    b, c = _blocks(batch, m, k)
    bufs = np.empty((3 * k + 2, b, c))
    for r0 in range(0, batch, b):
        rows = slice(r0, min(r0 + b, batch))
        _rows(x, logc[rows], means[rows], scale[rows], bufs, c, out, rows, grads)
    # S1 and S2 were summed in the scaled residual y = d * scale: undo the scale.
    out.s1[...] /= scale
    out.s2[...] /= scale * scale
    return out


#: exp() of anything below this is subnormal or 0, and numpy's exp takes a path about
#: 20x slower there; exp(-708) ~ 3e-308 is as good as 0 next to the largest term, 1.
EXP_FLOOR = -708.0


def _rows(x, logc, mu, scale, bufs, c, out, rows, grads) -> None:
    """A block of batch rows against every chunk of the data, component axis first."""
    nb, k = mu.shape
    m = x.shape[0]
    if nb == 1:  # one parameter setting: 1-D buffers and Python floats broadcast fastest
        bufs = bufs[:, 0, :]
        mu_j, sc_j, lc_j = mu[0].tolist(), scale[0].tolist(), logc[0].tolist()
    else:  # per-component columns shaped (nb, 1), to broadcast along the points
        mu_j = [mu[:, j, None] for j in range(k)]
        sc_j = [scale[:, j, None] for j in range(k)]
        lc_j = [logc[:, j, None] for j in range(k)]
    loglik = np.zeros(nb)
    n = np.zeros((k, nb))
    s1 = np.zeros((k, nb))
    s2 = np.zeros((k, nb))
    for i0 in range(0, m, c):
        xc = x[i0 : i0 + c]
        work = bufs[..., : xc.shape[0]] if nb == 1 else bufs[:, :nb, : xc.shape[0]]
        y, q, e = work[:k], work[k : 2 * k], work[2 * k : 3 * k]
        amax, s = work[3 * k], work[3 * k + 1]
        for j in range(k):
            np.subtract(xc, mu_j[j], out=y[j])
            np.multiply(y[j], sc_j[j], out=y[j])
            np.multiply(y[j], y[j], out=q[j])
            np.subtract(lc_j[j], q[j], out=e[j])  # a_ij
        if k == 1:
            np.copyto(amax, e[0])
        else:  # the first max writes straight into amax: no copy pass
            np.maximum(e[0], e[1], out=amax)
        for j in range(2, k):
            np.maximum(amax, e[j], out=amax)
        np.subtract(e, amax, out=e)
        np.maximum(e, EXP_FLOOR, out=e)
        np.exp(e, out=e)  # exp(a_ij - max_j a_ij): the largest term is exactly 1
        if k == 1:
            np.copyto(s, e[0])
        else:
            np.add(e[0], e[1], out=s)
        for j in range(2, k):
            np.add(s, e[j], out=s)
        loglik += amax.sum(axis=-1)
        np.log(s, out=amax)
        loglik += amax.sum(axis=-1)
        if not grads:
            continue
        np.reciprocal(s, out=s)
        np.multiply(e, s, out=e)  # gamma_ij
        n += e.sum(axis=-1).reshape(k, nb)
        if nb == 1:
            for j in range(k):
                s1[j] += np.dot(e[j], y[j])
                s2[j] += np.dot(e[j], q[j])
        else:
            np.multiply(e, y, out=y)
            s1 += y.sum(axis=-1)
            np.multiply(e, q, out=q)
            s2 += q.sum(axis=-1)
    out.loglik[rows] = loglik
    out.n[rows] = n.T
    out.s1[rows] = s1.T
    out.s2[rows] = s2.T
