r"""The explorer (a view with sliders), the K = 2 parameter sliders, and the one adapter between a
:class:`mogcore.Mixture` and slider values.

The K = 2 sliders are named ``pi1, mu1, mu2, var1, var2`` (with :math:`\pi_2 = 1 - \pi_1`).
Every slider's starting value is put on the slider's own grid before anything is drawn,
so the figure drawn first is the one the browser shows.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

import ipywidgets as widgets
import numpy as np

from ..params import Mixture
from ._figure import figure_png, max_shown_width
from ._frames import FrameRenderer
from ._protocol import View
from ._sliders import float_slider, log_slider

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


def _rows(controls: list[widgets.Widget]) -> list[widgets.HBox]:
    """Controls three to a row."""
    return [widgets.HBox(controls[i : i + 3]) for i in range(0, len(controls), 3)]


class Explorer:
    """A view's figure with its sliders, displayed as one output: the live widget, or its first frame as a PNG.

    Parameters
    ----------
    view : View
        A view (its ``fig`` is rendered; see :class:`mogcore.viz.View`).
    sliders : dict of name -> widget
    update : callable
        ``update(values)``, given every slider's value by name; moves the view's artists.
    caption : str
        Shown above the sliders.
    couple : callable, optional
        ``couple(name, value) -> {other: value}``: sliders that move with another one
        (a named start brings its own step). Moved quietly: still one update, one render.
    to_mixture : callable, optional
        ``to_mixture(values) -> Mixture``, for explorers whose sliders set a mixture
        (then :attr:`mixture` is what the figure shows).
    lead : int, optional
        Show only the first ``lead`` sliders; fold the rest under "more parameters"
        (closed at first), for a lesson about one or two of them.
    actions : dict of label -> callable, optional
        Buttons, in a row under the sliders. A press calls ``action()``, which changes what the
        view shows (its own state) and returns ``{slider: value}`` for the sliders to show; they
        are moved quietly, then one ``update`` and one render, as for a slider event.

    Notes
    -----
    One slider event is one ``update`` and one render. ``set(**values)`` moves sliders
    from code (tests and "try this" cells) and renders once, after the last move.

    Events are handled one at a time. JupyterLab 4.4 and later send widget messages to a
    kernel *subshell* (a thread of its own, ipykernel 7), so a slider's message can be handled
    while another event's callback is still drawing; two callbacks drawing one figure at once
    can leave the image unchanged (a chosen start that never shows). A lock held from the
    slider change to the rendered frame makes each event see the previous one finished.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.viz import explore_mixture
    >>> ex = explore_mixture(np.array([1.0, 1.2, 3.9, 4.1, 4.3]))
    >>> ex.set(mu1=1.1)
    >>> ex.values["mu1"]
    1.1
    """

    def __init__(
        self,
        view: View,
        sliders: dict[str, widgets.Widget],
        update: Callable[[dict], None],
        caption: str = "",
        couple: Callable[[str, object], dict] | None = None,
        to_mixture: Callable[[dict], Mixture] | None = None,
        lead: int | None = None,
        actions: dict[str, Callable[[], dict]] | None = None,
    ) -> None:
        self.view = view
        self._to_mixture = to_mixture
        self.fig = view.fig
        self.sliders = sliders
        self._update, self._couple = update, couple
        self._held, self._pending, self._quiet = 0, False, False
        self._lock = threading.RLock()  # one event at a time, whichever thread delivers it
        # The cell's width, up to the frame's own pixels and a height that leaves the sliders on screen.
        widest = f"{max_shown_width(self.fig)}px"
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width=widest))
        self.image.value = self.static_png = figure_png(self.fig)  # the first frame, as saved in the notebook
        # A view with a readout shows its changing numbers as text beside the live figure, not in its titles
        # (laid out again on every frame); the saved first frame above keeps them in the titles.
        self.readout = None
        if callable(getattr(view, "readout", None)):
            view.live = True
            update(self.values)
            self.readout = widgets.HTML(view.readout())
            self.image.value = figure_png(self.fig)
        # Freeze the layout that constrained layout just found: re-solving it on every
        # slider move would cost about a third of each render.
        self.fig.set_layout_engine(None)  # (None, not "none": "none" keeps a placeholder that costs a second draw)
        self.frames = FrameRenderer(self.fig)  # live frames redraw only what moved
        shown = list(sliders.values())[:lead]
        self.buttons = {label: widgets.Button(description=label) for label in actions or {}}
        for label, button in self.buttons.items():
            button.on_click(lambda _, act=actions[label]: self.press(act))
        readout = [self.readout] if self.readout is not None else []
        parts = [
            *_rows(shown),
            *([widgets.HBox(list(self.buttons.values()))] if self.buttons else []),
            *readout,
            self.image,
        ]
        folded = list(sliders.values())[len(shown) :]
        self.more = None  # the "more parameters" fold, if any
        if folded:
            self.more = widgets.Accordion(children=[widgets.VBox(_rows(folded))], titles=("more parameters",))
            self.more.selected_index = None
            parts.insert(len(parts) - 1, self.more)
        if caption:
            parts.insert(0, widgets.HTML(f"<b>{caption}</b>"))
        self.widget = widgets.VBox(parts)
        for s in sliders.values():
            s.observe(self._on_change, names="value")

    @property
    def values(self) -> dict[str, object]:
        """Every slider's value, by name."""
        return {name: s.value for name, s in self.sliders.items()}

    @property
    def mixture(self) -> Mixture:
        """The mixture the sliders set now (for explorers of a mixture)."""
        if self._to_mixture is None:
            raise AttributeError("this explorer's sliders do not set a mixture")
        return self._to_mixture(self.values)

    def _on_change(self, change: dict) -> None:
        with self._lock:
            if self._quiet:  # a coupled slider moved by this same event (the lock is re-entrant)
                return
            if self._couple is not None:
                name = next(n for n, s in self.sliders.items() if s is change["owner"])
                self._move_quietly(self._couple(name, change["new"]))
            self._redraw()

    def press(self, action: Callable[[], dict]) -> None:
        """Run a button's action: it changes the view's state and says where the sliders go (moved quietly);
        then one update and one render."""
        with self._lock:
            self._move_quietly(action())
            self._redraw()

    def _move_quietly(self, moves: dict) -> None:
        """Move sliders by name within the event being handled: their change events do nothing."""
        self._quiet = True
        try:
            for name, value in moves.items():
                self.sliders[name].value = value
        finally:
            self._quiet = False

    def _redraw(self) -> None:
        """One update with every slider's value, then one render (at the end of ``held`` if inside it)."""
        self._update(self.values)
        if self.readout is not None:
            self.readout.value = self.view.readout()
        if self._held:
            self._pending = True
        else:
            self._render()

    def _render(self) -> None:
        self.image.value = self.frames.png()

    def set(self, **values: object) -> None:
        """Move sliders by name, as a user would; the image is rendered once, at the end."""
        with self.held():
            for name, value in values.items():
                self.sliders[name].value = value

    @contextmanager
    def held(self) -> Iterator[None]:
        """Within this block slider moves update the artists; the image is rendered once, at the end."""
        with self._lock:
            self._held += 1
            try:
                yield
            finally:
                self._held -= 1
                if not self._held and self._pending:
                    self._pending = False
                    self._render()

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        """One output, two renderings: the live widget where widgets run (JupyterLab prefers it),
        and a PNG of the first frame where they do not (GitHub, nbconvert, a viewer without a kernel).
        The PNG asks for the live image's widest (:func:`max_shown_width`): viewers show it at the cell's width
        up to that, as the live image is."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(self.static_png).decode("ascii")
        bundle["text/plain"] = "A live figure: run the notebook to move its sliders."
        return bundle, {"image/png": {"width": max_shown_width(self.fig)}}


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
    return Explorer(view, sliders, update, to_mixture=lambda values: mixture_from_values(values, base), lead=lead)
