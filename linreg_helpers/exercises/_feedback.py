"""The exercise-checking framework: answers in, a verdict with a targeted hint out.

An *exercise* knows its reference answer (computed with ``linreg_helpers``),
the typical mistakes learners make (each with a hint and an example wrong
answer) and its solution, written once as a Python function. Checking an answer
gives a :class:`Result` whose ``repr`` is the message, so a check on the last
line of a notebook cell shows "✅ Correct", a hint, or "not answered yet".

Two kinds of exercise cover almost everything:

* :class:`FunctionExercise` -- the learner writes a function. It is called on
  several seeded random inputs and its outputs compared with the reference.
* :class:`ValueExercise` -- the learner computes a value (a number, an array,
  or a tuple of them).

How a verdict is reached, in order:

1. ``None``, ``...`` (or a tuple holding one), a function whose body is still
   the untouched ``...`` stub, or one raising ``NotImplementedError`` →
   "not answered yet".
2. A function the learner did write that returns ``None`` (a forgotten
   ``return``, or a ``print`` instead of it) → "your function returned None –
   did you forget `return`?".
3. The answer agrees with the reference on every input → "✅ Correct".
4. The answer agrees with one of the exercise's :class:`Mistake` examples on
   every input (or raises the same kind of error) → that mistake's hint.
5. Otherwise a generic message: wrong shape / wrong type / the error raised,
   which part of a several-part answer is off (and whether it is close), or the
   exercise's ``hint`` plus the first small input it fails on.

A check never raises, whatever it is given (a function of the wrong signature,
a string, a generator, …): anything unexpected becomes a message. Hints never
contain the reference answer.
"""

from __future__ import annotations

import dis
import inspect
import textwrap
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "REGISTRY",
    "Exercise",
    "FunctionExercise",
    "Mistake",
    "Result",
    "ValueExercise",
    "check",
    "get",
    "solution_not_included",
]

CORRECT, INCORRECT, UNANSWERED = "correct", "incorrect", "unanswered"
_NOT_ANSWERED = "not answered yet. Replace the `...` with your code and run the cell again."
RETURNED_NONE = (
    "Your function returned None – did you forget `return`? "
    "(A function that only `print`s its result, or ends without `return`, hands back None.)"
)


@dataclass(frozen=True)
class Result:
    """The verdict on one answer.

    Attributes
    ----------
    exercise : str
        The exercise id, e.g. ``"02.1"``.
    status : {"correct", "incorrect", "unanswered"}
    message : str
        What the learner sees (its ``repr``).
    mistake : str or None
        The key of the recognised typical mistake, if any (for tests).
    """

    exercise: str
    status: str
    message: str
    mistake: str | None = None

    @property
    def correct(self) -> bool:
        """True only for a correct answer."""
        return self.status == CORRECT

    @property
    def answered(self) -> bool:
        """False while the exercise is still a stub."""
        return self.status != UNANSWERED

    def __repr__(self) -> str:
        return self.message

    __str__ = __repr__


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer and the hint it deserves.

    Parameters
    ----------
    key : str
        Short name, e.g. ``"sum_not_mean"`` (shown in tests, not to learners).
    hint : str
        What to look at, without giving the answer away.
    example : object
        A wrong answer written the way a learner would write it: a function
        for a :class:`FunctionExercise`, a value (or a zero-argument function
        returning it) for a :class:`ValueExercise`. The checker recognises the
        mistake by comparing the learner's answer with this example, and the
        tests check that this example gets this hint.
    """

    key: str
    hint: str
    example: Any


NOT_INCLUDED = (
    "The solutions are not part of this copy of linreg_helpers (a learner build, made by "
    "tools/make_assignments.py for graded work). Check your answer with its `ex.check_...` function, "
    "or ask your teacher."
)


class SolutionNotIncludedError(LookupError):
    """Raised when a solution is asked for in a learner build, which has none."""


def solution_not_included(*args: Any, **kwargs: Any) -> Any:
    """The stand-in solution of a learner build: raises :class:`SolutionNotIncludedError`, saying why."""
    raise SolutionNotIncludedError(NOT_INCLUDED)


# ----------------------------------------------------------------- helpers


class _Unanswered(Exception):
    """Raised internally when an answer is still a stub."""


def _is_stub(value: Any) -> bool:
    if value is None or value is Ellipsis:
        return True
    if isinstance(value, tuple | list) and any(v is None or v is Ellipsis for v in value):
        return True
    return False


_STUB_BODIES = ([("LOAD_CONST", None), ("RETURN_VALUE", None)], [("RETURN_CONST", None)])


def _is_untouched_stub(fn: Callable[..., Any]) -> bool:
    """Whether ``fn``'s body does nothing but return None: ``...``, ``pass``, a docstring, comments.

    Compares the compiled instructions (no source needed, so it works for
    functions defined in a notebook and for lambdas).
    """
    code = getattr(fn, "__code__", None)
    if code is None:
        return False
    ops = [(i.opname, i.argval) for i in dis.get_instructions(code) if i.opname not in {"RESUME", "NOP", "CACHE"}]
    return ops in _STUB_BODIES


def _names_used(fn: Callable[..., Any]) -> set[str]:
    """The global and attribute names a function's code refers to (nested functions included), and its own name."""
    names = {getattr(fn, "__name__", "")}
    stack = [fn.__code__] if hasattr(fn, "__code__") else []
    while stack:
        code = stack.pop()
        names.update(code.co_names)
        stack.extend(c for c in code.co_consts if inspect.iscode(c))
    return names


