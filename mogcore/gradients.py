r"""Gradients of the log-likelihood with respect to mu_k, sigma_k^2 and pi_k.

All of them come from one pass over the data that collects, per component,

.. math:: N_k = \sum_i \gamma_{ik}, \quad S^{(1)}_k = \sum_i \gamma_{ik}(x_i-\mu_k), \quad
          S^{(2)}_k = \sum_i \gamma_{ik}(x_i-\mu_k)^2 .
"""

from __future__ import annotations

import numpy as np

from . import _kernel
from ._validate import check_choice, check_params, check_two_components, prepare_batch
from .mixture import responsibilities
from .params import Gradients

WEIGHT_GRADIENT_KINDS = ("partial", "simplex", "softmax", "exact")


def _sums(x, weights, means, variances):
    x, batch_shape, (w, mu, var) = prepare_batch(x, weights, means, variances)
    sums = _kernel.accumulate(x, w, mu, var, grads=True)
    k = mu.shape[-1]

    def shaped(a: np.ndarray) -> np.ndarray:
        return a.reshape(batch_shape + (k,) if a.ndim == 2 else batch_shape)

    return x.shape[0], sums, (w, mu, var), shaped


def value_and_gradients(x: object, weights: object, means: object, variances: object) -> tuple[np.ndarray, Gradients]:
    r"""The log-likelihood and its three gradients, in one pass over the data.

    Parameters
    ----------
    x : array_like, shape (m,)
        Data (m = 0 gives L = 0 and zero gradients).
    weights, means, variances : array_like, shape (..., K)
        Mixture parameters, component axis last; leading axes are a batch.

    Returns
    -------
    L : ndarray, shape (...)
        The log-likelihood (see :func:`mogcore.log_likelihood`).
    grads : Gradients
        ``means``, ``variances``, ``weights``, each of shape ``(..., K)``.

    Notes
    -----
    .. math::
        \frac{\partial \mathcal{L}}{\partial \mu_k} = \sum_{i=1}^{m} \gamma_{ik}
            \frac{x_i - \mu_k}{\sigma_k^2}, \qquad
        \frac{\partial \mathcal{L}}{\partial \sigma_k^2} = \frac12 \sum_{i=1}^{m} \gamma_{ik}
            \left[\frac{(x_i-\mu_k)^2}{\sigma_k^4} - \frac{1}{\sigma_k^2}\right], \qquad
        \frac{\partial \mathcal{L}}{\partial \pi_k} = \sum_{i=1}^{m} \frac{\gamma_{ik}}{\pi_k}

    The weight gradient is the partial derivative that treats each pi_k as free; the
    constraint sum_k pi_k = 1 is handled by :func:`weight_gradient`. The data are walked
    in chunks: the extra memory stays a few MiB whatever m is.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import value_and_gradients
    >>> L, g = value_and_gradients([-1.0, 0.0, 1.0], [0.5, 0.5], [0.0, 5.0], [1.0, 1.0])
    >>> np.round(g.means, 4)
    array([-0.0006, -0.0022])
    >>> L.shape, g.means.shape
    ((), (2,))
    """
    _m, sums, (w, _mu, var), shaped = _sums(x, weights, means, variances)
    d_mu = sums.s1 / var
    d_var = 0.5 * (sums.s2 / var - sums.n) / var
    d_pi = sums.n / w
    return shaped(sums.loglik), Gradients(shaped(d_mu), shaped(d_var), shaped(d_pi))


def gradients(x: object, weights: object, means: object, variances: object) -> Gradients:
    r"""The gradients of the log-likelihood (the three formulas of the derivation).

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (..., K)

    Returns
    -------
    Gradients
        ``means`` = dL/dmu_k, ``variances`` = dL/dsigma_k^2, ``weights`` = dL/dpi_k
        (unconstrained partial derivative), each of shape ``(..., K)``.

    Notes
    -----
    .. math::
        \frac{\partial \mathcal{L}}{\partial \mu_k} = \sum_{i} \gamma_{ik}
            \frac{x_i - \mu_k}{\sigma_k^2}, \quad
        \frac{\partial \mathcal{L}}{\partial \sigma_k^2} = \frac12 \sum_{i} \gamma_{ik}
            \left[\frac{(x_i-\mu_k)^2}{\sigma_k^4} - \frac{1}{\sigma_k^2}\right], \quad
        \frac{\partial \mathcal{L}}{\partial \pi_k} = \sum_{i} \frac{\gamma_{ik}}{\pi_k}

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import gradients
    >>> g = gradients([0.0, 2.0], [0.5, 0.5], [0.0, 2.0], [1.0, 1.0])
    >>> np.round(g.variances, 4)
    array([-0.2616, -0.2616])
    """
    return value_and_gradients(x, weights, means, variances)[1]


