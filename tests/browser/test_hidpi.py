"""On a HiDPI screen (device pixel ratio 2) a dashboard's figure is sharp and shows the kernel's pixels."""

from __future__ import annotations

import jupyterlab_driver as jd
import pytest

pytestmark = pytest.mark.browser

FIXTURE = jd.ARTIFACTS / "fixtures" / "hidpi.ipynb"


def test_figure_is_drawn_at_the_screens_pixel_ratio(lab_server, chromium):
    jd.write_notebook(FIXTURE, ["import linreg_helpers as lh", "dash = lh.descent_dashboard()\ndash"])
    new_context = chromium.new_context
    chromium.new_context = lambda **kw: new_context(**{**kw, "device_scale_factor": 2})
    try:
        nbp = jd.NotebookPage.open(chromium, lab_server, FIXTURE.relative_to(jd.ROOT).as_posix())
    finally:
        chromium.new_context = new_context
    try:
        nbp.run_all(timeout=180)
        nbp.wait_widgets_rendered()
        dash = nbp.dashboards()[0]
        nbp.move_slider(dash["id"], jd.LR_LABEL, "PageDown")
        nbp.wait_kernel_idle(settle=0.5)
        width, height, css_width, css_height = nbp.dashboard(dash["id"]).evaluate(
            "r => { const c = r.querySelector('.lh-figure canvas'); const b = c.getBoundingClientRect();"
            " return [c.width, c.height, b.width, b.height]; }"
        )
        kernel = nbp.kernel_pixels_crc("dash")
        ratio = nbp.kernel_eval("print(dash.figure.canvas.device_pixel_ratio)")
        shown = nbp.canvas_crc(dash["id"])
        nbp.screenshot_dashboard(dash["id"], jd.ARTIFACTS / "dashboards" / "gradient_descent_hidpi.png")
    finally:
        nbp.close()
        lab_server.shutdown_kernels()
    assert ratio == 2, "the kernel did not render at the screen's pixel ratio"
    assert (width, height) == (kernel["width"], kernel["height"]), "the canvas does not have the kernel's pixel size"
    assert (css_width, css_height) == (width / 2, height / 2), "the canvas is not shown at half its pixel size"
    assert shown["crc"] == kernel["crc"], "the canvas does not show the kernel's pixels"
