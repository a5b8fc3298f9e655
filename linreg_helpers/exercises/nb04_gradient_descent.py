"""Exercises of ``04_gradient_descent``: one step, the loop for many features, the stable rate, convergence.

The series' convention: ``MSE = (1/n) Σ rᵢ²`` with ``r = ŷ − y``, so
``∂MSE/∂w = (2/n) Σ rᵢ xᵢ``, ``∂MSE/∂b = (2/n) Σ rᵢ`` and one step of
gradient descent is ``w ← w − η ∂MSE/∂w``, ``b ← b − η ∂MSE/∂b`` (both
derivatives taken at the *old* ``(w, b)``).

==========  ================================  ===================================================
id          check                             the learner writes
==========  ================================  ===================================================
``04.1``    ``check_gd_step``                 ``my_gd_step(x, y, w, b, learning_rate) -> (w, b)``
``04.2``    ``check_gradient_descent``        ``my_gradient_descent(X, y, learning_rate, steps)``
``04.3``    ``check_largest_stable_rate``     ``my_largest_stable_rate(x) -> float``
``04.4``    ``check_steps_to_converge``       ``steps_needed``: steps until the MSE is within 1 %
==========  ================================  ===================================================
"""

from __future__ import annotations

import numpy as np

import linreg_helpers as lh

from ._feedback import FunctionExercise, Mistake, Result, ValueExercise

__all__ = ["check_gd_step", "check_gradient_descent", "check_largest_stable_rate", "check_steps_to_converge"]

# The four points of the worked example in 01–03 (best line ŷ = 1.7x + 0).
X4 = np.array([1.0, 2.0, 3.0, 4.0])
Y4 = np.array([2.0, 3.0, 5.0, 7.0])


def _one_feature(rng: np.random.Generator) -> tuple:
    n = int(rng.integers(5, 12))
    x = rng.uniform(0.5, 5, n)  # positive, like most features
    y = 1.3 * x - 0.7 + rng.normal(size=n)
    w, b = float(rng.normal(0, 2)), float(rng.normal(0, 2))
    return x, y, w, b, float(rng.uniform(0.01, 0.1))


# --------------------------------------------------------------- 04.1 one step


def _step(x, y, w, b, lr, *, direction=-1.0, scale=2.0, mean=True, use_lr=True):
    """Variants of one gradient-descent step, for the typical mistakes."""
    r = w * x + b - y
    k = scale / len(x) if mean else scale
    eta = lr if use_lr else 1.0
    return w + direction * eta * k * np.sum(r * x), b + direction * eta * k * np.sum(r)


def _sequential_step(x, y, w, b, lr):
    n = len(x)
    r = w * x + b - y
    w = w - lr * 2 / n * np.sum(r * x)
    r = w * x + b - y  # residuals recomputed with the *new* w before updating b
    return w, b - lr * 2 / n * np.sum(r)


def _step_reference(x, y, w, b, lr):
    dw, db = lh.mse_gradient(x, y, w, b)
    return w - lr * dw, b - lr * db


