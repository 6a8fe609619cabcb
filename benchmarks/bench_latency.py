"""Latency of a live update in a real browser: key press on a slider -> changed pixels.

Starts JupyterLab (this environment) and headless Chromium, opens each notebook, runs it,
then presses ArrowRight/ArrowLeft on every slider (30 presses each, alternating so the
value stays in range) and times each press inside the page, with the browser's own clock:
from the keydown event to the moment the figure's new PNG is decoded, ready to paint (a
MutationObserver sees the image's source change, then ``img.decode()`` resolves). Timing in
the page leaves out Playwright's own round trips (about 35 ms per press here), which no
user waits for. Prints the median and 95th percentile per notebook, and how many presses
showed no new frame within 2 s. Target: median <= 100 ms, p95 <= 250 ms.
The "more parameters" folds are opened first, so their sliders are timed too.

Run: make bench-latency    (needs /usr/bin/chromium or `python -m playwright install chromium`)
"""

from __future__ import annotations

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
    explorer_image,
    open_and_run,
    running_lab,
)

# Arm one measurement: the next keydown starts the clock; the next change of the image's
# source, once decoded, stops it.
ARM = """img => {
  const lat = (window.__latency = {pressed: null, shown: null});
  document.addEventListener("keydown", () => { lat.pressed = performance.now(); }, {capture: true, once: true});
  const seen = new MutationObserver(() => {
    seen.disconnect();
    const done = () => { lat.shown = performance.now(); };
    img.decode().then(done, done);
  });
  seen.observe(img, {attributes: true, attributeFilter: ["src"]});
}"""
SHOWN = "() => window.__latency.shown !== null"

PRESSES = 30


def main() -> None:
    names = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    with running_lab(ROOT / "notebooks") as server, sync_playwright() as p:
        exe = {"executable_path": SYSTEM_CHROMIUM} if Path(SYSTEM_CHROMIUM).exists() else {}
        browser = p.chromium.launch(args=LAUNCH_ARGS, **exe)
        print(f"{'notebook':<30s} {'sliders':>7s} {'presses':>7s} {'median':>9s} {'p95':>9s} {'missed':>6s}")
        for name in names:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            open_and_run(page, server, name)
            folds = page.locator(".jupyter-widget-Collapse-header")
            for i in range(folds.count()):  # open every "more parameters" fold
                folds.nth(i).scroll_into_view_if_needed()
                folds.nth(i).click()
            page.wait_for_timeout(300)
            handles = page.locator(".widget-slider .noUi-handle")
            times, missed = [], 0
            for i in range(handles.count()):
                h = handles.nth(i)
                h.scroll_into_view_if_needed()
                img = explorer_image(h)
                h.focus()
                for n in range(PRESSES):
                    img.evaluate(ARM)
                    h.press("ArrowRight" if (n // 3) % 2 == 0 else "ArrowLeft")
                    try:
                        page.wait_for_function(SHOWN, timeout=2000, polling=5)
                    except PlaywrightTimeout:
                        missed += 1
                    else:
                        lat = page.evaluate("() => window.__latency")
                        times.append(lat["shown"] - lat["pressed"])
                    page.wait_for_timeout(50)  # let the kernel settle between presses
            med = statistics.median(times)
            p95 = float(np.percentile(times, 95))
            print(f"{name:<30s} {handles.count():>7d} {len(times):>7d} {med:>7.0f} ms {p95:>7.0f} ms {missed:>6d}")
            page.evaluate("window.jupyterapp.commands.execute('kernelmenu:shutdown')")
            page.context.close()
        browser.close()


if __name__ == "__main__":
    main()
