"""In a real kernel, a burst of slider messages (as a browser sends while dragging) is coalesced.

The test starts an IPython kernel, builds a dashboard in it, and sends the
same ``comm_msg`` updates the JupyterLab front end sends for a dragged slider,
60 of them back to back. The kernel must draw a handful of frames, not 60, and
the last frame must show the last value.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

jupyter_client = pytest.importorskip("jupyter_client")

SETUP = r"""
import time, linreg_helpers as lh
d = lh.descent_dashboard()
w = d.figure.canvas.widget
w.attached = True  # as once a browser view is ready
frames = []
w.send = lambda content, buffers=None: frames.append(d.controls["learning_rate"].value)
lr = d.controls["learning_rate"]
handled = []  # when the kernel handled each slider message
lr.observe(lambda change: handled.append(time.perf_counter()), names="value")
print(lr.model_id)
"""


def _run(kc, code: str) -> str:
    out: list[str] = []

    def hook(msg):
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            out.append("\n".join(msg["content"]["traceback"]))

    reply = kc.execute_interactive(code, timeout=120, output_hook=hook)
    assert reply["content"]["status"] == "ok", "".join(out)
    return "".join(out).strip()


@pytest.fixture(scope="module")
def kernel():
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="python3")
    try:
        yield kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_burst_of_slider_messages_is_coalesced(kernel):
    model_id = _run(kernel, SETUP).splitlines()[-1]
    before = int(_run(kernel, "print(len(frames))"))
    values = [float(v) for v in np.geomspace(0.001, 0.02, 60)]
    for v in values:
        msg = kernel.session.msg(
            "comm_msg",
            {"comm_id": model_id, "data": {"method": "update", "state": {"value": v}, "buffer_paths": []}},
        )
        kernel.shell_channel.send(msg)
    time.sleep(1.0)  # longer than any trailing frame's delay
    count, last_drawn, final, span = _run(
        kernel, "print(len(frames), frames[-1], lr.value, handled[-1] - handled[-60])"
    ).split()
    drawn = int(count) - before
    assert float(final) == pytest.approx(values[-1])
    assert float(last_drawn) == pytest.approx(values[-1]), "the last frame does not show the last value"
    # At most one frame per min_interval while the messages kept coming (plus the first and the
    # last): on a quiet machine the 60 messages take ~0.1 s, i.e. about 4 frames, not 60.
    interval = float(_run(kernel, "print(d.min_interval)"))
    allowed = 2 + float(span) / interval
    assert 1 <= drawn <= min(allowed, 20), (
        f"{drawn} frames for 60 slider messages handled in {float(span) * 1e3:.0f} ms: stale redraws were queued"
    )


def test_single_move_draws_at_once(kernel):
    """An isolated move is drawn immediately (no added delay)."""
    _run(kernel, "time.sleep(0.1); n0 = len(frames); lr.value = 0.005; print(len(frames) - n0)")
    assert _run(kernel, "print(len(frames) - n0)") == "1"
