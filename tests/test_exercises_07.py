"""The exercises of ``07_many_features``.

``tests/test_exercises.py`` runs the checks every exercise must pass (solution accepted, each
mistake's example gets its hint, stubs say "not answered yet"). Here:
the exercises of notebook 07 exist and are shown in the notebook, and wrong answers written the
way a learner would write them (independently of the mistake examples) get the targeted hint,
while equivalent right answers are accepted.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest

import linreg_helpers as lh
from linreg_helpers import exercises as ex

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "07_many_features.ipynb"
IDS = ["07.1", "07.2", "07.3", "07.4", "07.5"]
CHECKS = {
    "07.1": "check_add_ones_column",
    "07.2": "check_gradient_theta",
    "07.3": "check_normal_equation",
    "07.4": "check_standardise",
    "07.5": "check_unscale",
}


@pytest.mark.parametrize("exercise_id", IDS)
def test_exercise_is_registered_exported_and_solved(exercise_id):
    e = ex.get(exercise_id)
    check = getattr(ex, CHECKS[exercise_id])
    assert check(e.solution_answer()).correct
    assert check(...).status == "unanswered"
    assert len(e.mistakes) >= 3, "each exercise recognises several typical mistakes"


def test_notebook_shows_each_exercise_with_its_check_and_solution_once():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    for exercise_id, check in CHECKS.items():
        assert f"### Exercise {exercise_id} " in text
        assert f"ex.{check}(" in text
        assert text.count(f"<b>Solution {exercise_id}</b>") == 1
        solution = ex.get(exercise_id).solution_source().strip()
        assert text.count(solution) == 1, f"the solution of {exercise_id} is written once, in its collapsed block"


# ------------------------------------------------------------------ learner-style answers


def design_without_ones(X):
    return X


def design_with_hstack_ones_first(X):
    return np.hstack([np.ones((len(X), 1)), X])


def design_with_zeros(X):
    return np.c_[X, np.zeros(len(X))]


def gradient_with_X_not_XT(A, y, theta):
    return 2 * np.mean(A @ (A @ theta - y))  # raises: the shapes do not match


def gradient_half(A, y, theta):
    e = A @ theta - y
    return A.T.dot(e) / len(y)


def gradient_sum(A, y, theta):
    return 2 * A.T @ (A @ theta - y)


def gradient_y_minus_yhat(A, y, theta):
    e = y - A @ theta
    return 2 / len(y) * A.T @ e


def fit_without_ones(X, y):
    theta = np.linalg.inv(X.T @ X) @ X.T @ y
    return theta, 0.0


def fit_forgetting_At_on_the_right(X, y):
    A = np.c_[X, np.ones(len(y))]
    theta = np.linalg.solve(A.T @ A, y)
    return theta[:-1], theta[-1]


def fit_returning_theta(X, y):
    A = np.c_[X, np.ones(len(y))]
    return np.linalg.solve(A.T @ A, A.T @ y)


def standardise_test_with_its_own_stats(X_train, X_test):
    def z(M):
        return (M - M.mean(axis=0)) / M.std(axis=0)

    return z(X_train), z(X_test)


def standardise_with_all_data(X_train, X_test):
    everything = np.concatenate([X_train, X_test])
    mu, sigma = everything.mean(axis=0), everything.std(axis=0)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def standardise_pandas_style(X_train, X_test):
    mu, sigma = X_train.mean(axis=0), np.std(X_train, axis=0, ddof=1)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def unscale_forgotten(w_std, b_std, mean, std):
    return w_std, b_std


def unscale_bias_left_alone(w_std, b_std, mean, std):
    return w_std / std, b_std


@pytest.mark.parametrize(
    ("check", "answer", "expected_mistake"),
    [
        (ex.check_add_ones_column, design_without_ones, "no_ones"),
        (ex.check_add_ones_column, design_with_hstack_ones_first, "ones_first"),
        (ex.check_add_ones_column, design_with_zeros, "zeros"),
        (ex.check_gradient_theta, gradient_with_X_not_XT, "no_transpose"),
        (ex.check_gradient_theta, gradient_half, "one_over_n"),
        (ex.check_gradient_theta, gradient_sum, "sum"),
        (ex.check_gradient_theta, gradient_y_minus_yhat, "sign"),
        (ex.check_normal_equation, fit_without_ones, "no_ones"),
        (ex.check_normal_equation, fit_forgetting_At_on_the_right, "rhs_y"),
        (ex.check_normal_equation, fit_returning_theta, "theta_whole"),
        (ex.check_standardise, standardise_test_with_its_own_stats, "test_stats"),
        (ex.check_standardise, standardise_with_all_data, "all_stats"),
        (ex.check_standardise, standardise_pandas_style, "ddof1"),
        (ex.check_unscale, unscale_forgotten, "not_undone"),
        (ex.check_unscale, unscale_bias_left_alone, "bias_unchanged"),
    ],
)
def test_learner_style_wrong_answers_get_the_targeted_hint(check, answer, expected_mistake):
    result = check(answer)
    assert not result.correct
    assert result.mistake == expected_mistake, result.message
    assert result.message.startswith("❌")


def _fit_inverse(X, y):
    A = np.column_stack([X, np.ones(len(y))])
    theta = np.linalg.inv(A.T @ A) @ (A.T @ y)
    return theta[:-1], theta[-1]


def _fit_lstsq(X, y):
    A = np.hstack([X, np.ones((len(y), 1))])
    theta, *_ = np.linalg.lstsq(A, y, rcond=None)
    return theta[:-1], float(theta[-1])


def _standardise_sklearn(X_train, X_test):
    preprocessing = pytest.importorskip("sklearn.preprocessing")
    scaler = preprocessing.StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test)


@pytest.mark.parametrize(
    ("check", "answer"),
    [
        (ex.check_add_ones_column, lambda X: np.c_[X, np.ones(X.shape[0])]),
        (ex.check_add_ones_column, lambda X: np.hstack([X, np.ones((len(X), 1))])),
        (ex.check_gradient_theta, lambda A, y, theta: 2 / len(y) * ((A @ theta - y) @ A)),  # rᵀA = (Aᵀr)ᵀ
        (ex.check_gradient_theta, lambda A, y, theta: 2 * np.mean(A * (A @ theta - y)[:, None], axis=0)),
        (ex.check_normal_equation, _fit_inverse),  # fine on well-conditioned data
        (ex.check_normal_equation, _fit_lstsq),
        (ex.check_normal_equation, lambda X, y: lh.fit_closed_form(X, y)),
        (ex.check_standardise, _standardise_sklearn),
        (
            ex.check_unscale,
            lambda w_std, b_std, mean, std: (w_std / std, b_std - np.dot(w_std, mean / std)),
        ),
    ],
)
def test_equivalent_right_answers_are_accepted(check, answer):
    result = check(answer)
    assert result.correct, result.message


def test_unscale_matches_a_real_fit_on_the_cars():
    """The 07.5 solution turns a fit on standardised cars features into lh's fit on the raw ones."""
    cars = lh.load_dataset("cars_multi")
    mean, std = cars.X.mean(axis=0), cars.X.std(axis=0)
    w_std, b_std = lh.fit_closed_form((cars.X - mean) / std, cars.y)
    w, b = ex.get("07.5").solution(w_std, b_std, mean, std)
    w_raw, b_raw = lh.fit_closed_form(cars.X, cars.y)
    np.testing.assert_allclose(w, w_raw, rtol=1e-9)
    assert b == pytest.approx(b_raw, rel=1e-9)


def test_normal_equation_solution_on_the_cars_matches_section_4():
    cars = lh.load_dataset("cars_multi")
    w, b = ex.get("07.3").solution(cars.X, cars.y)
    w_ref, b_ref = lh.fit_closed_form(cars.X, cars.y)
    np.testing.assert_allclose(w, w_ref, rtol=1e-6)
    assert b == pytest.approx(b_ref, rel=1e-6)


def test_hints_never_show_a_line_of_the_solution():
    for exercise_id in IDS:
        e = ex.get(exercise_id)
        code_lines = [line.split("#")[0].strip() for line in e.solution_source().splitlines()]
        code_lines = [line for line in code_lines if len(line) > 12 and not line.startswith("def ")]
        assert code_lines
        for text in [e.hint, *(m.hint for m in e.mistakes)]:
            for line in code_lines:
                assert line not in text, (exercise_id, line)
