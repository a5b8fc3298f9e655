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


# ------------------------------------------------------------------ wrong answers the review found accepted (00–03)
# Each was ✅ before; now each is rejected, with the named hint.


def _central(f, w, b, h):
    return (f(w + h, b) - f(w - h, b)) / (2 * h), (f(w, b + h) - f(w, b - h)) / (2 * h)


def _mae_sub(x, y, w, b, sign):
    s = sign(w * x + b - y)
    return np.mean(s * x), np.mean(s)


def _mse_grad_abs_x(x, y, w, b):
    r = w * x + b - y
    return 2 * np.mean(r * np.abs(x)), 2 * np.mean(r)


def _mse_grad_matrix_half(X, y, w, b):
    r = X @ w + b - y
    return X.T @ r / (2 * len(y)), r.sum() / (2 * len(y))


@pytest.mark.parametrize(
    ("check", "answer", "expected_mistake"),
    [
        # finding 27: "without np.mean"
        (ex.check_mean, lambda v: np.mean(v), "forbidden"),
        (ex.check_mean, np.mean, "forbidden"),
        (ex.check_mean, lambda v: v.mean(), "forbidden"),
        (ex.check_mean, lambda v: np.average(v), "forbidden"),
        # finding 9: a quadratic test loss let a wrong or ignored h pass
        (ex.check_numerical_gradient, lambda f, w, b, h: _central(f, w, b, 1e-5), "own_small_h"),
        (ex.check_numerical_gradient, lambda f, w, b, h: _central(f, w, b, 1e-6), "own_small_h"),
        (ex.check_numerical_gradient, lambda f, w, b, h: _central(f, w, b, 0.5), None),
        (ex.check_numerical_gradient, lambda f, w, b, h: _central(f, w, b, 10.0), None),
        (
            ex.check_numerical_gradient,
            lambda f, w, b, h: ((f(w + 1e-8, b) - f(w, b)) / 1e-8, (f(w, b + 1e-8) - f(w, b)) / 1e-8),
            "own_small_h",
        ),
        # finding 10: positive-only features and no zero residual
        (ex.check_mse_gradient, _mse_grad_abs_x, "abs_x"),
        (
            ex.check_mae_gradient,
            lambda x, y, w, b: (np.mean(np.sign(w * x + b - y) * np.abs(x)), np.mean(np.sign(w * x + b - y))),
            "abs_x",
        ),
        (
            ex.check_mae_gradient,
            lambda x, y, w, b: _mae_sub(x, y, w, b, lambda r: np.where(r >= 0, 1, -1)),
            "sign_of_zero",
        ),
        (
            ex.check_mae_gradient,
            lambda x, y, w, b: _mae_sub(x, y, w, b, lambda r: np.where(r > 0, 1, -1)),
            "sign_of_zero_negative",
        ),
        (ex.check_mae_gradient, lambda x, y, w, b: _mae_sub(x, y, w, b, lambda r: r / np.abs(r)), "divide_by_abs"),
        # finding 28: ½·MSE with the 2 left out, in matrix form
        (ex.check_mse_gradient_matrix, _mse_grad_matrix_half, "one_over_2n"),
        # finding 8: the forgotten return
        (ex.check_predict, lambda x, w, b: print(w * x + b), "returned_none"),
    ],
)
def test_answers_the_review_found_accepted_are_now_rejected(check, answer, expected_mistake):
    result = check(answer)
    assert not result.correct, result.message
    assert result.mistake == expected_mistake, result.message


def test_design_matrix_with_section_6_values_names_both_causes():
    """Finding 12: copying section 6 (w = 0.5, b = 1.5) is named, not only blamed on the order of theta."""
    x = np.array([1.0, 2.0, 3.0, 4.0])
    for A, theta in [
        (np.column_stack([x, np.ones(4)]), np.array([0.5, 1.5])),  # section 6 copied, [w, b] order right
        (np.column_stack([np.ones(4), x]), np.array([1.5, 0.5])),  # section 6 copied, ones first, [b, w]
    ]:
        result = ex.check_design_matrix(A, theta)
        assert not result.correct
        assert "values of section 6" in result.message and "w = 1.5 and b = 0.5" in result.message


def test_best_constant_coarse_grids_say_which_part_and_the_precision():
    """Finding 26: a 100-value grid and a grid up to 10 get told which constant is off."""
    cs = np.linspace(0, 100, 100)
    y = np.array([1.0, 2.0, 3.0, 4.0, 100.0])
    c_mse = cs[np.argmin([lh.mse(y, np.full_like(y, c)) for c in cs])]
    c_mae = cs[np.argmin([lh.mae(y, np.full_like(y, c)) for c in cs])]
    result = ex.check_best_constant(c_mse, c_mae)
    assert "`c_mse` is close, but not within the precision asked (±0.05)" in result.message
    assert "`c_mae` is right" in result.message
    assert "within 0.05" in ex.get("02.5").hint


@pytest.mark.parametrize(
    ("check", "answer"),
    [
        # right answers in other styles still pass
        (ex.check_mean, lambda v: sum(v) / len(v)),
        (ex.check_mean, lambda v: np.sum(v) / v.size),
        (ex.check_mean, lambda v: np.add.reduce(v) / v.shape[0]),
        (ex.check_numerical_gradient, _central),
        (
            ex.check_numerical_gradient,
            lambda f, w, b, h: np.array([f(w + h, b) - f(w - h, b), f(w, b + h) - f(w, b - h)]) / (2 * h),
        ),
        (ex.check_mse_gradient, lambda x, y, w, b: (2 * np.mean((w * x + b - y) * x), 2 * np.mean(w * x + b - y))),
        (
            ex.check_mae_gradient,
            lambda x, y, w, b: (
                sum(np.sign(r) * xi for r, xi in zip(w * x + b - y, x, strict=True)) / len(x),
                sum(np.sign(r) for r in w * x + b - y) / len(x),
            ),
        ),
        (ex.check_mae_gradient, lambda x, y, w, b: lh.mae_gradient(x, y, w, b)),
        (
            ex.check_mse_gradient_matrix,
            lambda X, y, w, b: (2 / len(y) * (X.T @ (X @ w + b - y)), 2 * np.mean(X @ w + b - y)),
        ),
    ],
)
def test_right_answers_in_other_styles_still_pass(check, answer):
    result = check(answer)
    assert result.correct, result.message
