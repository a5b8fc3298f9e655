"""Random sequences of control changes on every dashboard (issue 15, property-based).

Hypothesis drives 1-6 changes of randomly chosen controls to random positions (on each slider's
grid, any choice of a toggle or check box), with warnings as errors (pytest's setting). After
every change:

- the browser's canvas, rebuilt from the frames sent (``Screen``, written from the message
  format), holds exactly the kernel's pixels: no frame is lost or misapplied;
- at the end of each sequence, that canvas equals a **full redraw** of the figure (matplotlib's
  own ``savefig`` of the same state, every artist drawn by zorder, no blitting): the blitted
  frames show what the figure is, no stale pixels, nothing drawn in the wrong order (a legend
  under a moving curve, a residual over its data point, a curve over the axes' frame);
- where the dashboard shows a training run, that run is the one ``lh.gradient_descent`` gives
  for the controls' values (the numbers the read-out prints come from it), and the read-out
  prints its final loss (or says it diverged).
"""

from __future__ import annotations

import html
import io
import re

import ipywidgets as widgets
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from test_dashboards import Screen

import linreg_helpers as lh
from linreg_helpers.dashboards._base import _is_slider, snap_to_slider

NAMES = list(lh.DASHBOARDS)
_BUILT: dict = {}


def _dashboard(name: str):
    """One dashboard per name for all examples (building costs ~0.3 s), with a pretend browser."""
    if name not in _BUILT:
        d = lh.DASHBOARDS[name]()
        screen = Screen()
        widget = d.figure.canvas.widget
        widget.attached = True
        widget.send = lambda content, buffers=None: screen.receive(content, buffers)
        d.figure.canvas._force_full = True
        d.update()
        _BUILT[name] = (d, screen)
    return _BUILT[name]


def _value_at(control: widgets.Widget, u: float):
    """The position ``u`` in [0, 1] of ``control``: a grid value of a slider, or one of its options."""
    if _is_slider(control):
        if isinstance(control, widgets.FloatLogSlider):
            raw = control.base ** (control.min + u * (control.max - control.min))
        else:
            raw = control.min + u * (control.max - control.min)
        return snap_to_slider(control, raw)
    if isinstance(control, widgets.Checkbox):
        return u >= 0.5
    options = [o[1] if isinstance(o, tuple) else o for o in control.options]
    return options[min(int(u * len(options)), len(options) - 1)]


def _expected_runs(name: str, d, v: dict) -> dict:
    X, y = d.X, d.y
    if name == "gradient_descent":
        return {
            "gd": lh.gradient_descent(
                X,
                y,
                learning_rate=v["learning_rate"],
                epochs=v["epochs"],
                batch_size=v["batch_size"],
                w0=v["w0"],
                b0=v["b0"],
                seed=0,
            )
        }
    if name == "batch_size":
        sizes = {"full": d.n, "mini": v["batch_size"], "sgd": 1}
        return {
            k: lh.gradient_descent(
                X, y, learning_rate=v["learning_rate"], epochs=v["epochs"], batch_size=s, seed=v["seed"]
            )
            for k, s in sizes.items()
        }
    if name == "convexity":
        return {
            "gd": lh.gradient_descent(
                X,
                y,
                loss=v["loss"],
                learning_rate=v["learning_rate"],
                epochs=v["epochs"],
                batch_size=v["batch_size"],
                w0=v["w_a"],
                b0=v["b_a"],
                seed=0,
            )
        }
    if name == "model" and v["epochs"] > 0:
        return {
            "gd": lh.gradient_descent(
                X,
                y,
                learning_rate=v["learning_rate"],
                epochs=v["epochs"],
                batch_size=v["batch_size"],
                w0=v["w"],
                b0=v["b"],
                seed=0,
            )
        }
    return {}


@pytest.mark.parametrize("name", NAMES)
def test_random_control_sequences_keep_frames_and_numbers_exact(name):
    d, screen = _dashboard(name)
    keys = [k for k in d.controls if k != "preset"]

    @settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
    @given(st.lists(st.tuples(st.sampled_from(keys), st.floats(0, 1)), min_size=1, max_size=6))
    def moves(sequence):
        for i, (key, u) in enumerate(sequence):
            d.set(**{key: _value_at(d.controls[key], u)})
            np.testing.assert_array_equal(screen.pixels, np.asarray(d.figure.canvas.get_renderer().buffer_rgba()))
            expected = _expected_runs(name, d, d.values())
            history = getattr(d, "history", None)
            shown = history if isinstance(history, dict) else {"gd": history}
            readout = html.unescape(re.sub("<[^>]+>", "", d.readout.value))
            for k, h in expected.items():
                np.testing.assert_array_equal(shown[k].losses, h.losses)
                np.testing.assert_array_equal(shown[k].weights, h.weights)
            if name == "gradient_descent":
                h = expected["gd"]
                assert (
                    (f"diverged at step {h.diverged_at}" in readout)
                    if h.diverged
                    else (f"MSE = {h.losses[-1]:.4g}" in readout)
                ), readout
            if i == len(sequence) - 1:  # (a full redraw makes the next frame a full one: once per sequence)
                full = _full_redraw(d)
                differ = (full != screen.pixels).any(axis=2)
                assert not differ.any(), (
                    f"{name}: {int(differ.sum())} pixels differ from a full redraw after {sequence}, "
                    f"rows {np.nonzero(differ)[0].min()}-{np.nonzero(differ)[0].max()}, "
                    f"columns {np.nonzero(differ)[1].min()}-{np.nonzero(differ)[1].max()}"
                )

    moves()


def _full_redraw(d) -> np.ndarray:
    """The figure drawn from scratch by matplotlib (``Dashboard.to_png``: savefig, no blitting)."""
    return np.asarray(Image.open(io.BytesIO(d.to_png())).convert("RGBA"))
