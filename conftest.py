"""Session-wide fixtures: the Binder and wheel environments, built once per run in the background.

(At the repository root rather than in ``tests/``: ``--doctest-modules`` collects every
``conftest.py`` under the test paths as a module, and two of them, here and in
``tests/browser/``, would clash by name.)

As soon as the collected tests include one that needs ``binder_env`` or ``wheel_env``,
the environment starts building (``tests/installed_envs.py``) while the other tests
run, and the tests that need it are moved to the end of the run. So does the course website's
build (:class:`SiteBuild`), when a test that uses ``site_build`` is collected: with the Binder
environment's kernel when the Binder check of the notebooks is collected too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "tests"))

from installed_envs import InstalledEnv

ENV_FIXTURES = {"binder_env": "binder", "wheel_env": "wheel"}
BINDER_NBVAL_TEST = "test_every_notebook_runs_in_the_binder_env"
_BUILDS: dict[str, InstalledEnv] = {}
ROOT = Path(__file__).resolve().parent
SITE_LOG = ROOT / "artifacts" / "site-build.log"
SITE_BUILD_TIMEOUT = 1800.0


class SiteBuild:
    """The course website's build (``site/build.py``), in the background from the end of collection.

    It executes every notebook. Given the Binder environment (a run that collected
    ``test_every_notebook_runs_in_the_binder_env``), it first waits for that environment and executes
    them with its kernel: that one run is both the website's and the check that the notebooks run on
    Binder, so ``make test`` does not execute every notebook once more for Binder.
    """

    def __init__(self, binder: InstalledEnv | None) -> None:
        self.binder = binder
        self.proc: subprocess.Popen | None = None
        self.error: BaseException | None = None
        self.killed = False
        self._lock = threading.Lock()  # no process started after kill()
        self.thread = threading.Thread(target=self._run, name="site-build", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            command, environ = [sys.executable, str(ROOT / "site" / "build.py")], None
            if self.binder is not None:
                self.binder.wait()  # raises RuntimeError with the build log's tail if it failed
                command += ["--kernel", self.binder.kernel_name]
                environ = self.binder.kernel_environ()
            SITE_LOG.parent.mkdir(parents=True, exist_ok=True)
            with SITE_LOG.open("w") as log:
                with self._lock:
                    if self.killed:
                        return
                    self.proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environ)
                self.proc.wait()
        except BaseException as exc:  # reported by wait() in the test's thread
            self.error = exc

    def wait(self) -> int:
        """The build's exit status; raise what stopped it from starting (the Binder environment's failure)."""
        self.thread.join(SITE_BUILD_TIMEOUT)
        if self.thread.is_alive():
            self.kill()
            raise RuntimeError(f"the website's build took over {SITE_BUILD_TIMEOUT:.0f} s")
        if self.error is not None:
            raise self.error
        if self.proc is None:
            raise RuntimeError("the website's build was stopped before it started")
        return self.proc.returncode

    def kill(self) -> None:
        with self._lock:
            self.killed = True
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


_SITE_BUILD: list[SiteBuild] = []  # started at collection


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.hookimpl(trylast=True)  # after -k/-m deselection
def pytest_collection_modifyitems(session, config, items):
    needs = {
        item.nodeid: [ENV_FIXTURES[f] for f in getattr(item, "fixturenames", ()) if f in ENV_FIXTURES] for item in items
    }
    wanted = {name for names in needs.values() for name in names}
    if config.option.collectonly:
        return
    site_tests = {item.nodeid for item in items if "site_build" in getattr(item, "fixturenames", ())}
    if not wanted and not site_tests:
        return
    for name in sorted(wanted):
        _BUILDS.setdefault(name, InstalledEnv.start(name))
    on_binder = any(item.name == BINDER_NBVAL_TEST for item in items)
    if site_tests and not _SITE_BUILD and (on_binder or not os.environ.get("LH_SITE_REUSE")):
        # The website executes every notebook (a minute of CPU), with the Binder environment's kernel when
        # the Binder check is collected (SiteBuild): it builds while the other tests run, and the tests that
        # wait for it run last.
        _SITE_BUILD.append(SiteBuild(_BUILDS["binder"] if on_binder else None))
    # Run the tests that need an environment or the site last, so that their builds overlap with the rest.
    items.sort(key=lambda item: bool(needs[item.nodeid]) or item.nodeid in site_tests)


def pytest_sessionfinish(session, exitstatus):
    for build in _SITE_BUILD:
        build.kill()
    _SITE_BUILD.clear()
    for env in _BUILDS.values():
        env.remove()
    _BUILDS.clear()


def _ready(name: str) -> InstalledEnv:
    env = _BUILDS.get(name) or _BUILDS.setdefault(name, InstalledEnv.start(name))
    try:
        return env.wait()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def binder_env() -> InstalledEnv:
    """A fresh venv built only from ``binder/`` (requirements.txt, then postBuild), outside the repo."""
    return _ready("binder")


@pytest.fixture(scope="session")
def wheel_env() -> InstalledEnv:
    """A fresh venv, outside the repo, with the package's wheel and its dependencies installed."""
    return _ready("wheel")


@pytest.fixture(scope="session")
def site_build() -> int | None:
    """Wait for the website's background build (:class:`SiteBuild`); its exit status, or None when none was
    started (``LH_SITE_REUSE`` without the Binder check, or a run that collected no site test). A Binder
    environment that failed to build fails the tests that use this fixture, with its log."""
    if not _SITE_BUILD:
        return None
    try:
        return _SITE_BUILD[0].wait()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
