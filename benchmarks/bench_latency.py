"""Latency of a live update in a real browser: key press on a slider -> changed pixels.

Starts JupyterLab (this environment) and headless Chromium, opens each notebook, runs it,
then presses ArrowRight/ArrowLeft on every slider (30 presses each, toward the slider's farther
end, turning back only at an end: each press shows a value not shown before, as a hand moving a
slider does, so nothing kept from an earlier value makes it faster) and times each press inside
the page, with the browser's own clock:
from the keydown event to the moment the figure's new PNG is decoded, ready to paint (a
MutationObserver sees the image's source change, then ``img.decode()`` resolves). Timing in
the page leaves out Playwright's own round trips (about 35 ms per press here), which no
user waits for. Prints the median and 95th percentile per notebook, and how many presses
showed no new frame within 2 s. Target: median <= 100 ms, p95 <= 250 ms.
The "more parameters" folds are opened first, so their sliders are timed too; then every other
control: each drop-down's options in turn, each toggle's buttons, and the playground's buttons
(timed from the click or the choice), pooled with the sliders and also shown on their own.

Last, the floor: the same presses on a slider whose handler draws nothing and sends a ready PNG (two
frames of an explorer, alternating) to an image laid out as an explorer's. What is left is the
browser, the widget messages and decoding the PNG; a notebook's time above it is drawing. Timed for
01's frame and 06's (the largest), each at 2x (what the explorers send) and 1x.

Run: make bench-latency, or python benchmarks/bench_latency.py 06_fitting.ipynb for the notebooks named
(needs /usr/bin/chromium or `python -m playwright install chromium`)
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

import numpy as np
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.lab import (  # noqa: E402
    LAUNCH_ARGS,
    SYSTEM_CHROMIUM,
    dropdown_choices,
    explorer_image,
    open_and_run,
    running_lab,
)

# Arm one measurement: the next keydown starts the clock; the next change of the image's
# source, once decoded, stops it (or, for the floor's text, the next change of the text).
ARM = """el => {
  const lat = (window.__latency = {pressed: null, shown: null});
  const start = () => { if (lat.pressed === null) lat.pressed = performance.now(); };
  for (const kind of ["keydown", "pointerdown", "change"]) {  // a key, a click, a drop-down choice
    document.addEventListener(kind, start, {capture: true, once: true});
  }
  const done = () => { lat.shown = performance.now(); };
  const seen = new MutationObserver(() => {
    seen.disconnect();
    if (el.tagName === "IMG") el.decode().then(done, done); else done();
  });
  seen.observe(el, el.tagName === "IMG" ? {attributes: true, attributeFilter: ["src"]}
                                        : {childList: true, subtree: true, characterData: true});
}"""
SHOWN = "() => window.__latency.shown !== null"

PRESSES = 30
#: Clicks per button of the playground, in this order (reset once, last: a second reset would draw the same frame).
BUTTON_CLICKS = (("EM step", 10), ("ascent step", 10), ("undo", 5), ("reset", 1))


def timed(page, img, act) -> float | None:
    """Milliseconds from the event ``act()`` fires to the new frame decoded (None: no frame within 2 s)."""
    img.evaluate(ARM)
    act()
    try:
        page.wait_for_function(SHOWN, timeout=2000, polling=5)
    except PlaywrightTimeout:
        return None
    lat = page.evaluate("() => window.__latency")
    page.wait_for_timeout(50)  # let the kernel settle between events
    return lat["shown"] - lat["pressed"]


FLOOR = """\
import ipywidgets as widgets
import mogcore
from mogcore.viz import explore_fitting, explore_mixture
from mogcore.viz._frames import FrameRenderer

x = mogcore.load_old_faithful()
boxes = []
for make in (explore_mixture, explore_fitting):
    for scale in (2, 1):
        ex = make(x)
        name, s = next((n, s) for n, s in ex.sliders.items() if hasattr(s, "step"))
        frames = FrameRenderer(ex.fig, scale)
        pngs = [frames.png()]
        ex.set(**{name: s.value + s.step})
        pngs.append(frames.png())
        image = widgets.Image(value=pngs[0], format="png", layout=ex.image.layout)
        slider = widgets.IntSlider(0, 0, 10**6, description=f"{make.__name__} {scale}x")
        slider.observe(lambda c, im=image, p=pngs: setattr(im, "value", p[c["new"] % 2]), "value")
        boxes.append(widgets.VBox([slider, image]))
text, slider = widgets.HTML("0"), widgets.IntSlider(0, 0, 10**6, description="no image")
slider.observe(lambda c: setattr(text, "value", str(c["new"])), "value")
widgets.VBox([*boxes, widgets.VBox([slider, text])])
"""


def floor_notebook(server) -> str:
    """Write the floor's notebook next to the copied notebooks; return its name."""
    cell = {"cell_type": "code", "metadata": {}, "source": FLOOR, "outputs": [], "execution_count": None}
    kernel = json.loads((ROOT / "notebooks" / "01_mixture_model.ipynb").read_text())["metadata"]["kernelspec"]
    nb = {"cells": [cell], "metadata": {"kernelspec": kernel}, "nbformat": 4, "nbformat_minor": 5}
    (Path(server["root"]) / "notebooks" / "_floor.ipynb").write_text(json.dumps(nb))
    return "_floor.ipynb"


