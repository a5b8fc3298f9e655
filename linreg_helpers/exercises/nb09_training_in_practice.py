"""Exercises of ``09_training_in_practice``: validation loss, early stopping, a cosine schedule, ridge.

The series' conventions: ``MSE = (1/n) Σ rᵢ²`` with ``r = ŷ − y``; a history's row ``k`` holds the
parameters after step ``k`` (row 0: the start). Early stopping keeps the best validation loss so far
and stops ``patience`` epochs after it. The cosine schedule's rate in epoch ``e`` of ``E`` is
``η (1 + cos(π e / E)) / 2``. Ridge minimises ``MSE + α‖w‖²``, the bias not penalised:
``(AᵀA + nα D) θ = Aᵀy`` with ``D = diag(1, …, 1, 0)``.

==========  ============================  ======================================================
id          check                         the learner writes
==========  ============================  ======================================================
``09.1``    ``check_validation_losses``   ``my_validation_losses(W, B, X_val, y_val) -> (k,)``
``09.2``    ``check_early_stopping``      ``my_early_stopping(val_losses, patience) -> (stop, best)``
``09.3``    ``check_cosine_rate``         ``my_cosine_rate(learning_rate, epoch, epochs) -> float``
``09.4``    ``check_ridge``               ``my_ridge(X, y, alpha) -> (w, b)``
==========  ============================  ======================================================
"""

from __future__ import annotations

import numpy as np

from .._mse_stats import MSEStats
from ..closed_form import ridge
from ..dashboards.practice import early_stopping_epoch
from ..training import _schedule_factors
from ._feedback import FunctionExercise, Mistake, Result

__all__ = ["check_cosine_rate", "check_early_stopping", "check_ridge", "check_validation_losses"]


def _features(rng: np.random.Generator, n: int, m: int) -> np.ndarray:
    means = rng.uniform(-5.0, 20.0, m)
    scales = rng.uniform(0.5, 5.0, m)
    return means + scales * rng.standard_normal((n, m))


# --------------------------------------------------------------- 09.1 validation losses


def _validation_reference(W, B, X_val, y_val):
    return MSEStats(X_val, y_val).mse(W, B)


def _validation_inputs(rng: np.random.Generator) -> tuple:
    k, n, m = int(rng.integers(3, 8)), int(rng.integers(5, 12)), int(rng.integers(1, 4))
    X = _features(rng, n, m)
    y = X @ rng.normal(size=m) + rng.normal(0, 3) + rng.normal(size=n)
    return rng.normal(size=(k, m)), rng.normal(0, 3, size=k), X, y


VALIDATION_LOSSES = FunctionExercise(
    id="09.1",
    title="The validation loss along a run",
    answer_name="my_validation_losses",
    reference=_validation_reference,
    make_inputs=_validation_inputs,
    seed=901,
    hint="For every state k, predict every validation example with W[k] and B[k], then take the MSE over the "
    "examples: one number per state.",
    mistakes=[
        Mistake(
            "no_bias",
            "Your predictions leave out the bias: each state's prediction is X_val @ w + b, with that state's b.",
            lambda W, B, X_val, y_val: np.mean((W @ X_val.T - y_val) ** 2, axis=1),
        ),
        Mistake(
            "sum",
            "Your losses grow with the number of validation examples: the MSE is a mean over the examples.",
            lambda W, B, X_val, y_val: np.sum((W @ X_val.T + B[:, None] - y_val) ** 2, axis=1),
        ),
        Mistake(
            "rmse",
            "You took a square root: that is the RMSE. The loss curves of this notebook show the MSE.",
            lambda W, B, X_val, y_val: np.sqrt(np.mean((W @ X_val.T + B[:, None] - y_val) ** 2, axis=1)),
        ),
        Mistake(
            "wrong_axis",
            "Your answer has one number per validation example: average over the examples (along each row), "
            "leaving one number per state.",
            lambda W, B, X_val, y_val: np.mean((W @ X_val.T + B[:, None] - y_val) ** 2, axis=0),
        ),
    ],
)


