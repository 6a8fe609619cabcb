r"""The curvature of the log-likelihood: its Hessian, the information matrices, EM's rate, standard errors.

Everything is in the coordinates of :func:`mogcore.value_and_unconstrained_gradients` with the last logit
fixed, :math:`\theta = (\mu_1..\mu_K,\ s_1..s_K,\ \eta_1..\eta_{K-1})`, :math:`s_k = \log\sigma_k`,
:math:`\pi = \operatorname{softmax}(\eta)`, :math:`\eta_K = 0`: P = 3K - 1 numbers, every value allowed.
With :math:`a_{ik} = \log\pi_k\mathcal{N}(x_i \mid \mu_k, \sigma_k^2)` and
:math:`v_i = \sum_k\gamma_{ik}\nabla a_{ik}`, each point's Hessian is (Louis, 1982)

.. math:: \nabla^2\log p(x_i) = \sum_k\gamma_{ik}\left(\nabla^2 a_{ik} + \nabla a_{ik}\nabla a_{ik}^\top\right)
          - v_i v_i^\top .

One pass over the data (in chunks, never an (m, K, P, P) array) collects the complete-data information
:math:`C = -\sum_i\sum_k\gamma_{ik}\nabla^2 a_{ik}` and the missing information
:math:`M = \sum_i\sum_k\gamma_{ik}(\nabla a_{ik} - v_i)(\nabla a_{ik} - v_i)^\top`, the responsibility-weighted
spread of the :math:`\nabla a_{ik}` (positive semidefinite by construction); the Hessian is :math:`M - C`.
"""

from __future__ import annotations

import numpy as np

from ._validate import check_data, check_params
from .coordinates import value_and_unconstrained_gradients
from .mixture import log_joint
from .params import Information, Mixture

#: Entries of the (P, K, points) work array of one chunk: 2**17 floats = 1 MiB.
CHUNK_ELEMENTS = 2**17


def coordinate_names(k: int) -> tuple[str, ...]:
    r"""The names of the P = 3K - 1 coordinates :math:`\theta`, in the order of every matrix here.

    Parameters
    ----------
    k : int
        The number of components, K >= 1.

    Returns
    -------
    tuple of str
        ``mu_1..mu_K``, ``s_1..s_K`` (:math:`s_k = \log\sigma_k`), ``eta_1..eta_{K-1}``.

    Notes
    -----
    .. math:: \theta = (\mu_1, \dots, \mu_K,\ s_1, \dots, s_K,\ \eta_1, \dots, \eta_{K-1}),
              \qquad \pi = \operatorname{softmax}(\eta_1, \dots, \eta_{K-1}, 0)

    Examples
    --------
    >>> from mogcore import coordinate_names
    >>> coordinate_names(2)
    ('mu_1', 'mu_2', 's_1', 's_2', 'eta_1')
    """
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k must be a positive integer (the number of components); got {k!r}")
    return tuple(f"{name}_{j}" for name, n in (("mu", k), ("s", k), ("eta", k - 1)) for j in range(1, n + 1))


def _one_mixture(x, weights, means, variances):
    x = check_data(x)
    w, mu, var = check_params(weights, means, variances)
    if mu.ndim != 1:
        raise ValueError(f"weights, means and variances must be 1-D (one mixture); got shape {mu.shape}")
    lengths = [np.shape(a)[0] for a in (weights, means, variances)]
    if len(set(lengths)) > 1:
        raise ValueError(
            "weights, means and variances must each have K entries, one per component; got lengths "
            f"{lengths[0]}, {lengths[1]} and {lengths[2]}"
        )
    return x, w, mu, var


