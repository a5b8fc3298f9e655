"""Every dashboard in ``lh.DASHBOARDS``, live in JupyterLab, driven with the keyboard.

A fixture notebook (``artifacts/browser/fixtures/dashboards.ipynb``, written at
run time) shows one dashboard per cell, bound to ``dash_<name>``, so each move
can be checked against the kernel: the learner presses keys on the
learning-rate and batch-size sliders; the slider shows the new value, the
kernel's control has it, the figure's pixels change, and the read-out under
the figure is the kernel's current one (not a stale one).

A screenshot of each dashboard at its starting values goes to
``artifacts/browser/dashboards/``; with ``LH_UPDATE_GALLERY=1`` the README
gallery in ``docs/gallery/`` is rewritten from them (small palette PNGs).

Accessibility, on the same page (one notebook of every dashboard serves both): axe-core
(bundled with ``axe-playwright-python``: no network) runs over the dashboards' own elements
only (``.lh-dashboard``, the class :class:`~linreg_helpers.dashboards._base.Dashboard` adds to
its box); JupyterLab's chrome (menus, side bars, the notebook's cells and toolbar) is excluded:
it is not ours to fix. Serious and critical violations fail (:mod:`axe_check`). Then, on the
gradient-descent dashboard, with a screen reader's eyes: the live figure is ``role="img"`` with a
text alternative, which changes when a slider key changes the figure; the log-scale
learning-rate slider announces the value it shows (aria-valuetext), not its exponent; the
read-out's sentence is in a polite live region.
"""

from __future__ import annotations

import os
import time

import jupyterlab_driver as jd
import pytest
from axe_check import serious_violations

import linreg_helpers as lh

pytestmark = pytest.mark.browser

NAMES = list(lh.DASHBOARDS)
FIXTURE = jd.ARTIFACTS / "fixtures" / "dashboards.ipynb"
GALLERY = jd.ROOT / "docs" / "gallery"
GALLERY_NAMES = tuple(NAMES)  # the README shows every dashboard
GALLERY_MAX_BYTES = 150_000

_KERNEL_VIEW = """
import html as _html, json as _json, re as _re
_d = dash_{name}
_v = {{k: v for k, v in _d.values().items() if isinstance(v, (bool, int, float, str))}}
print(_json.dumps({{"values": _v, "frames": _d.frames,
    "readout": _html.unescape(_re.sub("<[^>]+>", "", _d.readout.value))}}))
"""


def _norm(text: str) -> str:
    return " ".join(text.split())


def _number(text: str) -> float:
    return float(text.replace("−", "-"))


class DashboardsNotebook:
    def __init__(self, pages) -> None:
        cells = ["%matplotlib widget\nimport linreg_helpers as lh"]
        cells += [f"dash_{name} = lh.DASHBOARDS[{name!r}]()\ndash_{name}" for name in NAMES]
        jd.write_notebook(FIXTURE, cells)
        self.nbp = pages.open(FIXTURE.relative_to(jd.ROOT).as_posix())
        try:
            self.nbp.run_all(timeout=240)
        except Exception:
            self.nbp.close()
            pages.discard()
            raise
        self.nbp.wait_widgets_rendered()
        by_cell = {d["cellIndex"]: d for d in self.nbp.dashboards()}
        self.by_name = {name: by_cell.get(i + 1) for i, name in enumerate(NAMES)}

    def dash(self, name: str) -> dict:
        dash = self.by_name[name]
        if dash is None:
            pytest.fail(f"lh.DASHBOARDS[{name!r}]() shows no dashboard (no sliders with a figure)", pytrace=False)
        return dash

    def kernel(self, name: str) -> dict:
        return self.nbp.kernel_eval(_KERNEL_VIEW.format(name=name))

    def fail(self, name: str, problems: list[str], what: str) -> None:
        shot = jd.ARTIFACTS / "dashboards" / f"{name}__failure_{what.replace(' ', '_')}.png"
        try:
            self.nbp.screenshot_dashboard(self.by_name[name]["id"], shot)
            where = f"\n(screenshot: {shot.relative_to(jd.ROOT)})"
        except Exception:
            where = ""
        pytest.fail(f"dashboard {name!r}: {what}:\n- " + "\n- ".join(problems) + where, pytrace=False)