def check_validation_losses(my_validation_losses) -> Result:
    """Exercise 09.1: ``my_validation_losses(W, B, X_val, y_val)``: the validation MSE of every state."""
    return VALIDATION_LOSSES.check(my_validation_losses)


# --------------------------------------------------------------- 09.2 early stopping


def _early_inputs(rng: np.random.Generator) -> tuple:
    epochs = int(rng.integers(12, 30))
    dip = int(rng.integers(3, epochs - 6))
    e = np.arange(epochs + 1)
    curve = 1.0 + 0.02 * (e - dip) ** 2 / epochs + rng.normal(0, 0.02, epochs + 1)  # falls, then rises, noisy
    return curve, int(rng.integers(2, 6))


def _argmin_rule(val_losses, patience):
    return len(val_losses) - 1, int(np.argmin(val_losses))


def _late_rule(val_losses, patience):
    best = 0
    for epoch in range(1, len(val_losses)):
        if val_losses[epoch] < val_losses[best]:
            best = epoch
        elif epoch - best > patience:
            return epoch, best
    return len(val_losses) - 1, best


def _keep_last(val_losses, patience):
    stop, _best = early_stopping_epoch(val_losses, patience)
    return stop, stop


def _previous_only(val_losses, patience):
    worse = 0
    for epoch in range(1, len(val_losses)):
        worse = worse + 1 if val_losses[epoch] >= val_losses[epoch - 1] else 0
        if worse >= patience:
            return epoch, epoch - patience
    return len(val_losses) - 1, len(val_losses) - 1


EARLY_STOPPING = FunctionExercise(
    id="09.2",
    title="Early stopping",
    answer_name="my_early_stopping",
    reference=early_stopping_epoch,
    make_inputs=_early_inputs,
    fixed_inputs=[(np.array([5.0, 3.0, 2.0, 2.5, 2.4, 2.6, 2.7, 1.0]), 3), (np.array([4.0, 3.0, 2.0, 1.0]), 2)],
    seed=902,
    hint="Walk through the epochs in order, remembering the epoch with the lowest validation loss so far; stop "
    "as soon as `patience` epochs have passed since it.",
    mistakes=[
        Mistake(
            "argmin",
            "You looked at the whole curve (its lowest point): training would have to run to the end to know it, "
            "which is the work early stopping saves. Decide epoch by epoch, from the losses seen so far.",
            _argmin_rule,
        ),
        Mistake(
            "one_late",
            "You stop one epoch late: with patience p, stop at the epoch that is p epochs after the best one.",
            _late_rule,
        ),
        Mistake(
            "keep_last",
            "You stop at the right epoch but keep its parameters: keep those of the best epoch instead (the "
            "second number), which is why early stopping remembers them.",
            _keep_last,
        ),
        Mistake(
            "previous_only",
            "You compare each epoch with the one before it: a slow, noisy rise then never counts. Compare with "
            "the best loss so far.",
            _previous_only,
        ),
    ],
)


def check_early_stopping(my_early_stopping) -> Result:
    """Exercise 09.2: ``my_early_stopping(val_losses, patience)`` returns ``(stop, best)``."""
    return EARLY_STOPPING.check(my_early_stopping)


# --------------------------------------------------------------- 09.3 cosine schedule


def _cosine_reference(learning_rate, epoch, epochs):
    return learning_rate * _schedule_factors("cosine", epochs)[epoch]


def _cosine_inputs(rng: np.random.Generator) -> tuple:
    epochs = int(rng.integers(5, 60))
    return float(rng.uniform(0.001, 0.5)), int(rng.integers(1, epochs)), epochs


