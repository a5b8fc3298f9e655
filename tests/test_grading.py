"""Graded assignments (issue 16, part 3): ``tools/make_assignments.py`` and its nbgrader round trip.

One module-scoped run of the tool (notebook 04) gives both the learner copy and the nbgrader course.
The round trip fills the released assignment once with the right answers (the source's solutions) and
once with typical wrong ones (the checkers' known mistakes, and an answer memorised for the public
inputs that only the hidden tests catch), grades both with ``nbgrader autograde`` itself, and checks
the scores. Review: ../shared/reviews/classroom.md §2–3.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from linreg_helpers import exercises as ex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import make_assignments as ma  # noqa: E402
import strip_solutions as ss  # noqa: E402

ASSIGNMENT = "04_gradient_descent"
IDS = ["04.1", "04.2", "04.3", "04.4"]

if importlib.util.find_spec("nbgrader") is None:  # pragma: no cover - the test extra installs it
    if os.environ.get("CI") == "true":
        raise RuntimeError("nbgrader is not installed: `pip install -e .[test]` (CI must run the grading test)")
    pytest.skip("nbgrader is not installed (pip install -e .[test])", allow_module_level=True)


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("assignments")
    assert ma.main([ASSIGNMENT[:2], "--out", str(out), "--points", "2", "--hidden-seed", "8675309"]) == 0
    return out


# ------------------------------------------------------------------ the learner copy


def _code_lines(text: str) -> list[str]:
    return [line.split("#")[0].rstrip() for line in text.splitlines() if line.split("#")[0].strip()]


def _solution_code(exercise) -> list[str]:
    """A solution's code lines, stripped, without comments, its def line (the stub's) or blank lines."""
    source = exercise.solution_source().splitlines()
    if isinstance(exercise, ex.FunctionExercise):
        source = source[1:]
    return [line.strip() for line in _code_lines("\n".join(source))]


def _stubs() -> dict[str, str]:
    return {i: stub for source in ma.nbtools.sources() for i, _, stub in ma.exercise_cells(source)}


def _texts(folder: Path) -> dict[Path, str]:
    texts = {}
    for path in folder.rglob("*"):
        if not path.is_file() or path.suffix not in (".py", ".ipynb", ".md", ".toml", ".txt", ".js", ".csv"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            text = "\n".join(cell.source for cell in nbformat.reads(text, as_version=4).cells)
        texts[path] = text
    return texts


def test_the_learner_copy_has_no_solution_anywhere(tmp_path):
    """The package and every notebook of a learner copy: no solution, as a whole or mostly.

    No file holds any exercise's solution code (comments aside), and no notebook holds more than half (and more
    than one) of the specific lines of one (16 characters or more, not in the exercise's own stub): a worked
    example may share a line or two with an exercise that practises the same formula, not most of its answer.
    (The package's checkers hold variants of many answers, the typical mistakes; the library itself
    computes every reference. What a learner build leaves out is the solutions as written.)
    """
    learner = tmp_path / "learner"
    ma.write_learner(learner, [])  # every notebook
    texts = _texts(learner)
    notebooks = [p for p in texts if p.suffix == ".ipynb"]
    assert len(notebooks) == len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    assert not (learner / "linreg_helpers" / "exercises" / "solutions").exists()
    assert ma.SOLUTIONS_PACKAGE not in texts[learner / "pyproject.toml"]
    exercises = [e for i, e in sorted(ex.REGISTRY.items()) if not i.startswith("99")]  # 99.x: other tests' own
    assert len(exercises) >= 38
    stubs = _stubs()
    for path, text in texts.items():
        code_lines = [line.strip() for line in _code_lines(text)]
        code, lines = "\n".join(code_lines), set(code_lines)
        assert not re.search(r"<summary>.*Solution", text), path
        for exercise in exercises:
            solution = _solution_code(exercise)
            assert "\n".join(solution) not in code, (exercise.id, path)
            if path not in notebooks:
                continue
            own = {line.strip() for line in _code_lines(stubs[exercise.id])}
            specific = {
                line for line in solution if len(line) >= 16 and not line.startswith("return") and line not in own
            }
            shared = specific & lines
            assert len(shared) < 2 or len(shared) <= len(specific) / 2, (exercise.id, path.name, sorted(shared))


def test_every_check_works_without_the_solutions():
    """A learner build has no solutions: no exercise may need one to check an answer (instant, static)."""
    for exercise_id, exercise in ex.REGISTRY.items():
        if exercise_id.startswith("99"):
            continue
        reference = getattr(exercise, "reference", None)
        if isinstance(exercise, ex.ValueExercise):
            assert reference is not None, f"{exercise_id}: a value exercise needs a reference, not its solution"
        assert reference is not exercise.solution, exercise_id
        for fn in [reference, *(m.example for m in exercise.mistakes)]:
            module = getattr(fn, "__module__", "") or ""
            assert not module.startswith(ma.SOLUTIONS_PACKAGE), (exercise_id, fn)
            names = set(getattr(getattr(fn, "__code__", None), "co_names", ()))
            assert not any(n.startswith("_solution_") for n in names), (exercise_id, fn)


def test_the_learner_package_checks_answers_but_has_no_solutions(made):
    """In a fresh interpreter on the learner copy: notebook 04's checks work (right and known-mistake answers
    are told apart); asking for a solution says why there is none."""
    script = f"""
