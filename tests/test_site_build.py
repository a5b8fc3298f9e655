"""site/build.py's command line: the kernel that executes the notebooks is checked before anything is built.

(The build itself runs in ``make test`` once, in the background: tests/browser/test_site.py opens its
pages and tests/test_binder.py checks its notebooks, executed with the Binder environment's kernel.)
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "site" / "build.py"

_SPEC = importlib.util.spec_from_file_location("site_build_script", BUILD)  # not "build": pypa's build package
build = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(build)


def test_an_unknown_kernel_is_refused_before_anything_is_built():
    result = subprocess.run(
        [sys.executable, str(BUILD), "--kernel", "no-such-kernel"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no Jupyter kernel named 'no-such-kernel'" in result.stderr
    assert "jupyter kernelspec list" in result.stderr
    assert "executed" not in result.stdout


def test_this_environments_kernel_is_this_python():
    assert build.kernel_python("python3") == sys.executable
    assert build.kernel_python("no-such-kernel") is None
