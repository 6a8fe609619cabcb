"""The two commands of the README, as far as they can be checked without opening a browser."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lab_command(as_user=None):
    prefix = ["setpriv", f"--reuid={as_user}", f"--regid={as_user}", "--clear-groups"] if as_user else []
    out = subprocess.run([*prefix, "make", "-s", "-n", "-C", str(ROOT), "lab"], capture_output=True, text=True)
    who = f"user {as_user}" if as_user else "this user"
    assert out.returncode == 0, f"make -n lab failed as {who} (can it read the checkout?): {out.stderr.strip()}"
    return [line for line in out.stdout.splitlines() if "jupyter lab" in line][-1]


def test_make_lab_allows_root_only_as_root():
    mine = lab_command()
    assert mine.endswith("notebooks/00_start_here.ipynb")
    assert ("--allow-root" in mine) == (os.geteuid() == 0)


def test_make_lab_as_an_ordinary_user_does_not_ask_for_root():
    if os.geteuid() != 0:
        assert "--allow-root" not in lab_command()
        return
    if shutil.which("setpriv") is None:
        pytest.fail("setpriv (util-linux) is needed to try make lab as an ordinary user")
    assert "--allow-root" not in lab_command(as_user=65534)  # nobody
