"""One pass over the data for the multivariate mixture: whitened, in the log domain, in chunks.

Each component is whitened by its Cholesky factor, Sigma_k = C_k C_k^T: z_ik = C_k^{-1}(x_i - mu_k),
so that (x_i - mu_k)^T Sigma_k^{-1} (x_i - mu_k) = |z_ik|^2 and log|Sigma_k| = 2 sum_j log C_k[j, j].
C_k^{-1} comes from a triangular solve of the d x d factor; Sigma_k^{-1} and |Sigma_k| are never formed.
The pass accumulates, per component, N_k = sum_i gamma_ik, a_k = sum_i gamma_ik z_ik and
b_k = sum_i gamma_ik z_ik z_ik^T, from which every gradient and the EM step follow.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

#: Elements per (B, K, d, chunk) temporary: about 512 KiB, so a chunk's arrays stay in cache.
CHUNK_ELEMENTS = 1 << 16
LOG_2PI = float(np.log(2.0 * np.pi))


class Whitening(NamedTuple):
    """Per component (batch axes flattened to B): the factor, its inverse and the log-density's constant."""

    chol: np.ndarray  # (B, K, d, d), lower triangular, Sigma = C C^T
    inv_chol: np.ndarray  # (B, K, d, d), C^{-1}
    const: np.ndarray  # (B, K): log pi_k - log|Sigma_k| / 2 - d log(2 pi) / 2


class MvSums(NamedTuple):
    """The sums of one pass, in whitened coordinates (batch axes flattened to B)."""

    loglik: np.ndarray  # (B,)
    n: np.ndarray  # (B, K)
    a: np.ndarray  # (B, K, d): sum_i gamma_ik z_ik
    b: np.ndarray  # (B, K, d, d): sum_i gamma_ik z_ik z_ik^T


def whitening(weights: np.ndarray, chol: np.ndarray) -> Whitening:
    """The whitening of each component from its Cholesky factor (shapes (B, K) and (B, K, d, d))."""
    d = chol.shape[-1]
    eye = np.broadcast_to(np.eye(d), chol.shape)
    inv_chol = np.linalg.solve(chol, eye)  # a triangular system per component: C^{-1}, d x d
    half_logdet = np.log(np.diagonal(chol, axis1=-2, axis2=-1)).sum(axis=-1)
    return Whitening(chol, inv_chol, np.log(weights) - half_logdet - 0.5 * d * LOG_2PI)


def chunk_size(b: int, k: int, d: int) -> int:
    """Points per chunk, so that a (B, K, d, chunk) temporary holds about ``CHUNK_ELEMENTS`` numbers."""
    return max(256, CHUNK_ELEMENTS // (b * k * max(d, 2)))


def _log_joint(xc: np.ndarray, means: np.ndarray, white: Whitening) -> tuple[np.ndarray, np.ndarray]:
    """``(a, z)`` for a chunk: a[b, k, i] = log pi_k N(x_i | mu_k, Sigma_k) and the whitened points z (B, K, d, n)."""
    z = white.inv_chol @ xc.T  # (B, K, d, n): C^{-1} x_i
    z -= white.inv_chol @ means[..., None]  # minus C^{-1} mu_k
    a = np.einsum("bkjn,bkjn->bkn", z, z)  # |z|^2, the Mahalanobis distance squared
    a *= -0.5
    a += white.const[..., None]
    return a, z


def _normalise(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Responsibilities and per-point log-likelihood from the log joint a (B, K, n): one exp per entry."""
    top = a.max(axis=1, keepdims=True)
    np.subtract(a, top, out=a)
    np.exp(a, out=a)
    total = a.sum(axis=1, keepdims=True)
    a /= total
    return a, (top + np.log(total))[:, 0, :]


def one_pass(
    X: np.ndarray, means: np.ndarray, white: Whitening, *, moments: bool = True, resp_out: np.ndarray | None = None
) -> MvSums:
    """Walk ``X`` in chunks; return the log-likelihood and (if ``moments``) the whitened sums.

    ``means`` has shape (B, K, d). If ``resp_out`` (B, m, K) is given, the responsibilities are written to it.
    """
    b, k, d = means.shape
    m = X.shape[0]
    loglik = np.zeros(b)
    n = np.zeros((b, k))
    a_sum = np.zeros((b, k, d))
    b_sum = np.zeros((b, k, d, d))
    step = chunk_size(b, k, d)
    for start in range(0, m, step):
        xc = X[start : start + step]
        logj, z = _log_joint(xc, means, white)
        gamma, per_point = _normalise(logj)
        loglik += per_point.sum(axis=-1)
        if resp_out is not None:
            resp_out[:, start : start + step, :] = np.swapaxes(gamma, 1, 2)
        if moments:
            n += gamma.sum(axis=-1)
            gz = z * gamma[:, :, None, :]  # (B, K, d, n)
            a_sum += gz.sum(axis=-1)
            b_sum += gz @ np.swapaxes(z, -1, -2)
    return MvSums(loglik, n, a_sum, b_sum)