def _holds_none(value: Any) -> bool:
    """``None``, or a tuple/list with a ``None`` in it."""
    return value is None or (isinstance(value, tuple | list) and any(v is None for v in value))


def _holds_ellipsis(value: Any) -> bool:
    """``...``, or a tuple/list with a ``...`` in it (a half-filled stub)."""
    return value is Ellipsis or (isinstance(value, tuple | list) and any(v is Ellipsis for v in value))


def _describe(value: Any) -> str:
    """A short description of a value for messages: its type and shape."""
    if inspect.isgenerator(value) or isinstance(value, map | filter | range | zip):
        kind = type(value).__name__
        return f"a {kind} (turn it into numbers first, e.g. `np.array(list(...))`)"
    if isinstance(value, str):
        return "a string (text, not a number)"
    if isinstance(value, tuple | list) and not _is_numeric(value):
        return f"a {type(value).__name__} of {len(value)} items"
    try:
        arr = _as_floats(value)
    except TypeError:
        return f"a {type(value).__name__}"
    if arr.ndim == 0:
        return "a single number"
    return f"an array of shape {arr.shape}"


def _as_floats(value: Any) -> np.ndarray:
    """``value`` as a float array; raises ``TypeError`` for anything that is not numbers."""
    if isinstance(value, str | bytes) or inspect.isgenerator(value) or callable(value):
        raise TypeError(f"not numbers: {type(value).__name__}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. a complex number cast to float
        try:
            return np.asarray(value, dtype=float)
        except Exception as err:  # ragged lists, objects whose __array__ raises, …
            raise TypeError(str(err)) from None


def _is_numeric(value: Any) -> bool:
    try:
        _as_floats(value)
    except TypeError:
        return False
    return True


def _mismatch(expected: Any, got: Any, rtol: float, atol: float, *, equal_nan: bool = False) -> str | None:
    """None if ``got`` equals ``expected`` (same structure and shape, close values).

    Otherwise a short reason: a message about the shape/length/type, or ``""``
    when only the numbers differ. Lists and tuples count as the same thing.
    With ``equal_nan`` (for recognising a mistake that produces nan), nan in the
    same places counts as equal.
    """
    if isinstance(expected, tuple):
        if isinstance(got, np.ndarray) and got.ndim >= 1 and got.shape[0] == len(expected):
            got = tuple(got)
        if not isinstance(got, tuple | list):
            return f"Your answer should be {len(expected)} things (a tuple), but it is {_describe(got)}."
        if len(got) != len(expected):
            return f"Your answer should have {len(expected)} parts, but it has {len(got)}."
        differs = False
        for k, (e_k, g_k) in enumerate(zip(expected, got, strict=True)):
            reason = _mismatch(e_k, g_k, rtol, atol, equal_nan=equal_nan)
            if reason:
                return f"Part {k + 1} of your answer: {reason}"
            differs = differs or reason is not None
        return "" if differs else None
    try:
        g = _as_floats(got)
    except TypeError:
        return f"Your answer should be numbers, but it is {_describe(got)}."
    e = np.asarray(expected, dtype=float)
    if e.shape != g.shape:
        return f"Your answer has the wrong shape: expected {_describe(e)}, got {_describe(g)}."
    if equal_nan and np.array_equal(np.isnan(g), np.isnan(e)):
        return None if np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True) else ""
    if not np.all(np.isfinite(g)):
        return "Your answer contains nan or inf."
    return None if np.allclose(g, e, rtol=rtol, atol=atol) else ""


