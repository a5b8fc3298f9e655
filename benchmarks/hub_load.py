"""How many learners a machine carries: N learner kernels dragging the gradient-descent slider at once.

``python benchmarks/hub_load.py`` (alone) or ``make bench`` (keys ``hub_*`` and ``kernel_rss_mib`` in
``benchmarks/results.json``). ``--learners 1 10 30`` chooses the class sizes.

What it does, per class size N:

1. Starts N IPython kernels on this machine (``jupyter_client``'s kernel manager: what a hub's
   single-user server does for each learner's notebook), each building ``lh.descent_dashboard()``
   and telling its figure widget a view is ready (the ``{"type": "ready"}`` custom message the
   figure's front end sends), so frames are sent as to a browser.
2. Every learner drags the learning-rate slider as a person does: 60 changes at 30 a second
   (2 s), then a 2 s pause, twice; the learners start within 2 s of each other (a class told to
   "now move the slider"). A change is the ``comm_msg`` JupyterLab's ipywidgets manager sends for
   a moved slider: ``{"method": "update", "state": {"value": v}, "buffer_paths": []}`` on the
   slider model's comm, over the kernel's shell channel. So this is the real comm protocol, not
   ``slider.value = v`` executed as code; what is left out is the Jupyter server's websocket hop
   and the browser (a few ms each; see ``latency_legs.py``).
3. Latency of a move: from sending it to the arrival (on the iopub channel) of the first frame
   message from the figure's comm that shows that move or a later one. To know which move a
   frame shows, the benchmark wraps the figure widget's ``send`` in the kernel so each frame
   carries the slider value it was drawn for (one extra number in the message). While a drag
   goes on the dashboard merges moves that arrive within 30 ms of the last frame, so a move may
   be shown by a frame drawn for a later one: that is what a learner sees.
4. Memory: resident set size (VmRSS from ``/proc/PID/status``) of each kernel after its drags,
   and the kernels' CPU time (utime + stime from ``/proc/PID/stat``) over the dragging.
5. A fault (for N > 1): one learner's kernel is killed with SIGKILL in the middle of its first
   drag (as the out-of-memory killer would). The other learners' frames must keep coming (their
   moves after the kill are counted and timed separately); then the killed kernel is restarted,
   its cell run again, and one more drag must give frames.

Everything runs on loopback (the kernels' ZeroMQ ports), and every kernel is shut down (killed
if need be) in ``finally`` blocks; a kernel whose parent dies exits by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

DRAG_RATE_HZ = 30.0  # slider changes a second while dragging
DRAG_SECONDS = 2.0
PAUSE_SECONDS = 2.0
DRAGS = 2
START_SPREAD_S = 2.0  # learners start their first drag within this many seconds of each other
FRAME_TIMEOUT_S = 30.0  # a move without a frame by then counts as lost

SETUP = r"""
import json, os, linreg_helpers as lh
_d = lh.descent_dashboard()
_lr = _d.controls["learning_rate"]
_fig = _d.figure.canvas.widget
_send = _fig.send
def _tagged_send(content, buffers=None, _send=_send):
    # benchmark only: tag each frame with the slider value it shows
    if isinstance(content, dict) and content.get("type") == "frame":
        content = {**content, "lh_lr": _lr.value}
    return _send(content, buffers=buffers)
_fig.send = _tagged_send
print(json.dumps({"lr": _lr.model_id, "fig": _fig.model_id, "min": _lr.min, "max": _lr.max,
                  "base": getattr(_lr, "base", 10.0), "value": _lr.value, "pid": os.getpid()}))
