r"""The explorer: a view with its sliders, one update and one frame per event, shown as one output.

The K = 2 parameter sliders and the adapter between a :class:`mogcore.Mixture` and their values are in
``_mixture_sliders``.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import ipywidgets as widgets

from ..params import Mixture
from ._figure import figure_png, max_shown_width
from ._frames import FrameRenderer
from ._protocol import View


def _same(old: object, new: object) -> bool:
    """Two slider values that differ by less than 1e-12 of their size (or are equal)."""
    if isinstance(old, float) and isinstance(new, float):
        return abs(new - old) <= 1e-12 * max(abs(old), abs(new))
    return old == new


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
    ahead : callable, optional
        ``ahead(name, old, new, values)``, called once a slider event's frame is sent: the view may
        compute, without drawing, what the next move of that slider in the same direction will need.

    Notes
    -----
    One slider event is one ``update`` and one render. ``set(**values)`` moves sliders
    from code (tests and "try this" cells) and renders once, after the last move. A change by
    less than :math:`10^{-12}` of the value is no event: it is the browser handing back a value
    the kernel set, recomputed in JavaScript (a log slider's 0.7943282347242814 for 0.7943282347242822).

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
        ahead: Callable[[str, object, object, dict], None] | None = None,
    ) -> None:
        self.view = view
        self._to_mixture = to_mixture
        self.fig = view.fig
        self.sliders = sliders
        self._update, self._couple, self._ahead = update, couple, ahead
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
            parts.insert(len(parts) - 1 - len(readout), self.more)  # the readout stays just above the figure
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
            old, new = change["old"], change["new"]
            if self._quiet or _same(old, new):  # moved by this same event (the lock is re-entrant), or handed back
                return
            name = next(n for n, s in self.sliders.items() if s is change["owner"])
            if self._couple is not None:
                self._move_quietly(self._couple(name, new))
            self._redraw()
            if self._ahead is not None and not self._held:
                self._ahead(name, old, new, self.values)

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

    def rehearse(self, settings: list[dict]) -> None:
        """Show each setting (``{slider: value}``) now, twice round, then go back to the values before: in the first
        round the frames learn what moves (which drops any kept background), in the second each setting's background
        is kept (:data:`~mogcore.viz._frames.KEEP_BACKGROUNDS` at most), so a class choosing one of them later waits
        for no full redraw. One render per setting shown."""
        first = self.values
        for values in [*settings, first, *settings, first]:
            self.set(**values)

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
