"""The quiz session without any widget: hints, explanations, retries, certainty and saving."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from course.content import load_course
from course.models import QuestionBank
from course.quiz import (
    AlreadyAnswered,
    NoAnswer,
    QuizSession,
    QuizStatus,
    Result,
    matching_choices,
    presentation_order,
)
from tests.conftest import REPO, TEST_DATA

COURSE = load_course(TEST_DATA / "valid")
BANK: QuestionBank = COURSE.banks[0]
LEARNER = "learner-abc123"


class Saved:
    """A save callback that remembers what it was given."""

    def __init__(self) -> None:
        self.calls: list[tuple[Result, int, str | None]] = []

    def __call__(self, result: Result, attempt: int, started_at: str | None) -> None:
        self.calls.append((result, attempt, started_at))


def session(items: list[str], save: Saved | None = None, **options: object) -> QuizSession:
    ticks = iter(f"2026-01-01T00:00:{n:02d}.000+00:00" for n in range(60))
    return QuizSession(BANK, LEARNER, items, course=COURSE, save=save, clock=lambda: next(ticks), **options)  # type: ignore[arg-type]


def test_formative_mode_gives_a_hint_then_the_explanation_then_a_parallel_question():
    saved = Saved()
    quiz = session(["milia-what-a"], saved)
    first = quiz.submit(0, "whitehead")
    assert first.next == "hint" and first.stage == "hint" and not first.result.correct
    assert quiz.slots[0].hinted and not quiz.slots[0].done
    second = quiz.submit(0, "pustule")
    assert second.next == "retry-offered" and second.stage == "explained"
    assert quiz.slots[0].done and quiz.slots[0].result is second.result
    assert quiz.status() == QuizStatus(finished=1, correct=0, total=1)

    state = quiz.retry(0)
    assert (state.item.id, state.attempt) == ("milia-what-b", 2)  # the other version of the group
    assert quiz.slots[0] is state and not state.done and not state.hinted and state.result is None
    assert state.started_at is not None  # shown at once: it is the question in view
    assert quiz.status() == QuizStatus(finished=0, correct=0, total=1)
    assert quiz.submit(0, "cyst").next == "explained"
    assert [(r.item_id, attempt, r.correct) for r, attempt, _ in saved.calls] == [
        ("milia-what-a", 1, False),
        ("milia-what-a", 1, False),
        ("milia-what-b", 2, True),
    ]


def test_a_right_answer_after_the_hint_is_explained_with_no_retry():
    quiz = session(["milia-what-a"])
    assert quiz.submit(0, "whitehead").next == "hint"
    assert quiz.submit(0, "milia").next == "explained"
    assert quiz.status() == QuizStatus(finished=1, correct=1, total=1)


def test_show_the_explanation_skips_the_second_go():
    quiz = session(["milia-what-a"])
    assert quiz.explain(0) is None  # nothing answered yet
    quiz.submit(0, "whitehead")
    outcome = quiz.explain(0)
    assert outcome is not None and outcome.next == "retry-offered" and quiz.slots[0].done
    assert quiz.explain(0) is None  # already explained


def test_summative_mode_explains_at_once_and_offers_no_retry():
    quiz = session(["milia-what-a"], mode="summative")
    outcome = quiz.submit(0, "whitehead")
    assert outcome.next == "explained" and quiz.slots[0].done and not quiz.slots[0].hinted
    with pytest.raises(AlreadyAnswered, match="This answer is saved"):
        quiz.submit(0, "milia")


def test_free_text_is_explained_at_once_in_formative_mode():
    quiz = session(["explain-bumps"])
    outcome = quiz.submit(0, "Milia, probably.")
    assert outcome.next == "explained" and not outcome.result.auto_scored


def test_an_empty_answer_raises_no_answer_and_is_not_saved():
    saved = Saved()
    quiz = session(["milia-what-a", "dusky-lip"], saved)
    with pytest.raises(NoAnswer, match=r"Choose an option\."):
        quiz.submit(0, None)
    with pytest.raises(NoAnswer, match=r"Choose whom to contact\."):
        quiz.submit(1, {"level": "routine", "recipient": None})
    assert saved.calls == [] and all(s.result is None and not s.hinted for s in quiz.slots)


def test_certainty_is_required_when_confidence_is_on():
    saved = Saved()
    quiz = session(["dusky-lip", "explain-bumps"], saved, confidence=True)
    assert quiz.asks_certainty(0) and not quiz.asks_certainty(1)  # free text is not rated
    with pytest.raises(NoAnswer, match="Choose an action level"):  # the answer's own problem first
        quiz.submit(0, None)
    with pytest.raises(NoAnswer, match=r"Choose how sure you are: 1, 2 or 3\."):
        quiz.submit(0, {"level": "urgent", "recipient": "injector"})
    assert saved.calls == []
    outcome = quiz.submit(0, {"level": "urgent", "recipient": "injector"}, certainty=3)
    assert (outcome.result.certainty, outcome.result.cbm_mark) == (3, -6)
    assert quiz.submit(1, "My words.", certainty=None).next == "explained"
    assert [r.certainty for r, _, _ in saved.calls] == [3, None]


def test_without_confidence_a_certainty_is_ignored():
    quiz = session(["milia-what-a"])
    assert not quiz.asks_certainty(0)
    assert quiz.submit(0, "milia", certainty=3).result.certainty is None


def test_the_save_callback_receives_each_graded_answer_with_its_attempt_and_start():
    saved = Saved()
    quiz = session(["milia-what-a", "healing-order"], saved)
    quiz.submit(0, "milia")
    quiz.go_to(1)
    quiz.submit(1, ["inflammation", "proliferation", "remodelling"])
    assert [(r.item_id, r.answer, a, s) for r, a, s in saved.calls] == [
        ("milia-what-a", "milia", 1, "2026-01-01T00:00:00.000+00:00"),
        ("healing-order", ["inflammation", "proliferation", "remodelling"], 1, "2026-01-01T00:00:01.000+00:00"),
    ]


def test_moving_between_questions_keeps_within_the_quiz_and_starts_each_once():
    quiz = session(["milia-what-a", "milia-when", "healing-order"])
    assert quiz.position == 0 and quiz.at_start and not quiz.at_end
    assert quiz.slots[0].started_at is not None and quiz.slots[1].started_at is None
    assert quiz.go_to(1) == 1
    started = quiz.slots[1].started_at
    quiz.go_to(0)
    quiz.go_to(1)
    assert quiz.slots[1].started_at == started  # the first time it was shown
    assert quiz.go_to(99) == 2 and quiz.at_end
    assert quiz.go_to(-5) == 0


def test_a_retry_of_a_question_not_in_view_starts_when_it_is_shown():
    quiz = session(["milia-what-a", "milia-when"], mode="formative")
    quiz.go_to(1)
    quiz.go_to(0)
    quiz.submit(1, "day-1")
    quiz.explain(1)
    state = quiz.retry(1)
    assert state.attempt == 2 and state.started_at is None
    quiz.go_to(1)
    assert state.started_at is not None


def test_presentation_follows_the_learner_and_attempt():
    quiz = session(["lesion-match"])
    item = BANK.item("lesion-match")
    assert quiz.order(0) == presentation_order(item, LEARNER, 1)
    assert quiz.choices(0) == matching_choices(item, LEARNER, 1)
    quiz.submit(0, {"milium": "Keratin", "pustule": "Pus", "vesicle": "Blood"})
    quiz.explain(0)
    state = quiz.retry(0)
    assert quiz.order(0) == presentation_order(state.item, LEARNER, 2)
    assert quiz.choices(0) == matching_choices(state.item, LEARNER, 2)


def test_items_and_mode_are_checked():
    with pytest.raises(ValueError, match="mode must be one of formative, summative; got 'exam'"):
        session(["milia-what-a"], mode="exam")
    with pytest.raises(ValueError, match="no item 'nope' in bank"):
        session(["nope"])
    assert len(QuizSession(BANK, LEARNER).slots) == 8  # one version of each question


def test_the_session_needs_no_widgets_and_no_progress_storage():
    hidden = ("ipywidgets", "matplotlib", "course.progress", "course.render")
    code = (
        "import json, sys, course.quiz.session\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.startswith({hidden!r}))))"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == []
