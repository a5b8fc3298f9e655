"""Self-checked exercises for the notebooks.

In a notebook::

    from linreg_helpers import exercises as ex

    def my_mse(y_true, y_pred):
        ...                       # the learner's code

    ex.check_mse(my_mse)          # or: ex.check("02.1", my_mse)

A check returns a :class:`Result` whose repr is the message ("✅ Correct!", a
hint for the typical mistake, "your function returned None – did you forget
`return`?", or "not answered yet"), so put it on the last line of the cell.
``result.correct`` is a bool. Checks never raise, whatever they are given (a
function of the wrong signature, a string, a generator, ``None``, …). For an
answer of several parts, give the ``check_*`` function ``*answer`` as its
parameters (see ``check_best_constant``), so that a call with too few or too
many parts also gets a message; the feedback names the part that is off.

Adding exercises for a notebook
-------------------------------
Create ``linreg_helpers/exercises/nbNN_topic.py`` (e.g. ``nb04_descent.py``);
every ``nb*`` module in this folder is imported here automatically and the
names in its ``__all__`` become ``ex.<name>``. In the module:

1. Create the exercise with its id ``"NN.k"``, the name the notebook's stub
   uses (``answer_name``), a ``reference`` computed with ``linreg_helpers``
   (never with the solution), seeded test inputs, and the typical mistakes
   (:class:`Mistake`: a key, a hint that does not give the answer away, and an
   example wrong answer).
2. Export a ``check_<name>(answer)`` function that returns ``EXERCISE.check(answer)``.
3. Write its solution **once**, as the learner would write it, in
   ``solutions/nbNN_topic.py`` (the same module name): a function (for a
   :class:`FunctionExercise`) or a zero-argument function ending in
   ``return <answer>`` (for a :class:`ValueExercise`), listed in that module's
   ``SOLUTIONS = {"NN.k": ...}``. It is attached to the exercise at import.

Solutions live apart so that a learner build for graded work
(``tools/make_assignments.py``) can leave the ``solutions`` folder out: the
checks still work, and ``ex.get("NN.k").solution()`` says that the solutions
are not included. ``SOLUTIONS_INCLUDED`` tells which build this is.

At import time, take what you need from the sibling modules (``from ..losses import mse``),
not ``lh.mse``: ``linreg_helpers/__init__.py`` imports this package, so ``lh`` may still be
half-initialised while these modules load. ``lh.*`` inside a function body (run when a
check runs) is fine.

``tools/build_notebooks.py`` writes the solution into the notebook and its text file in ``lessons/`` (from
``ex.get("NN.k").solution_source()``), and ``tests/test_exercises.py``
checks, for every registered exercise, that the solution is accepted and that
each mistake's example gets that mistake's hint. See ``nb02_losses.py`` for a
complete example.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil

from ._feedback import REGISTRY, Exercise, FunctionExercise, Mistake, Result, ValueExercise, check, get
from ._grading import assert_correct

__all__ = [
    "REGISTRY",
    "SOLUTIONS_INCLUDED",
    "Exercise",
    "FunctionExercise",
    "Mistake",
    "Result",
    "ValueExercise",
    "assert_correct",
    "check",
    "get",
]


def _load_notebook_modules() -> None:
    """Import every ``nb*`` module here and re-export the names in its ``__all__``."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("nb"))
    for name in names:
        module = importlib.import_module(f"{__name__}.{name}")
        for attr in module.__all__:
            if attr in globals() and globals()[attr] is not getattr(module, attr):
                raise ImportError(f"exercises.{name} exports {attr!r}, which another module already uses")
            globals()[attr] = getattr(module, attr)
            __all__.append(attr)


def _attach_solutions() -> bool:
    """Attach every solution of the ``solutions`` folder to its exercise; False in a learner build (no folder)."""
    if importlib.util.find_spec(f"{__name__}.solutions") is None:
        return False
    package = importlib.import_module(f"{__name__}.solutions")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for exercise_id, solution in module.SOLUTIONS.items():
            get(exercise_id).solution = solution
    return True


_load_notebook_modules()
SOLUTIONS_INCLUDED = _attach_solutions()
"""Whether this copy of the package has the exercises' solutions (False in a learner build)."""
