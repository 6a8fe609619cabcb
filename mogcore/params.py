"""The small containers the API passes around."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Mixture(NamedTuple):
    """Parameters of a 1-D Gaussian mixture, each an array with the component axis last.

    Attributes
    ----------
    weights : ndarray, shape (..., K)
        The mixture weights pi_k (positive, summing to 1 along the last axis).
    means : ndarray, shape (..., K)
        The component means mu_k.
    variances : ndarray, shape (..., K)
        The component variances sigma_k^2 (positive).

    Examples
    --------
    >>> from mogcore import Mixture
    >>> mix = Mixture(weights=[0.7, 0.3], means=[0.0, 4.0], variances=[1.0, 2.0])
    >>> mix.means
    [0.0, 4.0]
    """

    weights: np.ndarray
    means: np.ndarray
    variances: np.ndarray


class Gradients(NamedTuple):
    """Gradients of the log-likelihood, one array per parameter, shape ``(..., K)``.

    Attributes
    ----------
    means : ndarray
        dL/dmu_k.
    variances : ndarray
        dL/dsigma_k^2.
    weights : ndarray
        dL/dpi_k, the partial derivative that ignores the constraint sum_k pi_k = 1
        (see :func:`mogcore.weight_gradient` for the constrained forms).

    Examples
    --------
    >>> from mogcore import Gradients
    >>> Gradients(means=[1.0], variances=[0.5], weights=[3.0]).variances
    [0.5]
    """

    means: np.ndarray
    variances: np.ndarray
    weights: np.ndarray


class UnconstrainedGradients(NamedTuple):
    r"""Gradients of the log-likelihood in coordinates where every value is allowed, shape ``(..., K)``.

    Attributes
    ----------
    means : ndarray
        :math:`\partial\mathcal{L}/\partial\mu_k`.
    log_sigmas : ndarray
        :math:`\partial\mathcal{L}/\partial s_k` with :math:`s_k = \log\sigma_k`.
    logits : ndarray
        :math:`\partial\mathcal{L}/\partial\eta_k` with :math:`\pi = \operatorname{softmax}(\eta)`.

    Examples
    --------
    >>> from mogcore import UnconstrainedGradients
    >>> UnconstrainedGradients(means=[1.0], log_sigmas=[0.5], logits=[0.0]).log_sigmas
    [0.5]
    """

    means: np.ndarray
    log_sigmas: np.ndarray
    logits: np.ndarray


class Information(NamedTuple):
    r"""The three information matrices of a 1-D mixture, each (P, P) in the coordinates of
    :func:`mogcore.coordinate_names`.

    Attributes
    ----------
    observed : ndarray
        :math:`-\nabla^2\mathcal{L}`.
    complete : ndarray
        :math:`-\sum_i\sum_k\gamma_{ik}\nabla^2 a_{ik}`, the complete-data information (labels known).
    missing : ndarray
        ``complete - observed``: the information the unknown labels take away.

    Examples
    --------
    >>> from mogcore import Information
    >>> Information(observed=[[1.0]], complete=[[3.0]], missing=[[2.0]]).missing
    [[2.0]]
    """

    observed: np.ndarray
    complete: np.ndarray
    missing: np.ndarray