@pytest.fixture(scope="module")
def dashboards(lab_pages, lab_server, artifacts_dir):
    nb = DashboardsNotebook(lab_pages)
    yield nb
    nb.nbp.close()
    lab_server.shutdown_kernels()


def test_fixture_notebook_runs_clean(dashboards):
    nbp = dashboards.nbp
    problems = jd.output_problems(nbp) + jd.figure_problems(nbp) + jd.console_problems(nbp)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_dashboard_renders(dashboards, name):
    dash = dashboards.dash(name)
    problems = jd.dashboard_problems(dashboards.nbp, dash)
    shot = dashboards.nbp.screenshot_dashboard(dash["id"], jd.ARTIFACTS / "dashboards" / f"{name}.png")
    if os.environ.get("LH_UPDATE_GALLERY") and name in GALLERY_NAMES and not problems:
        size = jd.save_small_png(shot, GALLERY / f"{name}.png")
        assert size < GALLERY_MAX_BYTES, f"gallery image {name}.png is {size} bytes"
    if problems:
        dashboards.fail(name, problems, "not shown properly")


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


def test_axe_finds_no_serious_violation_in_any_dashboard(dashboards):
    """Before any slider moves: every dashboard at its starting values."""
    from axe_playwright_python.sync_playwright import Axe

    page = dashboards.nbp.page
    found = page.evaluate("() => document.querySelectorAll('.lh-dashboard').length")
    assert found == len(NAMES), f"{found} dashboards on the page, expected {len(NAMES)}"
    results = Axe().run(page, context={"include": [[".lh-dashboard"]]}).response
    every = [f"{v['id']} ({v['impact']}): {len(v['nodes'])} node(s)" for v in results["violations"]]
    print("axe-core on the dashboards:", every or "no violations")
    problems = serious_violations(results)
    assert not problems, "axe-core, on the dashboards only:\n" + "\n".join(problems)


def test_the_figure_is_an_image_with_a_live_text_alternative(dashboards):
    nbp = dashboards.nbp
    dash = dashboards.dash("gradient_descent")
    root = nbp.dashboard(dash["id"])
    before = root.evaluate(_JS_FIGURE_A11Y)
    assert before["role"] == "img" and before["tabIndex"] == 0
    assert before["label"].startswith("Gradient descent")
    assert before["live"][0] == "polite" and before["live"][1] in before["label"]
    # the log slider says what it shows (0.00691), not the exponent behind it (-2.16)
    assert before["valuetext"] == before["shown"] and before["valuetext"] != before["valuenow"]
    nbp.move_slider(dash["id"], "learning", "ArrowRight")
    nbp.page.wait_for_function(
        "([r, old]) => r.querySelector('.lh-figure canvas').getAttribute('aria-label') !== old",
        arg=[root.element_handle(), before["label"]],
        timeout=15_000,
    )
    after = root.evaluate(_JS_FIGURE_A11Y)
    assert after["valuetext"] == after["shown"] != before["shown"]
    assert after["live"][1] in after["label"]


