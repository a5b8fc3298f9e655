"""Key press → new pixels, in a real JupyterLab in headless Chromium (``python benchmarks/browser_latency.py``).

Two ways of showing the gradient-descent dashboard's panels, driven the same
way in the same page, their moves interleaved:

``browser_slider_to_pixels_ms``
    The live dashboard (``lh.descent_dashboard()``): an ArrowRight/ArrowLeft
    key press on its learning-rate slider → the kernel blits the moving
    artists and sends the changed pixels → the figure's front end
    (``linreg_helpers/_figure.js``) puts them on its canvas.
``browser_naive_ms``
    ``ipywidgets.interact`` on a function that recomputes the run and draws
    the same four panels with the public ``lh.plot_*`` functions on a new
    pyplot figure, shown by the inline backend (a new PNG ``<img>`` each
    time), driven by the same key presses on an identical slider.

Measured inside the page as ``shared/MEASURING.md`` recommends (no pixel
hashing while measuring): ``performance.now()`` at the ``keydown`` (capture
phase) and at the first ``putImageData`` or ``drawImage`` on the dashboard's
canvas inside the output area (how the dashboard's figure, or ipympl, paints a
received frame); for the naive path, a
``MutationObserver`` sees the new ``<img>`` in the output and the time is taken
when it has loaded. Each figure is the median over the moves (≥ 20); the
``next_frame`` details add the next animation frame after the paint (when the
pixels reach the screen). Between moves the page waits until the kernel is
idle, so moves do not overlap; the page is scrolled to the next target and
given time to repaint before its key press (the window, 1366 × 900, does not
hold both figures at once). The moves of the two paths are interleaved, so
both see the same machine load.

Needs ``/usr/bin/chromium`` and the ``playwright`` package (see
``tests/browser/``). ``run(quick=False) -> dict`` is what ``make bench`` calls.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import jupyterlab_driver as jd  # noqa: E402

NOTEBOOK = jd.ARTIFACTS / "fixtures" / "latency.ipynb"
VIEWPORT = jd.VIEWPORT  # a laptop screen (1366 × 900); the two figures do not fit in it at once
SETTLE = 0.15  # seconds of idle kernel after a move before the next one
SCROLLED = 0.3  # seconds for the page to repaint after scrolling to the next slider, before its key press

# Instrumentation: armed just before a key press; records the first paint of the target after it.
INIT_SCRIPT = """
(() => {
  const L = window.__lat = {armed: false, target: null, t0: null, t1: null, raf: null, send: null, recv: null};
  window.addEventListener('keydown', () => {
    if (!L.armed) return;
    L.armed = false; L.t0 = performance.now(); L.t1 = null; L.raf = null; L.send = null; L.recv = null;
  }, true);
  // For the breakdown: the first message to the kernel after the key, the last one from it before the paint.
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...args) {
    if (L.t0 !== null && L.send === null) L.send = performance.now();
    return send.apply(this, args);
  };
  const onmsg = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');
  Object.defineProperty(WebSocket.prototype, 'onmessage', {
    configurable: true,
    get() { return onmsg.get.call(this); },
    set(fn) {
      onmsg.set.call(this, fn && function (ev) {
        if (L.t0 !== null && L.t1 === null) L.recv = performance.now();
        return fn.call(this, ev);
      });
    },
  });
  const done = () => {
    if (L.t0 === null || L.t1 !== null) return;
    L.t1 = performance.now();
    requestAnimationFrame(() => { L.raf = performance.now(); });
  };
  // A figure's frame is painted with putImageData (the dashboards, linreg_helpers/_figure.js) or
  // drawImage (ipympl): the first of either on the target's canvas is the paint.
  for (const name of ['drawImage', 'putImageData']) {
    const original = CanvasRenderingContext2D.prototype[name];
    CanvasRenderingContext2D.prototype[name] = function (...args) {
      const c = this.canvas;
      if (L.target && c && c.isConnected && c.closest('.jp-OutputArea-output') && c.closest(L.target)) done();
      return original.apply(this, args);
    };
  }
  new MutationObserver(muts => {
    if (L.t0 === null || L.t1 !== null || !L.target) return;
    for (const m of muts) for (const n of m.addedNodes) {
      if (n.nodeType !== 1) continue;
      const imgs = n.tagName === 'IMG' ? [n] : Array.from(n.querySelectorAll('img'));
      for (const img of imgs) {
        if (!img.closest('.jp-OutputArea-output') || !img.closest(L.target)) continue;
        if (img.complete && img.naturalWidth) done(); else img.addEventListener('load', done, {once: true});
        return;
      }
    }
  }).observe(document, {childList: true, subtree: true});
})();
"""

SETUP = """\
%matplotlib inline
import ipywidgets as widgets
import matplotlib.pyplot as plt

