r"""The mixture itself: densities, the log-likelihood, responsibilities, sampling.

Everything is computed in the log domain. With

.. math:: a_{ik} = \log \pi_k - \tfrac12 \log(2\pi\sigma_k^2) - \frac{(x_i-\mu_k)^2}{2\sigma_k^2}

the log-likelihood is :math:`\mathcal{L} = \sum_i \operatorname{logsumexp}_k a_{ik}` and the
responsibilities are :math:`\gamma_{ik} = \exp(a_{ik} - \operatorname{logsumexp}_j a_{ij})`,
so nothing underflows even far out in the tails.
"""

from __future__ import annotations

import numpy as np

from . import _kernel
from ._validate import (
    check_count,
    check_data,
    check_finite,
    check_params,
    check_positive,
    check_two_components,
    prepare_batch,
)


def normal_pdf(x: object, mean: float, variance: float) -> np.ndarray:
    r"""The Gaussian density :math:`\mathcal{N}(x \mid \mu, \sigma^2)`, computed naively.

    Parameters
    ----------
    x : array_like
        Points at which to evaluate.
    mean : float
        :math:`\mu`.
    variance : float
        :math:`\sigma^2 > 0`.

    Returns
    -------
    ndarray
        The density at each point (same shape as ``x``).

    Notes
    -----
    .. math:: \mathcal{N}(x \mid \mu, \sigma^2) = \frac{1}{\sqrt{2\pi\sigma^2}}
              \exp\left(-\frac{(x-\mu)^2}{2\sigma^2}\right)

    This is the textbook formula on purpose: about 38.6 standard deviations out it
    underflows to exactly 0 in float64. The rest of the package never multiplies
    densities; it works with their logarithms.

    Examples
    --------
    >>> from mogcore import normal_pdf
    >>> round(float(normal_pdf(0.0, 0.0, 1.0)), 6)
    0.398942
    >>> float(normal_pdf(40.0, 0.0, 1.0))
    0.0
    """
    x = np.asarray(x, dtype=float)
    mean, variance = check_finite(mean, "mean"), check_positive(variance, "variance")
    return np.exp(-((x - mean) ** 2) / (2.0 * variance)) / np.sqrt(2.0 * np.pi * variance)


def log_joint(x: object, weights: object, means: object, variances: object) -> np.ndarray:
    r"""The log of each weighted component density, :math:`a_{ik} = \log \pi_k \mathcal{N}(x_i \mid \mu_k, \sigma_k^2)`.

    Parameters
    ----------
    x : array_like, shape (m,)
        Data.
    weights, means, variances : array_like, shape (..., K)
        Mixture parameters, component axis last.

    Returns
    -------
    ndarray, shape (..., m, K)

    Notes
    -----
    .. math:: a_{ik} = \log \pi_k - \tfrac12 \log(2\pi\sigma_k^2) - \frac{(x_i-\mu_k)^2}{2\sigma_k^2}

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import log_joint
    >>> a = log_joint([0.0], [0.5, 0.5], [0.0, 1.0], [1.0, 1.0])
    >>> np.round(a, 4)
    array([[-1.6121, -2.1121]])
    """
    x = check_data(x)
    w, mu, var = check_params(weights, means, variances)
    logc = _kernel.log_coefficients(w, var)
    d = x[:, None] - mu[..., None, :]
    return logc[..., None, :] - d * d / (2.0 * var[..., None, :])


def log_likelihood(x: object, weights: object, means: object, variances: object) -> np.ndarray:
    r"""The log-likelihood :math:`\mathcal{L}` of the data under the mixture.

    Parameters
    ----------
    x : array_like, shape (m,)
        Data (m = 0 gives 0).
    weights, means, variances : array_like, shape (..., K)
        Mixture parameters with the component axis last; leading axes are a batch of
        parameter settings (for example a grid), computed in one call.

    Returns
    -------
    ndarray, shape (...)
        One log-likelihood per parameter setting (a 0-d array without a batch).

    Notes
    -----
    .. math:: \mathcal{L} = \sum_{i=1}^{m} \log \sum_{k=1}^{K} \pi_k \mathcal{N}(x_i \mid \mu_k, \sigma_k^2)
              = \sum_{i=1}^{m} \operatorname{logsumexp}_k a_{ik}

    Computed with log-sum-exp, in chunks: finite wherever the math is, and no
    ``(m, K)`` array is built.

    Examples
    --------
    >>> from mogcore import log_likelihood
    >>> round(float(log_likelihood([0.0, 4.0], [0.5, 0.5], [0.0, 4.0], [1.0, 1.0])), 4)
    -3.2235
    >>> float(log_likelihood([1e6], [0.5, 0.5], [0.0, 4.0], [1.0, 1.0])) < -1e11
    True
    """
    x, batch_shape, (w, mu, var) = prepare_batch(x, weights, means, variances)
    sums = _kernel.accumulate(x, w, mu, var, grads=False)
    return sums.loglik.reshape(batch_shape)


