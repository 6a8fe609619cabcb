"""Expectation-maximisation for the 1-D mixture."""

from __future__ import annotations

import numpy as np

from . import _kernel
from ._validate import prepare_batch
from .params import Mixture


def em_step(x: object, weights: object, means: object, variances: object) -> Mixture:
    r"""One EM iteration: responsibilities (E), then the closed-form updates (M).

    Parameters
    ----------
    x : array_like, shape (m,)
        Data; m must be at least 1.
    weights, means, variances : array_like, shape (..., K)
        Current parameters; leading axes are a batch.

    Returns
    -------
    Mixture
        The updated weights, means and variances, each ``(..., K)``.

    Notes
    -----
    With :math:`N_k = \sum_i \gamma_{ik}`:

    .. math::
        \pi_k^{\text{new}} = \frac{N_k}{m}, \qquad
        \mu_k^{\text{new}} = \frac{1}{N_k}\sum_i \gamma_{ik} x_i, \qquad
        (\sigma_k^2)^{\text{new}} = \frac{1}{N_k}\sum_i \gamma_{ik} (x_i - \mu_k^{\text{new}})^2

    Read as a gradient step (Xu and Jordan, 1996):
    :math:`\mu_k^{\text{new}} = \mu_k + \frac{\sigma_k^2}{N_k}\,\partial\mathcal{L}/\partial\mu_k`.
    A new variance can come out numerically 0: a component that claims essentially one
    point gets that point's spread about itself, weighted by the other points' tiny
    :math:`\gamma_{ik}` (values like 1e-97). It is positive whenever two distinct points
    have :math:`\gamma_{ik} > 0`; an exact 0 is underflow, or all its points being equal.
    EM cannot usefully continue from there: that is the likelihood's singularity, not a
    numerical accident.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import em_step
    >>> new = em_step([0.0, 0.2, 5.0, 5.2], [0.5, 0.5], [1.0, 4.0], [1.0, 1.0])
    >>> np.round(new.means, 3)
    array([0.1, 5.1])
    """
    x, batch_shape, (w, mu, var) = prepare_batch(x, weights, means, variances)
    m = x.shape[0]
    if m == 0:
        raise ValueError("x must hold at least one point for an EM step; got m = 0")
    new = _update(_kernel.accumulate(x, w, mu, var, grads=True), mu, m)
    k = mu.shape[-1]
    return Mixture(*(a.reshape(batch_shape + (k,)) for a in new))


def _update(sums: _kernel.Sums, mu: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """EM's new weights, means and variances, shape ``(B, K)``, from the sums of one pass at means ``mu``."""
    n = sums.n
    shift = sums.s1 / n  # mu_new - mu_old
    new_var = sums.s2 / n - shift * shift  # weighted variance about the new mean
    return n / m, mu + shift, np.maximum(new_var, 0.0)
