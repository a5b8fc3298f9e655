"""What every exercise of the series must do, and the checking framework (``linreg_helpers.exercises``).

The tests here run over **every** registered exercise, so an exercise added for a new
notebook is covered without a line of test code: its solution is accepted, the
solution shown in the notebook runs and is accepted, each typical mistake's example
gets that mistake's hint (and is judged wrong), a stub says "not answered yet", a
function exercise tries several seeded inputs, and the hints do not quote the answer.
The exercise cells of every notebook run as shipped and say "not answered yet".

Answers written the way a learner would (independently of the mistake examples) are
tested per notebook: ``tests/test_exercises_00_03.py``, ``…_04_06.py``, ``…_07.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import numpy as np
import pytest

import linreg_helpers as lh
from linreg_helpers import exercises as ex
from linreg_helpers.exercises import FunctionExercise, ValueExercise

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ALL = sorted(ex.REGISTRY)
MISTAKES = [(e.id, m.key) for e in ex.REGISTRY.values() for m in e.mistakes]


# ------------------------------------------------------------------ every registered exercise


@pytest.mark.parametrize("exercise_id", ALL)
def test_solution_is_correct(exercise_id):
    e = ex.get(exercise_id)
    result = ex.check(exercise_id, e.solution_answer())
    assert result.correct, result.message
    assert result.status == "correct"
    assert repr(result).startswith("✅ Correct")


@pytest.mark.parametrize(("exercise_id", "key"), MISTAKES, ids=[f"{i}-{k}" for i, k in MISTAKES])
def test_typical_mistake_gets_its_hint(exercise_id, key):
    e = ex.get(exercise_id)
    mistake = next(m for m in e.mistakes if m.key == key)
    result = e.check(mistake.example)
    assert not result.correct
    assert result.mistake == key, f"expected the {key!r} hint, got: {result.message}"
    assert mistake.hint in result.message
    assert result.message.startswith("❌")


@pytest.mark.parametrize("exercise_id", ALL)
def test_shown_solution_runs_and_is_accepted(exercise_id):
    """The code shown in the notebook's collapsed solution cell is itself a correct answer."""
    e = ex.get(exercise_id)
    namespace = {"np": np, "lh": lh}
    exec(compile(e.solution_source(), f"<solution {exercise_id}>", "exec"), namespace)
    names = [n.strip() for n in e.answer_name.split(",")]
    result = e.check(*(namespace[n] for n in names))
    assert result.correct, result.message


@pytest.mark.parametrize("exercise_id", ALL)
def test_unanswered_stub_says_so_and_does_not_raise(exercise_id):
    e = ex.get(exercise_id)
    n_parts = len(e.answer_name.split(","))
    stubs = [(...,) * n_parts, (None,) * n_parts]
    if isinstance(e, FunctionExercise):

        def returns_none(*args): ...

        def not_implemented(*args):
            raise NotImplementedError

        stubs += [(returns_none,), (not_implemented,)]
    for stub in stubs:
        result = e.check(*stub)
        assert result.status == "unanswered", (stub, result.message)
        assert not result.correct and not result.answered
        assert "not answered yet" in repr(result)


def _few_numbers(exercise_id):
    """The expected numbers of a value exercise whose answer is at most 4 numbers, else None."""
    e = ex.get(exercise_id)
    if not isinstance(e, ValueExercise):
        return None
    ref = e._reference_outputs()[0]
    parts = ref if isinstance(ref, tuple) else (ref,)
    values = np.concatenate([np.ravel(np.asarray(p, dtype=float)) for p in parts])
    return values if values.size <= 4 else None


@pytest.mark.parametrize("exercise_id", [i for i in ALL if _few_numbers(i) is not None])
def test_hints_do_not_quote_the_answer(exercise_id):
    e = ex.get(exercise_id)
    messages = [m.hint for m in e.mistakes] + [e.hint]
    for value in _few_numbers(exercise_id):
        text = f"{value:g}"
        if len(text) >= 2:  # single digits occur in any text
            assert all(text not in msg for msg in messages), (text, messages)


