r"""The general Gaussian mixture: K components in d dimensions with full covariance matrices.

The log-likelihood, the responsibilities, the gradients with respect to the weights, means and
covariance matrices, one EM step (:mod:`.model`); EM's path and the gradient steps its moves are made of
(:mod:`.fitting`); the log-Cholesky parameters that keep a covariance positive definite
(:mod:`.log_cholesky`); and a 2 x 2 covariance's standard deviations, correlation and ellipse
(:mod:`.ellipses`). Shapes: ``X`` is ``(m, d)``; ``weights`` ``(..., K)``, ``means`` ``(..., K, d)`` and
``covariances`` ``(..., K, d, d)``, where the leading axes ``...`` are a batch of settings, as in the
1-D core. Everything runs in the log domain through Cholesky factors (no :math:`\Sigma_k^{-1}` and no
:math:`|\Sigma_k|` is formed) and walks the data in chunks (no ``(m, K, d)`` temporary).
"""

from .ellipses import covariance, ellipse_geometry, shape_of
from .fitting import MvPath, covariance_step, em_fit, em_mean_move
from .log_cholesky import from_log_cholesky, log_cholesky_gradient, to_log_cholesky
from .model import MvGradients, MvMixture, em_step, log_likelihood, responsibilities, value_and_gradients

__all__ = [
    "MvGradients",
    "MvMixture",
    "MvPath",
    "covariance",
    "covariance_step",
    "ellipse_geometry",
    "em_fit",
    "em_mean_move",
    "em_step",
    "from_log_cholesky",
    "log_cholesky_gradient",
    "log_likelihood",
    "responsibilities",
    "shape_of",
    "to_log_cholesky",
    "value_and_gradients",
]
