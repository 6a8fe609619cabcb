r"""Log-Cholesky parameters: unconstrained coordinates for a covariance matrix, and the gradient in them.

:math:`\Sigma = CC^\top` with C lower triangular and a positive diagonal; :math:`\theta` holds C below the
diagonal and :math:`\log C_{jj}` on it, so every real lower-triangular :math:`\theta` is a valid covariance.
"""

from __future__ import annotations

import numpy as np


def to_log_cholesky(covariances: object) -> np.ndarray:
    r"""The unconstrained log-Cholesky parameters :math:`\theta` of positive definite matrices.

    Parameters
    ----------
    covariances : array_like, shape (..., d, d)
        Symmetric positive definite.

    Returns
    -------
    ndarray, shape (..., d, d)
        Lower triangular: :math:`\theta_{jl} = C_{jl}` below the diagonal, :math:`\theta_{jj} = \log C_{jj}`.

    Notes
    -----
    :math:`\Sigma = CC^\top` with C lower triangular and a positive diagonal; every real lower-triangular
    :math:`\theta` gives a positive definite :math:`\Sigma` back (:func:`from_log_cholesky`).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import multivariate as mv
    >>> mv.to_log_cholesky(np.diag([1.0, np.e**2])).tolist()
    [[0.0, 0.0], [0.0, 1.0]]
    """
    cov = np.asarray(covariances, dtype=float)
    chol = np.linalg.cholesky(cov)
    diag = np.diagonal(chol, axis1=-2, axis2=-1)
    return chol + _diag_embed(np.log(diag) - diag)


def from_log_cholesky(theta: object) -> np.ndarray:
    r"""The covariance matrices :math:`\Sigma = CC^\top` of log-Cholesky parameters (the inverse of
    :func:`to_log_cholesky`; only the lower triangle of ``theta`` is read).

    Parameters
    ----------
    theta : array_like, shape (..., d, d)

    Returns
    -------
    ndarray, shape (..., d, d)

    Notes
    -----
    :math:`C = \operatorname{tril}(\theta, -1) + \operatorname{diag}(e^{\theta_{jj}})`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import multivariate as mv
    >>> mv.from_log_cholesky([[0.0, 0.0], [0.5, 0.0]]).tolist()
    [[1.0, 0.5], [0.5, 1.25]]
    """
    chol = _chol_of(np.asarray(theta, dtype=float))
    return chol @ np.swapaxes(chol, -1, -2)


def log_cholesky_gradient(covariance_gradient: object, theta: object) -> np.ndarray:
    r"""The gradient of :math:`\mathcal{L}` with respect to the log-Cholesky parameters, by the chain rule.

    Parameters
    ----------
    covariance_gradient : array_like, shape (..., d, d)
        :math:`G = \partial\mathcal{L}/\partial\Sigma` (independent entries, as from
        :func:`value_and_gradients`).
    theta : array_like, shape (..., d, d)
        The log-Cholesky parameters of :math:`\Sigma`.

    Returns
    -------
    ndarray, shape (..., d, d)
        Lower triangular.

    Notes
    -----
    From :math:`d\Sigma = dC\,C^\top + C\,dC^\top`,
    :math:`d\mathcal{L} = \operatorname{tr}(G^\top d\Sigma) = \langle (G + G^\top)C,\ dC\rangle`, so

    .. math:: \frac{\partial\mathcal{L}}{\partial C} = \operatorname{tril}\big((G+G^\top)C\big),\qquad
              \frac{\partial\mathcal{L}}{\partial\theta_{jj}} = \frac{\partial\mathcal{L}}{\partial C_{jj}}\,C_{jj}

    (the diagonal is :math:`C_{jj} = e^{\theta_{jj}}`; the entries below it are :math:`\theta` itself).

    Examples
    --------
    :math:`\Sigma = e^{2\theta}` in d = 1, so :math:`\partial\mathcal{L}/\partial\theta = 2\Sigma G`.

    >>> from mogcore import multivariate as mv
    >>> mv.log_cholesky_gradient([[3.0]], [[0.0]]).tolist()
    [[6.0]]
    """
    G = np.asarray(covariance_gradient, dtype=float)
    chol = _chol_of(np.asarray(theta, dtype=float))
    d_chol = np.tril((G + np.swapaxes(G, -1, -2)) @ chol)
    diag = np.diagonal(d_chol, axis1=-2, axis2=-1) * np.diagonal(chol, axis1=-2, axis2=-1)
    return d_chol + _diag_embed(diag - np.diagonal(d_chol, axis1=-2, axis2=-1))


def _chol_of(theta: np.ndarray) -> np.ndarray:
    """C from theta: the strict lower triangle as it is, the diagonal exponentiated."""
    diag = np.diagonal(theta, axis1=-2, axis2=-1)
    return np.tril(theta, -1) + _diag_embed(np.exp(diag))


def _diag_embed(v: np.ndarray) -> np.ndarray:
    """Diagonal matrices (..., d, d) with ``v`` (..., d) on the diagonal."""
    return v[..., :, None] * np.eye(v.shape[-1])