GD_STEP = FunctionExercise(
    id="04.1",
    title="One step of gradient descent",
    answer_name="my_gd_step",
    reference=_step_reference,
    make_inputs=_one_feature,
    fixed_inputs=[(X4, Y4, 0.0, 0.0, 0.05)],
    seed=401,
    hint="Compute the residuals and the two partial derivatives of the MSE at the current (w, b), then move each "
    "parameter by the learning rate times its derivative, in the direction that lowers the loss. "
    "Return (new_w, new_b).",
    mistakes=[
        Mistake(
            "plus",
            "Your step goes uphill: the gradient points to where the loss grows fastest, so gradient *descent* "
            "subtracts it (w − η·∂MSE/∂w). With + you are doing gradient ascent.",
            lambda x, y, w, b, lr: _step(x, y, w, b, lr, direction=1.0),
        ),
        Mistake(
            "no_learning_rate",
            "Your step is the whole gradient: multiply it by the learning rate η before subtracting. "
            "η is what keeps each step small.",
            lambda x, y, w, b, lr: _step(x, y, w, b, lr, use_lr=False),
        ),
        Mistake(
            "half",
            "Your step is half as long as it should be: the derivative of r² is 2r, so ∂MSE/∂w = (2/n) Σ rᵢxᵢ. "
            "(Without the 2 you are descending ½·MSE, another convention.)",
            lambda x, y, w, b, lr: _step(x, y, w, b, lr, scale=1.0),
        ),
        Mistake(
            "sum",
            "Your step grows with the number of examples: the MSE is a mean, so its gradient is a mean too "
            "(divide the sums by n).",
            lambda x, y, w, b, lr: _step(x, y, w, b, lr, mean=False),
        ),
        Mistake(
            "sequential",
            "Your w is right but your b is not: you computed ∂MSE/∂b after w had already moved. Both derivatives "
            "belong to the same point: compute the whole gradient first, then update w and b together.",
            _sequential_step,
        ),
        Mistake(
            "swapped",
            "w and b moved by each other's derivative: w uses ∂MSE/∂w (the one with the xᵢ), b uses ∂MSE/∂b.",
            lambda x, y, w, b, lr: (
                w - lr * 2 * np.mean(w * x + b - y),
                b - lr * 2 * np.mean((w * x + b - y) * x),
            ),
        ),
    ],
)


def check_gd_step(my_gd_step) -> Result:
    """Exercise 04.1: ``my_gd_step(x, y, w, b, learning_rate)`` returns ``(w, b)`` after one step on the MSE."""
    return GD_STEP.check(my_gd_step)


# --------------------------------------------------------------- 04.2 the loop, many features


def _many_features(rng: np.random.Generator) -> tuple:
    n, m = int(rng.integers(8, 16)), int(rng.integers(2, 4))
    X = rng.normal(1.0, 1.0, size=(n, m))
    y = X @ rng.normal(size=m) + 2.0 + rng.normal(0, 0.5, size=n)
    lr = 0.5 * lh.largest_stable_learning_rate(X)
    return X, y, float(lr), int(rng.integers(3, 20))


def _gd_reference(X, y, learning_rate, steps):
    h = lh.gradient_descent(X, y, learning_rate=learning_rate, epochs=steps)
    return h.w, h.b


def _gd(X, y, lr, steps, *, direction=-1.0, scale=2.0, mean=True, sequential=False):
    """Variants of the loop, for the typical mistakes."""
    n, M = X.shape
    w, b = np.zeros(M), 0.0
    k = scale / n if mean else scale
    for _ in range(steps):
        r = X @ w + b - y
        w_new = w + direction * lr * k * (X.T @ r)
        if sequential:
            r = X @ w_new + b - y
        b = b + direction * lr * k * np.sum(r)
        w = w_new
    return w, b


GRADIENT_DESCENT = FunctionExercise(
    id="04.2",
    title="Gradient descent for many features",
    answer_name="my_gradient_descent",
    reference=_gd_reference,
    make_inputs=_many_features,
    seed=402,
    hint="Start from w = 0 (shape (M,)) and b = 0; then, `steps` times: residuals, the gradient "
    "((2/n) Xᵀr and (2/n) Σr), and a step against it. Return (w, b) after the last step.",
    mistakes=[
        Mistake(
            "plus",
            "Your parameters run away: adding the gradient climbs uphill. Descent subtracts η times the gradient.",
            lambda X, y, lr, steps: _gd(X, y, lr, steps, direction=1.0),
        ),
        Mistake(
            "half",
            "Your steps are half as long as they should be: ∂MSE/∂w = (2/n) Xᵀr, with the 2 from differentiating r².",
            lambda X, y, lr, steps: _gd(X, y, lr, steps, scale=1.0),
        ),
        Mistake(
            "sum",
            "Your steps are n times too long: average the gradient over the examples (divide by n), "
            "as the MSE averages the squared residuals.",
            lambda X, y, lr, steps: _gd(X, y, lr, steps, mean=False),
        ),
        Mistake(
            "one_step_too_many",
            "You took one step too many: `steps` updates of (w, b) after the start, no more.",
            lambda X, y, lr, steps: _gd(X, y, lr, steps + 1),
        ),
        Mistake(
            "one_step_too_few",
            "You took one step too few: the answer is (w, b) after `steps` updates, counting from the start "
            "w = 0, b = 0.",
            lambda X, y, lr, steps: _gd(X, y, lr, steps - 1),
        ),
        Mistake(
            "sequential",
            "Your b is computed from residuals of the already-updated w. Compute the whole gradient at the "
            "current point first, then move w and b together.",
            lambda X, y, lr, steps: _gd(X, y, lr, steps, sequential=True),
        ),
    ],
)