def _parts_report(expected: Any, got: Any, names: Sequence[str], rtol: float, atol: float) -> str:
    """Which parts of a several-number answer are right and which are off, without giving the answer.

    For a tuple answer, every part is named (by ``names`` when there is one
    name per part, else "part k"): "right", "too large", "too small", "close,
    but not within ±tol", "is off", or "should be a whole number". A single
    number gets a sentence only when it is close or should be whole; arrays get
    nothing (the generic hint covers them).
    """
    if isinstance(expected, tuple):
        if not isinstance(got, tuple | list) or len(got) != len(expected):
            return ""
        labels = [f"`{n}`" for n in names] if len(names) == len(expected) else []
        labels = labels or [f"part {k + 1}" for k in range(len(expected))]
        words = [f"{label} {_how_off(e, g, rtol, atol)}" for label, e, g in zip(labels, expected, got, strict=True)]
        text = "; ".join(words) + "."
        return text[:1].upper() + text[1:]
    if np.ndim(expected) != 0:
        return ""
    off = _how_off(expected, got, rtol, atol)
    return f"Your answer {off}." if off not in ("is off", "is not right") else ""


def _how_off(expected: Any, got: Any, rtol: float, atol: float) -> str:
    """How one part compares with the expected one, in words that do not give it away."""
    if _mismatch(expected, got, rtol, atol) is None:
        return "is right"
    if np.ndim(expected) != 0 or not _is_numeric(got) or np.ndim(got) != 0:
        return "is not right"
    e, g = float(expected), float(_as_floats(got))
    if not np.isfinite(g):
        return f"is {g}"
    if isinstance(expected, int | np.integer) and not isinstance(expected, bool) and not g.is_integer():
        return f"should be a whole number (it counts something), but yours is {g:g}"
    tol = atol + rtol * abs(e)
    if abs(g - e) <= 10 * tol:
        return f"is close, but not within the precision asked (±{tol:.2g})"
    return "is off"  # no direction or size: that would let a learner home in on the answer by guessing


def _short(value: Any) -> str:
    """Compact, rounded repr of an input for a message."""
    if callable(value):
        return getattr(value, "__name__", "a function")
    with np.printoptions(precision=3, suppress=True, threshold=8, edgeitems=3):
        if isinstance(value, np.ndarray):
            return " ".join(np.array2string(value, separator=", ").split())  # one line, also for a matrix
        if isinstance(value, float):
            return f"{value:.3g}"
        return repr(value)


# ----------------------------------------------------------------- exercises


class _BadAnswer(Exception):
    """Raised internally when an answer has the wrong kind (e.g. a number instead of a function).

    ``key`` names the problem for tests (it becomes :attr:`Result.mistake`).
    """

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