def _chunks(x, w, mu, var, width):
    """Per chunk of c points, component axis first, (K, c): the responsibilities (log-sum-exp of
    :func:`mogcore.log_joint`) and the residuals ``(x_i - mu_k) / sigma_k``, the latter 0 where gamma_ik = 0."""
    sd = np.sqrt(var)[:, None]
    size = max(1, CHUNK_ELEMENTS // width)
    for i0 in range(0, x.shape[0], size):
        xc = x[i0 : i0 + size]
        gamma = np.ascontiguousarray(log_joint(xc, w, mu, var).T)  # a_ki, then gamma_ki in place
        gamma -= gamma.max(axis=0)
        np.exp(gamma, out=gamma)
        gamma /= gamma.sum(axis=0)
        with np.errstate(over="ignore"):
            y = (xc - mu[:, None]) / sd
        y[gamma == 0.0] = 0.0  # a point a component cannot claim adds nothing there: keeps 0 * inf out
        yield gamma, y, sd


def _information(x, w, mu, var) -> tuple[np.ndarray, np.ndarray]:
    """The complete and missing information (C, M) of one mixture, in one pass; the Hessian is M - C."""
    k = mu.shape[0]
    p, idx = 3 * k - 1, np.arange(k)
    missing = np.zeros((p, p))
    n, gd_sum, gq_sum = np.zeros(k), np.zeros(k), np.zeros(k)
    for gamma, y, sd in _chunks(x, w, mu, var, k * p):
        d, q = y / sd, y * y
        u = q - 1.0
        gd = gamma * d
        n += gamma.sum(axis=1)
        gd_sum += gd.sum(axis=1)
        gq_sum += (gamma * q).sum(axis=1)
        # v_i, and dev[:, k, i] = sqrt(gamma_ik) (grad a_ik - v_i), with d a_ik / d mu_j = delta_kj d_ik,
        # d / d s_j = delta_kj u_ik, d / d eta_j = delta_kj - pi_j (the pi_j cancel against v_i's)
        v = np.concatenate([gd, gamma * u, gamma[:-1]])
        root = np.sqrt(gamma)
        dev = np.multiply(v[:, None, :], -root)
        dev[idx, idx] += root * d
        dev[k + idx, idx] += root * u
        dev[2 * k + idx[:-1], idx[:-1]] += root[:-1]
        flat = dev.reshape(p, -1)
        missing += flat @ flat.T
    complete = np.zeros((p, p))
    complete[idx, idx] = n / var
    complete[idx, k + idx] = complete[k + idx, idx] = 2.0 * gd_sum
    complete[k + idx, k + idx] = 2.0 * gq_sum
    pi = w[:-1]
    complete[2 * k :, 2 * k :] = x.shape[0] * (np.diag(pi) - np.outer(pi, pi))
    return complete, missing


def hessian(x: object, weights: object, means: object, variances: object) -> np.ndarray:
    r"""The Hessian of :math:`\mathcal{L}` in :math:`\theta = (\mu, \log\sigma, \eta_{1..K-1})`.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (K,)
        One mixture (no batch axes).

    Returns
    -------
    ndarray, shape (P, P)
        P = 3K - 1, in the order of :func:`coordinate_names`.

    Notes
    -----
    Per point, Louis's identity
    :math:`\nabla^2\log p(x_i) = \sum_k\gamma_{ik}(\nabla^2 a_{ik} + \nabla a_{ik}\nabla a_{ik}^\top) - v_iv_i^\top`,
    :math:`v_i = \sum_k\gamma_{ik}\nabla a_{ik}`, with :math:`d_{ik} = (x_i - \mu_k)/\sigma_k^2`,
    :math:`\nabla a_{ik}` nonzero in :math:`\mu_k` (:math:`d_{ik}`), :math:`s_k`
    (:math:`(x_i-\mu_k)^2/\sigma_k^2 - 1`) and :math:`\eta_j` (:math:`\delta_{kj} - \pi_j`), and
    :math:`\nabla^2 a_{ik}`: :math:`\mu_k\mu_k` :math:`-1/\sigma_k^2`, :math:`\mu_k s_k` :math:`-2d_{ik}`,
    :math:`s_ks_k` :math:`-2(x_i-\mu_k)^2/\sigma_k^2`, :math:`\eta_j\eta_l` :math:`-(\pi_j\delta_{jl} - \pi_j\pi_l)`.
    The mean block in closed form, with :math:`N_k = \sum_i\gamma_{ik}`:

    .. math:: \frac{\partial^2\mathcal{L}}{\partial\mu_k\partial\mu_l}
              = \sum_i\gamma_{ik}(\delta_{kl} - \gamma_{il})\,d_{ik}d_{il} - \delta_{kl}\frac{N_k}{\sigma_k^2}

    (:func:`mean_hessian`). Dropping its first term leaves :math:`-\operatorname{diag}(N_k/\sigma_k^2)`, and
    Newton's mean step becomes EM's, :math:`\frac{\sigma_k^2}{N_k}\,\partial\mathcal{L}/\partial\mu_k`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import hessian
    >>> H = hessian([0.0, 0.5, 4.0, 4.4], [0.5, 0.5], [0.2, 4.2], [0.1, 0.1])
    >>> H.shape, bool(np.allclose(H, H.T)), bool(np.all(np.linalg.eigvalsh(H) < 0))
    ((5, 5), True, True)
    """
    complete, missing = _information(*_one_mixture(x, weights, means, variances))
    return missing - complete


def mean_hessian(x: object, weights: object, means: object, variances: object) -> np.ndarray:
    r"""The mean block :math:`\partial^2\mathcal{L}/\partial\mu_k\partial\mu_l` of :func:`hessian`, in closed form.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (K,)

    Returns
    -------
    ndarray, shape (K, K)

    Notes
    -----
    .. math:: \frac{\partial^2\mathcal{L}}{\partial\mu_k\partial\mu_l}
              = \sum_i\gamma_{ik}(\delta_{kl} - \gamma_{il})\,d_{ik}d_{il} - \delta_{kl}\frac{N_k}{\sigma_k^2},
              \qquad d_{ik} = \frac{x_i - \mu_k}{\sigma_k^2}

    Without the first term (points shared between components) the block is diagonal, and the Newton step
    in the means is EM's.

    Examples
    --------
    >>> from mogcore import mean_hessian
    >>> float(mean_hessian([-1.0, 1.0], [1.0], [0.0], [0.5])[0, 0])
    -4.0
    """
    x, w, mu, var = _one_mixture(x, weights, means, variances)
    k = mu.shape[0]
    out, n = np.zeros((k, k)), np.zeros(k)
    for gamma, y, sd in _chunks(x, w, mu, var, k):
        d = y / sd
        gd = gamma * d
        # 1 - gamma_ik as the sum of the other gamma_ij (sums before and after k): no cancellation
        others = np.zeros_like(gamma)
        others[1:] = np.cumsum(gamma[:-1], axis=0)
        others[:-1] += np.cumsum(gamma[:0:-1], axis=0)[::-1]
        shared = -(gd @ gd.T)
        shared[np.diag_indices(k)] = (gd * d * others).sum(axis=1)
        out += shared
        n += gamma.sum(axis=1)
    return out - np.diag(n / var)


def information(x: object, weights: object, means: object, variances: object) -> Information:
    r"""The observed, complete-data and missing information in :math:`\theta`.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (K,)

    Returns
    -------
    Information
        ``observed``, ``complete``, ``missing``, each (P, P).

    Notes
    -----
    .. math:: I_{\text{obs}} = -\nabla^2\mathcal{L}, \qquad
              I_{\text{c}} = -\sum_i\sum_k\gamma_{ik}\nabla^2 a_{ik}, \qquad
              I_{\text{m}} = I_{\text{c}} - I_{\text{obs}}
              = \sum_i\Big[\sum_k\gamma_{ik}\nabla a_{ik}\nabla a_{ik}^\top - v_iv_i^\top\Big]

    The missing information is the responsibility-weighted covariance of the :math:`\nabla a_{ik}`, so it is
    positive semidefinite: "observed = complete - missing" (Orchard and Woodbury, 1972; Louis, 1982).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import information
    >>> info = information([0.0, 0.5, 4.0, 4.4], [0.5, 0.5], [0.2, 4.2], [0.1, 0.1])
    >>> bool(np.allclose(info.observed, info.complete - info.missing))
    True
    """
    complete, missing = _information(*_one_mixture(x, weights, means, variances))
    return Information(complete - missing, complete, missing)


def _cholesky(a: np.ndarray, what: str) -> np.ndarray:
    try:
        chol = np.linalg.cholesky(a)
    except np.linalg.LinAlgError:
        chol = None
    eig = np.linalg.eigvalsh(a)
    if chol is None or eig.min() <= 8 * a.shape[0] * np.finfo(float).eps * np.abs(eig).max():
        raise ValueError(f"{what} must be positive definite; its smallest eigenvalue is {eig.min():.6g}")
    return chol


def em_rate(x: object, weights: object, means: object, variances: object) -> float:
    r"""EM's linear rate near a fixed point: the largest eigenvalue of :math:`I_c^{-1}I_m`.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (K,)
        A fixed point of EM (a fit); elsewhere the number is the same formula, not a rate.

    Returns
    -------
    float
        In [0, 1) at a strict local maximum: near it,
        :math:`\lVert\theta_{t+1} - \theta^\star\rVert \approx r\,\lVert\theta_t - \theta^\star\rVert`.

    Notes
    -----
    EM's map has Jacobian :math:`I_c^{-1}I_m = I - I_c^{-1}I_{\text{obs}}` at a fixed point (Dempster, Laird
    and Rubin, 1977, section 3): the fraction of information missing. With :math:`I_c = LL^\top` the
    eigenvalues are those of the symmetric :math:`L^{-1}I_mL^{-\top}`. At a fixed point the gradients of
    :math:`\mathcal{L}` and of EM's :math:`Q` vanish, so both matrices change as :math:`J^\top AJ` under a
    change of coordinates: the eigenvalues do not depend on the coordinates.

    Examples
    --------
    >>> from mogcore import em_rate
    >>> from mogcore.fitting import em_fit
    >>> x = [0.0, 0.3, 0.5, 4.0, 4.2, 4.9]
    >>> fit = em_fit(x, [0.5, 0.5], [1.0, 3.0], [1.0, 1.0], iters=200).final
    >>> 0 <= em_rate(x, *fit) < 0.01
    True
    """
    complete, missing = _information(*_one_mixture(x, weights, means, variances))
    chol = _cholesky(complete, "the complete-data information")
    half = np.linalg.solve(chol, missing)
    return float(np.linalg.eigvalsh(np.linalg.solve(chol, half.T)).max())


def standard_errors(x: object, weights: object, means: object, variances: object) -> Mixture:
    r"""Asymptotic standard errors of a fit's weights, means and variances, from the observed information.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (K,)
        A maximum of :math:`\mathcal{L}` (a fit).

    Returns
    -------
    Mixture
        The standard errors of ``weights``, ``means`` and ``variances``, each shape (K,).

    Notes
    -----
    :math:`\operatorname{cov}_\theta = (-\nabla^2\mathcal{L})^{-1}`, then the delta method,
    :math:`\operatorname{SE} = \sqrt{\operatorname{diag}(J\operatorname{cov}_\theta J^\top)}` with
    :math:`\partial\mu_k/\partial\mu_k = 1`, :math:`\partial\sigma_k^2/\partial s_k = 2\sigma_k^2` and
    :math:`\partial\pi_j/\partial\eta_l = \pi_j(\delta_{jl} - \pi_l)` for l < K. Raises ``ValueError`` if
    :math:`-\nabla^2\mathcal{L}` is not positive definite (not at a maximum). The observed information
    reflects the data's own shape: where a cluster is not quite normal it can differ from the model's
    expected information (on Old Faithful, :math:`\sigma_1^2`'s error is about 1.3 times a parametric
    bootstrap's).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import standard_errors
    >>> x = np.array([-1.0, 0.0, 1.0, 2.0])
    >>> se = standard_errors(x, [1.0], [0.5], [1.25])
    >>> round(float(se.means[0]), 6) == round(float(np.sqrt(1.25 / 4)), 6)
    True
    """
    x, w, mu, var = _one_mixture(x, weights, means, variances)
    complete, missing = _information(x, w, mu, var)
    try:
        _cholesky(complete - missing, "-H (the observed information)")
    except ValueError as exc:
        raise ValueError(f"not at a maximum: {exc}") from None
    cov = np.linalg.inv(complete - missing)
    k = mu.shape[0]
    jac = np.zeros((3 * k, 3 * k - 1))
    jac[:k, 2 * k :] = (np.diag(w) - np.outer(w, w))[:, : k - 1]
    jac[k : 2 * k, :k] = np.eye(k)
    jac[2 * k :, k : 2 * k] = np.diag(2.0 * var)
    se = np.sqrt(np.clip(np.einsum("ip,pq,iq->i", jac, cov, jac), 0.0, None))
    return Mixture(se[:k], se[k : 2 * k], se[2 * k :])


def _theta_of(w: np.ndarray, mu: np.ndarray, var: np.ndarray) -> np.ndarray:
    """The coordinates theta of a (validated) mixture."""
    return np.concatenate([mu, 0.5 * np.log(var), np.log(w[:-1]) - np.log(w[-1])])


def _mixture_of(theta: np.ndarray, k: int) -> Mixture:
    """The mixture at theta (weights may underflow to 0, variances overflow: the caller checks)."""
    eta = np.append(theta[2 * k :], 0.0)
    with np.errstate(over="ignore", under="ignore"):
        e = np.exp(eta - eta.max())
        return Mixture(e / e.sum(), theta[:k].copy(), np.exp(2.0 * theta[k : 2 * k]))


def _value_and_theta_gradient(x: object, w: object, mu: object, var: object) -> tuple[float, np.ndarray]:
    """L and its gradient in theta (the last logit fixed)."""
    L, g = value_and_unconstrained_gradients(x, w, mu, var)
    return float(L), np.concatenate([g.means, g.log_sigmas, g.logits[:-1]])
