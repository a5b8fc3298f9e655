"""'Show as code' prints a cell that runs where it is shown and gives the dashboard's numbers (issue 14).

For every preset of every dashboard (and each dashboard's starting state), the printed code is
executed in a fresh namespace (one of them in a fresh Python process): it must run on its own
(it makes its data the way the dashboard did), print round numbers, and reproduce the run the
dashboard shows. The learning rate is printed with 4 significant digits, so results agree to a
relative 1e-3 and the divergence verdict agrees exactly.
"""

from __future__ import annotations

import re
import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pytest
from dashboard_presets import preset_names

import linreg_helpers as lh

CASES = [(name, preset) for name in lh.DASHBOARDS for preset in ["", *preset_names(name)]]


def _run(code: str) -> dict:
    namespace: dict = {}
    exec(compile(code, "<Show as code>", "exec"), namespace)
    plt.close("all")
    return namespace


def _same_run(h, shown) -> None:
    assert h.diverged == shown.diverged
    assert h.losses.shape == shown.losses.shape
    np.testing.assert_array_equal(h.losses, shown.losses)
    np.testing.assert_array_equal(h.weights, shown.weights)


@pytest.mark.parametrize(("name", "preset"), CASES, ids=[f"{n}-{p or 'start'}" for n, p in CASES])
def test_printed_code_runs_alone_and_reproduces_the_dashboard(name, preset):
    d = lh.DASHBOARDS[name]()
    if preset:
        d.set(preset=preset)
    code = d.show_code()
    # round numbers: no float printed with more than 6 significant digits
    long_numbers = [m for m in re.findall(r"\d+\.\d+", code) if len(m.replace(".", "").lstrip("0")) > 6]
    assert not long_numbers, code
    ns = _run(code)
    np.testing.assert_array_equal(ns["X"], d.X)
    np.testing.assert_array_equal(ns["y"], d.y)
    if name == "batch_size":
        for key in ("full", "mini", "sgd"):
            _same_run(ns[key], d.history[key])
    elif name == "gradients":
        v = d.values()
        dw, db = lh.mse_gradient(d.X, d.y, v["w"], v["b"])
        assert (ns["dw"], ns["db"]) == (dw, db)
        assert ns["step"] == (-v["learning_rate"] * dw, -v["learning_rate"] * db)
    elif name == "model" and d.history is None:
        assert "gradient_descent" not in code
        assert lh.mse(ns["y"], ns["y_hat"]) == pytest.approx(
            float(np.mean((d.values()["w"] * d.X + d.values()["b"] - d.y) ** 2))
        )
    else:
        _same_run(ns["h"], d.history)


def test_printed_code_runs_in_a_fresh_python():
    d = lh.descent_dashboard(preset="diverging (just above the limit)")
    code = d.show_code() + "\nprint(h.diverged, h.diverged_at)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["True", str(d.history.diverged_at)]


def test_printed_code_names_a_loaded_data_set():
    cars = lh.load_dataset("cars")
    d = lh.descent_dashboard(cars, epochs=50)
    code = d.show_code()
    assert 'lh.load_dataset("cars")' in code or "lh.load_dataset('cars')" in code
    _same_run(_run(code)["h"], d.history)