@dataclass(kw_only=True, eq=False)
class Exercise:
    """Base class: an exercise with an id, a solution and typical mistakes.

    Subclasses say how to run an answer on the test inputs (:meth:`_evaluate`)
    and how to show the solution (:meth:`solution_source`). Creating an
    exercise registers it under its id.

    Parameters
    ----------
    id : str
        ``"NN.k"``: notebook number, exercise number (``"02.1"``).
    title : str
        Shown in messages.
    answer_name : str
        The name the notebook's stub uses (``"my_mse"``); the solution is shown
        under this name.
    solution : callable
        Written once, in ``linreg_helpers/exercises/solutions/`` (see the subclasses for its form) and
        attached by id when the package is imported. A learner build leaves that folder out: the
        solution is then :func:`solution_not_included`, which says so.
    mistakes : sequence of Mistake
        Checked in order; the first that matches wins.
    hint : str
        Shown when the answer is wrong in an unrecognised way.
    rtol, atol : float
        Tolerances for comparing numbers.
    """

    id: str
    title: str
    answer_name: str
    solution: Callable[..., Any] = field(default_factory=lambda: solution_not_included)
    mistakes: Sequence[Mistake] = ()
    hint: str = "Compare your code with the formula in the notebook, term by term."
    rtol: float = 1e-6
    atol: float = 1e-9

    def __post_init__(self) -> None:
        keys = [m.key for m in self.mistakes]
        if len(set(keys)) != len(keys):
            raise ValueError(f"exercise {self.id}: mistake keys must be unique, got {keys}")
        old = REGISTRY.get(self.id)
        if old is not None and old.title != self.title:
            raise ValueError(f"exercise id {self.id!r} is already used by {old.title!r}")
        REGISTRY[self.id] = self  # (re-importing a module replaces its own exercises)
        self._cache: dict[str, list[Any]] = {}

    @property
    def label(self) -> str:
        """``"02.1 Mean squared error"``."""
        return f"{self.id} {self.title}"

    # -- provided by subclasses
    def _evaluate(self, answer: Any) -> list[Any]:
        """The answer's outputs, one per test input (an exception raised is stored as the output)."""
        raise NotImplementedError

    def _reference_outputs(self) -> list[Any]:
        raise NotImplementedError

    def _failure_detail(self, outputs: list[Any]) -> str:
        return ""

    def solution_answer(self) -> Any:
        """The solution, in the form a learner hands to the check."""
        raise NotImplementedError

    def solution_source(self) -> str:
        """The solution's code as the learner would write it (shown in the notebook)."""
        raise NotImplementedError

    def _numbers_report(self, outputs: list[Any]) -> str:
        """When only the numbers are off: which of them, in words (subclasses may say more)."""
        return ""

    # -- the verdict
    def check(self, *answer: Any) -> Result:
        """Check an answer (several arguments are packed into a tuple).

        Never raises: whatever the answer is, the result is a message.
        """
        value = answer[0] if len(answer) == 1 else answer
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the learner's code may warn; the message says what matters
                return self._verdict(value)
        except Exception as err:  # a last resort: an answer of a kind nobody foresaw
            text = f"Your answer could not be checked ({type(err).__name__}: {err})."
            return self._result(INCORRECT, f"{text} Hint: {self.hint}", "unchecked")

    def _verdict(self, value: Any) -> Result:
        try:
            if _is_stub(value):
                raise _Unanswered
            outputs = self._evaluate(value)
        except _Unanswered:
            return self._result(UNANSWERED, _NOT_ANSWERED)
        except _BadAnswer as err:
            return self._result(INCORRECT, str(err), err.key)
        expected = self._outputs("reference", self._reference_outputs)
        reasons = [_output_mismatch(e, o, self.rtol, self.atol) for e, o in zip(expected, outputs, strict=True)]
        if all(r is None for r in reasons):
            return self._result(CORRECT)
        mistake = self._match_mistake(outputs)
        if mistake is not None:
            return self._result(INCORRECT, f"Hint: {mistake.hint}", mistake.key)
        errors = [o for o in outputs if isinstance(o, BaseException)]
        if errors:
            reason = f"Your code raised {type(errors[0]).__name__}: {str(errors[0]).strip()}."
        else:
            reason = next((r for r in reasons if r), "") or self._numbers_report(outputs)
        detail = self._failure_detail(outputs)
        return self._result(INCORRECT, " ".join(p for p in (reason, f"Hint: {self.hint}", detail) if p))

    def _result(self, status: str, text: str = "", mistake: str | None = None) -> Result:
        if status == CORRECT:
            return Result(self.id, status, f"✅ Correct! ({self.label})")
        if status == UNANSWERED:
            return Result(self.id, status, f"⏳ {self.label}: {text}")
        return Result(self.id, status, f"❌ Not yet ({self.label}). {text}", mistake)

    def _match_mistake(self, outputs: list[Any]) -> Mistake | None:
        for m in self.mistakes:
            wrong = self._outputs(m.key, lambda m=m: self._evaluate(m.example))
            if _same_outputs(wrong, outputs, self.rtol, self.atol):
                return m
        return None

    def _outputs(self, key: str, compute: Callable[[], list[Any]]) -> list[Any]:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]


def _output_mismatch(expected: Any, got: Any, rtol: float, atol: float) -> str | None:
    if isinstance(got, BaseException):
        return f"raised {type(got).__name__}"
    return _mismatch(expected, got, rtol, atol)


def _same_outputs(a: list[Any], b: list[Any], rtol: float, atol: float) -> bool:
    """Whether two lists of outputs agree everywhere (the same error type counts as agreeing)."""
    for x, y in zip(a, b, strict=True):
        if isinstance(x, BaseException) or isinstance(y, BaseException):
            if type(x) is not type(y):
                return False
        elif _mismatch(x, y, rtol, atol, equal_nan=True) is not None:
            return False
    return True


