"""A notebook whose ``.ipynb`` is newer than its paired text file still opens in JupyterLab.

Every ``notebooks/NN.ipynb`` is paired with ``lessons/NN.md`` (``jupytext.toml``). When an update changes only a
notebook's stored outputs, ``git pull`` (or nbgitpuller on a hub) rewrites the ``.ipynb`` and leaves the text file
as it was, so the notebook is newer. JupyterLab's jupytext then opens the notebook only if the two files' inputs are
the same; otherwise it refuses, with a "... is more recent than lessons/..." error in place of the lesson. These
tests open each notebook, in a copy of the pair made so, through jupytext's contents manager: the code JupyterLab's
server runs to open a file.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from jupytext import AsyncTextFileContentsManager

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import nbtools as nbt  # noqa: E402

LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]_*.md"))
AN_HOUR_S = 3600


def pair_copy(tmp_path: Path, lesson: Path, text: str | None = None) -> str:
    """Copy ``lesson``, its notebook and ``jupytext.toml`` under ``tmp_path``, the text file an hour older."""
    (tmp_path / "lessons").mkdir()
    (tmp_path / "notebooks").mkdir()
    shutil.copy(ROOT / "jupytext.toml", tmp_path)
    md = tmp_path / "lessons" / lesson.name
    md.write_text(lesson.read_text(encoding="utf-8") if text is None else text, encoding="utf-8")
    notebook = tmp_path / "notebooks" / f"{lesson.stem}.ipynb"
    shutil.copy(ROOT / "notebooks" / notebook.name, notebook)
    newer = notebook.stat().st_mtime
    os.utime(md, (newer - AN_HOUR_S, newer - AN_HOUR_S))
    return f"notebooks/{notebook.name}"


def open_in_jupyterlab(root: Path, path: str) -> nbformat.NotebookNode:
    """``path`` as JupyterLab's server gives it to the page (jupytext's asynchronous contents manager)."""
    manager = AsyncTextFileContentsManager(root_dir=str(root))
    return asyncio.run(manager.get(path, content=True, type="notebook"))["content"]


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_a_notebook_newer_than_its_text_file_opens_with_its_cells(tmp_path, lesson):
    path = pair_copy(tmp_path, lesson)
    opened = open_in_jupyterlab(tmp_path, path)  # raises HTTP 400 "... is more recent than ..." if it cannot
    committed = nbformat.read(ROOT / path, as_version=4)
    assert [c.source for c in opened.cells] == [c.source for c in committed.cells]
    assert [c.get("outputs") for c in opened.cells] == [c.get("outputs") for c in committed.cells]


def test_without_the_filter_in_its_header_such_a_notebook_does_not_open(tmp_path):
    """The case above fails as it would without the header ``tools/nbtools.write_source`` writes."""
    lesson = LESSONS[0]
    text = lesson.read_text(encoding="utf-8")
    header = f"jupytext:\n  notebook_metadata_filter: {nbt.jupytext_config().notebook_metadata_filter}\n"
    assert header in text, f"{lesson.name} lacks the header: rebuild it (python tools/build_notebooks.py)"
    path = pair_copy(tmp_path, lesson, text.replace(header, ""))
    with pytest.raises(Exception, match="is more recent than"):
        open_in_jupyterlab(tmp_path, path)
