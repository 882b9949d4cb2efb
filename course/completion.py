"""A learner's record of completion: what it counts, and how.

Pure Python: no ipywidgets, no matplotlib, no markup. :func:`build_record`
turns a learner's saved progress (:mod:`course.progress`) and the syllabus and
question banks into a :class:`CompletionRecord`;
:func:`course.render.completion.render_html` draws it as a complete, accessible
HTML document that the learner can keep, print or save as PDF (``render_html``
and ``record_fragment`` can still be imported from here).

What the record holds: the learner's pseudonym, the date, each lesson with its
learning objectives met out of its total, the must-pass (red-flag) questions
still open, how many questions were answered, the certainty-based marking
calibration summary, and suggested CPD minutes.

* **Objectives met** are those of :func:`course.progress.summarise`, decided
  by :func:`course.progress.objective_met` (the dashboard uses the same): the
  latest answers to two different auto-scored questions on the objective are
  right (or to all of them, if it has fewer), and none of its must-pass
  questions is open; an objective tested *only* by free-text (reflection)
  questions is met once one of them has been submitted, because reflections
  are submitted, not marked.
* **Suggested CPD minutes** (:data:`CPD_RULE`): the syllabus minutes of every
  lesson whose objectives are all met, added up. A lesson with any objective
  still open adds nothing; there are no part-minutes.

It is a record of completion, not a qualification, certificate of competence
or licence to practise (:data:`RECORD_LABEL`): nobody has assessed or
verified it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from course.content import Course, load_course
from course.models import Lesson, QuestionBank
from course.progress import Dashboard, Progress, summarise
from course.quiz import Calibration

if TYPE_CHECKING:
    from course.render.completion import record_fragment, render_html

__all__ = [
    "CPD_RULE",
    "RECORD_LABEL",
    "CompletionRecord",
    "LessonLine",
    "OpenItem",
    "build_record",
    "file_name",
    "record_fragment",
    "render_html",
]

#: The words every record carries, at the top of the page.
RECORD_LABEL = "Record of completion — not a qualification, certificate of competence or licence to practise"

#: How the suggested CPD minutes are worked out, in plain words (shown on every record).
CPD_RULE = (
    "Suggested CPD minutes are the estimated study times in the course syllabus of the lessons whose"
    " learning objectives are all met, added up. A lesson with any objective still open adds nothing."
    " Whether and how this time counts towards your continuing professional development (CPD) is for"
    " your professional body, awarding body or employer to decide."
)


@dataclass(frozen=True)
class LessonLine:
    """One lesson of the record: its objectives met, its open must-pass questions, its CPD minutes."""

    number: int
    title: str
    minutes: int  # the syllabus estimate
    objectives_met: int
    objectives_total: int
    must_pass_open: int
    answered: int = 0  # different questions of the lesson answered at least once

    @property
    def started(self) -> bool:
        """At least one of the lesson's questions has been answered."""
        return self.answered > 0

    @property
    def complete(self) -> bool:
        """Every objective of the lesson is met."""
        return self.objectives_total > 0 and self.objectives_met == self.objectives_total

    @property
    def cpd_minutes(self) -> int:
        """The lesson's syllabus minutes if it is complete, else 0."""
        return self.minutes if self.complete else 0


@dataclass(frozen=True)
class OpenItem:
    """A must-pass (red-flag) question not yet answered correctly."""

    lesson_title: str
    bank_id: str
    item_id: str
    stem: str


@dataclass(frozen=True)
class CompletionRecord:
    """Everything a record of completion shows."""

    learner_id: str
    course_title: str
    made_on: date
    lessons: tuple[LessonLine, ...]
    must_pass_open: tuple[OpenItem, ...]
    answered_items: int  # different questions answered at least once
    answers: int  # answers submitted in all
    calibration: Calibration
    notice: str  # the educational-use notice

    @property
    def cpd_minutes(self) -> int:
        """Suggested CPD minutes: see :data:`CPD_RULE`."""
        return sum(line.cpd_minutes for line in self.lessons)

    @property
    def lessons_complete(self) -> int:
        return sum(line.complete for line in self.lessons)


def _today() -> date:
    return datetime.now(timezone.utc).date()


def _met_objectives(dashboard: Dashboard) -> set[str]:
    """The ids of the objectives met, as the dashboard decides them (progress.objective_met)."""
    return {status.objective_id for status in dashboard.objectives if status.met}


def build_record(
    progress: Progress,
    course: Course | None = None,
    *,
    on: date | None = None,
    banks: Iterable[QuestionBank] | None = None,
) -> CompletionRecord:
    """The record of completion for ``progress``, against the course's syllabus and question banks.

    ``on`` is the date printed on the record (today, in UTC, if None). ``banks``
    defaults to every question bank of the course. Lessons without objectives
    (the start notebook) are left out.
    """
    course = course or load_course()
    banks = tuple(course.banks if banks is None else banks)
    dashboard = summarise(progress, banks)
    met = _met_objectives(dashboard)
    open_slots = dashboard.must_pass_open
    lessons_by_id: dict[str, Lesson] = {lesson.id: lesson for lesson in course.lessons}
    bank_lesson = {bank.id: bank.lesson for bank in banks}
    answered_per_lesson: dict[str, int] = {}
    for bank_id, _ in progress.latest():
        if bank_id in bank_lesson:
            answered_per_lesson[bank_lesson[bank_id]] = answered_per_lesson.get(bank_lesson[bank_id], 0) + 1
    open_per_lesson: dict[str, int] = {}
    for bank_id, _ in open_slots:
        lesson_id = bank_lesson[bank_id]
        open_per_lesson[lesson_id] = open_per_lesson.get(lesson_id, 0) + 1
    lines = tuple(
        LessonLine(
            number=lesson.number,
            title=lesson.title,
            minutes=lesson.minutes,
            objectives_met=sum(objective.id in met for objective in lesson.objectives),
            objectives_total=len(lesson.objectives),
            must_pass_open=open_per_lesson.get(lesson.id, 0),
            answered=answered_per_lesson.get(lesson.id, 0),
        )
        for lesson in course.lessons
        if lesson.objectives
    )
    by_bank = {bank.id: bank for bank in banks}
    open_items = tuple(
        OpenItem(
            lesson_title=lessons_by_id[by_bank[bank_id].lesson].title
            if by_bank[bank_id].lesson in lessons_by_id
            else by_bank[bank_id].title,
            bank_id=bank_id,
            item_id=item_id,
            stem=by_bank[bank_id].item(item_id).stem,
        )
        for bank_id, item_id in open_slots
    )
    syllabus = course.of_kind("syllabus")
    return CompletionRecord(
        learner_id=progress.learner_id,
        course_title=syllabus[0].title if syllabus else "",
        made_on=on or _today(),
        lessons=lines,
        must_pass_open=open_items,
        answered_items=len(progress.latest()),
        answers=len(progress.responses),
        calibration=dashboard.calibration,
        notice=course.notices.educational_use,
    )


def file_name(record: CompletionRecord) -> str:
    """The name to save the page under: ``record-of-completion-<learner id>.html``."""
    return f"record-of-completion-{record.learner_id}.html"


# The page moved to the rendering layer; these names are still imported from here.
_MOVED_TO_RENDER = ("record_fragment", "render_html")


def __getattr__(name: str) -> Callable[..., str]:
    if name in _MOVED_TO_RENDER:
        from course.render import completion as render

        drawn: Callable[..., str] = getattr(render, name)
        return drawn
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
