"""A quiz in progress: which question is in each place, where the learner is, and what happens next.

The session is the quiz's logic, apart from any display (as ``chess.Board`` is apart
from ``chess.svg``): the widget forwards each click to it and draws what it returns.
Saving is injected (``save``), so this module needs no progress storage and no widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal, get_args

from course.content import Course
from course.models import TRIAGE_LEVELS, QuestionBank, QuizItem
from course.quiz.grading import grade, is_auto_scored
from course.quiz.selection import matching_choices, next_parallel_item, presentation_order, select_items
from course.quiz.types import AlreadyAnswered, NoAnswer, Result

__all__ = [
    "MODES",
    "Mode",
    "Next",
    "Outcome",
    "QuizSession",
    "QuizStatus",
    "SaveAnswer",
    "SlotState",
    "Stage",
    "check_mode",
    "lesson_title",
    "level_labels",
]

Mode = Literal["formative", "summative"]
MODES: tuple[Mode, ...] = get_args(Mode)
#: What the learner sees after a submission: a hint and a second go (formative mode, first
#: wrong answer), the explanation, or the explanation with a parallel question on offer.
Next = Literal["hint", "explained", "retry-offered"]
#: How much the feedback shows: a hint that does not give the answer away, or everything.
Stage = Literal["hint", "explained"]
#: Saves one graded answer: (result, attempt, started_at). The widget passes one that
#: calls :func:`course.progress.save_response`.
SaveAnswer = Callable[[Result, int, "str | None"], None]

CERTAINTY_MISSING = "Choose how sure you are: 1, 2 or 3."
ALREADY_ANSWERED = "This answer is saved. Go to the next question, or try a parallel question."


def _now() -> str:
    # The format of course.progress.timestamp (UTC, ISO 8601, milliseconds).
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def check_mode(mode: str) -> Mode:
    """``mode`` if it is a quiz mode; ``ValueError`` naming the modes otherwise."""
    for known in MODES:
        if mode == known:
            return known
    raise ValueError(f"mode must be one of {', '.join(MODES)}; got {mode!r}")


def level_labels(course: Course | None) -> dict[str, str]:
    """The learner-facing name of each action level (from data/triage/levels.yaml when present)."""
    lists = course.of_kind("triage-levels") if course is not None else ()
    if lists:
        return {level.id: level.label for level in lists[0].levels}
    return {level: level.replace("-", " ").capitalize() for level in TRIAGE_LEVELS}


def lesson_title(course: Course, bank: QuestionBank) -> str | None:
    """The title of the lesson the bank belongs to, if the course has it."""
    return next((lesson.title for lesson in course.lessons if lesson.id == bank.lesson), None)


@dataclass
class SlotState:
    """One place in the quiz: the item shown there now, its attempt number and how far the learner got."""

    item: QuizItem
    attempt: int = 1
    started_at: str | None = None  # when the item was first shown
    hinted: bool = False  # the formative hint has been given
    done: bool = False  # explained: the answer is final until a retry
    result: Result | None = None  # the latest graded answer


@dataclass(frozen=True)
class Outcome:
    """What a submission (or a request for the explanation) leads to."""

    next: Next
    result: Result

    @property
    def stage(self) -> Stage:
        """How much the feedback shows."""
        return "hint" if self.next == "hint" else "explained"


@dataclass(frozen=True)
class QuizStatus:
    """How far the learner is: questions finished, and answered correctly, of all."""

    finished: int
    correct: int
    total: int


class QuizSession:
    """The questions of a bank for one learner, one place (slot) per question.

    ``items``: ``None`` (one version of each question), a count per objective, or item
    ids (see :func:`course.quiz.select_items`). ``mode``: ``formative`` (a hint and a
    second go after a first wrong answer, then parallel questions) or ``summative``
    (one answer each). ``confidence``: ask how sure the learner is (certainty-based
    marking). ``save`` is called with every graded answer; ``clock`` gives the time
    a question was first shown.
    """

    def __init__(
        self,
        bank: QuestionBank,
        learner_id: str,
        items: str | int | Sequence[str] | None = None,
        *,
        course: Course | None = None,
        mode: str = "formative",
        confidence: bool = False,
        save: SaveAnswer | None = None,
        clock: Callable[[], str] = _now,
    ) -> None:
        self.mode: Mode = check_mode(mode)
        self.bank = bank
        self.learner_id = learner_id
        self.confidence = bool(confidence)
        self.levels: Mapping[str, str] = level_labels(course)
        self.lesson = lesson_title(course, bank) if course is not None else None
        self.items = select_items(bank, items, learner_id)  # as first drawn (the printable form shows these)
        self.slots = [SlotState(item) for item in self.items]
        self.position = 0
        self._save = save
        self._clock = clock
        self._start(0)

    # Where the learner is

    def go_to(self, slot: int) -> int:
        """Move to ``slot`` (kept within the quiz); the question there counts as shown from now."""
        self.position = max(0, min(len(self.slots) - 1, slot))
        self._start(self.position)
        return self.position

    @property
    def at_start(self) -> bool:
        return self.position == 0

    @property
    def at_end(self) -> bool:
        return self.position == len(self.slots) - 1

    def _start(self, slot: int) -> None:
        state = self.slots[slot]
        if state.started_at is None:
            state.started_at = self._clock()

    # What is shown in a slot

    def order(self, slot: int) -> tuple[str, ...]:
        """The ids of the slot's options, steps or pairs in the order to show them."""
        state = self.slots[slot]
        return presentation_order(state.item, self.learner_id, state.attempt)

    def choices(self, slot: int) -> tuple[str, ...]:
        """The answers to choose from in a matching item, in the order to show them."""
        state = self.slots[slot]
        return matching_choices(state.item, self.learner_id, state.attempt)

    def asks_certainty(self, slot: int) -> bool:
        """Whether the slot's question asks how sure the learner is (never for free text)."""
        return self.confidence and is_auto_scored(self.slots[slot].item)

    # Answering

    def submit(self, slot: int, answer: object, certainty: int | None = None) -> Outcome:
        """Grade and save ``answer`` to the question in ``slot``; say what comes next.

        Raises :class:`NoAnswer` (nothing saved) for an empty answer or a missing
        certainty, :class:`InvalidAnswer` for one naming what the item lacks, and
        :class:`AlreadyAnswered` once the slot is explained.
        """
        state = self.slots[slot]
        if state.done:
            raise AlreadyAnswered(ALREADY_ANSWERED)
        if self.asks_certainty(slot) and certainty is None:
            grade(state.item, answer)  # any message about the answer itself comes first
            raise NoAnswer(CERTAINTY_MISSING)
        result = grade(state.item, answer, certainty if self.asks_certainty(slot) else None)
        state.result = result
        if self._save is not None:
            self._save(result, state.attempt, state.started_at)
        if self.mode == "formative" and result.auto_scored and not result.correct and not state.hinted:
            state.hinted = True
            return Outcome("hint", result)
        return self._finish(state)

    def explain(self, slot: int) -> Outcome | None:
        """Skip the second go and explain; None if there is nothing to explain (no answer, or explained)."""
        state = self.slots[slot]
        if state.result is None or state.done:
            return None
        return self._finish(state)

    def _finish(self, state: SlotState) -> Outcome:
        assert state.result is not None
        state.done = True
        retry = self.mode == "formative" and state.result.auto_scored and not state.result.correct
        return Outcome("retry-offered" if retry else "explained", state.result)

    def retry(self, slot: int) -> SlotState:
        """Put the next parallel version of the question in ``slot``, as attempt + 1.

        Another version of the item's parallel group, else another item of its
        objective; the same item, shuffled anew, if the bank has no other.
        """
        old = self.slots[slot]
        attempt = old.attempt + 1
        self.slots[slot] = SlotState(next_parallel_item(self.bank, old.item, attempt), attempt)
        if slot == self.position:
            self._start(slot)
        return self.slots[slot]

    def status(self) -> QuizStatus:
        """Questions finished (explained) and answered correctly, of all."""
        finished = [s.result for s in self.slots if s.done and s.result is not None]
        correct = sum(1 for r in finished if r.auto_scored and r.correct)
        return QuizStatus(len(finished), correct, len(self.slots))
