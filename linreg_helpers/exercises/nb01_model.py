"""Exercises of ``01_model``: predictions, the matrix form, residuals, the design matrix.

==========  ================================  ==========================================
id          check                             the learner writes
==========  ================================  ==========================================
``01.1``    ``check_predict``                 ``my_predict(x, w, b)`` for one feature
``01.2``    ``check_predict_matrix``          ``my_predict_matrix(X, w, b)`` for M features
``01.3``    ``check_residuals``               ``my_residuals(x, y, w, b)``, ``r = ŷ − y``
``01.4``    ``check_design_matrix``           ``A`` and ``theta`` with ``A @ theta = ŷ``
==========  ================================  ==========================================
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..model import predict
from ._feedback import FunctionExercise, Mistake, Result, ValueExercise

__all__ = ["check_design_matrix", "check_predict", "check_predict_matrix", "check_residuals"]

# The four points of the worked example in 01_model.
X4 = np.array([1.0, 2.0, 3.0, 4.0])
Y4 = np.array([2.0, 3.0, 5.0, 7.0])


def _one_feature(rng: np.random.Generator) -> tuple:
    n = int(rng.integers(4, 12))
    return rng.uniform(-5, 5, n), float(rng.normal(0, 2)), float(rng.normal(0, 2))


def _many_features(rng: np.random.Generator) -> tuple:
    n, m = int(rng.integers(5, 12)), int(rng.integers(2, 4))  # n > m, so X is never square
    return rng.normal(size=(n, m)), rng.normal(size=m), float(rng.normal(0, 2))


def _one_feature_xy(rng: np.random.Generator) -> tuple:
    x, w, b = _one_feature(rng)
    y = 1.3 * x - 0.7 + rng.normal(size=x.shape)
    return x, y, w, b


# --------------------------------------------------------------- 01.1 predict


PREDICT = FunctionExercise(
    id="01.1",
    title="Predictions for one feature",
    answer_name="my_predict",
    reference=predict,
    make_inputs=_one_feature,
    fixed_inputs=[(X4, 1.5, 0.5)],
    seed=101,
    hint="The model is a straight line: a slope times the feature, plus an intercept.",
    mistakes=[
        Mistake(
            "no_bias",
            "Your line always goes through the origin. Which parameter shifts every prediction by the same amount?",
            lambda x, w, b: w * x,
        ),
        Mistake(
            "swapped",
            "Slope and intercept are swapped: which of w and b multiplies the feature x?",
            lambda x, w, b: b * x + w,
        ),
    ],
)


def check_predict(my_predict) -> Result:
    """Exercise 01.1: ``my_predict(x, w, b)`` returns ŷ for a 1-D array ``x`` and numbers ``w``, ``b``."""
    return PREDICT.check(my_predict)


# --------------------------------------------------------------- 01.2 predict, matrix form


PREDICT_MATRIX = FunctionExercise(
    id="01.2",
    title="Predictions for many features",
    answer_name="my_predict_matrix",
    reference=predict,
    make_inputs=_many_features,
    seed=102,
    hint="Each prediction is the weighted sum of that example's features plus the bias; "
    "the result has one number per example, shape (n,).",
    mistakes=[
        Mistake(
            "no_bias",
            "Your predictions are missing the term that is the same for every example.",
            lambda X, w, b: X @ w,
        ),
        Mistake(
            "elementwise",
            "Your answer has one column per feature: `*` multiplies element by element. Each prediction must "
            "also add up its weighted features, which is what a matrix-vector product does.",
            lambda X, w, b: X * w + b,
        ),
        Mistake(
            "column",
            "Your predictions are a column of shape (n, 1); return a flat array of shape (n,) "
            "(keep w a 1-D array of shape (M,)).",
            lambda X, w, b: X @ w.reshape(-1, 1) + b,
        ),
        Mistake(
            "w_first",
            "The shapes do not line up: X is (n, M) and w is (M,). In a matrix product the inner sizes must match, "
            "so which one goes first?",
            lambda X, w, b: w @ X + b,
        ),
    ],
)


def check_predict_matrix(my_predict_matrix) -> Result:
    """Exercise 01.2: ``my_predict_matrix(X, w, b)`` with ``X`` of shape (n, M) and ``w`` of shape (M,)."""
    return PREDICT_MATRIX.check(my_predict_matrix)


# --------------------------------------------------------------- 01.3 residuals


RESIDUALS = FunctionExercise(
    id="01.3",
    title="Residuals",
    answer_name="my_residuals",
    reference=lambda x, y, w, b: predict(x, w, b) - y,
    make_inputs=_one_feature_xy,
    fixed_inputs=[(X4, Y4, 1.5, 0.5)],
    seed=103,
    hint="A residual is one prediction minus its observation, one number per example.",
    mistakes=[
        Mistake(
            "sign",
            "Your residuals have the opposite sign. This series uses r = ŷ − y (prediction minus observation), "
            "so r > 0 means the model predicts too high.",
            lambda x, y, w, b: y - (w * x + b),
        ),
        Mistake(
            "no_bias",
            "Your predictions inside the residual are missing the bias.",
            lambda x, y, w, b: w * x - y,
        ),
        Mistake(
            "squared",
            "A residual keeps its sign: you squared it. Squaring (or taking |r|) comes later, in the loss (02_losses).",
            lambda x, y, w, b: (w * x + b - y) ** 2,
        ),
        Mistake(
            "absolute",
            "A residual keeps its sign: you took its absolute value. That comes later, in the loss (02_losses).",
            lambda x, y, w, b: np.abs(w * x + b - y),
        ),
    ],
)


def check_residuals(my_residuals) -> Result:
    """Exercise 01.3: ``my_residuals(x, y, w, b)`` returns ``r = ŷ − y`` for one feature."""
    return RESIDUALS.check(my_residuals)


# --------------------------------------------------------------- 01.4 design matrix


def _judge_design_matrix(answer) -> str | None:
    A, theta = answer
    A, theta = np.asarray(A, dtype=float), np.asarray(theta, dtype=float).reshape(-1)
    if A.shape != (4, 2):
        return f"A should have one row per example and one column per parameter, shape (4, 2); yours is {A.shape}."
    columns = {tuple(c) for c in A.T}
    if columns != {tuple(X4), (1.0, 1.0, 1.0, 1.0)}:
        return "A's columns should be the feature x and a column of ones."
    if theta.shape != (2,):
        return f"theta should hold two numbers, one per column of A; yours has shape {theta.shape}."
    if not np.allclose(A @ theta, predict(X4, 1.5, 0.5)):
        return "A @ theta does not give the predictions of w = 1.5, b = 0.5."
    return None


_A = np.column_stack([X4, np.ones(4)])

DESIGN_MATRIX = ValueExercise(
    id="01.4",
    title="Design matrix and parameter vector",
    answer_name="A, theta",
    judge=_judge_design_matrix,
    reference=lambda: (_A, np.array([1.5, 0.5])),  # one right form; the judge accepts the others
    hint="Put the feature in one column and a column of ones in the other; "
    "theta lists the parameters in the same order as A's columns.",
    mistakes=[
        Mistake(
            "theta_order",
            "A @ theta gives 0.5x + 1.5, not 1.5x + 0.5. Either your theta lists b first (but A's column of ones "
            "is last: the k-th entry of theta multiplies the k-th column of A, so the order must match), or you "
            "used the values of section 6's worked example: this exercise wants w = 1.5 and b = 0.5.",
            (_A, np.array([0.5, 1.5])),
        ),
        Mistake(
            "theta_order_ones_first",
            "A @ theta gives 0.5x + 1.5, not 1.5x + 0.5. Either theta is in the wrong order (your column of ones "
            "comes first, so the first entry of theta is the one that multiplies 1: the order of theta must match "
            "the columns of A), or you used the values of section 6's worked example: this exercise wants "
            "w = 1.5 and b = 0.5.",
            (_A[:, ::-1], np.array([1.5, 0.5])),
        ),
        Mistake(
            "transposed",
            "Your A is on its side: the design matrix has one *row* per example, shape (4, 2).",
            (_A.T, np.array([1.5, 0.5])),
        ),
    ],
)


def check_design_matrix(*answer: Any) -> Result:
    """Exercise 01.4: ``check_design_matrix(A, theta)``: ``A`` of shape (4, 2), ``theta`` for w = 1.5, b = 0.5.

    Takes its parts as ``*answer`` so that a call with too few or too many of them gets a message, not a
    ``TypeError``.
    """
    return DESIGN_MATRIX.check(*answer)
