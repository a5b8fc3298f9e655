"""Exercises of ``03_gradients``: the MSE gradient, its matrix form, finite differences, MAE's subgradient.

The series' convention: ``MSE = (1/n) Σ rᵢ²`` with ``r = ŷ − y``, so
``∂MSE/∂w = (2/n) Σ rᵢ xᵢ`` and ``∂MSE/∂b = (2/n) Σ rᵢ``.

==========  ==============================  ================================================
id          check                           the learner writes
==========  ==============================  ================================================
``03.1``    ``check_mse_gradient``          ``my_mse_gradient(x, y, w, b) -> (dw, db)``
``03.2``    ``check_mse_gradient_matrix``   ``my_mse_gradient_matrix(X, y, w, b) -> (dw, db)``
``03.3``    ``check_numerical_gradient``    ``my_numerical_gradient(f, w, b, h) -> (dw, db)``
``03.4``    ``check_mae_gradient``          ``my_mae_gradient(x, y, w, b) -> (dw, db)``
==========  ==============================  ================================================
"""

from __future__ import annotations

import numpy as np

from ..gradients import mae_gradient, mse_gradient, numerical_gradient
from ..model import predict
from ._feedback import FunctionExercise, Mistake, Result

__all__ = ["check_mae_gradient", "check_mse_gradient", "check_mse_gradient_matrix", "check_numerical_gradient"]

X4 = np.array([1.0, 2.0, 3.0, 4.0])
Y4 = np.array([2.0, 3.0, 5.0, 7.0])
X4_2 = np.column_stack([X4, [2.0, -1.0, 0.0, 1.0]])  # the four points with a second feature


def _one_feature(rng: np.random.Generator) -> tuple:
    n = int(rng.integers(5, 12))
    x = rng.uniform(0.5, 5, n) * rng.choice([-1.0, 1.0], n)  # never all equal to 1
    x[:2] = -abs(x[0]), abs(x[1])  # features of both signs, so |x| in place of x is caught
    y = 1.3 * x - 0.7 + rng.normal(size=n)
    return x, y, float(rng.normal(0, 2)), float(rng.normal(0, 2))


def _many_features(rng: np.random.Generator) -> tuple:
    n, m = int(rng.integers(5, 12)), int(rng.integers(2, 4))  # n > m: X is never square
    X = rng.normal(size=(n, m))
    y = X @ rng.normal(size=m) + rng.normal(size=n)
    return X, y, rng.normal(size=m), float(rng.normal())


# --------------------------------------------------------------- 03.1 MSE gradient, one feature


def _grad(x, y, w, b, *, scale=2.0, flip=1.0, mean=True, with_bias=True):
    """Variants of the MSE gradient, for the typical mistakes."""
    r = flip * ((w * x + (b if with_bias else 0.0)) - y)
    k = scale / len(x) if mean else scale
    return k * np.sum(r * x), k * np.sum(r)


