"""A real JupyterLab server and a real Chromium, for the browser tests.

The server runs from this project's own environment on 127.0.0.1, a free port and a
random token, serving a temporary copy of the notebooks; it is stopped, with its
kernels, after the session. The browser is Debian's chromium (/usr/bin/chromium), or
Playwright's own if ``python -m playwright install chromium`` was run. With CI=true a
missing browser fails the run; elsewhere the tests skip and say how to install one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .lab import LAUNCH_ARGS, SYSTEM_CHROMIUM, running_lab

ROOT = Path(__file__).resolve().parents[2]
INSTALL_HINT = (
    "no browser for the browser tests: install Debian's chromium (apt-get install -y chromium) "
    "or run `python -m playwright install chromium`"
)
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def lab_server():
    with running_lab(ROOT / "notebooks") as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("playwright is not installed")
        pytest.skip("no playwright")
    with sync_playwright() as p:
        if Path(SYSTEM_CHROMIUM).exists():
            b = p.chromium.launch(executable_path=SYSTEM_CHROMIUM, args=LAUNCH_ARGS)
        else:
            try:
                b = p.chromium.launch(args=LAUNCH_ARGS)
            except Exception:
                if os.environ.get("CI") == "true":
                    pytest.fail(INSTALL_HINT)
                pytest.skip(INSTALL_HINT)
        yield b
        b.close()


@pytest.fixture(scope="session")
def screenshots_dir():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots of each notebook after Run All: {ARTIFACTS}")
    return ARTIFACTS
