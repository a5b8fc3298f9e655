"""Exercises of ``08_from_scratch_to_pytorch``: what autograd computes, accumulating gradients, shapes.

They are answered with numpy, so they run (and are checked) with or without PyTorch installed.

==========  =============================  ========================================================
id          check                          the learner writes
==========  =============================  ========================================================
``08.1``    ``check_autograd_gradient``    ``my_autograd_gradient(X, y, w, b) -> (w_grad, b_grad)``
``08.2``    ``check_accumulated_grads``    ``my_accumulated(grads) -> (k, M)``
``08.3``    ``check_mse_any_shape``        ``my_mse_any_shape(y_true, y_pred) -> float``
``08.4``    ``check_half_mse_rate``        ``learning_rate_mse``: a number
==========  =============================  ========================================================
"""

from __future__ import annotations

import numpy as np

from ..gradients import mse_gradient, numerical_gradient
from ..losses import mse
from ._feedback import FunctionExercise, Mistake, Result, ValueExercise

__all__ = ["check_accumulated_grads", "check_autograd_gradient", "check_half_mse_rate", "check_mse_any_shape"]


def _many_features(rng: np.random.Generator) -> tuple:
    n, m = int(rng.integers(6, 12)), int(rng.integers(2, 4))  # n > m: X is never square
    X = rng.normal(size=(n, m))
    y = X @ rng.normal(size=m) + rng.normal(size=n)
    return X, y, rng.normal(size=m), float(rng.normal())


# --------------------------------------------------------------- 08.1 what loss.backward() computes


def _half_mse_reference(X, y, w, b):
    dw, db = mse_gradient(X, y, w, b)
    return 0.5 * np.asarray(dw), 0.5 * db


def _variant(X, y, w, b, scale):
    r = X @ w + b - y
    return scale * (X.T @ r), scale * np.sum(r)


AUTOGRAD_GRADIENT = FunctionExercise(
    id="08.1",
    title="What loss.backward() computes",
    answer_name="my_autograd_gradient",
    reference=_half_mse_reference,
    make_inputs=_many_features,
    seed=801,
    hint="Differentiate loss = mean((X @ w + b − y)²) / 2 by hand (chain rule, as in notebooks 03 and 07), "
    "mind the constant in front, and return (w_grad, b_grad).",
    mistakes=[
        Mistake(
            "series_mse",
            "That is the gradient of the series' MSE. This loss has an extra / 2, and autograd differentiates "
            "exactly what you wrote: its gradient is half as big.",
            lambda X, y, w, b: _variant(X, y, w, b, 2 / len(y)),
        ),
        Mistake(
            "quarter",
            "Your gradient is half of what autograd gives. The / 2 of the loss and the 2 from the square "
            "cancel; do not divide by 2 twice.",
            lambda X, y, w, b: _variant(X, y, w, b, 0.5 / len(y)),
        ),
        Mistake(
            "sum",
            "Your gradient grows with the number of examples: .mean() divides by n, and so does its derivative.",
            lambda X, y, w, b: _variant(X, y, w, b, 1.0),
        ),
        Mistake(
            "sign",
            "Both parts have the wrong sign: the residual here is X @ w + b − y (prediction minus label).",
            lambda X, y, w, b: _variant(X, y, w, b, -1 / len(y)),
        ),
    ],
)


def check_autograd_gradient(my_autograd_gradient) -> Result:
    """Exercise 08.1: the gradient that ``loss.backward()`` stores for ``loss = mean(r²) / 2``."""
    return AUTOGRAD_GRADIENT.check(my_autograd_gradient)


# --------------------------------------------------------------- 08.2 gradients accumulate


def _grads_inputs(rng: np.random.Generator) -> tuple:
    return (rng.normal(size=(int(rng.integers(3, 7)), int(rng.integers(1, 4)))),)


ACCUMULATED = FunctionExercise(
    id="08.2",
    title="Forgetting to zero the gradients",
    answer_name="my_accumulated",
    reference=lambda grads: np.cumsum(grads, axis=0),
    make_inputs=_grads_inputs,
    fixed_inputs=[(np.array([[1.0], [2.0], [3.0]]),)],
    seed=802,
    hint="Row k of your answer is what .grad holds right after the k-th backward() call, if .grad is never "
    "zeroed: start from 0 and follow what each call does to it.",
    mistakes=[
        Mistake(
            "zeroed",
            "That is what .grad holds when it IS zeroed after every step. Without zeroing, each backward() adds "
            "its gradient to the old value.",
            lambda grads: grads.copy(),
        ),
        Mistake(
            "mean",
            "backward() adds, it does not average: .grad holds a running total, not a running mean.",
            lambda grads: np.cumsum(grads, axis=0) / np.arange(1, len(grads) + 1)[:, None],
        ),
        Mistake(
            "total",
            "Your rows are all the same (the final total). Row k is what .grad holds after the first k calls only. "
            "If you appended the running total inside the loop (`acc += g; out.append(acc)`), you appended the same "
            "array object every time, and `+=` changed it in place under every row: append a copy "
            "(`acc.copy()`; in PyTorch `w.grad.clone()`, the classic bug of storing `.grad` without cloning it).",
            lambda grads: np.repeat(grads.sum(axis=0, keepdims=True), len(grads), axis=0),
        ),
    ],
)