@dataclass(kw_only=True, eq=False)
class FunctionExercise(Exercise):
    """The learner writes a function; it is compared with ``reference`` on seeded random inputs.

    Parameters
    ----------
    reference : callable
        Gives the right output for given arguments, computed with ``linreg_helpers``.
    make_inputs : callable
        ``make_inputs(rng) -> tuple`` of positional arguments for one test case,
        drawn with the given :class:`numpy.random.Generator`.
    n_cases : int
        How many random inputs (after the ``fixed_inputs``).
    fixed_inputs : sequence of tuple
        Small, hand-picked inputs tried first (shown in messages when they fail).
    seed : int
        Seed for the random inputs: the same inputs every time.
    forbidden_names : sequence of str
        Names the answer must not use (``("mean",)`` for "without ``np.mean``"):
        a right answer that calls one of them, by any spelling that ends in
        that name (``np.mean``, ``v.mean()``), gets ``forbidden_hint``.
    forbidden_hint : str
        The hint for a right answer that uses a forbidden name.
    solution : callable
        The solution function, written as the learner would (any name; it is
        shown under ``answer_name``).
    """

    reference: Callable[..., Any]
    make_inputs: Callable[[np.random.Generator], tuple]
    n_cases: int = 5
    fixed_inputs: Sequence[tuple] = ()
    seed: int = 0
    forbidden_names: Sequence[str] = ()
    forbidden_hint: str = ""

    def _verdict(self, value: Any) -> Result:
        result = super()._verdict(value)
        if result.correct and set(self.forbidden_names) & _names_used(value):
            return self._result(INCORRECT, f"Hint: {self.forbidden_hint}", "forbidden")
        return result

    def inputs(self) -> list[tuple]:
        """Every test input: the fixed ones, then ``n_cases`` seeded random ones."""
        rng = np.random.default_rng(self.seed)
        return [*self.fixed_inputs, *(self.make_inputs(rng) for _ in range(self.n_cases))]

    @staticmethod
    def _call(fn: Callable[..., Any], args: tuple) -> Any:
        copies = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
        return fn(*copies)

    def _reference_outputs(self) -> list[Any]:
        return [self._call(self.reference, args) for args in self.inputs()]

    def _evaluate(self, answer: Any) -> list[Any]:
        if not callable(answer):
            raise _BadAnswer(
                f"This exercise wants a function (`def {self.answer_name}(...):`), "
                f"but you passed {_describe(answer)}. Pass the function's name, without calling it."
            )
        outputs: list[Any] = []
        for k, args in enumerate(self.inputs()):
            try:
                with np.errstate(all="ignore"):
                    out = self._call(answer, args)
            except NotImplementedError:
                raise _Unanswered from None
            except Exception as err:  # the learner's code may raise anything
                out = err
            if k == 0 and _holds_ellipsis(out):
                raise _Unanswered  # a half-filled stub: `dw = ...` still in it
            if _holds_none(out):
                if _is_untouched_stub(answer):
                    raise _Unanswered
                part = "" if out is None else " (part of what it returned)"
                raise _BadAnswer(RETURNED_NONE.replace("returned None", f"returned None{part}", 1), "returned_none")
            outputs.append(out)
        return outputs

    def _failure_detail(self, outputs: list[Any]) -> str:
        expected = self._outputs("reference", self._reference_outputs)
        for args, e, o in zip(self.inputs(), expected, outputs, strict=True):
            if not isinstance(o, BaseException) and _mismatch(e, o, self.rtol, self.atol) is not None:
                shown = ", ".join(_short(a) for a in args)
                return f"For example, {self.answer_name}({shown}) returned {_short_output(o)}."
        return ""

    def solution_answer(self) -> Callable[..., Any]:
        _require_solution(self)
        return self.solution

    def solution_source(self) -> str:
        _require_solution(self)
        src = textwrap.dedent(inspect.getsource(self.solution))
        name = self.solution.__name__
        return src.replace(f"def {name}(", f"def {self.answer_name}(", 1).strip() + "\n"


def _short_output(value: Any) -> str:
    if isinstance(value, tuple | list):
        inner = ", ".join(_short_output(v) for v in value)
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    try:
        arr = _as_floats(value)
    except TypeError:
        return _describe(value)
    if arr.ndim == 0:
        return f"{float(arr):.4g}"
    return _short(arr)


