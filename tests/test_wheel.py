"""A normal install works away from the repository: the wheel carries the code, the front end and the data.

The wheel is built from a copy of the repository and installed, with its dependencies,
into a fresh virtual environment outside it (``installed_envs.py``). There every data
set loads and a notebook that reads data runs from a folder holding nothing but itself.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_ALONE = "01_model.ipynb"  # reads the penguins and the cars


def tracked(pattern: str) -> list[str]:
    out = subprocess.run(["git", "ls-files", pattern], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.split()


@pytest.fixture(scope="module")
def wheel_files(wheel_env) -> set[str]:
    (wheel,) = (wheel_env.dest / "dist").glob("linreg_helpers-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def test_wheel_has_every_module_and_the_front_end(wheel_files):
    modules = [p for p in tracked("linreg_helpers") if p.endswith((".py", ".js"))]
    assert modules, "no package files found"
    missing = [p for p in modules if p not in wheel_files]
    assert not missing, f"not in the wheel (list the subpackage in pyproject.toml): {missing}"
    # installed beside the package: jupyterlab-rise's slideshow needs it for live dashboards (test_slides.py)
    stand_in = tracked("share/jupyter/labextensions")
    assert stand_in, "no front-end stand-in found"
    missing = [p for p in stand_in if not any(f.endswith(".data/data/" + p) for f in wheel_files)]
    assert not missing, f"not in the wheel (list it under [tool.setuptools.data-files]): {missing}"


def test_wheel_has_every_data_set_once(wheel_files):
    csvs = [Path(p).name for p in tracked("data/*.csv")]
    assert csvs
    for name in [*csvs, "README.md"]:
        assert f"linreg_helpers/datasets/{name}" in wheel_files, f"data/{name} is not in the wheel"
    assert not any(re.match(r"data/", f) for f in wheel_files), "the top-level data/ folder must not be a package"
    assert not (ROOT / "linreg_helpers" / "datasets").exists(), "one copy in git: data/ (the build maps it in)"


def test_every_data_set_loads_from_the_installed_package(wheel_env, tmp_path):
    code = (
        "import json, linreg_helpers as lh; "
        "print(json.dumps([lh.__file__, str(lh.data.DATA_DIR), "
        "{n: [lh.load_dataset(n).n, list(lh.load_dataset(n).feature_names)] for n in lh.list_datasets()}]))"
    )
    out = wheel_env.run("-c", code, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    module, data_dir, sets = json.loads(out.stdout)
    assert "site-packages" in module and data_dir.endswith("site-packages/linreg_helpers/datasets"), (module, data_dir)
    import linreg_helpers as lh

    expected = {n: [lh.load_dataset(n).n, list(lh.load_dataset(n).feature_names)] for n in lh.list_datasets()}
    assert sets == expected, "the installed package loads other data than the checkout"


@pytest.mark.slow
def test_a_notebook_runs_from_a_folder_of_its_own(wheel_env, tmp_path):
    """01 reads data sets: copied alone into an empty folder, it runs and its checked outputs match."""
    alone = tmp_path / "lesson"
    alone.mkdir()
    shutil.copy(ROOT / "notebooks" / NOTEBOOK_ALONE, alone)
    result = wheel_env.nbval(alone / NOTEBOOK_ALONE, cwd=alone)
    summary = (result.stdout.strip().splitlines() or [""])[-1]
    assert result.returncode == 0, (
        f"{NOTEBOOK_ALONE} failed with the installed wheel: {summary}\n{result.stdout[-4000:]}"
    )
    assert re.search(r"\d+ passed", summary) and "failed" not in summary, summary
