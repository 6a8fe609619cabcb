"""Execute notebooks top to bottom in a fresh kernel and save them with their outputs.

Usage: python -m tools.execute_notebooks notebooks/*.ipynb
Execution counts come out 1, 2, 3, ... No widget state is stored: each explorer's output
carries the widget view and a PNG of its first frame, and renderers without a kernel
(GitHub, nbconvert) fall back to the PNG only when the widget's state is absent.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    start = time.perf_counter()
    NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
    ).execute()
    elapsed = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return elapsed


def main(paths: list[str]) -> None:
    for p in paths:
        elapsed = execute(Path(p))
        size = Path(p).stat().st_size / 1024
        print(f"{p}: executed in {elapsed:.1f} s, {size:.0f} KiB")


if __name__ == "__main__":
    main(sys.argv[1:])
