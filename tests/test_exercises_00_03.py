"""The exercise-checking framework (``linreg_helpers.exercises``) and the exercises of notebooks 00–03.

The first tests run over **every** registered exercise, so exercises added for
later notebooks are covered too: the solution is accepted, each typical
mistake's example gets that mistake's hint, a stub says "not answered yet", and
the solution shown in the notebook runs and is accepted.
"""

from __future__ import annotations

import numpy as np
import pytest

import linreg_helpers as lh
from linreg_helpers import exercises as ex
from linreg_helpers.exercises import FunctionExercise, ValueExercise

ALL = sorted(ex.REGISTRY)
MISTAKES = [(e.id, m.key) for e in ex.REGISTRY.values() for m in e.mistakes]


# ------------------------------------------------------------------ every exercise


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


def test_mistake_examples_are_really_wrong():
    for e in ex.REGISTRY.values():
        for m in e.mistakes:
            assert not e.check(m.example).correct, (e.id, m.key)


def test_every_notebook_00_to_03_has_at_least_three_exercises():
    for nb in ("00", "01", "02", "03"):
        assert sum(i.startswith(nb + ".") for i in ALL) >= 3, nb


def test_check_functions_are_exported():
    for name in [
        "check_mse",
        "check_mae",
        "check_rmse",
        "check_huber",
        "check_best_constant",
        "check_predict",
        "check_predict_matrix",
        "check_residuals",
        "check_design_matrix",
        "check_mse_gradient",
        "check_mse_gradient_matrix",
        "check_numerical_gradient",
        "check_mae_gradient",
        "check_grid",
        "check_mean",
        "check_dot",
    ]:
        assert callable(getattr(ex, name)), name


def test_unknown_exercise_id_lists_the_known_ones():
    with pytest.raises(KeyError, match=r"02\.1"):
        ex.check("99.9", 1.0)


def test_duplicate_id_from_another_module_is_refused():
    with pytest.raises(ValueError, match="already used"):
        ValueExercise(id="02.1", title="clash", answer_name="x", solution=lambda: 1.0)


# ------------------------------------------------------------------ learner-style answers
# Written independently of the mistake examples, the way a learner might write them.


def mse_with_loop_and_no_mean(y_true, y_pred):
    total = 0.0
    for t, p in zip(y_true, y_pred, strict=True):
        total += (p - t) ** 2
    return total


def mse_with_half(y_true, y_pred):
    return 0.5 * ((y_true - y_pred) ** 2).mean()


def grad_with_y_minus_yhat(x, y, w, b):
    e = y - (w * x + b)
    return 2 * np.mean(e * x), 2 * np.mean(e)


def grad_with_half_convention(x, y, w, b):
    e = w * x + b - y
    return (e @ x) / len(x), e.sum() / len(x)


def grad_forgetting_bias(x, y, w, b):
    y_hat = w * x
    return 2 * np.mean((y_hat - y) * x), 2 * np.mean(y_hat - y)


def grad_matrix_as_column(X, y, w, b):
    r = X @ w + b - y
    return 2 / len(y) * (X.T @ r).reshape(-1, 1), 2 / len(y) * r.sum()


@pytest.mark.parametrize(
    ("check", "answer", "expected_mistake"),
    [
        (ex.check_mse, mse_with_loop_and_no_mean, "sum"),
        (ex.check_mse, mse_with_half, "half"),
        (ex.check_mse, lambda t, p: np.sqrt(((t - p) ** 2).mean()), "root"),
        (ex.check_mae, lambda t, p: abs(sum(p - t)) / len(t), "abs_of_mean"),
        (ex.check_rmse, lambda t, p: np.mean(np.abs(t - p)), "root_too_early"),
        (ex.check_mse_gradient, grad_with_y_minus_yhat, "sign"),
        (ex.check_mse_gradient, grad_with_half_convention, "one_over_n"),
        (ex.check_mse_gradient, grad_forgetting_bias, "no_bias"),
        (ex.check_predict, lambda x, w, b: x * w, "no_bias"),
        (ex.check_residuals, lambda x, y, w, b: y - w * x - b, "sign"),
        (
            ex.check_mae_gradient,
            lambda x, y, w, b: (2 * np.mean(np.sign(w * x + b - y) * x), 2 * np.mean(np.sign(w * x + b - y))),
            "two",
        ),
    ],
)
def test_learner_style_wrong_answers_get_the_targeted_hint(check, answer, expected_mistake):
    result = check(answer)
    assert not result.correct
    assert result.mistake == expected_mistake, result.message


@pytest.mark.parametrize(
    ("check", "answer"),
    [
        (ex.check_mse, lambda t, p: ((t - p) ** 2).mean()),  # y − ŷ is fine inside a square
        (ex.check_mse, lambda t, p: sum((pi - ti) ** 2 for ti, pi in zip(t, p, strict=True)) / len(t)),  # a plain loop
        (ex.check_mse_gradient, lambda x, y, w, b: [2 * np.mean((w * x + b - y) * x), 2 * np.mean(w * x + b - y)]),
        (ex.check_predict_matrix, lambda X, w, b: np.dot(X, w) + b),
        (ex.check_predict_matrix, lambda X, w, b: (X @ w.reshape(-1, 1)).ravel() + b),
        (ex.check_mse_gradient_matrix, lambda X, y, w, b: lh.mse_gradient(X, y, w, b)),
    ],
)
def test_equivalent_right_answers_are_accepted(check, answer):
    result = check(answer)
    assert result.correct, result.message


def test_design_matrix_accepts_either_consistent_column_order():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    assert ex.check_design_matrix(np.column_stack([x, np.ones(4)]), [1.5, 0.5]).correct
    assert ex.check_design_matrix(np.column_stack([np.ones(4), x]), np.array([[0.5], [1.5]])).correct


def test_wrong_shape_is_named():
    result = ex.check_mse_gradient_matrix(grad_matrix_as_column)
    assert not result.correct
    assert "shape" in result.message


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
