"""Solutions of the exercises of notebook 09 (:mod:`linreg_helpers.exercises.nb09_training_in_practice`).

Each solution is written once, as a learner would write it; ``SOLUTIONS`` maps the exercise id to it. The
series shows it one click away; a learner build (``tools/make_assignments.py``) leaves this folder out.
"""

from __future__ import annotations

import numpy as np


def _solution_validation_losses(W, B, X_val, y_val):
    predictions = W @ X_val.T + B[:, None]  # (k, n_val): every state's prediction for every example
    return np.mean((predictions - y_val) ** 2, axis=1)  # one MSE per state


def _solution_early_stopping(val_losses, patience):
    best = 0
    for epoch in range(1, len(val_losses)):
        if val_losses[epoch] < val_losses[best]:
            best = epoch  # a new best: remember it
        elif epoch - best >= patience:
            return epoch, best  # patience epochs without improvement: stop, keep the best
    return len(val_losses) - 1, best  # never stopped early


def _solution_cosine_rate(learning_rate, epoch, epochs):
    return learning_rate * (1 + np.cos(np.pi * epoch / epochs)) / 2  # from η at epoch 0 down towards 0


def _solution_ridge(X, y, alpha):
    n, M = X.shape
    A = np.column_stack([X, np.ones(n)])  # design matrix, ones last
    D = np.diag(np.append(np.ones(M), 0.0))  # penalise the weights, not the bias
    theta = np.linalg.solve(A.T @ A + n * alpha * D, A.T @ y)  # (AᵀA + nαD) θ = Aᵀy
    return theta[:-1], theta[-1]


SOLUTIONS = {
    "09.1": _solution_validation_losses,
    "09.2": _solution_early_stopping,
    "09.3": _solution_cosine_rate,
    "09.4": _solution_ridge,
}