import numpy as np
import linreg_helpers as lh
import linreg_helpers.exercises as ex
assert not ex.SOLUTIONS_INCLUDED
for exercise_id in {IDS!r}:
    exercise = ex.get(exercise_id)
    for mistake in exercise.mistakes[:2]:
        result = exercise.check(mistake.example)
        assert result.mistake == mistake.key, (exercise_id, result)
assert ex.check("04.3", lh.largest_stable_learning_rate).correct
for call in (lambda: ex.get("04.4").solution(), lambda: ex.get("04.1").solution_source()):
    try:
        call()
    except LookupError as err:
        assert "not part of this copy" in str(err), err
    else:
        raise AssertionError("a learner copy gave a solution")
print(lh.__file__)
"""
    learner = made / "learner"
    env = {**os.environ, "PYTHONPATH": str(learner)}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=learner, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(learner), "the learner copy's package was not the one imported"


# ------------------------------------------------------------------ the nbgrader round trip


def _filled(release: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    nb = nbformat.from_dict(release)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.startswith("answer_"):
            cell.source = answers[grade_id.removeprefix("answer_").replace("_", ".")]
    return nb


def _right_answers(source: nbformat.NotebookNode) -> dict[str, str]:
    """The source's answer cells without nbgrader's markers: what a learner who solved everything writes."""
    answers = {}
    for cell in source.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.startswith("answer_"):
            kept = [
                line for line in cell.source.splitlines() if line.strip() not in (ma.BEGIN_SOLUTION, ma.END_SOLUTION)
            ]
            answers[grade_id.removeprefix("answer_").replace("_", ".")] = "\n".join(kept)
    return answers


def _mistake(exercise_id: str, k: int = 0) -> str:
    """An answer cell that submits the exercise's k-th known mistake."""
    exercise = ex.get(exercise_id)
    value = f'ex.get("{exercise_id}").mistakes[{k}].example'
    if isinstance(exercise, ex.ValueExercise):
        value = f"(lambda m: m() if callable(m) else m)({value})"
    return f"{exercise.answer_name} = {value}"


MEMORISED = """\
_public = {x.tobytes(): lh.largest_stable_learning_rate(x) for (x,) in ex.get("04.3").inputs()}


def my_largest_stable_rate(x):  # right on every input the learner's check uses, and only there
    return _public.get(np.asarray(x).tobytes(), 0.1)
"""


