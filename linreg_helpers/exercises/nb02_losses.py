"""Exercises of ``02_losses``: MSE, MAE, RMSE, Huber, and the best constant prediction.

==========  ======================  ==================================================
id          check                   the learner writes
==========  ======================  ==================================================
``02.1``    ``check_mse``           ``my_mse(y_true, y_pred)``
``02.2``    ``check_mae``           ``my_mae(y_true, y_pred)``
``02.3``    ``check_rmse``          ``my_rmse(y_true, y_pred)``
``02.4``    ``check_huber``         ``my_huber(y_true, y_pred, delta)``
``02.5``    ``check_best_constant`` ``c_mse, c_mae``: the best constant under each loss
==========  ======================  ==================================================

This module is the model for new exercise modules: a solution written once,
an exercise object with its reference (from ``linreg_helpers``), seeded inputs
and typical mistakes, and a small ``check_*`` function.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..losses import huber, mae, mse, rmse
from ._feedback import FunctionExercise, Mistake, Result, ValueExercise

__all__ = ["check_best_constant", "check_huber", "check_mae", "check_mse", "check_rmse"]

# Observations and predictions of the worked example (01_model, w = 1.5, b = 0.5).
Y4 = np.array([2.0, 3.0, 5.0, 7.0])
Y4_HAT = np.array([2.0, 3.5, 5.0, 6.5])


def _pair(rng: np.random.Generator) -> tuple:
    n = int(rng.integers(4, 12))
    y_true = rng.normal(0, 3, n)
    offset = rng.uniform(-2, 2)  # residuals not centred on 0, so their signs matter
    return y_true, y_true + offset + rng.normal(0, 2, n)


# --------------------------------------------------------------- 02.1 MSE


MSE = FunctionExercise(
    id="02.1",
    title="Mean squared error",
    answer_name="my_mse",
    reference=mse,
    make_inputs=_pair,
    fixed_inputs=[(Y4, Y4_HAT)],
    seed=201,
    hint="Residuals first, then square each one, then average over the examples.",
    mistakes=[
        Mistake(
            "sum",
            "You added the squared errors up but did not average them; that total is the L2 loss (SSE), "
            "which grows with the number of examples. The M in MSE stands for mean.",
            lambda t, p: np.sum((p - t) ** 2),
        ),
        Mistake(
            "half",
            "Your value is exactly half the MSE. The ½ belongs to another convention (½·MSE, which tidies the "
            "derivative); this series defines MSE without it.",
            lambda t, p: np.mean((p - t) ** 2) / 2,
        ),
        Mistake(
            "n_minus_1",
            "You divided by n − 1, the sample-variance convention. The MSE averages over all n examples.",
            lambda t, p: np.sum((p - t) ** 2) / (len(t) - 1),
        ),
        Mistake(
            "root",
            "You took a square root at the end: that is the RMSE. The MSE stops one step earlier.",
            lambda t, p: np.sqrt(np.mean((p - t) ** 2)),
        ),
        Mistake(
            "absolute",
            "You averaged the absolute residuals: that is the MAE. What does the S in MSE stand for?",
            lambda t, p: np.mean(np.abs(p - t)),
        ),
        Mistake(
            "square_of_mean",
            "You squared the average residual, so positive and negative residuals cancel first. "
            "Square each residual, then average.",
            lambda t, p: np.mean(p - t) ** 2,
        ),
        Mistake(
            "no_square",
            "Your residuals cancel each other out: each one must count as a distance, whatever its sign.",
            lambda t, p: np.mean(p - t),
        ),
    ],
)


def check_mse(my_mse) -> Result:
    """Exercise 02.1: ``my_mse(y_true, y_pred)`` returns the mean squared error."""
    return MSE.check(my_mse)


# --------------------------------------------------------------- 02.2 MAE


MAE = FunctionExercise(
    id="02.2",
    title="Mean absolute error",
    answer_name="my_mae",
    reference=mae,
    make_inputs=_pair,
    fixed_inputs=[(Y4, Y4_HAT)],
    seed=202,
    hint="Residuals first, then the size of each one (its distance from 0), then average over the examples.",
    mistakes=[
        Mistake(
            "sum",
            "You added the absolute errors up but did not average them; that total is the L1 loss (SAE).",
            lambda t, p: np.sum(np.abs(p - t)),
        ),
        Mistake(
            "squared",
            "You squared the residuals: that gives the MSE. The MAE measures each error by its absolute value.",
            lambda t, p: np.mean((p - t) ** 2),
        ),
        Mistake(
            "abs_of_mean",
            "You took the absolute value of the average residual, so positive and negative errors cancel first. "
            "Take the absolute value of each residual, then average.",
            lambda t, p: np.abs(np.mean(p - t)),
        ),
        Mistake(
            "no_abs",
            "Your residuals cancel each other out: each one must count as a distance, whatever its sign.",
            lambda t, p: np.mean(p - t),
        ),
    ],
)


def check_mae(my_mae) -> Result:
    """Exercise 02.2: ``my_mae(y_true, y_pred)`` returns the mean absolute error."""
    return MAE.check(my_mae)


# --------------------------------------------------------------- 02.3 RMSE


RMSE = FunctionExercise(
    id="02.3",
    title="Root mean squared error",
    answer_name="my_rmse",
    reference=rmse,
    make_inputs=_pair,
    fixed_inputs=[(Y4, Y4_HAT)],
    seed=203,
    hint="Read the name from right to left: error, squared, mean, root.",
    mistakes=[
        Mistake(
            "no_root",
            "That is the MSE, in squared units. One more step brings it back to the units of y.",
            lambda t, p: np.mean((p - t) ** 2),
        ),
        Mistake(
            "root_too_early",
            "You took the root of each squared residual before averaging, which gives back |r| and so the MAE. "
            "Average the squares first, then take the root.",
            lambda t, p: np.mean(np.sqrt((p - t) ** 2)),
        ),
        Mistake(
            "root_of_sum",
            "You took the root of the total (the SSE) instead of the root of the mean.",
            lambda t, p: np.sqrt(np.sum((p - t) ** 2)),
        ),
    ],
)


def check_rmse(my_rmse) -> Result:
    """Exercise 02.3: ``my_rmse(y_true, y_pred)`` returns the root mean squared error."""
    return RMSE.check(my_rmse)


# --------------------------------------------------------------- 02.4 Huber


def _huber_inputs(rng: np.random.Generator) -> tuple:
    y_true, y_pred = _pair(rng)
    return y_true, y_pred, float(rng.uniform(0.5, 2.0))  # residuals both below and above delta


def _huber_terms(r, delta, quad=0.5, offset=0.5):
    a = np.abs(r)
    return np.where(a <= delta, quad * r**2, delta * (a - offset * delta))


HUBER = FunctionExercise(
    id="02.4",
    title="Huber loss",
    answer_name="my_huber",
    reference=huber,
    make_inputs=_huber_inputs,
    fixed_inputs=[(np.zeros(2), np.array([0.5, 3.0]), 1.0)],
    seed=204,
    hint="Per example: r²/2 when |r| ≤ δ, δ·(|r| − δ/2) otherwise; then average over the examples.",
    mistakes=[
        Mistake(
            "no_half",
            "Your quadratic piece is twice too big. The two pieces must meet with the same value and slope at "
            "|r| = δ; check both at that point.",
            lambda t, p, d: np.mean(_huber_terms(p - t, d, quad=1.0)),
        ),
        Mistake(
            "no_offset",
            "Your linear piece jumps at |r| = δ: compare the value of both pieces at |r| = δ.",
            lambda t, p, d: np.mean(_huber_terms(p - t, d, offset=0.0)),
        ),
        Mistake(
            "swapped",
            "You swapped the pieces: Huber is quadratic for small errors (like MSE) and linear for large ones "
            "(like MAE).",
            lambda t, p, d: np.mean(np.where(np.abs(p - t) > d, 0.5 * (p - t) ** 2, d * (np.abs(p - t) - 0.5 * d))),
        ),
        Mistake(
            "sum",
            "You added the per-example losses up; like MSE and MAE, this Huber loss is a mean.",
            lambda t, p, d: np.sum(_huber_terms(p - t, d)),
        ),
    ],
)


def check_huber(my_huber) -> Result:
    """Exercise 02.4: ``my_huber(y_true, y_pred, delta)`` returns the mean Huber loss."""
    return HUBER.check(my_huber)


# --------------------------------------------------------------- 02.5 best constant


Y_OUTLIER = np.array([1.0, 2.0, 3.0, 4.0, 100.0])


BEST_CONSTANT = ValueExercise(
    id="02.5",
    title="The best constant prediction",
    answer_name="c_mse, c_mae",
    reference=lambda: (float(np.mean(Y_OUTLIER)), float(np.median(Y_OUTLIER))),
    atol=0.05,  # a search on a grid of step 0.1 is precise enough
    hint="Try many constants c over the whole range of y (the 100 included), close enough together to find "
    "each best c to within 0.05; compute each loss of predicting c for every example, and keep the c with the "
    "smallest loss.",
    mistakes=[
        Mistake(
            "swapped",
            "You have the two the wrong way round. Which loss cares more about the 100: the one that squares it?",
            (float(np.median(Y_OUTLIER)), float(np.mean(Y_OUTLIER))),
        ),
        Mistake(
            "both_mean",
            "Your c_mae is wrong: the MAE is not minimised at the same place as the MSE. "
            "Evaluate lh.mae for several constants and look where it is smallest.",
            (float(np.mean(Y_OUTLIER)), float(np.mean(Y_OUTLIER))),
        ),
        Mistake(
            "both_median",
            "Your c_mse is wrong: the MSE is not minimised at the same place as the MAE. "
            "Evaluate lh.mse for several constants and look where it is smallest.",
            (float(np.median(Y_OUTLIER)), float(np.median(Y_OUTLIER))),
        ),
    ],
)


def check_best_constant(*answer: Any) -> Result:
    """Exercise 02.5: ``check_best_constant(c_mse, c_mae)``: the best constants of ``y = [1, 2, 3, 4, 100]``.

    Takes its parts as ``*answer`` so that a call with too few or too many of them gets a message, not a
    ``TypeError``.
    """
    return BEST_CONSTANT.check(*answer)