def _check_moves(dashboards, name: str, label: str, control: str, keys) -> None:
    dash = dashboards.dash(name)
    nbp = dashboards.nbp
    state = nbp.dashboard_state(dash["id"])
    if not (state["canvas"] and state["canvas"]["width"]):
        dashboards.fail(name, ["the figure is not shown, so it cannot change"], f"{control} keys")
    slider = nbp.slider(dash["id"], label)
    assert slider.count() == 1, f"{name}: no slider whose label matches {label!r}"
    problems = []
    for key in keys(nbp.slider_info(slider)):
        frames0 = dashboards.kernel(name)["frames"]
        move = nbp.move_slider(dash["id"], label, key)
        what = f"{key} on {move['label']!r} ({move['before'].readout} → {move['after'].readout})"
        if move["after"].readout == move["before"].readout:
            problems.append(f"{what}: the slider did not move")
            continue
        small_step = control == "learning_rate" and key.startswith("Arrow")  # may not move a converged path
        if not move["painted"]:  # no frame: right only if the kernel's pixels did not change either
            shown, kernel = _screen_matches_kernel(dashboards, name)
            if shown != kernel:
                problems.append(f"{what}: no new frame reached the figure (canvas {shown}, kernel {kernel})")
            elif not small_step:
                problems.append(f"{what}: the figure did not change")
        elif not move["pixels_changed"] and not small_step:
            problems.append(f"{what}: the figure's pixels did not change")
        problems += [f"{what}: {p}" for p in jd.readout_value_problems(move)]
        # The kernel got the new value, drew a frame, and the page shows its current read-out.
        deadline = time.monotonic() + 5
        while True:
            k = dashboards.kernel(name)
            shown = _norm(nbp.dashboard_state(dash["id"])["readout"])
            if shown == _norm(k["readout"]) or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        value = k["values"][control]
        if abs(value - _number(move["after"].readout)) > 0.006 * abs(value):
            problems.append(f"{what}: the kernel's {control} is {value!r}, the slider shows {move['after'].readout}")
        if k["frames"] <= frames0:
            problems.append(f"{what}: the kernel drew no new frame")
        if shown != _norm(k["readout"]):
            problems.append(f"{what}: the read-out shows {shown!r}, the kernel's is {_norm(k['readout'])!r}")
    if problems:
        dashboards.fail(name, problems, f"{control} keys")


def _lr_keys(s: jd.Slider) -> list[str]:
    # A learner's moves: a big step down, a big step up, one small step.
    if s.value_now is not None and s.min is not None and s.value_now - s.min < 0.2:
        return ["PageUp", "PageDown", "ArrowRight"]
    return ["PageDown", "PageUp", "ArrowLeft"]


def _batch_keys(s: jd.Slider) -> list[str]:
    # One step in from wherever it starts, then to batch size 1 (SGD) and back to the largest.
    first = "ArrowRight" if s.value_now is not None and s.value_now <= (s.min or 1) else "ArrowLeft"
    return [first, "Home", "End"]


@pytest.mark.parametrize("name", NAMES)
def test_learning_rate_keys_change_the_figure(dashboards, name):
    _check_moves(dashboards, name, jd.LR_LABEL, "learning_rate", _lr_keys)


@pytest.mark.parametrize("name", NAMES)
def test_batch_size_keys_change_the_figure(dashboards, name):
    _check_moves(dashboards, name, jd.BATCH_LABEL, "batch_size", _batch_keys)


def _screen_matches_kernel(dashboards, name: str, timeout: float = 5.0) -> tuple[dict, dict]:
    """The canvas's checksum and the kernel's, once they agree (or the last pair after ``timeout``)."""
    nbp = dashboards.nbp
    deadline = time.monotonic() + timeout
    while True:
        nbp.wait_kernel_idle(settle=0.2)
        shown = nbp.canvas_crc(dashboards.dash(name)["id"])
        kernel = nbp.kernel_pixels_crc(f"dash_{name}")
        if shown == kernel or time.monotonic() > deadline:
            return shown, kernel
        time.sleep(0.2)


@pytest.mark.parametrize("name", NAMES)
def test_canvas_shows_exactly_the_kernels_pixels(dashboards, name):
    """After the slider moves above, every pixel on the page is the kernel's: no frame lost or misapplied."""
    dash = dashboards.dash(name)
    nbp = dashboards.nbp
    for key in ("PageDown", "ArrowRight"):  # a big change and a small one, then compare
        nbp.move_slider(dash["id"], jd.LR_LABEL, key)
    shown, kernel = _screen_matches_kernel(dashboards, name)
    if shown != kernel:
        dashboards.fail(name, [f"canvas {shown}, kernel {kernel}"], "canvas differs from the kernel's pixels")


