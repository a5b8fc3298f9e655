#!/usr/bin/env python
"""Build the notebooks from their paired text files in ``lessons/`` and keep their navigation links current.

``lessons/NN_name.md`` (MyST Markdown) and ``notebooks/NN_name.ipynb`` are a jupytext pair
(``jupytext.toml``): edit either, in JupyterLab or a text editor. This script adds what jupytext
does not do: navigation links, solution blocks, slide metadata, cell ids and checked outputs;
it rewrites both files of each pair.

Usage (from the repository root, with the project's Python)::

    python tools/build_notebooks.py              # rebuild every notebook from its text file, update all links
    python tools/build_notebooks.py 02_losses    # rebuild one (and update only its links)
    python tools/build_notebooks.py --execute    # ... and run it to refresh the checked outputs
    python tools/build_notebooks.py --nav        # only update previous/contents/next links (all notebooks)
    python tools/build_notebooks.py --nav 03     # ... of the listed notebooks only
    python tools/build_notebooks.py --check      # exit 1 if a pair disagrees or a notebook is out of date
    python tools/build_notebooks.py --guide      # rewrite the concept questions' answer key in docs/teaching-guide.md
    python tools/build_notebooks.py --render artifacts/render 02_losses
                                                 # run a scratch copy with the inline backend and save
                                                 # every figure and dashboard as PNG, to look at

A rebuild without ``--execute`` keeps the stored output of every checked cell
(tagged ``nbval-check-output``) whose source did not change; new or changed checked
cells need ``--execute``. All other outputs are always stripped.
"""

from __future__ import annotations

import argparse
import base64
import copy
import sys
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nbtools as nbt


def _select(names: list[str]) -> list[Path]:
    srcs = nbt.sources()
    if not names:
        return srcs
    chosen = [s for s in srcs if s.stem in names or s.stem[:2] in names]
    unknown = set(names) - {s.stem for s in chosen} - {s.stem[:2] for s in chosen}
    if unknown:
        sys.exit(f"no text file in lessons/ for {sorted(unknown)}; have {[s.stem for s in srcs]}")
    return chosen


def _expected(source: Path, *, execute: bool) -> tuple[nbformat.NotebookNode, int]:
    """The notebook a source should produce, with navigation and the right outputs."""
    nb = nbt.build(source)
    target = nbt.notebook_for(source)
    paths = sorted({*nbt.series_notebooks(), target})
    titles = {p: nbformat.read(p, as_version=4) for p in paths if p.exists() and p != target}
    titles = {p: nbt.title_of(n) for p, n in titles.items()} | {target: nbt.title_of(nb)}
    nbt.set_navigation(nb, target, paths, titles)
    if execute:
        start = time.perf_counter()
        nbt.execute(nb)
        print(f"  executed {target.name} in {time.perf_counter() - start:.1f} s")
        missing = 0
    else:
        old = nbformat.read(target, as_version=4) if target.exists() else nbformat.v4.new_notebook()
        missing = nbt.carry_outputs(nb, old)
    nbt.strip(nb)
    return nb, missing


def cmd_build(names: list[str], execute: bool) -> int:
    status = 0
    for source in _select(names):
        target = nbt.notebook_for(source)
        if target.exists() and target.stat().st_mtime > source.stat().st_mtime:
            if difference := nbt.pair_difference(target, source):  # an edit jupytext did not copy to the text file
                sys.exit(f"{difference}, and the notebook is newer: sync first, {nbt.sync_hint(target)}")
        nb, missing = _expected(source, execute=execute)
        nbt.write_notebook(nb, target)
        note = f" ({missing} checked cells have no stored output: run with --execute)" if missing else ""
        print(f"wrote {target.relative_to(nbt.ROOT)}{note}")
        status |= bool(missing)
    for p in nbt.update_navigation(only=names):
        print(f"updated navigation in {p.relative_to(nbt.ROOT)}")
    return status


