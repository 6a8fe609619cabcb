"""Controls that carry their own label, and sliders whose grids pass exactly through their starting values.

Every control is made with its label: a symbol (``$\\mu_1$``) sits in a narrow column so that a row of
sliders lines up; words (``"iteration $t$"``) get the room they need (``wide=True``). A view module
makes its own controls; nothing here knows their names.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

#: The width of every control, and of the label column of a one-symbol label.
CONTROL_WIDTH, SYMBOL_WIDTH = "340px", "40px"


def labelled(control: widgets.Widget, label: str, wide: bool = False) -> widgets.Widget:
    """``control`` labelled ``label`` (in the narrow symbol column unless ``wide``), at the common width."""
    control.description = label
    control.style = {"description_width": "initial" if wide else SYMBOL_WIDTH}
    control.layout = widgets.Layout(width=CONTROL_WIDTH)
    return control


def _on_grid(value: float, lo: float, hi: float, step: float) -> float:
    """``value`` clipped to ``[lo, hi]`` and rounded to the nearest ``lo + n * step``."""
    return float(min(max(lo + round((min(max(value, lo), hi) - lo) / step) * step, lo), hi))


def on_slider_grid(slider: widgets.Widget, value: float) -> float:
    """``value`` moved onto ``slider``'s grid (linear, or in the exponent for a log slider)."""
    if isinstance(slider, widgets.FloatLogSlider):
        exponent = _on_grid(float(np.log10(value)), slider.min, slider.max, slider.step)
        return float(slider.base**exponent)
    return _on_grid(float(value), slider.min, slider.max, slider.step)


def next_on_grid(slider: widgets.Widget, old: float, new: float) -> float | None:
    """The value one grid step past ``new`` in the direction from ``old`` to ``new`` (in the exponent for a log
    slider): where the next key press the same way goes. None past the slider's end, and None unless ``old`` to
    ``new`` was one grid step (a key press; a drag jumps, and where it goes next cannot be told)."""
    log = isinstance(slider, widgets.FloatLogSlider)
    at, was = (float(np.log(v) / np.log(slider.base)) for v in (new, old)) if log else (float(new), float(old))
    to = at + float(np.sign(at - was)) * slider.step
    if abs(abs(at - was) - slider.step) > 1e-6 * slider.step or not slider.min - 1e-9 <= to <= slider.max + 1e-9:
        return None
    to = _on_grid(to, slider.min, slider.max, slider.step)
    return float(slider.base**to) if log else type(new)(to)


def _anchored(value: float, lo: float, hi: float, step: float) -> tuple[float, float, float]:
    """``(value, lo', hi')``: the range about ``[lo, hi]`` moved by less than a step so that ``value``
    (clipped into it) is exactly on the grid ``lo' + n * step``."""
    value = min(max(value, lo), hi)
    below, above = np.floor((value - lo) / step + 1e-9), np.floor((hi - value) / step + 1e-9)
    return value, value - below * step, value + above * step


def float_slider(
    value: float, lo: float, hi: float, step: float, *, label: str, fmt: str = ".2f", wide: bool = False
) -> widgets.FloatSlider:
    """A linear slider over about ``[lo, hi]`` whose grid passes exactly through its starting value."""
    value, lo, hi = _anchored(value, lo, hi, step)
    slider = widgets.FloatSlider(value=value, min=lo, max=hi, step=step, readout_format=fmt)
    return labelled(slider, label, wide)


def log_slider(
    value: float, lo: float, hi: float, step: float, *, label: str, fmt: str = ".3g", wide: bool = False
) -> widgets.FloatLogSlider:
    """A base-10 log slider over about ``10**lo .. 10**hi`` whose grid passes exactly through its starting value."""
    exponent, lo, hi = _anchored(float(np.log10(value)), lo, hi, step)
    start = value if lo <= np.log10(value) <= hi else 10.0**exponent
    slider = widgets.FloatLogSlider(value=start, base=10, min=lo, max=hi, step=step, readout_format=fmt)
    return labelled(slider, label, wide)


def int_slider(value: int, lo: int, hi: int, *, label: str, wide: bool = False) -> widgets.IntSlider:
    """An integer slider over ``lo .. hi`` starting at ``value`` (clipped into range)."""
    return labelled(widgets.IntSlider(value=int(min(max(value, lo), hi)), min=lo, max=hi), label, wide)
