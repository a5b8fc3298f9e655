"""tests/checked_outputs.py: the comparison that stands in for nbval where a notebook's run serves two checks."""

from __future__ import annotations

import copy
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import nbtools  # noqa: E402
from checked_outputs import checked_output_mismatches  # noqa: E402


def test_checked_output_comparison_finds_a_changed_number_and_nothing_else():
    """The comparison the Binder check and the PyTorch appendix rely on: equal notebooks pass; a number changed
    in a checked cell's output, or a missing output there, is found; a changed picture or a changed unchecked
    cell is not."""
    committed = nbformat.read(ROOT / "notebooks" / "02_losses.ipynb", as_version=4)
    assert checked_output_mismatches(committed, committed) == []
    checked = [c for c in committed.cells if nbtools.is_checked(c) and any(o.get("text") for o in c.outputs)]
    assert len(checked) >= 3
    changed = copy.deepcopy(committed)
    cell = changed.cells[committed.cells.index(checked[1])]
    stream = next(o for o in cell.outputs if o.get("text"))
    stream.text = re.sub(r"\d", lambda m: str((int(m[0]) + 1) % 10), stream.text, count=1)
    found = checked_output_mismatches(changed, committed)
    assert len(found) == 1 and f"cell {committed.cells.index(checked[1])} " in found[0], found
    emptied = copy.deepcopy(committed)
    emptied.cells[committed.cells.index(checked[0])].outputs = []
    assert len(checked_output_mismatches(emptied, committed)) == 1
    unchecked = next(i for i, c in enumerate(committed.cells) if c.cell_type == "code" and not nbtools.is_checked(c))
    other = copy.deepcopy(committed)
    other.cells[unchecked].outputs = [nbformat.v4.new_output("stream", name="stdout", text="anything\n")]
    pictured = next(c for c in other.cells if nbtools.is_checked(c))
    pictured.outputs.append(nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="}))
    assert checked_output_mismatches(other, committed) == []
