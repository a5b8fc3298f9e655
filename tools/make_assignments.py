#!/usr/bin/env python
"""Make graded assignments and a learner copy without solutions, from the series' sources.

Usage (from the repository root, with the project's Python; ``make assignments`` runs the first)::

    python tools/make_assignments.py                     # every notebook -> artifacts/assignments/
    python tools/make_assignments.py 04 05 --points 2    # only these notebooks' exercises, 2 points each
    python tools/make_assignments.py --out class/week3 --no-release
    python tools/make_assignments.py --hidden-seed 8675309   # your own seeds for the hidden inputs

It writes two folders under ``--out``:

``learner/``
    A copy of the series with **no solution anywhere**: the notebooks without their solution cells
    (``tools/strip_solutions.py``: spoiler cells swapped for their stand-ins), and the package
    without ``linreg_helpers/exercises/solutions/`` (its ``pyproject.toml`` says so too), with the
    data sets, so ``pip install ./learner`` installs a package whose checks still work but whose
    ``ex.get("04.4").solution()`` says the solutions are not included.

``nbgrader/``
    An nbgrader course folder: ``nbgrader_config.py`` and, per notebook ``NN_name``, the assignment
    ``source/NN_name/NN_name.ipynb``, one cell triple per exercise of the lesson (lessons/NN_name.md): the prompt
    (read-only), the answer cell (the notebook's stub with the solution between ``### BEGIN SOLUTION``
    and ``### END SOLUTION``) and an autograded test cell (read-only, ``--points`` points): the
    learner's own check must say correct, and a hidden part (``### BEGIN HIDDEN TESTS``) runs
    ``ex.assert_correct`` on new inputs drawn with a seed the learner does not see. Unless
    ``--no-release``, ``nbgrader generate_assignment`` then writes the learner's version to
    ``release/NN_name/`` (solutions and hidden tests removed). The teacher grades with
    ``nbgrader autograde NN_name`` in that folder (the kernel needs the full package, with solutions).

The exercise prompts, stubs, solutions and checkers are the ones of the series (``lessons/*.md``
and ``linreg_helpers.exercises``): nothing is written twice.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nbtools  # tools/nbtools.py: the lessons' text files
import strip_solutions  # tools/strip_solutions.py: hand-outs without solution cells

from linreg_helpers import exercises as ex

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "artifacts" / "assignments"
SOLUTIONS_PACKAGE = "linreg_helpers.exercises.solutions"
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
CODE_STUB = "...  # your code here"
SCHEMA_VERSION = 3
HIDDEN_SEED_BASE = 160_000  # default --hidden-seed; an exercise's hidden inputs use it plus "NNk" (160041 for 04.1)
SETUP = """\
import numpy as np

import linreg_helpers as lh
from linreg_helpers import exercises as ex"""
NBGRADER_CONFIG = f'''\
# nbgrader configuration of the course folder written by tools/make_assignments.py.
c = get_config()  # noqa: F821 (nbgrader's config loader defines it)
# The learner's version keeps the series' stub: "...  # your code here" where the solution was.
c.ClearSolutions.code_stub = {{"python": "{CODE_STUB}"}}
c.ExecutePreprocessor.timeout = 300  # seconds per cell when autograding
'''


# ------------------------------------------------------------------ the assignment notebook


def _nbgrader(cell: NotebookNode, grade_id: str, *, solution=False, grade=False, locked=False, points=0):
    cell.metadata["nbgrader"] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": SCHEMA_VERSION,
        "solution": solution,
        **({"points": points} if grade else {}),
    }
    return cell


def _placeholder_lines(stub: str) -> list[int]:
    """Indices of the stub's lines whose code (before any comment) ends with ``...``."""
    return [k for k, line in enumerate(stub.splitlines()) if line.split("#")[0].rstrip().endswith("...")]


def _solution_body(exercise) -> str:
    """The solution's code without its ``def`` line (a function) or as it is shown (a value)."""
    source = exercise.solution_source()
    if not isinstance(exercise, ex.FunctionExercise):
        return source.rstrip()
    fn = ast.parse(source).body[0]
    lines = source.splitlines()
    return textwrap.dedent("\n".join(lines[fn.body[0].lineno - 1 :])).rstrip()


