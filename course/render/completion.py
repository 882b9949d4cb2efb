"""The record of completion, drawn: a standalone web page, the fragment inside it, and the widget's parts.

:func:`render_html` makes a complete, accessible HTML document of a
:class:`course.completion.CompletionRecord` that the learner can keep, print or
save as PDF; :func:`record_fragment` is the same record to put inside another
page (the widget's preview). Every piece of text is escaped, whatever its source
(learner id, bank data, notices). What the record counts is decided in
:mod:`course.completion`; nothing is decided here.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from course.completion import CPD_RULE, RECORD_LABEL, CompletionRecord, file_name
from course.render._html import Markup, message, tag
from course.render.pages import format_minutes
from course.render.progress import data_table

__all__ = [
    "download_link",
    "heading",
    "no_learner",
    "preview",
    "record_fragment",
    "render_html",
    "static_form",
]

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

_WHAT_IT_DOES = (
    "Press “Make my record” to build your record of completion from the progress saved on this computer:"
    " each lesson with its learning objectives met, the must-pass (red-flag) questions still open, how many"
    " questions you answered, how well your certainty matched your answers, and suggested CPD minutes."
    " A link then saves the record as a web page (HTML) that you can open in any browser, print or save as PDF;"
    " a preview appears below the link."
)

_STATIC_TEXT = (
    "Your record of completion is made here when this cell runs in Jupyter with a live kernel."
    " The button “Make my record” builds it from the progress saved on the computer that runs the notebook"
    " (lessons with their learning objectives met, must-pass questions still open, questions answered,"
    " certainty calibration and suggested CPD minutes) and gives a link to download it as a web page."
    f" {RECORD_LABEL}."
)

#: The standalone page's own style sheet (the record's parts carry their styles inline).
_PAGE_CSS = Markup(
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;background:#fff;"
    "line-height:1.5;margin:1.5em auto;padding:0 1em;max-width:62em}"
    "@media print{body{margin:0}}"
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _p(*children: object) -> Markup:
    return tag("p", *children, style="record-text")


def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]], foot: Sequence[str] = ()) -> Markup:
    """A table of plain-text cells; on a narrow screen it scrolls inside its own box (reachable by keyboard)."""
    table = data_table(caption, head, rows, foot=foot, table="record-table", cell="record-cell")
    return tag("div", table, role="region", aria_label=caption, tabindex="0", style="scroll")


def _lesson_table(record: CompletionRecord) -> Markup:
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


def _calibration(record: CompletionRecord, h: int) -> Markup:
    calibration = record.calibration
    title = tag(f"h{h}", "Certainty and calibration", style="record-h2")
    if not calibration.answered:
        return title + _p("No answers were given with a certainty rating.")
    rows = [
        (
            str(level.certainty),
            str(level.answered),
            f"{level.correct} ({'–' if level.accuracy is None else f'{round(100 * level.accuracy)}%'})",
            f"{level.marks:+d}",
        )
        for level in calibration.levels
    ]
    table = _table(
        "How sure the learner was, and how often right (certainty-based marking)",
        ("Certainty", "Answered", "Right", "Marks"),
        rows,
    )
    total = _p(
        f"Certainty marks in all: {calibration.total_marks:+d} over {calibration.answered} rated"
        " answers. Marks per answer: +1, +2 or +3 if right and 0, −2 or −6 if wrong, for certainty 1, 2 or 3."
    )
    flagged = None
    if calibration.confident_wrong_must_pass:
        count = len(calibration.confident_wrong_must_pass)
        flagged = _p(
            f"Sure but wrong on a must-pass (red-flag) question: {_plural(count, 'question')}. Review these first."
        )
    return title + table + total + (flagged or "")


def record_fragment(record: CompletionRecord, level: int = 1) -> Markup:
    """The record as HTML to put inside a page: its title at heading ``level``, its sections one below."""
    if not 1 <= level <= 5:
        raise ValueError(f"level must be 1 to 5 so that the sections' headings exist; got {level!r}")
    h, h2 = f"h{level}", f"h{level + 1}"
    answered = f"{_plural(record.answered_items, 'different question')} ({_plural(record.answers, 'answer')} in all)"
    facts = (
        ("Course", record.course_title),
        ("Learner (pseudonymous id)", record.learner_id),
        ("Date of this record", record.made_on.isoformat()),
        ("Lessons complete", f"{record.lessons_complete} of {len(record.lessons)}"),
        ("Questions answered", answered),
        ("Suggested CPD time", f"{record.cpd_minutes} minutes ({format_minutes(record.cpd_minutes)})"),
    )
    listed = [(tag("dt", term, style="record-term"), tag("dd", value, style="record-value")) for term, value in facts]
    if record.must_pass_open:
        items = [tag("li", item.lesson_title, ": ", item.stem) for item in record.must_pass_open]
        still_open = _p(
            f"{len(record.must_pass_open)} must-pass (red-flag) question(s) still to answer"
            " correctly. A lesson is complete only when its must-pass questions are answered correctly."
        ) + tag("ul", items, style="record-block")
    else:
        still_open = _p("None: every must-pass (red-flag) question has been answered correctly.")
    return (
        tag(h, "Record of completion", style="record-h1")
        + tag("p", RECORD_LABEL, ".", style="record-label")
        + tag("dl", listed, style="record-block")
        + tag(h2, "Lessons", style="record-h2")
        + _lesson_table(record)
        + _p(tag("strong", "How objectives are met."), " ", _OBJECTIVE_RULE)
        + _p(tag("strong", "How the CPD time is worked out."), " ", CPD_RULE)
        + tag(h2, "Must-pass questions still open", style="record-h2")
        + still_open
        + _calibration(record, level + 1)
        + tag(h2, "About this record", style="record-h2")
        + _p(_NOT_VERIFIED)
        + _p(tag("strong", "Educational use only."), " ", record.notice)
    )


def render_html(record: CompletionRecord) -> str:
    """The record as a complete, standalone HTML document (language, title, headings, captioned tables)."""
    title = f"Record of completion: {record.course_title} ({record.learner_id}, {record.made_on.isoformat()})"
    head = tag(
        "head",
        "\n",
        tag("meta", charset="utf-8"),
        "\n",
        tag("meta", name_="viewport", content="width=device-width, initial-scale=1"),
        "\n",
        tag("title", title),
        "\n",
        tag("style", _PAGE_CSS),
        "\n",
    )
    body = tag("body", "\n", tag("main", "\n", record_fragment(record, 1), "\n"), "\n")
    return str(Markup("<!DOCTYPE html>\n") + tag("html", "\n", head, "\n", body, "\n", lang="en-GB") + "\n")


# --- The widget's parts ---------------------------------------------------------------------


def heading() -> Markup:
    """The widget's title, what the button does, and the record's label."""
    return (
        tag("h3", "Your record of completion", style="h3")
        + tag("p", _WHAT_IT_DOES, style="text")
        + tag("p", tag("strong", RECORD_LABEL, "."), style="text")
    )


def no_learner() -> Markup:
    """Make my record pressed on a computer with no saved answers."""
    return message(
        "No answers are saved on this computer yet: answer some quiz questions first, then make your record."
    )


def download_link(record: CompletionRecord) -> Markup:
    """A link that saves the record as ``record-of-completion-<learner id>.html``, with the page inside the link."""
    name = file_name(record)
    data = base64.b64encode(render_html(record).encode("utf-8")).decode("ascii")
    link = tag(
        "a",
        tag("span", "Download your record of completion", style="download-link"),
        download=name,
        href=f"data:text/html;base64,{data}",
    )
    return tag("p", link, f" ({name}).", style="text") + tag(
        "p",
        "Open the saved file in any web browser. To keep a paper or PDF copy, print it from the browser.",
        style="text",
    )


def preview(record: CompletionRecord) -> Markup:
    """The record inside the notebook, its title one level below the widget's heading."""
    return tag("section", record_fragment(record, 4), aria_label="Preview of your record", style="record-preview")


def static_form() -> Markup:
    """What a page without a kernel shows: what the button does, never anyone's record."""
    return tag(
        "section",
        tag("h3", "Your record of completion", style="h3"),
        tag("p", _STATIC_TEXT, style="text"),
        aria_label="Your record of completion",
    )
