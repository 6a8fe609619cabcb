r"""The K = 2 parameter sliders, the one adapter between a :class:`mogcore.Mixture` and slider values, and
the explorer of a view whose sliders set a mixture.

The K = 2 sliders are named ``pi1, mu1, mu2, var1, var2`` (with :math:`\pi_2 = 1 - \pi_1`).
Every slider's starting value is put on the slider's own grid before anything is drawn,
so the figure drawn first is the one the browser shows.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np

from ..params import Mixture
from ._explorer import Explorer
from ._protocol import View
from ._sliders import float_slider, log_slider, next_on_grid

PARAM_NAMES = ("pi1", "mu1", "mu2", "var1", "var2")
#: Each parameter slider's label.
PARAM_LABELS = {
    "pi1": r"$\pi_1$",
    "mu1": r"$\mu_1$",
    "mu2": r"$\mu_2$",
    "var1": r"$\sigma_1^2$",
    "var2": r"$\sigma_2^2$",
}


def default_mixture(x: np.ndarray) -> Mixture:
    r"""A reasonable, deliberately imperfect starting mixture for the data ``x``.

    Parameters
    ----------
    x : ndarray, shape (m,)

    Returns
    -------
    Mixture
        :math:`\pi = (1/2, 1/2)`, means at the 25th and 75th percentiles, both variances
        a quarter of the data's.

    Notes
    -----
    :math:`\mu_1 = q_{0.25}(x)`, :math:`\mu_2 = q_{0.75}(x)`,
    :math:`\sigma_1^2 = \sigma_2^2 = \operatorname{var}(x)/4`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import default_mixture
    >>> default_mixture(np.array([0.0, 1.0, 2.0, 3.0, 4.0])).means.tolist()
    [1.0, 3.0]
    """
    q1, q3 = np.percentile(x, [25, 75])
    v = float(np.var(x)) / 4.0 or 1.0
    return Mixture(np.array([0.5, 0.5]), np.array([q1, q3], dtype=float), np.array([v, v]))


def as_mixture(weights: object = None, means: object = None, variances: object = None, *, base: Mixture) -> Mixture:
    """A K = 2 :class:`Mixture` from arrays, each missing one taken from ``base``."""
    w, mu, var = (np.asarray(b if a is None else a, dtype=float) for a, b in zip((weights, means, variances), base))
    return Mixture(w, mu, var)


def slider_values(mixture: Mixture) -> dict[str, float]:
    r"""The slider values ``pi1, mu1, mu2, var1, var2`` of a K = 2 mixture.

    Parameters
    ----------
    mixture : Mixture
        Weights, means and variances of shape (2,).

    Returns
    -------
    dict of str -> float

    Notes
    -----
    :math:`\pi_2 = 1 - \pi_1` is implied; :func:`mixture_from_values` is the inverse.

    Examples
    --------
    >>> from mogcore import Mixture
    >>> from mogcore.viz import slider_values
    >>> slider_values(Mixture([0.3, 0.7], [0.0, 4.0], [1.0, 2.0]))["mu2"]
    4.0
    """
    (w1, _), (m1, m2), (v1, v2) = (np.asarray(a, dtype=float).tolist() for a in mixture)
    return {"pi1": w1, "mu1": m1, "mu2": m2, "var1": v1, "var2": v2}


def mixture_from_values(values: Mapping[str, object], base: Mixture) -> Mixture:
    r"""The K = 2 :class:`Mixture` the sliders show; parameters without a slider come from ``base``.

    Parameters
    ----------
    values : mapping
        Slider values by name (any of ``pi1, mu1, mu2, var1, var2``).
    base : Mixture
        Where the other parameters come from.

    Returns
    -------
    Mixture

    Notes
    -----
    :math:`\pi = (\pi_1, 1 - \pi_1)`, :math:`\mu = (\mu_1, \mu_2)`,
    :math:`\sigma^2 = (\sigma_1^2, \sigma_2^2)`.

    Examples
    --------
    >>> from mogcore import Mixture
    >>> from mogcore.viz import mixture_from_values
    >>> mixture_from_values({"pi1": 0.25}, Mixture([0.5, 0.5], [0.0, 4.0], [1.0, 2.0])).weights.tolist()
    [0.25, 0.75]
    """
    v = {**slider_values(base), **{k: float(values[k]) for k in PARAM_NAMES if k in values}}
    return Mixture(
        np.array([v["pi1"], 1.0 - v["pi1"]]),
        np.array([v["mu1"], v["mu2"]]),
        np.array([v["var1"], v["var2"]]),
    )


def mixture_sliders(x: np.ndarray, mixture: Mixture, names: tuple[str, ...] = PARAM_NAMES) -> dict[str, widgets.Widget]:
    r"""Sliders for the K = 2 parameters, with ranges that suit the data ``x``.

    Parameters
    ----------
    x : ndarray, shape (m,)
    mixture : Mixture
        Starting values (each put on its slider's grid).
    names : tuple of str
        Which of ``pi1, mu1, mu2, var1, var2`` to make.

    Returns
    -------
    dict of name -> slider

    Notes
    -----
    :math:`\pi_1 \in [0.01, 0.99]`; means over the data's range, padded by a quarter;
    variances on a log scale from :math:`10^{-3}\operatorname{var}(x)` to
    :math:`2\operatorname{var}(x)`.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture
    >>> from mogcore.viz import mixture_sliders
    >>> s = mixture_sliders(np.array([0.0, 1.0, 4.0]), Mixture([0.5, 0.5], [0.0, 4.0], [1.0, 1.0]))
    >>> s["pi1"].description, s["pi1"].value
    ('$\\pi_1$', 0.5)
    """
    start = slider_values(mixture)
    lo, hi = float(np.min(x)), float(np.max(x))
    pad = 0.25 * (hi - lo or 1.0)
    v = float(np.var(x)) or 1.0
    mean_step = (hi - lo) / 200 or 0.01
    ranges = {
        "pi1": (float_slider, 0.01, 0.99, 0.01),
        "mu1": (float_slider, lo - pad, hi + pad, mean_step),
        "mu2": (float_slider, lo - pad, hi + pad, mean_step),
        "var1": (log_slider, np.log10(v) - 3, np.log10(2 * v), 0.02),
        "var2": (log_slider, np.log10(v) - 3, np.log10(2 * v), 0.02),
    }
    made = {}
    for name in names:
        factory, *grid = ranges[name]
        made[name] = factory(start[name], *grid, label=PARAM_LABELS[name])
    return made


def mixture_explorer(
    view_class: type[View],
    x: object,
    start: tuple[object, object, object],
    names: tuple[str, ...] = PARAM_NAMES,
    extra: dict[str, widgets.Widget] | None = None,
    lead: int | None = None,
    **view_options: object,
) -> Explorer:
    """An explorer whose sliders set (some of) the K = 2 parameters of ``view_class(x, mixture)``.

    ``start`` is ``(weights, means, variances)``, any of them None for the default.
    ``extra`` sliders (labelled, and already on their grids) replace a parameter's slider or, for a name
    that is not a parameter, are passed to the view's constructor and ``update`` by name.
    ``lead``: only the first ``lead`` of ``names`` are shown, the rest fold under "more parameters".
    A view with a ``prepare(mixture)`` method has it called once a key press's frame is sent, for the mixture the
    next press of that slider the same way will show (:func:`~mogcore.viz._sliders.next_on_grid`): what it
    computes and keeps there is ready when that press comes.
    """
    x = np.asarray(x, dtype=float)
    base = as_mixture(*start, base=default_mixture(x))
    made = {**mixture_sliders(x, base, tuple(n for n in names if n not in (extra or {}))), **(extra or {})}
    sliders = {n: made[n] for n in (*names, *(e for e in made if e not in names))}
    extras = tuple(n for n in (extra or ()) if n not in PARAM_NAMES)  # the rest are mixture parameters

    def update(values: dict) -> None:
        view.update(mixture_from_values(values, base), **{k: values[k] for k in extras})

    first = {name: s.value for name, s in sliders.items()}
    view = view_class(x, mixture_from_values(first, base), **{k: first[k] for k in extras}, **view_options)

    def ahead(name: str, old: object, new: object, values: dict) -> None:  # a key press: ready the next one
        if name in PARAM_NAMES and (to := next_on_grid(sliders[name], old, new)) is not None:
            view.prepare(mixture_from_values({**values, name: to}, base))

    prepares = callable(getattr(view, "prepare", None))  # a view whose work can be done ahead says so
    return Explorer(
        view,
        sliders,
        update,
        to_mixture=lambda values: mixture_from_values(values, base),
        lead=lead,
        ahead=ahead if prepares else None,
    )
