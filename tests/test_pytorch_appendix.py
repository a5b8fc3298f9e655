"""The optional appendix ``08_from_scratch_to_pytorch`` runs both with and without PyTorch.

PyTorch is not a dependency of the series. Without it the notebook must run cleanly, tell the learner
how to install it, skip the PyTorch cells, and show the same checked outputs (compared as nbval compares
them: tests/checked_outputs.py). With it (``pip install torch``; where it cannot be imported those tests
are skipped), every PyTorch cell runs, its ``assert`` statements check the PyTorch loops against ``lh``
to floating-point tolerance, and the checked outputs are the committed ones. One run of the notebook
each way.

The absence of PyTorch is simulated by putting a folder first on ``PYTHONPATH`` (inherited by the
kernel) whose ``torch`` package raises ``ModuleNotFoundError`` on import, as a missing package does.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "08_from_scratch_to_pytorch.ipynb"
sys.path.insert(0, str(ROOT / "tools"))
import nbtools as nbt  # noqa: E402
from checked_outputs import checked_output_mismatches  # noqa: E402

HAS_TORCH = importlib.util.find_spec("torch") is not None
needs_torch = pytest.mark.skipif(not HAS_TORCH, reason="PyTorch is not installed (pip install torch==2.13.0)")
SKIPPED = "skipped: PyTorch is not installed"


@pytest.fixture
def without_torch(tmp_path, monkeypatch):
    """An environment in which ``import torch`` fails, for this process's kernels and subprocesses."""
    fake = tmp_path / "hide_torch" / "torch"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'torch' (hidden by a test)\", name='torch')\n"
    )
    path = os.pathsep.join(p for p in (str(fake.parent), os.environ.get("PYTHONPATH", "")) if p)
    monkeypatch.setenv("PYTHONPATH", path)
    return dict(os.environ)


def _outputs(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", "") + out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def _execute() -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    return nbt.execute(nb, cwd=NOTEBOOK.parent)  # raises if a cell fails (a failed assert included)


def test_the_simulated_absence_really_hides_torch(without_torch):
    result = subprocess.run(
        [sys.executable, "-c", "import torch"], capture_output=True, text=True, env=without_torch, timeout=60
    )
    assert result.returncode != 0 and "ModuleNotFoundError" in result.stderr


def test_without_torch_the_notebook_runs_explains_skips_and_shows_the_checked_outputs(without_torch):
    """One run without PyTorch: it explains, skips the PyTorch cells, and its checked outputs are the committed
    ones (compared as nbval compares them; with PyTorch, the nbval run of notebooks/ in ``make test`` checks them)."""
    nb = _execute()
    text = _outputs(nb)
    assert "PyTorch is not installed" in text and "pip install torch" in text
    assert text.count(SKIPPED) >= 5, "every PyTorch cell says it was skipped"
    assert "Traceback" not in text and "Error" not in text
    assert checked_output_mismatches(nb, nbformat.read(NOTEBOOK, as_version=4)) == []


@needs_torch
def test_with_torch_every_cell_runs_and_matches_lh():
    nb = _execute()
    text = _outputs(nb)
    assert SKIPPED not in text
    assert "is installed: every cell runs" in text
    assert "PyTorch: w =" in text, "the dashboard's run was reproduced in PyTorch"
    assert checked_output_mismatches(nb, nbformat.read(NOTEBOOK, as_version=4)) == []


@needs_torch
def test_the_pytorch_loops_agree_with_lh_in_process():
    """The loops of the notebook, run here directly: the same steps as lh to ~12 digits."""
    import numpy as np

    import linreg_helpers as lh

    nb = nbformat.read(NOTEBOOK, as_version=4)
    namespace: dict = {}
    wanted = ("def train_numpy", "def train_tensors", "def train_autograd", "def train_idiomatic")
    exec("import numpy as np\nimport torch\nimport linreg_helpers as lh\n", namespace)
    for cell in nb.cells:
        if cell.cell_type == "code" and any(w in cell.source for w in wanted):
            source = cell.source.split("\nif torch is not None:")[0]  # the definitions, not the guarded demo
            exec(source, namespace)
    X, y = lh.make_linear_data(60, weights=[1.5, -2.0, 0.5], bias=3.0, noise=0.5, seed=11)
    ref = lh.gradient_descent(X, y, learning_rate=0.005, epochs=30)
    for name in ("train_numpy", "train_tensors", "train_autograd"):
        w, b, losses = namespace[name](X, y, 0.005, 30)
        np.testing.assert_allclose(w, ref.w, rtol=1e-11, atol=1e-12, err_msg=name)
        assert b == pytest.approx(ref.b, rel=1e-11), name
        np.testing.assert_allclose(losses, ref.losses[:-1], rtol=1e-11, err_msg=name)
    mini = lh.gradient_descent(X, y, learning_rate=0.005, epochs=4, batch_size=7, seed=0)
    w, b = namespace["train_idiomatic"](X, y, learning_rate=0.005, epochs=4, batch_size=7)
    np.testing.assert_allclose(w, mini.w, rtol=1e-10, atol=1e-12)
    assert b == pytest.approx(mini.b, rel=1e-10)


def accumulated_with_aliasing(grads):
    import numpy as np

    acc = np.zeros(grads.shape[1])
    out = []
    for g in grads:
        acc += g  # in place: every row below is this same array
        out.append(acc)
    return np.array(out)


def test_aliased_running_total_gets_a_hint_about_copying():
    from linreg_helpers import exercises as ex

    result = ex.check_accumulated_grads(accumulated_with_aliasing)
    assert result.mistake == "total", result.message
    assert ".copy()" in result.message and ".clone()" in result.message