@pytest.mark.parametrize("exercise_id", [i for i in ALL if isinstance(ex.get(i), FunctionExercise)])
def test_function_exercises_use_several_seeded_inputs(exercise_id):
    e = ex.get(exercise_id)
    first, again = e.inputs(), e.inputs()
    assert len(first) >= 4
    for a, b in zip(first, again, strict=True):
        for u, v in zip(a, b, strict=True):
            if isinstance(u, np.ndarray):
                np.testing.assert_array_equal(u, v)


# ------------------------------------------------------------------ the framework


def test_unknown_exercise_id_lists_the_known_ones():
    with pytest.raises(KeyError, match=r"02\.1"):
        ex.check("99.9", 1.0)


def test_duplicate_id_from_another_module_is_refused():
    with pytest.raises(ValueError, match="already used"):
        ValueExercise(id="02.1", title="clash", answer_name="x", solution=lambda: 1.0)


def test_code_that_raises_is_reported_not_raised():
    def broken(y_true, y_pred):
        return undefined_name  # noqa: F821

    result = ex.check_mse(broken)
    assert not result.correct
    assert "NameError" in result.message


def test_passing_a_value_instead_of_a_function():
    result = ex.check_mse(lh.mse([1.0], [2.0]))
    assert not result.correct
    assert "wants a function" in result.message


def test_unrecognised_wrong_answer_gets_generic_hint_and_a_failing_input():
    result = ex.check_mse(lambda t, p: np.mean((p - t) ** 4))
    assert not result.correct and result.mistake is None
    assert "Hint:" in result.message and "For example, my_mse(" in result.message


def test_learner_function_cannot_change_the_test_inputs():
    def mutating(y_true, y_pred):
        y_true[:] = 0.0
        return np.mean((y_pred - y_true) ** 2)

    assert not ex.check_mse(mutating).correct
    assert ex.check_mse(ex.get("02.1").solution).correct


def test_no_numpy_warning_escapes_from_learner_code():
    # pyproject turns warnings into errors: a check must survive 0/0 in a learner's code
    result = ex.check_mse(lambda t, p: np.sum((p - t) ** 2) / 0.0)
    assert not result.correct


def test_result_is_small_and_shows_its_message():
    r = ex.check_mse(None)
    assert repr(r) == str(r) == r.message
    assert r.exercise == "02.1"


def test_wrong_shape_is_named():
    def grad_matrix_as_column(X, y, w, b):
        r = X @ w + b - y
        return 2 / len(y) * (X.T @ r).reshape(-1, 1), 2 / len(y) * r.sum()

    result = ex.check_mse_gradient_matrix(grad_matrix_as_column)
    assert not result.correct
    assert "shape" in result.message


# ------------------------------------------------------------------ the exercise cells as shipped


