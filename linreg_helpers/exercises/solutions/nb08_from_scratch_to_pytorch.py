"""Solutions of the exercises of notebook 08 (:mod:`linreg_helpers.exercises.nb08_from_scratch_to_pytorch`).

Each solution is written once, as a learner would write it; ``SOLUTIONS`` maps the exercise id to it. The
series shows it one click away; a learner build (``tools/make_assignments.py``) leaves this folder out.
"""

from __future__ import annotations

import numpy as np


def _solution_autograd_gradient(X, y, w, b):
    n = len(y)
    r = X @ w + b - y  # residuals
    # loss = (r ** 2).mean() / 2, so d loss / d r_i = r_i / n: the ½ cancels the 2 of the square
    return X.T @ r / n, np.sum(r) / n


def _solution_accumulated(grads):
    # without .grad.zero_(), every backward() adds its gradient to what .grad already holds
    return np.cumsum(grads, axis=0)


def _solution_mse_any_shape(y_true, y_pred):
    y_true = np.ravel(y_true)  # (n, 1) or (n,) -> (n,)
    y_pred = np.ravel(y_pred)
    return np.mean((y_pred - y_true) ** 2)


def _solution_half_mse_rate():
    # ½·MSE has half the gradient of the MSE: steps lr · ∇(½·MSE) = (lr / 2) · ∇MSE
    learning_rate_mse = 0.1 / 2
    return learning_rate_mse


SOLUTIONS = {
    "08.1": _solution_autograd_gradient,
    "08.2": _solution_accumulated,
    "08.3": _solution_mse_any_shape,
    "08.4": _solution_half_mse_rate,
}
