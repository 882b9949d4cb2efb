"""The quiz's markup, built from a session, an item or a result, without any widget."""

from __future__ import annotations

import dataclasses
import html
import json
import subprocess
import sys

import pytest

from course.content import load_course
from course.models import Media, QuestionBank
from course.quiz import FEEDBACK_PARTS, AlreadyAnswered, NoAnswer, QuizSession, grade
from course.render import quiz as markup
from tests.conftest import REPO, TEST_DATA, text_of

COURSE = load_course(TEST_DATA / "valid")
BANK: QuestionBank = COURSE.banks[0]
ITEMS = {item.id: item for item in BANK.items}
LEVELS = {
    "emergency": "Emergency",
    "urgent": "Urgent",
    "same-day": "Same day",
    "routine": "Routine",
    "monitor": "Monitor",
}
LEARNER = "learner-abc123"

#: An answer to each test item that is right, and one that is wrong.
ANSWERS = {
    "milia-what-a": ("milia", "whitehead"),
    "milia-what-b": ("cyst", "blocked-pore"),
    "milia-when": ("week-1", "day-1"),
    "milia-features": (["white", "firm"], ["white", "painful"]),
    "healing-order": (
        ["inflammation", "proliferation", "remodelling"],
        ["proliferation", "inflammation", "remodelling"],
    ),
    "lesion-match": (
        {"milium": "Keratin", "pustule": "Pus", "vesicle": "Clear fluid"},
        {"milium": "Keratin", "pustule": "Pus", "vesicle": "Blood"},
    ),
    "milia-window": ([7, 42], [2, 5]),
    "dusky-lip": ({"level": "emergency", "recipient": "injector"}, {"level": "routine", "recipient": "gp-next-week"}),
    "explain-bumps": ("Milia.", "Acne."),
}


def test_every_part_of_an_answer_has_its_words():
    # The model answer and the rubric of free text are shown apart from the list of parts.
    assert set(markup.FEEDBACK_LINES) | {"model-answer", "rubric"} == set(FEEDBACK_PARTS)
    for item_id, answers in ANSWERS.items():
        for answer in answers:
            for fb in grade(ITEMS[item_id], answer).feedback:
                assert fb.part in FEEDBACK_PARTS, (item_id, fb)


@pytest.mark.parametrize("item_id", sorted(ANSWERS))
def test_the_hint_gives_nothing_away_and_the_explanation_covers_every_part(item_id):
    item = ITEMS[item_id]
    right, wrong = (grade(item, answer) for answer in ANSWERS[item_id])
    hint = text_of(markup.feedback(item, wrong, "hint", LEVELS, "Skin healing"))
    explained = markup.feedback(item, wrong, "explained", LEVELS, "Skin healing")
    assert 'role="status"' in explained
    if wrong.auto_scored:
        assert "Hint:" in hint and "Show the explanation" in hint
        assert not any(fb.text in hint for fb in wrong.feedback)
    for fb in wrong.feedback:
        assert html.escape(fb.text) in explained
    assert text_of(markup.feedback(item, right, "explained", LEVELS))[0] in "✔✎"


def test_verdicts_use_named_styles_in_the_colour_of_their_box():
    item = ITEMS["milia-features"]
    partly = markup.feedback(item, grade(item, ["white"]), "explained", LEVELS)
    assert partly.startswith('<div role="status" style="border-radius:6px;')
    assert (
        '<p style="margin:0.2em 0;font-weight:bold;color:#7a4500;font-size:1.1em">◐ Partly right: 1 of 2.</p>' in partly
    )
    assert "✘ You left out: Firm to the touch (it fits too)" in text_of(partly)


def test_a_critical_error_stands_apart_and_certainty_is_marked():
    item = ITEMS["dusky-lip"]
    result = grade(item, {"level": "routine", "recipient": "injector"}, certainty=3)
    shown = text_of(markup.feedback(item, result, "explained", LEVELS))
    assert "⚠ Critical error. This needs emergency action." in shown
    assert "Certainty 3: -6 marks. You were sure, but this is a must-pass (red-flag) question" in shown
    assert "✘ Action level: you chose Routine; the right level is Emergency" in shown
    assert "Whom to contact. ✔ Your choice: The injector" in shown


