"""Session-wide fixtures: the Binder and wheel environments, built once per run in the background.

(At the repository root rather than in ``tests/``: ``--doctest-modules`` collects every
``conftest.py`` under the test paths as a module, and two of them, here and in
``tests/browser/``, would clash by name.)

As soon as the collected tests include one that needs ``binder_env`` or ``wheel_env``,
the environment starts building (``tests/installed_envs.py``) while the other tests
run, and the tests that need it are moved to the end of the run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "tests"))

from installed_envs import InstalledEnv

ENV_FIXTURES = {"binder_env": "binder", "wheel_env": "wheel"}
BINDER_NBVAL_TEST = "test_every_notebook_runs_in_the_binder_env"
_BUILDS: dict[str, InstalledEnv] = {}
ROOT = Path(__file__).resolve().parent
SITE_LOG = ROOT / "artifacts" / "site-build.log"
_SITE_BUILD: list[subprocess.Popen] = []  # the course website's build (site/build.py), started at collection


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
    if site_tests and not _SITE_BUILD and not os.environ.get("LH_SITE_REUSE"):
        # The website executes every notebook (a minute of CPU): it builds while the other tests run, and
        # its tests run last (tests/browser/test_site.py waits for it).
        SITE_LOG.parent.mkdir(parents=True, exist_ok=True)
        with SITE_LOG.open("w") as log:
            _SITE_BUILD.append(
                subprocess.Popen(
                    [sys.executable, str(ROOT / "site" / "build.py")], stdout=log, stderr=subprocess.STDOUT
                )
            )
    if not wanted and not site_tests:
        return
    for name in sorted(wanted):
        _BUILDS.setdefault(name, InstalledEnv.start(name))
    if any(item.name == BINDER_NBVAL_TEST for item in items):
        # The Binder environment's nbval (every notebook, over a minute) runs in the background
        # as soon as that environment is built; its test only collects the result.
        _BUILDS["binder"].nbval_in_background("notebooks/*.ipynb")
    # Run the tests that need an environment or the site last, so that their builds overlap with the rest.
    items.sort(key=lambda item: bool(needs[item.nodeid]) or item.nodeid in site_tests)


def pytest_sessionfinish(session, exitstatus):
    for build in _SITE_BUILD:
        if build.poll() is None:
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
    """Wait for the website's background build (see pytest_collection_modifyitems); its exit status, or
    None when none was started (``LH_SITE_REUSE``, or a run that collected no site test)."""
    if not _SITE_BUILD:
        return None
    return _SITE_BUILD[0].wait()
