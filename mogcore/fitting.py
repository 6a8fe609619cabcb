r"""Fitting a mixture: gradient ascent and Newton's method in unconstrained coordinates, and EM, with their paths.

Every fitter returns a :class:`Path`: the parameters and :math:`\mathcal{L}` at every
iteration, and why the run stopped. The notebooks draw these paths over the gradient
field and scrub along them with a slider.

Gradient ascent and Newton's method work in coordinates where every value is allowed:
:math:`\mu_k`, :math:`s_k = \log\sigma_k` and the logits :math:`\eta_k` of
:math:`\pi = \operatorname{softmax}(\eta)`, so a step can never leave the parameter space.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _kernel, _newton
from ._stops import COLLAPSE_FRACTION, Limits  # noqa: F401 (COLLAPSE_FRACTION stays public here)
from ._validate import check_choice, check_count, check_data, check_nonnegative, check_params, check_positive
from .coordinates import _from_sums
from .em import _update
from .params import Mixture


class Iterates:
    """What every fitting path shares: T, an iteration index clamped to the run, and the last iterate."""

    loglik: np.ndarray

    @property
    def iterations(self) -> int:
        """T, the number of steps taken."""
        return len(self.loglik) - 1

    def _clamped(self, t: int) -> int:
        return int(min(max(t, 0), self.iterations))

    def at(self, t: int) -> object:  # pragma: no cover - each path says what its iterates are
        raise NotImplementedError

    @property
    def final(self) -> object:
        """The last iterate."""
        return self.at(self.iterations)


@dataclass(frozen=True)
class Path(Iterates):
    """The iterates of a fitting run.

    Attributes
    ----------
    method : str
        ``"gradient ascent"``, ``"EM"`` or ``"Newton"``.
    weights, means, variances : ndarray, shape (T + 1, K)
        The parameters at iterations 0 (the start) to T.
    loglik : ndarray, shape (T + 1,)
        :math:`\\mathcal{L}` at each iterate.
    stopped : str
        ``"ran all iterations"``, or why the run stopped early (converged, diverged,
        a variance collapsed, stalled).
    """

    method: str
    weights: np.ndarray
    means: np.ndarray
    variances: np.ndarray
    loglik: np.ndarray
    stopped: str

    def at(self, t: int) -> Mixture:
        """The parameters after ``t`` steps (the last ones if the run stopped before ``t``)."""
        t = self._clamped(t)
        return Mixture(self.weights[t], self.means[t], self.variances[t])


def _start(x, weights, means, variances):
    x = check_data(x)
    if x.shape[0] == 0:
        raise ValueError("x must hold at least one point to fit a mixture; got m = 0")
    w, mu, var = check_params(weights, means, variances)
    if mu.ndim != 1:
        raise ValueError(f"weights, means and variances must be 1-D (one mixture) to fit; got shape {mu.shape}")
    return x, w.astype(float), mu.astype(float), var.astype(float)


def _pass(x: np.ndarray, w: np.ndarray, mu: np.ndarray, var: np.ndarray) -> _kernel.Sums:
    """One pass over the data at one setting, unchecked: for the fitters' loops, whose data were checked once
    and whose every iterate is valid (weights > 0 summing to 1, finite means, finite variances > 0: a loop stops
    before an iterate that is not). The same pass, to the bit, as the public functions make."""
    return _kernel.accumulate(x, w[None], mu[None], var[None], grads=True)


def _ascent(sums: _kernel.Sums, m: int, w: np.ndarray, var: np.ndarray) -> tuple[float, tuple[np.ndarray, ...]]:
    """L and its gradient in (mu, log sigma, eta), as :func:`mogcore.value_and_unconstrained_gradients` gives."""
    return float(sums.loglik[0]), tuple(g[0] for g in _from_sums(sums, m, w, var))


def _path(method, rows, stopped) -> Path:
    w, mu, var, L = (np.array(a) for a in zip(*rows))
    return Path(method, w, mu, var, L, stopped)


def gradient_ascent(
    x: object,
    weights: object,
    means: object,
    variances: object,
    step: float,
    iters: int = 300,
    var_floor: float = 0.0,
) -> Path:
    r"""Plain gradient ascent on :math:`\mathcal{L}/m` in :math:`(\mu, \log\sigma, \eta)`.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (K,)
        The start.
    step : float
        The step size :math:`\alpha > 0`.
    iters : int
        At most this many steps.
    var_floor : float
        A variance floor (a remedy for collapse); 0 for none.

    Returns
    -------
    Path
        Stops early if a value becomes non-finite or a mean runs more than
        :math:`10^3` data ranges away ("diverged"), or a variance falls below
        ``COLLAPSE_FRACTION`` times the data's variance ("collapsed").

    Notes
    -----
    With :math:`s_k = \log\sigma_k` and :math:`\pi = \operatorname{softmax}(\eta)`:

    .. math::
        \mu_k \leftarrow \mu_k + \frac{\alpha}{m}\frac{\partial\mathcal{L}}{\partial\mu_k},\quad
        s_k \leftarrow s_k + \frac{\alpha}{m}\sum_i\gamma_{ik}\left[\frac{(x_i-\mu_k)^2}{\sigma_k^2}-1\right],\quad
        \eta_k \leftarrow \eta_k + \frac{\alpha}{m}\,(N_k - m\pi_k)

    Dividing by m makes the step size independent of the amount of data.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.fitting import gradient_ascent
    >>> x = np.array([0.0, 0.3, 0.5, 4.0, 4.2, 4.9])
    >>> path = gradient_ascent(x, [0.5, 0.5], [1.0, 3.0], [1.0, 1.0], step=0.05, iters=1000)
    >>> bool(path.loglik[-1] > path.loglik[0]), np.round(path.final.means, 4)
    (True, array([0.2667, 4.3667]))
    """
    x, w, mu, var = _start(x, weights, means, variances)
    iters = check_count(iters, "iters")
    step = check_positive(step, "step")
    var_floor = check_nonnegative(var_floor, "var_floor")
    m = x.shape[0]
    limits = Limits.of(x)
    s, eta = 0.5 * np.log(var), np.log(w)
    L, (g_mu, g_s, g_eta) = _ascent(_pass(x, w, mu, var), m, w, var)
    rows = [(w, mu, var, L)]
    stopped = "ran all iterations"
    for t in range(1, iters + 1):
        mu = mu + step / m * g_mu
        s = s + step / m * g_s
        eta = eta + step / m * g_eta
        eta = eta - eta.max()
        with np.errstate(over="ignore", under="ignore"):
            var = np.exp(2.0 * s)
            w = np.exp(eta) / np.exp(eta).sum()
        if var_floor > 0:
            var = np.maximum(var, var_floor)
            s = 0.5 * np.log(var)
        ok = np.all(np.isfinite(mu)) and np.all(np.isfinite(var)) and np.all(w > 0)
        if reason := limits.stop(t, mu, var, usable=bool(ok)):
            stopped = reason
            break
        L, (g_mu, g_s, g_eta) = _ascent(_pass(x, w, mu, var), m, w, var)
        rows.append((w, mu, var, L))
    return _path("gradient ascent", rows, stopped)


def em_fit(
    x: object,
    weights: object,
    means: object,
    variances: object,
    iters: int = 300,
    tol: float = 0.0,
    var_floor: float = 0.0,
) -> Path:
    r"""Run EM from a start and keep every iterate.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (K,)
        The start.
    iters : int
        At most this many EM steps.
    tol : float
        Stop once :math:`\mathcal{L}` rises by less than ``tol`` times :math:`|\mathcal{L}|` in a
        step (0: never). Keep it well above rounding (about :math:`10^{-16}`), say
        :math:`10^{-12}` or more: a rule at rounding level stops at an iteration that the last bits of
        a sum decide, and another machine stops elsewhere.
    var_floor : float
        A variance floor (a remedy for collapse); 0 for none.

    Returns
    -------
    Path
        Stops early when converged (``tol``) or when a variance collapses below
        ``COLLAPSE_FRACTION`` times the data's variance (EM cannot go on from there).

    Notes
    -----
    Each step is :func:`mogcore.em_step`:
    :math:`\pi_k = N_k/m`, :math:`\mu_k = \sum_i\gamma_{ik}x_i/N_k`,
    :math:`\sigma_k^2 = \sum_i\gamma_{ik}(x_i-\mu_k)^2/N_k`. :math:`\mathcal{L}` never
    decreases from one iterate to the next.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.fitting import em_fit
    >>> x = np.array([0.0, 0.3, 0.5, 4.0, 4.2, 4.9])
    >>> path = em_fit(x, [0.5, 0.5], [1.0, 3.0], [1.0, 1.0], iters=50)
    >>> bool(np.all(np.diff(path.loglik) >= 0)), np.round(path.final.weights, 2)
    (True, array([0.5, 0.5]))
    """
    x, w, mu, var = _start(x, weights, means, variances)
    iters = check_count(iters, "iters")
    tol = check_nonnegative(tol, "tol")
    var_floor = check_nonnegative(var_floor, "var_floor")
    limits = Limits.of(x)
    m = x.shape[0]
    sums = _pass(x, w, mu, var)  # one pass per step: L at an iterate and the step from it
    L = float(sums.loglik[0])
    rows = [(w, mu, var, L)]
    stopped = "ran all iterations"
    for t in range(1, iters + 1):
        new_w, new_mu, new_var = (a[0] for a in _update(sums, mu[None], m))
        new_var = np.maximum(new_var, var_floor) if var_floor > 0 else new_var
        if not np.all(new_w > 0):
            stopped = f"a component lost all its points at iteration {t}"
            break
        if reason := limits.collapse(t, new_var):
            stopped = reason
            break
        w, mu, var = new_w, new_mu, new_var
        sums = _pass(x, w, mu, var)
        L_new = float(sums.loglik[0])
        rows.append((w, mu, var, L_new))
        if tol > 0 and L_new - L < tol * abs(L_new):
            stopped = f"converged at iteration {t}: L rose by less than {tol:g} |L|"
            break
        L = L_new
    return _path("EM", rows, stopped)


def newton(
    x: object,
    weights: object,
    means: object,
    variances: object,
    iters: int = 100,
    tol: float = 0.0,
    safeguard: bool = True,
) -> Path:
    r"""Newton's method on :math:`\mathcal{L}` in :math:`\theta = (\mu, \log\sigma, \eta_{1..K-1})`, :math:`\eta_K = 0`.

    Parameters
    ----------
    x : array_like, shape (m,)
    weights, means, variances : array_like, shape (K,)
        The start.
    iters : int
        At most this many steps.
    tol : float
        Stop once :math:`\mathcal{L}` rises by less than ``tol`` times :math:`|\mathcal{L}|` in a step, as
        :func:`em_fit` does (0: never); a fall never counts as converged.
    safeguard : bool
        Damp the Hessian and search along the step so that :math:`\mathcal{L}` never falls; ``False``: the
        raw Newton step every time (it may go downhill, or to a saddle).

    Returns
    -------
    Path
        Method ``"Newton"``. Stops early when converged (``tol``), when a value becomes non-finite or a mean
        runs more than :math:`10^3` data ranges away ("diverged"), when a variance falls below
        ``COLLAPSE_FRACTION`` times the data's variance ("collapsed"), or when :math:`\mathcal{L}` falls at
        every step the line search tries ("stalled").

    Notes
    -----
    With :math:`g = \nabla\mathcal{L}` and :math:`H = \nabla^2\mathcal{L}` (:func:`mogcore.hessian`):

    .. math:: \theta \leftarrow \theta + \alpha\,(\lambda I - H)^{-1} g

    Unsafeguarded, :math:`\lambda = 0` and :math:`\alpha = 1`: quadratic convergence near a maximum, but
    :math:`(-H)^{-1}g` heads for whatever stationary point is near, a minimum or a saddle as happily as a
    maximum. Safeguarded, :math:`\lambda = 0` if :math:`-H` is positive definite (a Cholesky factor exists),
    else :math:`10^{-3}\max|H_{jl}|` times 10 until it is, so the step goes uphill; then
    :math:`\alpha = 1, \tfrac12, \tfrac14, \dots` (at most 50 halvings) until :math:`\mathcal{L}` does not fall.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.fitting import newton
    >>> x = np.array([0.0, 0.3, 0.5, 4.0, 4.2, 4.9])
    >>> path = newton(x, [0.5, 0.5], [0.5, 4.0], [0.1, 0.1], iters=50, tol=1e-14)
    >>> path.stopped.startswith("converged"), path.iterations < 10, np.round(path.final.means, 4)
    (True, True, array([0.2667, 4.3667]))
    """
    x, w, mu, var = _start(x, weights, means, variances)
    iters = check_count(iters, "iters")
    tol = check_nonnegative(tol, "tol")
    if not isinstance(safeguard, (bool, np.bool_)):
        raise ValueError(f"safeguard must be True or False; got {safeguard!r}")
    rows, stopped = _newton.run(x, w, mu, var, iters, tol, bool(safeguard))
    return _path("Newton", rows, stopped)


#: Named starts for the Old Faithful eruption durations, each showing one behaviour.
STARTS: dict[str, dict] = {
    "typical": dict(weights=[0.5, 0.5], means=[2.2, 4.5], variances=[0.3, 0.3], step=0.1),
    "too large a step": dict(weights=[0.5, 0.5], means=[2.2, 4.5], variances=[0.3, 0.3], step=0.8),
    "identical components": dict(weights=[0.5, 0.5], means=None, variances=None, step=0.1),
    "collapse onto a point": dict(weights=[0.5, 0.5], means=["min", 3.5], variances=[1e-5, 1.3], step=0.1),
    "labels swapped": dict(weights=[0.5, 0.5], means=[4.5, 2.2], variances=[0.3, 0.3], step=0.1),
}


def named_start(name: str, x: object) -> tuple[Mixture, float]:
    r"""One of the :data:`STARTS`: a start and a step size that show one behaviour.

    Parameters
    ----------
    name : str
        A key of :data:`STARTS`.
    x : array_like, shape (m,)
        The data (the "identical components" start puts both components at the
        data's mean and variance).

    Returns
    -------
    (Mixture, float)
        The start and a gradient-ascent step size.

    Notes
    -----
    "identical components": :math:`\mu_1 = \mu_2 = \bar x`, :math:`\sigma_1^2 = \sigma_2^2
    = \operatorname{var}(x)`, where every gradient is 0 (a line of stationary points).
    "collapse onto a point": :math:`\mu_1` exactly on the smallest data point, with a tiny variance.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.fitting import named_start
    >>> start, step = named_start("identical components", np.array([0.0, 1.0, 2.0]))
    >>> start.means.tolist(), step
    ([1.0, 1.0], 0.1)
    """
    check_choice(name, "name", STARTS)
    spec = STARTS[name]
    x = check_data(x)
    means = spec["means"] if spec["means"] is not None else [float(np.mean(x))] * 2
    means = [float(np.min(x)) if v == "min" else v for v in means]
    variances = spec["variances"] if spec["variances"] is not None else [float(np.var(x))] * 2
    start = Mixture(np.array(spec["weights"], float), np.array(means, float), np.array(variances, float))
    return start, float(spec["step"])