def test_nbgrader_grades_right_and_typical_wrong_answers(made):
    course = made / "nbgrader"
    release = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    source = nbformat.read(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    released = "\n".join(cell.source for cell in release.cells)
    assert ma.BEGIN_HIDDEN not in released and ma.BEGIN_SOLUTION not in released
    hidden = "\n".join(cell.source for cell in source.cells)
    assert 'ex.assert_correct("04.1", my_gd_step, seed=8675350)' in hidden  # --hidden-seed plus "041"
    released_code = "\n".join(line.strip() for line in _code_lines(released))
    for exercise_id in IDS:  # the learner's version has no solution, and its checks are there
        assert "\n".join(_solution_code(ex.get(exercise_id))) not in released_code, exercise_id
        assert f'ex.assert_correct("{exercise_id}"' in released
    right = _right_answers(source)
    assert sorted(right) == IDS
    wrong = {
        "04.1": _mistake("04.1"),  # a step uphill
        "04.2": right["04.2"],
        "04.3": MEMORISED,  # passes the learner's own check; the hidden tests' new inputs catch it
        "04.4": _mistake("04.4"),  # one step too many
    }
    for student, answers in (("right", right), ("wrong", wrong)):
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(_filled(release, answers), folder / f"{ASSIGNMENT}.ipynb")
    ma.nbgrader(course, "autograde", ASSIGNMENT, "--create")

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        assert gradebook.find_assignment(ASSIGNMENT).max_score == 2 * len(IDS)
        scores = {s: gradebook.find_submission(ASSIGNMENT, s).score for s in ("right", "wrong")}
        per_exercise = {
            exercise_id: gradebook.find_grade(f"tests_{exercise_id.replace('.', '_')}", ASSIGNMENT, ASSIGNMENT, "wrong")
            for exercise_id in IDS
        }
        per_exercise = {k: g.score for k, g in per_exercise.items()}
    assert scores == {"right": 8.0, "wrong": 2.0}
    assert per_exercise == {"04.1": 0.0, "04.2": 2.0, "04.3": 0.0, "04.4": 0.0}
    graded = nbformat.read(course / "autograded" / "wrong" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    feedback = {
        c.metadata["nbgrader"]["grade_id"]: str(c.get("outputs", "")) for c in graded.cells if "nbgrader" in c.metadata
    }
    assert ex.get("04.1").mistakes[0].hint[:40] in feedback["tests_04_1"]  # the checker's hint, as nbgrader feedback
    assert "On new inputs" in feedback["tests_04_3"]
    assert ex.get("04.4").mistakes[0].hint[:40] in feedback["tests_04_4"]


def test_every_notebooks_assignment_passes_its_own_tests_with_its_solutions():
    """Each notebook's assignment, its cells run in order in one namespace (no kernel): the answers with the
    solution region pass every test cell, hidden parts included; the released stubs fail every one."""
    for source in ma.nbtools.sources():
        nb = ma.assignment(source)
        solved, released, failed = {}, {}, 0
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            kind = cell.metadata["nbgrader"]["grade_id"].split("_")[0]
            markers = (ma.BEGIN_SOLUTION, ma.END_SOLUTION, ma.BEGIN_HIDDEN, ma.END_HIDDEN)
            exec("\n".join(line for line in cell.source.splitlines() if line.strip() not in markers), solved)
            stub = re.sub(
                rf"^( *){ma.BEGIN_SOLUTION}\n.*?^ *{ma.END_SOLUTION}$",
                rf"\1{ma.CODE_STUB}",
                cell.source,
                flags=re.MULTILINE | re.DOTALL,
            )
            try:
                exec(stub, released)
            except AssertionError:
                failed += kind == "tests"
        assert failed == len(ma.exercise_cells(source)), source.stem


def test_make_assignments_refuses_bad_arguments(tmp_path):
    for args in (["99", "--out", str(tmp_path)], ["04", "--out", str(ROOT)], ["04", "--points", "0"]):
        with pytest.raises(SystemExit) as stop:
            ma.main(args)
        assert stop.value.code not in (0, None), args
    assert ss.SOLUTION_TAG == "solution"  # the learner notebooks are the hand-outs of tools/strip_solutions.py
