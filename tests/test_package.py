"""Package-level promises: light import, no side effects, pinned environments agree."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_needs_numpy_only_and_changes_no_global_state():
    code = (
        "import sys; import mogcore; "
        "bad = [m for m in ('matplotlib', 'ipywidgets', 'IPython') if m in sys.modules]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_plotting_modules_do_not_touch_rcparams():
    code = (
        "import matplotlib; before = dict(matplotlib.rcParams); "
        "import mogcore.plots, mogcore.style, mogcore.widgets; "
        "after = dict(matplotlib.rcParams); "
        "print([k for k in before if before[k] != after[k]])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line or line in {".", "-e ."}:
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", line)
        assert m, f"{path.name}: not pinned with ==: {line!r}"
        pins[m.group(1).lower()] = m.group(2)
    return pins


def test_requirements_and_binder_pin_the_same_versions():
    main = _pins(ROOT / "requirements.txt")
    binder = _pins(ROOT / "binder" / "requirements.txt")
    assert main == binder
    assert {"numpy", "matplotlib", "ipywidgets", "jupyterlab", "nbval", "pytest", "hypothesis"} <= set(main)
    assert "-e ." in (ROOT / "requirements.txt").read_text().splitlines()
    assert "." in (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"


def test_installed_versions_are_the_pinned_ones():
    from importlib.metadata import PackageNotFoundError, version

    for name, pinned in _pins(ROOT / "requirements.txt").items():
        try:
            assert version(name) == pinned, name
        except PackageNotFoundError:
            raise AssertionError(f"{name} is pinned but not installed") from None


def test_shipped_data_is_the_project_copy():
    packaged = (ROOT / "mogcore" / "data" / "old_faithful.csv").read_bytes()
    assert packaged == (ROOT / "data" / "old_faithful.csv").read_bytes()
    assert packaged.count(b"\n") == 273
