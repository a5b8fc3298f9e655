"""Where the live figure's front end is missing, a dashboard shows its picture and what to install.

The browser side (a JupyterLab with anywidget's extension disabled, and the normal case where
the stand-in stays hidden) is in ``tests/browser/test_where_it_runs.py``; this checks the kernel side.
"""

from __future__ import annotations

import base64
import re

import anywidget
import pytest

import linreg_helpers as lh
from linreg_helpers import _canvas


@pytest.mark.parametrize("name", list(lh.DASHBOARDS))
def test_every_dashboard_carries_a_hidden_stand_in_before_its_figure(name):
    dash = lh.DASHBOARDS[name]()
    children = list(dash.children)
    fallback = dash._fallback
    assert _canvas.FALLBACK_CLASS in fallback._dom_classes
    assert children.index(fallback) == children.index(dash.figure.canvas.widget) - 1
    bundle = dash._repr_mimebundle_()
    html = fallback.value
    png = re.search(r"src='data:image/png;base64,([^']+)'", html).group(1)
    assert base64.b64decode(png).startswith(b"\x89PNG"), "the stand-in's picture is not a PNG"
    assert png == bundle["image/png"], "the stand-in shows another picture than the static output"
    assert re.search(r"alt='[^']+'", html), "the picture needs a text alternative"


def test_the_sentence_names_the_front_end_version_the_kernel_needs():
    html = _canvas.fallback_html(b"\x89PNG")
    major_minor = ".".join(anywidget.__version__.split(".")[:2])
    assert f'pip install "anywidget=={major_minor}.*"' in html
    assert "reload" in html


def test_the_figure_css_hides_the_stand_in_only_where_the_front_end_loads():
    """anywidget injects the widget's CSS only when its front end runs our module: that CSS hides the stand-in."""
    pattern = r"\." + re.escape(_canvas.FALLBACK_CLASS) + r"\s*\{([^}]*)\}"
    rule = re.search(pattern, _canvas.FigureWidget._css)
    assert rule and "display: none" in rule.group(1)
    # A working page never shows it, even before that CSS arrives: it stays collapsed for a moment first.
    assert f"{_canvas.FALLBACK_DELAY_S:g}s both" in _canvas.fallback_html(b"")