def check_gradient_descent(my_gradient_descent) -> Result:
    """Exercise 04.2: ``my_gradient_descent(X, y, learning_rate, steps)`` returns ``(w, b)`` after ``steps`` steps."""
    return GRADIENT_DESCENT.check(my_gradient_descent)


# --------------------------------------------------------------- 04.3 largest stable learning rate


def _design(x):
    return np.column_stack([x, np.ones(len(x))])


def _lam(M):
    return np.linalg.eigvalsh(M)


def _rate_inputs(rng: np.random.Generator) -> tuple:
    n = int(rng.integers(5, 30))
    return (rng.uniform(-1, 6, n),)


LARGEST_STABLE_RATE = FunctionExercise(
    id="04.3",
    title="The largest stable learning rate",
    answer_name="my_largest_stable_rate",
    reference=lh.largest_stable_learning_rate,
    make_inputs=_rate_inputs,
    fixed_inputs=[(X4,)],
    seed=403,
    hint="Build the design matrix A = [x, 1], the Hessian H = (2/n) AᵀA of the MSE, and use its largest "
    "eigenvalue λ_max: a step multiplies the error along each eigenvector by (1 − ηλ).",
    mistakes=[
        Mistake(
            "no_two_in_hessian",
            "Your bound is twice too large. The Hessian of the MSE is (2/n) AᵀA: the 2 comes from differentiating "
            "r². (Without it you have the Hessian of ½·MSE, whose stable rates are twice as large.)",
            lambda x: 2 / _lam(_design(x).T @ _design(x) / len(x))[-1],
        ),
        Mistake(
            "one_over_lambda",
            "Your bound is half the real one. The error along an eigenvector is multiplied by (1 − ηλ) each step; "
            "it shrinks as long as |1 − ηλ| < 1, which allows ηλ up to 2, not 1. (Between the two, descent "
            "overshoots and oscillates, but still converges.)",
            lambda x: 1 / _lam(2 / len(x) * _design(x).T @ _design(x))[-1],
        ),
        Mistake(
            "smallest_eigenvalue",
            "You used the smallest eigenvalue. Every direction must be stable, and the steepest one (the largest "
            "eigenvalue) is the first to blow up. (If you took `np.linalg.eigvals(H)[-1]`: `eigvals` does not sort "
            "its eigenvalues, so the last one need not be the largest. Use `np.linalg.eigvalsh`, which returns them "
            "sorted, smallest first, or take `.max()`.)",
            lambda x: 2 / _lam(2 / len(x) * _design(x).T @ _design(x))[0],
        ),
        Mistake(
            "no_bias",
            "Your Hessian leaves out the bias: the parameters are (w, b), so A needs a column of ones next to x "
            "and H is 2 × 2.",
            lambda x: 2 / (2 / len(x) * np.sum(x * x)),
        ),
        Mistake(
            "no_mean",
            "Your bound shrinks with the number of examples: the MSE is a mean, so its Hessian is (2/n) AᵀA, "
            "not 2 AᵀA.",
            lambda x: 2 / _lam(2 * _design(x).T @ _design(x))[-1],
        ),
        Mistake(
            "eigenvalue",
            "You returned the largest eigenvalue itself. The learning rate is bounded by 2 divided by it.",
            lambda x: _lam(2 / len(x) * _design(x).T @ _design(x))[-1],
        ),
    ],
)


