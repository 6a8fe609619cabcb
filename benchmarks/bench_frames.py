"""How long a live frame's PNG takes to encode: ISA-L's deflate (``isal``, optional) against the standard
library's ``zlib``, on the 2x frame of every explorer of the notebooks.

Prints, per explorer, the frame's size and the median of 30 encodings with each deflate (level 1,
unfiltered rows: ``mogcore.viz._frames.png_rgba``), and the bytes each produces.

Run: make bench
"""

from __future__ import annotations

import statistics
import sys
import time
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import mogcore  # noqa: E402
from mogcore.viz import _frames  # noqa: E402
from tests.test_viz import EXPLORERS  # noqa: E402

REPEATS = 30


def encode_ms(rgba: np.ndarray, deflate: object) -> tuple[float, int]:
    _frames._deflate = deflate
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        png = _frames.png_rgba(rgba)
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times), len(png)


def main() -> None:
    try:
        from isal import isal_zlib
    except ImportError:
        isal_zlib = None
    x = mogcore.load_old_faithful()
    print(f"{'explorer':<28s} {'pixels':>11s} {'isal ms':>8s} {'zlib ms':>8s} {'isal kB':>8s} {'zlib kB':>8s}")
    rows = []
    for factory in EXPLORERS:
        ex = factory(x)
        ex.frames.png()
        rgba = np.asarray(ex.fig.canvas.buffer_rgba()).copy()
        plain = encode_ms(rgba, zlib)
        fast = encode_ms(rgba, isal_zlib) if isal_zlib is not None else (float("nan"), 0)
        rows.append((fast[0], plain[0]))
        h, w, _ = rgba.shape
        print(
            f"{factory.__name__:<28s} {f'{w} x {h}':>11s} {fast[0]:8.1f} {plain[0]:8.1f} "
            f"{fast[1] / 1e3:8.0f} {plain[1] / 1e3:8.0f}"
        )
    fast_all, plain_all = zip(*rows)
    fast_mid, plain_mid = statistics.median(fast_all), statistics.median(plain_all)
    print(f"median over explorers: isal {fast_mid:.1f} ms, zlib {plain_mid:.1f} ms")


if __name__ == "__main__":
    main()
