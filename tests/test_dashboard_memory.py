"""A dashboard can be closed, re-running its cell closes the old one, and rebuilding does not leak (issue 15)."""

from __future__ import annotations

import gc
import tracemalloc
import weakref

import pytest
from ipywidgets.widgets import widget as ipywidget

import linreg_helpers as lh
from linreg_helpers.dashboards import _base


def _live_widgets() -> int:
    return len(ipywidget._instances)


@pytest.mark.parametrize("name", list(lh.DASHBOARDS))
def test_close_releases_widgets_figure_and_dashboard(name):
    gc.collect()
    before = _live_widgets()
    d = lh.DASHBOARDS[name]()
    assert _live_widgets() > before + 10  # controls, boxes, layouts, the figure's widget ...
    dash, figure = weakref.ref(d), weakref.ref(d.figure)
    d.close()
    d.close()  # twice is harmless
    assert d.closed and _live_widgets() == before
    d.update()  # a late frame of a closed dashboard does nothing
    with pytest.raises(RuntimeError, match="closed"):
        d.set(epochs=3)
    del d
    gc.collect()
    assert dash() is None and figure() is None


def test_running_a_cell_again_closes_the_dashboard_it_showed(monkeypatch):
    cell = {"id": "cell-a"}
    monkeypatch.setattr(_base, "_current_cell_id", lambda: cell["id"])
    first = lh.descent_dashboard()
    second = lh.descent_dashboard()  # the same cell, run again
    assert first.closed and not second.closed
    cell["id"] = "cell-b"
    other = lh.model_explorer()  # another cell: the dashboard above stays
    assert not second.closed and not other.closed
    second.close(), other.close()


def test_reruns_of_a_dashboard_cell_leave_at_most_half_a_mib_each(monkeypatch):
    """Python-allocated memory (tracemalloc: objects and numpy arrays) left after 4 re-runs: at most
    2 MiB, the issue's 15 MiB for 30 (without closing: about 5 MiB each, 20 MiB).

    tracemalloc, not the process's resident size: in the middle of the whole suite the resident
    size also moves with the allocator's fragmentation and with other tests' garbage.
    ``benchmarks/dashboard_memory.py`` measures the resident size on its own (``make bench``).
    """
    monkeypatch.setattr(_base, "_current_cell_id", lambda: "the-cell")
    for _ in range(3):  # warm up: matplotlib's bounded caches fill in the first builds
        lh.descent_dashboard()
    gc.collect()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        for _ in range(4):  # tracemalloc slows each build several-fold: 4 re-runs, not 30
            d = lh.descent_dashboard()
        d.close()
        del d
        gc.collect()
        grown = (tracemalloc.get_traced_memory()[0] - start) / 2**20
    finally:
        tracemalloc.stop()
    assert grown <= 2, f"4 re-runs left {grown:.1f} MiB allocated"
