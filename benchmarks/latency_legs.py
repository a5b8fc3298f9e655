"""Where the time of one slider move goes: per-leg timestamps in the page and in the kernel.

``python benchmarks/latency_legs.py [--moves N]`` opens the gradient-descent dashboard in
JupyterLab in headless Chromium (as ``browser_latency.py`` does), presses the learning-rate
slider's arrow keys, and prints the median time of each leg of a move, in ms from the key press:

* ``sent``: the slider's message leaves the page (``WebSocket.send``);
* ``kernel_in``: ipywidgets in the kernel handles the message (``Widget._handle_msg``);
* ``update_start`` / ``frame_out``: the dashboard starts its update / hands its frame to the comm;
* ``frame_in``: the largest message of the move (the frame) reaches the page;
* ``painted``: the frame is on the canvas (``putImageData``).

The kernel's timestamps come from hooks installed at kernel start-up and written to a file;
both sides use the wall clock (``performance.timeOrigin + performance.now()`` in the page,
``time.time()`` in the kernel), so the legs line up to about a millisecond. The hooks cost a
little time themselves: use this to see where time goes, ``browser_latency.py`` to quote it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import jupyterlab_driver as jd  # noqa: E402

from benchmarks import browser_latency as bl  # noqa: E402

KERNEL_HOOKS = r"""
import json as _json, time as _time
_LOG = open({log!r}, "a", buffering=1)

def _rec(event):
    _LOG.write(_json.dumps({{"ev": event, "t": _time.time() * 1000}}) + "\n")

import ipywidgets as _w
_handle = _w.Widget._handle_msg

def _handle_msg(self, msg):
    if msg["content"]["data"].get("method") == "update":
        _rec("kernel_in")
    return _handle(self, msg)

_w.Widget._handle_msg = _handle_msg

from linreg_helpers._canvas import FigureWidget as _FW
from linreg_helpers.dashboards._base import Dashboard as _D
_send, _update = _FW.send_frame, _D.update

def _send_frame(self, *args, **kwargs):
    _rec("frame_out")
    return _send(self, *args, **kwargs)

def _dash_update(self):
    _rec("update_start")
    return _update(self)

_FW.send_frame, _D.update = _send_frame, _dash_update
"""

PAGE_HOOKS = r"""
(() => {
  const P = window.__legs = [];
  const now = () => performance.timeOrigin + performance.now();
  window.addEventListener('keydown', () => P.push(['key', now(), 0]), true);
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...a) { P.push(['sent', now(), 0]); return send.apply(this, a); };
  const onmsg = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  Object.defineProperty(WebSocket.prototype, 'onmessage', {configurable: true,
    get() { return onmsg.get.call(this); },
    set(fn) { onmsg.set.call(this, fn && function (ev) {
      P.push(['in', now(), ev.data.byteLength || ev.data.size || ev.data.length || 0]);
      return fn.call(this, ev); }); }});
  const put = CanvasRenderingContext2D.prototype.putImageData;
  CanvasRenderingContext2D.prototype.putImageData = function (...a) {
    if (this.canvas && this.canvas.closest && this.canvas.closest('.lh-figure')) P.push(['painted', now(), 0]);
    return put.apply(this, a);
  };
})();
"""

LEGS = ("sent", "kernel_in", "update_start", "frame_out", "frame_in", "painted")


def run(moves: int = 20) -> dict:
    reason = jd.browser_unavailable_reason()
    if reason:
        raise RuntimeError(f"cannot run: {reason}")
    from playwright.sync_api import sync_playwright

    log = Path(tempfile.mkdtemp(prefix="lh-legs-")) / "kernel.jsonl"
    log.write_text("")
    notebook = jd.ARTIFACTS / "fixtures" / "latency_legs.ipynb"
    jd.write_notebook(notebook, [bl.SETUP, bl.OURS])
    rows = []
    with jd.LabServer(kernel_startup=KERNEL_HOOKS.format(log=str(log))) as server, sync_playwright() as p:
        browser = jd.launch_chromium(p)
        nbp = jd.NotebookPage.open(
            browser,
            server,
            notebook.relative_to(jd.ROOT).as_posix(),
            viewport=bl.VIEWPORT,
            init_script=bl.INIT_SCRIPT + PAGE_HOOKS,
        )
        nbp.run_all(timeout=180)
        nbp.wait_widgets_rendered()
        dash = nbp.dashboards()[0]
        target = f'[data-lh-dashboard="{dash["id"]}"]'
        slider = nbp.slider(dash["id"], jd.LR_LABEL)
        for i in range(moves + 3):
            log.write_text("")
            nbp.page.evaluate("() => { window.__legs.length = 0; }")
            bl._move(nbp, slider, target, "ArrowRight" if i % 2 == 0 else "ArrowLeft")
            page = nbp.page.evaluate("() => window.__legs")
            kernel = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
            if i < 3:  # warm-up
                continue
            t0 = next(t for name, t, _ in page if name == "key")
            first = {}
            for name, t, _ in page:
                if name in ("sent", "painted") and name not in first:
                    first[name] = t - t0
            ins = [(size, t) for name, t, size in page if name == "in" and t - t0 < first.get("painted", 1e9)]
            if ins:
                first["frame_in"] = max(ins)[1] - t0  # the largest message before the paint: the frame
            for k in kernel:
                first.setdefault(k["ev"], k["t"] - t0)
            rows.append(first)
        browser.close()
    return {leg: round(statistics.median(r[leg] for r in rows if leg in r), 1) for leg in LEGS}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=20)
    args = parser.parse_args(argv)
    legs = run(args.moves)
    print("median ms from the key press (gradient-descent dashboard, learning-rate slider):")
    previous = 0.0
    for leg in LEGS:
        print(f"  {leg:13s} {legs[leg]:7.1f}   (+{legs[leg] - previous:.1f})")
        previous = legs[leg]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
