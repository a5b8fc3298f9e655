"""Exercises of ``05_batch_sizes``: counting steps, the gradient of a batch, the per-epoch view, the cost.

Vocabulary of the series: a **step** (iteration) updates ``(w, b)`` once, from
one batch; an **epoch** is one pass over all ``n`` examples, which takes
``ceil(n / batch_size)`` steps (the last batch holds the remainder).

==========  ===========================  ==============================================================
id          check                        the learner writes
==========  ===========================  ==============================================================
``05.1``    ``check_step_counts``        ``my_step_counts(n, batch_size, epochs) -> (per_epoch, total)``
``05.2``    ``check_batch_gradient``     ``my_batch_gradient(x, y, w, b, idx) -> (dw, db)``
``05.3``    ``check_epoch_losses``       ``my_epoch_losses(losses, steps_per_epoch)``
``05.4``    ``check_compute_budget``     ``n_steps, n_examples`` of a training run
``05.5``    ``check_minibatch_gd``       ``my_minibatch_gd(x, y, learning_rate, batch_size, epochs, seed) -> (w, b)``
==========  ===========================  ==============================================================
"""

from __future__ import annotations

import math

import numpy as np

import linreg_helpers as lh

from ._feedback import FunctionExercise, Mistake, Result, ValueExercise

__all__ = [
    "check_batch_gradient",
    "check_compute_budget",
    "check_epoch_losses",
    "check_minibatch_gd",
    "check_step_counts",
]


# --------------------------------------------------------------- 05.1 steps per epoch, total steps


def _counts_reference(n, batch_size, epochs):
    x = np.linspace(0.0, 1.0, n)  # any data with n examples: lh counts the steps it takes
    h = lh.gradient_descent(x, x, learning_rate=0.01, epochs=epochs, batch_size=batch_size)
    return h.steps_per_epoch, h.steps