def check_largest_stable_rate(my_largest_stable_rate) -> Result:
    """Exercise 04.3: ``my_largest_stable_rate(x)`` returns ``2 / λ_max`` of the MSE's Hessian for one feature."""
    return LARGEST_STABLE_RATE.check(my_largest_stable_rate)


# --------------------------------------------------------------- 04.4 steps to converge


def _cars_run():
    cars = lh.load_dataset("cars")
    x, y = cars.X, cars.y
    h = lh.gradient_descent(x, y, learning_rate=0.5 * lh.largest_stable_learning_rate(x), epochs=2000)
    w_best, b_best = lh.fit_closed_form(x, y)
    return h.losses, lh.mse(y, lh.predict(x, w_best, b_best))


def _first(mask) -> int:
    return int(np.argmax(mask))


def _steps_mistake(kind: str):
    def answer():
        L, m = _cars_run()
        if kind == "states":
            return _first(L <= 1.01 * m) + 1
        if kind == "absolute":
            return _first(L <= m + 0.01)
        if kind == "gap_from_start":
            return _first(L - m <= 0.01 * (L[0] - m))
        # "zero": as if the minimum loss were 0, or a run that never gets within 1 % (η = η_max, too few
        # epochs): no k qualifies, and np.argmax of an all-False array gives 0
        return _first(L <= 0.01)

    return answer


def _steps_reference() -> int:
    losses, min_loss = _cars_run()
    return _first(losses <= 1.01 * min_loss)


STEPS_TO_CONVERGE = ValueExercise(
    id="04.4",
    title="How many steps until it has converged?",
    answer_name="steps_needed",
    reference=_steps_reference,
    hint="Run lh.gradient_descent on the cars data with η = 0.5 × the largest stable rate, compute the smallest "
    "possible MSE with lh.fit_closed_form, and find the first k with losses[k] ≤ 1.01 × that minimum.",
    mistakes=[
        Mistake(
            "states",
            "You are one too high: losses[0] is the loss at the start, before any step, so losses[k] is the loss "
            "after k steps. The index itself is the number of steps.",
            _steps_mistake("states"),
        ),
        Mistake(
            "zero",
            "0 steps means no loss in your run met your test: np.argmax of an all-False array is 0. Two usual "
            "causes: (1) your run never got within 1 % of the minimum. Check the learning rate (0.5 × η_max; at "
            "η_max itself the zig-zag never shrinks) and run enough epochs (2000). (2) You compared with zero: the "
            "minimum of the MSE is not zero, because no straight line passes through every noisy point; take it "
            "from lh.fit_closed_form. Check that np.any(close) is True before using np.argmax.",
            _steps_mistake("zero"),
        ),
        Mistake(
            "absolute",
            "You stopped within 0.01 (in squared mpg) of the minimum; the exercise asks for within 1 % of it, "
            "a relative tolerance: losses[k] ≤ 1.01 × minimum.",
            _steps_mistake("absolute"),
        ),
        Mistake(
            "gap_from_start",
            "You measured 1 % of the distance from the start to the minimum; the exercise asks for the loss to be "
            "within 1 % of the minimum itself: losses[k] ≤ 1.01 × minimum.",
            _steps_mistake("gap_from_start"),
        ),
    ],
)


def check_steps_to_converge(steps_needed) -> Result:
    """Exercise 04.4: the number of steps until the MSE on the cars data is within 1 % of its minimum."""
    if isinstance(steps_needed, (str, bytes)):  # "511" is not a count of steps, even when its digits are right
        return Result(
            STEPS_TO_CONVERGE.id,
            "incorrect",
            f"❌ Not yet ({STEPS_TO_CONVERGE.label}). Your answer is text (a string); give the number itself, "
            "e.g. steps_needed = int(np.argmax(close)).",
            "text",
        )
    return STEPS_TO_CONVERGE.check(steps_needed)
