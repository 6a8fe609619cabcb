"""Every colour of every figure, in one place: change a colour here and every view follows.

One colour per component, from the Okabe-Ito palette (safe for the common forms of colour blindness):
component 1 blue, component 2 orange. Everything that is not a component is black, a grey or purple,
nothing near component 2's orange.
"""

from __future__ import annotations

from matplotlib import colormaps
from matplotlib.colors import LinearSegmentedColormap

#: Okabe-Ito colours, one per component, in order.
COMPONENT_COLORS: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
)
MIXTURE_COLOR = "#000000"  # the mixture density
DATA_COLOR = "#BBBBBB"  # the histogram of the data
POINT_COLOR = "#000000"  # the sliders' point, its arrow, a tangent
PURPLE = "#7B3294"  # a second method or line beside a black one (EM's path, the softmax tangent)
GREY = "#777777"  # a third line (the projected weight gradient)
MARK_COLOR = "#555555"  # marks and rules: zero lines, boundaries, iteration markers, rug ticks
ARROW_COLOR = "#444444"  # the arrows of a gradient field
GUIDE_COLOR = "#999999"  # a faint guide line (the diagonal mu_1 = mu_2)
PAPER_COLOR = "white"  # the figure's background: a marker's edge and a label's box that stand out from it


def component_color(k: int) -> str:
    r"""The colour of component ``k`` (0-based), the same in every figure.

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
    Colours cycle through :data:`COMPONENT_COLORS` for :math:`k \geq 6`.

    Examples
    --------
    >>> from mogcore.viz import component_color
    >>> component_color(0), component_color(1)
    ('#0072B2', '#E69F00')
    """
    return COMPONENT_COLORS[k % len(COMPONENT_COLORS)]


#: Responsibility :math:`\gamma_{i1}` from 0 (component 2's orange) to 1 (component 1's blue).
GAMMA_CMAP = LinearSegmentedColormap.from_list("gamma", [component_color(1), component_color(0)])


def level_colors(n: int) -> list[tuple[float, float, float, float]]:
    """``n`` colours for contour levels, lowest to highest (viridis: ordered in lightness, colour-blind safe)."""
    return [colormaps["viridis"](i / max(n - 1, 1)) for i in range(n)]