def cmd_check(names: list[str]) -> int:
    problems = []
    for source in _select(names):
        target = nbt.notebook_for(source)
        if not target.exists():
            problems.append(f"{target.name} does not exist")
            continue
        difference = nbt.pair_difference(target, source)
        if difference:
            problems.append(f"{difference}; sync them: {nbt.sync_hint(target)}")
            continue
        nb, missing = _expected(source, execute=False)
        if nbformat.writes(nb) != nbformat.writes(nbformat.read(target, as_version=4)):
            problems.append(f"{target.name} is not what {source.name} builds (metadata, ids or outputs)")
        if missing:
            problems.append(f"{target.name}: {missing} checked cells have no stored output")
    stale = nbt.update_navigation(write=False, only=names)
    problems += [f"{p.name}: navigation links are out of date" for p in stale]
    for p in problems:
        print(p)
    if problems:
        print("fix: python tools/build_notebooks.py --execute   (--nav for links only; sync disagreeing pairs first)")
    return 1 if problems else 0


def cmd_render(out_dir: Path, names: list[str]) -> int:
    """Execute scratch copies with the inline backend and save every figure as PNG."""
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = set(names)
    paths = [p for p in nbt.series_notebooks() if not wanted or p.stem in wanted or p.stem[:2] in wanted]
    for path in paths:
        nb = copy.deepcopy(nbformat.read(path, as_version=4))
        for k, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            cell.source = cell.source.replace("%matplotlib widget", "%matplotlib inline")
            if "dashboard" in cell.metadata.get("tags", []):
                lines = cell.source.rstrip().splitlines()
                png = out_dir / f"{path.stem}_cell{k:02d}_dashboard.png"
                lines[-1] = f"__dash = {lines[-1]}"
                lines.append(f"__dash.figure.savefig(r'{png}', dpi=100)")
                cell.source = "\n".join(lines)
        start = time.perf_counter()
        nbt.execute(nb, cwd=path.parent)
        print(f"{path.name}: executed in {time.perf_counter() - start:.1f} s")

        for k, cell in enumerate(nb.cells):
            for j, out in enumerate(cell.get("outputs", [])):
                data = out.get("data", {})
                if "image/png" in data:
                    png = out_dir / f"{path.stem}_cell{k:02d}_{j}.png"
                    png.write_bytes(base64.b64decode(data["image/png"]))
        nbformat.write(nb, out_dir / path.name)
    print(f"figures in {out_dir}")
    return 0


GUIDE = nbt.ROOT / "docs" / "teaching-guide.md"
KEY_START, KEY_END = "<!-- concept-questions:start -->", "<!-- concept-questions:end -->"


def cmd_guide() -> int:
    """Write the answer key of the concept questions between the guide's markers (from the package's data)."""
    from linreg_helpers import concept_questions as cq

    text = GUIDE.read_text(encoding="utf-8")
    if KEY_START not in text or KEY_END not in text:
        sys.exit(f"{GUIDE.name} has no {KEY_START} ... {KEY_END} block: add the two lines where the key belongs")
    head, rest = text.split(KEY_START, 1)
    tail = rest.split(KEY_END, 1)[1]
    GUIDE.write_text(f"{head}{KEY_START}\n\n{cq.answer_key_markdown()}\n{KEY_END}{tail}", encoding="utf-8")
    print(f"wrote the concept questions' answer key in {GUIDE.relative_to(nbt.ROOT)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="notebooks to build, e.g. 02_losses or 02 (default: all)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--execute", action="store_true", help="run the notebooks to refresh checked outputs")
    mode.add_argument("--nav", action="store_true", help="only update the navigation links of all notebooks")
    mode.add_argument("--check", action="store_true", help="report notebooks that are out of date")
    mode.add_argument("--guide", action="store_true", help="rewrite the concept questions' key in the guide")
    mode.add_argument("--render", type=Path, metavar="DIR", help="save every figure of scratch runs as PNG")
    args = parser.parse_args(argv)
    if args.nav:
        for p in nbt.update_navigation(only=args.names):
            print(f"updated navigation in {p.relative_to(nbt.ROOT)}")
        return 0
    if args.check:
        return cmd_check(args.names)
    if args.guide:
        return cmd_guide()
    if args.render:
        return cmd_render(args.render, args.names)
    return cmd_build(args.names, args.execute)


if __name__ == "__main__":
    sys.exit(main())
