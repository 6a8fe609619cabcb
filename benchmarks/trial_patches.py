"""A measured trial: send only the changed rectangle of a frame, composited onto a canvas in the browser.

An explorer sends its whole 2x frame as a PNG on every move, and the browser decodes all of it. Here
the kernel compares the new frame's pixels with the last frame's, encodes only the bounding box of
what changed, and a small anywidget (an ES module, no build step) draws that patch onto a canvas at
its place. Timed like ``bench_latency.py`` (key press to the patch drawn; for the PNG, to the new
image decoded), on 01's and 06's explorers, each side by side with its usual PNG image in the same
run, and with the round trip that draws nothing (a slider that changes a line of text). The patch area
is the median share of the frame's pixels that a patch covers.

Needs anywidget, which the project does not pin (this trial was not kept; the README gives its
numbers): ``pip install anywidget==0.11.0``, then ``python benchmarks/trial_patches.py``.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

import numpy as np
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_latency import PRESSES, SHOWN, timed  # noqa: E402

from tests.browser.lab import (  # noqa: E402
    IN_KERNEL,
    LAUNCH_ARGS,
    SYSTEM_CHROMIUM,
    explorer_image,
    open_and_run,
    running_lab,
)

CELL = '''\
import json
import anywidget, traitlets
import ipywidgets as widgets
import numpy as np
import mogcore
from mogcore.viz import explore_fitting, explore_mixture
from mogcore.viz._frames import png_rgba

ESM = """
function render({ model, el }) {
  const canvas = document.createElement("canvas");
  canvas.style.width = "100%";
  canvas.style.maxWidth = model.get("max_width");
  const ctx = canvas.getContext("2d");
  let queue = Promise.resolve();
  const draw = () => {
    const [x, y] = model.get("at"), [w, h] = model.get("size"), frame = model.get("frame");
    const blob = new Blob([model.get("patch").buffer], {type: "image/png"});
    queue = queue.then(async () => {
      const bitmap = await createImageBitmap(blob);
      if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
      ctx.drawImage(bitmap, x, y);
      canvas.dataset.frame = String(frame);
    });
  };
  model.on("change:frame", draw);
  draw();
  el.appendChild(canvas);
}
export default { render };
"""


class PatchImage(anywidget.AnyWidget):
    _esm = ESM
    patch = traitlets.Bytes().tag(sync=True)
    at = traitlets.List([0, 0]).tag(sync=True)
    size = traitlets.List([0, 0]).tag(sync=True)
    frame = traitlets.Int(0).tag(sync=True)
    max_width = traitlets.Unicode("").tag(sync=True)


def patched(ex, name):
    """Replace the explorer's image by a canvas that receives only what changed."""
    last = ex.frames.rgba().copy()
    h, w, _ = last.shape
    canvas = PatchImage(patch=png_rgba(last), size=[w, h], max_width=ex.image.layout.max_width)

    def render():
        now = ex.frames.rgba()
        rows = np.flatnonzero((now != last).any(axis=(1, 2)))
        cols = np.flatnonzero((now != last).any(axis=(0, 2)))
        if rows.size:
            y0, y1, x0, x1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
            with canvas.hold_sync():
                canvas.patch = png_rgba(np.ascontiguousarray(now[y0:y1, x0:x1]))
                canvas.at = [int(x0), int(y0)]
                canvas.frame += 1
            last[y0:y1, x0:x1] = now[y0:y1, x0:x1]
            patched.areas.setdefault(name, []).append((y1 - y0) * (x1 - x0) / (h * w))

    ex._render = render
    ex.widget.children = tuple(canvas if c is ex.image else c for c in ex.widget.children)
    return ex.widget