def _counts_inputs(rng: np.random.Generator) -> tuple:
    n = int(rng.integers(20, 400))
    batch_size = int(rng.integers(2, n // 3))
    if n % batch_size == 0:  # keep a remainder: that is where floor and ceil differ
        n += 1
    return n, batch_size, int(rng.integers(2, 9))


STEP_COUNTS = FunctionExercise(
    id="05.1",
    title="Steps per epoch and in total",
    answer_name="my_step_counts",
    reference=_counts_reference,
    make_inputs=_counts_inputs,
    fixed_inputs=[(1000, 100, 3), (1000, 300, 2), (10, 10, 4), (7, 1, 2)],
    seed=501,
    hint="One step per batch; an epoch is enough batches to use every example once, "
    "and every epoch takes the same number of steps.",
    mistakes=[
        Mistake(
            "floor",
            "You dropped the last, smaller batch: when n is not a multiple of the batch size, the examples left "
            "over still form a batch and take a step. Round the division up (math.ceil), not down (//).",
            lambda n, bs, e: (n // bs, e * (n // bs)),
        ),
        Mistake(
            "float",
            "A number of steps is a whole number: n / batch_size is a fraction when there is a remainder. "
            "Round it up (math.ceil).",
            lambda n, bs, e: (n / bs, e * n / bs),
        ),
        Mistake(
            "epochs_as_steps",
            "Your total counts epochs, not steps: every epoch is made of several steps.",
            lambda n, bs, e: (math.ceil(n / bs), e),
        ),
        Mistake(
            "carry_remainder",
            "Your total treats the epochs as one long stream of examples, so left-over examples fill up the next "
            "epoch's batch. Here every epoch starts afresh with a new shuffle, and its last batch is a short one.",
            lambda n, bs, e: (math.ceil(n / bs), math.ceil(e * n / bs)),
        ),
        Mistake(
            "per_step_examples",
            "Your first number is the batch size (examples per step); the question is how many steps one epoch takes.",
            lambda n, bs, e: (bs, e * bs),
        ),
    ],
)


def check_step_counts(my_step_counts) -> Result:
    """Exercise 05.1: ``my_step_counts(n, batch_size, epochs)`` returns ``(steps per epoch, total steps)``."""
    return STEP_COUNTS.check(my_step_counts)


# --------------------------------------------------------------- 05.2 gradient of one batch


def _batch_inputs(rng: np.random.Generator) -> tuple:
    n = int(rng.integers(10, 30))
    x = rng.uniform(0.5, 5, n)
    y = 1.3 * x - 0.7 + rng.normal(size=n)
    m = int(rng.integers(2, n // 2))
    idx = rng.permutation(n)[:m]
    return x, y, float(rng.normal(0, 2)), float(rng.normal(0, 2)), idx


def _batch_grad(x, y, w, b, idx, *, divide_by=None, flip=1.0, scale=2.0):
    xb, yb = x[idx], y[idx]
    r = flip * (w * xb + b - yb)
    d = len(idx) if divide_by is None else divide_by
    return scale / d * np.sum(r * xb), scale / d * np.sum(r)


BATCH_GRADIENT = FunctionExercise(
    id="05.2",
    title="The gradient of one mini-batch",
    answer_name="my_batch_gradient",
    reference=lambda x, y, w, b, idx: lh.mse_gradient(x[idx], y[idx], w, b),
    make_inputs=_batch_inputs,
    seed=502,
    hint="It is the MSE gradient of notebook 03, computed on the batch's examples x[idx], y[idx] only, "
    "as the mean over that batch.",
    mistakes=[
        Mistake(
            "divide_by_n",
            "You summed over the batch but divided by n, the size of the whole data set. The batch's MSE is a mean "
            "over the batch: divide by the number of examples in the batch.",
            lambda x, y, w, b, idx: _batch_grad(x, y, w, b, idx, divide_by=len(x)),
        ),
        Mistake(
            "sum",
            "You forgot to divide by the batch size: a sum grows with the batch, so larger batches would take "
            "larger steps. Average over the batch.",
            lambda x, y, w, b, idx: _batch_grad(x, y, w, b, idx, divide_by=1),
        ),
        Mistake(
            "whole_data",
            "That is the gradient on the whole data set: use only the examples of the batch, x[idx] and y[idx].",
            lambda x, y, w, b, idx: lh.mse_gradient(x, y, w, b),
        ),
        Mistake(
            "sign",
            "Both derivatives have the wrong sign: this series uses r = ŷ − y.",
            lambda x, y, w, b, idx: _batch_grad(x, y, w, b, idx, flip=-1.0),
        ),
        Mistake(
            "half",
            "Your gradient is half as big as it should be: the derivative of r² is 2r.",
            lambda x, y, w, b, idx: _batch_grad(x, y, w, b, idx, scale=1.0),
        ),
    ],
)


def check_batch_gradient(my_batch_gradient) -> Result:
    """Exercise 05.2: ``my_batch_gradient(x, y, w, b, idx)``: the MSE gradient on the examples ``idx``."""
    return BATCH_GRADIENT.check(my_batch_gradient)


# --------------------------------------------------------------- 05.3 the loss at each epoch


def _losses_inputs(rng: np.random.Generator) -> tuple:
    spe, epochs = int(rng.integers(2, 9)), int(rng.integers(2, 7))
    steps = spe * epochs
    noisy = 3.0 + 20.0 * np.exp(-np.arange(steps + 1) / (0.4 * steps)) + rng.uniform(0, 1.5, steps + 1)
    return noisy, spe


def _epoch_mean(losses, spe):
    return np.asarray(losses[1:]).reshape(-1, spe).mean(axis=1)


EPOCH_LOSSES = FunctionExercise(
    id="05.3",
    title="The loss curve per epoch",
    answer_name="my_epoch_losses",
    reference=lambda losses, spe: losses[np.arange(0, losses.shape[0], spe)],
    make_inputs=_losses_inputs,
    fixed_inputs=[
        (np.array([9.0, 7.0, 6.5, 5.0, 4.8, 4.0, 3.9]), 2),
        (np.array([9.0, 7.0, 6.5, 5.0]), 1),  # full batch: one step per epoch
    ],
    seed=503,
    hint="losses[k] is the whole-data loss after k steps (losses[0]: the start). Epoch e ends after "
    "e × steps_per_epoch steps. Return the start and the end of every epoch.",
    mistakes=[
        Mistake(
            "no_start",
            "You left out the start: include losses[0], the loss before any training (epoch 0), "
            "so the curve has one value more than there are epochs.",
            lambda losses, spe: losses[spe::spe],
        ),
        Mistake(
            "off_by_one",
            "Your values are one step early: losses[k] is the loss *after* k steps, so the end of epoch e is "
            "at index e × steps_per_epoch, not one before it.",
            lambda losses, spe: np.concatenate([losses[:1], losses[spe - 1 : -1 : spe]]),
        ),
        Mistake(
            "first_steps",
            "You took the first few steps, one per epoch counted: that confuses steps with epochs. "
            "An epoch is steps_per_epoch steps long.",
            lambda losses, spe: losses[: (losses.shape[0] - 1) // spe + 1],
        ),
        Mistake(
            "epoch_mean",
            "You averaged the losses of each epoch's steps. Libraries often report that number during training, "
            "but it mixes the states of a whole epoch; here we want the loss of the model at the end of "
            "each epoch (and at the start).",
            _epoch_mean,
        ),
    ],
)


def check_epoch_losses(my_epoch_losses) -> Result:
    """Exercise 05.3: ``my_epoch_losses(losses, steps_per_epoch)``: the loss at the start and after each epoch."""
    return EPOCH_LOSSES.check(my_epoch_losses)


# --------------------------------------------------------------- 05.4 how much work a run does


def _budget(per_epoch, examples_per_epoch):
    return 5 * per_epoch, 5 * examples_per_epoch


COMPUTE_BUDGET = ValueExercise(
    id="05.4",
    title="How much work is a training run?",
    answer_name="n_steps, n_examples",
    reference=lambda: _budget(math.ceil(1000 / 64), 1000),
    hint="Count the batches of one epoch (one step each), then the examples whose gradient one epoch computes; "
    "multiply both by the number of epochs.",
    mistakes=[
        Mistake(
            "full_batches",
            "Your step count is right, but not every batch is full: the last batch of each epoch holds only the "
            "examples left over. Each epoch computes the gradient of every example exactly once.",
            _budget(math.ceil(1000 / 64), math.ceil(1000 / 64) * 64),
        ),
        Mistake(
            "floor",
            "You dropped the last, smaller batch of each epoch. Those left-over examples are used too, and take "
            "a step of their own.",
            _budget(1000 // 64, (1000 // 64) * 64),
        ),
        Mistake(
            "epochs_as_steps",
            "Your n_steps counts epochs, not steps: each epoch takes one step per batch.",
            _budget(1, 1000),
        ),
        Mistake(
            "one_epoch_examples",
            "Your n_steps is right, but n_examples counts one epoch only: every epoch computes the gradient of "
            "every example again.",
            (5 * math.ceil(1000 / 64), 1000),
        ),
        Mistake(
            "fractional_steps",
            "Your n_examples is right, but n_steps is not a whole number: a step is one batch, and the examples "
            "left over after the full batches form one more (smaller) batch. Round n / batch_size up per epoch.",
            (5 * 1000 / 64, 5 * 1000),
        ),
    ],
)


def check_compute_budget(n_steps, n_examples) -> Result:
    """Exercise 05.4: steps and example-gradients of 5 epochs on 1,000 examples in batches of 64."""
    return COMPUTE_BUDGET.check(n_steps, n_examples)


# --------------------------------------------------------------- 05.5 the mini-batch loop


def _minibatch_reference(x, y, learning_rate, batch_size, epochs, seed):
    h = lh.gradient_descent(x, y, learning_rate=learning_rate, epochs=epochs, batch_size=batch_size, seed=seed)
    return float(h.w[0]), float(h.b)


def _minibatch_inputs(rng: np.random.Generator) -> tuple:
    n = int(rng.integers(12, 40))
    batch_size = int(rng.integers(2, n // 3))
    if n % batch_size == 0:  # keep a short last batch: that is where two of the mistakes show
        n += 1
    x = rng.uniform(0.0, 3.0, n)
    y = 1.5 * x + 0.5 + rng.normal(0, 0.5, n)
    return x, y, float(rng.uniform(0.01, 0.05)), batch_size, int(rng.integers(2, 6)), int(rng.integers(0, 1000))


def _minibatch(x, y, lr, batch_size, epochs, seed, *, orders="each", last=True, divide_by_b=False):
    rng = np.random.default_rng(seed)
    n = len(x)
    once = rng.permutation(n) if orders == "once" else None
    stop = n if last else n - batch_size + 1
    w, b = 0.0, 0.0
    for _ in range(epochs):
        order = {"each": lambda: rng.permutation(n), "once": lambda: once, "none": lambda: np.arange(n)}[orders]()
        for start in range(0, stop, batch_size):
            idx = order[start : start + batch_size]
            r = w * x[idx] + b - y[idx]
            m = batch_size if divide_by_b else len(idx)
            w, b = w - lr * 2 / m * np.sum(r * x[idx]), b - lr * 2 / m * np.sum(r)
    return w, b


MINIBATCH_GD = FunctionExercise(
    id="05.5",
    title="The mini-batch loop",
    answer_name="my_minibatch_gd",
    reference=_minibatch_reference,
    make_inputs=_minibatch_inputs,
    fixed_inputs=[
        (np.array([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5]), np.array([1.0, 2.1, 2.9, 4.2, 4.8, 6.1, 7.0]), 0.05, 3, 2, 0)
    ],
    seed=505,
    hint="Start at w = b = 0 with rng = np.random.default_rng(seed). In every epoch draw a new order with "
    "rng.permutation(n), cut it into batches of batch_size (the last may be smaller), and for each batch take "
    "one step with the MSE gradient of that batch (notebook 03's formula, averaged over the batch).",
    mistakes=[
        Mistake(
            "no_shuffle",
            "Your batches are the same in every epoch, in the data's own order: draw a new random order each "
            "epoch, order = rng.permutation(n), and take the batches from it. (With sorted data, an unshuffled "
            "epoch drags the line towards one end of the data, then the other.)",
            lambda x, y, lr, B, e, s: _minibatch(x, y, lr, B, e, s, orders="none"),
        ),
        Mistake(
            "shuffle_once",
            "You shuffle only once, so every epoch sees the same batches in the same order. Draw a new order at "
            "the start of every epoch, from one generator made before the loop (a new "
            "np.random.default_rng(seed) inside the loop repeats the same order too).",
            lambda x, y, lr, B, e, s: _minibatch(x, y, lr, B, e, s, orders="once"),
        ),
        Mistake(
            "drop_last",
            "You dropped the last, smaller batch of each epoch: the examples left over after the full batches are "
            "never used. Let the batches run to the end, range(0, n, batch_size); the last slice is just shorter.",
            lambda x, y, lr, B, e, s: _minibatch(x, y, lr, B, e, s, last=False),
        ),
        Mistake(
            "divide_by_batch_size",
            "You divide by batch_size, but the last batch of an epoch is smaller: average over the examples "
            "actually in the batch, len(idx), or the last batch's step is too short.",
            lambda x, y, lr, B, e, s: _minibatch(x, y, lr, B, e, s, divide_by_b=True),
        ),
    ],
)


def check_minibatch_gd(my_minibatch_gd) -> Result:
    """Exercise 05.5: ``my_minibatch_gd(x, y, learning_rate, batch_size, epochs, seed)`` returns the final (w, b)."""
    return MINIBATCH_GD.check(my_minibatch_gd)
