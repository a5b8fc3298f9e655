"""Slide metadata for the series' notebooks, derived from their structure (never set by hand).

``tools/build_notebooks.py`` calls :func:`set_slides` on every notebook it writes, so each
notebook opens as a live slideshow in JupyterLab with ``jupyterlab-rise`` ("Render as slides",
or the ``rise/`` URL). The rule, one idea per slide:

* the title cell and every markdown cell that opens a ``##`` section start a **slide**;
* inside a section, a ``###`` heading, a misconception box, a concept question and a markdown
  cell that follows code (the next step of the argument) start a **sub-slide** (down arrow);
* the dashboard cell starts a sub-slide of its own, so the dashboard is live on its slide;
* code cells stay on the slide of the prose that introduces them (their output shows there);
* navigation links, exercise prompts and stubs and the collapsed solutions are **skipped** (the
  ``## Exercises`` heading stays, as the last slide that says where they are).

Every cell gets ``metadata["slideshow"]["slide_type"]`` set, so a rebuild is idempotent.
"""

from __future__ import annotations

import copy
import itertools
import re

from nbformat import NotebookNode

SLIDE, SUBSLIDE, CONTINUE, SKIP = "slide", "subslide", "-", "skip"

SKIPPED_TAGS = frozenset({"navigation", "exercise", "solution"})
SUBSLIDE_TAGS = frozenset({"misconception", "dashboard", "concept-question"})

#: Notebook-level options of jupyterlab-rise (``metadata["rise"]``): long slides scroll instead of
#: being cut off, no animation between slides (it only delays a live demonstration).
RISE_OPTIONS = {"scroll": True, "transition": "none", "theme": "simple"}


_SECTION = re.compile(r"^## ", flags=re.MULTILINE)


def split_sections(cells: list[NotebookNode]) -> list[NotebookNode]:
    r"""Split every markdown cell at its ``##`` headings, so that each section starts a cell (a slide).

    The text before the first heading stays in its own cell, at the end of the previous slide.

    Examples
    --------
    >>> from nbformat.v4 import new_markdown_cell
    >>> [c.source for c in split_sections([new_markdown_cell("So it slows down.\n\n## 2. A loop\n\nText.")])]
    ['So it slows down.', '## 2. A loop\n\nText.']
    """
    out: list[NotebookNode] = []
    for cell in cells:
        starts = [m.start() for m in _SECTION.finditer(cell.source)] if cell.cell_type == "markdown" else []
        if "```" in cell.source or not starts or starts == [0]:
            out.append(cell)
            continue
        bounds = [0, *[s for s in starts if s > 0], len(cell.source)]
        for k, (a, b) in enumerate(itertools.pairwise(bounds)):
            part = copy.deepcopy(cell)
            part.source = cell.source[a:b].strip("\n")
            part["id"] = f"{cell.get('id', 'cell')}-{k}"  # unique until the build sets the final ids
            if part.source:
                out.append(part)
    return out


def _first_line(cell: NotebookNode) -> str:
    return cell.source.lstrip().split("\n", 1)[0]


def slide_type(cell: NotebookNode, previous: NotebookNode | None) -> str:
    """The jupyterlab-rise slide type of ``cell``, given the cell before it (``None`` for the first).

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_markdown_cell
    >>> slide_type(new_markdown_cell("## 2. The loop"), new_code_cell("x = 1"))
    'slide'
    >>> slide_type(new_code_cell("x = 1"), new_markdown_cell("## 2. The loop"))
    '-'
    >>> slide_type(new_markdown_cell("So the loss falls."), new_code_cell("x = 1"))
    'subslide'
    """
    tags = set(cell.metadata.get("tags", []))
    if tags & SKIPPED_TAGS:
        return SKIP
    first = _first_line(cell)
    if cell.cell_type == "markdown":
        if first.startswith(("# ", "## ")) or previous is None:
            return SLIDE
        if first.startswith("### ") or tags & SUBSLIDE_TAGS:
            return SUBSLIDE
        if previous.cell_type == "code" and not set(previous.metadata.get("tags", [])) & SKIPPED_TAGS:
            return SUBSLIDE
        return CONTINUE
    if tags & SUBSLIDE_TAGS:
        return SUBSLIDE
    return CONTINUE


def set_slides(nb: NotebookNode) -> NotebookNode:
    """Set the slide type of every cell of ``nb`` and the notebook's jupyterlab-rise options."""
    previous = None
    for cell in nb.cells:
        kind = slide_type(cell, previous)
        cell.metadata["slideshow"] = {"slide_type": kind}
        if kind != SKIP:
            previous = cell
    nb.metadata["rise"] = dict(RISE_OPTIONS)
    return nb
