r"""EM in d dimensions with every iterate kept, and the preconditioned gradient steps its moves are made of."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validate import check_count, check_nonnegative
from ..fitting import Iterates
from .model import MvMixture, em_step, log_likelihood


@dataclass(frozen=True)
class MvPath(Iterates):
    """The iterates of a d-dimensional fitting run (the 1-D :class:`mogcore.fitting.Path`'s twin).

    Attributes
    ----------
    method : str
    weights : ndarray, shape (T + 1, K)
    means : ndarray, shape (T + 1, K, d)
    covariances : ndarray, shape (T + 1, K, d, d)
    loglik : ndarray, shape (T + 1,)
    stopped : str
        ``"ran all iterations"``, or why the run stopped early.
    """

    method: str
    weights: np.ndarray
    means: np.ndarray
    covariances: np.ndarray
    loglik: np.ndarray
    stopped: str

    def at(self, t: int) -> MvMixture:
        """The parameters after ``t`` steps (the last ones if the run stopped before ``t``)."""
        t = self._clamped(t)
        return MvMixture(self.weights[t], self.means[t], self.covariances[t])


def em_fit(
    X: object, weights: object, means: object, covariances: object, iters: int = 300, tol: float = 0.0
) -> MvPath:
    r"""Run EM from a start and keep every iterate.

    Parameters
    ----------
    X : array_like, shape (m, d)
    weights, means, covariances : array_like, shapes (K,), (K, d), (K, d, d)
        The start (one mixture).
    iters : int
        At most this many EM steps.
    tol : float
        Stop once :math:`\mathcal{L}` rises by less than ``tol`` times :math:`|\mathcal{L}|` in a step
        (0: never); keep it well above rounding, say :math:`10^{-12}` or more.

    Returns
    -------
    MvPath
        Stops early when converged (``tol``) or when a component loses all its points.

    Notes
    -----
    Each step is :func:`mogcore.multivariate.em_step`:
    :math:`\pi_k' = N_k/m`, :math:`\mu_k' = \frac1{N_k}\sum_i\gamma_{ik}x_i`,
    :math:`\Sigma_k' = \frac1{N_k}\sum_i\gamma_{ik}(x_i-\mu_k')(x_i-\mu_k')^\top`;
    :math:`\mathcal{L}` never decreases from one iterate to the next (up to rounding, once converged).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import load_old_faithful, multivariate as mv
    >>> X = load_old_faithful("both")
    >>> start = ([0.5, 0.5], [[2.5, 60.0], [4.0, 75.0]], [np.diag([1.0, 100.0])] * 2)
    >>> path = mv.em_fit(X, *start, iters=20)
    >>> path.means.shape, bool(np.diff(path.loglik).min() > -1e-9 * abs(path.loglik[-1]))
    ((21, 2, 2), True)
    """
    iters = check_count(iters, "iters")
    tol = check_nonnegative(tol, "tol")
    current = MvMixture(*(np.array(a, dtype=float) for a in (weights, means, covariances)))
    if current.means.ndim != 2:
        raise ValueError(f"means must have shape (K, d) (one mixture) to fit; got {current.means.shape}")
    L = float(log_likelihood(X, *current))
    rows, stopped = [(*current, L)], "ran all iterations"
    for t in range(1, iters + 1):
        new = em_step(X, *current)
        if not np.all(new.weights > 0):
            stopped = f"a component lost all its points at iteration {t}"
            break
        current, L_new = new, float(log_likelihood(X, *new))
        rows.append((*new, L_new))
        if tol > 0 and L_new - L < tol * abs(L_new):
            stopped = f"converged at iteration {t}: L rose by less than {tol:g} |L|"
            break
        L = L_new
    w, mu, cov, loglik = (np.array(a) for a in zip(*rows))
    return MvPath("EM", w, mu, cov, loglik, stopped)


def em_mean_move(covariances: object, mean_gradients: object, n: object) -> np.ndarray:
    r"""EM's move of each mean, as a gradient step:
    :math:`\Delta\mu_k = \Sigma_k\,\partial\mathcal{L}/\partial\mu_k / N_k`.

    Parameters
    ----------
    covariances : array_like, shape (K, d, d)
    mean_gradients : array_like, shape (K, d)
        :math:`\partial\mathcal{L}/\partial\mu_k` (:func:`mogcore.multivariate.value_and_gradients`).
    n : array_like, shape (K,)
        :math:`N_k = \sum_i\gamma_{ik}`.

    Returns
    -------
    ndarray, shape (K, d)
        0 for a component with :math:`N_k = 0` (EM leaves its mean where it is).

    Notes
    -----
    With :math:`\partial\mathcal{L}/\partial\mu_k = \Sigma_k^{-1}\sum_i\gamma_{ik}(x_i-\mu_k)`:

    .. math:: \mu_k + \frac{1}{N_k}\Sigma_k\frac{\partial\mathcal{L}}{\partial\mu_k}
              = \frac{1}{N_k}\sum_i\gamma_{ik}x_i = \mu_k'

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import multivariate as mv
    >>> em_mean_move = mv.em_mean_move
    >>> em_mean_move([np.eye(2) * 2.0], [[0.5, -1.0]], [4.0]).tolist()
    [[0.25, -0.5]]
    """
    cov, grad, n = (np.asarray(a, dtype=float) for a in (covariances, mean_gradients, n))
    safe = np.where(n > 0, n, 1.0)[:, None]
    return np.where(n[:, None] > 0, (cov @ grad[..., None])[..., 0] / safe, 0.0)


def covariance_step(covariances: object, covariance_gradients: object, n: object) -> np.ndarray:
    r"""One covariance-gradient step, preconditioned as EM's is: half way to the weighted covariance about the
    current mean (EM's own move of :math:`\Sigma_k` also subtracts :math:`\Delta\mu_k\Delta\mu_k^\top`).

    Parameters
    ----------
    covariances : array_like, shape (K, d, d)
        :math:`\Sigma_k`.
    covariance_gradients : array_like, shape (K, d, d)
        :math:`G_k = \partial\mathcal{L}/\partial\Sigma_k` (7.6).
    n : array_like, shape (K,)
        :math:`N_k`; a component with :math:`N_k = 0` has no point to step toward and keeps :math:`\Sigma_k`.

    Returns
    -------
    ndarray, shape (K, d, d)

    Notes
    -----
    .. math:: \Sigma_k' = \Sigma_k + \frac{1}{N_k}\,\Sigma_k G_k \Sigma_k
              = \frac12\Big(\Sigma_k + \frac{1}{N_k}\sum_i\gamma_{ik}d_{ik}d_{ik}^\top\Big)

    the average of :math:`\Sigma_k` and the responsibility-weighted covariance about :math:`\mu_k`, so it is
    always positive definite, and it equals :math:`\Sigma_k` exactly where :math:`G_k = 0`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import multivariate as mv
    >>> mv.covariance_step([np.eye(2)], [np.zeros((2, 2))], [10.0]).tolist()
    [[[1.0, 0.0], [0.0, 1.0]]]
    """
    cov, grad, n = (np.asarray(a, dtype=float) for a in (covariances, covariance_gradients, n))
    safe = np.where(n > 0, n, 1.0)[:, None, None]
    step = cov + cov @ grad @ cov / safe
    step = 0.5 * (step + np.swapaxes(step, -1, -2))
    return np.where(n[:, None, None] > 0, step, cov)
