"""Live slides: jupyterlab-rise's slideshow of notebook 03, started the way a teacher starts it.

Run All in JupyterLab, then "Open as Reveal Slideshow" (the RISE:slideshow command, which saves the
notebook and opens the slideshow app in a new tab on the same kernel). On the slides the derivation's
math must be typeset (offline: no CDN is reachable from the test machine) and an explorer's slider must
still drive its figure, which needs the widget manager to load inside the slideshow app.
"""

from __future__ import annotations

import pytest

from .lab import open_and_run, wait_for_change

pytestmark = pytest.mark.browser
NOTEBOOK = "03_mean_gradient.ipynb"

PRESENT = """() => {
  const s = document.querySelector('.reveal .slides section.present:not(.stack)')
         || document.querySelector('.reveal .slides section.present');
  if (!s) return null;
  const maths = Array.from(s.querySelectorAll('mjx-container[display="true"]'));
  return {
    text: s.innerText.slice(0, 80),
    displayMath: maths.filter(m => m.getBoundingClientRect().width > 20).length,
    rawTex: s.innerText.includes('$$') || s.innerText.includes('\\\\frac'),
    sliders: s.querySelectorAll('.widget-slider').length,
  };
}"""


@pytest.fixture
def slides(browser, lab_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    lab = context.new_page()
    open_and_run(lab, lab_server, NOTEBOOK)
    lab.evaluate("window.jupyterapp.shell.currentWidget.content.activeCellIndex = 0")  # start at the title
    errors: list[str] = []
    with context.expect_page(timeout=30_000) as opened:
        lab.evaluate("window.jupyterapp.commands.execute('RISE:slideshow')")
    page = opened.value
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.wait_for_selector(".reveal .slides section", timeout=60_000)
    page.wait_for_selector(".reveal .widget-slider", state="attached", timeout=60_000)
    yield page, errors
    lab.evaluate("window.jupyterapp.commands.execute('kernelmenu:shutdown')")
    context.close()


def _next_slide_where(page, condition, limit=80):
    """Step through every slide and subslide (Space, as a presenter does) until ``condition(state)`` holds."""
    for _ in range(limit):
        state = page.evaluate(PRESENT)
        if state and condition(state):
            return state
        page.keyboard.press("Space")
        page.wait_for_timeout(250)
    return None


def test_the_slideshow_typesets_a_derivation_and_its_sliders_drive_their_figures(slides):
    page, errors = slides
    assert "/rise/" in page.url

    derivation = _next_slide_where(page, lambda s: s["displayMath"] > 0)
    assert derivation is not None, "no slide with typeset display math in the whole slideshow"
    assert not derivation["rawTex"], f"raw LaTeX on the slide {derivation['text']!r}"

    explorer = _next_slide_where(page, lambda s: s["sliders"] > 0)
    assert explorer is not None, "no slide with a live explorer (the widget manager did not load?)"
    section = page.locator(".reveal .slides section.present").last
    handle = section.locator(".widget-slider .noUi-handle").first
    readout = section.locator(".widget-slider .widget-readout").first
    image = section.locator(".widget-vbox img").first
    before_text, before_src = readout.inner_text(), image.get_attribute("src")
    # Drag the handle (the slideshow keeps the arrow keys for moving between slides).
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 40, box["y"] + box["height"] / 2, steps=4)
    page.mouse.up()
    assert wait_for_change(page, readout.inner_text, before_text) is not None, "the slider did not move"
    took = wait_for_change(page, lambda: image.get_attribute("src"), before_src, timeout=5.0)
    assert took is not None, f"on the slide {explorer['text']!r} the figure did not change within 5 s"

    widget_failures = [e for e in errors if "jupyterlab-manager" in e or "Error displaying widget" in e]
    assert widget_failures == [], widget_failures
