"""Notebook 04 as a live slideshow (jupyterlab-rise): the dashboard slide runs and redraws on a key press.

Opens ``/rise/notebooks/04_gradient_descent.ipynb`` (what JupyterLab's "Render as slides" shows),
runs the setup slide's cell and the dashboard's cell where they are shown (Ctrl+Enter, as a
lecturer would), goes to the dashboard's slide (found from the slide metadata that
``tools/build_notebooks.py`` wrote), presses → on the learning-rate slider and waits for new pixels.

Why the dashboard was not live on a slide, and the fix (2026-11). jupyterlab-rise 0.43.1 (the newest
release) shows slides in its own web application (``jupyterlab_rise/static``), also inside JupyterLab's
"Render as slides" panel (an iframe of the same page). That application was built with JupyterLab
4.3's packages and puts no ``@jupyterlab/console`` in webpack's share scope. The widget manager of
ipywidgets 8 (``@jupyter-widgets/jupyterlab-manager``, jupyterlab_widgets 3.0.x) consumes that package
as a shared singleton it does not bundle (``import: false``; its plugin takes ``IConsoleTracker`` as an
*optional* token, nothing more), so its plugin module fails to load ("Shared module
@jupyterlab/console doesn't exist in shared scope default"); with no widget registry, anywidget's and
ipympl's plugins fail to activate ("No provider for: jupyter.extensions.jupyterWidgetRegistry") and an
output holding a widget shows its static ``image/png``. (ipywidgets 7's manager did not consume the
console package, which is why upstream reports it working there: jupyterlab-contrib/rise#119, #126.)

The fix ships without a build: ``share/jupyter/labextensions/linreg-helpers-console-stand-in`` (installed
with the package) is a hand-written module-federation container. Every page (JupyterLab's and RISE's)
calls its ``init(shareScope)``; where the share scope has no ``@jupyterlab/console`` it adds a stand-in
module whose ``IConsoleTracker`` is a token nobody provides, so the widget manager loads and the
dashboard is live. Where JupyterLab provides the package it does nothing. And reveal.js turns the slide
on the arrow keys (jupyterlab-rise leaves them bound): the figure's front end (``_figure.js``) stops a
key that moves a slider from reaching the slideshow, so → moves the slider, not the slide.
"""

from __future__ import annotations

import time

import jupyterlab_driver as jd
import nbformat
import pytest

pytestmark = pytest.mark.browser

PATH = "notebooks/04_gradient_descent.ipynb"
SHOTS = jd.ARTIFACTS / "slides"


# The outermost widget box on the current slide with a slider and a live canvas: tag it for the driver's helpers.
_JS_TAG_DASHBOARD = """
() => {
  const boxes = Array.from(document.querySelectorAll('section.present .jp-OutputArea-output .widget-vbox'));
  const root = boxes.find(b => !b.parentElement.closest('.widget-vbox') && b.querySelector('.widget-slider')
                               && b.querySelector(':is(.jupyter-matplotlib, .lh-figure) canvas'));
  if (root) root.setAttribute('data-lh-dashboard', 'slide-dash');
  return !!root;
}
"""


def _slide_of(nb: nbformat.NotebookNode, found) -> tuple[int, int]:
    """Reveal's (horizontal, vertical) index of the first shown cell for which ``found(cell)`` holds."""
    h, v = -1, 0
    for cell in nb.cells:
        kind = cell.metadata["slideshow"]["slide_type"]
        if kind == "skip":
            continue
        if kind == "slide":
            h, v = h + 1, 0
        elif kind == "subslide":
            v += 1
        if found(cell):
            return h, v
    raise AssertionError(f"{PATH}: no such cell")


def _run_cell_on_slide(page, hv: tuple[int, int], text: str) -> None:
    page.evaluate("hash => { location.hash = hash; }", f"#/slide-{hv[0]}-{hv[1]}")
    cell = page.locator("section.present .jp-CodeCell").filter(has_text=text).first
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Control+Enter")


def test_the_dashboard_slide_is_live(lab_server, chromium):
    nb = nbformat.read(jd.ROOT / PATH, as_version=4)
    setup = _slide_of(nb, lambda c: c.cell_type == "code" and "%matplotlib widget" in c.source)
    dash = _slide_of(nb, lambda c: "dashboard" in c.metadata.get("tags", []))

    page = jd.new_page(chromium, {"width": 1280, "height": 720})
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    try:
        page.goto(lab_server.url(f"/rise/{PATH}"), wait_until="domcontentloaded")
        page.wait_for_selector(".reveal .slides > section", timeout=90_000)
        sections = page.locator(".reveal .slides > section").count()
        assert sections == sum(c.metadata["slideshow"]["slide_type"] == "slide" for c in nb.cells)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "04_title.png"))

        _run_cell_on_slide(page, setup, "%matplotlib widget")
        page.wait_for_selector("section.present .jp-CodeCell .jp-InputPrompt:has-text('[1]')", timeout=90_000)
        _run_cell_on_slide(page, dash, "lh.descent_dashboard()")
        page.wait_for_selector("section.present .jp-CodeCell .jp-InputPrompt:has-text('[2]')", timeout=90_000)
        shown = page.locator("section.present .jp-CodeCell .jp-OutputArea-output").first
        shown.wait_for(timeout=60_000)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "04_dashboard_slide.png"))
        try:
            page.wait_for_function(_JS_TAG_DASHBOARD, timeout=30_000)
        except Exception as exc:
            raise AssertionError(
                "no live dashboard on the slide: is share/jupyter/labextensions/linreg-helpers-console-stand-in "
                "installed (pip install -e . again)? The page's console:\n" + "\n".join(console[-20:])
            ) from exc
        nbp = jd.NotebookPage(page, lab_server, PATH)
        page.wait_for_function(
            "() => { const c = document.querySelector("
            "'[data-lh-dashboard=slide-dash] :is(.jupyter-matplotlib, .lh-figure) canvas');"
            " return c && c.width > 0 && (c.__lhPaints || 0) > 0; }",
            timeout=60_000,
        )
        time.sleep(0.5)  # let the first frame's burst finish
        before = nbp.canvas_hash("slide-dash")
        slider = nbp.slider("slide-dash", "learning rate")
        readout = nbp.slider_info(slider).readout
        nbp.press_on_slider(slider, "ArrowRight")
        page.wait_for_function(
            "(hash) => { const r = document.querySelector('[data-lh-dashboard=slide-dash]');"
            " return r && (" + jd._JS_CANVAS_HASH + ")(r) !== hash; }",
            arg=before,
            timeout=30_000,
        )
        assert nbp.slider_info(slider).readout != readout
        assert page.evaluate("() => location.hash") == f"#/slide-{dash[0]}-{dash[1]}", "the key moved the slide"
        page.screenshot(path=str(SHOTS / "04_dashboard_moved.png"))
    except Exception:
        page.screenshot(path=str(SHOTS / "04_failure.png"))
        raise
    finally:
        page.context.close()