def log_likelihood_per_point(x: object, weights: object, means: object, variances: object) -> np.ndarray:
    r"""Each point's log-density :math:`\log p(x_i) = \operatorname{logsumexp}_k a_{ik}`.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (..., K)

    Returns
    -------
    ndarray, shape (..., m)

    Notes
    -----
    .. math:: \log p(x_i) = \log \sum_k \pi_k \mathcal{N}(x_i \mid \mu_k, \sigma_k^2),
              \qquad \mathcal{L} = \sum_i \log p(x_i)

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import log_likelihood_per_point
    >>> np.round(log_likelihood_per_point([0.0, 4.0], [0.5, 0.5], [0.0, 4.0], [1.0, 1.0]), 4)
    array([-1.6118, -1.6118])
    """
    a = log_joint(x, weights, means, variances)
    return _logsumexp(a)


def _logsumexp(a: np.ndarray) -> np.ndarray:
    amax = a.max(axis=-1)
    return amax + np.log(np.exp(a - amax[..., None]).sum(axis=-1))


def mixture_pdf(x: object, weights: object, means: object, variances: object) -> np.ndarray:
    r"""The mixture density :math:`p(x) = \sum_k \pi_k \mathcal{N}(x \mid \mu_k, \sigma_k^2)`.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (..., K)

    Returns
    -------
    ndarray, shape (..., m)
        ``exp`` of :func:`log_likelihood_per_point` (it may underflow to 0 far out,
        as the true density does in float64; use the log version for arithmetic).

    Notes
    -----
    .. math:: p(x) = \sum_{k=1}^{K} \pi_k \mathcal{N}(x \mid \mu_k, \sigma_k^2)

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import mixture_pdf
    >>> np.round(mixture_pdf([0.0], [0.7, 0.3], [0.0, 4.0], [1.0, 1.0]), 4)
    array([0.2794])
    """
    return np.exp(log_likelihood_per_point(x, weights, means, variances))


def component_pdfs(x: object, weights: object, means: object, variances: object) -> np.ndarray:
    r"""Each weighted component density :math:`\pi_k \mathcal{N}(x_i \mid \mu_k, \sigma_k^2)`.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (..., K)

    Returns
    -------
    ndarray, shape (..., m, K)
        They add up (over the last axis) to :func:`mixture_pdf`.

    Notes
    -----
    .. math:: \pi_k \mathcal{N}(x_i \mid \mu_k, \sigma_k^2) = \exp(a_{ik})

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import component_pdfs
    >>> np.round(component_pdfs([0.0], [0.7, 0.3], [0.0, 4.0], [1.0, 1.0]), 4)
    array([[0.2793, 0.    ]])
    """
    return np.exp(log_joint(x, weights, means, variances))


def responsibilities(x: object, weights: object, means: object, variances: object) -> np.ndarray:
    r"""The responsibilities :math:`\gamma_{ik}`: how much of point i component k explains.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (..., K)

    Returns
    -------
    ndarray, shape (..., m, K)
        Non-negative; each row (over k) sums to 1.

    Notes
    -----
    Bayes' rule, joint over marginal:

    .. math:: \gamma_{ik} = \frac{\pi_k \mathcal{N}(x_i \mid \mu_k, \sigma_k^2)}
              {\sum_{j=1}^{K} \pi_j \mathcal{N}(x_i \mid \mu_j, \sigma_j^2)}
              = \exp\left(a_{ik} - \operatorname{logsumexp}_j a_{ij}\right)

    The second form never divides 0 by 0, even where every density underflows.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import responsibilities
    >>> g = responsibilities([1.0, 2.0, 1e4], [0.5, 0.5], [0.0, 4.0], [1.0, 1.0])
    >>> np.round(g, 3)
    array([[0.982, 0.018],
           [0.5  , 0.5  ],
           [0.   , 1.   ]])
    >>> g.sum(axis=1)
    array([1., 1., 1.])
    """
    a = log_joint(x, weights, means, variances)
    a -= a.max(axis=-1, keepdims=True)
    np.exp(a, out=a)
    a /= a.sum(axis=-1, keepdims=True)
    return a


