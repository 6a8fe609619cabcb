"""Every printed line of every notebook is the same on a machine whose last bits differ.

Another CPU (other SIMD paths, another memory layout, another order of a reduction) changes the
last bits of a sum. A printed line that hangs on them (an iteration count decided by a stopping
rule at rounding level, a count of steps along a chaotic path, a number at rounding level printed
with its noise digits, a sum to ten digits) passes strict nbval here and fails there. This test
stands in for that machine: it runs each notebook's code with the Old Faithful data scaled by
(1 + 1e-12) and by (1 - 1e-12), a change far below anything the notebooks discuss, and compares each
cell's text with the committed output after the same sanitizer nbval uses. Asserts must hold too.
"""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
IGNORED = {"nbval-ignore-output", "nbval-skip"}

#: Put first in the notebook: the data the notebook loads, scaled. The package itself is not changed.
SCALE_DATA = """
import mogcore, mogcore.data
_load = mogcore.data.load_old_faithful
def _scaled(*args, **kwargs):
    return _load(*args, **kwargs) * ({factor!r})
mogcore.load_old_faithful = mogcore.data.load_old_faithful = _scaled
del _scaled
"""


def sanitizers() -> list[tuple[re.Pattern, str]]:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "notebooks" / "sanitize.cfg")
    return [(re.compile(cfg[s]["regex"]), cfg[s]["replace"]) for s in cfg.sections()]


def text_of(cell, rules) -> str:
    """A code cell's text outputs as nbval compares them: streams and plain-text results, sanitized."""
    parts = []
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream":
            parts.append(o["text"])
        elif o["output_type"] in ("execute_result", "display_data") and "image/png" not in o.get("data", {}):
            parts.append(o.get("data", {}).get("text/plain", ""))
        elif o["output_type"] == "error":
            parts.append(f"{o['ename']}: {o['evalue']}")
    text = "".join(parts)
    for pattern, replace in rules:
        text = pattern.sub(replace, text)
    return text


def run_scaled(path: Path, factor: float) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    committed = nbformat.read(path, as_version=4)
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    nb.cells.insert(0, nbformat.v4.new_code_cell(SCALE_DATA.format(factor=factor)))
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        allow_errors=True,
    )
    client.execute()
    nb.cells.pop(0)
    return committed, nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_printed_lines_do_not_hang_on_rounding(path):
    rules = sanitizers()
    for factor in (1 + 1e-12, 1 - 1e-12):
        committed, scaled = run_scaled(path, factor)
        changed = []
        n = 0
        for before, after in zip(committed.cells, scaled.cells, strict=True):
            if before.cell_type != "code":
                continue
            n += 1
            if IGNORED & set(before.metadata.get("tags", [])):
                assert not any(o["output_type"] == "error" for o in after.outputs), f"cell {n} raised"
                continue
            old, new = text_of(before, rules), text_of(after, rules)
            if old != new:
                lines = [f"    - {a}\n    + {b}" for a, b in zip(old.splitlines(), new.splitlines()) if a != b]
                changed.append(f"  code cell {n}:\n" + "\n".join(lines or [f"    - {old!r}\n    + {new!r}"]))
        assert not changed, f"{path.name}, data times {factor!r}: printed lines changed\n" + "\n".join(changed)
