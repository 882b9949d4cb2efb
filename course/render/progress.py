"""The progress dashboard, drawn: objectives, must-pass questions, calibration, export and import.

Each function draws one part of :class:`course.widgets.progress.ProgressDashboard` from
a :class:`course.progress.Dashboard` (what :func:`course.progress.summarise` decided) or
a :class:`course.progress.Progress`. :func:`data_table` also draws the record of
completion's tables (:mod:`course.render.completion`).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence

from course.completion import CompletionRecord
from course.content import Course
from course.models import QuestionBank
from course.progress import Dashboard, ObjectiveStatus, Progress, export_name, export_progress
from course.render._html import Markup, message, tag

__all__ = [
    "calibration",
    "data_table",
    "export_link",
    "heading",
    "import_done",
    "import_refused",
    "import_too_large",
    "keep_section",
    "learner_line",
    "lessons_table",
    "must_pass_list",
    "nothing_to_export",
    "objectives_table",
    "static_form",
]

_STATIC_TEXT = (
    "Your progress dashboard appears here when this cell runs in Jupyter with a live kernel."
    " It shows which learning objectives you have met, which must-pass (red-flag) questions are still open,"
    " and how well your certainty matched your answers, with buttons to export your progress to a file"
    " and to import it again (for example in a new Binder session). Your progress is kept only on the computer"
    " that runs the notebook, under a pseudonymous learner id."
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def data_table(
    caption: str,
    head: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    foot: Sequence[object] = (),
    table: str = "dashboard-table",
    cell: str = "dashboard-cell",
) -> Markup:
    """A captioned table; the first cell of each row (and of ``foot``) is its header. Text cells are escaped."""

    def row(cells: Sequence[object]) -> Markup:
        first, *rest = cells
        return tag("tr", tag("th", first, scope="row", style=cell), [tag("td", c, style=cell) for c in rest])

    return tag(
        "table",
        tag("caption", caption, style="caption"),
        tag("thead", tag("tr", [tag("th", h, scope="col", style=cell) for h in head])),
        tag("tbody", [row(cells) for cells in rows]),
        tag("tfoot", row(foot)) if foot else None,
        style=table,
    )


def _text(*children: object) -> Markup:
    return tag("p", *children, style="text")


def heading() -> Markup:
    """The dashboard's title."""
    return tag("h3", "Your progress", style="h3")


def learner_line(progress: Progress | None) -> Markup:
    """Whose progress this is and how many answers are saved (or that there are none on this computer)."""
    if progress is None:
        return _text(
            "No answers are saved on this computer yet. Answer a quiz question,"
            " then press Refresh; or import a progress file you exported earlier."
        )
    return _text(
        "Learner id ",
        tag("strong", progress.learner_id),
        f" (a pseudonym): {_plural(len(progress.responses), 'answer')} saved.",
    )


def _answers_text(status: ObjectiveStatus) -> str:
    if status.reflections_only:
        done = min(status.reflections_submitted, 1)
        return f"{done} of 1 reflection submitted ({status.reflections} to choose from)"
    return f"{status.correct} of {status.needed} needed ({status.items} questions)"


def objectives_table(dashboard: Dashboard, course: Course) -> Markup:
    """The objectives of the banks shown: correct answers, open must-pass questions, met or not."""
    if not dashboard.objectives:
        return _text("No objectives to show: there are no questions here yet.")
    texts = {o.id: o.text for lesson in course.lessons for o in lesson.objectives}
    rows = [
        (
            status.objective_id,
            texts.get(status.objective_id, ""),
            _answers_text(status),
            str(status.must_pass_open) if status.must_pass_open else "none",
            tag("strong", "✔ Met" if status.met else "○ Not yet", style="nowrap"),
        )
        for status in dashboard.objectives
    ]
    caption = f"Learning objectives: {dashboard.objectives_met} of {len(dashboard.objectives)} met"
    head = ("Objective", "What you can do", "Correct answers", "Must-pass still open", "Status")
    note = _text(
        "An objective is met when your latest answers to two different questions on it"
        " are right (or to all of them, if it has fewer) and its must-pass questions are answered correctly."
        " An objective tested only by written reflections is met once you have submitted one of them."
    )
    return data_table(caption, head, rows) + note