MSE_GRADIENT = FunctionExercise(
    id="03.1",
    title="Gradient of the MSE (one feature)",
    answer_name="my_mse_gradient",
    reference=mse_gradient,
    make_inputs=_one_feature,
    fixed_inputs=[(X4, Y4, 0.0, 0.0)],
    seed=301,
    hint="Differentiate one term rᵢ² with the chain rule, then average over the examples. "
    "Return the two numbers as (dw, db).",
    mistakes=[
        Mistake(
            "sign",
            "Both derivatives have the wrong sign. With r = ŷ − y the inner derivative ∂r/∂w is +x; "
            "if you wrote the residual as y − ŷ, its derivative is −x, and the minus sign must be kept.",
            lambda x, y, w, b: _grad(x, y, w, b, flip=-1.0),
        ),
        Mistake(
            "one_over_n",
            "Your gradient is half as big as it should be: differentiating r² brings down a factor 2. "
            "(Without it you have the gradient of ½·MSE, a different convention.)",
            lambda x, y, w, b: _grad(x, y, w, b, scale=1.0),
        ),
        Mistake(
            "one_over_2n",
            "Your gradient is 4 times too small. This series' MSE is (1/n) Σ r², with no ½, "
            "and the derivative of r² is 2r.",
            lambda x, y, w, b: _grad(x, y, w, b, scale=0.5),
        ),
        Mistake(
            "sum",
            "Your gradient grows with the number of examples: the MSE is an average, so its derivative "
            "is an average too.",
            lambda x, y, w, b: _grad(x, y, w, b, mean=False),
        ),
        Mistake(
            "no_bias",
            "Your residuals leave out the bias: compute them from the full prediction ŷ = wx + b.",
            lambda x, y, w, b: _grad(x, y, w, b, with_bias=False),
        ),
        Mistake(
            "no_x",
            "Your ∂MSE/∂w equals ∂MSE/∂b. The chain rule multiplies each rᵢ by ∂ŷᵢ/∂w: what is it?",
            lambda x, y, w, b: (_grad(x, y, w, b)[1], _grad(x, y, w, b)[1]),
        ),
        Mistake(
            "swapped",
            "Your two numbers are the right ones in the wrong order: return (dw, db).",
            lambda x, y, w, b: _grad(x, y, w, b)[::-1],
        ),
        Mistake(
            "abs_x",
            "Your ∂MSE/∂w is right only where every feature is positive: you multiplied by |xᵢ| (or lost the "
            "sign of xᵢ). The inner derivative ∂rᵢ/∂w is xᵢ itself, sign included.",
            lambda x, y, w, b: (2 * np.mean((w * x + b - y) * np.abs(x)), 2 * np.mean(w * x + b - y)),
        ),
    ],
)


def check_mse_gradient(my_mse_gradient) -> Result:
    """Exercise 03.1: ``my_mse_gradient(x, y, w, b)`` returns ``(∂MSE/∂w, ∂MSE/∂b)`` for one feature."""
    return MSE_GRADIENT.check(my_mse_gradient)


# --------------------------------------------------------------- 03.2 MSE gradient, matrix form


def _grad_m(X, y, w, b, *, scale=2.0, flip=1.0):
    r = flip * (X @ w + b - y)
    return scale / len(y) * (X.T @ r), scale / len(y) * np.sum(r)


MSE_GRADIENT_MATRIX = FunctionExercise(
    id="03.2",
    title="Gradient of the MSE (many features)",
    answer_name="my_mse_gradient_matrix",
    reference=mse_gradient,
    make_inputs=_many_features,
    fixed_inputs=[(X4_2, Y4, np.array([0.5, -1.0]), 0.5)],  # small: shown in full when it fails
    seed=302,
    hint="Same formula as for one feature, with one sum per feature: dw has shape (M,), db is a number.",
    mistakes=[
        Mistake(
            "sign",
            "Both derivatives have the wrong sign: this series uses r = ŷ − y.",
            lambda X, y, w, b: _grad_m(X, y, w, b, flip=-1.0),
        ),
        Mistake(
            "one_over_n",
            "Your gradient is half as big as it should be: the derivative of r² is 2r.",
            lambda X, y, w, b: _grad_m(X, y, w, b, scale=1.0),
        ),
        Mistake(
            "one_over_2n",
            "Your gradient is 4 times too small: that is the gradient of ½·MSE with the 2 of the derivative also "
            "left out. This series' MSE is (1/n) Σ r², with no ½, and the derivative of r² is 2r.",
            lambda X, y, w, b: _grad_m(X, y, w, b, scale=0.5),
        ),
        Mistake(
            "sum",
            "Your gradient grows with the number of examples: average over the examples, as the MSE does.",
            lambda X, y, w, b: _grad_m(X, y, w, b, scale=2.0 * len(y)),
        ),
        Mistake(
            "no_transpose",
            "The shapes do not line up: X is (n, M) and r is (n,). To pair every feature column of X with r "
            "and sum over the examples, which of X and X.T goes in front of r?",
            lambda X, y, w, b: (2 / len(y) * (X @ (X @ w + b - y)), 2 / len(y) * np.sum(X @ w + b - y)),
        ),
        Mistake(
            "per_example",
            "Your dw has one row per example: you still have to add up (average) the contributions of the "
            "examples, leaving one number per feature.",
            lambda X, y, w, b: (2 / len(y) * X * (X @ w + b - y)[:, None], 2 / len(y) * np.sum(X @ w + b - y)),
        ),
    ],
)


