"""The view protocol: what every figure of :mod:`mogcore.viz` is, and what an explorer needs of it.

A *view* is made as ``View(data, state..., fig=None)`` (``ax=None`` for a one-panel view):

1. the constructor draws everything, at the state it is given, into ``fig`` (or ``ax``), which it fills; with
   none given it makes a figure of its class's ``SIZE`` (``new_figure``). No pyplot, nothing shown;
2. every artist that ``update`` moves is a named attribute (``view.curve``, ``view.arrows``, ...), so code and
   tests reach it by name, as with scikit-learn's Display objects;
3. ``update(state...)`` takes the same state as the constructor and moves those artists in place. It makes no
   new artists, except contour sets, which matplotlib can only replace (``FieldArtists.set_contours``);
4. maths comes from :mod:`mogcore`; a view computes nothing that is not drawn, and a value it keeps between
   updates is kept by :class:`~mogcore.viz._memo.Recompute`, keyed by every input it depends on.

:class:`~mogcore.viz.Explorer` takes any view and sliders whose values it passes to ``update``.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from matplotlib.figure import Figure


@runtime_checkable
class View(Protocol):
    """A figure that draws once and then moves its named artists (see the module's text).

    Attributes
    ----------
    fig : Figure
        The figure drawn into (given, or new).

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore import Mixture
    >>> from mogcore.viz import MixtureView, View, new_figure
    >>> fig = new_figure((6.0, 3.0))
    >>> view = MixtureView(np.array([0.0, 1.0, 4.0]), Mixture([0.5, 0.5], [0.5, 4.0], [1.0, 1.0]), fig=fig)
    >>> isinstance(view, View), view.fig is fig
    (True, True)
    """

    fig: Figure

    def update(self, *args: Any, **kwargs: Any) -> None:
        """Move the view's artists to a new state (the constructor's state arguments)."""
