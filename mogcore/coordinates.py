r"""The gradient in the coordinates a fitter or a figure moves along.

Gradient ascent steps in :math:`\theta = (\mu_k, s_k = \log\sigma_k, \eta_k)` with
:math:`\pi = \operatorname{softmax}(\eta)`, where every value is allowed; notebook 05 compares four
treatments of the weights along :math:`\pi_2 = 1 - \pi_1`; notebook 00 shows every gradient per data point.
All come from the same one-pass sums as :func:`mogcore.value_and_gradients`.
"""

from __future__ import annotations

import numpy as np

from ._validate import check_two_components
from .gradients import _sums, weight_gradient
from .params import UnconstrainedGradients

#: The weight treatments of :func:`weight_slopes`, as kinds of :func:`mogcore.weight_gradient`.
SLOPE_KINDS = ("exact", "simplex", "softmax", "partial")


def value_and_unconstrained_gradients(
    x: object, weights: object, means: object, variances: object
) -> tuple[np.ndarray, UnconstrainedGradients]:
    r"""The log-likelihood and its gradient in :math:`(\mu, \log\sigma, \eta)`, in one pass over the data.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (..., K)
        Leading axes are a batch.

    Returns
    -------
    L : ndarray, shape (...)
    grads : UnconstrainedGradients
        ``means``, ``log_sigmas``, ``logits``, each of shape ``(..., K)``.

    Notes
    -----
    By the chain rule with :math:`\sigma_k^2 = e^{2s_k}` and
    :math:`\partial\pi_j/\partial\eta_k = \pi_j(\delta_{jk} - \pi_k)`:

    .. math::
        \frac{\partial\mathcal{L}}{\partial s_k} = 2\sigma_k^2\frac{\partial\mathcal{L}}{\partial\sigma_k^2}
            = \sum_i\gamma_{ik}\left[\frac{(x_i-\mu_k)^2}{\sigma_k^2} - 1\right], \qquad
        \frac{\partial\mathcal{L}}{\partial\eta_k} = N_k - m\pi_k

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import value_and_unconstrained_gradients, log_sigma_gradient
    >>> p = ([0.5, 0.5], [0.0, 4.0], [1.0, 2.0])
    >>> L, g = value_and_unconstrained_gradients([0.0, 1.0, 4.5], *p)
    >>> bool(np.allclose(g.log_sigmas, log_sigma_gradient([0.0, 1.0, 4.5], *p))), round(float(g.logits.sum()), 12)
    (True, 0.0)
    """
    m, sums, (w, _mu, var), shaped = _sums(x, weights, means, variances)
    grads = UnconstrainedGradients(*(shaped(g) for g in _from_sums(sums, m, w, var)))
    return shaped(sums.loglik), grads


def _from_sums(sums: object, m: int, w: np.ndarray, var: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The gradient in (mu, log sigma, eta), each of shape (B, K), from one pass's sums (see ``_kernel.Sums``)."""
    return sums.s1 / var, sums.s2 / var - sums.n, sums.n - m * w


def weight_slopes(x: object, weights: object, means: object, variances: object) -> dict[str, float]:
    r"""Component 1 of each kind of weight gradient of a K = 2 mixture: the slopes notebook 05 draws through
    :math:`(\pi_1, \mathcal{L})`.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (2,)

    Returns
    -------
    dict of kind -> float
        For each of :data:`SLOPE_KINDS`; only ``"exact"`` is the slope of L along :math:`\pi_2 = 1 - \pi_1`.

    Notes
    -----
    With :math:`g_k = N_k/\pi_k`: exact :math:`g_1 - g_2`, simplex (projected) :math:`\tfrac12(g_1 - g_2)`,
    softmax :math:`N_1 - m\pi_1 = \pi_1\pi_2(g_1 - g_2)`, partial :math:`g_1`; each from
    :func:`mogcore.weight_gradient`.

    Examples
    --------
    >>> from mogcore import weight_slopes
    >>> s = weight_slopes([0.0, 0.1, 5.0], [0.5, 0.5], [0.0, 5.0], [1.0, 1.0])
    >>> round(s["exact"], 6) == round(2 * s["simplex"], 6), round(s["softmax"], 6) == round(s["exact"] / 4, 6)
    (True, True)
    """
    check_two_components(np.shape(means)[-1] if np.ndim(means) else 1, "weight_slopes")
    return {kind: float(np.ravel(weight_gradient(x, weights, means, variances, kind=kind))[0]) for kind in SLOPE_KINDS}


def average_gradients(x: object, weights: object, means: object, variances: object) -> np.ndarray:
    r"""Every gradient of a K = 2 mixture divided by m: what one data point contributes on average.

    Parameters
    ----------
    x : array_like, shape (m,)
        At least one point.
    weights, means, variances : array_like, shape (2,)

    Returns
    -------
    ndarray, shape (5,)
        In this order (the bars of notebook 00's playground).

    Notes
    -----
    .. math:: \frac1m\left(\frac{\partial\mathcal{L}}{\partial\mu_1}, \frac{\partial\mathcal{L}}{\partial\mu_2},
              \frac{\partial\mathcal{L}}{\partial\log\sigma_1}, \frac{\partial\mathcal{L}}{\partial\log\sigma_2},
              \frac{d\mathcal{L}}{d\pi_1}\right)

    the last along :math:`\pi_2 = 1 - \pi_1` (:func:`mogcore.weight_gradient` with ``kind="exact"``). All five
    are 0 together exactly at a stationary point of :math:`\mathcal{L}`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import average_gradients
    >>> np.round(average_gradients([0.0, 1.0, 4.0], [0.5, 0.5], [0.0, 4.0], [1.0, 1.0]), 3)
    array([ 0.328, -0.018, -0.332, -0.284,  0.643])
    """
    check_two_components(np.shape(means)[-1] if np.ndim(means) else 1, "average_gradients")
    m, sums, (w, _mu, var), _ = _sums(x, weights, means, variances)
    if m == 0:
        raise ValueError("x must hold at least one point to average over; got m = 0")
    g = sums.n / w
    per_point = np.concatenate([sums.s1[0] / var[0], sums.s2[0] / var[0] - sums.n[0], g[0, :1] - g[0, 1:]])
    return per_point / m