import linreg_helpers as lh
"""

OURS = """\
dash = lh.descent_dashboard()
dash
"""

# The naive way, as a notebook author would write it: interact + a new pyplot figure per move.
NAIVE = """\
X, y = dash.X, dash.y


def naive(learning_rate, batch_size, epochs=40, w0=0.0, b0=0.0):
    h = lh.gradient_descent(
        X, y, learning_rate=learning_rate, epochs=epochs, batch_size=batch_size, w0=w0, b0=b0, seed=0
    )
    fig = plt.figure(figsize=dash.figure.get_size_inches(), dpi=dash.figure.dpi)
    axs = [
        fig.add_subplot(2, 2, 1),
        fig.add_subplot(2, 2, 2, projection="3d"),
        fig.add_subplot(2, 2, 3),
        fig.add_subplot(2, 2, 4),
    ]
    lh.plot_fit(X, y, h.w[0], h.b, ax=axs[0])
    lh.plot_loss_surface(X, y, history=h, ax=axs[1], weights=dash.weights, biases=dash.biases)
    lh.plot_contour(X, y, history=h, ax=axs[2], weights=dash.weights, biases=dash.biases)
    lh.plot_loss_curve(h, x="epochs", ax=axs[3])
    plt.show()


_lr = dash.controls["learning_rate"]
_bs = dash.controls["batch_size"]
naive_view = widgets.interactive(
    naive,
    learning_rate=widgets.FloatLogSlider(
        value=_lr.value, base=_lr.base, min=_lr.min, max=_lr.max, step=_lr.step,
        description="learning rate η (naive)", readout_format=".3g", style={"description_width": "initial"},
    ),
    batch_size=widgets.IntSlider(value=_bs.value, min=_bs.min, max=_bs.max, description="batch size"),
    epochs=widgets.fixed(40),
    w0=widgets.fixed(0.0),
    b0=widgets.fixed(0.0),
)
naive_view.add_class("lh-naive")
naive_view
"""


def _chromium_version() -> str:
    try:
        return subprocess.run(
            [str(jd.CHROMIUM), "--version"], capture_output=True, text=True, timeout=20
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def _stats(values: list[float]) -> dict:
    qs = statistics.quantiles(values, n=10) if len(values) >= 2 else [values[0]] * 9
    return {"median": statistics.median(values), "p10": qs[0], "p90": qs[-1], "n": len(values)}


def _move(nbp, slider, target: str, key: str, timeout: float = 20.0) -> dict:
    """One key press on ``slider``: ms from the key to the first paint of ``target`` and more."""
    page = nbp.page
    # Bring the whole target (slider and figure) on screen, focus the slider, and let the page repaint
    # after the scroll before pressing the key: the scroll's repaint is not part of the move.
    page.locator(target).scroll_into_view_if_needed()
    slider.locator(".noUi-handle").focus()
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    time.sleep(SCROLLED)
    page.evaluate("t => { const L = window.__lat; L.target = t; L.t0 = null; L.t1 = null; L.armed = true; }", target)
    page.keyboard.press(key)
    page.wait_for_function("() => window.__lat.raf !== null", timeout=timeout * 1000, polling="raf")
    t0, t1, raf, sent, recv = page.evaluate(
        "() => { const L = window.__lat; return [L.t0, L.t1, L.raf, L.send, L.recv]; }"
    )
    nbp.wait_kernel_idle(timeout=timeout, settle=SETTLE)
    return {
        "paint": t1 - t0,
        "next_frame": raf - t0,
        # key → the widget's message leaves; → the kernel's last message before the paint arrives; → painted
        "key_to_send": (sent - t0) if sent is not None else float("nan"),
        "send_to_reply": (recv - sent) if None not in (sent, recv) else float("nan"),
        "reply_to_paint": (t1 - recv) if recv is not None else float("nan"),
    }


def run(quick: bool = False, moves: int | None = None, warmup: int = 3) -> dict:
    """Measure both paths in one JupyterLab page; return the medians in ms plus details.

    Raises RuntimeError when Chromium or Playwright is missing. Call it outside a running asyncio
    loop (Playwright's sync API runs its own while it is open, and is closed before this returns).
    """
    reason = jd.browser_unavailable_reason()
    if reason:
        raise RuntimeError(f"cannot run the browser benchmark: {reason}")
    from playwright.sync_api import sync_playwright

    moves = moves or (20 if quick else 40)
    jd.write_notebook(NOTEBOOK, [SETUP, OURS, NAIVE])
    ours, naive = [], []
    started = time.monotonic()
    server = jd.LabServer()
    with server, sync_playwright() as p:
        browser = jd.launch_chromium(p)
        nbp = jd.NotebookPage.open(
            browser, server, NOTEBOOK.relative_to(jd.ROOT).as_posix(), viewport=VIEWPORT, init_script=INIT_SCRIPT
        )
        nbp.run_all(timeout=180)
        nbp.wait_widgets_rendered()
        dashes = nbp.dashboards()
        if not dashes:
            raise RuntimeError("the dashboard did not render")
        dash_sel = f'[data-lh-dashboard="{dashes[0]["id"]}"]'
        state = nbp.dashboard_state(dashes[0]["id"])
        if not (state["canvas"] and state["canvas"]["width"]):
            raise RuntimeError("the dashboard's figure is not shown (canvas 0×0): nothing to measure")
        ours_slider = nbp.slider(dashes[0]["id"], jd.LR_LABEL)
        naive_sel = ".lh-naive"
        naive_slider = (
            nbp.page.locator(naive_sel).locator(".widget-slider").filter(has_text="learning rate η (naive)").first
        )
        # The naive output appears after its first run; make sure an image is there before timing.
        nbp.page.wait_for_selector(f"{naive_sel} img", timeout=60_000)
        nbp.page.locator(dash_sel).scroll_into_view_if_needed()
        for i in range(warmup + moves):
            key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"  # stay in range: right, left, right, …
            a = _move(nbp, ours_slider, dash_sel, key)
            b = _move(nbp, naive_slider, naive_sel, key)
            if i >= warmup:
                ours.append(a)
                naive.append(b)
        problems = jd.console_problems(nbp)
        nbp.close()
        browser.close()
    o, n = _stats([m["paint"] for m in ours]), _stats([m["paint"] for m in naive])

    def med(rows, key):
        vals = [m[key] for m in rows if m[key] == m[key]]  # drop NaN
        return round(statistics.median(vals), 1) if vals else None

    parts = ("next_frame", "key_to_send", "send_to_reply", "reply_to_paint")
    return {
        "browser_slider_to_pixels_ms": o["median"],
        "browser_naive_ms": n["median"],
        "browser_speedup": n["median"] / o["median"],
        "browser_detail": {
            "dashboard": "gradient_descent",
            "slider": "learning_rate (ArrowRight/ArrowLeft alternately)",
            "ours": o,
            "naive": n,
            "ours_breakdown_ms": {k: med(ours, k) for k in parts},
            "naive_breakdown_ms": {k: med(naive, k) for k in parts},
            "ours_all_ms": [round(m["paint"], 1) for m in ours],
            "naive_all_ms": [round(m["paint"], 1) for m in naive],
            "warmup_moves": warmup,
            "page_problems": problems,
            "chromium": _chromium_version(),
            "viewport": VIEWPORT,
            "python": platform.python_version(),
            "seconds": round(time.monotonic() - started, 1),
            "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        },
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 moves instead of 40")
    parser.add_argument("--moves", type=int, help="number of timed moves per path")
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = parser.parse_args(argv)
    res = run(quick=args.quick, moves=args.moves)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        d = res["browser_detail"]
        print(f"{'path':34s} {'median ms':>10s} {'p10':>7s} {'p90':>7s} {'n':>4s}")
        for label, key in (("dashboard (blit + changed pixels)", "ours"), ("naive (interact + inline)", "naive")):
            s = d[key]
            print(f"{label:34s} {s['median']:10.1f} {s['p10']:7.1f} {s['p90']:7.1f} {s['n']:4d}")
        for label, key in (("dashboard", "ours_breakdown_ms"), ("naive", "naive_breakdown_ms")):
            print(f"  {label} breakdown (median ms): " + ", ".join(f"{k} {v}" for k, v in d[key].items()))
        print(f"browser_slider_to_pixels_ms = {res['browser_slider_to_pixels_ms']:.1f}  (target <= 50)")
        print(f"browser_naive_ms            = {res['browser_naive_ms']:.1f}")
        print(f"speed-up                    = {res['browser_speedup']:.1f}x  (target >= 10x)")
        if d["page_problems"]:
            print("page problems:", *d["page_problems"], sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