def log_sigma_gradient(x: object, weights: object, means: object, variances: object) -> np.ndarray:
    r"""The gradient with respect to :math:`s_k = \log \sigma_k` (unconstrained scale).

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (..., K)

    Returns
    -------
    ndarray, shape (..., K)

    Notes
    -----
    Since :math:`\sigma_k^2 = e^{2 s_k}`, the chain rule gives
    :math:`\partial\mathcal{L}/\partial s_k = 2\sigma_k^2\, \partial\mathcal{L}/\partial\sigma_k^2`:

    .. math:: \frac{\partial \mathcal{L}}{\partial \log \sigma_k}
              = \sum_{i=1}^{m} \gamma_{ik}\left[\frac{(x_i-\mu_k)^2}{\sigma_k^2} - 1\right]

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import log_sigma_gradient
    >>> np.round(log_sigma_gradient([-2.0, 2.0], [1.0], [0.0], [1.0]), 4)
    array([6.])
    """
    _, sums, (_w, _mu, var), shaped = _sums(x, weights, means, variances)
    return shaped(sums.s2 / var - sums.n)


def weight_gradient(x: object, weights: object, means: object, variances: object, kind: str = "partial") -> np.ndarray:
    r"""The gradient of L with respect to the weights, with or without the constraint.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (..., K)
    kind : {"partial", "simplex", "softmax", "exact"}
        ``"partial"``: the free partial derivative :math:`\partial\mathcal{L}/\partial\pi_k`,
        each pi_k treated as free. ``"simplex"``: that gradient projected onto the plane
        :math:`\sum_k \pi_k = 1`. ``"softmax"``: the gradient with respect to the
        logits :math:`\eta` of :math:`\pi = \operatorname{softmax}(\eta)`. ``"exact"``
        (K = 2 only): the derivative :math:`d\mathcal{L}/d\pi_1` along :math:`\pi_2 = 1 - \pi_1`.

    Returns
    -------
    ndarray
        Shape ``(..., K)``; for ``"exact"`` the component axis is consumed: shape ``(...)``.

    Notes
    -----
    With :math:`N_k = \sum_i \gamma_{ik}` and :math:`g_k = N_k / \pi_k`:

    .. math::
        \text{partial: } g_k, \qquad
        \text{simplex: } g_k - \frac1K \sum_j g_j, \qquad
        \text{softmax: } \frac{\partial \mathcal{L}}{\partial \eta_k}
            = \sum_i (\gamma_{ik} - \pi_k) = N_k - m\pi_k, \qquad
        \text{exact: } \frac{d\mathcal{L}}{d\pi_1} = \frac{N_1}{\pi_1} - \frac{N_2}{\pi_2}

    For K = 2 the exact derivative is twice the first simplex component. The partial
    derivative is positive for every k, so it can never vanish: the constraint must
    enter before a stationary point can be found.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import weight_gradient
    >>> x = [0.0, 0.1, 5.0]
    >>> np.round(weight_gradient(x, [0.5, 0.5], [0.0, 5.0], [1.0, 1.0], kind="softmax"), 4)
    array([ 0.5, -0.5])
    >>> round(float(weight_gradient(x, [0.5, 0.5], [0.0, 5.0], [1.0, 1.0], kind="exact")), 4)
    2.0
    >>> weight_gradient(x, [0.5, 0.5], [0.0, 5.0], [1.0, 1.0], kind="lagrange")
    Traceback (most recent call last):
    ...
    ValueError: kind must be one of 'partial', 'simplex', 'softmax', 'exact'; got 'lagrange'
    """
    check_choice(kind, "kind", WEIGHT_GRADIENT_KINDS)
    m, sums, (w, mu, _var), shaped = _sums(x, weights, means, variances)
    if kind == "exact":
        check_two_components(mu.shape[-1], 'weight_gradient(kind="exact")')
    if kind == "softmax":
        return shaped(sums.n - m * w)
    g = sums.n / w
    if kind == "exact":
        return shaped(g[:, 0] - g[:, 1])
    if kind == "simplex":
        g = g - g.mean(axis=-1, keepdims=True)
    return shaped(g)


