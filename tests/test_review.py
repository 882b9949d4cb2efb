"""Spaced review (Leitner boxes 1, 3 and 7 days), with a fake clock and made-up answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from course.content import load_course
from course.review import INTERVAL_DAYS, due_now, review_queue

COURSE = load_course()
BANKS = COURSE.banks
START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class A:
    """An answer as the schedule sees it (the fields of course.progress.Response it reads)."""

    bank_id: str
    item_id: str
    correct: bool
    answered_at: str
    confidence: int | None = None
    auto_scored: bool = True


def at(days: float) -> str:
    return (START + timedelta(days=days)).isoformat()


def group_of(bank_id: str, group: str) -> list[str]:
    return [i.id for i in COURSE.bank(bank_id).items if i.parallel_group == group]


BANK = "03-timelines-filler"
FIRST, SECOND = group_of(BANK, "case-b-triage")[:2]


def test_a_wrong_answer_comes_back_as_its_parallel_version_after_one_day():
    answers = [A(BANK, FIRST, False, at(0))]
    assert due_now(answers, BANKS, START + timedelta(hours=23)) == ()
    (item,) = due_now(answers, BANKS, START + timedelta(days=1))
    assert item.box == 1 and item.question == "case-b-triage"
    assert item.last_item_id == FIRST and item.offer_item_id == SECOND


def test_right_but_unsure_counts_like_wrong_and_sure_and_right_does_not_enter():
    assert [r.box for r in review_queue([A(BANK, FIRST, True, at(0), confidence=1)], BANKS)] == [1]
    assert review_queue([A(BANK, FIRST, True, at(0), confidence=3)], BANKS) == ()
    assert review_queue([A(BANK, FIRST, True, at(0))], BANKS) == ()  # no certainty asked: right is right


def test_passing_reviews_climbs_the_boxes_1_3_7_then_leaves_the_queue():
    answers = [A(BANK, FIRST, False, at(0)), A(BANK, SECOND, True, at(1), confidence=2)]
    (item,) = review_queue(answers, BANKS)
    assert item.box == 2 and item.due_at == START + timedelta(days=1 + INTERVAL_DAYS[2])
    answers.append(A(BANK, FIRST, True, at(4), confidence=3))
    (item,) = review_queue(answers, BANKS)
    assert item.box == 3 and item.due_at == START + timedelta(days=4 + 7) and item.times_reviewed == 2
    answers.append(A(BANK, SECOND, True, at(11), confidence=3))
    assert review_queue(answers, BANKS) == ()


def test_a_miss_during_review_goes_back_to_box_1():
    answers = [
        A(BANK, FIRST, False, at(0)),
        A(BANK, SECOND, True, at(1), confidence=3),
        A(BANK, FIRST, False, at(4)),
    ]
    (item,) = review_queue(answers, BANKS)
    assert item.box == 1 and item.due_at == START + timedelta(days=5)


def test_order_of_the_history_does_not_matter_and_reflections_and_unknown_items_are_ignored():
    answers = [A(BANK, SECOND, True, at(1), confidence=3), A(BANK, FIRST, False, at(0))]
    assert [r.box for r in review_queue(answers, BANKS)] == [2]
    assert review_queue([A(BANK, "no-such-item", False, at(0))], BANKS) == ()
    assert review_queue([A(BANK, FIRST, False, at(0), auto_scored=False)], BANKS) == ()


def test_the_queue_is_soonest_first_and_the_clock_must_be_aware():
    other = "07-triage-referral"
    item = next(i for i in COURSE.bank(other).items if i.type == "single-choice")
    answers = [A(other, item.id, False, at(2)), A(BANK, FIRST, False, at(0))]
    assert [r.bank_id for r in review_queue(answers, BANKS)] == [BANK, other]
    with pytest.raises(ValueError, match="timezone-aware"):
        due_now(answers, BANKS, datetime(2026, 3, 9))