COSINE_RATE = FunctionExercise(
    id="09.3",
    title="A cosine schedule",
    answer_name="my_cosine_rate",
    reference=_cosine_reference,
    make_inputs=_cosine_inputs,
    fixed_inputs=[(0.1, 0, 10), (0.1, 5, 10)],
    seed=903,
    hint="At epoch 0 the rate is the full learning rate, half-way through it is half of it, and it falls "
    "towards 0 at the end, along half a period of a cosine.",
    mistakes=[
        Mistake(
            "no_half",
            "Your rate starts at twice the learning rate: 1 + cos(...) is 2 at epoch 0, so divide by 2.",
            lambda learning_rate, epoch, epochs: learning_rate * (1 + np.cos(np.pi * epoch / epochs)),
        ),
        Mistake(
            "no_one",
            "Your rate turns negative in the second half of the run (a step uphill): shift the cosine up by 1 "
            "before halving it.",
            lambda learning_rate, epoch, epochs: learning_rate * np.cos(np.pi * epoch / epochs) / 2,
        ),
        Mistake(
            "full_period",
            "Your rate comes back up at the end: the schedule uses half a period of the cosine over the run "
            "(π, not 2π).",
            lambda learning_rate, epoch, epochs: learning_rate * (1 + np.cos(2 * np.pi * epoch / epochs)) / 2,
        ),
        Mistake(
            "degrees",
            "np.cos takes radians: the angle at the end of the run is π, not 180.",
            lambda learning_rate, epoch, epochs: learning_rate * (1 + np.cos(180 * epoch / epochs)) / 2,
        ),
    ],
)


def check_cosine_rate(my_cosine_rate) -> Result:
    """Exercise 09.3: ``my_cosine_rate(learning_rate, epoch, epochs)``: the cosine schedule's rate."""
    return COSINE_RATE.check(my_cosine_rate)


# --------------------------------------------------------------- 09.4 ridge


def _ridge_reference(X, y, alpha):
    w, b = ridge(X, y, alpha)
    return np.asarray(w), b


def _ridge_inputs(rng: np.random.Generator) -> tuple:
    n, m = int(rng.integers(8, 15)), int(rng.integers(2, 4))
    X = _features(rng, n, m)
    y = X @ rng.normal(size=m) + rng.normal(0, 5) + rng.normal(size=n)
    return X, y, float(rng.uniform(0.5, 5.0))


def _ridge_with(penalty):
    def answer(X, y, alpha):
        n, M = X.shape
        A = np.column_stack([X, np.ones(n)])
        theta = np.linalg.solve(A.T @ A + penalty(n, M, alpha), A.T @ y)
        return theta[:-1], theta[-1]

    return answer


RIDGE = FunctionExercise(
    id="09.4",
    title="Ridge regression in closed form",
    answer_name="my_ridge",
    reference=_ridge_reference,
    make_inputs=_ridge_inputs,
    seed=904,
    hint="Set the gradient of MSE + α‖w‖² to zero: the normal equation gains a term for the penalty. Check which "
    "parameters it acts on and how the 1/n of the MSE scales it.",
    mistakes=[
        Mistake(
            "penalised_bias",
            "Your penalty also shrinks the bias: the ridge penalty is α‖w‖², on the weights only, so the entry "
            "of the bias must not get it (a model of centred data would otherwise change with the units' zero).",
            _ridge_with(lambda n, M, alpha: n * alpha * np.eye(M + 1)),
        ),
        Mistake(
            "no_n",
            "Your penalty is n times too weak: the MSE has a 1/n that the penalty does not, so multiplying the "
            "gradient equation by n/2 turns α into nα. (scikit-learn's Ridge(alpha=a) uses a = nα for this reason.)",
            _ridge_with(lambda n, M, alpha: alpha * np.diag(np.append(np.ones(M), 0.0))),
        ),
        Mistake(
            "penalised_bias_no_n",
            "Two slips: the penalty must act on the weights only (not the bias), and it is nα, not α, next to AᵀA.",
            _ridge_with(lambda n, M, alpha: alpha * np.eye(M + 1)),
        ),
        Mistake(
            "least_squares",
            "This is the least-squares fit: the penalty is missing from the equation.",
            _ridge_with(lambda n, M, alpha: np.zeros((M + 1, M + 1))),
        ),
    ],
)


def check_ridge(my_ridge) -> Result:
    """Exercise 09.4: ``my_ridge(X, y, alpha)`` returns the ``(w, b)`` minimising ``MSE + α‖w‖²``."""
    return RIDGE.check(my_ridge)
