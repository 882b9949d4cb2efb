"""A learner's record of completion, and a standalone web page (HTML) of it.

Pure Python: no ipywidgets, no matplotlib. :func:`build_record` turns a
learner's saved progress (:mod:`course.progress`) and the syllabus and
question banks into a :class:`CompletionRecord`; :func:`render_html` makes a
complete, accessible HTML document of it that the learner can keep, print or
save as PDF. Every piece of text in the page is escaped, whatever its source
(learner id, bank data, notices).

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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from html import escape

from course._pages import format_minutes
from course.content import Course, load_course
from course.models import Lesson, QuestionBank
from course.progress import Dashboard, Progress, summarise
from course.quiz import Calibration

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

_OBJECTIVE_RULE = (
    "An objective is met when your latest answers to two different questions on it are right (or to all"
    " of them, if it has fewer) and its must-pass (red-flag) questions are answered correctly. An objective"
    " tested only by written reflections is met once you have submitted one of them."
)

_NOT_VERIFIED = (
    "This record lists what was answered in the course's practice questions on one computer, under a"
    " pseudonymous learner id. Nobody has assessed, marked or verified it. It is not a qualification, not a"
    " certificate of competence and not a licence to practise, and it is not accredited."
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
    banks = tuple(course.of_kind("quiz") if banks is None else banks)
    dashboard = summarise(progress, banks)
    met = _met_objectives(dashboard)
    open_slots = dashboard.must_pass_open
    lessons_by_id: dict[str, Lesson] = {lesson.id: lesson for lesson in course.lessons}
    bank_lesson = {bank.id: bank.lesson for bank in banks}
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


# --- The page -----------------------------------------------------------------------------

_CELL = "text-align:left;vertical-align:top;padding:0.3em 0.6em;border:1px solid #767676"
_TABLE = "border-collapse:collapse;margin:0.5em 0;max-width:60em"
_P = "margin:0.4em 0;max-width:60em"
# Explicit sizes: in a notebook preview the record's headings sit at levels 4 and 5, which render small.
_H1 = "margin:0.4em 0 0.3em;font-size:1.5em;font-weight:bold"
_H2 = "margin:0.9em 0 0.3em;font-size:1.2em;font-weight:bold"
_LABEL = "border:3px solid #1a1a1a;padding:0.5em 0.8em;margin:0.6em 0;max-width:60em;font-weight:bold"


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]], foot: Sequence[str] = ()) -> str:
    """A table of plain-text cells (escaped here); the first cell of each row is its header."""
    heads = "".join(f'<th scope="col" style="{_CELL}">{_e(h)}</th>' for h in head)
    body = "".join(
        f'<tr><th scope="row" style="{_CELL}">{_e(row[0])}</th>'
        + "".join(f'<td style="{_CELL}">{_e(cell)}</td>' for cell in row[1:])
        + "</tr>"
        for row in rows
    )
    tfoot = ""
    if foot:
        tfoot = (
            f'<tfoot><tr><th scope="row" style="{_CELL}">{_e(foot[0])}</th>'
            + "".join(f'<td style="{_CELL}">{_e(cell)}</td>' for cell in foot[1:])
            + "</tr></tfoot>"
        )
    # On a narrow screen the table scrolls inside its own box (reachable by keyboard), not the whole page.
    return (
        f'<div role="region" aria-label="{_e(caption)}" tabindex="0" style="overflow-x:auto;max-width:100%">'
        f'<table style="{_TABLE}"><caption style="text-align:left;font-weight:bold;padding:0.2em 0">'
        f"{_e(caption)}</caption><thead><tr>{heads}</tr></thead><tbody>{body}</tbody>{tfoot}</table></div>"
    )


def _lesson_table(record: CompletionRecord) -> str:
    rows = [
        (
            f"{line.number:02d}",
            line.title,
            f"{line.objectives_met} of {line.objectives_total}",
            str(line.must_pass_open) if line.must_pass_open else "none",
            "All objectives met" if line.complete else "Not yet complete",
            str(line.cpd_minutes),
        )
        for line in record.lessons
    ]
    head = ("Lesson", "Title", "Objectives met", "Must-pass questions open", "Status", "CPD minutes counted")
    met = sum(line.objectives_met for line in record.lessons)
    total = sum(line.objectives_total for line in record.lessons)
    opened = sum(line.must_pass_open for line in record.lessons)
    foot = (
        "All lessons",
        f"{record.lessons_complete} of {len(record.lessons)} lessons complete",
        f"{met} of {total}",
        str(opened) if opened else "none",
        "",
        str(record.cpd_minutes),
    )
    return _table("Lessons, learning objectives met and CPD minutes counted", head, rows, foot)


def _calibration(record: CompletionRecord, h: int) -> str:
    calibration = record.calibration
    title = f'<h{h} style="{_H2}">Certainty and calibration</h{h}>'
    if not calibration.answered:
        return title + f'<p style="{_P}">No answers were given with a certainty rating.</p>'
    rows = []
    for level in calibration.levels:
        accuracy = "–" if level.accuracy is None else f"{round(100 * level.accuracy)}%"
        rows.append((str(level.certainty), str(level.answered), f"{level.correct} ({accuracy})", f"{level.marks:+d}"))
    table = _table(
        "How sure the learner was, and how often right (certainty-based marking)",
        ("Certainty", "Answered", "Right", "Marks"),
        rows,
    )
    total = (
        f'<p style="{_P}">Certainty marks in all: {calibration.total_marks:+d} over {calibration.answered} rated'
        " answers. Marks per answer: +1, +2 or +3 if right and 0, −2 or −6 if wrong, for certainty 1, 2 or 3.</p>"
    )
    flagged = ""
    if calibration.confident_wrong_must_pass:
        count = len(calibration.confident_wrong_must_pass)
        flagged = (
            f'<p style="{_P}">Sure but wrong on a must-pass (red-flag) question: {count}'
            f" question{'' if count == 1 else 's'}. Review these first.</p>"
        )
    return title + table + total + flagged


def record_fragment(record: CompletionRecord, level: int = 1) -> str:
    """The record as HTML to put inside a page: its title at heading ``level``, its sections one below."""
    if not 1 <= level <= 5:
        raise ValueError(f"level must be 1 to 5 so that the sections' headings exist; got {level!r}")
    h, h2 = level, level + 1
    answered = (
        f"{record.answered_items} different question{'' if record.answered_items == 1 else 's'}"
        f" ({record.answers} answer{'' if record.answers == 1 else 's'} in all)"
    )
    facts = (
        ("Course", record.course_title),
        ("Learner (pseudonymous id)", record.learner_id),
        ("Date of this record", record.made_on.isoformat()),
        ("Lessons complete", f"{record.lessons_complete} of {len(record.lessons)}"),
        ("Questions answered", answered),
        ("Suggested CPD time", f"{record.cpd_minutes} minutes ({format_minutes(record.cpd_minutes)})"),
    )
    listed = "".join(
        f'<dt style="font-weight:bold;margin-top:0.3em">{_e(term)}</dt><dd style="margin-left:1.5em">{_e(value)}</dd>'
        for term, value in facts
    )
    if record.must_pass_open:
        items = "".join(f"<li>{_e(item.lesson_title)}: {_e(item.stem)}</li>" for item in record.must_pass_open)
        open_html = (
            f'<p style="{_P}">{len(record.must_pass_open)} must-pass (red-flag) question(s) still to answer'
            " correctly. A lesson is complete only when its must-pass questions are answered correctly.</p>"
            f'<ul style="max-width:60em">{items}</ul>'
        )
    else:
        open_html = f'<p style="{_P}">None: every must-pass (red-flag) question has been answered correctly.</p>'
    return (
        f'<h{h} style="{_H1}">Record of completion</h{h}>'
        f'<p style="{_LABEL}">{_e(RECORD_LABEL)}.</p>'
        f'<dl style="max-width:60em">{listed}</dl>'
        f'<h{h2} style="{_H2}">Lessons</h{h2}>'
        f"{_lesson_table(record)}"
        f'<p style="{_P}"><strong>How objectives are met.</strong> {_e(_OBJECTIVE_RULE)}</p>'
        f'<p style="{_P}"><strong>How the CPD time is worked out.</strong> {_e(CPD_RULE)}</p>'
        f'<h{h2} style="{_H2}">Must-pass questions still open</h{h2}>'
        f"{open_html}"
        f"{_calibration(record, h2)}"
        f'<h{h2} style="{_H2}">About this record</h{h2}>'
        f'<p style="{_P}">{_e(_NOT_VERIFIED)}</p>'
        f'<p style="{_P}"><strong>Educational use only.</strong> {_e(record.notice)}</p>'
    )


def render_html(record: CompletionRecord) -> str:
    """The record as a complete, standalone HTML document (language, title, headings, captioned tables)."""
    title = f"Record of completion: {record.course_title} ({record.learner_id}, {record.made_on.isoformat()})"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n"
        "<style>body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;background:#fff;"
        "line-height:1.5;margin:1.5em auto;padding:0 1em;max-width:62em}"
        "@media print{body{margin:0}}</style>\n"
        "</head>\n"
        "<body>\n"
        f"<main>\n{record_fragment(record, 1)}\n</main>\n"
        "</body>\n"
        "</html>\n"
    )