def _exercise_cells(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code" and "exercise" in c.metadata.get("tags", [])]


def _run_cell(source: str):
    """Run a cell's code and return the value of its last expression (as IPython would show it)."""
    tree = ast.parse(source)
    last = tree.body.pop()
    assert isinstance(last, ast.Expr), "an exercise cell ends with its check"
    namespace = {"np": np, "lh": lh, "ex": ex}
    exec(compile(tree, "<cell>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_exercise_cells_run_and_say_not_answered_yet(path):
    cells = _exercise_cells(path)
    assert len(cells) >= 3, f"{path.name}: {len(cells)} exercise cells"
    for source in cells:
        result = _run_cell(source)
        assert result.status == "unanswered", (source, result.message)
        assert "not answered yet" in repr(result)


# ------------------------------------------------------------------ forgotten return, answers of any kind, parts


def test_function_that_returns_none_is_told_it_forgot_return():
    """Finding 8: a written function that prints or forgets `return` is not "not answered yet"."""

    def prints_instead(v):
        print(sum(v) / len(v))

    def forgets_return(v):
        total = sum(v)
        total / len(v)  # the learner computes the mean and drops it

    for answer in (prints_instead, forgets_return, lambda v: print(v)):
        result = ex.check_mean(answer)
        assert result.status == "incorrect" and result.mistake == "returned_none", result.message
        assert "returned None – did you forget `return`?" in result.message


def test_function_returning_none_in_one_part_is_told_so():
    def half_done(x, y, w, b):
        dw = 2 * np.mean((w * x + b - y) * x)
        return dw, None

    result = ex.check_mse_gradient(half_done)
    assert result.mistake == "returned_none" and "did you forget `return`" in result.message


def test_untouched_stub_with_docstring_or_pass_still_says_not_answered():
    def with_docstring(v):
        """The learner's docstring."""
        ...

    def with_pass(v):
        pass

    for stub in (with_docstring, with_pass):
        assert ex.check_mean(stub).status == "unanswered"


class _Weird:
    def __array__(self, *args, **kwargs):
        raise RuntimeError("no array here")


WEIRD_ANSWERS = [
    "a string",
    b"bytes",
    (c for c in [1.0, 2.0]),
    map(float, [1, 2]),
    {"a": 1},
    {1.0, 2.0},
    [[1.0, 2.0], [3.0]],
    _Weird(),
    object(),
    complex(1, 2),
    lambda: 1 / 0,
    lambda a, b, c: a,
    print,
    np.mean,
    float("nan"),
    [None, 1.0],
]


@pytest.mark.parametrize("exercise_id", ALL)
def test_checks_never_raise_whatever_they_are_given(exercise_id):
    """A check answers with feedback for an answer of any kind, a function of any signature included."""
    e = ex.get(exercise_id)
    n_parts = len(e.answer_name.split(","))
    answers = [(a,) for a in WEIRD_ANSWERS] + [tuple(WEIRD_ANSWERS[:3]), ()]
    if n_parts > 1:
        answers += [("x",) * n_parts, ((c for c in [1.0]),) * n_parts]
    if isinstance(e, FunctionExercise):
        answers += [(lambda: 1.0,), (lambda *a: "text",), (lambda *a: (x for x in a),), (lambda *a: _Weird(),)]
    for answer in answers:
        result = e.check(*answer)
        assert isinstance(result, ex.Result), answer
        assert result.status in ("incorrect", "unanswered"), (answer, result.message)
        assert result.message.startswith(("❌", "⏳")), result.message


def test_several_part_value_answer_says_which_part_is_off():
    """Finding 26 / review 04–08 E6: which number is wrong, whether it is close, and that a count is whole."""
    coarse = ex.check_best_constant(22.22, 3.03)  # np.linspace(0, 100, 100): c_mse 0.22 off, c_mae within 0.05
    assert "`c_mse` is close, but not within the precision asked (±0.05)" in coarse.message
    assert "`c_mae` is right" in coarse.message
    short_grid = ex.check_best_constant(10.0, 3.0)  # a grid from 0 to 10
    assert "`c_mse` is off" in short_grid.message and "`c_mae` is right" in short_grid.message
    assert "22" not in short_grid.message  # no giveaway


@pytest.fixture
def budget_exercise():
    """A two-number value exercise like 05.4 (a step count and an example count), registered for one test."""
    e = ValueExercise(
        id="99.4",
        title="test budget",
        answer_name="n_steps, n_examples",
        solution=lambda: (80, 5000),
        hint="Count the batches.",
    )
    yield e
    del ex.REGISTRY["99.4"]


def test_a_count_must_be_whole_and_the_part_is_named(budget_exercise):
    steps = budget_exercise.check(78.125, 5000)
    assert "`n_steps` should be a whole number (it counts something), but yours is 78.125" in steps.message
    assert "`n_examples` is right" in steps.message
    examples = budget_exercise.check(80, 1000)
    assert "`n_steps` is right; `n_examples` is off." in examples.message
    assert budget_exercise.check(80.0, 5000.0).correct  # a whole number written as a float is fine


def test_multi_part_check_functions_take_any_number_of_parts():
    assert not ex.check_best_constant(22.0).correct  # one part: a message, not a TypeError
    assert "2 parts" in ex.check_best_constant(22.0, 3.0, 1.0).message
    assert ex.check_best_constant((22.0, 3.0)).correct  # the pair as one tuple is fine too
    assert not ex.check_design_matrix(np.ones((4, 2))).correct


def test_value_exercise_given_a_function_it_cannot_call():
    result = ex.check_grid(lambda start, stop: np.linspace(start, stop, 11))
    assert result.mistake == "function_not_value" and "wants the value of `x`" in result.message
