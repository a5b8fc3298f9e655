"""Concept questions: multiple choice with instant feedback, for self-study and for polling a class.

Each notebook (00–08) ends with 3–5 questions, just before its exercises, aimed at the
misconceptions the notebook names. A question is asked in a notebook with::

    from linreg_helpers import concept_questions as cq
    cq.ask("Q04.2")

which shows the question, its options as radio buttons and, as soon as an option is chosen,
the feedback for **that** option (why it is right, or what the typical reasoning behind it
misses). The questions are data (:mod:`linreg_helpers.concept_question_bank`); the teaching
guide's answer key is generated from the same data by :func:`answer_key_markdown`.

Why not ``jupyterquiz``: these need nothing beyond ipywidgets (already required by the
dashboards), so they work offline, in JupyterLab, Notebook 7, Binder and slides alike, with
no JavaScript to load; and the feedback is a plain function, :func:`feedback`, that the tests
call for every option of every question.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import ipywidgets as widgets

__all__ = [
    "Option",
    "Question",
    "QuestionBox",
    "answer_key_markdown",
    "ask",
    "feedback",
    "get",
    "question_markdown",
    "questions_for",
]

LETTERS = "ABCDE"


@dataclass(frozen=True)
class Option:
    """One answer option: its text (Markdown with ``$…$`` maths), whether it is right, and the feedback."""

    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class Question:
    """A multiple-choice concept question of one notebook (id ``"QNN.k"``)."""

    id: str
    prompt: str
    options: tuple[Option, ...]
    misconception: str

    @property
    def notebook(self) -> str:
        """The two-digit number of the notebook that asks it (``"04"``)."""
        return self.id[1:3]

    @property
    def answer(self) -> str:
        """The letter of the right option."""
        return next(LETTERS[k] for k, o in enumerate(self.options) if o.correct)


def _bank() -> dict[str, Question]:
    from .concept_question_bank import QUESTIONS

    return {q.id: q for q in QUESTIONS}


def get(question_id: str) -> Question:
    """The question with this id.

    Examples
    --------
    >>> get("Q04.1").answer in LETTERS
    True
    """
    bank = _bank()
    if question_id not in bank:
        raise KeyError(f"no concept question {question_id!r}; the ids are {sorted(bank)}")
    return bank[question_id]


def questions_for(notebook: str) -> list[Question]:
    """The questions of one notebook (``"04"``), in order.

    Examples
    --------
    >>> [q.id for q in questions_for("00")][:2]
    ['Q00.1', 'Q00.2']
    """
    return [q for q in _bank().values() if q.notebook == notebook]


def feedback(question_id: str, choice: str | int) -> str:
    """The feedback for choosing option ``choice`` (a letter ``"A"``… or its index 0, 1, …).

    Examples
    --------
    >>> feedback("Q04.1", get("Q04.1").answer).startswith("✅ Right")
    True
    """
    q = get(question_id)
    index = LETTERS.find(choice.upper()) if isinstance(choice, str) and len(choice) == 1 else choice
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(q.options):
        letters = ", ".join(LETTERS[: len(q.options)])
        raise ValueError(f"{question_id} has options {letters}; got {choice!r}: give one of those letters")
    option = q.options[index]
    verdict = "✅ Right." if option.correct else "❌ Not quite."
    return f"{verdict} {option.why}"


class QuestionBox(widgets.VBox):
    """The widget :func:`ask` returns; where no widget front end runs (a slideshow, a static view) it
    shows the question and its options as Markdown, without the answer, ready for polling."""

    def __init__(self, question: Question, children: list) -> None:
        super().__init__(children)
        self.question = question

    def _repr_mimebundle_(self, **kwargs) -> dict | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is not None:
            bundle["text/markdown"] = question_markdown(self.question)
        return bundle


def question_markdown(q: Question) -> str:
    """The question and its lettered options as Markdown (no answer), e.g. for a slide to poll from.

    Examples
    --------
    >>> print(question_markdown(get("Q05.3")).splitlines()[0])
    **Q05.3.** Is the batch size a parameter or a hyperparameter?
    """
    options = "\n".join(f"- **{LETTERS[k]}.** {o.text}" for k, o in enumerate(q.options))
    return f"**{q.id}.** {q.prompt}\n\n{options}"


def ask(question_id: str) -> QuestionBox:
    """The question as a widget: prompt, radio buttons, and feedback that appears on each choice."""
    q = get(question_id)
    labels = [f"{LETTERS[k]}. {o.text}" for k, o in enumerate(q.options)]
    prompt = widgets.HTMLMath(f"<b>{html.escape(q.id)}.</b> {html.escape(q.prompt)}")
    choices = widgets.RadioButtons(options=labels, value=None, layout=widgets.Layout(width="auto"))
    choices.add_class("lh-concept-options")
    reply = widgets.HTMLMath("<i>Choose an answer.</i>")

    def show(change: dict) -> None:
        if change["new"] is not None:
            reply.value = html.escape(feedback(q.id, labels.index(change["new"])))

    choices.observe(show, names="value")
    box = QuestionBox(q, [prompt, choices, reply])
    box.add_class("lh-concept-question")
    return box


def answer_key_markdown() -> str:
    """The answer key of every question, as Markdown for the teaching guide (grouped by notebook)."""
    lines: list[str] = []
    current = None
    for q in _bank().values():
        if q.notebook != current:
            current = q.notebook
            lines += ["", f"#### Notebook {current}"]
        lines += ["", f"**{q.id}.** {q.prompt} *(misconception: {q.misconception})*", ""]
        for k, o in enumerate(q.options):
            mark = " **← answer**" if o.correct else ""
            lines.append(f"- {LETTERS[k]}. {o.text}{mark} — {o.why}")
    return "\n".join(lines).strip("\n") + "\n"
