"""Exercises of ``06_convexity``: the chord test, the MSE's Hessian, which losses are convex, the minimum loss.

A function ``f`` is convex when every chord lies on or above its graph:
``f((1 − t)·a + t·b) ≤ (1 − t)·f(a) + t·f(b)`` for all points ``a, b`` and all
``t`` in ``[0, 1]``. For the MSE of a linear model, ``f(w, b)`` has the constant
Hessian ``H = (2/n) AᵀA`` with ``A = [x, 1]``.

==========  ===========================  ======================================================
id          check                        the learner writes
==========  ===========================  ======================================================
``06.1``    ``check_chord_gap``          ``my_chord_gap(f, a, b, t)``: loss minus chord, per t
``06.2``    ``check_mse_hessian``        ``my_mse_hessian(x)``: the 2 × 2 Hessian in (w, b)
``06.3``    ``check_convex_losses``      four booleans: which losses are convex in (w, b)
``06.4``    ``check_min_loss``           ``min_mse``: the smallest MSE on the penguins data
==========  ===========================  ======================================================
"""

from __future__ import annotations

import numpy as np

import linreg_helpers as lh

from ._feedback import FunctionExercise, Mistake, Result, ValueExercise

__all__ = ["check_chord_gap", "check_convex_losses", "check_min_loss", "check_mse_hessian"]


# --------------------------------------------------------------- 06.1 the chord test


def _data(rng: np.random.Generator):
    n = int(rng.integers(6, 15))
    x = rng.uniform(0, 6, n)
    return x, 1.5 * x + 2.0 + rng.normal(0, 1.0, n)


def _chord_inputs(rng: np.random.Generator) -> tuple:
    x, y = _data(rng)
    kind = int(rng.integers(0, 3))
    if kind == 0:

        def f(p):  # MSE of a line: convex
            return lh.mse(y, p[0] * x + p[1])

    elif kind == 1:

        def f(p):  # Tukey's loss: not convex
            return lh.tukey(y, p[0] * x + p[1])

    else:

        def f(p):  # a wavy function: not convex
            return float(np.sin(2 * p[0]) + 0.3 * p[1] ** 2)

    a, b = rng.normal(0, 3, 2), rng.normal(0, 3, 2)
    return f, a, b, np.linspace(0, 1, int(rng.integers(5, 12)))


def _chord_reference(f, a, b, t):
    return np.array([f(a + tk * (b - a)) - (f(a) + tk * (f(b) - f(a))) for tk in t])


CHORD_GAP = FunctionExercise(
    id="06.1",
    title="The chord test",
    answer_name="my_chord_gap",
    reference=_chord_reference,
    make_inputs=_chord_inputs,
    n_cases=8,
    seed=601,
    hint="For each t: the point (1 − t)·a + t·b of the segment, the loss f there, and the chord's height "
    "(1 − t)·f(a) + t·f(b) with the same weights. Return f(point) − chord, one number per t.",
    mistakes=[
        Mistake(
            "sign",
            "Your differences have the wrong sign: return the loss minus the chord, so that a convex function "
            "gives numbers ≤ 0 (the chord is on or above the graph).",
            lambda f, a, b, t: -_chord_reference(f, a, b, t),
        ),
        Mistake(
            "weights_swapped",
            "Your chord and your point use opposite weights: at t = 0 both must be at a, at t = 1 both at b. "
            "With the point (1 − t)·a + t·b, the chord is (1 − t)·f(a) + t·f(b).",
            lambda f, a, b, t: np.array([f((1 - tk) * a + tk * b) - (tk * f(a) + (1 - tk) * f(b)) for tk in t]),
        ),
        Mistake(
            "absolute",
            "You returned the size of the gap without its sign. The sign is the whole test: below the chord "
            "(≤ 0) is allowed, above it is not.",
            lambda f, a, b, t: np.abs(_chord_reference(f, a, b, t)),
        ),
    ],
)


def check_chord_gap(my_chord_gap) -> Result:
    """Exercise 06.1: ``my_chord_gap(f, a, b, t)`` returns ``f((1−t)a + tb) − ((1−t)f(a) + t f(b))`` for each t."""
    return CHORD_GAP.check(my_chord_gap)


