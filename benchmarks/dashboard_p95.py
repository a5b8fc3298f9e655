"""The slow tail of dashboard moves: ``dashboard_p95_ms``, the p95 over a seeded sweep of random control moves.

``dashboard_update_ms`` is a median over learning-rate moves, which are all blits. A learner also
changes the epochs, the loss, the outliers, a toggle: moves that may redraw a panel or the whole
figure. Here every dashboard in ``lh.DASHBOARDS`` gets ``moves`` random moves (a random control, other
than the preset menu, set to a random other value it can show), each timed as ``dashboard_update_ms``
is: from setting the control's value to the finished frame sent to a (pretend) browser.

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
TIMER = time.perf_counter
"""Random moves per dashboard (the p95 of 100 is the 95th-slowest-but-five)."""


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


def sweep(builder, moves: int = MOVES, seed: int = 0) -> np.ndarray:
    """Milliseconds of ``moves`` random control moves on a new dashboard from ``builder`` (seeded)."""
    rng = np.random.default_rng(seed)
    dash = builder()
    try:
        capture_frames(dash)
        keys = [k for k in dash.controls if k != "preset"]
        times = []
        while len(times) < moves:
            key = keys[rng.integers(len(keys))]
            control = dash.controls[key]
            value = random_value(control, rng)
            if value is None:
                continue
            t0 = TIMER()
            control.value = value  # compute, draw, encode and send: all done when this returns
            times.append(TIMER() - t0)
        return 1e3 * np.array(times)
    finally:
        dash.close()


def measure(quick: bool = False, moves: int | None = None) -> dict:
    """``{"dashboard_p95_ms": {name: p95 in ms}}`` over every dashboard in ``lh.DASHBOARDS``."""
    moves = moves or (MOVES if not quick else 30)
    out = {}
    for name, builder in lh.DASHBOARDS.items():
        out[name] = round(float(np.percentile(sweep(builder, moves), 95)), 2)
    return {"dashboard_p95_ms": out}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=MOVES)
    args = parser.parse_args(argv)
    print(json.dumps(measure(moves=args.moves), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
