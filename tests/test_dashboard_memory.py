"""A dashboard can be closed, re-running its cell closes the old one, and rebuilding does not leak (issue 15)."""

from __future__ import annotations

import gc
import os
import weakref

import pytest
from ipywidgets.widgets import widget as ipywidget

import linreg_helpers as lh
from linreg_helpers.dashboards import _base


def _live_widgets() -> int:
    return len(ipywidget._instances)


def _rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


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


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="resident memory is read from /proc")
def test_thirty_reruns_of_a_dashboard_cell_grow_memory_by_at_most_15_mib(monkeypatch):
    monkeypatch.setattr(_base, "_current_cell_id", lambda: "the-cell")
    d = lh.descent_dashboard()  # warm caches (fonts, colour maps) before measuring
    d.close()
    gc.collect()
    start = _rss_mib()
    for _ in range(30):
        d = lh.descent_dashboard()
    d.close()
    del d
    gc.collect()
    grown = _rss_mib() - start
    assert grown <= 15, f"30 re-runs grew memory by {grown:.1f} MiB"
