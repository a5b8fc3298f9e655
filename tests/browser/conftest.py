"""Fixtures of the browser tests: a real ``jupyter lab`` and Debian's headless Chromium.

Skip rules: without ``/usr/bin/chromium`` or the ``playwright`` package every
browser test is skipped with the reason, except under ``CI=true``, where a
missing browser is an error (CI installs it: see ``.ci/run``).

Artefacts (screenshots, failure pages, the fixture notebook) go to
``artifacts/browser/`` (git-ignored). ``LH_UPDATE_GALLERY=1`` also rewrites the
README gallery in ``docs/gallery/``.

A slow machine: ``LH_BROWSER_CPU_THROTTLE=6`` slows the pages' CPU six times
(DevTools' CPU throttling). The tests must pass under it; it is how a CI failure
(JupyterLab rendering the last cells in idle time, after the checks) was found here.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import jupyterlab_driver as jd
import pytest

BROWSER_MARKER = "browser: runs the notebooks in a real JupyterLab in headless Chromium (tests/browser/)"


def pytest_configure(config):
    # Also listed in pyproject.toml; registering here keeps --strict-markers happy either way.
    config.addinivalue_line("markers", BROWSER_MARKER)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.fixture(scope="session")
def browser_ready():
    """Skip (or, under CI=true, fail) when Chromium or Playwright is missing."""
    reason = jd.browser_unavailable_reason()
    if reason:
        if _in_ci():
            pytest.fail(f"CI=true but the browser tests cannot run: {reason}", pytrace=False)
        pytest.skip(f"browser tests skipped: {reason}")
    return True


@pytest.fixture(scope="session")
def lab_server(browser_ready):
    """``jupyter lab`` from this environment, root = the repository, on a free loopback port."""
    server = jd.LabServer()
    try:
        server.start()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def chromium(browser_ready):
    """Chromium for one test module. Not session-wide: Playwright's sync API keeps an asyncio loop
    running in the main thread while it is open, which would change how the other tests' code runs
    (``asyncio.run`` refuses to start, the dashboards see a running loop and defer their frames)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = jd.launch_chromium(p)
        yield browser
        with contextlib.suppress(Exception):
            browser.close()


class LabPages:
    """One JupyterLab page shared by the tests (loading Lab takes seconds); a new one if it broke."""

    def __init__(self, browser, server) -> None:
        self.browser, self.server, self.page = browser, server, None

    def get(self):
        if self.page is None or self.page.is_closed():
            self.page = jd.new_lab_page(self.browser, self.server)
        return self.page

    def discard(self) -> None:
        """Throw the page away (after a failure that may have left it in a bad state)."""
        if self.page is not None:
            with contextlib.suppress(Exception):
                self.page.context.close()
        self.page = None

    def open(self, path: str) -> jd.NotebookPage:
        try:
            return jd.NotebookPage.open_in(self.get(), self.server, path)
        except Exception:
            self.discard()
            raise

    def run_notebook(self, name: str, cells: list[str], timeout: float = 240.0) -> Iterator[jd.NotebookPage]:
        """A module fixture's notebook: written from ``cells``, opened, run, every cell rendered; closed after.

        The notebook is ``artifacts/browser/fixtures/<name>.ipynb``; JupyterLab's left side bar is collapsed
        (the notebook gets the window's width, as a learner or lecturer would have it). When opening or
        running fails the page is thrown away (it may be in a bad state). Use it as
        ``yield from lab_pages.run_notebook(...)`` in a module-scoped fixture.
        """
        path = jd.write_notebook(jd.ARTIFACTS / "fixtures" / f"{name}.ipynb", cells)
        nbp = self.open(path.relative_to(jd.ROOT).as_posix())
        try:
            nbp.page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
            nbp.run_all(timeout=timeout)
            nbp.render_every_cell()
            nbp.wait_widgets_rendered()
        except Exception:
            nbp.close()
            self.discard()
            raise
        try:
            yield nbp
        finally:
            nbp.close()


@pytest.fixture(scope="module")
def lab_pages(lab_server, chromium):
    pages = LabPages(chromium, lab_server)
    yield pages
    pages.discard()


@pytest.fixture(scope="session")
def artifacts_dir():
    jd.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return jd.ARTIFACTS