@dataclass(kw_only=True, eq=False)
class ValueExercise(Exercise):
    """The learner computes a value (a number, an array, or a tuple of them).

    The ``solution`` is a function without arguments whose body is the code a
    learner would type, ending in ``return <the answer>``; the notebook shows
    the body without the ``return`` line (so write comments, not a docstring).

    Parameters
    ----------
    reference : callable, optional
        ``reference() -> value`` computed with ``linreg_helpers``, independently of the
        solution. Without it the solution is the reference, and a learner build (which has
        no solutions) cannot check the exercise: every exercise of the series has one.
    judge : callable, optional
        For answers that can be right in more than one form:
        ``judge(answer) -> None`` when the answer is right, else a short
        message (typical mistakes are still matched first).
    """

    reference: Callable[[], Any] | None = None
    judge: Callable[[Any], str | None] | None = None

    def _reference_outputs(self) -> list[Any]:
        if self.reference is not None:
            return [self.reference()]
        _require_solution(self)  # a learner build has no solution to fall back on
        return [self.solution()]

    def _evaluate(self, answer: Any) -> list[Any]:
        if callable(answer):  # a Mistake example may be given as a function
            try:
                answer = answer()
            except Exception:
                raise _BadAnswer(
                    f"This exercise wants the value of `{self.answer_name}` (numbers), but you passed a function. "
                    "Pass the value itself.",
                    "function_not_value",
                ) from None
        return [answer]

    def _part_names(self) -> list[str]:
        """The names of the answer's parts, from ``answer_name`` (``"c_mse, c_mae"``)."""
        return [n.strip() for n in self.answer_name.split(",")]

    def _numbers_report(self, outputs: list[Any]) -> str:
        expected = self._outputs("reference", self._reference_outputs)[0]
        return _parts_report(expected, outputs[0], self._part_names(), self.rtol, self.atol)

    def _verdict(self, value: Any) -> Result:
        if self.judge is None or _is_stub(value):
            return super()._verdict(value)
        try:
            verdict = self.judge(value)
        except Exception as err:  # a malformed answer
            verdict = f"Your answer could not be checked ({type(err).__name__}: {err})."
        if verdict is None:
            return self._result(CORRECT)
        mistake = self._match_mistake([value])
        if mistake is not None:
            return self._result(INCORRECT, f"Hint: {mistake.hint}", mistake.key)
        return self._result(INCORRECT, f"{verdict} Hint: {self.hint}")

    def solution_answer(self) -> Any:
        return self.solution()

    def solution_source(self) -> str:
        _require_solution(self)
        lines = textwrap.dedent(inspect.getsource(self.solution)).strip().splitlines()
        body = textwrap.dedent("\n".join(lines[1:])).strip().splitlines()  # drop the "def ...():" line
        if body and body[0].lstrip().startswith(('"""', "'''")):
            raise ValueError(f"exercise {self.id}: write the value solution without a docstring")
        if body and body[-1].startswith("return "):
            body = body[:-1]
        return "\n".join(body).strip() + "\n"


def _require_solution(exercise: Exercise) -> None:
    if exercise.solution is solution_not_included:
        raise SolutionNotIncludedError(NOT_INCLUDED)


# ----------------------------------------------------------------- registry

REGISTRY: dict[str, Exercise] = {}
"""Every exercise, by id (filled when the ``nbXX_*`` modules are imported)."""


def get(exercise_id: str) -> Exercise:
    """The exercise with this id, e.g. ``get("02.1")``."""
    try:
        return REGISTRY[exercise_id]
    except KeyError:
        known = ", ".join(sorted(REGISTRY)) or "none"
        raise KeyError(f"no exercise {exercise_id!r}; known exercises: {known}") from None


def check(exercise_id: str, *answer: Any) -> Result:
    """Check an answer to any exercise by its id, e.g. ``check("02.1", my_mse)``.

    Returns
    -------
    Result
        Shows as "✅ Correct!", a hint, or "not answered yet"; ``.correct`` is a bool.

    Examples
    --------
    >>> from linreg_helpers import exercises as ex
    >>> ex.check("00.2", lambda v: sum(v) / len(v))
    ✅ Correct! (00.2 The mean of an array)
    >>> ex.check("00.2", ...).status
    'unanswered'
    """
    return get(exercise_id).check(*answer)