# --------------------------------------------------------------- 06.2 the Hessian of the MSE


def _hessian_reference(x):
    """The Hessian from finite differences of ``lh.mse_gradient`` (exact for a quadratic, up to rounding)."""
    y = np.zeros_like(x)  # the Hessian does not depend on y
    h = 1e-3
    cols = []
    for e in np.eye(2):
        g_plus = lh.mse_gradient(x, y, h * e[0], h * e[1])
        g_minus = lh.mse_gradient(x, y, -h * e[0], -h * e[1])
        cols.append((np.array(g_plus) - np.array(g_minus)) / (2 * h))
    return np.column_stack(cols)


def _hessian_inputs(rng: np.random.Generator) -> tuple:
    return (rng.uniform(-2, 6, int(rng.integers(4, 20))),)


def _A(x):
    return np.column_stack([x, np.ones(len(x))])


MSE_HESSIAN = FunctionExercise(
    id="06.2",
    title="The Hessian of the MSE",
    answer_name="my_mse_hessian",
    reference=_hessian_reference,
    make_inputs=_hessian_inputs,
    fixed_inputs=[(np.array([1.0, 2.0, 3.0, 4.0]),)],
    seed=602,
    rtol=1e-6,
    atol=1e-6,
    hint="Differentiate ∂MSE/∂w = (2/n) Σ rᵢxᵢ and ∂MSE/∂b = (2/n) Σ rᵢ once more, with respect to w and to b "
    "(∂rᵢ/∂w = xᵢ, ∂rᵢ/∂b = 1). In matrix form that is (2/n) AᵀA with A = [x, 1].",
    mistakes=[
        Mistake(
            "half",
            "Your Hessian is half the right one: it belongs to ½·MSE. This series' MSE has ∂MSE/∂w = (2/n) Σ rᵢxᵢ, "
            "so the 2 stays in the second derivatives too.",
            lambda x: 1 / len(x) * _A(x).T @ _A(x),
        ),
        Mistake(
            "no_mean",
            "Your Hessian grows with the number of examples: the MSE is a mean, so divide by n.",
            lambda x: 2 * _A(x).T @ _A(x),
        ),
        Mistake(
            "bias_first",
            "The right numbers in the wrong places: this series orders the parameters (w, b), so the top-left "
            "entry is ∂²MSE/∂w² and the bottom-right ∂²MSE/∂b². Put x's column first in A.",
            lambda x: 2 / len(x) * _A(x)[:, ::-1].T @ _A(x)[:, ::-1],
        ),
        Mistake(
            "outer",
            "Your matrix has one row per example: A Aᵀ is (n, n). The Hessian has one row and column per "
            "parameter, (2, 2), which is Aᵀ A.",
            lambda x: 2 / len(x) * _A(x) @ _A(x).T,
        ),
        Mistake(
            "w_only",
            "That is only ∂²MSE/∂w². The loss depends on two parameters, (w, b), so the Hessian is a 2 × 2 "
            "matrix of all second derivatives, the mixed ones included.",
            lambda x: 2 / len(x) * np.sum(x * x),
        ),
    ],
)


def check_mse_hessian(my_mse_hessian) -> Result:
    """Exercise 06.2: ``my_mse_hessian(x)`` returns the 2 × 2 Hessian of the MSE in ``(w, b)``."""
    return MSE_HESSIAN.check(my_mse_hessian)


# --------------------------------------------------------------- 06.3 which losses are convex?


def _passes_chord_test(loss) -> bool:
    """Whether ``loss(y_true, y_pred)`` of one residual r lies on or below every chord, on a grid of r in [-10, 10]."""
    r = np.linspace(-10, 10, 81)
    rho = np.array([loss([0.0], [ri]) for ri in r])
    mid = np.array([loss([0.0], [ri]) for ri in (r[:, None] + r[None, :]).ravel() / 2]).reshape(len(r), len(r))
    return bool(np.all(mid <= (rho[:, None] + rho[None, :]) / 2 + 1e-9))


def _convexity_reference() -> tuple[bool, bool, bool, bool]:
    """The chord test on each loss of one residual (convex in r and r linear in (w, b): convex in (w, b))."""
    return tuple(_passes_chord_test(loss) for loss in (lh.mse, lh.mae, lh.huber, lh.tukey))


