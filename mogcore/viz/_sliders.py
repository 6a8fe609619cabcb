"""Sliders whose grids pass exactly through their starting values, and their labels."""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np

SLIDER_LABELS = {
    "pi1": r"$\pi_1$",
    "mu1": r"$\mu_1$",
    "mu2": r"$\mu_2$",
    "var1": r"$\sigma_1^2$",
    "var2": r"$\sigma_2^2$",
    "n": r"$n$",
    "step": r"step $\alpha$",
    "t": r"iteration $t$",
    "start": "start",
}


def _on_grid(value: float, lo: float, hi: float, step: float) -> float:
    """``value`` clipped to ``[lo, hi]`` and rounded to the nearest ``lo + n * step``."""
    return float(min(max(lo + round((min(max(value, lo), hi) - lo) / step) * step, lo), hi))


def on_slider_grid(slider: widgets.Widget, value: float) -> float:
    """``value`` moved onto ``slider``'s grid (linear, or in the exponent for a log slider)."""
    if isinstance(slider, widgets.FloatLogSlider):
        exponent = _on_grid(float(np.log10(value)), slider.min, slider.max, slider.step)
        return float(slider.base**exponent)
    return _on_grid(float(value), slider.min, slider.max, slider.step)


def _anchored(value: float, lo: float, hi: float, step: float) -> tuple[float, float, float]:
    """``(value, lo', hi')``: the range about ``[lo, hi]`` moved by less than a step so that ``value``
    (clipped into it) is exactly on the grid ``lo' + n * step``."""
    value = min(max(value, lo), hi)
    below, above = np.floor((value - lo) / step + 1e-9), np.floor((hi - value) / step + 1e-9)
    return value, value - below * step, value + above * step


def float_slider(value: float, lo: float, hi: float, step: float, fmt: str = ".2f") -> widgets.FloatSlider:
    """A linear slider over about ``[lo, hi]`` whose grid passes exactly through its starting value."""
    value, lo, hi = _anchored(value, lo, hi, step)
    return widgets.FloatSlider(value=value, min=lo, max=hi, step=step, readout_format=fmt)


def log_slider(value: float, lo: float, hi: float, step: float, fmt: str = ".3g") -> widgets.FloatLogSlider:
    """A base-10 log slider over about ``10**lo .. 10**hi`` whose grid passes exactly through its starting value."""
    exponent, lo, hi = _anchored(float(np.log10(value)), lo, hi, step)
    start = value if lo <= np.log10(value) <= hi else 10.0**exponent
    return widgets.FloatLogSlider(value=start, base=10, min=lo, max=hi, step=step, readout_format=fmt)


def int_slider(value: int, lo: int, hi: int) -> widgets.IntSlider:
    """An integer slider over ``lo .. hi`` starting at ``value`` (clipped into range)."""
    return widgets.IntSlider(value=int(min(max(value, lo), hi)), min=lo, max=hi)


def style_sliders(
    sliders: dict[str, widgets.Widget], labels: Mapping[str, str] | None = None
) -> dict[str, widgets.Widget]:
    """Label each control with its symbol (from ``labels``, else the K = 2 names) and give all one width."""
    labels = {**SLIDER_LABELS, **(labels or {})}
    layout = widgets.Layout(width="340px")
    for name, s in sliders.items():
        s.description = labels[name]
        s.style = {"description_width": "initial" if name in ("step", "t", "start", "component") else "40px"}
        s.layout = layout
    return sliders
