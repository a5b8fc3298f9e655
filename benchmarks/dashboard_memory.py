"""``dashboard_rebuild_leak_mib``: resident memory a dashboard cell's 30 re-runs leave behind (issue 15).

A notebook cell that builds a dashboard is run 30 times in one kernel (as a learner re-running it
would); each run replaces, and so closes, the dashboard the cell showed before. The growth of the
process's resident memory after the runs, per dashboard, is the leak (target: at most 15 MiB).
Before closing existing, the same measurement gave 150-240 MiB.

Run alone: ``python benchmarks/dashboard_memory.py``.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import linreg_helpers as lh
from linreg_helpers.dashboards import _base

RERUNS = 30


def _rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def rebuild_leak_mib(builder, reruns: int = RERUNS) -> float:
    """Growth of resident memory (MiB) after ``reruns`` re-runs of one cell that shows ``builder()``."""
    real = _base._current_cell_id
    _base._current_cell_id = lambda: "benchmark-cell"
    try:
        for _ in range(3):  # warm up first: one-time allocations (fonts, colour maps, numpy's pools)
            builder().close()
        gc.collect()
        start = _rss_mib()
        for _ in range(reruns):
            dash = builder()
        dash.close()
        del dash
        gc.collect()
        return _rss_mib() - start
    finally:
        _base._current_cell_id = real


def measure(quick: bool = False) -> dict:
    reruns = 10 if quick else RERUNS
    # The process's one-time costs are not a dashboard's leak: matplotlib's bounded caches (text
    # layout, font lookups) fill during the first few dozen builds (model: ~16 MiB in its first
    # 30 re-runs, 0.0 in each further 30), so every dashboard is built 10 times first.
    for builder in lh.DASHBOARDS.values():
        for _ in range(10):
            builder().close()
    return {"dashboard_rebuild_leak_mib": {n: round(rebuild_leak_mib(b, reruns), 1) for n, b in lh.DASHBOARDS.items()}}


if __name__ == "__main__":
    for name, mib in measure()["dashboard_rebuild_leak_mib"].items():
        print(f"{name:20s} {mib:6.1f} MiB after {RERUNS} re-runs of its cell (target <= 15)")
