"""Solutions of the exercises of notebook 06 (:mod:`linreg_helpers.exercises.nb06_convexity`).

Each solution is written once, as a learner would write it; ``SOLUTIONS`` maps the exercise id to it. The
series shows it one click away; a learner build (``tools/make_assignments.py``) leaves this folder out.
"""

from __future__ import annotations

import numpy as np

import linreg_helpers as lh


def _solution_chord_gap(f, a, b, t):
    f_a, f_b = f(a), f(b)
    gaps = []
    for tk in t:
        point = (1 - tk) * a + tk * b  # a point on the segment from a (t = 0) to b (t = 1)
        chord = (1 - tk) * f_a + tk * f_b  # the chord's height above that point
        gaps.append(f(point) - chord)  # ≤ 0 everywhere on a convex function
    return np.array(gaps)


def _solution_mse_hessian(x):
    n = len(x)
    A = np.column_stack([x, np.ones(n)])  # design matrix: columns for w and for b
    return 2 / n * A.T @ A  # [[∂²/∂w², ∂²/∂w∂b], [∂²/∂b∂w, ∂²/∂b²]]


def _solution_convex_losses():
    mse_convex = True  # convex r² of a linear r(w, b); Hessian (2/n) AᵀA is positive semi-definite
    mae_convex = True  # |r| has a kink at 0 but no dent: its chords never dip below it
    huber_convex = True  # quadratic then linear, joined with the same slope: still convex
    tukey_convex = False  # bounded: it flattens out, so chords between valleys pass below the loss
    return mse_convex, mae_convex, huber_convex, tukey_convex


def _solution_min_loss():
    penguins = lh.load_dataset("penguins")
    w_best, b_best = lh.fit_closed_form(penguins.X, penguins.y)  # the bottom of the bowl
    min_mse = lh.mse(penguins.y, lh.predict(penguins.X, w_best, b_best))
    return min_mse


SOLUTIONS = {
    "06.1": _solution_chord_gap,
    "06.2": _solution_mse_hessian,
    "06.3": _solution_convex_losses,
    "06.4": _solution_min_loss,
}
