"""Hidden tests for graded assignments: the same checkers, on the same and on new inputs.

``tools/make_assignments.py`` writes, for every exercise, an nbgrader test cell whose hidden part is
``ex.assert_correct("NN.k", answer, seed=...)``. It fails (an ``AssertionError`` whose message is the
checker's hint, which nbgrader shows as feedback) unless the answer is right on the checker's inputs
and, for a function exercise, also on inputs drawn with a seed the learner never saw: an answer that
was tuned to the public inputs does not pass.
"""

from __future__ import annotations

import copy
from typing import Any

from ._feedback import FunctionExercise, get

__all__ = ["assert_correct"]


def assert_correct(exercise_id: str, *answer: Any, seed: int | None = None) -> None:
    """Raise ``AssertionError`` with the checker's message unless ``answer`` solves the exercise.

    Parameters
    ----------
    exercise_id : str
        ``"NN.k"``, e.g. ``"04.1"``.
    *answer
        What the learner's check gets (a function, a value, or several values).
    seed : int, optional
        For a function exercise: also check on ``n_cases`` new random inputs drawn with this seed
        (the hidden inputs of a graded assignment). Ignored for a value exercise.

    Raises
    ------
    AssertionError
        When the answer is not right; the message is the hint a learner would get (prefixed
        "On new inputs:" when only the hidden inputs fail).

    Examples
    --------
    >>> from linreg_helpers import exercises as ex
    >>> ex.assert_correct("00.2", lambda v: sum(v) / len(v), seed=7)
    >>> ex.assert_correct("00.2", lambda v: sum(v), seed=7)
    Traceback (most recent call last):
    ...
    AssertionError: ❌ Not yet (00.2 The mean of an array). Hint: ...
    """
    exercise = get(exercise_id)
    result = exercise.check(*answer)
    if not result.correct:
        raise AssertionError(result.message)
    if seed is None or not isinstance(exercise, FunctionExercise):
        return
    hidden = copy.copy(exercise)  # a copy is not registered: the learner's checker keeps its inputs
    hidden.seed, hidden.fixed_inputs, hidden._cache = seed, (), {}
    result = hidden.check(*answer)
    if not result.correct:
        raise AssertionError(f"On new inputs: {result.message}")
