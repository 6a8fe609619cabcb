r"""The d-dimensional mixture itself: its log-likelihood, responsibilities, gradients and one EM step."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._mv_kernel import one_pass, whitening
from .._validate import check_matrix_data, check_mv_params


class MvMixture(NamedTuple):
    """Parameters of a mixture in d dimensions; unpacks as ``weights, means, covariances``.

    Attributes
    ----------
    weights : ndarray, shape (..., K)
    means : ndarray, shape (..., K, d)
    covariances : ndarray, shape (..., K, d, d)
    """

    weights: np.ndarray
    means: np.ndarray
    covariances: np.ndarray


class MvGradients(NamedTuple):
    r"""Gradients of :math:`\mathcal{L}`, each the shape of its parameter.

    Attributes
    ----------
    means : ndarray, shape (..., K, d)
        :math:`\sum_i \gamma_{ik}\Sigma_k^{-1}(x_i-\mu_k)`.
    covariances : ndarray, shape (..., K, d, d)
        :math:`\tfrac12\sum_i \gamma_{ik}(\Sigma_k^{-1} d_{ik} d_{ik}^\top \Sigma_k^{-1} - \Sigma_k^{-1})`, the
        entries of :math:`\Sigma_k` treated as independent (the matrix-cookbook convention).
    weights : ndarray, shape (..., K)
        The free partial :math:`N_k/\pi_k` (the constraint is handled as in 1-D).
    """

    means: np.ndarray
    covariances: np.ndarray
    weights: np.ndarray


def _prepare(X: object, weights: object, means: object, covariances: object):
    """Validated data and parameters with the batch axes flattened, the whitening, and the batch shape."""
    X = check_matrix_data(X)
    d = X.shape[1]
    w, mu, _, chol = check_mv_params(weights, means, covariances, d)
    batch, k = w.shape[:-1], w.shape[-1]
    size = int(np.prod(batch, dtype=int))
    w2, mu2 = w.reshape(size, k), mu.reshape(size, k, d)
    white = whitening(w2, chol.reshape(size, k, d, d))
    return X, w2, mu2, white, batch


def log_likelihood(X: object, weights: object, means: object, covariances: object) -> np.ndarray:
    r"""The log-likelihood :math:`\mathcal{L}` of the data under a d-dimensional Gaussian mixture.

    Parameters
    ----------
    X : array_like, shape (m, d)
    weights : array_like, shape (..., K)
    means : array_like, shape (..., K, d)
    covariances : array_like, shape (..., K, d, d)
        Symmetric and positive definite.

    Returns
    -------
    ndarray, shape (...)

    Raises
    ------
    ValueError
        Naming the parameter and the rule: X not 2-D or not finite; weights not positive or not summing
        to 1; a covariance not symmetric or not positive definite (the component is named); shapes that
        disagree.

    Notes
    -----
    .. math:: \mathcal{L} = \sum_{i=1}^m \log \sum_{k=1}^K \pi_k \mathcal{N}(x_i \mid \mu_k, \Sigma_k),
              \quad \log\mathcal{N}(x \mid \mu, \Sigma) = -\tfrac{d}{2}\log 2\pi - \tfrac12\log|\Sigma|
              - \tfrac12 (x-\mu)^\top\Sigma^{-1}(x-\mu)

    with :math:`\Sigma = CC^\top`: :math:`\log|\Sigma| = 2\sum_j \log C_{jj}` and the Mahalanobis term
    :math:`|C^{-1}(x-\mu)|^2`; the sum over k by log-sum-exp.

    Examples
    --------
    One point at the mean of a standard 2-D Gaussian: :math:`\mathcal{L} = -\log 2\pi`.

    >>> import numpy as np
    >>> from mogcore import multivariate as mv
    >>> float(mv.log_likelihood([[0.0, 0.0]], [1.0], [[0.0, 0.0]], [np.eye(2)]))
    -1.8378770664093453
    """
    X, _, mu, white, batch = _prepare(X, weights, means, covariances)
    return one_pass(X, mu, white, moments=False).loglik.reshape(batch)


def responsibilities(X: object, weights: object, means: object, covariances: object) -> np.ndarray:
    r"""The responsibilities :math:`\gamma_{ik}`, shape ``(..., m, K)``; each row sums to 1.

    Parameters
    ----------
    X, weights, means, covariances
        As in :func:`log_likelihood`.

    Returns
    -------
    ndarray, shape (..., m, K)

    Notes
    -----
    .. math:: \gamma_{ik} = \frac{e^{a_{ik}}}{\sum_j e^{a_{ij}}}
              = \exp\Big(a_{ik} - \log\sum_j e^{a_{ij}}\Big),\qquad
              a_{ik} = \log\pi_k + \log\mathcal{N}(x_i\mid\mu_k,\Sigma_k)

    Examples
    --------
    A point halfway between two equal components belongs to each by half.

    >>> import numpy as np
    >>> from mogcore import multivariate as mv
    >>> mv.responsibilities([[1.0, 0.0]], [0.5, 0.5], [[0.0, 0.0], [2.0, 0.0]], [np.eye(2)] * 2).tolist()
    [[0.5, 0.5]]
    """
    X, _, mu, white, batch = _prepare(X, weights, means, covariances)
    b, k, _ = mu.shape
    out = np.empty((b, X.shape[0], k))
    one_pass(X, mu, white, moments=False, resp_out=out)
    return out.reshape(*batch, X.shape[0], k)


def value_and_gradients(
    X: object, weights: object, means: object, covariances: object
) -> tuple[np.ndarray, MvGradients]:
    r"""The log-likelihood and its gradients with respect to every parameter, in one pass over the data.

    Parameters
    ----------
    X, weights, means, covariances
        As in :func:`log_likelihood`.

    Returns
    -------
    L : ndarray, shape (...)
    g : MvGradients
        ``g.means`` (..., K, d), ``g.covariances`` (..., K, d, d), ``g.weights`` (..., K).

    Notes
    -----
    With :math:`d_{ik} = x_i - \mu_k`, :math:`N_k = \sum_i\gamma_{ik}`:

    .. math:: \frac{\partial\mathcal{L}}{\partial\mu_k} = \sum_i \gamma_{ik}\,\Sigma_k^{-1} d_{ik},\qquad
              \frac{\partial\mathcal{L}}{\partial\Sigma_k} = \frac12\sum_i\gamma_{ik}
              \left(\Sigma_k^{-1}d_{ik}d_{ik}^\top\Sigma_k^{-1} - \Sigma_k^{-1}\right),\qquad
              \frac{\partial\mathcal{L}}{\partial\pi_k} = \frac{N_k}{\pi_k}

    The covariance gradient treats the :math:`d^2` entries of :math:`\Sigma_k` as independent (what
    autodiff of a full-matrix argument gives). For symmetric perturbations, where
    :math:`\Sigma_{ab}` and :math:`\Sigma_{ba}` move together, the off-diagonal derivative is twice
    this entry. Computed in whitened coordinates :math:`z_{ik} = C_k^{-1}d_{ik}`:
    :math:`\partial\mathcal{L}/\partial\mu_k = C_k^{-\top}\sum_i\gamma_{ik}z_{ik}` and
    :math:`\partial\mathcal{L}/\partial\Sigma_k = \tfrac12 C_k^{-\top}\big(\sum_i\gamma_{ik}z_{ik}z_{ik}^\top
    - N_k I\big)C_k^{-1}`.

    Examples
    --------
    In d = 1 these are the 1-D gradients (notebook 03's and 04's).

    >>> import numpy as np
    >>> import mogcore
    >>> from mogcore import multivariate as mv
    >>> x, w, mu, var = np.array([0.0, 1.0, 3.0]), [0.4, 0.6], [0.5, 2.5], [1.0, 2.0]
    >>> L, g = mv.value_and_gradients(x[:, None], w, np.array(mu)[:, None], np.array(var)[:, None, None])
    >>> L1, g1 = mogcore.value_and_gradients(x, w, mu, var)
    >>> bool(np.isclose(L, L1)), np.allclose(g.means[:, 0], g1.means), np.allclose(g.covariances[:, 0, 0], g1.variances)
    (True, True, True)
    """
    X, w, mu, white, batch = _prepare(X, weights, means, covariances)
    s = one_pass(X, mu, white)
    inv_t = np.swapaxes(white.inv_chol, -1, -2)  # C^{-T}
    g_means = (inv_t @ s.a[..., None])[..., 0]
    d = mu.shape[-1]
    inner = s.b - s.n[..., None, None] * np.eye(d)
    g_cov = 0.5 * (inv_t @ inner @ white.inv_chol)
    g_cov = 0.5 * (g_cov + np.swapaxes(g_cov, -1, -2))  # exactly symmetric
    k = w.shape[-1]
    grads = MvGradients(g_means.reshape(*batch, k, d), g_cov.reshape(*batch, k, d, d), (s.n / w).reshape(*batch, k))
    return s.loglik.reshape(batch), grads


def em_step(X: object, weights: object, means: object, covariances: object) -> MvMixture:
    r"""One EM step: the parameters that maximise the expected complete-data log-likelihood.

    Parameters
    ----------
    X, weights, means, covariances
        As in :func:`log_likelihood`.

    Returns
    -------
    MvMixture
        ``(weights, means, covariances)``, unpacking in that order, with the shapes of the input.

    Notes
    -----
    Setting the gradients of :func:`value_and_gradients` to zero (the weights under
    :math:`\sum_k\pi_k = 1`), with :math:`\gamma_{ik}` held fixed:

    .. math:: \pi_k' = \frac{N_k}{m},\qquad \mu_k' = \frac{1}{N_k}\sum_i\gamma_{ik}x_i,\qquad
              \Sigma_k' = \frac{1}{N_k}\sum_i\gamma_{ik}(x_i-\mu_k')(x_i-\mu_k')^\top

    computed from sums about the old means, :math:`\Sigma_k' = \frac{1}{N_k}\sum_i\gamma_{ik}d_{ik}d_{ik}^\top
    - \Delta\mu_k\Delta\mu_k^\top` with :math:`\Delta\mu_k = \mu_k' - \mu_k`. A component no point belongs to
    (:math:`N_k = 0` in floating point) keeps its mean and covariance.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import multivariate as mv
    >>> X = np.array([[0.0, 0.0], [2.0, 0.0], [0.0, 2.0], [2.0, 2.0]])
    >>> w, mu, cov = mv.em_step(X, [1.0], [[0.5, 0.5]], [np.eye(2)])
    >>> mu.tolist(), cov.tolist()
    ([[1.0, 1.0]], [[[1.0, 0.0], [0.0, 1.0]]])
    """
    X, _, mu, white, batch = _prepare(X, weights, means, covariances)
    if X.shape[0] == 0:
        raise ValueError("X must hold at least one point for an EM step; got m = 0")
    s = one_pass(X, mu, white)
    m, (_, k, d) = X.shape[0], mu.shape
    n = s.n[..., None]
    safe = np.where(n > 0, n, 1.0)
    shift = np.where(n > 0, (white.chol @ s.a[..., None])[..., 0] / safe, 0.0)  # Delta mu_k = C_k a_k / N_k
    spread = white.chol @ s.b @ np.swapaxes(white.chol, -1, -2) / safe[..., None]
    new_cov = spread - shift[..., :, None] * shift[..., None, :]
    new_cov = 0.5 * (new_cov + np.swapaxes(new_cov, -1, -2))
    old_cov = white.chol @ np.swapaxes(white.chol, -1, -2)
    new_cov = np.where(n[..., None] > 0, new_cov, old_cov)
    return MvMixture((s.n / m).reshape(*batch, k), (mu + shift).reshape(*batch, k, d), new_cov.reshape(*batch, k, d, d))
