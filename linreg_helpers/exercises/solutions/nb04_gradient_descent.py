"""Solutions of the exercises of notebook 04 (:mod:`linreg_helpers.exercises.nb04_gradient_descent`).

Each solution is written once, as a learner would write it; ``SOLUTIONS`` maps the exercise id to it. The
series shows it one click away; a learner build (``tools/make_assignments.py``) leaves this folder out.
"""

from __future__ import annotations

import numpy as np

import linreg_helpers as lh


def _solution_gd_step(x, y, w, b, learning_rate):
    n = len(x)
    r = (w * x + b) - y  # residuals at the current (w, b)
    dw = 2 / n * np.sum(r * x)  # the gradient, both parts at the old (w, b)
    db = 2 / n * np.sum(r)
    return w - learning_rate * dw, b - learning_rate * db  # a step *against* the gradient


def _solution_gradient_descent(X, y, learning_rate, steps):
    n, M = X.shape
    w, b = np.zeros(M), 0.0  # start at w = 0, b = 0
    for _ in range(steps):
        r = X @ w + b - y  # residuals, shape (n,)
        dw = 2 / n * (X.T @ r)  # shape (M,): one partial derivative per weight
        db = 2 / n * np.sum(r)
        w, b = w - learning_rate * dw, b - learning_rate * db
    return w, b


def _solution_largest_stable_rate(x):
    n = len(x)
    A = np.column_stack([x, np.ones(n)])  # the design matrix [x, 1]
    H = 2 / n * A.T @ A  # the Hessian of the MSE in (w, b)
    lam_max = np.linalg.eigvalsh(H).max()  # its largest eigenvalue
    return 2 / lam_max  # |1 − η λ| < 1 for every eigenvalue λ


def _solution_steps_to_converge():
    cars = lh.load_dataset("cars")
    x, y = cars.X, cars.y
    eta = 0.5 * lh.largest_stable_learning_rate(x)
    history = lh.gradient_descent(x, y, learning_rate=eta, epochs=2000)
    w_best, b_best = lh.fit_closed_form(x, y)
    min_loss = lh.mse(y, lh.predict(x, w_best, b_best))  # the smallest MSE any line can reach
    close = history.losses <= 1.01 * min_loss  # within 1 % of it
    steps_needed = int(np.argmax(close))  # losses[k] is the loss after k steps
    return steps_needed


SOLUTIONS = {
    "04.1": _solution_gd_step,
    "04.2": _solution_gradient_descent,
    "04.3": _solution_largest_stable_rate,
    "04.4": _solution_steps_to_converge,
}
