"""Notebook hygiene: committed executed in order, small, error-free, a static figure under each live
one, slides that convert; and the notebooks use the package's public API the way its docs say."""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_executed_in_order_and_small(path):
    nb = json.loads(path.read_text())
    counts = [c.get("execution_count") for c in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), "re-run the notebook top to bottom (make notebooks)"
    assert path.stat().st_size < 1.5 * 2**20
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            assert o.get("output_type") != "error", f"{path.name} was committed with an error"


def explorer_cells(nb):
    return [c for c in code_cells(nb) if re.search(r"^(\w+ = )?explore_\w+\(", "".join(c["source"]), re.MULTILINE)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_explorer_is_one_output_with_a_png_fallback(path):
    nb = json.loads(path.read_text())
    live = explorer_cells(nb)
    assert live, "each notebook has at least one explorer"
    for c in live:
        assert "nbval-ignore-output" in c["metadata"].get("tags", [])
        figures = [o for o in c["outputs"] if "image/png" in o.get("data", {})]
        assert len(figures) == 1, "one figure per explorer"
        assert "application/vnd.jupyter.widget-view+json" in figures[0]["data"], "the PNG and the widget: one output"
    assert "widgets" not in nb["metadata"], "no stored widget state: renderers without a kernel fall back to the PNG"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_nbconvert_html_shows_a_png_in_every_explorer_cell(path):
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(path, as_version=4)
    html, _ = HTMLExporter().from_notebook_node(nb)
    assert "application/vnd.jupyter.widget-view+json" not in html  # nothing that needs the widgets' JavaScript
    for c in nb.cells:
        if c in [nbformat.from_dict(e) for e in explorer_cells(json.loads(path.read_text()))]:
            start = html.index(f'id="cell-id={c.id}"')
            end = html.find('<div class="jp-Cell ', start + 1)
            assert '<img src="data:image/png;base64,' in html[start : end if end > 0 else None], c.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_pass_arrays_not_dicts_and_keep_code_cells_short(path):
    nb = json.loads(path.read_text())
    for c in code_cells(nb):
        src = "".join(c["source"])
        assert not re.search(r"explore_\w+\([^)]*dict\(", src), "explorers take arrays: explore_x(x, w, mu, var)"
        assert "mogcore.plots" not in src and "mogcore.widgets" not in src
        assert len(src.splitlines()) <= 20, f"a code cell of {len(src.splitlines())} lines in {path.name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_slides_and_converts_to_a_slideshow(path):
    import nbformat
    from nbconvert import SlidesExporter

    nb = nbformat.read(path, as_version=4)
    slides = [c for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "slide"]
    assert len(slides) >= 2, "mark the cells a presenter steps through (see notebooks/TEACHING.md)"
    html, _ = SlidesExporter().from_notebook_node(nb)
    assert html.count("<section") >= len(slides)


@pytest.mark.parametrize(
    "path", [p for p in NOTEBOOKS if p.name[:2] in {"01", "02", "03", "04", "05", "06", "07"}], ids=lambda p: p.name
)
def test_a_presenter_can_step_through_every_derivation(path):
    nb = json.loads(path.read_text())
    breaks = [
        c
        for c in nb["cells"]
        if c["metadata"].get("slideshow", {}).get("slide_type") in {"slide", "subslide", "fragment"}
    ]
    assert len(breaks) >= 8
    for c in nb["cells"]:  # every derivation step (a markdown cell with display math) starts its own (sub)slide
        if c["cell_type"] == "markdown" and "$$" in "".join(c["source"]):
            assert c["metadata"].get("slideshow", {}).get("slide_type") in {"slide", "subslide", "fragment"}, c[
                "source"
            ][:2]


#: A notebook cell at 1280 px with JupyterLab's file browser open holds about 107 characters of code or
#: output (measured in Chromium); 100 leaves a margin. The browser test measures the real widths too.
CELL_CHARACTERS = 100


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_code_line_or_printed_line_is_wider_than_its_cell(path):
    nb = json.loads(path.read_text())
    for n, c in enumerate(code_cells(nb), start=1):
        for line in "".join(c["source"]).splitlines():
            assert len(line) <= CELL_CHARACTERS, f"{path.name}, code cell {n}: {line!r}"
        if "nbval-ignore-output" in c["metadata"].get("tags", []):
            continue  # the live figure
        for o in c.get("outputs", []):
            text = o.get("text") or o.get("data", {}).get("text/plain", "")
            for line in "".join(text).splitlines():
                assert len(line) <= CELL_CHARACTERS, f"{path.name}, output of code cell {n}: {line!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_live_figure_has_a_prompt_whose_questions_are_answered_in_a_fold(path):
    """Move, watch, question before every explorer; each question's answer folded right below it, so a class can
    commit to a guess before anyone moves a slider."""
    nb = json.loads(path.read_text())
    cells = nb["cells"]
    for i, c in enumerate(cells):
        if c not in explorer_cells(nb):
            continue
        prompt = next("".join(p["source"]) for p in reversed(cells[:i]) if p["cell_type"] == "markdown")
        for part in ("**Move**", "**Watch**", "**Question"):
            assert part in prompt, f"{path.name}, the prompt before cell {i} has no {part}"
        for question in re.finditer(r"\*\*Question[^*]*\*\*", prompt):
            rest = prompt[question.end() :]
            following = rest[: rest.find("**Question")] if "**Question" in rest else rest
            assert "<details><summary>Answer" in following, f"{path.name}, cell {i}: {question.group()} has no answer"


#: Where a notebook's end matter (exercises, summary, references; in 00 the tables) starts.
END_MATTER = re.compile(r"^## (Exercises|The order)", re.MULTILINE)


def lesson_check_cells(nb):
    """The code cells of the lesson (above its end matter) that check something: they assert, and are neither
    the setup cell nor a live figure."""
    out = []
    for c in nb["cells"]:
        source = "".join(c["source"])
        if c["cell_type"] == "markdown" and END_MATTER.search(source):
            break
        if (
            c in code_cells(nb)
            and "assert" in source
            and not source.startswith("import")
            and c not in explorer_cells(nb)
        ):
            out.append(c)
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_check_cells_are_folded_to_the_one_line_they_print(path):
    """A check cell shows the line it prints (and its figure, if it draws one), its code folded; a cell whose code
    the prose walks through, or whose printed table the prose reads, is tagged walk-through and stays open."""
    nb = json.loads(path.read_text())
    checks = lesson_check_cells(nb)
    assert checks, f"{path.name}: no check cells found"
    for c in checks:
        source = "".join(c["source"])
        open_ = "walk-through" in c["metadata"].get("tags", [])
        folded = c["metadata"].get("jupyter", {}).get("source_hidden", False)
        assert open_ != folded, f"{path.name}: a check cell is neither folded nor tagged walk-through:\n{source[:200]}"
        if folded:
            printed = "".join("".join(o.get("text", "")) for o in c["outputs"] if o["output_type"] == "stream")
            images = [o for o in c["outputs"] if "image/png" in o.get("data", {})]
            assert printed.count("\n") == 1 or (printed == "" and images), f"{path.name}: {printed!r}\n{source[:200]}"