def sample(
    n: int,
    weights: object,
    means: object,
    variances: object,
    rng: np.random.Generator | int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Draw n points from the mixture: first the component, then the point.

    Parameters
    ----------
    n : int
        How many points.
    weights, means, variances : array_like, shape (K,)
        One mixture (no batch axes).
    rng : numpy.random.Generator or int or None
        A generator, or a seed for ``numpy.random.default_rng``.

    Returns
    -------
    x : ndarray, shape (n,)
        The points.
    labels : ndarray of int, shape (n,)
        The component (0-based) each point came from.

    Notes
    -----
    Ancestral sampling: :math:`z_i \sim \mathrm{Categorical}(\pi)`, then
    :math:`x_i \mid z_i = k \sim \mathcal{N}(\mu_k, \sigma_k^2)`.

    Examples
    --------
    >>> from mogcore import sample
    >>> x, z = sample(1000, [0.7, 0.3], [0.0, 5.0], [1.0, 1.0], rng=0)
    >>> x.shape, round(float((z == 0).mean()), 1)
    ((1000,), 0.7)
    """
    n = check_count(n, "n")
    w, mu, var = check_params(weights, means, variances)
    if w.ndim != 1:
        raise ValueError(
            f"sample draws from one mixture: weights, means and variances must be 1-D; got shape {w.shape}"
        )
    gen = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    labels = gen.choice(w.shape[0], size=n, p=w / w.sum())
    x = gen.normal(mu[labels], np.sqrt(var[labels]))
    return x, labels


def decision_boundaries(weights: object, means: object, variances: object) -> np.ndarray:
    r"""The points x where :math:`\gamma_1(x) = \gamma_2(x) = 1/2`, for one K = 2 mixture.

    Parameters
    ----------
    weights, means, variances : array_like, shape (2,)
        One mixture of two components.

    Returns
    -------
    ndarray, shape (0,), (1,) or (2,)
        The boundaries, sorted: none, one or two points.

    Notes
    -----
    The log-odds :math:`\log(\gamma_1/\gamma_2) = a_1(x) - a_2(x)` is quadratic in x. With
    :math:`d = x - \mu_1` and :math:`\delta = \mu_2 - \mu_1` it reads

    .. math:: \frac{\sigma_1^2 - \sigma_2^2}{2\sigma_1^2\sigma_2^2}\, d^2 - \frac{\delta}{\sigma_2^2}\, d
              + \left(\log\frac{\pi_1}{\pi_2} - \frac12\log\frac{\sigma_1^2}{\sigma_2^2}
              + \frac{\delta^2}{2\sigma_2^2}\right) = 0 .

    With unequal variances it has no root or two (one, touching, in the borderline case);
    with equal variances it is linear: one root, or none if the components coincide.
    The roots are computed as :math:`q/a` and :math:`c/q` with
    :math:`q = -\tfrac12(b + \operatorname{sign}(b)\sqrt{b^2 - 4ac})`, which stays accurate
    when the variances are nearly equal (where the textbook formula cancels). A root beyond
    the float range (means a few units in the last place apart) is dropped.

    Examples
    --------
    >>> from mogcore import decision_boundaries
    >>> decision_boundaries([0.5, 0.5], [0.0, 4.0], [1.0, 1.0]).tolist()
    [2.0]
    >>> decision_boundaries([0.5, 0.5], [0.0, 0.0], [1.0, 4.0]).round(4).tolist()
    [-1.3596, 1.3596]
    >>> decision_boundaries([0.01, 0.99], [0.0, 0.0], [1.0, 2.0]).tolist()
    []
    """
    w, mu, var = check_params(weights, means, variances)
    if w.ndim != 1:
        raise ValueError(f"weights, means and variances must be 1-D (one mixture); got shape {w.shape}")
    check_two_components(w.shape[0], "decision_boundaries")
    (w1, w2), (m1, m2), (v1, v2) = w.tolist(), mu.tolist(), var.tolist()
    delta = m2 - m1
    a = (v1 - v2) / (2.0 * v1 * v2)
    b = -delta / v2
    c = np.log(w1 / w2) - 0.5 * np.log(v1 / v2) + delta * delta / (2.0 * v2)
    if a == 0.0:
        roots = [] if b == 0.0 else [-c / b]
    else:
        disc = b * b - 4.0 * a * c
        if disc < 0:
            roots = []
        else:
            q = -0.5 * (b + np.copysign(np.sqrt(disc), b))
            roots = sorted({q / a, c / q}) if q != 0.0 else [0.0]
    x = m1 + np.array(roots, dtype=float)
    return x[np.isfinite(x)]  # a root beyond the float range (means a few ulp apart) is dropped