"""


def _proc_rss_mib(pid: int) -> float | None:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return None


def _proc_cpu_s(pid: int) -> float | None:
    with contextlib.suppress(OSError, IndexError, ValueError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return None


@dataclass
class Learner:
    index: int
    km: object = None
    kc: object = None
    info: dict = field(default_factory=dict)
    sent: list = field(default_factory=list)  # (time sent, value)
    frames: list = field(default_factory=list)  # (time received, value shown)
    reader: asyncio.Task | None = None
    killed_at: float | None = None
    rss_mib: float | None = None
    cpu_s: float = 0.0

    @property
    def pid(self) -> int:
        return self.info["pid"]


async def _execute(kc, code: str, timeout: float = 300.0) -> str:
    """Run ``code``; return its stdout. Raises on an error or a timeout."""
    msg_id = kc.execute(code, store_history=False)
    out, error = [], None
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no reply within {timeout:.0f} s")
        msg = await kc.get_iopub_msg(timeout=left)
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "stream":
            out.append(msg["content"]["text"])
        elif kind == "error":
            error = "\n".join(msg["content"]["traceback"])
        elif kind == "status" and msg["content"]["execution_state"] == "idle":
            break
    if error:
        raise RuntimeError(error)
    return "".join(out)


async def _start(learner: Learner, env: dict) -> None:
    from jupyter_client.manager import AsyncKernelManager

    for attempt in range(2):  # a kernel that never answers (seen once among 30 started at once) is replaced
        learner.km = AsyncKernelManager(kernel_name="python3")
        # Loopback TCP (jupyter_client's default ip); the kernel's "unencrypted TCP" warning is not shown.
        await learner.km.start_kernel(env=env, stderr=subprocess.DEVNULL)
        learner.kc = learner.km.client()
        learner.kc.start_channels()
        try:
            await learner.kc.wait_for_ready(timeout=120)
            break
        except RuntimeError:
            if attempt:
                raise
            await _stop(learner)
    await _build_dashboard(learner)


async def _build_dashboard(learner: Learner) -> None:
    out = await _execute(learner.kc, SETUP)
    learner.info = json.loads(out.strip().splitlines()[-1])
    # What the figure's front end sends once its view is on the page: frames go out from now on.
    _comm_send(learner, learner.info["fig"], {"method": "custom", "content": {"type": "ready"}})


def _comm_send(learner: Learner, comm_id: str, data: dict) -> None:
    kc = learner.kc
    kc.shell_channel.send(kc.session.msg("comm_msg", {"comm_id": comm_id, "data": data}))


async def _read_frames(learner: Learner) -> None:
    """Timestamp every frame message of the learner's figure (until cancelled)."""
    fig = learner.info["fig"]
    while True:
        try:
            msg = await learner.kc.get_iopub_msg(timeout=1.0)
        except asyncio.CancelledError:
            raise
        except Exception:  # queue.Empty on a timeout; keep listening
            continue
        now = time.perf_counter()
        if msg["msg_type"] != "comm_msg" or msg["content"].get("comm_id") != fig:
            continue
        content = msg["content"].get("data", {}).get("content", {})
        if content.get("type") == "frame" and "lh_lr" in content:
            learner.frames.append((now, float(content["lh_lr"])))


def _drag_values(info: dict, rng: random.Random, count: int) -> list[float]:
    """``count`` distinct slider values along a drag, on the log slider's own grid of values."""
    lo, hi = info["min"], info["max"]  # exponents of a FloatLogSlider
    a, b = sorted(rng.uniform(lo, hi) for _ in range(2))
    if b - a < 0.3 * (hi - lo):
        a, b = lo, hi
    exps = np.linspace(a, b, count)
    if rng.random() < 0.5:
        exps = exps[::-1]
    values = [float(info["base"] ** e) for e in exps]
    # Distinct, and different from the current value, so every move is a change.
    seen, out = {info["value"]}, []
    for v in values:
        while v in seen:
            v = float(np.nextafter(v, np.inf))
        seen.add(v)
        out.append(v)
    return out


async def _drag(learner: Learner, values: list[float], kill_after: int | None = None) -> None:
    period = 1.0 / DRAG_RATE_HZ
    t0 = time.perf_counter()
    for k, v in enumerate(values):
        if learner.killed_at is not None:
            return
        delay = t0 + k * period - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        learner.sent.append((time.perf_counter(), v))
        _comm_send(learner, learner.info["lr"], {"method": "update", "state": {"value": v}, "buffer_paths": []})
        if kill_after is not None and k + 1 == kill_after:
            learner.killed_at = time.perf_counter()
            os.kill(learner.pid, signal.SIGKILL)


async def _learn(learner: Learner, rng: random.Random, kill_after: int | None) -> None:
    await asyncio.sleep(rng.uniform(0, START_SPREAD_S))
    count = int(DRAG_RATE_HZ * DRAG_SECONDS)
    for d in range(DRAGS):
        await _drag(learner, _drag_values(learner.info, rng, count), kill_after if d == 0 else None)
        if learner.killed_at is not None:
            return
        await asyncio.sleep(PAUSE_SECONDS)


def latencies_ms(sent: list, frames: list, since: float | None = None) -> tuple[list[float], int]:
    """Per move sent (after ``since``): ms to the first frame showing it or a later move; and how many
    moves got no such frame within FRAME_TIMEOUT_S."""
    order = {v: i for i, (_, v) in enumerate(sent)}
    shown = [(t, order[v]) for t, v in frames if v in order]
    out, lost = [], 0
    for i, (ts, _) in enumerate(sent):
        if since is not None and ts < since:
            continue
        hit = next((t for t, j in shown if j >= i and t >= ts), None)
        if hit is None or hit - ts > FRAME_TIMEOUT_S:
            lost += 1
        else:
            out.append(1e3 * (hit - ts))
    return out, lost


