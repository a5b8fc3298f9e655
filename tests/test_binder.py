"""Binder builds the series from ``binder/``, with the versions ``make test`` proves, and it runs there.

No Docker here: repo2docker's own code (the ``jupyter-repo2docker`` package) picks the
build pack for this repository and renders its Dockerfile, which is checked; then a
fresh virtual environment built only from the Binder files (``installed_envs.py``)
runs every notebook: the course website's build executes them with its kernel, and their
checked outputs are compared as nbval compares them. The real-browser check of that environment is in
``tests/browser/test_where_it_runs.py``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
SITE_SOURCE = ROOT / "artifacts" / "site-src"  # site/build.py's executed notebooks
SITE_RECORD = ROOT / "artifacts" / "site-notebooks.json"  # what site/build.py executed, with which kernel
SITE_LOG = ROOT / "artifacts" / "site-build.log"

sys.path.insert(0, str(ROOT / "tools"))
import binder_requirements  # noqa: E402
from checked_outputs import checked_output_mismatches  # noqa: E402


@pytest.fixture(scope="module")
def dockerfile(monkeypatch_module) -> tuple[object, str]:
    """The build pack repo2docker picks for this repository, and the Dockerfile it renders."""
    with warnings.catch_warnings():
        # repo2docker 2026.4 imports python-json-logger's old module name; that is its code, not ours.
        warnings.filterwarnings("ignore", "pythonjsonlogger.jsonlogger has been moved", DeprecationWarning)
        from repo2docker.app import Repo2Docker

    monkeypatch_module.chdir(ROOT)  # repo2docker's build packs look at the current folder
    app = Repo2Docker()
    for build_pack in app.buildpacks:
        pack = build_pack(base_image=app.base_image)
        if pack.detect():
            break
    else:  # pragma: no cover - repo2docker always has a default
        pytest.fail("repo2docker picked no build pack")
    pack.platform = "linux/amd64"
    return pack, pack.render()


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def run_lines(dockerfile_text: str) -> list[str]:
    """The Dockerfile's RUN instructions, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", dockerfile_text)
    return [line[4:].strip() for line in joined.splitlines() if line.startswith("RUN ")]


def test_binder_requirements_are_the_tested_pins():
    """binder/requirements.txt is what tools/binder_requirements.py derives from constraints.txt now."""
    assert binder_requirements.main(["--check"]) == 0, "run: python tools/binder_requirements.py"


def test_binder_requirements_are_runtime_only():
    names = {line.split("==")[0].lower() for line in (BINDER / "requirements.txt").read_text().splitlines()}
    names.discard("")
    for tool in ("pytest", "nbval", "hypothesis", "ruff", "playwright", "jupyter-repo2docker", "pyside6", "pyqt5"):
        assert tool not in names, f"{tool} is in binder/requirements.txt: Binder needs only the runtime stack"
    for needed in ("numpy", "matplotlib", "ipywidgets", "ipympl", "anywidget", "jupyterlab", "notebook"):
        assert needed in names, f"{needed} is missing from binder/requirements.txt"
    every_line = [ln for ln in (BINDER / "requirements.txt").read_text().splitlines() if ln and not ln.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9._\-]+==[^\s=]+", ln) for ln in every_line), "every line must be an exact pin"


def test_repo2docker_uses_the_python_build_pack_on_binder(dockerfile):
    pack, _ = dockerfile
    assert type(pack).__name__ == "PythonBuildPack", "environment.yml at the top must not be what Binder reads"
    assert pack.binder_dir == "binder"
    assert pack.python_version == "3.11"


def test_dockerfile_installs_exactly_the_binder_files(dockerfile):
    pack, text = dockerfile
    runs = run_lines(text)
    pip_installs = [r for r in runs if re.search(r"\bpip install\b", r)]
    assert pip_installs == ['${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"'], (
        pip_installs
    )
    assert runs[-1] == "./binder/postBuild", f"postBuild must be the last step, got {runs[-3:]}"
    assert "environment.yml" not in text and "conda env update" not in text
    # The Python 3.11 base environment, from repo2docker's own lock file.
    assert any(f.endswith("environment.py-3.11-linux-64.lock") for f in pack.get_build_script_files())


