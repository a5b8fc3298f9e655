"""A notebook's checked outputs compared as ``nbval --nbval-lax`` compares them, without running nbval.

For the runs of a notebook that are made for something else as well: the course website's build, whose
execution with the Binder environment's kernel is the Binder check (tests/test_binder.py), and the PyTorch
appendix run with and without PyTorch (tests/test_pytorch_appendix.py). ``make test`` runs nbval itself on
every notebook in the project's environment (``notebooks/`` is a test path).
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import nbtools

NBVAL_SKIP_COMPARE = (
    "metadata",
    "traceback",
    "prompt_number",
    "output_type",
    "name",
    "execution_count",
    "application/vnd.jupyter.widget-view+json",
    "image/png",
    "image/jpeg",
)
"""The output fields and MIME types nbval 0.11 leaves out when it compares (``IPyNbFile.skip_compare``,
without ``--nbdime``)."""


def _compared(outputs: list) -> dict[str, list]:
    """A cell's outputs as nbval compares them: streams of one name joined (``\\r`` and ``\\b`` applied), then
    every field and MIME type, less :data:`NBVAL_SKIP_COMPARE`, with its values in order."""
    from nbval.plugin import coalesce_streams, transform_streams_for_comparison

    fields: dict[str, list] = {}
    for output in transform_streams_for_comparison(coalesce_streams(copy.deepcopy(outputs))):
        for key, value in output.items():
            if key == "data":
                for mime, data in value.items():
                    if mime not in NBVAL_SKIP_COMPARE:
                        fields.setdefault(mime, []).append(data)
            elif key not in NBVAL_SKIP_COMPARE:
                fields.setdefault(key, []).append(value)
    return fields


def checked_output_mismatches(executed, committed) -> list[str]:
    """Where the executed notebook's checked cells (``nbval-check-output``) show other outputs than the committed
    notebook stores, compared as ``nbval --nbval-lax`` compares them; one line each."""
    if len(executed.cells) != len(committed.cells):
        return [f"{len(executed.cells)} cells executed, {len(committed.cells)} committed"]
    problems = []
    for i, (ran, stored) in enumerate(zip(executed.cells, committed.cells, strict=True)):
        if nbtools.is_checked(stored):
            got, want = _compared(ran.get("outputs", [])), _compared(stored.outputs)
            if got != want:
                first = stored.source.splitlines()[0][:60]
                problems.append(f"cell {i} ({first!r}): stored {want!r:.300}, got {got!r:.300}")
    return problems