patched.areas = {}
x = mogcore.load_old_faithful()
text, slider = widgets.HTML("0"), widgets.IntSlider(0, 0, 10**6, description="no image")
slider.observe(lambda c: setattr(text, "value", str(c["new"])), "value")
widgets.VBox([
    widgets.VBox([slider, text]),
    explore_mixture(x).widget, patched(explore_mixture(x), "01"),
    explore_fitting(x).widget, patched(explore_fitting(x), "06"),
])
'''

# The patch canvas marks each frame drawn in its data-frame attribute: that change stops the clock.
ARM_CANVAS = """el => {
  const lat = (window.__latency = {pressed: null, shown: null});
  const start = () => { if (lat.pressed === null) lat.pressed = performance.now(); };
  document.addEventListener("keydown", start, {capture: true, once: true});
  const seen = new MutationObserver(() => { seen.disconnect(); lat.shown = performance.now(); });
  seen.observe(el, {attributes: true, attributeFilter: ["data-frame"]});
}"""

TARGET = """h => {
  let box = h.closest('.widget-vbox');
  while (box && !box.querySelector('img, canvas') && !box.querySelector('.widget-html'))
    box = box.parentElement.closest('.widget-vbox');
  return box.querySelector('canvas') || box.querySelector('img') || box.querySelector('.widget-html');
}"""


def main() -> None:
    with running_lab(ROOT / "notebooks") as server, sync_playwright() as p:
        exe = {"executable_path": SYSTEM_CHROMIUM} if Path(SYSTEM_CHROMIUM).exists() else {}
        browser = p.chromium.launch(args=LAUNCH_ARGS, **exe)
        kernel = json.loads((ROOT / "notebooks" / "01_mixture_model.ipynb").read_text())["metadata"]["kernelspec"]
        cell = {"cell_type": "code", "metadata": {}, "source": CELL, "outputs": [], "execution_count": None}
        nb = {"cells": [cell], "metadata": {"kernelspec": kernel}, "nbformat": 4, "nbformat_minor": 5}
        (Path(server["root"]) / "notebooks" / "_patches.ipynb").write_text(json.dumps(nb))
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        open_and_run(page, server, "_patches.ipynb")
        page.wait_for_timeout(500)
        handles = page.locator(".widget-slider .noUi-handle")
        groups: dict[str, list] = {}  # in page order: the text, 01 as PNG, 01 as patches, 06 as PNG, 06 as patches
        names = iter(["no image", "01, PNG", "01, patches", "06, PNG", "06, patches"])
        kinds = []
        for i in range(handles.count()):
            h = handles.nth(i)
            h.scroll_into_view_if_needed()
            el = h.evaluate_handle(TARGET).as_element()
            kind = el.evaluate("e => e.tagName.toLowerCase()")
            if not kinds or kinds[-1] != kind:
                group = groups.setdefault(next(names), [])
            kinds.append(kind)
            h.focus()
            for n in range(PRESSES):
                key = "ArrowRight" if (n // 3) % 2 == 0 else "ArrowLeft"
                if kind == "canvas":
                    el.evaluate(ARM_CANVAS)
                    h.press(key)
                    page.wait_for_function(SHOWN, timeout=2000, polling=5)
                    lat = page.evaluate("() => window.__latency")
                    group.append(lat["shown"] - lat["pressed"])
                    page.wait_for_timeout(50)
                else:
                    group.append(timed(page, el if kind != "img" else explorer_image(h), lambda h=h, k=key: h.press(k)))
        areas = json.loads(
            page.evaluate(IN_KERNEL, "print(json.dumps({k: np.median(v) for k, v in patched.areas.items()}))")
        )
        head = f"{'explorer, frames sent as':<24s} {'events':>6s} {'median':>9s} {'p95':>9s}"
        print(f"{head} {'missed':>6s} {'patch area':>10s}")
        for name, times in groups.items():
            got = [t for t in times if t is not None]
            med, p95 = statistics.median(got), float(np.percentile(got, 95))
            area = f"{areas[name[:2]]:10.2f}" if name.endswith("patches") else ""
            print(f"{name:<24s} {len(got):>6d} {med:>7.0f} ms {p95:>7.0f} ms {len(times) - len(got):>6d} {area}")
        browser.close()


if __name__ == "__main__":
    main()
