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
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "tests"))

from installed_envs import InstalledEnv

ENV_FIXTURES = {"binder_env": "binder", "wheel_env": "wheel"}
BINDER_NBVAL_TEST = "test_every_notebook_runs_in_the_binder_env"
_BUILDS: dict[str, InstalledEnv] = {}


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.hookimpl(trylast=True)  # after -k/-m deselection
def pytest_collection_modifyitems(session, config, items):
    needs = {
        item.nodeid: [ENV_FIXTURES[f] for f in getattr(item, "fixturenames", ()) if f in ENV_FIXTURES] for item in items
    }
    wanted = {name for names in needs.values() for name in names}
    if not wanted or config.option.collectonly:
        return
    for name in sorted(wanted):
        _BUILDS.setdefault(name, InstalledEnv.start(name))
    if any(item.name == BINDER_NBVAL_TEST for item in items):
        # The Binder environment's nbval (every notebook, over a minute) runs in the background
        # as soon as that environment is built; its test only collects the result.
        _BUILDS["binder"].nbval_in_background("notebooks/*.ipynb")
    # Run the tests that need an environment last, so that its build overlaps with the rest.
    items.sort(key=lambda item: bool(needs[item.nodeid]))


def pytest_sessionfinish(session, exitstatus):
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