async def _until_quiet(learners: list[Learner], quiet: float = 2.0, limit: float = FRAME_TIMEOUT_S) -> None:
    """Wait until no frame has arrived for ``quiet`` seconds (at most ``limit`` seconds)."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        last = max((lr.frames[-1][0] for lr in learners if lr.frames), default=t0)
        if time.perf_counter() - max(last, t0) >= quiet:
            return
        await asyncio.sleep(0.2)


def _pct(xs: list[float], q: float, lost: int = 0) -> float | None:
    """The q-th percentile, counting each lost move as infinitely late (``None`` if that is where it falls)."""
    if not xs and not lost:
        return None
    if not lost:
        return round(float(np.percentile(xs, q)), 1)
    ranked = sorted(xs) + [math.inf] * lost  # nearest rank: interpolating towards inf is undefined
    value = ranked[max(0, math.ceil(q / 100 * len(ranked)) - 1)]
    return round(value, 1) if math.isfinite(value) else None


async def run_class(n: int, seed: int = 0, fault: bool = True, log=print) -> dict:
    """N learners drag at once; returns latency percentiles, memory, CPU and the fault's outcome."""
    rng = random.Random(seed)
    tmp = Path(tempfile.mkdtemp(prefix="lh-hubload-"))
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    env.update(IPYTHONDIR=str(tmp / "ipython"), PYTHONPATH=str(ROOT))
    learners = [Learner(i) for i in range(n)]
    result: dict = {"learners": n}
    try:
        t0 = time.perf_counter()
        # Start in batches (a class logging in over a minute, not in one instant).
        for k in range(0, n, 5):
            await asyncio.wait_for(asyncio.gather(*(_start(lr, env) for lr in learners[k : k + 5])), 600)
        result["start_all_s"] = round(time.perf_counter() - t0, 1)
        log(f"  N={n}: {n} kernels with a dashboard each in {result['start_all_s']} s")
        for lr in learners:
            lr.reader = asyncio.create_task(_read_frames(lr))
        await asyncio.sleep(1.0)  # the "ready" frames
        for lr in learners:
            lr.frames.clear()
            lr.cpu_s = _proc_cpu_s(lr.pid) or 0.0
        victim = learners[-1] if (fault and n > 1) else None
        count = int(DRAG_RATE_HZ * DRAG_SECONDS)
        load_before = os.getloadavg()[0]
        driver_cpu0 = time.process_time()
        t_drag = time.perf_counter()
        await asyncio.gather(
            *(_learn(lr, random.Random(rng.random()), count // 2 if lr is victim else None) for lr in learners)
        )
        await _until_quiet(learners)  # the last frames (a kernel that fell behind sends them late)
        wall = time.perf_counter() - t_drag
        driver_cpu = time.process_time() - driver_cpu0
        survivors = [lr for lr in learners if lr is not victim]
        cpu = sum((_proc_cpu_s(lr.pid) or lr.cpu_s) - lr.cpu_s for lr in survivors)
        all_ms, lost = [], 0
        for lr in survivors:
            ms, lo = latencies_ms(lr.sent, lr.frames)
            all_ms += ms
            lost += lo
            lr.rss_mib = _proc_rss_mib(lr.pid)
        rss = [lr.rss_mib for lr in survivors if lr.rss_mib]
        result.update(
            moves=len(all_ms) + lost,
            lost_moves=lost,
            p50_ms=_pct(all_ms, 50, lost),
            p95_ms=_pct(all_ms, 95, lost),
            p99_ms=_pct(all_ms, 99, lost),
            frames=sum(len(lr.frames) for lr in survivors),
            kernel_rss_mib={"median": _pct(rss, 50), "max": round(max(rss), 1) if rss else None},
            kernels_cpu_cores=round(cpu / wall, 2),  # mean cores the kernels kept busy while dragging
            # The kernels' CPU per slider change handled (comm message, run, render, encode, send):
            # what sizing multiplies by learners x 30 changes a second.
            kernel_cpu_ms_per_move=round(1e3 * cpu / max(1, sum(len(lr.sent) for lr in survivors)), 2),
            driver_cpu_cores=round(driver_cpu / wall, 2),  # this script's own share of the machine
            loadavg_1min_before=round(load_before, 1),  # the machine's load when the class started
            wall_s=round(wall, 1),
        )
        if victim is not None:
            result["fault"] = await _fault_outcome(victim, survivors, rng)
        log(
            f"  N={n}: p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms over {result['moves']} moves "
            f"({lost} lost), RSS {result['kernel_rss_mib']['median']} MiB a kernel, "
            f"{result['kernels_cpu_cores']} cores busy ({result['kernel_cpu_ms_per_move']} ms CPU a move; "
            f"driver {result['driver_cpu_cores']} cores; load {result['loadavg_1min_before']} before)"
        )
        if "fault" in result:
            log(f"  N={n}: fault: {result['fault']}")
    finally:
        for lr in learners:
            if lr.reader is not None:
                lr.reader.cancel()
                with contextlib.suppress(BaseException):
                    await lr.reader
        await asyncio.gather(*(_stop(lr) for lr in learners), return_exceptions=True)
        shutil.rmtree(tmp, ignore_errors=True)
    return result


async def _fault_outcome(victim: Learner, survivors: list[Learner], rng: random.Random) -> dict:
    """After the victim's kernel was killed: did the others keep redrawing; does a restarted kernel work?"""
    killed = victim.killed_at
    after_ms, after_lost, redrew = [], 0, 0
    for lr in survivors:
        ms, lo = latencies_ms(lr.sent, lr.frames, since=killed)
        after_ms += ms
        after_lost += lo
        redrew += any(t > killed for t, _ in lr.frames)
    out = {
        "killed_mid_drag": killed is not None,
        "others_with_frames_after_kill": f"{redrew}/{len(survivors)}",
        "others_p95_ms_after_kill": _pct(after_ms, 95, after_lost),
        "others_lost_moves_after_kill": after_lost,
    }
    # The learner's kernel comes back (the server restarts a dead kernel); the cell runs again.
    victim.reader.cancel()
    with contextlib.suppress(BaseException):
        await victim.reader
    t0 = time.perf_counter()
    try:
        await victim.km.restart_kernel(now=True)
        await victim.kc.wait_for_ready(timeout=300)
        await _build_dashboard(victim)
        victim.frames.clear()
        victim.sent.clear()
        victim.killed_at = None
        victim.reader = asyncio.create_task(_read_frames(victim))
        await asyncio.sleep(0.5)
        await _drag(victim, _drag_values(victim.info, rng, int(DRAG_RATE_HZ * DRAG_SECONDS)))
        await _until_quiet([victim])
        ms, lost = latencies_ms(victim.sent, victim.frames)
        out.update(
            restarted_redraws=bool(ms) and lost == 0,
            restarted_p95_ms=_pct(ms, 95, lost),
            restart_and_rerun_s=round(time.perf_counter() - t0, 1),
        )
    except Exception as exc:  # reported, not raised: the figures of the others still stand
        out.update(restarted_redraws=False, restart_error=f"{type(exc).__name__}: {exc}")
    return out


async def _stop(learner: Learner) -> None:
    if learner.kc is not None:
        with contextlib.suppress(Exception):
            learner.kc.stop_channels()
    if learner.km is not None:
        try:
            await asyncio.wait_for(learner.km.shutdown_kernel(now=True), 30)
        except Exception:
            with contextlib.suppress(Exception):
                if learner.info.get("pid"):
                    os.kill(learner.info["pid"], signal.SIGKILL)


def measure(sizes=(1, 10, 30), log=print) -> dict:
    """Run each class size in turn; the keys ``make bench`` writes."""
    classes = {}
    for n in sizes:
        classes[str(n)] = asyncio.run(run_class(n, seed=n, log=log))
    rss = [c["kernel_rss_mib"]["median"] for c in classes.values() if c["kernel_rss_mib"]["median"]]
    return {
        "hub_p95_ms": {n: c["p95_ms"] for n, c in classes.items()},
        "hub_p50_ms": {n: c["p50_ms"] for n, c in classes.items()},
        "kernel_rss_mib": round(float(np.median(rss)), 1) if rss else None,
        "hub_load": {
            "what": (
                "N kernels each with lh.descent_dashboard(); each learner drags the learning-rate slider "
                f"({DRAG_RATE_HZ:.0f} comm updates/s for {DRAG_SECONDS:.0f} s, {PAUSE_SECONDS:.0f} s pause, "
                f"x{DRAGS}); latency = comm update sent -> first frame message showing it or a later move; "
                "no Jupyter server or browser in the path"
            ),
            "cpus": os.cpu_count(),
            "classes": classes,
        },
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--learners", type=int, nargs="+", default=[1, 10, 30], help="class sizes (default 1 10 30)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args(argv)
    print(f"hub load on {os.cpu_count()} cores: learners {args.learners}")
    res = measure(tuple(args.learners))
    print(json.dumps({k: res[k] for k in ("hub_p50_ms", "hub_p95_ms", "kernel_rss_mib")}))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
