"""Spaced review: the questions a learner got wrong, or right but unsure, come back later.

Retrieval spaced over days is what makes recognition stick. This is a Leitner system with
three boxes, built from nothing but the learner's own answer history:

* A question enters **box 1** when it is answered wrong, or right with the lowest certainty
  (1 of 3). It is due :data:`INTERVAL_DAYS` ``[1]`` day after that answer.
* A later answer to the question (to the same item or to any parallel version of it) that is
  right and at least fairly sure moves it up a box: due 3 days later from box 2, 7 days later
  from box 3. Passing a review in box 3 takes it out of the queue: learned.
* A wrong or unsure answer sends it back to box 1.

A question is a bank's parallel group (or an item without one). When it is due, the queue
offers a *parallel* version, not the item last answered, so the learner recalls the idea
rather than the wording.

Pure logic: the clock is an argument (``now``), so tests use a fake one; nothing here reads
files, the time of day or a widget.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Protocol

from course.models import QuestionBank, QuizItem

__all__ = ["INTERVAL_DAYS", "LOW_CERTAINTY", "Answered", "ReviewItem", "ReviewPlan", "due_now", "plan", "review_queue"]

#: Days until a question in box 1, 2 or 3 is due again.
INTERVAL_DAYS: Mapping[int, int] = {1: 1, 2: 3, 3: 7}
#: A right answer at this certainty or lower counts as unsure.
LOW_CERTAINTY = 1


class Answered(Protocol):
    """What the schedule needs of one saved answer (``course.progress.Response`` has it)."""

    @property
    def bank_id(self) -> str: ...
    @property
    def item_id(self) -> str: ...
    @property
    def correct(self) -> bool: ...
    @property
    def confidence(self) -> int | None: ...
    @property
    def answered_at(self) -> str: ...
    @property
    def auto_scored(self) -> bool: ...


@dataclass(frozen=True)
class ReviewItem:
    """One question in the review queue."""

    bank_id: str
    question: str  # the parallel group, or the item id when the item has none
    box: int  # 1, 2 or 3
    due_at: datetime
    last_item_id: str  # the item answered last
    offer_item_id: str  # what to show when it is due: a parallel version where there is one
    times_reviewed: int  # answers after the one that brought it in

    def is_due(self, now: datetime) -> bool:
        return self.due_at <= now


def _when(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def _sure_and_right(answer: Answered) -> bool:
    return answer.correct and (answer.confidence is None or answer.confidence > LOW_CERTAINTY)


def _offer(bank: QuestionBank, last: QuizItem) -> QuizItem:
    """A parallel version of ``last``, else the same item (shuffled anew when shown)."""
    if last.parallel_group:
        others = [i for i in bank.items if i.parallel_group == last.parallel_group and i.status != "retired"]
        if len(others) > 1:
            return others[(others.index(last) + 1) % len(others)] if last in others else others[0]
    return last


def review_queue(answers: Iterable[Answered], banks: Sequence[QuestionBank]) -> tuple[ReviewItem, ...]:
    """Every question still in review, soonest due first, from the learner's answers in any order."""
    items = {(bank.id, item.id): (bank, item) for bank in banks for item in bank.items}
    state: dict[tuple[str, str], tuple[int, datetime, str, int]] = {}  # box, due, last item, reviews
    for answer in sorted(answers, key=lambda a: _when(a.answered_at)):
        found = items.get((answer.bank_id, answer.item_id))
        if found is None or not answer.auto_scored:
            continue  # an item no longer in the banks, or a reflection: nothing to review
        bank, item = found
        key = (bank.id, item.parallel_group or item.id)
        at = _when(answer.answered_at)
        if key not in state:
            if not _sure_and_right(answer):
                state[key] = (1, at + timedelta(days=INTERVAL_DAYS[1]), item.id, 0)
            continue
        box, _, _, reviews = state[key]
        if not _sure_and_right(answer):
            state[key] = (1, at + timedelta(days=INTERVAL_DAYS[1]), item.id, reviews + 1)
        elif box >= max(INTERVAL_DAYS):
            del state[key]  # passed in the last box: learned
        else:
            state[key] = (box + 1, at + timedelta(days=INTERVAL_DAYS[box + 1]), item.id, reviews + 1)
    queue = []
    for (bank_id, question), (box, due, last_id, reviews) in state.items():
        bank, last = items[bank_id, last_id]
        offer = _offer(bank, last)
        queue.append(ReviewItem(bank_id, question, box, due, last_id, offer.id, reviews))
    return tuple(sorted(queue, key=lambda r: (r.due_at, r.bank_id, r.question)))


def due_now(answers: Iterable[Answered], banks: Sequence[QuestionBank], now: datetime) -> tuple[ReviewItem, ...]:
    """The questions due for review at ``now`` (a timezone-aware time; pass the clock in)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware, e.g. datetime.now(timezone.utc)")
    return tuple(r for r in review_queue(answers, banks) if r.is_due(now))


@dataclass(frozen=True)
class ReviewPlan:
    """What "Review now" offers at one moment: the questions due, and when the next one is."""

    due: tuple[ReviewItem, ...]
    waiting: tuple[ReviewItem, ...]  # in review, not yet due (soonest first)

    @property
    def next_due(self) -> datetime | None:
        """When the next waiting question falls due (None if none is waiting)."""
        return self.waiting[0].due_at if self.waiting else None

    def by_bank(self) -> dict[str, list[str]]:
        """The items to show, bank by bank, in the order the banks first fall due."""
        offered: dict[str, list[str]] = {}
        for item in self.due:
            ids = offered.setdefault(item.bank_id, [])
            if item.offer_item_id not in ids:
                ids.append(item.offer_item_id)
        return offered


def plan(
    answers: Iterable[Answered], banks: Sequence[QuestionBank], now: datetime, limit: int | None = None
) -> ReviewPlan:
    """The review at ``now``: at most ``limit`` due questions (soonest due first), and those still waiting."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware, e.g. datetime.now(timezone.utc)")
    queue = review_queue(answers, banks)
    due = tuple(r for r in queue if r.is_due(now))
    return ReviewPlan(due if limit is None else due[:limit], tuple(r for r in queue if not r.is_due(now)))
