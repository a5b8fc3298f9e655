"""Concept questions: well-formed, feedback for every option, in their notebooks, and the guide's key agrees."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from linreg_helpers import concept_questions as cq
from linreg_helpers.concept_question_bank import QUESTIONS

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "teaching-guide.md"
KEY_START, KEY_END = "<!-- concept-questions:start -->", "<!-- concept-questions:end -->"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0[0-9]_*.ipynb"))


def test_every_notebook_has_three_to_five_questions_with_unique_ids() -> None:
    ids = [q.id for q in QUESTIONS]
    assert len(ids) == len(set(ids))
    for path in NOTEBOOKS:
        assert 3 <= len(cq.questions_for(path.stem[:2])) <= 5, path.name


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_each_option_gets_its_own_feedback(question: cq.Question) -> None:
    assert re.fullmatch(r"Q0[0-9]\.\d", question.id)
    assert sum(o.correct for o in question.options) == 1, "exactly one right option"
    assert "$" not in question.prompt + "".join(o.text for o in question.options), "radio labels show no maths"
    replies = []
    for k, option in enumerate(question.options):
        reply = cq.feedback(question.id, cq.LETTERS[k])
        assert reply == cq.feedback(question.id, k) == cq.feedback(question.id, cq.LETTERS[k].lower())
        assert reply.startswith("✅ Right." if option.correct else "❌ Not quite.")
        assert option.why in reply
        replies.append(reply)
    assert len(set(replies)) == len(replies), "two options share one feedback"


def test_the_widget_shows_the_feedback_of_the_chosen_option() -> None:
    box = cq.ask("Q05.1")
    prompt, choices, reply = box.children
    assert "Q05.1" in prompt.value and "Choose" in reply.value
    for k, label in enumerate(choices.options):
        choices.value = label
        assert reply.value == cq.feedback("Q05.1", k).replace("'", "&#x27;")


def test_without_a_widget_front_end_the_question_shows_as_markdown_without_its_answer() -> None:
    bundle = cq.ask("Q04.2")._repr_mimebundle_()
    text = bundle["text/markdown"]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert text == cq.question_markdown(cq.get("Q04.2"))
    assert all(o.text in text for o in cq.get("Q04.2").options)
    assert not any(o.why in text for o in cq.get("Q04.2").options), "the feedback would give the answer away"


@pytest.mark.parametrize("bad", ["Z", 7, -1, None, True, "AB"])
def test_a_bad_choice_says_which_letters_exist(bad: object) -> None:
    with pytest.raises(ValueError, match="has options A, B, C, D"):
        cq.feedback("Q05.1", bad)


def test_an_unknown_id_lists_the_ids() -> None:
    with pytest.raises(KeyError, match=r"Q04\.1"):
        cq.get("Q99.9")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_notebook_asks_its_questions_before_the_exercises(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    asked = [c.source for c in nb.cells if "concept-question" in c.metadata.get("tags", [])]
    ask = "from linreg_helpers.concept_questions import ask\n\nask"
    assert asked == [f'{ask}("{q.id}")' for q in cq.questions_for(path.stem[:2])]
    headings = [c.source.split("\n")[0] for c in nb.cells if c.cell_type == "markdown"]
    check = headings.index("## Check your understanding")
    assert any("xercises" in h for h in headings[check + 1 :])


def test_the_guide_answer_key_is_generated_from_the_same_data() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert KEY_START in text and KEY_END in text, "the guide has no concept-question key"
    key = text.split(KEY_START, 1)[1].split(KEY_END, 1)[0]
    assert key.strip() == cq.answer_key_markdown().strip(), "regenerate: python tools/build_notebooks.py --guide"
