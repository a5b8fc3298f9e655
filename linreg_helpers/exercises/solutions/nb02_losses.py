"""Solutions of the exercises of notebook 02 (:mod:`linreg_helpers.exercises.nb02_losses`).

Each solution is written once, as a learner would write it; ``SOLUTIONS`` maps the exercise id to it. The
series shows it one click away; a learner build (``tools/make_assignments.py``) leaves this folder out.
"""

from __future__ import annotations

import numpy as np

import linreg_helpers as lh


def _solution_mse(y_true, y_pred):
    r = y_pred - y_true  # residuals
    return np.mean(r**2)


def _solution_mae(y_true, y_pred):
    r = y_pred - y_true
    return np.mean(np.abs(r))


def _solution_rmse(y_true, y_pred):
    r = y_pred - y_true
    return np.sqrt(np.mean(r**2))


def _solution_huber(y_true, y_pred, delta):
    r = y_pred - y_true
    small = np.abs(r) <= delta
    per_example = np.where(small, 0.5 * r**2, delta * (np.abs(r) - 0.5 * delta))
    return np.mean(per_example)


def _solution_best_constant():
    y = np.array([1.0, 2.0, 3.0, 4.0, 100.0])
    candidates = np.linspace(0, 100, 1001)  # try c = 0.0, 0.1, ..., 100.0
    mse_of_c = [lh.mse(y, np.full_like(y, c)) for c in candidates]
    mae_of_c = [lh.mae(y, np.full_like(y, c)) for c in candidates]
    c_mse = candidates[np.argmin(mse_of_c)]
    c_mae = candidates[np.argmin(mae_of_c)]
    # Why they differ: the MSE squares each error, so the far-away 100 pulls its best c up to the mean;
    # the MAE counts each error only by its size, so its best c is the middle value, the median, which
    # does not care how far away the 100 is.
    return c_mse, c_mae


SOLUTIONS = {
    "02.1": _solution_mse,
    "02.2": _solution_mae,
    "02.3": _solution_rmse,
    "02.4": _solution_huber,
    "02.5": _solution_best_constant,
}
