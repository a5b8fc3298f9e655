"""Solutions of the exercises of notebook 07 (:mod:`linreg_helpers.exercises.nb07_many_features`).

Each solution is written once, as a learner would write it; ``SOLUTIONS`` maps the exercise id to it. The
series shows it one click away; a learner build (``tools/make_assignments.py``) leaves this folder out.
"""

from __future__ import annotations

import numpy as np


def _solution_design_matrix(X):
    n = X.shape[0]
    return np.column_stack([X, np.ones(n)])  # the features, then a column of ones for the bias


def _solution_gradient(A, y, theta):
    n = A.shape[0]
    r = A @ theta - y  # residuals r = ŷ − y, shape (n,)
    return 2 / n * (A.T @ r)  # (M+1, n) @ (n,) -> (M+1,): one number per parameter


def _solution_fit_normal(X, y):
    A = np.column_stack([X, np.ones(len(y))])  # design matrix, ones last
    theta = np.linalg.solve(A.T @ A, A.T @ y)  # the normal equation AᵀA θ = Aᵀy
    return theta[:-1], theta[-1]  # w (one per feature) and b


def _solution_standardise(X_train, X_test):
    mean = X_train.mean(axis=0)  # one mean per feature column, from the training set only
    std = X_train.std(axis=0)  # one standard deviation per column
    return (X_train - mean) / std, (X_test - mean) / std  # the same mean and std for both


def _solution_unscale(w_std, b_std, mean, std):
    w = w_std / std  # per unit of each feature instead of per standard deviation
    b = b_std - np.sum(w * mean)  # the centring moved the intercept
    return w, b


SOLUTIONS = {
    "07.1": _solution_design_matrix,
    "07.2": _solution_gradient,
    "07.3": _solution_fit_normal,
    "07.4": _solution_standardise,
    "07.5": _solution_unscale,
}
