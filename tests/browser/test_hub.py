"""The series on a real JupyterHub, as a class gets it (issue 16).

A hub on loopback (``hub_driver.LocalHub``: jupyterhub with npm's configurable-http-proxy, the
DummyAuthenticator, SimpleLocalProcessSpawner) and a bare clone of this repository standing in for
the teacher's hosted one. Two learners, each in a browser context of their own, open the teacher's
nbgitpuller link: they log in, the hub starts their JupyterLab, nbgitpuller clones the series into
their home and opens notebook 04. Each runs it, sees the gradient-descent dashboard whole and moves
its learning-rate slider: the figure redraws.

A fault: one learner's kernel is killed (as by the out-of-memory killer) mid-lesson. The other
learner's dashboard still redraws at once; the first learner's kernel is restarted by the server
and their next run of the notebook gives a dashboard that redraws again.

Skipped, with the reason, where node, configurable-http-proxy, jupyterhub or nbgitpuller are
missing (.ci/run installs them); under CI=true that is a failure. Screenshots of each learner's
dashboard go to ``artifacts/browser/hub/``.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time

import hub_driver as hd
import jupyterlab_driver as jd
import pytest

pytestmark = pytest.mark.browser

LEARNERS = ("ada", "grace")
SERIES = "linreg-series"  # the folder nbgitpuller clones into (the repository's name)
NOTEBOOK = f"{SERIES}/{hd.NOTEBOOK_04}"
BUDGET_S = 90  # the time budget for this test; over it is reported, not failed


@pytest.fixture(scope="module")
def hub_ready(browser_ready):
    reason = hd.hub_unavailable_reason()
    if reason:
        if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):  # as browser_ready does
            pytest.fail(f"CI=true but the hub test cannot run: {reason}", pytrace=False)
        pytest.skip(f"hub test skipped: {reason}")
    return True


@pytest.fixture(scope="module")
def hub(hub_ready):
    server = hd.LocalHub()
    try:
        server.start()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield server
    finally:
        server.stop()


def _branch(bare) -> str:
    out = subprocess.run(
        ["git", "-C", str(bare), "symbolic-ref", "--short", "HEAD"], capture_output=True, text=True, timeout=30
    )
    return out.stdout.strip() or "main"


# Run the first code cell (imports, %matplotlib widget) and the dashboard's cell, as a learner
# who goes straight to the dashboard would (Run All of every notebook: test_notebooks_in_lab.py).
_JS_RUN_DASHBOARD_CELLS = """
() => {
  const p = window.__lh_nb, nb = p.content;
  const cells = nb.widgets.map((c, i) => [i, c.model.type, c.model.sharedModel.getSource()]);
  const first = cells.find(c => c[1] === 'code');
  const dash = cells.find(c => c[1] === 'code' && /^\\s*lh\\.descent_dashboard\\(\\)\\s*$/m.test(c[2]));
  if (!first || !dash) throw new Error('notebook 04 has no lh.descent_dashboard() cell');
  window.__lh_cells = [first[0], dash[0]];
  for (const i of window.__lh_cells) nb.widgets[i].model.executionCount = null;
  (async () => {
    for (const i of window.__lh_cells) {
      nb.activeCellIndex = i;
      nb.deselectAll();
      await window.jupyterapp.commands.execute('notebook:run-cell');
    }
  })();
  return window.__lh_cells;
}
"""


def _run_dashboard_cells(nbp: jd.NotebookPage) -> None:
    nbp.page.evaluate(_JS_RUN_DASHBOARD_CELLS)


def _wait_cells_ran(nbp: jd.NotebookPage, timeout: float = 180.0) -> None:
    nbp.page.wait_for_function(
        """() => window.__lh_cells.every(i => {
             const m = window.__lh_nb.content.widgets[i].model;
             return m.executionCount !== null && m.executionState !== 'running'; })""",
        timeout=timeout * 1000,
        polling=200,
    )
    nbp.wait_kernel_idle(timeout=timeout, settle=0.5)


def _lr_dashboard(nbp: jd.NotebookPage) -> dict:
    dashes = nbp.dashboards()
    assert dashes, f"{nbp.path}: no dashboard on the page; {jd.output_problems(nbp)}"
    return dashes[0]


def _moves_and_redraws(nbp: jd.NotebookPage, dash: dict, who: str, key: str = "PageDown") -> None:
    move = nbp.move_slider(dash["id"], jd.LR_LABEL, key, timeout=30)
    assert move["after"].readout != move["before"].readout, f"{who}: the slider did not move ({move})"
    assert move["painted"] and move["pixels_changed"], (
        f"{who}: the dashboard did not redraw after the slider moved "
        f"({move['before'].readout} → {move['after'].readout}; painted={move['painted']})"
    )


def _wait_kernel_back(nbp: jd.NotebookPage, timeout: float = 60.0) -> list[str]:
    """After a kernel died: wait until the server has restarted it; close JupyterLab's
    'Kernel Restarting' notice. Returns the statuses seen."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = nbp._kernel_status()
        if not seen or seen[-1] != status:
            seen.append(status)
        if status == "idle" and len(seen) > 1:
            break
        time.sleep(0.1)
    for _ in range(20):  # the notice is a modal dialog
        button = nbp.page.locator(".jp-Dialog .jp-mod-accept")
        if button.count() == 0:
            break
        with contextlib.suppress(Exception):
            button.first.click(timeout=2000)
        time.sleep(0.1)
    return seen