def gradient_terms(x: object, weights: object, means: object, variances: object) -> Gradients:
    r"""Each point's term of each gradient: what point i contributes to component k.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (..., K)

    Returns
    -------
    Gradients
        ``means``, ``variances`` and ``weights``, each of shape ``(..., m, K)``; summed over
        the points (axis -2) they are :func:`gradients`.

    Notes
    -----
    .. math::
        \gamma_{ik}\frac{x_i - \mu_k}{\sigma_k^2}, \qquad
        \frac12\gamma_{ik}\left[\frac{(x_i-\mu_k)^2}{\sigma_k^4} - \frac{1}{\sigma_k^2}\right], \qquad
        \frac{\gamma_{ik}}{\pi_k}

    The sign of a point's variance term says whether it lies outside (+) or inside (-)
    one standard deviation of :math:`\mu_k`. Builds ``(..., m, K)`` arrays: for figures
    and teaching, not for large m.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import gradient_terms, gradients
    >>> x, p = [0.0, 1.0, 4.0], ([0.6, 0.4], [0.5, 3.0], [1.0, 2.0])
    >>> terms = gradient_terms(x, *p)
    >>> terms.means.shape
    (3, 2)
    >>> bool(np.allclose(terms.means.sum(axis=0), gradients(x, *p).means))
    True
    """
    gamma = responsibilities(x, weights, means, variances)
    x = np.asarray(x, dtype=float)[:, None]
    w, mu, var = (a[..., None, :] for a in check_params(weights, means, variances))
    d = x - mu
    return Gradients(gamma * d / var, 0.5 * gamma * (d * d / var - 1.0) / var, gamma / w)


def best_weight(x: object, means: object, variances: object) -> np.ndarray:
    r"""The weight :math:`\pi_1^\star` that maximises L along :math:`\pi_2 = 1 - \pi_1`, the components fixed.

    Parameters
    ----------
    x : array_like, shape (m,)
    means, variances : array_like, shape (..., 2)
        The two components (K = 2); leading axes are a batch.

    Returns
    -------
    ndarray, shape (...)
        :math:`\pi_1^\star \in (0, 1)`.

    Notes
    -----
    Along the segment, :math:`d\mathcal{L}/d\pi_1 = N_1/\pi_1 - N_2/\pi_2 = (N_1 - m\pi_1)/(\pi_1\pi_2)`
    and :math:`d^2\mathcal{L}/d\pi_1^2 = -\sum_i (\mathcal{N}_{i1} - \mathcal{N}_{i2})^2 / p(x_i)^2 \le 0`:
    L is concave, so the derivative falls through zero once, at :math:`\pi_1^\star = N_1(\pi_1^\star)/m`.
    Found by bisection on the exact derivative (:func:`weight_gradient` with ``kind="exact"``),
    to about 1e-15. If component 1 explains no point at all the optimum is the end
    :math:`\pi_1 \to 0` (and symmetrically 1); the bisection then returns a value within 1e-15 of it.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import best_weight
    >>> x = np.array([-0.1, 0.0, 0.1, 9.9, 10.0, 10.1, 10.2, 9.8])
    >>> round(float(best_weight(x, [0.0, 10.0], [1.0, 1.0])), 6)
    0.375
    """
    k = max(np.shape(means)[-1] if np.ndim(means) else 1, 1)
    mu = check_params(np.full(k, 1.0 / k), means, variances)[1]
    check_two_components(mu.shape[-1], "best_weight")
    batch = mu.shape[:-1]
    lo, hi = np.zeros(batch), np.ones(batch)
    for _ in range(52):
        mid = 0.5 * (lo + hi)
        rising = weight_gradient(x, np.stack([mid, 1.0 - mid], axis=-1), means, variances, kind="exact") > 0
        lo, hi = np.where(rising, mid, lo), np.where(rising, hi, mid)
    return 0.5 * (lo + hi)
