"""Latency of a live update in a real browser: key press on a slider -> changed pixels.

Starts JupyterLab (this environment) and headless Chromium, opens each notebook, runs it,
then presses ArrowRight/ArrowLeft on every slider (30 presses each, alternating so the
value stays in range) and times each press until the figure shows a new frame: its image's
source has changed and the browser has decoded the new PNG. (Reading the pixels back on
every poll, as the browser test does, costs more than a frame at 2x and would inflate the
numbers.)
Prints the median and 95th percentile per notebook. Target: median <= 100 ms, p95 <= 250 ms.
The "more parameters" folds are opened first, so their sliders are timed too.

Run: make bench-latency    (needs /usr/bin/chromium or `python -m playwright install chromium`)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.lab import (  # noqa: E402
    LAUNCH_ARGS,
    SYSTEM_CHROMIUM,
    explorer_image,
    open_and_run,
    running_lab,
    wait_for_change,
)

SOURCE = "img => img.src"
DECODED = "img => img.decode().then(() => true, () => true)"

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
                    before = img.evaluate(SOURCE)
                    start = time.perf_counter()
                    h.press("ArrowRight" if (n // 3) % 2 == 0 else "ArrowLeft")
                    took = wait_for_change(page, lambda img=img: img.evaluate(SOURCE), before, timeout=2.0)
                    if took is None:
                        missed += 1
                    else:
                        img.evaluate(DECODED)  # the new frame is decoded, ready to paint
                        times.append((time.perf_counter() - start) * 1e3)
                    page.wait_for_timeout(50)  # let the kernel settle between presses
            med = statistics.median(times)
            p95 = float(np.percentile(times, 95))
            print(f"{name:<30s} {handles.count():>7d} {len(times):>7d} {med:>7.0f} ms {p95:>7.0f} ms {missed:>6d}")
            page.evaluate("window.jupyterapp.commands.execute('kernelmenu:shutdown')")
            page.context.close()
        browser.close()


if __name__ == "__main__":
    main()
