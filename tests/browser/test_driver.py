"""The browser driver's own guards, checked on the failures they exist for.

JupyterLab renders a cell that is out of view in the browser's idle time. On a busy
machine (CI) the last cells of a long notebook were still unrendered when the checks
ran, and a dashboard "showed nothing". Here the idle-time rendering is switched off on
purpose: the checks must then see the problem, and the driver's
:meth:`~jupyterlab_driver.NotebookPage.render_every_cell` must get the cells rendered.
"""

from __future__ import annotations

import jupyterlab_driver as jd
import pytest

pytestmark = pytest.mark.browser

FIXTURE = jd.ARTIFACTS / "fixtures" / "long_notebook.ipynb"
FILLER = 60  # enough cells that the last one is far out of view

# Every notebook opened from now on in this page renders its first cells, then none in idle time.
_JS_NO_IDLE_RENDERING = """
() => { Object.getPrototypeOf(window.__lh_nb.content)._scheduleCellRenderOnIdle = function () {}; }
"""


def test_unrendered_cells_are_reported_then_rendered(lab_server, chromium):
    cells = ["import ipywidgets as widgets"] + [f"x{i} = {i}" for i in range(FILLER)]
    cells.append("widgets.IntSlider(description='last cell')")
    jd.write_notebook(FIXTURE, cells)
    warmup = jd.write_notebook(jd.ARTIFACTS / "fixtures" / "empty.ipynb", ["1"])
    page = jd.new_lab_page(chromium, lab_server)
    nbp = jd.NotebookPage.open_in(page, lab_server, warmup.relative_to(jd.ROOT).as_posix())
    try:
        page.evaluate(_JS_NO_IDLE_RENDERING)
        nbp.close()  # the notebook only: the page stays, patched
        nbp = jd.NotebookPage.open_in(page, lab_server, FIXTURE.relative_to(jd.ROOT).as_posix(), owns_page=True)
        nbp.run_all(timeout=120)
        last = len(cells) - 1
        assert last in nbp.placeholder_cells(), "the fixture did not reproduce an unrendered cell"
        problems = jd.output_problems(nbp)
        assert any(p.startswith(f"cell {last}:") for p in problems), problems

        left = nbp.render_every_cell(timeout=30, quiet=1)
        assert not left, f"cells still unrendered: {left}"
        assert jd.output_problems(nbp) == []
    finally:
        nbp.close()
        lab_server.shutdown_kernels()
