"""Every notebook carries slide metadata from tools/slides.py's rule, so it opens as a slideshow (jupyterlab-rise)."""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import nbtools as nbt
import slides

NOTEBOOKS = nbt.series_notebooks()


def test_the_slide_rule_examples_hold() -> None:
    result = doctest.testmod(slides)
    assert result.attempted >= 4 and result.failed == 0


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_section_is_a_slide_and_the_dashboard_has_its_own(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert None not in kinds, f"{path.name}: a cell has no slide type; rebuild with tools/build_notebooks.py"
    assert nb.metadata.get("rise") == slides.RISE_OPTIONS
    shown = [(c, k) for c, k in zip(nb.cells, kinds, strict=True) if k != slides.SKIP]
    assert shown[0][1] == slides.SLIDE and shown[0][0].source.startswith("# ")
    for cell, kind in zip(nb.cells, kinds, strict=True):
        tags = set(cell.metadata.get("tags", []))
        if cell.cell_type == "markdown" and "\n## " in f"\n{cell.source}":
            assert cell.source.startswith("## "), f"{path.name}: a section heading inside a cell: {cell.source[:60]!r}"
            assert kind == slides.SLIDE
        if tags & {"exercise", "solution", "navigation"}:
            assert kind == slides.SKIP
        if "dashboard" in tags:
            assert kind == slides.SUBSLIDE, f"{path.name}: the dashboard must start a slide of its own"
    sections = sum(k == slides.SLIDE for k in kinds)
    assert sections >= 8, f"{path.name}: only {sections} slides"