def _settled_in_view(page, locator, timeout: float = 15.0) -> dict:
    """Scroll ``locator`` into view until it stays put inside the viewport; its bounding box.

    Cells above it may still be getting rendered (JupyterLab renders placeholders in idle time) and change
    height: run alone, this test's drag once began 2,200 px above the window, where no canvas took it.
    """
    deadline = time.monotonic() + timeout
    box = None
    while time.monotonic() < deadline:
        locator.scroll_into_view_if_needed()
        page.wait_for_timeout(250)
        again = locator.bounding_box()
        height = page.viewport_size["height"]
        if again is not None and again == box and 0 <= again["y"] and again["y"] + again["height"] <= height:
            return again
        box = again
    raise AssertionError(f"the canvas did not settle inside the window: last box {box}")


def test_dragging_the_3d_surface_rotates_it(dashboards):
    """A learner drags the loss surface with the mouse: matplotlib rotates it and the page shows the new view."""
    name = "gradient_descent"
    dash = dashboards.dash(name)
    nbp = dashboards.nbp
    info = nbp.kernel_eval(
        f"import json\n_ax = [a for a in dash_{name}.figure.axes if a.name == '3d'][0]\n"
        f"_h = dash_{name}.figure.bbox.height\n"
        "print(json.dumps({'azim': _ax.azim, 'elev': _ax.elev, 'box': list(_ax.bbox.bounds), 'h': _h}))"
    )
    canvas = nbp.dashboard(dash["id"]).locator(".lh-figure canvas")
    rect = _settled_in_view(nbp.page, canvas)
    x0, y0, w, h = info["box"]  # matplotlib pixels, from the bottom left
    cx, cy = rect["x"] + x0 + w / 2, rect["y"] + info["h"] - (y0 + h / 2)
    before = nbp.canvas_crc(dash["id"])
    nbp.page.mouse.move(cx, cy)
    nbp.page.mouse.down()
    for i in range(1, 9):
        nbp.page.mouse.move(cx + 8 * i, cy + 2 * i)
        nbp.page.wait_for_timeout(30)
    nbp.page.mouse.up()
    nbp.wait_kernel_idle(settle=0.3)
    after_view = nbp.kernel_eval(
        f"import json\n_ax = [a for a in dash_{name}.figure.axes if a.name == '3d'][0]\n"
        "print(json.dumps({'azim': _ax.azim, 'elev': _ax.elev}))"
    )
    assert after_view["azim"] != info["azim"], "dragging the surface did not rotate it"
    shown, kernel = _screen_matches_kernel(dashboards, name)
    assert shown != before, "the page still shows the surface as it was before the drag"
    assert shown == kernel, f"after the drag the canvas shows {shown}, the kernel has {kernel}"


_PRESET_VIEW = """
import html as _html, json as _json, re as _re
from linreg_helpers.dashboards._base import check_control_value as _check, same_slider_value as _same
_d = dash_{name}
_p = {preset!r}
_exp = {{k: _check(_d.controls[k], k, v) for k, v in _d._presets[_p].items()}}
_h = getattr(_d, "history", None)
print(_json.dumps({{
    "menu": _d.controls["preset"].value,
    "values": {{k: _d.controls[k].value for k in _exp}},
    "expected": _exp,
    "same": {{k: _same(_d.controls[k], _d.controls[k].value, v) for k, v in _exp.items()}},
    "diverged": bool(getattr(_h, "diverged", False)),
    "ratio": _d.controls["learning_rate"].value / _d.lr_max if hasattr(_d, "lr_max") else None,
    "readout": _html.unescape(_re.sub("<[^>]+>", "", _d.readout.value)),
}}))
"""