def test_postbuild_installs_only_the_local_package():
    script = (BINDER / "postBuild").read_text()
    commands = [ln.strip() for ln in script.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    assert commands == ["set -euo pipefail", "python -m pip install --no-deps --no-cache-dir ."]
    assert (BINDER / "postBuild").stat().st_mode & 0o111, "binder/postBuild must be executable"


def test_repo2docker_version_is_the_pinned_one():
    with warnings.catch_warnings():  # as in dockerfile(): when this test runs alone, it imports repo2docker first
        warnings.filterwarnings("ignore", "pythonjsonlogger.jsonlogger has been moved", DeprecationWarning)
        from repo2docker import __version__

    assert f"jupyter-repo2docker=={__version__}" in (ROOT / "requirements" / "constraints.txt").read_text()


# -- the Binder environment itself


def test_binder_env_has_exactly_the_pinned_versions(binder_env):
    freeze = binder_env.run("-m", "pip", "freeze", "--exclude-editable").stdout.splitlines()

    def norm(line: str) -> str:  # pip freeze may spell a name with "_" (jupyterlab_rise) or another case
        name, _, version = line.partition("==")
        return f"{name.strip().lower().replace('_', '-')}=={version.strip()}"

    installed = {norm(ln).split("==")[0]: norm(ln) for ln in freeze if "==" in ln}
    wanted = [ln for ln in (BINDER / "requirements.txt").read_text().splitlines() if ln and not ln.startswith("#")]
    wrong = [w for w in wanted if installed.get(norm(w).split("==")[0]) != norm(w)]
    assert not wrong, f"pinned but installed otherwise: {wrong}"
    check = binder_env.run("-m", "pip", "check")
    assert check.returncode == 0, check.stdout + check.stderr


def test_binder_env_imports_the_installed_package_with_its_data(binder_env):
    code = (
        "import linreg_helpers as lh, json; "
        "print(json.dumps([lh.__file__, str(lh.data.DATA_DIR), "
        "{n: lh.load_dataset(n).n for n in lh.list_datasets()}]))"
    )
    out = binder_env.run("-c", code)
    assert out.returncode == 0, out.stderr
    import json

    module, data_dir, sizes = json.loads(out.stdout)
    assert "site-packages" in module and "site-packages" in data_dir, (module, data_dir)
    assert all(n > 0 for n in sizes.values()) and len(sizes) >= 7, sizes


@pytest.mark.slow
def test_every_notebook_runs_in_the_binder_env(binder_env, site_build):
    """Every notebook, executed with a kernel from the Binder environment, runs without an error and shows the
    committed checked outputs (as nbval checks them).

    That run is the course website's (site/build.py, given the Binder kernel by the root ``conftest.py``): one
    execution of every notebook is both, where it used to be two. It ran in ``artifacts/site-src/notebooks``.
    """
    import nbformat

    assert site_build is not None, "the website's build did not run, so the notebooks did not run on Binder"
    log = SITE_LOG.read_text(errors="replace") if SITE_LOG.exists() else ""
    assert site_build == 0, f"site/build.py with the Binder kernel failed (exit {site_build}):\n{log[-6000:]}"
    record = json.loads(SITE_RECORD.read_text())
    assert (record["kernel"], record["python"]) == (binder_env.kernel_name, str(binder_env.python)), record
    names = sorted(p.name for p in (binder_env.repo / "notebooks").glob("*.ipynb"))
    assert len(names) >= 9 and sorted(record["seconds"]) == names, (sorted(record["seconds"]), names)
    problems = []
    for name in names:
        executed = nbformat.read(SITE_SOURCE / "notebooks" / name, as_version=4)
        committed = nbformat.read(binder_env.repo / "notebooks" / name, as_version=4)
        problems += [f"{name}: {p}" for p in checked_output_mismatches(executed, committed)]
    assert not problems, "checked outputs differ in the Binder environment:\n" + "\n".join(problems)


def test_build_log_is_kept_short(binder_env):
    """Nothing in the build warns that it resolved something other than the pins."""
    log = binder_env.log.read_text(errors="replace")
    assert "ERROR" not in log and "incompatible" not in log, log[-2000:]


def test_repo_copy_matches_git(binder_env):
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    missing = [p for p in tracked if (ROOT / p).exists() and not (binder_env.repo / p).exists()]
    assert not missing, missing[:10]


# Binder installs binder/requirements.txt over repo2docker's base conda environment. Most of that
# environment is replaced by the pins; these packages stay, so the pins must agree with them.
BASE_ENV_KEEPS = {"jupyterhub-base": "jupyterhub", "jupyter-resource-usage": None, "jupyter-offlinenotebook": None}


def base_env_versions() -> dict[str, str]:
    """``{pip name: version}`` of the packages Binder's Python 3.11 base environment keeps, from repo2docker's lock."""
    import repo2docker

    lock = Path(repo2docker.__file__).parent / "buildpacks" / "conda" / "environment.py-3.11-linux-64.lock"
    found = {}
    for conda_name, pip_name in BASE_ENV_KEEPS.items():
        match = re.search(rf"/{re.escape(conda_name)}-(\d[\w.]*)-[^/]*\.(?:conda|tar\.bz2)", lock.read_text())
        assert match, f"{conda_name} not found in {lock.name}"
        found[pip_name or conda_name] = match.group(1)
    return found


@pytest.mark.slow
def test_binder_pins_agree_with_what_binders_base_environment_keeps(tmp_path):
    """pip resolves binder/requirements.txt together with the hub, resource-usage and offline-notebook
    packages at the versions repo2docker's base environment has (a dry run: nothing is installed)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "pythonjsonlogger.jsonlogger has been moved", DeprecationWarning)
        keeps = base_env_versions()
    cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet", "--no-input"]
    cmd += ["--disable-pip-version-check", "-r", str(BINDER / "requirements.txt")]
    cmd += [f"{name}=={version}" for name, version in sorted(keeps.items())]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert result.returncode == 0, f"Binder's pins conflict with its base environment {keeps}:\n{result.stderr[-3000:]}"
