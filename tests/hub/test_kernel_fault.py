"""A learner's kernel killed mid-drag leaves the other learners' dashboards unaffected (issue 16).

Runs the class load of ``benchmarks/hub_load.py`` with three learner kernels: each builds the
gradient-descent dashboard and drags its learning-rate slider through the real widget comm
protocol (``comm_msg`` updates, as JupyterLab sends them); one kernel is killed with SIGKILL
halfway through its first drag, as the out-of-memory killer would. The other two must keep
getting a frame for every move, after the kill too; the killed learner's kernel, restarted,
runs the dashboard cell again and its next drag redraws. (The same fault in a real hub, in a
browser: ``tests/browser/test_hub.py``.)
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("jupyter_client")

ROOT = Path(__file__).resolve().parents[2]


def _hub_load():
    spec = importlib.util.spec_from_file_location("lh_hub_load", ROOT / "benchmarks" / "hub_load.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_a_killed_kernel_leaves_the_others_redrawing_and_comes_back():
    result = asyncio.run(_hub_load().run_class(3, seed=3, log=lambda *_: None))
    fault = result["fault"]
    assert fault["killed_mid_drag"], result
    # Every move of the two others got its frame, the moves after the kill included.
    assert result["lost_moves"] == 0, result
    assert fault["others_with_frames_after_kill"] == "2/2", fault
    assert fault["others_lost_moves_after_kill"] == 0, fault
    # The killed learner's kernel comes back and the next run of the cell redraws.
    assert fault["restarted_redraws"], fault
    assert result["kernel_rss_mib"]["median"] > 50, result  # a real kernel with numpy and matplotlib
