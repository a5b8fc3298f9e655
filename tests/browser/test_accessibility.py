"""Every dashboard, live in JupyterLab, checked with axe-core and with a screen reader's eyes.

axe-core (bundled with ``axe-playwright-python``: no network) runs over the
dashboards' own elements only (``.lh-dashboard``, the class
:class:`~linreg_helpers.dashboards._base.Dashboard` adds to its box).
JupyterLab's chrome (menus, side bars, the notebook's cells and toolbar) is
excluded: it is not ours to fix. Serious and critical violations fail.

Then, on the gradient-descent dashboard: the live figure is ``role="img"`` with
a text alternative, which changes when a slider key changes the figure; the
log-scale learning-rate slider announces the value it shows (aria-valuetext),
not its exponent; the read-out's sentence is in a polite live region.
"""

from __future__ import annotations

import pytest

import linreg_helpers as lh

pytestmark = pytest.mark.browser

NAMES = list(lh.DASHBOARDS)
FAILING_IMPACTS = ("serious", "critical")

_JS_FIGURE_A11Y = """
root => {
  const c = root.querySelector('.lh-figure canvas');
  const live = root.querySelector('.lh-figure [aria-live]');
  const log = root.querySelector('.lh-log-slider');
  const handle = log && log.querySelector('.noUi-handle');
  const shown = log && log.querySelector('.widget-readout');
  return {role: c.getAttribute('role'), label: c.getAttribute('aria-label'), tabIndex: c.tabIndex,
    live: live ? [live.getAttribute('aria-live'), live.textContent] : null,
    valuenow: handle && handle.getAttribute('aria-valuenow'),
    valuetext: handle && handle.getAttribute('aria-valuetext'),
    shown: shown && shown.textContent.trim()};
}
"""


@pytest.fixture(scope="module")
def notebook(lab_pages):
    cells = ["%matplotlib widget\nimport linreg_helpers as lh"]
    cells += [f"dash_{name} = lh.DASHBOARDS[{name!r}]()\ndash_{name}" for name in NAMES]
    yield from lab_pages.run_notebook("accessibility", cells)


def _serious(results: dict) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v.get("impact") in FAILING_IMPACTS
    ]


def test_axe_finds_no_serious_violation_in_any_dashboard(notebook):
    from axe_playwright_python.sync_playwright import Axe

    found = notebook.page.evaluate("() => document.querySelectorAll('.lh-dashboard').length")
    assert found == len(NAMES), f"{found} dashboards on the page, expected {len(NAMES)}"
    results = Axe().run(notebook.page, context={"include": [[".lh-dashboard"]]}).response
    every = [f"{v['id']} ({v['impact']}): {len(v['nodes'])} node(s)" for v in results["violations"]]
    print("axe-core on the dashboards:", every or "no violations")
    problems = _serious(results)
    assert not problems, "axe-core, on the dashboards only:\n" + "\n".join(problems)


def test_the_figure_is_an_image_with_a_live_text_alternative(notebook):
    by_cell = {d["cellIndex"]: d for d in notebook.dashboards()}
    dash = by_cell[NAMES.index("gradient_descent") + 1]
    root = notebook.dashboard(dash["id"])
    before = root.evaluate(_JS_FIGURE_A11Y)
    assert before["role"] == "img" and before["tabIndex"] == 0
    assert before["label"].startswith("Gradient descent")
    assert before["live"][0] == "polite" and before["live"][1] in before["label"]
    # the log slider says what it shows (0.00691), not the exponent behind it (-2.16)
    assert before["valuetext"] == before["shown"] and before["valuetext"] != before["valuenow"]
    notebook.move_slider(dash["id"], "learning", "ArrowRight")
    notebook.page.wait_for_function(
        "([r, old]) => r.querySelector('.lh-figure canvas').getAttribute('aria-label') !== old",
        arg=[root.element_handle(), before["label"]],
        timeout=15_000,
    )
    after = root.evaluate(_JS_FIGURE_A11Y)
    assert after["valuetext"] == after["shown"] != before["shown"]
    assert after["live"][1] in after["label"]
