"""Colours and figure sizes, applied per figure: nothing here changes global state.

One colour per component across every notebook, from the Okabe-Ito palette (safe for
the common forms of colour blindness): component 1 is blue, component 2 orange.
"""

from __future__ import annotations

#: Okabe-Ito colours, one per component, in order.
COMPONENT_COLORS: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
)
MIXTURE_COLOR = "#000000"
DATA_COLOR = "#BBBBBB"
GRADIENT_COLOR = "#D55E00"
WIDE = (8.0, 3.0)
DPI = 80


def component_color(k: int) -> str:
    """The colour of component ``k`` (0-based), the same in every figure.

    Parameters
    ----------
    k : int
        Component index, 0-based (component 1 of the notebooks is ``k = 0``).

    Returns
    -------
    str
        A hex colour.

    Notes
    -----
    Colours cycle through :data:`COMPONENT_COLORS` for :math:`k \\geq 7`.

    Examples
    --------
    >>> from mogcore.style import component_color
    >>> component_color(0), component_color(1)
    ('#0072B2', '#E69F00')
    """
    return COMPONENT_COLORS[k % len(COMPONENT_COLORS)]
