"""Solutions of the exercises of notebook 05 (:mod:`linreg_helpers.exercises.nb05_batch_sizes`).

Each solution is written once, as a learner would write it; ``SOLUTIONS`` maps the exercise id to it. The
series shows it one click away; a learner build (``tools/make_assignments.py``) leaves this folder out.
"""

from __future__ import annotations

import numpy as np


def _solution_step_counts(n, batch_size, epochs):
    per_epoch = int(np.ceil(n / batch_size))  # the last, smaller batch is a step too
    total = epochs * per_epoch
    return per_epoch, total


def _solution_batch_gradient(x, y, w, b, idx):
    xb, yb = x[idx], y[idx]  # the examples of this batch
    m = len(idx)  # the batch size (the last batch of an epoch may be smaller)
    r = (w * xb + b) - yb
    dw = 2 / m * np.sum(r * xb)
    db = 2 / m * np.sum(r)
    return dw, db


def _solution_epoch_losses(losses, steps_per_epoch):
    # losses[k] is the loss after k steps; epoch e ends after e * steps_per_epoch steps
    return losses[::steps_per_epoch]


def _solution_compute_budget():
    n, batch_size, epochs = 1000, 64, 5
    steps_per_epoch = int(np.ceil(n / batch_size))  # 15 full batches and a last one of 40 examples
    n_steps = epochs * steps_per_epoch
    n_examples = epochs * n  # every epoch uses each example exactly once
    return n_steps, n_examples


def _solution_minibatch_gd(x, y, learning_rate, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)  # the same random orders as lh.gradient_descent(..., seed=seed)
    n = len(x)
    w, b = 0.0, 0.0
    for _ in range(epochs):
        order = rng.permutation(n)  # a new order every epoch
        for start in range(0, n, batch_size):  # the last batch holds what is left over
            idx = order[start : start + batch_size]
            r = w * x[idx] + b - y[idx]  # residuals on this batch
            m = len(idx)  # this batch's size
            w, b = w - learning_rate * 2 / m * np.sum(r * x[idx]), b - learning_rate * 2 / m * np.sum(r)
    return w, b


SOLUTIONS = {
    "05.1": _solution_step_counts,
    "05.2": _solution_batch_gradient,
    "05.3": _solution_epoch_losses,
    "05.4": _solution_compute_budget,
    "05.5": _solution_minibatch_gd,
}