def lessons_table(record: CompletionRecord) -> Markup:
    """The whole course, lesson by lesson: started, objectives met, must-pass open, complete."""
    rows = [
        (
            f"{line.number}. {line.title}",
            _plural(line.answered, "question") + " answered" if line.started else "not started",
            f"{line.objectives_met} of {line.objectives_total}",
            str(line.must_pass_open) if line.must_pass_open else "none",
            tag("strong", "✔ Complete" if line.complete else "○ Not yet", style="nowrap"),
        )
        for line in record.lessons
    ]
    caption = f"Lessons: {record.lessons_complete} of {len(record.lessons)} complete"
    head = ("Lesson", "Started", "Objectives met", "Must-pass still open", "Status")
    note = _text(
        "A lesson is complete when all its objectives are met."
        + (
            " All lessons are complete: make your record of completion below."
            if record.lessons and record.lessons_complete == len(record.lessons)
            else ""
        )
    )
    return data_table(caption, head, rows) + note


def must_pass_list(dashboard: Dashboard, banks: Sequence[QuestionBank]) -> Markup:
    """The must-pass (red-flag) questions still to answer correctly, by their question text."""
    if not dashboard.must_pass_open:
        return _text(tag("strong", "✔ Must-pass questions:"), " none open.")
    by_id = {bank.id: bank for bank in banks}
    items = [
        tag("li", by_id[bank_id].title, ": ", by_id[bank_id].item(item_id).stem)
        for bank_id, item_id in dashboard.must_pass_open
    ]
    count = len(dashboard.must_pass_open)
    return _text(
        tag("strong", f"⚑ Must-pass questions still open ({count}):"),
        " answer these correctly to complete their lessons.",
    ) + tag("ul", items, style="p")


def calibration(dashboard: Dashboard, banks: Sequence[QuestionBank]) -> Markup:
    """How often the learner was right at each certainty level, in a table with advice in words."""
    summary = dashboard.calibration
    if not summary.answered:
        return _text(
            tag("strong", "Certainty:"),
            " no answers with a certainty rating yet. Quizzes that ask “How sure are you?” fill this in.",
        )
    rows = [
        (
            str(level.certainty),
            str(level.answered),
            f"{level.correct} ({'–' if level.accuracy is None else f'{round(100 * level.accuracy)}%'})",
            f"{level.marks:+d}",
            level.advice,
        )
        for level in summary.levels
    ]
    head = ("Certainty", "Answered", "Right", "Marks", "What it tells you")
    table = data_table("How sure you were, and how often you were right", head, rows)
    total = _text(
        f"Certainty marks in all: {summary.total_marks:+d}"
        f" over {summary.answered} rated answers (right: +1, +2, +3; wrong: 0, −2, −6)."
    )
    if not summary.confident_wrong_must_pass:
        return table + total
    stems = {item.id: item.stem for bank in banks for item in bank.items}
    flagged = _text(
        tag("strong", "⚠ Sure but wrong on a must-pass (red-flag) question:"), " look at these first."
    ) + tag("ul", [tag("li", stems.get(i, i)) for i in summary.confident_wrong_must_pass], style="p")
    return table + total + flagged


def keep_section() -> Markup:
    """The heading and words above the Export and Import buttons."""
    return tag("h4", "Keep your progress", style="h4-section") + _text(
        "Export progress makes a download link for a file of your answers."
        " Import progress reads such a file back and adds it to the progress saved here."
    )


def export_link(progress: Progress) -> Markup:
    """A link that saves the progress as ``progress-<learner id>.json``, with the data inside the link."""
    name = export_name(progress)
    data = base64.b64encode(export_progress(progress).encode("utf-8")).decode("ascii")
    count = len(progress.responses)
    link = tag("a", "Download your progress file", download=name, href=f"data:application/json;base64,{data}")
    return _text(link, f" ({name}, {_plural(count, 'answer')}).") + _text(
        "Keep the file. To carry on in a new session (Binder forgets everything when"
        " it closes), use Import progress and choose this file."
    )


def nothing_to_export() -> Markup:
    """Export pressed before any answer is saved."""
    return message("Nothing to export yet: answer a quiz question first.")


def import_too_large(name: str) -> Markup:
    """An upload refused for its size, before it is read."""
    return message(f"‘{name}’ is too large to be a progress file from this course; nothing was imported.", "wrong")


def import_refused(name: str, reason: str) -> Markup:
    """An upload that is not an export of this course (``reason`` says why, in plain words)."""
    return message(f"‘{name}’ was not imported. {reason}", "wrong")


def import_done(name: str, added: int, progress: Progress) -> Markup:
    """An import that worked: how many answers it added, and the learner id now in use."""
    return message(
        f"✔ Imported ‘{name}’: {_plural(added, 'new answer')}, {len(progress.responses)} in all."
        f" Your learner id is now {progress.learner_id}.",
        "right",
    )


def static_form() -> Markup:
    """What a page without a kernel shows: what the dashboard is, never anyone's progress."""
    return tag(
        "section",
        tag("h3", "Your progress", style="h3"),
        _text(_STATIC_TEXT),
        aria_label="Your progress",
    )
