"""The exercises of notebooks 00–03: their check functions, and answers written the way a learner would.

What every exercise must do (solution accepted, each typical mistake's example gets its hint,
stubs say "not answered yet", …) and the checking framework itself are tested, for every
registered exercise, in ``tests/test_exercises.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

import linreg_helpers as lh
from linreg_helpers import exercises as ex


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
