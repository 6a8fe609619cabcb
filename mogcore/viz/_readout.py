r"""Numbers that change at every move: in a saved picture they sit in a view's titles; live, in a *readout*.

A title whose text changes is laid out again at every live frame (a title with mathtext, about 7 to 18 ms
each); a title that does not change stays in the frames' kept background and costs nothing. So a view shown
live by an :class:`~mogcore.viz.Explorer` (which sets ``view.live = True``) keeps only the fixed words in its
titles, and its changing numbers go to :meth:`LiveNumbers.readout`, a line of HTML the explorer shows above
the figure. A saved picture (GitHub, nbconvert, a static figure) keeps the numbers in the titles.
"""

from __future__ import annotations

from matplotlib.axes import Axes

#: Between the parts of a readout (one part per title).
SEPARATOR = "&nbsp;&nbsp;|&nbsp;&nbsp;"


class LiveNumbers:
    r"""For a view whose titles carry numbers that change at every move: :meth:`set_title` sets each such title,
    and :meth:`readout` gives the numbers the live titles leave out.

    Attributes
    ----------
    live : bool
        False (a saved picture): titles hold their words and numbers. True (set by an explorer): titles hold
        their words only, and the numbers go to :meth:`readout`.

    Examples
    --------
    >>> import matplotlib.figure
    >>> ax = matplotlib.figure.Figure().subplots()
    >>> view = LiveNumbers()
    >>> view.set_title(ax, "the fit", "$\\mathcal{L}$ = -3.25", "L = -3.25")
    >>> ax.get_title(), view.readout()
    ('the fit\n$\\mathcal{L}$ = -3.25', 'L = -3.25')
    >>> view.live = True
    >>> view.set_title(ax, "the fit", "$\\mathcal{L}$ = -3.00", "L = -3.00")
    >>> ax.get_title(), view.readout()
    ('the fit', 'L = -3.00')
    """

    live: bool = False

    def set_title(
        self, ax: Axes, words: str, numbers: str, said: str, loc: str = "center", sep: str = "\n", **kwargs: object
    ) -> None:
        """Title ``ax`` (at ``loc``) with ``words`` and, unless live, ``numbers`` after ``sep``; the readout's part
        for this title becomes ``said`` (HTML; "" for none). The title is set only if its text changes (fontsize 10)."""
        text = words if self.live else sep.join(t for t in (words, numbers) if t)
        if ax.get_title(loc=loc) != text:
            ax.set_title(text, loc=loc, fontsize=10, **kwargs)
        self.__dict__.setdefault("_said", {})[id(ax), loc] = said

    def readout(self) -> str:
        """The numbers the live titles leave out: one part per title, in the order the titles were first set."""
        return SEPARATOR.join(said for said in self.__dict__.get("_said", {}).values() if said)