def test_two_learners_get_the_series_by_nbgitpuller_and_move_a_slider(hub, chromium, tmp_path, artifacts_dir):
    t0 = time.monotonic()
    bare = hd.bare_clone(hd.ROOT, tmp_path / f"{SERIES}.git")
    link = hd.git_pull_link(hub.url, f"file://{bare}", _branch(bare), f"lab/tree/{NOTEBOOK}", SERIES)
    shots = artifacts_dir / "hub"
    pages: dict[str, jd.NotebookPage] = {}
    memory: dict[str, dict] = {}
    phases: dict[str, float] = {}

    def phase(name: str) -> None:
        phases[name] = round(time.monotonic() - t0 - sum(phases.values()), 1)

    try:
        browser_pages = {name: jd.new_page(chromium) for name in LEARNERS}
        for name, page in browser_pages.items():  # both log in at once: their servers start side by side
            hd.log_in(page, hub, name, link)
        for name, page in browser_pages.items():
            try:
                hd.wait_for_lab(page, name)
                pages[name] = jd.NotebookPage.attach(page, hd.UserServer(hub, name), NOTEBOOK)
            except Exception as exc:
                with contextlib.suppress(Exception):
                    page.screenshot(path=str(shots / f"{name}-failed.png"))
                raise AssertionError(
                    f"{name}: the nbgitpuller link did not open notebook 04 in JupyterLab ({exc}):\n{hub.log_tail()}"
                ) from exc
        phase("log in, nbgitpuller, JupyterLab")
        for name in LEARNERS:  # each learner has their own clone of the series in their own home
            clone = hub.home(name) / SERIES
            assert (clone / ".git").is_dir() and (clone / hd.NOTEBOOK_04).is_file(), f"{name}: no clone in {clone}"

        # Both learners run the setup cell and the dashboard's cell; their kernels work side by side.
        for nbp in pages.values():
            _run_dashboard_cells(nbp)
        dashes = {}
        for name, nbp in pages.items():
            _wait_cells_ran(nbp)
            nbp.wait_widgets_rendered()
            dashes[name] = _lr_dashboard(nbp)
            problems = jd.output_problems(nbp) + jd.dashboard_problems(nbp, dashes[name])
            nbp.screenshot_dashboard(dashes[name]["id"], shots / f"{name}-dashboard.png")
            assert not problems, f"{name} on the hub:\n- " + "\n- ".join(problems)
        memory = {name: hub.memory_mib(name) for name in LEARNERS}  # for the teaching guide's sizing
        phase("run notebook 04, check the dashboards")
        for name, nbp in pages.items():
            _moves_and_redraws(nbp, dashes[name], name)
        phase("move the sliders")

        # A fault: the second learner's kernel dies (killed as the out-of-memory killer would).
        ada, grace = (pages[n] for n in LEARNERS)
        pid = grace.kernel_eval("import os, json; print(json.dumps(os.getpid()))")
        assert pid != ada.kernel_eval("import os, json; print(json.dumps(os.getpid()))"), "one kernel for two learners"
        os.kill(pid, signal.SIGKILL)
        # The other learner is unaffected: the slider still redraws the figure.
        _moves_and_redraws(ada, dashes["ada"], "ada, after grace's kernel was killed", key="PageUp")
        phase("kill a kernel, the other redraws")
        seen = _wait_kernel_back(grace)
        assert seen[-1] == "idle", f"grace's kernel did not come back (statuses {seen})"
        # Her next run of the cells works: a new dashboard that redraws.
        _run_dashboard_cells(grace)
        _wait_cells_ran(grace)
        grace.wait_widgets_rendered()
        dash = _lr_dashboard(grace)
        problems = jd.output_problems(grace) + jd.dashboard_problems(grace, dash)
        assert not problems, "grace after her kernel restarted:\n- " + "\n- ".join(problems)
        _moves_and_redraws(grace, dash, "grace, after her kernel restarted")
        grace.screenshot_dashboard(dash["id"], shots / "grace-dashboard-after-restart.png")
        phase("restarted kernel: run again, redraw")
        # A killed kernel is gone for good (not a zombie left running).
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 0)
            assert open(f"/proc/{pid}/stat").read().split()[2] in ("Z", "X"), f"killed kernel {pid} still runs"
    finally:
        for nbp in pages.values():
            nbp.close()
        seconds = time.monotonic() - t0
        (artifacts_dir / "hub").mkdir(parents=True, exist_ok=True)
        timing = {"seconds": round(seconds, 1), "phases": phases, "rss_mib": memory}
        (artifacts_dir / "hub" / "timing.json").write_text(json.dumps(timing))
    print(f"hub test: two learners, nbgitpuller, notebook 04, a killed kernel: {seconds:.0f} s (budget {BUDGET_S} s)")
    print(f"hub test phases (s): {phases}; resident memory (MiB): {memory}")