def answer_source(exercise, stub: str) -> str:
    """The stub with the solution in an nbgrader solution region.

    A function stub's ``...`` body line becomes the region (the solution's body, at the same
    indentation); after a value stub's ``name = ...`` lines (kept, so the learner's version still
    names the answer) comes the region with the solution's code.
    """
    lines = stub.splitlines()
    where = _placeholder_lines(stub)
    if not where:
        raise ValueError(f"exercise {exercise.id}: its stub has no `...` line to put the solution in")
    body = _solution_body(exercise).splitlines()
    if lines[where[0]].strip().startswith("..."):  # a function's body
        indent = lines[where[0]][: len(lines[where[0]]) - len(lines[where[0]].lstrip())]
        region = [f"{indent}{BEGIN_SOLUTION}", *(f"{indent}{b}" if b else "" for b in body), f"{indent}{END_SOLUTION}"]
        return "\n".join([*lines[: where[0]], *region, *lines[where[0] + 1 :]])
    last = where[-1]
    return "\n".join([*lines[: last + 1], BEGIN_SOLUTION, *body, END_SOLUTION, *lines[last + 1 :]])


def grading_cell_source(exercise, hidden_seed: int = HIDDEN_SEED_BASE) -> str:
    """The autograded test cell: the learner's own check, then the hidden one on new inputs."""
    names = exercise.answer_name
    number = int(exercise.id.replace(".", ""))
    more = (
        "\n# When your teacher grades, hidden tests also run your function on new inputs."
        if isinstance(exercise, ex.FunctionExercise)
        else ""
    )
    return "\n".join(
        [
            f"# Tests of exercise {exercise.id} (do not change this cell).{more}",
            f'ex.assert_correct("{exercise.id}", {names})  # fails with the hint your check shows',
            BEGIN_HIDDEN,
            f'ex.assert_correct("{exercise.id}", {names}, seed={hidden_seed + number})',
            END_HIDDEN,
        ]
    )


def exercise_cells(source: Path) -> list[tuple[str, str, str]]:
    """``(exercise id, prompt markdown, stub code)`` of every exercise in a lesson's text file, in order."""
    found, prompt = [], None
    for cell in nbtools.load_source(source):
        if "exercise" not in cell.metadata.get("tags", []):
            continue
        if cell.cell_type == "markdown":
            prompt = cell.source
        else:
            match = re.match(r"### Exercise (\d\d\.\d+)", prompt or "")
            if match is None:
                raise ValueError(f"{source.name}: an exercise stub without its '### Exercise NN.k' prompt before it")
            found.append((match.group(1), prompt, cell.source))
            prompt = None
    return found


def assignment(source: Path, *, points: int = 1, hidden_seed: int = HIDDEN_SEED_BASE) -> NotebookNode:
    """The nbgrader source notebook (with solutions and hidden tests) for one notebook's exercises."""
    exercises = exercise_cells(source)
    if not exercises:
        raise ValueError(f"{source.name} has no exercises")
    lesson = nbtools.notebook_for(source).name
    total = points * len(exercises)
    intro = new_markdown_cell(
        f"# Assignment {source.stem[:2]}: the exercises of {lesson}\n\n"
        f"Work through the notebook {lesson} of the series first: the exercises refer to its sections. For each "
        f"exercise, replace `{CODE_STUB}` with your code and run the cell: the line after your code checks it "
        f"(✅, or a hint). {len(exercises)} exercises, {points} point(s) each, {total} in all: an exercise "
        "scores when the test cell after it runs without error, and your teacher runs it on new inputs too.\n\n"
        "Do not change the read-only cells. Before you submit: *Kernel → Restart Kernel and Run All Cells*."
    )
    cells = [_nbgrader(intro, "intro", locked=True), _nbgrader(new_code_cell(SETUP), "setup", locked=True)]
    for exercise_id, prompt, stub in exercises:
        exercise = ex.get(exercise_id)
        key = exercise_id.replace(".", "_")
        cells += [
            _nbgrader(new_markdown_cell(prompt), f"prompt_{key}", locked=True),
            _nbgrader(new_code_cell(answer_source(exercise, stub)), f"answer_{key}", solution=True),
            _nbgrader(
                new_code_cell(grading_cell_source(exercise, hidden_seed)),
                f"tests_{key}",
                grade=True,
                locked=True,
                points=points,
            ),
        ]
    nb = new_notebook(cells=cells, metadata=dict(nbtools.NOTEBOOK_METADATA))
    nb.nbformat, nb.nbformat_minor = 4, 5
    for k, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{k:03d}"
    nbformat.validate(nb)
    return nb


