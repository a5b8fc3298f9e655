"""Every notebook of the series, run in a real JupyterLab in headless Chromium, as a learner sees it.

For each ``notebooks/*.ipynb`` found at collection time: open it, Run All, wait
until the kernel is idle; then no error or stderr output, no widget shown as
its text repr, every figure drawn, every dashboard's sliders, figure and
read-out visible and not cut; the learning-rate and batch-size sliders move
with the keyboard and change the figure's pixels. A screenshot of each
dashboard goes to ``artifacts/browser/`` (and one of the page on a failure).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jupyterlab_driver as jd
import pytest

import linreg_helpers as lh

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted((jd.ROOT / "notebooks").glob("*.ipynb"))
BUILDERS = sorted(f.__name__ for f in lh.DASHBOARDS.values())
# A cell "shows a dashboard" when its last statement is a builder call or lh.DASHBOARDS[...](...).
_SHOWS_DASHBOARD = re.compile(r"^\s*(?:lh\.)?(?:(?:" + "|".join(BUILDERS) + r")|DASHBOARDS\[[^\]]+\])\s*\(")


def expected_dashboard_cells(path: Path) -> dict[int, str]:
    """Cells (by index) whose last line displays a dashboard, with that line."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = {}
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        src = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        lines = [ln for ln in src.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        if lines and _SHOWS_DASHBOARD.match(lines[-1]):
            found[i] = lines[-1].strip()
    return found


class RunNotebook:
    """A notebook opened and run once, shared by the tests of that notebook."""

    def __init__(self, path: Path, pages) -> None:
        self.path = path
        self.stem = path.stem
        self.nbp = pages.open(path.relative_to(jd.ROOT).as_posix())
        self.run_error = None
        try:
            self.seconds = self.nbp.run_all(timeout=240)
            self.nbp.wait_widgets_rendered()
        except Exception as exc:  # reported by every test of this notebook
            self.run_error = f"{type(exc).__name__}: {exc}"
        self.dashboards = self.nbp.dashboards() if self.run_error is None else []

    def fail(self, problems: list[str], what: str) -> None:
        shot = jd.ARTIFACTS / f"{self.stem}__failure_{what.replace(' ', '_')}.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.nbp.page.screenshot(path=str(shot))
        except Exception:  # the page may be gone; the problems say enough
            shot = None
        where = f"\n(page screenshot: {shot.relative_to(jd.ROOT)})" if shot else ""
        pytest.fail(f"{self.path.name}: {what}:\n- " + "\n- ".join(problems) + where, pytrace=False)

    def require_run(self) -> None:
        if self.run_error:
            self.fail([self.run_error], "Run All did not finish")


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request, lab_pages, lab_server, artifacts_dir):
    run = RunNotebook(request.param, lab_pages)
    yield run
    run.nbp.close()
    if run.run_error:
        lab_pages.discard()
    lab_server.shutdown_kernels()


def test_runs_without_errors(notebook):
    notebook.require_run()
    problems = jd.output_problems(notebook.nbp) + jd.console_problems(notebook.nbp)
    if problems:
        notebook.fail(problems, "errors or widgets shown as text")


def test_every_figure_is_drawn(notebook):
    notebook.require_run()
    problems = jd.figure_problems(notebook.nbp)
    if problems:
        notebook.fail(problems, "figures not drawn")


def test_dashboards_render(notebook):
    notebook.require_run()
    expected = expected_dashboard_cells(notebook.path)
    shown = {d["cellIndex"] for d in notebook.dashboards}
    problems = [
        f"cell {i} ({line}) shows no dashboard (no sliders with a figure in its output)"
        for i, line in expected.items()
        if i not in shown
    ]
    for k, dash in enumerate(notebook.dashboards):
        problems += jd.dashboard_problems(notebook.nbp, dash)
        notebook.nbp.screenshot_dashboard(dash["id"], jd.ARTIFACTS / f"{notebook.stem}__dashboard{k}.png")
    if problems:
        notebook.fail(problems, "dashboards not shown properly")


def _key_for(slider: jd.Slider) -> str:
    """PageDown (a big step), or PageUp when the slider starts at its lower end."""
    at_low = slider.value_now is not None and slider.min is not None and slider.value_now <= slider.min
    return "PageUp" if at_low else "PageDown"


PRESSES = 4  # a learner keeps pressing until something happens; a few presses must change the figure


def test_dashboard_sliders_move_the_figure(notebook):
    notebook.require_run()
    if not notebook.dashboards:
        pytest.skip(f"{notebook.path.name} shows no dashboard")
    problems = []
    for dash in notebook.dashboards:
        name = f"cell {dash['cellIndex']} dashboard {dash['title'][:40]!r}"
        state = notebook.nbp.dashboard_state(dash["id"])
        if not (state["canvas"] and state["canvas"]["width"]):
            problems.append(f"{name}: no figure to move (see test_dashboards_render)")
            continue
        for label in (jd.LR_LABEL, jd.BATCH_LABEL):
            slider = notebook.nbp.slider(dash["id"], label)
            if slider.count() == 0:
                problems.append(f"{name}: no slider whose label matches {label!r}")
                continue
            key = _key_for(notebook.nbp.slider_info(slider))
            start = notebook.nbp.slider_info(slider).readout
            for _ in range(PRESSES):
                move = notebook.nbp.move_slider(dash["id"], label, key)
                what = f"{name}: {key} on {move['label']!r} ({move['before'].readout} → {move['after'].readout})"
                problems += [f"{what}: {p}" for p in jd.readout_value_problems(move)]
                if move["after"].readout == move["before"].readout:
                    problems.append(f"{what}: the slider did not move")
                    break
                # A move that changes no pixel sends no frame: press again (up to PRESSES times).
                if move["pixels_changed"]:
                    break
            else:
                problems.append(
                    f"{name}: {PRESSES}× {key} on {move['label']!r} ({start} → {move['after'].readout}): "
                    "the figure's pixels never changed"
                )
    if problems:
        notebook.fail(problems, "sliders do not drive the figure")