def test_bank_text_is_escaped_everywhere():
    hostile = "<script>alert(1)</script>"
    options = tuple(
        dataclasses.replace(o, text=o.text + hostile, feedback=hostile) for o in ITEMS["milia-what-a"].options
    )
    item = dataclasses.replace(
        ITEMS["milia-what-a"], stem=hostile, options=options, hint=hostile, section="#" + hostile
    )
    result = grade(item, "whitehead")
    pieces = [
        markup.feedback(item, result, "hint", LEVELS, hostile),
        markup.feedback(item, result, "explained", LEVELS, hostile),
        markup.key(item, LEVELS),
        markup.read_again(item, hostile),
    ]
    for piece in pieces:
        assert "<script>" not in piece and "&lt;script&gt;" in piece


def test_media_only_from_next_to_the_notebook():
    media = (
        dataclasses.replace(_media("images/a.png"), caption="A <b>"),
        _media("https://example.com/x.png"),
        _media("../secret.png"),
    )
    shown = markup.media(dataclasses.replace(ITEMS["milia-what-a"], media=media))
    assert (
        shown.count("<img ") == 1 and 'src="images/a.png"' in shown and "<figcaption>A &lt;b&gt;</figcaption>" in shown
    )
    assert shown.count("[Image: alt text]") == 2 and "example.com" not in shown


def _media(src: str) -> Media:
    return Media(src, "alt text")


def test_the_heading_numbers_the_question_and_names_the_attempt():
    session = QuizSession(BANK, LEARNER, ["milia-what-a", "dusky-lip"], course=COURSE)
    assert text_of(markup.heading(session, 0)).startswith("Question 1 of 2 A client has firm white domes")
    assert "⚑ Must-pass question (red flag)" in text_of(markup.heading(session, 1))
    session.submit(0, "whitehead")
    session.explain(0)
    session.retry(0)
    assert text_of(markup.heading(session, 0)).startswith("Question 1 of 2 (parallel version, try 2)")


def test_header_counter_and_status_follow_the_session():
    session = QuizSession(BANK, LEARNER, ["milia-what-a", "milia-when"], course=COURSE, mode="summative")
    header = markup.header(session)
    assert header.startswith('<h3 style="margin:0.3em 0">Quiz: ')
    assert f"<strong>{LEARNER}</strong>" in header and "Each question takes one answer" in header
    assert markup.counter(session) == "Question 1 of 2"
    session.submit(0, "milia")
    assert markup.status(session) == "Finished 1 of 2 questions; 1 answered correctly."


def test_problems_with_an_answer_are_plain_sentences():
    assert markup.answer_problem(NoAnswer("choose an option.")) == "⚠ Choose an option."
    assert markup.answer_problem(AlreadyAnswered("This answer is saved.")) == "This answer is saved."
    assert "could not be saved (disk full)" in text_of(markup.save_failed("disk full"))


def test_the_printable_form_hides_each_answer_and_carries_the_notice_with_levels():
    session = QuizSession(BANK, LEARNER, course=COURSE)
    form = markup.static_form(session, COURSE)
    assert form.startswith('<section aria-label="Skin healing (test bank): questions and answers">')
    assert form.count("<details><summary>Show the answer</summary>") == len(session.items) == 8
    assert markup.needs_notice(session.items) and "Educational use only" in form
    plain = QuizSession(BANK, LEARNER, ["milia-what-a"], course=COURSE)
    assert not markup.needs_notice(plain.items) and "Educational use only" not in markup.static_form(plain, COURSE)


def test_the_quiz_markup_imports_without_widgets():
    code = "import json, sys, course.render.quiz\nprint(json.dumps('ipywidgets' in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) is False
