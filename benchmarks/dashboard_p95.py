"""The slow tail of dashboard moves: ``dashboard_p95_ms``, the p95 over seeded sweeps of random control moves.

``dashboard_update_ms`` is a median over learning-rate moves, which are all blits. A learner also
changes the epochs, the loss, the outliers, a toggle: moves that may redraw a panel or the whole
figure. Here every dashboard in ``lh.DASHBOARDS`` gets ``moves`` random moves (a random control, other
than the preset menu, set to a random other value it can show), each timed as ``dashboard_update_ms``
is: from setting the control's value to the finished frame sent to a (pretend) browser.

A p95 is the fifth-slowest of 100 moves, so one busy second on a shared machine moves it: each
dashboard gets ``SWEEPS`` sweeps (seeds 0, 1, 2: other moves, each on a new dashboard), and
``dashboard_p95_ms`` is the median of their p95s (all three in ``dashboard_p95_runs_ms``). The same
moves timed in this thread's CPU time (``time.thread_time``: the work, without waiting for other
processes) give ``dashboard_p95_cpu_ms``.

Run alone: ``python benchmarks/dashboard_p95.py [--moves 100]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import ipywidgets as widgets
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import linreg_helpers as lh  # noqa: E402

MOVES = 100
"""Random moves per dashboard and sweep (the p95 of 100 is the fifth-slowest)."""
SWEEPS = 3
"""Sweeps per dashboard, with seeds 0, 1, 2; ``dashboard_p95_ms`` is the median of their p95s."""


def capture_frames(dash) -> list:
    """Make the figure behave as with a browser attached (full frame first), recording each frame sent."""
    widget = dash.figure.canvas.widget
    widget.attached = True  # what the front end's "ready" message does
    dash.figure.canvas._force_full = True
    sent: list[int] = []
    widget.send = lambda content, buffers=None: sent.append(sum(len(b) for b in buffers or []))
    dash.update()
    return sent


def random_value(control: widgets.Widget, rng: np.random.Generator):
    """A value ``control`` can show (on a slider's grid), other than its current one; None if it has none."""
    if isinstance(control, widgets.Checkbox):
        return not control.value
    if isinstance(control, (widgets.ToggleButtons, widgets.Dropdown)):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        others = [o for o in options if o != control.value]
        return others[rng.integers(len(others))] if others else None
    if isinstance(control, (widgets.IntSlider, widgets.FloatSlider, widgets.FloatLogSlider)):
        steps = round((control.max - control.min) / control.step)
        if steps < 1:
            return None
        for _ in range(20):
            k = int(rng.integers(steps + 1))
            value = control.min + k * control.step
            if isinstance(control, widgets.IntSlider):
                value = int(value)
            elif isinstance(control, widgets.FloatLogSlider):
                value = float(control.base ** round(value, 10))
            else:
                value = round(float(value), 10)
            if value != control.value:
                return value
    return None


def sweep(builder, moves: int = MOVES, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Milliseconds of ``moves`` random control moves on a new dashboard from ``builder`` (seeded): wall-clock
    time and this thread's CPU time, move by move."""
    rng = np.random.default_rng(seed)
    dash = builder()
    try:
        capture_frames(dash)
        keys = [k for k in dash.controls if k != "preset"]
        wall, cpu = [], []
        while len(wall) < moves:
            key = keys[rng.integers(len(keys))]
            control = dash.controls[key]
            value = random_value(control, rng)
            if value is None:
                continue
            t0, c0 = time.perf_counter(), time.thread_time()
            control.value = value  # compute, draw, encode and send: all done when this returns
            cpu.append(time.thread_time() - c0)
            wall.append(time.perf_counter() - t0)
        return 1e3 * np.array(wall), 1e3 * np.array(cpu)
    finally:
        dash.close()


def measure(quick: bool = False, moves: int | None = None, sweeps: int | None = None) -> dict:
    """``dashboard_p95_ms`` (median over the sweeps of each sweep's p95), ``dashboard_p95_runs_ms`` (every
    sweep's p95) and ``dashboard_p95_cpu_ms`` (the same median in CPU time), by dashboard."""
    moves = moves or (MOVES if not quick else 30)
    sweeps = sweeps or (SWEEPS if not quick else 1)
    p95, runs, cpu = {}, {}, {}
    for name, builder in lh.DASHBOARDS.items():
        results = [sweep(builder, moves, seed) for seed in range(sweeps)]
        walls = [float(np.percentile(w, 95)) for w, _ in results]
        runs[name] = [round(v, 2) for v in walls]
        p95[name] = round(float(np.median(walls)), 2)
        cpu[name] = round(float(np.median([np.percentile(c, 95) for _, c in results])), 2)
    return {"dashboard_p95_ms": p95, "dashboard_p95_runs_ms": runs, "dashboard_p95_cpu_ms": cpu}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=MOVES)
    parser.add_argument("--sweeps", type=int, default=SWEEPS)
    args = parser.parse_args(argv)
    print(json.dumps(measure(moves=args.moves, sweeps=args.sweeps), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
