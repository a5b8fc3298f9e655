"""Solutions of the exercises of notebook 03 (:mod:`linreg_helpers.exercises.nb03_gradients`).

Each solution is written once, as a learner would write it; ``SOLUTIONS`` maps the exercise id to it. The
series shows it one click away; a learner build (``tools/make_assignments.py``) leaves this folder out.
"""

from __future__ import annotations

import numpy as np


def _solution_mse_gradient(x, y, w, b):
    n = len(x)
    r = (w * x + b) - y  # residuals r = ŷ − y
    dw = 2 / n * np.sum(r * x)
    db = 2 / n * np.sum(r)
    return dw, db


def _solution_mse_gradient_matrix(X, y, w, b):
    n = X.shape[0]
    r = (X @ w + b) - y  # shape (n,)
    dw = 2 / n * (X.T @ r)  # shape (M,): one number per feature
    db = 2 / n * np.sum(r)
    return dw, db


def _solution_numerical_gradient(f, w, b, h):
    dw = (f(w + h, b) - f(w - h, b)) / (2 * h)  # nudge w only, on both sides
    db = (f(w, b + h) - f(w, b - h)) / (2 * h)  # nudge b only
    return dw, db


def _solution_mae_gradient(x, y, w, b):
    n = len(x)
    r = (w * x + b) - y
    s = np.sign(r)  # d|r|/dr, with sign(0) = 0 where |r| has a kink
    dw = 1 / n * np.sum(s * x)
    db = 1 / n * np.sum(s)
    return dw, db


SOLUTIONS = {
    "03.1": _solution_mse_gradient,
    "03.2": _solution_mse_gradient_matrix,
    "03.3": _solution_numerical_gradient,
    "03.4": _solution_mae_gradient,
}