def write_course(
    out: Path, sources: list[Path], *, points: int = 1, hidden_seed: int = HIDDEN_SEED_BASE, release: bool = True
) -> list[str]:
    """The nbgrader course folder; returns the assignment names."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "nbgrader_config.py").write_text(NBGRADER_CONFIG, encoding="utf-8")
    names = []
    for source in sources:
        name = source.stem
        folder = out / "source" / name
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(assignment(source, points=points, hidden_seed=hidden_seed), folder / f"{name}.ipynb")
        names.append(name)
        if release:
            nbgrader(out, "generate_assignment", name, "--force")
    return names


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``nbgrader`` in a course folder (with this Python); raises with its output when it fails."""
    env = dict(os.environ)  # nbgrader runs `alembic` (installed beside this Python) by name
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True, text=True, timeout=900
    )
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


# ------------------------------------------------------------------ the learner copy


def _ignore_solutions(folder: str, names: list[str]) -> set[str]:
    skip = {n for n in names if n in ("__pycache__", ".ipynb_checkpoints") or n.endswith(".pyc")}
    if Path(folder).name == "exercises":
        skip.add("solutions")
    return skip


def write_learner(out: Path, names: list[str]) -> None:
    """The series without solutions: notebooks, package (without its solutions) and data."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "linreg_helpers", out / "linreg_helpers", ignore=_ignore_solutions)
    shutil.copytree(ROOT / "data", out / "data", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("README.md", "LICENSE"):
        shutil.copy2(ROOT / name, out / name)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    line = re.compile(rf'^\s*"{re.escape(SOLUTIONS_PACKAGE)}",.*\n', flags=re.MULTILINE)
    if len(line.findall(pyproject)) != 1:
        raise ValueError(f"pyproject.toml should list {SOLUTIONS_PACKAGE!r} once, on a line of its own")
    (out / "pyproject.toml").write_text(line.sub("", pyproject), encoding="utf-8")
    notebooks = out / "notebooks"
    notebooks.mkdir()
    for path in strip_solutions._select(names):
        nb, _ = strip_solutions.strip_solutions(nbformat.read(path, as_version=4))
        nbformat.validate(nb)
        nbformat.write(nb, notebooks / path.name)


def _sources(names: list[str]) -> list[Path]:
    chosen = [s for s in nbtools.sources() if not names or s.stem in names or s.stem[:2] in names]
    unknown = set(names) - {s.stem for s in chosen} - {s.stem[:2] for s in chosen}
    if unknown:
        sys.exit(f"no text file in lessons/ for {sorted(unknown)}; have {[s.stem for s in nbtools.sources()]}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="notebooks, e.g. 04_gradient_descent or 04 (default: all)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: artifacts/assignments/)")
    parser.add_argument("--points", type=int, default=1, help="points per exercise (default: 1)")
    parser.add_argument(
        "--hidden-seed",
        type=int,
        default=HIDDEN_SEED_BASE,
        help="base of the hidden inputs' seeds (default: %(default)s, public in this script: pick your own)",
    )
    parser.add_argument("--no-release", action="store_true", help="skip nbgrader generate_assignment")
    args = parser.parse_args(argv)
    if args.points < 1:
        sys.exit(f"--points must be a whole number of at least 1, got {args.points}")
    out = args.out.resolve()
    if out == ROOT or ROOT.is_relative_to(out) or out in (ROOT / "notebooks", ROOT / "linreg_helpers"):
        sys.exit(f"refusing to write into {out}: choose an empty folder such as artifacts/assignments")
    sources = _sources(args.names)
    write_learner(out / "learner", [s.stem for s in sources] if args.names else [])
    print(f"learner copy without solutions -> {out / 'learner'}", flush=True)
    course = write_course(
        out / "nbgrader", sources, points=args.points, hidden_seed=args.hidden_seed, release=not args.no_release
    )
    for name in course:
        where = "release" if not args.no_release else "source"
        print(f"{name}: nbgrader assignment -> {out / 'nbgrader' / where / name}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
