#!/usr/bin/env python
"""Make hand-out copies of the notebooks without the exercise solutions.

Usage (from the repository root, with the project's Python)::

    python tools/strip_solutions.py                      # every notebook -> artifacts/handout/
    python tools/strip_solutions.py --out class/week3 04 05
    python tools/strip_solutions.py --no-placeholder     # drop the solutions without a note

Every solution of the series is a cell tagged ``solution`` (a collapsed ``<details>`` block, written
by ``tools/build_notebooks.py``). This script removes those cells, and, to be safe, any other markdown
cell holding a ``<details>`` block whose summary says "Solution". By default each removed solution is
replaced by a one-line note, so that learners see where it was. Everything else (prose, exercise stubs
with their checks, the checked outputs, the navigation links) is kept, and the originals are never
changed. The copies run exactly like the originals: the exercise checks live in ``linreg_helpers``.

A worked example that is also an exercise's solution (03.1's ``mse_gradient``, 07.2's ``mse_gradient_theta``)
is a code cell tagged ``spoiler``: its metadata ``handout_source`` holds a stand-in (the same function from
``linreg_helpers``), which the hand-out shows instead, so the code after it still runs.

The same without this script, with nbconvert (removes the tagged cells, leaves no note)::

    jupyter nbconvert --to notebook --TagRemovePreprocessor.enabled=True \\
        --TagRemovePreprocessor.remove_cell_tags solution --output-dir artifacts/handout notebooks/*.ipynb
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat
from nbformat import NotebookNode

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
SOLUTION_TAG = "solution"
SPOILER_TAG = "spoiler"
HANDOUT_SOURCE_KEY = "handout_source"
PLACEHOLDER = "*(The solution of this exercise is not part of this copy: ask your teacher.)*"
_DETAILS_SOLUTION = re.compile(r"<details>\s*<summary>.*?Solution", flags=re.IGNORECASE | re.DOTALL)


def is_solution(cell: NotebookNode) -> bool:
    """Whether a cell is an exercise solution (tagged, or a ``<details>`` "Solution" block)."""
    if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
        return True
    return cell.cell_type == "markdown" and bool(_DETAILS_SOLUTION.search(cell.source))


def unspoil(cell: NotebookNode) -> bool:
    """Swap a ``spoiler`` cell's source for its hand-out stand-in (in place); whether it was one."""
    if SPOILER_TAG not in cell.get("metadata", {}).get("tags", []):
        return False
    if HANDOUT_SOURCE_KEY not in cell.metadata:
        raise ValueError(
            f"cell {cell.get('id', '?')} is tagged {SPOILER_TAG!r} but has no metadata {HANDOUT_SOURCE_KEY!r}: "
            "add handout_source: to the cell's options in its text file in lessons/"
        )
    cell.source = cell.metadata.pop(HANDOUT_SOURCE_KEY)
    cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != SPOILER_TAG]
    return True


def strip_solutions(nb: NotebookNode, *, placeholder: bool = True) -> tuple[NotebookNode, int]:
    """A copy of ``nb`` without its solutions, and how many were removed.

    ``spoiler`` cells (worked examples that solve an exercise) are kept with their stand-in source.
    """
    out = copy.deepcopy(nb)  # the original is left alone
    cells, removed = [], 0
    for cell in out.cells:
        unspoil(cell)
        if not is_solution(cell):
            cells.append(cell)
            continue
        removed += 1
        if placeholder:
            note = nbformat.v4.new_markdown_cell(PLACEHOLDER)
            note["id"] = f"{cell.get('id', 'solution')}-removed"[:64]
            cells.append(note)
    out.cells = cells
    return out, removed


def _select(names: list[str]) -> list[Path]:
    paths = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    if not names:
        return paths
    chosen = [p for p in paths if p.stem in names or p.stem[:2] in names or p.name in names]
    unknown = set(names) - {p.stem for p in chosen} - {p.stem[:2] for p in chosen} - {p.name for p in chosen}
    if unknown:
        sys.exit(f"no notebook {sorted(unknown)}; have {[p.stem for p in paths]}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="notebooks, e.g. 07_many_features or 07 (default: all)")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "artifacts" / "handout", help="output folder (default: artifacts/handout/)"
    )
    parser.add_argument("--no-placeholder", action="store_true", help="remove solutions without leaving a note")
    args = parser.parse_args(argv)
    out_dir = args.out.resolve()
    if out_dir == NOTEBOOK_DIR.resolve():
        sys.exit("refusing to overwrite the original notebooks: choose another --out folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in _select(args.names):
        nb, removed = strip_solutions(nbformat.read(path, as_version=4), placeholder=not args.no_placeholder)
        nbformat.validate(nb)
        nbformat.write(nb, out_dir / path.name)
        print(f"{path.name}: removed {removed} solution(s) -> {out_dir / path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
