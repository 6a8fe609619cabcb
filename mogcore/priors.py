r"""A prior on the variances: the standard remedy for the likelihood's singularity."""

from __future__ import annotations

import math

import numpy as np

from ._validate import check_positive, check_positive_array


def log_prior_variances(variances: object, shape: float = 2.0, scale: float = 0.01) -> np.ndarray:
    r"""The log density of independent inverse-gamma priors on the variances, summed over k.

    Parameters
    ----------
    variances : array_like, shape (..., K)
        :math:`\sigma_k^2 > 0`.
    shape, scale : float
        The inverse-gamma's :math:`a > 0` and :math:`b > 0`.

    Returns
    -------
    ndarray, shape (...)

    Notes
    -----
    .. math:: \log p(\sigma^2) = \sum_k \left[a\log b - \log\Gamma(a)
              - (a+1)\log\sigma_k^2 - \frac{b}{\sigma_k^2}\right]

    As :math:`\sigma_k^2 \to 0` the term :math:`-b/\sigma_k^2` goes to :math:`-\infty`
    faster than :math:`\mathcal{L}` grows (like :math:`-\tfrac12\log\sigma_k^2`), so
    :math:`\mathcal{L} + \log p(\sigma^2)` is bounded above: the maximum a posteriori
    problem has a solution where the maximum likelihood problem has none.

    Examples
    --------
    >>> from mogcore.priors import log_prior_variances
    >>> round(float(log_prior_variances([1.0], shape=1.0, scale=1.0)), 6)
    -1.0
    >>> log_prior_variances([0.0])
    Traceback (most recent call last):
    ...
    ValueError: variances must be > 0; variances[0] = np.float64(0.0)
    """
    var = check_positive_array(variances, "variances")
    shape, scale = check_positive(shape, "shape"), check_positive(scale, "scale")
    const = shape * math.log(scale) - math.lgamma(shape)
    return np.sum(const - (shape + 1.0) * np.log(var) - scale / var, axis=-1)
