"""Lecture mode on a projector: the gradient-descent dashboard (the tallest) in JupyterLab at
1920x1080 and at 1280x720, one page resized between them.

Targets (issue 14, "Lecture mode for a hall"): the figure's digits and the controls' text are at
least 2.5 % of the window height (27 px at 1080), and the figure, the controls and the read-out
are all in view at once, without scrolling, inside the notebook's visible area.

Figure digits: the smallest text with a digit (tick labels) the kernel draws in the figure (in
points, at the figure's dpi) times the canvas's displayed scale (on-screen over pixel size). Control text:
the computed font size of every label, read-out, button and drop-down of the dashboard.
Screenshots go to ``artifacts/browser/lecture/``.
"""

from __future__ import annotations

import jupyterlab_driver as jd
import pytest

pytestmark = pytest.mark.browser

FIXTURE = jd.ARTIFACTS / "fixtures" / "lecture_mode.ipynb"
SHOTS = jd.ARTIFACTS / "lecture"
SIZES = [(1920, 1080), (1280, 720)]
SHARE = 0.025  # of the window height

_KERNEL_SMALLEST_TEXT = """
import json as _json
_f = dash.figure
_f.canvas.draw()
_r = _f.canvas.get_renderer()
_pts = [t.get_fontsize() for t in _f.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_fontsize"))
        if t.get_visible() and any(ch.isdigit() for ch in t.get_text()) and t.get_window_extent(_r).width > 0]
print(_json.dumps({"pt": min(_pts), "dpi": _f.dpi}))
"""

_JS_MEASURE = """
root => {
  root.scrollIntoView({block: 'start'});
  const area = window.__lh_nb.content.node.getBoundingClientRect();
  const canvas = root.querySelector('.lh-figure canvas');
  const c = canvas.getBoundingClientRect();
  const controls = Array.from(root.querySelectorAll(
    '.widget-label, .widget-readout, button, select')).filter(e => e.getBoundingClientRect().height > 0);
  const readout = Array.from(root.querySelectorAll('.widget-html')).filter(e => e.textContent.includes('MSE'))[0];
  const parts = [canvas, readout, ...root.querySelectorAll('.widget-slider, select, button')];
  const outside = parts.filter(e => { const r = e.getBoundingClientRect();
    return r.top < area.top - 1 || r.bottom > area.bottom + 1 || r.right > area.right + 1 || r.left < area.left - 1; })
    .map(e => e.className || e.tagName);
  // object-fit: contain draws the picture at the smaller of the two scales
  const scale = Math.min(c.height / canvas.height, c.width / canvas.width);
  return {scale, canvasWidth: c.width, areaWidth: area.width,
    fonts: controls.map(e => [e.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(e).fontSize)]),
    outside, windowHeight: window.innerHeight};
}
"""


@pytest.fixture(scope="module")
def lecture(lab_pages):
    cells = [
        "%matplotlib widget\nimport linreg_helpers as lh\nlh.lecture_mode()",
        "dash = lh.descent_dashboard()\ndash",
    ]
    jd.write_notebook(FIXTURE, cells)
    nbp = lab_pages.open(FIXTURE.relative_to(jd.ROOT).as_posix())
    try:
        nbp.page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        nbp.run_all(timeout=120)
        nbp.wait_widgets_rendered()
    except Exception:
        nbp.close()
        lab_pages.discard()
        raise
    yield nbp
    nbp.close()


def _measure(lecture, width: int, height: int) -> dict:
    page = lecture.page
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(300)  # JupyterLab re-lays out on resize
    dash = lecture.dashboards()[0]
    m = lecture.dashboard(dash["id"]).evaluate(_JS_MEASURE)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"descent_{width}x{height}.png"))
    return m


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_lecture_controls_are_large_and_everything_fits_the_window(lecture, width, height):
    m = _measure(lecture, width, height)
    need = SHARE * height
    small = [(label, px) for label, px in m["fonts"] if px < need]
    print(f"{width}x{height}: controls >= {min(px for _, px in m['fonts']):.1f} px (need {need:.1f})")
    assert not small, f"control text under {need:.1f} px: {small}"
    assert not m["outside"], f"not in view without scrolling: {m['outside']}"
    assert m["canvasWidth"] > 0.5 * m["areaWidth"], "the figure does not use the window's width"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_lecture_figure_digits_are_large(lecture, width, height):
    m = _measure(lecture, width, height)
    need = SHARE * height
    text = lecture.kernel_eval(_KERNEL_SMALLEST_TEXT)
    digits = text["pt"] * text["dpi"] / 72 * m["scale"]
    print(f"{width}x{height}: figure digits {digits:.1f} px (need {need:.1f})")
    assert digits >= need, f"figure digits {digits:.1f} px < {need:.1f} px ({SHARE:.1%} of {height})"