def check_accumulated_grads(my_accumulated) -> Result:
    """Exercise 08.2: ``my_accumulated(grads)`` gives ``.grad`` after each ``backward()`` without zeroing."""
    return ACCUMULATED.check(my_accumulated)


# --------------------------------------------------------------- 08.3 the (n, 1) shape trap


def _shape_inputs(rng: np.random.Generator) -> tuple:
    n = int(rng.integers(4, 9))
    y_true, y_pred = rng.normal(size=n), rng.normal(size=n)
    kind = int(rng.integers(0, 3))
    if kind == 0:
        return y_true[:, None], y_pred  # a column of labels, a flat vector of predictions
    if kind == 1:
        return y_true, y_pred[:, None]
    return y_true[:, None], y_pred[:, None]


SHAPES = FunctionExercise(
    id="08.3",
    title="The (n, 1) shape trap",
    answer_name="my_mse_any_shape",
    reference=lambda y_true, y_pred: mse(np.ravel(y_true), np.ravel(y_pred)),
    make_inputs=_shape_inputs,
    fixed_inputs=[(np.array([[1.0], [2.0], [3.0]]), np.array([1.0, 2.0, 5.0]))],
    seed=803,
    hint="Make both arrays flat (shape (n,)) before you subtract, then take the mean of the squares.",
    mistakes=[
        Mistake(
            "broadcast",
            "An (n, 1) array minus an (n,) array is an (n, n) table: numpy (and PyTorch) pair every label with "
            "every prediction and do not complain. Flatten both first.",
            lambda y_true, y_pred: np.mean((y_pred - y_true) ** 2),
        ),
        Mistake(
            "sum",
            "That is a sum: the MSE is the mean of the squared errors.",
            lambda y_true, y_pred: np.sum((np.ravel(y_pred) - np.ravel(y_true)) ** 2),
        ),
        Mistake(
            "half",
            "You computed ½·MSE (the seed's loss). This exercise wants the series' MSE, without the ½.",
            lambda y_true, y_pred: 0.5 * np.mean((np.ravel(y_pred) - np.ravel(y_true)) ** 2),
        ),
    ],
)


def check_mse_any_shape(my_mse_any_shape) -> Result:
    """Exercise 08.3: ``my_mse_any_shape(y_true, y_pred)`` is the MSE for any mix of (n,) and (n, 1)."""
    return SHAPES.check(my_mse_any_shape)


# --------------------------------------------------------------- 08.4 learning rates and the ½


def _matching_rate(rate_half_mse: float = 0.1) -> float:
    """The MSE's learning rate whose step equals ``rate_half_mse`` on ½·MSE, from the two gradients measured."""
    x, y, w, b = np.array([1.0, 2.0, 3.0, 4.0]), np.array([2.0, 3.0, 5.0, 7.0]), 0.3, -0.2
    half = numerical_gradient(lambda p: 0.5 * mse(y, p[0] * x + p[1]), [w, b])
    return float(rate_half_mse * half[0] / mse_gradient(x, y, w, b)[0])


HALF_MSE_RATE = ValueExercise(
    id="08.4",
    title="The same steps under another convention",
    answer_name="learning_rate_mse",
    reference=_matching_rate,
    hint="Write one step of each: w − lr·∇(½·MSE) and w − lr'·∇MSE. How are the two gradients related?",
    mistakes=[
        Mistake(
            "wrong_way",
            "The other way round: the series' MSE has the larger gradient, so it needs the smaller learning rate "
            "for the same step.",
            0.2,
        ),
        Mistake(
            "unchanged",
            "The two losses have the same minimum but not the same gradient, so the same learning rate gives "
            "different steps.",
            0.1,
        ),
    ],
)


def check_half_mse_rate(learning_rate_mse) -> Result:
    """Exercise 08.4: the learning rate on the MSE that matches learning rate 0.1 on ½·MSE."""
    return HALF_MSE_RATE.check(learning_rate_mse)
