"""Environments built the way a learner gets the series outside a checkout: Binder's and a wheel's.

Each is built once per test run, in a temporary folder outside the repository, from a
copy of the repository's files (tracked and new, not ignored):

- ``binder``: a fresh virtual environment with **only** ``binder/requirements.txt``
  installed, then ``binder/postBuild`` run in the copy, as repo2docker does
  (``tests/test_binder.py`` checks with repo2docker's own code that this is what it does);
- ``wheel``: the wheel built from the copy, installed with its dependencies
  (``requirements/constraints.txt``) into another fresh virtual environment.

Building takes a minute or two, mostly pip unpacking wheels. The root ``conftest.py``
starts the builds in the background as soon as the tests that need them are
collected, so they overlap with the rest of the suite; the fixtures then wait for them.

Each environment also gets a Jupyter kernel spec (``lh-binder``, ``lh-wheel``) in a
folder of its own, so that nbval or nbclient, run from the project's environment, can execute
notebooks with that environment's Python (``JUPYTER_PATH``).

The environments are installed without compiling to bytecode (``--no-compile``: most of what is installed
is never imported here); their processes compile what they import, once, and keep it. That needs them to
write bytecode even where the caller's environment says not to (``PYTHONDONTWRITEBYTECODE``, set on some
machines): there, every kernel started in them compiled numpy, matplotlib, IPython and the rest from source
again, about 3.5 s of CPU each (:data:`WRITE_BYTECODE`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT = 900.0
_SPEC_LOCK = threading.Lock()

_COPY = """
mkdir -p "$DEST/repo"
cd "$ROOT"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] && printf '%s\\0' "$f"
done | xargs -0 cp --parents -p -t "$DEST/repo"
"""

_PIP = 'python" -m pip --disable-pip-version-check --no-input'
WRITE_BYTECODE = {"PYTHONDONTWRITEBYTECODE": ""}
"""The environment for this module's environments' own processes: an empty value lets Python write bytecode."""

SCRIPTS = {
    # What repo2docker's Python build pack does, minus Docker: requirements.txt, then postBuild.
    "binder": _COPY
    + f"""
"$BASE_PYTHON" -m venv "$DEST/venv"
"$DEST/venv/bin/{_PIP} install --quiet --no-compile -r "$DEST/repo/binder/requirements.txt"
cd "$DEST/repo"
PATH="$DEST/venv/bin:$PATH" ./binder/postBuild
rm -rf "$DEST/repo/build" "$DEST/repo"/*.egg-info
""",
    # A wheel, as `pip wheel .` builds it, installed outside the repository with its dependencies.
    "wheel": _COPY
    + f"""
"$BASE_PYTHON" -m venv "$DEST/venv"
"$DEST/venv/bin/{_PIP} wheel --quiet --no-deps -w "$DEST/dist" "$DEST/repo"
"$DEST/venv/bin/{_PIP} install --quiet --no-compile -c "$DEST/repo/requirements/constraints.txt" \\
    "$DEST"/dist/linreg_helpers-*.whl ipykernel
""",
}


def base_python() -> str:
    """The interpreter the project's venv was made from (a venv made from a venv would nest)."""
    return getattr(sys, "_base_executable", None) or sys.executable


@dataclass
class InstalledEnv:
    """A virtual environment outside the repository, with the series installed in it."""

    name: str
    dest: Path
    proc: subprocess.Popen | None = None
    log: Path = field(init=False)
    started: float = field(default_factory=time.monotonic)
    seconds: float | None = None

    def __post_init__(self) -> None:
        self.log = self.dest / "build.log"

    @classmethod
    def start(cls, name: str) -> InstalledEnv:
        dest = Path(tempfile.mkdtemp(prefix=f"lh-{name}-env-"))
        env = cls(name, dest)
        environ = dict(os.environ, DEST=str(dest), ROOT=str(ROOT), BASE_PYTHON=base_python())
        for var in ("PYTHONPATH", "VIRTUAL_ENV", "PIP_REQUIRE_VIRTUALENV"):
            environ.pop(var, None)
        with open(env.log, "wb") as log:
            env.proc = subprocess.Popen(
                ["bash", "-euo", "pipefail", "-c", SCRIPTS[name]],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=environ,
                start_new_session=True,
            )
        return env

    @property
    def python(self) -> Path:
        return self.dest / "venv" / "bin" / "python"

    @property
    def repo(self) -> Path:
        return self.dest / "repo"

    @property
    def jupyter_path(self) -> Path:
        return self.dest / "share" / "jupyter"

    @property
    def kernel_name(self) -> str:
        return f"lh-{self.name}"

    def wait(self, timeout: float = BUILD_TIMEOUT) -> InstalledEnv:
        """Wait for the build; raise ``RuntimeError`` with the log's tail if it failed."""
        assert self.proc is not None
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise RuntimeError(f"building the {self.name} environment took over {timeout:.0f} s") from None
        if self.seconds is None:
            self.seconds = time.monotonic() - self.started
        if code != 0:
            tail = "\n".join(self.log.read_text(errors="replace").splitlines()[-40:])
            raise RuntimeError(f"building the {self.name} environment failed (exit {code}):\n{tail}")
        with _SPEC_LOCK:
            self._write_kernel_spec()
        return self

    def _write_kernel_spec(self) -> None:
        spec = self.jupyter_path / "kernels" / self.kernel_name
        spec.mkdir(parents=True, exist_ok=True)
        argv = [str(self.python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        (spec / "kernel.json").write_text(
            json.dumps(
                {"argv": argv, "display_name": f"Python ({self.name})", "language": "python", "env": WRITE_BYTECODE}
            )
        )

    def run(self, *args: str, cwd: Path | None = None, timeout: float = 300.0) -> subprocess.CompletedProcess:
        """Run this environment's Python with ``args`` (outside the repository by default)."""
        environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "LINREG_DATA_DIR")}
        environ.update(WRITE_BYTECODE)
        return subprocess.run(
            [str(self.python), *args],
            cwd=cwd or self.dest,
            env=environ,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def kernel_environ(self) -> dict[str, str]:
        """The environment variables for a process (nbval, nbclient) that starts this environment's kernel
        (:attr:`kernel_name`, found through ``JUPYTER_PATH``) from the project's environment."""
        environ = dict(os.environ, JUPYTER_PATH=str(self.jupyter_path))
        environ.pop("LINREG_DATA_DIR", None)
        return environ

    def _nbval_command(self, paths: tuple[Path, ...], cwd: Path) -> tuple[list[str], dict[str, str]]:
        environ = self.kernel_environ()
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "--nbval-lax",
            "-W",
            "error",
            f"--nbval-kernel-name={self.kernel_name}",
            "--rootdir",
            str(cwd),
            *map(str, paths),
        ]
        return cmd, environ

    def nbval(self, *paths: Path, cwd: Path, timeout: float = 900.0) -> subprocess.CompletedProcess:
        """Run nbval (from the project's environment) on ``paths`` with this environment's kernel."""
        cmd, environ = self._nbval_command(paths, cwd)
        return subprocess.run(cmd, cwd=cwd, env=environ, capture_output=True, text=True, timeout=timeout)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, 9)
            self.proc.wait(timeout=10)

    def remove(self) -> None:
        self.kill()
        if not os.environ.get("LH_KEEP_ENVS"):
            shutil.rmtree(self.dest, ignore_errors=True)