def check_mse_gradient_matrix(my_mse_gradient_matrix) -> Result:
    """Exercise 03.2: ``my_mse_gradient_matrix(X, y, w, b)`` with ``X`` (n, M) returns ``(dw (M,), db)``."""
    return MSE_GRADIENT_MATRIX.check(my_mse_gradient_matrix)


# --------------------------------------------------------------- 03.3 finite differences


def _loss_function(rng: np.random.Generator):
    """The mean log-cosh loss of a random one-feature data set, as a function of (w, b).

    Not a quadratic: for a quadratic the central difference is exact for *every* step h, so a
    learner who ignored the given h would pass. Log-cosh is smooth and its third derivative is
    not zero, so the central difference at the given h differs from the exact derivative (and
    from the central difference at any other h) by about h²·f‴/6.
    """
    n = int(rng.integers(5, 12))
    x = rng.uniform(-2, 3, n)
    y = 1.3 * x - 0.7 + rng.normal(size=n)

    def loss(w, b):
        r = predict(x, w, b) - y
        return float(np.mean(np.logaddexp(r, -r) - np.log(2.0)))  # log(cosh(r)), without overflow

    return loss


def _numerical_inputs(rng: np.random.Generator) -> tuple:
    # |w|, |b| < 1 so that lh.numerical_gradient's relative step eps·max(1, |θ|) is exactly h;
    # steps large enough that the h²-error of the central difference shows (the check compares at the given h)
    h = float(rng.choice([0.2, 0.1, 0.05]))
    return _loss_function(rng), float(rng.uniform(-1, 1)), float(rng.uniform(-1, 1)), h


def _numerical_reference(f, w, b, h):
    g = numerical_gradient(lambda p: f(p[0], p[1]), [w, b], eps=h)
    return float(g[0]), float(g[1])


NUMERICAL_GRADIENT = FunctionExercise(
    id="03.3",
    title="Gradient by finite differences",
    answer_name="my_numerical_gradient",
    reference=_numerical_reference,
    make_inputs=_numerical_inputs,
    seed=303,
    hint="For each parameter in turn, evaluate f a little above and a little below the point (by the given h), "
    "keeping the other parameter fixed, and divide the change in f by the change in the parameter.",
    mistakes=[
        Mistake(
            "own_small_h",
            "Your estimate is close to the exact derivative but is not the central difference with the step h "
            "you were given: use the argument h, not a step of your own.",
            lambda f, w, b, h: _numerical_reference(f, w, b, 1e-6),
        ),
        Mistake(
            "forward",
            "That is a one-sided (forward) difference: its error shrinks only like h. Use the central "
            "difference, which steps to both sides of the point.",
            lambda f, w, b, h: ((f(w + h, b) - f(w, b)) / h, (f(w, b + h) - f(w, b)) / h),
        ),
        Mistake(
            "no_two",
            "Your estimate is twice too big: how far apart are the two points where you evaluate f?",
            lambda f, w, b, h: ((f(w + h, b) - f(w - h, b)) / h, (f(w, b + h) - f(w, b - h)) / h),
        ),
        Mistake(
            "both_at_once",
            "You nudged w and b at the same time. A partial derivative changes one parameter and keeps the "
            "other fixed.",
            lambda f, w, b, h: ((f(w + h, b + h) - f(w - h, b - h)) / (2 * h),) * 2,
        ),
    ],
)