def direction(handle) -> str:
    """The key that moves the slider on to a value not yet shown: toward its farther end, reversing at an end."""
    now, lo, hi = (float(handle.get_attribute(f"aria-value{a}")) for a in ("now", "min", "max"))
    going = handle.get_attribute("data-going") or ("ArrowRight" if hi - now >= now - lo else "ArrowLeft")
    if now >= hi:
        going = "ArrowLeft"
    elif now <= lo:
        going = "ArrowRight"
    handle.evaluate("(h, g) => h.setAttribute('data-going', g)", going)
    return going


def press_sliders(page) -> tuple[list, int, list[str]]:
    """Time PRESSES key presses on every slider; return the times, the misses and the sliders' labels."""
    handles = page.locator(".widget-slider .noUi-handle")
    times, missed, labels = [], 0, []
    for i in range(handles.count()):
        h = handles.nth(i)
        h.scroll_into_view_if_needed()
        labels.append(h.evaluate("h => h.closest('.widget-slider').innerText.split('\\n')[0]"))
        if labels[-1] == "no image":  # the floor's bare round trip: its clock stops at the text
            img = h.evaluate_handle("h => h.closest('.widget-vbox').querySelector('.widget-html')").as_element()
        else:
            img = explorer_image(h)
        h.focus()
        for _ in range(PRESSES):
            key = direction(h)
            took = timed(page, img, lambda h=h, key=key: h.press(key))
            missed += took is None
            times.append(took)
    return times, missed, labels


def controls(page) -> list:
    """Latencies of every control that is not a slider: drop-down choices, toggle buttons, buttons."""
    out = []
    for sel, img, index, _ in dropdown_choices(page):
        out.append(timed(page, img, lambda sel=sel, index=index: sel.select_option(index=index)))
    toggles = page.locator(".widget-toggle-buttons")
    for i in range(toggles.count()):
        options = toggles.nth(i).locator("button")
        img = explorer_image(options.nth(0))
        for n in range(6):
            button = options.nth((n + 1) % options.count())
            out.append(timed(page, img, button.click))
    buttons = page.locator(".widget-button")
    labels = [text.strip() for text in buttons.all_inner_texts()]
    for label, clicks in BUTTON_CLICKS:
        if label in labels:
            button = buttons.nth(labels.index(label))
            button.scroll_into_view_if_needed()
            img = explorer_image(button)
            out.extend(timed(page, img, button.click) for _ in range(clicks))
    return out


def main() -> None:
    names = sys.argv[1:] or sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))  # or those named
    with running_lab(ROOT / "notebooks") as server, sync_playwright() as p:
        exe = {"executable_path": SYSTEM_CHROMIUM} if Path(SYSTEM_CHROMIUM).exists() else {}
        browser = p.chromium.launch(args=LAUNCH_ARGS, **exe)
        print(
            f"{'notebook':<30s} {'sliders':>7s} {'events':>7s} {'median':>9s} {'p95':>9s} {'missed':>6s}"
            f"   {'other controls: events, median / p95':>40s}"
        )
        for name in names:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            open_and_run(page, server, name)
            folds = page.locator(".jupyter-widget-Collapse-header")
            for i in range(folds.count()):  # open every "more parameters" fold
                folds.nth(i).scroll_into_view_if_needed()
                folds.nth(i).click()
            page.wait_for_timeout(300)
            times, missed, _ = press_sliders(page)
            handles = page.locator(".widget-slider .noUi-handle")
            times = [t for t in times if t is not None]
            other = controls(page)
            missed += sum(t is None for t in other)
            other = [t for t in other if t is not None]
            times += other
            med, p95 = statistics.median(times), float(np.percentile(times, 95))
            extra = (
                f"{len(other):>6d}, {statistics.median(other):4.0f} / {np.percentile(other, 95):4.0f} ms"
                if other
                else ""
            )
            print(
                f"{name:<30s} {handles.count():>7d} {len(times):>7d} {med:>7.0f} ms {p95:>7.0f} ms {missed:>6d}"
                f"   {extra:>40s}"
            )
            page.evaluate("window.jupyterapp.commands.execute('kernelmenu:shutdown')")
            page.context.close()
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        open_and_run(page, server, floor_notebook(server))
        times, missed, labels = press_sliders(page)
        for i, label in enumerate(labels):
            mine = [t for t in times[i * PRESSES : (i + 1) * PRESSES] if t is not None]
            med, p95 = statistics.median(mine), float(np.percentile(mine, 95))
            row = f"{'floor: ' + label:<30s} {1:>7d} {len(mine):>7d} {med:>7.0f} ms {p95:>7.0f} ms"
            print(f"{row} {PRESSES - len(mine):>6d}")
        page.context.close()
        browser.close()


if __name__ == "__main__":
    main()
