"""Warm-up exercises of ``00_start_here``: the numpy the series uses, and how checks work.

==========  ================  =========================================================
id          check             the learner writes
==========  ================  =========================================================
``00.1``    ``check_grid``    ``x``: the 11 numbers 0, 0.5, …, 5 as an array
``00.2``    ``check_mean``    ``my_mean(v)``: the average, without ``np.mean``
``00.3``    ``check_dot``     ``d``: the dot product of two vectors
==========  ================  =========================================================
"""

from __future__ import annotations

import numpy as np

from ._feedback import FunctionExercise, Mistake, Result, ValueExercise

__all__ = ["check_dot", "check_grid", "check_mean"]


# --------------------------------------------------------------- 00.1 a grid of numbers


GRID = ValueExercise(
    id="00.1",
    title="A grid of numbers",
    answer_name="x",
    reference=lambda: 0.5 * np.arange(11.0),
    hint="You want 11 numbers from 0 to 5, both included, equally spaced.",
    mistakes=[
        Mistake(
            "arange_stop",
            "Your array stops before 5: np.arange leaves out its end point.",
            np.arange(0, 5, 0.5),
        ),
        Mistake(
            "linspace_count",
            "np.linspace(start, stop, num) counts points, not gaps: 10 gaps need how many points?",
            np.linspace(0, 5, 10),
        ),
    ],
)


def check_grid(x) -> Result:
    """Exercise 00.1: ``x`` holds 0, 0.5, 1, …, 5 (11 numbers)."""
    return GRID.check(x)


# --------------------------------------------------------------- 00.2 the mean


MEAN = FunctionExercise(
    id="00.2",
    title="The mean of an array",
    answer_name="my_mean",
    reference=lambda v: float(np.mean(v)),
    make_inputs=lambda rng: (rng.normal(3, 2, int(rng.integers(3, 10))),),
    fixed_inputs=[(np.array([1.0, 2.0, 6.0]),)],
    seed=1,
    hint="The mean is the total divided by how many numbers there are.",
    forbidden_names=("mean", "average", "fmean", "nanmean"),
    forbidden_hint="Your function gives the right numbers, but it calls a ready-made mean (np.mean, .mean(), "
    "np.average or statistics.mean), which this exercise asks you to do without: add the numbers up and "
    "divide by how many there are.",
    mistakes=[
        Mistake(
            "sum",
            "That is the total: an average also divides by something.",
            lambda v: np.sum(v),
        ),
        Mistake(
            "n_minus_1",
            "You divided by one less than the number of values: an average divides by all of them.",
            lambda v: np.sum(v) / (len(v) - 1),
        ),
    ],
)


def check_mean(my_mean) -> Result:
    """Exercise 00.2: ``my_mean(v)`` returns the average of a 1-D array."""
    return MEAN.check(my_mean)


# --------------------------------------------------------------- 00.3 dot product

A3 = np.array([1.0, 2.0, 3.0])
B3 = np.array([4.0, 5.0, 6.0])


DOT = ValueExercise(
    id="00.3",
    title="A dot product",
    answer_name="d",
    reference=lambda: float(np.dot(A3, B3)),
    hint="Multiply matching entries, then add the products up: the answer is one number.",
    mistakes=[
        Mistake(
            "elementwise",
            "`a * b` multiplies entry by entry and keeps all three products; a dot product also adds them up "
            "into a single number.",
            A3 * B3,
        ),
        Mistake(
            "sum_of_sums",
            "You multiplied the two totals. A dot product multiplies matching entries first, then adds.",
            float(np.sum(A3) * np.sum(B3)),
        ),
    ],
)


def check_dot(d) -> Result:
    """Exercise 00.3: ``d`` is the dot product of ``a = [1, 2, 3]`` and ``b = [4, 5, 6]``."""
    return DOT.check(d)
