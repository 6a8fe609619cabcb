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


def test_figure_code_does_not_touch_rcparams():
    code = (
        "import matplotlib; before = dict(matplotlib.rcParams); "
        "import mogcore.viz; "
        "after = dict(matplotlib.rcParams); "
        "print([k for k in before if before[k] != after[k]])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_only_the_viz_subpackage_imports_matplotlib_or_ipywidgets():
    pattern = re.compile(r"^\s*(import|from)\s+(matplotlib|ipywidgets|IPython)\b", re.MULTILINE)
    package = ROOT / "mogcore"
    outside = [
        p.relative_to(ROOT) for p in package.rglob("*.py") if "viz" not in p.parts and pattern.search(p.read_text())
    ]
    inside = [p for p in (package / "viz").glob("*.py") if pattern.search(p.read_text())]
    assert outside == []
    assert inside, "the pattern must find the figure code where it is"


def test_no_module_is_over_400_lines():
    long = {p.name: n for p in (ROOT / "mogcore").rglob("*.py") if (n := len(p.read_text().splitlines())) > 400}
    assert long == {}


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
