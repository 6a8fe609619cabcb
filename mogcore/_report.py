"""The exercise checker's messages, laid out for a notebook cell: no line wider than the cell, no number
broken across lines, and arrays printed with their rows aligned."""

from __future__ import annotations

import textwrap

import numpy as np

#: The widest line a message may have: a notebook's output area at 1280 px with JupyterLab's file
#: browser open holds about 107 characters of its monospace font.
WIDTH = 96
#: The labels' column ("  expected: "): every value starts at this column, continuation lines too.
_LABEL = 12


def paragraph(text: str, indent: str = "", first: str = "") -> str:
    """``text`` wrapped at :data:`WIDTH` between words only (a number is never split), led by ``first``,
    continuation lines indented by ``indent``.

    Examples
    --------
    >>> print(paragraph("expected -0.390414, got -0.130138 (ratio 0.3333).", "  "))
    expected -0.390414, got -0.130138 (ratio 0.3333).
    """
    return textwrap.fill(
        text, WIDTH, initial_indent=first, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
    )


def numbers(a: object, column: int = _LABEL, precision: int = 6) -> str:
    """An array as the checker prints it, for a place that starts at ``column``: rows of a 2-D
    array line up under the first, and no row is wider than :data:`WIDTH`.

    Examples
    --------
    >>> print("  X = " + numbers([[0.0, 1.5], [2.0, 3.0]], column=6))
      X = [[0. , 1.5],
           [2. , 3. ]]
    """
    return np.array2string(
        np.asarray(a, dtype=float),
        precision=precision,
        separator=", ",
        suppress_small=False,
        max_line_width=WIDTH,
        prefix=" " * column,
    )


def field(label: str, values: list[tuple[str, object]], precision: int = 6) -> str:
    """A labelled line of named arrays (``"  inputs:   x = [...], weights = [...]"``), wrapped between
    arrays, never inside one; an array of more than one row starts a line of its own.

    Parameters
    ----------
    label : str
        ``"inputs"``, ``"expected"``, ...
    values : list of (name, array)
        ``name`` may be empty (the array alone).
    precision : int
        Digits after the decimal point.

    Returns
    -------
    str

    Examples
    --------
    >>> print(field("inputs", [("weights", [0.3, 0.7]), ("means", [0.0, 1.0])]))
      inputs:   weights = [0.3, 0.7], means = [0., 1.]
    """
    pad = " " * _LABEL
    lines = [f"  {label + ':':<{_LABEL - 3}} "]
    for name, a in values:
        tag = f"{name} = " if name else ""
        here = lines[-1]
        fresh = not here.strip() or here.rstrip().endswith(":")
        single = numbers(a, len(here) + (0 if fresh else 2) + len(tag), precision)
        if "\n" not in single and len((here if fresh else here + ", ") + tag + single) <= WIDTH:
            lines[-1] = (here if fresh else here + ", ") + tag + single
            continue
        if not fresh:  # start the array on a line of its own
            lines[-1] = here + ","
            lines.append(pad)
        piece = tag + numbers(a, _LABEL + len(tag), precision)
        lines[-1] += piece
        if "\n" in piece:
            lines.append(pad)
    return "\n".join(line for line in lines if line.strip())


def message(head: str, fields: list[str], hint: str | None = None) -> str:
    """The whole message: the head wrapped, the fields, and the hint wrapped under its label."""
    parts = [paragraph(head), *fields]
    if hint:
        parts.append(paragraph(hint, " " * _LABEL, first="  hint:     "))
    return "\n".join(parts)