@pytest.mark.parametrize("name", NAMES)
def test_every_preset_lands_exactly_in_the_browser(dashboards, name):
    """Issue 14: a teacher picks each demonstration from the menu; the browser's slider snapping must
    not change it: the kernel holds exactly the preset's values (on the sliders' grid), the menu
    still shows the preset, and the read-out shows the named behaviour."""
    dash = dashboards.dash(name)
    nbp = dashboards.nbp
    presets = nbp.kernel_eval(f"import json\nprint(json.dumps(list(dash_{name}._presets)))")
    menu = nbp.dashboard(dash["id"]).locator(".widget-dropdown select")
    assert menu.count() == 1, f"{name}: no preset menu"
    problems = []
    for preset in presets:
        menu.select_option(label=preset)
        nbp.wait_kernel_idle(settle=0.4)  # the sliders' snapped values come back in this time
        k = nbp.kernel_eval(_PRESET_VIEW.format(name=name, preset=preset))
        shown = menu.evaluate("s => s.options[s.selectedIndex].text").replace("\xa0", " ")
        if k["menu"] != preset or shown != preset:
            problems.append(f"{preset!r}: the menu went back to {shown!r} (kernel: {k['menu']!r})")
        # equal up to the front end's round-off (a millionth of a step), i.e. the same slider position
        changed = {key: (v, k["expected"][key]) for key, v in k["values"].items() if not k["same"][key]}
        if changed:
            problems.append(f"{preset!r}: controls differ from the preset (kernel, preset): {changed}")
        says_diverged = "diverged" in k["readout"]
        if "diverg" in preset and not (k["diverged"] and says_diverged):
            problems.append(f"{preset!r}: not flagged as diverged: {k['readout']!r}")
        if "diverg" not in preset and k["diverged"]:
            problems.append(f"{preset!r}: diverged although the preset does not say so: {k['readout']!r}")
        if "just below the limit" in preset and not 0.9 <= k["ratio"] < 1.0:
            problems.append(f"{preset!r}: η = {k['ratio']:.3f} × η_max")
        if "crawl" in preset and "0.00 ×" in k["readout"]:
            problems.append(f"{preset!r}: the read-out rounds the crawl to 0: {k['readout']!r}")
    if problems:
        dashboards.fail(name, problems, "presets changed in the browser")


def test_a_key_press_back_to_a_value_after_set_is_drawn(dashboards):
    """A learner presses → on the learning rate; the teacher's next cell calls ``set`` (the guide's
    demonstrations) and puts the rate back; the learner presses → again. That press is drawn. The kernel once
    took it for the browser's echo of a value Python had set: it drew nothing and kept the old rate while the
    slider showed the new one."""
    name = "gradient_descent"
    dash = dashboards.dash(name)
    nbp = dashboards.nbp
    start = dashboards.kernel(name)["values"]["learning_rate"]
    first = nbp.move_slider(dash["id"], jd.LR_LABEL, "ArrowRight")
    nbp.wait_kernel_idle(settle=0.4)
    mine = dashboards.kernel(name)["values"]["learning_rate"]
    assert mine != start, f"→ did not move the learning rate ({first['before'].readout} → {first['after'].readout})"
    nbp.kernel_eval(f"dash_{name}.set(learning_rate={start!r})\nprint('null')")
    nbp.wait_kernel_idle(settle=0.4)  # the slider's snapped value comes back in this time
    frames = dashboards.kernel(name)["frames"]
    again = nbp.move_slider(dash["id"], jd.LR_LABEL, "ArrowRight")
    assert again["after"].readout == first["after"].readout, (first["after"].readout, again["after"].readout)
    deadline = time.monotonic() + 5
    while (k := dashboards.kernel(name))["frames"] <= frames and time.monotonic() < deadline:
        time.sleep(0.1)
    problems = []
    if k["frames"] <= frames:
        problems.append("the kernel drew no frame for the second →")
    if k["values"]["learning_rate"] != mine:
        problems.append(f"the kernel's rate is {k['values']['learning_rate']}, the slider shows {mine}")
    if problems:
        dashboards.fail(name, problems, "a move back after set")