def check_numerical_gradient(my_numerical_gradient) -> Result:
    """Exercise 03.3: ``my_numerical_gradient(f, w, b, h)`` estimates ``(∂f/∂w, ∂f/∂b)`` by central differences."""
    return NUMERICAL_GRADIENT.check(my_numerical_gradient)


# --------------------------------------------------------------- 03.4 MAE subgradient


def _mae_grad_sign(x, y, w, b, sign):
    """The MAE subgradient with another choice of ``sign`` (for the mistakes at a zero residual)."""
    s = sign(w * x + b - y)
    return np.mean(s * x), np.mean(s)


def _mae_grad(x, y, w, b, *, scale=1.0, flip=1.0, mean=True):
    s = flip * np.sign(w * x + b - y)
    k = scale / len(x) if mean else scale
    return k * np.sum(s * x), k * np.sum(s)


MAE_GRADIENT = FunctionExercise(
    id="03.4",
    title="Subgradient of the MAE",
    answer_name="my_mae_gradient",
    reference=mae_gradient,
    make_inputs=_one_feature,
    fixed_inputs=[(X4, Y4, 0.0, 0.0), (X4, Y4, 1.5, 0.5)],  # at (1.5, 0.5) two residuals are exactly 0
    seed=304,
    hint="Same chain rule as for the MSE, but the outer derivative is that of |r|, not of r².",
    mistakes=[
        Mistake(
            "like_mse",
            "Your gradient grows with the size of the errors, like the MSE's. The slope of |r| is the same for "
            "every r > 0 (and for every r < 0): only the sign of r matters.",
            lambda x, y, w, b: _grad(x, y, w, b, scale=1.0),
        ),
        Mistake(
            "two",
            "There is an extra factor 2: it came from the square in the MSE, and |r| has no square.",
            lambda x, y, w, b: _mae_grad(x, y, w, b, scale=2.0),
        ),
        Mistake(
            "sign",
            "Both derivatives have the wrong sign: this series uses r = ŷ − y, and d|r|/dr is +1 where r > 0.",
            lambda x, y, w, b: _mae_grad(x, y, w, b, flip=-1.0),
        ),
        Mistake(
            "sum",
            "Your gradient grows with the number of examples: the MAE is an average, so its gradient is too.",
            lambda x, y, w, b: _mae_grad(x, y, w, b, mean=False),
        ),
        Mistake(
            "abs_x",
            "Your ∂MAE/∂w is right only where every feature is positive: you multiplied by |xᵢ| (or lost the "
            "sign of xᵢ). The inner derivative ∂rᵢ/∂w is xᵢ itself, sign included.",
            lambda x, y, w, b: (np.mean(np.sign(w * x + b - y) * np.abs(x)), np.mean(np.sign(w * x + b - y))),
        ),
        Mistake(
            "sign_of_zero",
            "Where a residual is exactly 0 (a kink of |r|) your sign is +1; this exercise uses "
            "sign(0) = 0, as np.sign does.",
            lambda x, y, w, b: _mae_grad_sign(x, y, w, b, lambda r: np.where(r >= 0, 1.0, -1.0)),
        ),
        Mistake(
            "sign_of_zero_negative",
            "Where a residual is exactly 0 (a kink of |r|) your sign is −1; this exercise uses "
            "sign(0) = 0, as np.sign does.",
            lambda x, y, w, b: _mae_grad_sign(x, y, w, b, lambda r: np.where(r > 0, 1.0, -1.0)),
        ),
        Mistake(
            "divide_by_abs",
            "Where a residual is exactly 0 your r / |r| divides 0 by 0 and gives nan; use np.sign(r), "
            "for which sign(0) = 0.",
            lambda x, y, w, b: _mae_grad_sign(x, y, w, b, lambda r: r / np.abs(r)),
        ),
    ],
)


def check_mae_gradient(my_mae_gradient) -> Result:
    """Exercise 03.4: ``my_mae_gradient(x, y, w, b)`` returns a subgradient of the MAE (``sign(0) = 0``)."""
    return MAE_GRADIENT.check(my_mae_gradient)
