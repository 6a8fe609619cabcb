"""Every notebook in a real JupyterLab: runs clean, renders its math, and its sliders move its figures."""

from pathlib import Path

import pytest

from .lab import (
    END_MATTER,
    ERRORS,
    FIGURES_PER_EXPLORER,
    IN_KERNEL,
    NARROW_FIGURES,
    STRETCHES,
    WIDE_EQUATIONS,
    WIDE_LINES,
    dropdown_choices,
    explorer_image,
    image_data,
    open_and_run,
    wait_for_change,
)

#: How long a moved slider may take to show a new frame. Speed is measured by make bench-latency;
#: here a frame must come at all (on a busy, slow CI machine a frame has taken over 2 s after a
#: drag, and a new start in 06 over 3 s).
FRAME_WAIT = 10.0


def no_frame(page, where: str, after: str) -> str:
    return f"{where}: no new frame within {FRAME_WAIT} s of {after}; errors the page logged: {page.evaluate(ERRORS)}"


NOTEBOOKS = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # a laptop or projector
    pg = context.new_page()
    yield pg
    pg.evaluate("window.jupyterapp && window.jupyterapp.commands.execute('kernelmenu:shutdown')")
    context.close()


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_renders_and_its_sliders_drive_its_figures(page, lab_server, screenshots_dir, name):
    seconds = open_and_run(page, lab_server, name)
    assert seconds < 30, f"Run All took {seconds:.1f} s"
    assert page.evaluate(ERRORS) == []

    # Every markdown cell rendered: MathJax output present, no raw $$ left.
    md = page.locator(".jp-MarkdownCell .jp-RenderedMarkdown")
    assert md.count() > 0
    assert page.locator(".jp-MarkdownCell mjx-container").count() > 0
    for i in range(md.count()):
        assert "$$" not in md.nth(i).inner_text(), f"raw LaTeX left in markdown cell {i}"

    # No display equation wider than its cell, with the file browser open (JupyterLab's default layout).
    page.evaluate("window.jupyterapp.commands.execute('filebrowser:activate')")
    page.wait_for_function("() => window.jupyterapp.shell.leftCollapsed === false", timeout=5000)
    page.wait_for_timeout(300)  # let the notebook reflow into the narrower main area
    assert page.evaluate(WIDE_EQUATIONS) == [], "display equations wider than their cell"
    assert page.evaluate(WIDE_LINES) == [], "code or printed lines wider than their cell (a sideways scroll or a wrap)"
    assert page.evaluate(NARROW_FIGURES) == [], "figures that leave the cell's width unused"
    # A picture before the algebra, and never a long stretch without one: with the file browser open, the first
    # figure starts within two screens of the top, and no two screens of the lesson (above its exercises) pass
    # without a figure.
    stretches = page.evaluate(STRETCHES, list(END_MATTER))
    assert stretches[-1][2] == "end matter", f"{name}: no heading starts its end matter {END_MATTER}"
    long = [f"{s:.1f} screens after cell {a}, before {b}" for s, a, b in stretches if s > 2]
    assert long == [], f"{name}: stretches without a figure: {long}"

    # One figure per explorer: the live widget's image, and no static copy beside it.
    explorers = page.evaluate(FIGURES_PER_EXPLORER)
    assert explorers, "no explorer cells found"
    for cell, images, sliders in explorers:
        assert images == 1, f"{name}, cell {cell}: {images} figures in an explorer's output"
        assert sliders >= 1, f"{name}, cell {cell}: the explorer has no sliders"

    # "More parameters" folds start closed (only the lesson's sliders show); open them to test what they hold.
    folds = page.locator(".jupyter-widget-Collapse-header")
    for i in range(folds.count()):
        assert page.locator(".jupyter-widget-Collapse-open").count() == i, "a 'more parameters' fold started open"
        folds.nth(i).scroll_into_view_if_needed()
        folds.nth(i).click()
        page.wait_for_function(f"() => document.querySelectorAll('.jupyter-widget-Collapse-open').length > {i}")

    handles = page.locator(".widget-slider .noUi-handle")
    assert handles.count() >= 2, "the live explorers' sliders are missing"
    page.screenshot(path=str(screenshots_dir / f"{Path(name).stem}.png"), full_page=True)

    for i in range(handles.count()):
        h = handles.nth(i)
        h.scroll_into_view_if_needed()
        readout = h.locator("xpath=ancestor::*[contains(@class,'widget-slider')][1]").locator(".widget-readout")
        img = explorer_image(h)
        # by keyboard
        before_text, before_img = readout.inner_text(), image_data(img)
        h.focus()
        h.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        assert wait_for_change(page, readout.inner_text, before_text) is not None, f"slider {i}: readout did not change"
        took = wait_for_change(page, lambda img=img: image_data(img), before_img, timeout=FRAME_WAIT)
        assert took is not None, no_frame(page, f"{name}, slider {i}", "a key press")
        # by dragging the handle
        before_text, before_img = readout.inner_text(), image_data(img)
        box = h.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] / 2 - 40, box["y"] + box["height"] / 2, steps=4)
        page.mouse.up()
        assert wait_for_change(page, readout.inner_text, before_text) is not None, f"slider {i}: drag did nothing"
        took = wait_for_change(page, lambda img=img: image_data(img), before_img, timeout=FRAME_WAIT)
        assert took is not None, no_frame(page, f"{name}, slider {i}", "a drag")
    assert page.evaluate(ERRORS) == [], "a slider callback raised"

    # Drop-down menus (the fitting notebook's named starts): every option redraws the figure, every time. A start
    # moves the step slider from the kernel while the browser sends that slider's value back: the two messages
    # can be handled on two kernel threads at once (JupyterLab's comms over subshells), so go round twice.
    for sel, img, index, option in dropdown_choices(page):
        assert sel.locator("option").count() >= 2
        before = image_data(img)
        sel.select_option(index=index)
        took = wait_for_change(page, lambda img=img: image_data(img), before, timeout=FRAME_WAIT)
        assert took is not None, no_frame(page, name, f"choosing {option!r}")
    assert page.evaluate(ERRORS) == [], "a drop-down callback raised"

    # Buttons (the playground's steps): a press moves the sliders and redraws the figure; undo and reset too.
    buttons = page.locator(".widget-button")
    labels = [text.strip() for text in buttons.all_inner_texts()]
    if name.startswith("00_"):
        assert {"EM step", "ascent step", "undo", "reset"} <= set(labels), f"the playground's buttons: {labels}"
    for label in ("reset", "EM step", "EM step", "ascent step", "undo"):  # from the start: each press moves a slider
        if label not in labels:
            continue
        button = buttons.nth(labels.index(label))
        button.scroll_into_view_if_needed()
        img = explorer_image(button)
        readouts = button.evaluate_handle("b => b.closest('.widget-vbox')").as_element()
        before, before_text = image_data(img), readouts.inner_text()
        button.click()
        took = wait_for_change(page, lambda img=img: image_data(img), before, timeout=FRAME_WAIT)
        assert took is not None, no_frame(page, name, f"pressing {label!r}")
        if label in ("reset", "EM step"):  # an ascent step of the step slider's small alpha may not show in a readout
            assert readouts.inner_text() != before_text, f"{name}: pressing {label!r} did not move the sliders"
    assert page.evaluate(ERRORS) == [], "a button callback raised"
    if name.startswith("00_"):  # after the presses the browser sends the sliders back: the trail must survive it
        page.wait_for_timeout(1000)  # the last slider messages of the drags above are handled first
        for label in ("EM step", "reset", "EM step", "EM step", "EM step"):  # each press a new frame
            before = image_data(img)
            buttons.nth(labels.index(label)).click()
            assert wait_for_change(page, lambda: image_data(img), before, timeout=FRAME_WAIT) is not None, label
        page.wait_for_timeout(1000)  # the echoes arrive after the frame
        shown = page.evaluate(IN_KERNEL, "print(len(play.view.steps_line.get_xdata()))")
        assert shown.strip() == "4", f"after reset and 3 EM steps the trail has {shown.strip()} points, not 4"
