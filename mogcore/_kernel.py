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

#: exp() of anything below this is subnormal or 0, and numpy's exp takes a path about
#: 20x slower there; exp(-708) ~ 3e-308 is as good as 0 next to the largest term, 1.
EXP_FLOOR = -708.0


class Sums(NamedTuple):
    """The sufficient sums of one pass, each with the batch axes flattened to ``B``."""

    loglik: np.ndarray  # (B,)
    n: np.ndarray  # (B, K)
    s1: np.ndarray  # (B, K)
    s2: np.ndarray  # (B, K)


def log_coefficients(weights: np.ndarray, variances: np.ndarray) -> np.ndarray:
    """``log pi_k - log(2 pi sigma_k^2) / 2``, the part of ``a_ik`` free of x."""
    return np.log(weights) - 0.5 * np.log(2.0 * np.pi * variances)


class _Buffers:
    """Work space for one chunk: per component ``y`` (scaled residual), ``q = y^2`` and
    ``e`` (``a_ij``, then ``exp``, then ``gamma_ij``); per point ``amax`` and ``total``.

    Each has the chunk's points on its last axis; ``rows`` batch rows sit before that
    (none for a single parameter setting, where 1-D buffers broadcast fastest).
    """

    def __init__(self, k: int, rows: int, points: int, single: bool) -> None:
        shape = (points,) if single else (rows, points)
        self.y = np.empty((k, *shape))
        self.q = np.empty((k, *shape))
        self.e = np.empty((k, *shape))
        self.amax = np.empty(shape)
        self.total = np.empty(shape)

    def view(self, rows: int, points: int, single: bool) -> _Buffers:
        """The same buffers cut to ``rows`` batch rows and ``points`` points (no copy)."""
        cut = _Buffers.__new__(_Buffers)
        idx = (..., slice(points)) if single else (..., slice(rows), slice(points))
        for name in ("y", "q", "e", "amax", "total"):
            setattr(cut, name, getattr(self, name)[idx])
        return cut


def _blocks(batch: int, m: int, k: int) -> tuple[int, int]:
    """Rows of the batch and points of the data handled per block."""
    c = max(1, min(m, CHUNK_ELEMENTS // k))
    b = min(batch, max(1, CHUNK_ELEMENTS // (k * c)))
    return b, c


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
    loglik, n, s1, s2 = np.zeros(batch), np.zeros((batch, k)), np.zeros((batch, k)), np.zeros((batch, k))
    if m > 0:
        rows_per_block, points = _blocks(batch, m, k)
        single = batch == 1
        buffers = _Buffers(k, rows_per_block, points, single)
        for r0 in range(0, batch, rows_per_block):
            rows = slice(r0, min(r0 + rows_per_block, batch))
            block = _Block(logc[rows], means[rows], scale[rows], single)
            block.run(x, buffers, points, grads)
            loglik[rows], n[rows], s1[rows], s2[rows] = block.loglik, block.n.T, block.s1.T, block.s2.T
    # S1 and S2 were summed in the scaled residual y = d * scale: undo the scale.
    return Sums(loglik, n, s1 / scale, s2 / (scale * scale))


class _Block:
    """A block of batch rows against every chunk of the data, component axis first."""

    def __init__(self, logc: np.ndarray, mu: np.ndarray, scale: np.ndarray, single: bool) -> None:
        nb, k = mu.shape
        self.nb, self.k, self.single = nb, k, single
        if single:  # one parameter setting: Python floats broadcast fastest
            self.mu, self.scale, self.logc = mu[0].tolist(), scale[0].tolist(), logc[0].tolist()
        else:  # per-component columns shaped (nb, 1), to broadcast along the points
            self.mu = [mu[:, j, None] for j in range(k)]
            self.scale = [scale[:, j, None] for j in range(k)]
            self.logc = [logc[:, j, None] for j in range(k)]
        self.loglik = np.zeros(nb)
        self.n, self.s1, self.s2 = np.zeros((k, nb)), np.zeros((k, nb)), np.zeros((k, nb))

    def run(self, x: np.ndarray, buffers: _Buffers, points: int, grads: bool) -> None:
        for i0 in range(0, x.shape[0], points):
            xc = x[i0 : i0 + points]
            buf = buffers.view(self.nb, xc.shape[0], self.single)
            self._log_terms(xc, buf)
            if grads:
                self._sums(buf)

    def _log_terms(self, xc: np.ndarray, buf: _Buffers) -> None:
        """``a_ij`` into ``e``, then ``exp(a_ij - max_j a_ij)``, and the chunk's part of L."""
        k, y, q, e, amax, total = self.k, buf.y, buf.q, buf.e, buf.amax, buf.total
        for j in range(k):
            np.subtract(xc, self.mu[j], out=y[j])
            np.multiply(y[j], self.scale[j], out=y[j])
            np.multiply(y[j], y[j], out=q[j])
            np.subtract(self.logc[j], q[j], out=e[j])  # a_ij
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
            np.copyto(total, e[0])
        else:
            np.add(e[0], e[1], out=total)
        for j in range(2, k):
            np.add(total, e[j], out=total)
        self.loglik += amax.sum(axis=-1)
        np.log(total, out=amax)  # amax is free again: reuse it for log(total)
        self.loglik += amax.sum(axis=-1)

    def _sums(self, buf: _Buffers) -> None:
        """Add the chunk's ``N``, ``S1`` and ``S2`` (in the scaled residual)."""
        k, y, q, e, total = self.k, buf.y, buf.q, buf.e, buf.total
        np.reciprocal(total, out=total)
        np.multiply(e, total, out=e)  # gamma_ij
        self.n += e.sum(axis=-1).reshape(k, self.nb)
        if self.single:
            for j in range(k):
                self.s1[j] += np.dot(e[j], y[j])
                self.s2[j] += np.dot(e[j], q[j])
        else:
            np.multiply(e, y, out=y)
            self.s1 += y.sum(axis=-1)
            np.multiply(e, q, out=q)
            self.s2 += q.sum(axis=-1)
