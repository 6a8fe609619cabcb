"""Write the pins of the current environment to requirements.txt and binder/requirements.txt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    pins = sorted((p for p in frozen if not p.lower().startswith("mogcore")), key=str.lower)
    head = (
        "# Every package pinned (a full lock of the environment; binder/requirements.txt pins the same).\n"
        "# ipywidgets 8.1.2 / jupyterlab_widgets 3.0.10 on purpose: the newest whose Lab extension loads in\n"
        "# jupyterlab-rise's slideshow app (3.0.11+ needs @jupyterlab/console, which that app does not share;\n"
        "# jupyterlab-contrib/rise#119). tests/browser/test_slides.py fails if a bump breaks live slides.\n"
    )
    (ROOT / "requirements.txt").write_text(head + "# Regenerate: make lock\n" + "\n".join(pins) + "\n-e .\n")
    (ROOT / "binder" / "requirements.txt").write_text(
        head.replace("binder/requirements.txt pins", "../requirements.txt pins")
        + '# "." installs mogcore (repo2docker runs pip at the repository root).\n'
        + "\n".join(pins)
        + "\n.\n"
    )


if __name__ == "__main__":
    main()
