"""Accessibility checks that need no browser: colour contrast, colour blindness, the figure's
text alternative, keyboard rotation, and lecture mode's switch (issue 13 part 4, issue 14)."""

from __future__ import annotations

import os
import subprocess
import sys

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.colors import to_rgb

import linreg_helpers as lh
from linreg_helpers import style
from linreg_helpers._canvas import new_live_figure

WHITE = "#FFFFFF"
DECORATION = {"grid"}  # not information (WCAG 1.4.11 exempts it)
TEXT = {"warning"}  # read as text: 4.5:1 (WCAG 1.4.3)

# Machado, Oliveira & Fernandes (2009), deuteranopia at severity 1.0, on linear RGB.
DEUTERANOPIA = np.array(
    [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ]
)


def _linear(colour: str) -> np.ndarray:
    c = np.array(to_rgb(colour))
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour."""
    return float(_linear(colour) @ [0.2126, 0.7152, 0.0722])


def contrast(a: str, b: str) -> float:
    """WCAG 2.1's contrast ratio, 1 to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _lab(linear_rgb: np.ndarray) -> np.ndarray:
    """CIE L*a*b* (D65) of a linear-RGB colour."""
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ np.clip(linear_rgb, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def deuteranope_difference(a: str, b: str) -> float:
    """CIE76 colour difference between two colours as a deuteranope sees them."""
    return float(np.linalg.norm(_lab(DEUTERANOPIA @ _linear(a)) - _lab(DEUTERANOPIA @ _linear(b))))


def test_the_contrast_formula_matches_known_values():
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast(WHITE, WHITE) == pytest.approx(1.0)
    assert contrast("#E69F00", WHITE) == pytest.approx(2.25, abs=0.01)  # Okabe–Ito orange, the review's figure
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # the classic lightest AA grey


@pytest.mark.parametrize("role", sorted(set(style.COLORS) - DECORATION))
def test_every_line_and_marker_colour_stands_out_from_white(role):
    need = 4.5 if role in TEXT else 3.0
    assert contrast(style.COLORS[role], WHITE) >= need, f"{role} {style.COLORS[role]}"


def test_converges_and_diverges_differ_for_a_deuteranope():
    # A red/green pair (matplotlib's C2 and C3) is what a deuteranope cannot tell apart; ours can be.
    assert deuteranope_difference("C2", "C3") < 15
    assert deuteranope_difference(style.COLORS["converges"], style.COLORS["diverges"]) > 40


def test_lecture_mode_rejects_what_is_not_a_bool():
    with pytest.raises(TypeError, match="True or False"):
        lh.lecture_mode("off")
    assert style.sizes() is style.sizes(False)


def test_lecture_mode_styles_the_notebooks_figures_and_restores_them():
    before = mpl.rcParams["font.size"]
    try:
        lh.lecture_mode(True)
        assert mpl.rcParams["font.size"] > before
        assert mpl.rcParams["lines.linewidth"] >= 3
    finally:
        lh.lecture_mode(False)
    assert mpl.rcParams["font.size"] == before


def test_the_environment_variable_switches_lecture_mode_on():
    code = "from linreg_helpers import style; print(style.sizes().scale)"
    env = {**os.environ, style.LECTURE_ENV: "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert float(out.stdout) == style.sizes(True).scale
    env[style.LECTURE_ENV] = "maybe"
    bad = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert bad.returncode != 0 and "LH_LECTURE='maybe'" in bad.stderr


def test_the_figure_s_text_alternative_follows_the_read_out():
    d = lh.descent_dashboard()
    widget = d.figure.canvas.widget
    first = widget.alt
    assert first.startswith(d.title) and first.endswith(".")
    d.set(preset="diverging (just above the limit)")
    assert widget.alt != first
    assert "Warning" in widget.alt and widget.alt.count(";") >= 1


def test_arrow_keys_turn_the_3d_view():
    d = lh.gradient_explorer()
    widget = d.figure.canvas.widget
    ax = next(a for a in d.figure.axes if a.name == "3d")
    azim, elev = ax.azim, ax.elev
    widget._on_message(widget, {"type": "rotate", "azim": 5, "elev": -5}, [])
    assert (ax.azim, ax.elev) == pytest.approx((azim + 5, elev - 5))
    flat = new_live_figure((3.0, 2.0))
    flat.add_subplot()
    assert not flat.canvas.widget.rotate(5, 0)  # no 3D panel: nothing turns
