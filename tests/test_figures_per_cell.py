"""Re-running notebook cells does not pile up pyplot figures (issue 15: five Run-Alls under
``%matplotlib widget`` gave "More than 20 figures have been opened")."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

import linreg_helpers as lh
from linreg_helpers import plots

X, Y = lh.make_linear_data(20, seed=0)


@pytest.fixture
def notebook(monkeypatch):
    """A fake kernel: ``run(cell)`` makes the next plot calls part of a new run of that cell."""
    state = {"cell": None, "run": 0}
    monkeypatch.setattr(plots, "current_cell_id", lambda: state["cell"])
    monkeypatch.setattr(plots, "current_run_id", lambda: f"run-{state['run']}")
    monkeypatch.setattr(plots, "_FIGURES_BY_CELL", {})

    def run(cell: str) -> None:
        state["cell"], state["run"] = cell, state["run"] + 1

    plt.close("all")
    yield run
    plt.close("all")


def _plots_of_a_notebook():
    h = lh.gradient_descent(X, Y, learning_rate=0.01, epochs=20)
    return [
        lambda: lh.plot_fit(X, Y, 2.0, 1.0),
        lambda: lh.plot_loss_curve(h),
        lambda: lh.plot_loss_surface(X, Y),
        lambda: lh.plot_contour(X, Y, history=h),
    ]


def test_five_run_alls_keep_one_figure_per_plotting_cell(notebook):
    cells = _plots_of_a_notebook() * 2  # eight plotting cells
    for _ in range(5):  # warnings are errors: the 21st open figure would fail here
        for i, make in enumerate(cells):
            notebook(f"cell-{i}")
            make()
    assert len(plt.get_fignums()) == len(cells)


def test_a_loop_in_one_run_keeps_all_its_figures(notebook):
    notebook("loop-cell")
    for lr in np.geomspace(0.001, 0.02, 4):
        lh.plot_loss_curve(lh.gradient_descent(X, Y, learning_rate=lr, epochs=5))
    assert len(plt.get_fignums()) == 4
    notebook("loop-cell")  # run again: the four are replaced
    lh.plot_loss_curve(lh.gradient_descent(X, Y, learning_rate=0.01, epochs=5))
    assert len(plt.get_fignums()) == 1


def test_outside_a_notebook_nothing_is_closed(monkeypatch):
    monkeypatch.setattr(plots, "current_cell_id", lambda: None)
    plt.close("all")
    for _ in range(3):
        lh.plot_fit(X, Y, 2.0, 1.0)
    assert len(plt.get_fignums()) == 3
    plt.close("all")
