"""Speed benchmarks of the series: ``make bench`` (or ``python benchmarks/run.py``).

Prints a table and writes ``benchmarks/results.json``. Every figure is a
median over repeated runs, and each fast path is compared with the naive way
of doing the same thing *in the same run*, so the ratio holds even on a busy
machine where absolute times drift.

Keys
----
sgd_batch1_ms, sgd_batch1_naive_ms
    30 epochs of SGD (batch size 1) on n = 200: ``lh.gradient_descent``
    against the textbook loop with the same outputs (median of 15 and 9).
loss_surface_ms
    A 200 × 200 MSE surface for n = 100 000 (median of 15).
dashboard_update_ms, dashboard_naive_ms
    Per dashboard: from setting the learning-rate slider's value to the
    finished frame bytes the browser will receive (compute + render + PNG
    encode), median of 40 moves; and the naive way (a new figure with the
    same panels, drawn and saved as PNG, as ``interact`` + inline plotting
    does), median of 7 moves.
dashboard_batch_size_update_ms
    The same as ``dashboard_update_ms`` for moves of the batch-size slider.
dashboard_p95_ms, dashboard_p95_runs_ms, dashboard_p95_cpu_ms
    Per dashboard: the p95 over a seeded sweep of 100 random control moves (any control but the
    preset menu, to any other value it can show), each timed as ``dashboard_update_ms``; the
    median over three sweeps (seeds 0, 1, 2), each sweep's p95, and the median p95 in this
    thread's CPU time (``benchmarks/dashboard_p95.py``, also runnable alone).
long_run_move_ms
    The longest run on default data (many features, batch size 1: 39,200 steps):
    one move to it, with the run drawn thinned and drawn point for point (median of 8).
hub_p95_ms, hub_p50_ms, kernel_rss_mib, hub_load
    A class on one machine (``benchmarks/hub_load.py``, also runnable alone): N = 1, 10, 30
    learner kernels, each with the gradient-descent dashboard, every learner dragging the
    learning-rate slider (30 comm updates a second for 2 s, a pause, twice); p95 / p50 of
    comm update -> frame message, by N; the median resident memory of a kernel (MiB); in
    ``hub_load``, per N, CPU, lost moves and one kernel killed mid-drag (the others' frames
    after it, the restarted kernel's next run).
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import linreg_helpers as lh  # noqa: E402
from benchmarks.naive import naive_frame  # noqa: E402
from benchmarks.timing import median_ms  # noqa: E402
from benchmarks.training_losses import bench_sgd_mae  # noqa: E402


def textbook_sgd(X, y, learning_rate, epochs, batch_size, seed=0):
    """The textbook loop: one gradient per batch, then the whole-data MSE appended."""
    n = y.shape[0]
    Xb = np.column_stack([X, np.ones(n)])
    theta = np.zeros(2)
    rng = np.random.default_rng(seed)
    thetas, losses = [theta.copy()], [float(np.mean((Xb @ theta - y) ** 2))]
    for _ in range(epochs):
        perm = rng.permutation(n)
        for s in range(0, n, batch_size):
            j = perm[s : s + batch_size]
            theta -= learning_rate * 2 / len(j) * Xb[j].T @ (Xb[j] @ theta - y[j])
            thetas.append(theta.copy())
            losses.append(float(np.mean((Xb @ theta - y) ** 2)))
    return np.array(thetas), np.array(losses)


def bench_sgd(quick: bool) -> dict:
    X, y = lh.make_linear_data(200, seed=0)
    lr, epochs = 0.001, 30
    h = lh.gradient_descent(X, y, learning_rate=lr, epochs=epochs, batch_size=1)
    thetas, losses = textbook_sgd(X, y, lr, epochs, 1)
    assert np.allclose(h.weights[:, 0], thetas[:, 0], rtol=1e-9, atol=1e-12), "fast and textbook SGD disagree"
    assert np.allclose(h.losses, losses, rtol=1e-9), "fast and textbook losses disagree"
    fast = median_ms(
        lambda: lh.gradient_descent(X, y, learning_rate=lr, epochs=epochs, batch_size=1), 15 if not quick else 5
    )
    naive = median_ms(lambda: textbook_sgd(X, y, lr, epochs, 1), 9 if not quick else 3)
    return {"sgd_batch1_ms": fast, "sgd_batch1_naive_ms": naive}


def bench_surface(quick: bool) -> dict:
    X, y = lh.make_linear_data(100_000, seed=1)
    w = np.linspace(0, 4, 200)
    b = np.linspace(-2, 4, 200)
    return {"loss_surface_ms": median_ms(lambda: lh.loss_surface(X, y, w, b), 15 if not quick else 5)}


def bench_long_run(quick: bool) -> dict:
    """The longest default-data run: many features at batch size 1 (392 examples × 100 epochs).

    A move from batch size 2 to 1 (compute, draw, encode), drawn thinned (``dashboards._thin``)
    and point for point, in the same run.
    """
    from linreg_helpers.dashboards import _thin

    def moves() -> float:
        dash = lh.many_features_dashboard()
        _capture_frames(dash)
        control = dash.controls["batch_size"]
        times = []
        for _ in range(3 if quick else 9):
            control.value = 2
            t0 = time.perf_counter()
            control.value = 1
            times.append(time.perf_counter() - t0)
        return 1e3 * float(np.median(times[1:])), int(dash.history.steps)  # the first is a warm-up

    thinned, steps = moves()
    saved, _thin.MAX_DRAWN = _thin.MAX_DRAWN, 10**12
    try:
        full, _ = moves()
    finally:
        _thin.MAX_DRAWN = saved
    return {"long_run_move_ms": {"steps": steps, "thinned": thinned, "point_for_point": full}}


def _capture_frames(dash):
    """Make the figure behave as with a browser attached, and record each frame it sends."""
    widget = dash.figure.canvas.widget
    widget.attached = True  # what the front end's "ready" message does
    dash.figure.canvas._force_full = True
    sent: list[tuple[float, int]] = []

    def send(content, buffers=None):
        sent.append((time.perf_counter(), sum(len(b) for b in buffers or [])))

    widget.send = send
    dash.update()  # the first, full frame
    return sent


def _slider_values(control, count: int, rng) -> list:
    if hasattr(control, "base"):  # log slider
        vals = list(control.base ** np.linspace(control.min, control.max, count))
    else:
        vals = list(np.unique(np.linspace(control.min, control.max, count).round().astype(int)))
        vals = [int(v) for v in vals]
        while len(vals) < count:
            vals = vals + vals
        vals = vals[:count]
    rng.shuffle(vals)
    return vals


def bench_dashboard(name: str, builder, moves: int, naive_moves: int) -> dict:
    rng = np.random.default_rng(0)
    dash = builder()
    sent = _capture_frames(dash)
    out = {}
    for key in ("learning_rate", "batch_size"):
        control = dash.controls[key]
        times, sizes = [], []
        for value in _slider_values(control, moves, rng):
            if value == control.value:
                continue
            before = len(sent)
            t0 = time.perf_counter()
            control.value = value  # compute, draw, encode and send: all done when this returns
            t1 = time.perf_counter()
            assert len(sent) <= before + 1, f"{name}: setting {key} sent more than one frame"
            times.append(t1 - t0)
            sizes.append(sent[-1][1] if len(sent) > before else 0)
        out[key] = (1e3 * float(np.median(times)), float(np.median(sizes)), len(times))
        dash.reset()
    values = dash.values()
    lr_values = _slider_values(dash.controls["learning_rate"], naive_moves, rng)

    def naive():
        values["learning_rate"] = lr_values[naive.i % len(lr_values)]
        naive.i += 1
        return naive_frame(dash, values)

    naive.i = 0
    naive_ms = median_ms(naive, naive_moves, warmup=1)
    return {"update": out["learning_rate"], "batch": out["batch_size"], "naive": naive_ms}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run, not for quoting)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results.json"))
    parser.add_argument("--no-browser", action="store_true", help="skip the JupyterLab + Chromium latency")
    parser.add_argument("--no-hub", action="store_true", help="skip the class-size load (benchmarks/hub_load.py)")
    args = parser.parse_args(argv)
    moves, naive_moves = (40, 7) if not args.quick else (10, 2)

    results: dict = {}
    results.update(bench_sgd(args.quick))
    results.update(bench_surface(args.quick))
    results.update(bench_long_run(args.quick))
    results.update(bench_sgd_mae(args.quick))
    from benchmarks import dashboard_memory

    results.update(dashboard_memory.measure(args.quick))
    updates, naives, batch = {}, {}, {}
    frame_bytes = {}
    for name, builder in lh.DASHBOARDS.items():
        r = bench_dashboard(name, builder, moves, naive_moves)
        updates[name], frame_bytes[name], _ = r["update"]
        batch[name] = r["batch"][0]
        naives[name] = r["naive"]
    results["dashboard_update_ms"] = updates
    results["dashboard_naive_ms"] = naives
    results["dashboard_batch_size_update_ms"] = batch
    results["dashboard_frame_bytes"] = frame_bytes
    from benchmarks import dashboard_p95

    results.update(dashboard_p95.measure(args.quick))
    if not args.no_browser:
        try:
            from benchmarks import browser_latency

            results.update(browser_latency.run(quick=args.quick))
        except RuntimeError as exc:  # no Chromium / Playwright here: say so, keep the rest
            print(f"browser latency not measured: {exc}")
    if not args.no_hub:
        from benchmarks import hub_load

        print("hub load: N learner kernels dragging a slider at once")
        results.update(hub_load.measure((1, 3) if args.quick else (1, 10, 30)))
    results["meta"] = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "numpy": np.__version__,
        "quick": args.quick,
        "moves_per_dashboard": moves,
        "naive_moves": naive_moves,
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
    }

    rows = [
        ("sgd_batch1_ms (target <= 3)", results["sgd_batch1_ms"], results["sgd_batch1_naive_ms"]),
        ("loss_surface_ms (target <= 20)", results["loss_surface_ms"], math.nan),
    ]
    rows += [(f"dashboard {n} (target <= 10, >= 10x)", updates[n], naives[n]) for n in updates]
    print(f"{'benchmark':44s} {'ours ms':>9s} {'naive ms':>9s} {'speed-up':>9s}")
    for label, ours, naive in rows:
        ratio = f"{naive / ours:8.1f}x" if not math.isnan(naive) else ""
        naive_s = f"{naive:9.2f}" if not math.isnan(naive) else ""
        print(f"{label:44s} {ours:9.2f} {naive_s:>9s} {ratio:>9s}")
    print(
        "dashboard cell re-run 30x, memory left (MiB, target <= 15): "
        + ", ".join(f"{n} {v}" for n, v in results["dashboard_rebuild_leak_mib"].items())
    )
    print("batch-size slider moves (ms): " + ", ".join(f"{n} {v:.2f}" for n, v in batch.items()))
    print(
        "random control moves, p95 (ms, target <= 30; median of 3 sweeps, then CPU time): "
        + ", ".join(
            f"{n} {v:.1f} ({results['dashboard_p95_cpu_ms'][n]:.1f})" for n, v in results["dashboard_p95_ms"].items()
        )
    )
    long = results["long_run_move_ms"]
    print(
        f"many features, batch size 1 ({long['steps']} steps): {long['thinned']:.0f} ms a move drawn thinned, "
        f"{long['point_for_point']:.0f} ms point for point"
    )
    if "browser_slider_to_pixels_ms" in results:
        ours, naive = results["browser_slider_to_pixels_ms"], results["browser_naive_ms"]
        label = "browser key -> pixels (target <= 50, >= 10x)"
        print(f"{label:44s} {ours:9.2f} {naive:9.2f} {naive / ours:8.1f}x")
    if "hub_p95_ms" in results:
        print(
            "hub load, comm update -> frame (ms) by learners: "
            + ", ".join(f"N={n} p50 {results['hub_p50_ms'][n]} p95 {p}" for n, p in results["hub_p95_ms"].items())
            + f"; {results['kernel_rss_mib']} MiB a kernel"
        )
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(results, fh, indent=2, sort_keys=True)
        fh.write("\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
