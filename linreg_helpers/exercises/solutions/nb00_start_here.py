"""Solutions of the exercises of notebook 00 (:mod:`linreg_helpers.exercises.nb00_start_here`).

Each solution is written once, as a learner would write it; ``SOLUTIONS`` maps the exercise id to it. The
series shows it one click away; a learner build (``tools/make_assignments.py``) leaves this folder out.
"""

from __future__ import annotations

import numpy as np


def _solution_grid():
    x = np.linspace(0, 5, 11)  # 11 points from 0 to 5, both ends included
    return x


def _solution_mean(v):
    return np.sum(v) / len(v)


def _solution_dot():
    a = np.array([1.0, 2.0, 3.0])
    b = np.array([4.0, 5.0, 6.0])
    d = a @ b  # 1·4 + 2·5 + 3·6
    return d


SOLUTIONS = {
    "00.1": _solution_grid,
    "00.2": _solution_mean,
    "00.3": _solution_dot,
}