CONVEX_LOSSES = ValueExercise(
    id="06.3",
    title="Which losses are convex in (w, b)?",
    answer_name="mse_convex, mae_convex, huber_convex, tukey_convex",
    reference=_convexity_reference,
    hint="For each loss ρ(r), ask whether ρ is convex in the residual r; a convex ρ of a residual that is linear "
    "in (w, b), averaged over the examples, is convex in (w, b). Use the explorer's chord test to check.",
    mistakes=[
        Mistake(
            "all_convex",
            "Not every loss of a linear model is convex. The model is linear in (w, b), but the loss ρ applied to "
            "each residual can still bend the wrong way: look at the chord test for Tukey's loss between its "
            "two valleys.",
            (True, True, True, True),
        ),
        Mistake(
            "mae_not_convex",
            "A kink is not a dent. |r| has no derivative at 0, so the MAE is not smooth, but every chord of |r| "
            "lies on or above it: not smooth and not convex are different things.",
            (True, False, True, False),
        ),
        Mistake(
            "only_smooth_convex",
            "Convexity does not need smoothness: the MAE has kinks and Huber's loss changes formula at ±δ, yet "
            "no chord of either ever dips below the loss.",
            (True, False, False, False),
        ),
        Mistake(
            "huber_not_convex",
            "Huber's loss is r²/2 for small residuals and a straight line for large ones, and the two pieces "
            "meet with the same slope: its slope never decreases, so it is convex.",
            (True, True, False, False),
        ),
    ],
)


def check_convex_losses(mse_convex, mae_convex, huber_convex, tukey_convex) -> Result:
    """Exercise 06.3: four booleans saying whether MSE, MAE, Huber and Tukey are convex in ``(w, b)``."""
    return CONVEX_LOSSES.check(mse_convex, mae_convex, huber_convex, tukey_convex)


# --------------------------------------------------------------- 06.4 minimum loss is not zero loss


def _penguin_residuals():
    penguins = lh.load_dataset("penguins")
    return lh.predict(penguins.X, *lh.fit_closed_form(penguins.X, penguins.y)) - penguins.y, penguins.y


MIN_LOSS = ValueExercise(
    id="06.4",
    title="Minimum loss is not zero loss",
    answer_name="min_mse",
    reference=lambda: float(np.mean(_penguin_residuals()[0] ** 2)),
    rtol=1e-4,  # a well-converged gradient-descent run is accepted too
    hint=(
        "Find the best line with lh.fit_closed_form(X, y) and compute its MSE on the data. (Plain gradient descent on"
        " the raw penguin features would need some 10⁷ steps: standardise the feature first, notebook 07.)"
    ),
    mistakes=[
        Mistake(
            "zero",
            "Zero would mean a line through every penguin's point, and 342 scattered points do not lie on one line. "
            "The bottom of the bowl is the smallest MSE any line can reach: compute it.",
            0.0,
        ),
        Mistake(
            "rmse",
            "That is the RMSE at the minimum (in grams); the exercise asks for the MSE (in grams squared).",
            lambda: float(np.sqrt(np.mean(_penguin_residuals()[0] ** 2))),
        ),
        Mistake(
            "half",
            "Your value is half the MSE: (1/(2n)) Σ r² is ½·MSE, a different convention. This series' MSE is "
            "(1/n) Σ r².",
            lambda: float(np.mean(_penguin_residuals()[0] ** 2) / 2),
        ),
        Mistake(
            "sse",
            "That is the sum of squared errors; the MSE is its mean.",
            lambda: float(np.sum(_penguin_residuals()[0] ** 2)),
        ),
        Mistake(
            "start",
            "That is the loss at the start, w = 0 and b = 0. The minimum is at the best (w, b).",
            lambda: float(np.mean(_penguin_residuals()[1] ** 2)),
        ),
    ],
)


def check_min_loss(min_mse) -> Result:
    """Exercise 06.4: the smallest MSE a straight line reaches on the penguins data (flipper length → body mass)."""
    return MIN_LOSS.check(min_mse)
