"""mogcore: the mathematics of a 1-D Gaussian mixture, exact and fast.

The log-likelihood, the responsibilities, and the gradients with respect to the means,
variances and weights, in the log domain and vectorised over any number of components
and over batches of parameter settings. ``import mogcore`` needs numpy only; the
figures and live explorers (:mod:`mogcore.viz`) import matplotlib and ipywidgets
when they are imported.
"""

from .checks import CheckReport, check_gradient_function, numerical_gradients
from .coordinates import SLOPE_KINDS, average_gradients, value_and_unconstrained_gradients, weight_slopes
from .curvature import coordinate_names, em_rate, hessian, information, mean_hessian, standard_errors
from .data import load_old_faithful
from .em import em_step
from .gradients import (
    WEIGHT_GRADIENT_KINDS,
    best_weight,
    gradient_terms,
    gradients,
    log_sigma_gradient,
    value_and_gradients,
    weight_gradient,
)
from .mixture import (
    component_pdfs,
    decision_boundaries,
    log_joint,
    log_likelihood,
    log_likelihood_per_point,
    mixture_pdf,
    normal_pdf,
    responsibilities,
    sample,
)
from .params import Gradients, Information, Mixture, UnconstrainedGradients

__version__ = "0.1.0"

__all__ = [
    "SLOPE_KINDS",
    "WEIGHT_GRADIENT_KINDS",
    "CheckReport",
    "Gradients",
    "Information",
    "Mixture",
    "UnconstrainedGradients",
    "average_gradients",
    "best_weight",
    "check_gradient_function",
    "component_pdfs",
    "coordinate_names",
    "decision_boundaries",
    "em_rate",
    "em_step",
    "gradient_terms",
    "gradients",
    "hessian",
    "information",
    "load_old_faithful",
    "log_joint",
    "log_likelihood",
    "log_likelihood_per_point",
    "log_sigma_gradient",
    "mean_hessian",
    "mixture_pdf",
    "normal_pdf",
    "numerical_gradients",
    "responsibilities",
    "sample",
    "standard_errors",
    "value_and_gradients",
    "value_and_unconstrained_gradients",
    "weight_gradient",
    "weight_slopes",
]
