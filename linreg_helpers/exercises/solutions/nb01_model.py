"""Solutions of the exercises of notebook 01 (:mod:`linreg_helpers.exercises.nb01_model`).

Each solution is written once, as a learner would write it; ``SOLUTIONS`` maps the exercise id to it. The
series shows it one click away; a learner build (``tools/make_assignments.py``) leaves this folder out.
"""

from __future__ import annotations

import numpy as np


def _solution_predict(x, w, b):
    return w * x + b


def _solution_predict_matrix(X, w, b):
    return X @ w + b  # (n, M) @ (M,) -> (n,), then b is added to every entry


def _solution_residuals(x, y, w, b):
    y_hat = w * x + b
    return y_hat - y  # positive where the model predicts too high


def _solution_design_matrix():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    A = np.column_stack([x, np.ones_like(x)])  # one row per example: [x_i, 1]
    theta = np.array([1.5, 0.5])  # [w, b], in the order of A's columns
    return A, theta


SOLUTIONS = {
    "01.1": _solution_predict,
    "01.2": _solution_predict_matrix,
    "01.3": _solution_residuals,
    "01.4": _solution_design_matrix,
}
