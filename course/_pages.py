"""Static pages a notebook shows: the lesson map and the safety notice.

Each page is plain HTML built from ``data/`` with every piece of text escaped,
so it reads the same in JupyterLab, in an exported HTML file and to a screen
reader, with or without a running kernel.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from course.content import Course, load_course
from course.models import Lesson

# JupyterLab right-aligns table cells by default; prose reads better left-aligned.
_CELL = "text-align:left;vertical-align:top;padding:0.3em 0.6em"
_BOX = (
    "border:2px solid #0072B2;border-radius:6px;padding:0.75em 1em;margin:0.5em 0;"
    "background:#f2f7fb;color:#1a1a1a;max-width:60em"
)


class HtmlPage:
    """A piece of HTML that shows itself in a notebook, with a plain-text twin."""

    def __init__(self, html: str, text: str) -> None:
        self.html = html
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def format_minutes(total: int) -> str:
    """A duration for reading: "45 min", "1 h", "1 h 15 min"."""
    hours, minutes = divmod(total, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes:02d} min" if minutes else f"{hours} h"


def lesson_map(course: Course | None = None) -> HtmlPage:
    course = course or load_course()
    root = course.data_dir.parent
    rows = []
    text_rows = []
    for lesson in course.lessons:
        if lesson.number == 0:
            continue
        file_name = lesson.notebook.rsplit("/", 1)[-1]
        ready = (root / lesson.notebook).exists()
        title = escape(lesson.title)
        cell = f'<a href="{escape(file_name)}">{title}</a>' if ready else f"{title} <em>(in preparation)</em>"
        rows.append(
            f'<tr><th scope="row" style="{_CELL}">{lesson.number:02d}</th><td style="{_CELL}">{cell}</td>'
            f'<td style="{_CELL};white-space:nowrap">{format_minutes(lesson.minutes)}</td>'
            f'<td style="{_CELL}">{escape(lesson.summary)}</td></tr>'
        )
        status = "" if ready else " (in preparation)"
        text_rows.append(f"{lesson.number:02d}  {lesson.title}{status}  [{format_minutes(lesson.minutes)}]")
    total = sum(lesson.minutes for lesson in course.lessons if lesson.number)
    html = (
        '<table style="border-collapse:collapse;max-width:60em">'
        f"<caption>The lessons in order: about {format_minutes(total)} of study in all</caption>"
        "<thead><tr>"
        + "".join(
            f'<th scope="col" style="{_CELL}">{h}</th>' for h in ("Lesson", "Title", "Time", "What you will learn")
        )
        + "</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    text = f"The lessons in order (about {format_minutes(total)} in all):\n" + "\n".join(text_rows)
    return HtmlPage(html, text)


def notice(course: Course | None = None, *, scope: bool = False) -> HtmlPage:
    """The educational-use notice with whom to contact and when to call emergency services.

    ``scope=True`` adds the scope-of-practice reminder, as every screen that
    shows an urgency level must.
    """
    notices = (course or load_course()).notices
    parts = [
        ("Educational use only", notices.educational_use),
        ("Whom to contact", notices.whom_to_contact),
        ("When to call emergency services", notices.emergency),
    ]
    if scope:
        parts.append(("Scope of practice", notices.scope_reminder))
    body = "".join(f"<p><strong>{escape(head)}.</strong> {escape(text)}</p>" for head, text in parts)
    html = f'<section role="note" aria-label="Safety notice" style="{_BOX}">{body}</section>'
    text = "\n\n".join(f"{head}. {text}" for head, text in parts)
    return HtmlPage(html, text)


def _require_known(ids, table, what: str, plural: str) -> None:
    """A ValueError naming every id not in ``table`` and listing the valid ones."""
    unknown = [value for value in ids if value not in table]
    if unknown:
        valid = ", ".join(sorted(table))
        raise ValueError(f"unknown {what} {', '.join(map(repr, unknown))}; valid {plural}: {valid}")


def reference_list(keys: list[str] | tuple[str, ...], course: Course | None = None) -> HtmlPage:
    """The full entries for ``keys``, in the order given, with what of each was read."""
    course = course or load_course()
    _require_known(keys, course.references, "reference key(s)", "keys")
    items = []
    text_items = []
    for key in keys:
        ref = course.references[key]
        year = ref.year if ref.year is not None else "n.d."
        entry = f"{ref.authors} ({year}). {ref.title}. {ref.venue}. {ref.locator}."
        items.append(
            f'<li id="ref-{escape(key)}"><strong>[{escape(key)}]</strong> {escape(entry)} '
            f"<em>Read: {escape(ref.read)}</em></li>"
        )
        text_items.append(f"[{key}] {entry}")
    return HtmlPage(f"<ul>{''.join(items)}</ul>", "\n".join(text_items))


def term_list(term_ids: list[str] | tuple[str, ...], course: Course | None = None) -> HtmlPage:
    """Glossary entries for ``term_ids``, in the order given, as a definition list."""
    course = course or load_course()
    _require_known(term_ids, course.terms, "glossary term(s)", "terms")
    items = []
    text_items = []
    for term_id in term_ids:
        term = course.terms[term_id]
        refs = f" [{']['.join(term.refs)}]" if term.refs else ""
        items.append(
            f'<dt style="font-weight:bold;margin-top:0.4em">{escape(term.term)}</dt>'
            f'<dd style="margin-left:1.5em">{escape(term.definition)}{escape(refs)}</dd>'
        )
        text_items.append(f"{term.term}: {term.definition}{refs}")
    return HtmlPage(f'<dl style="max-width:60em">{"".join(items)}</dl>', "\n".join(text_items))


REFERENCE_KEY = re.compile(r"\[([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)\]")


def _lesson(number: int, course: Course) -> Lesson:
    for lesson in course.lessons:
        if lesson.number == number:
            return lesson
    valid = ", ".join(str(lesson.number) for lesson in course.lessons)
    raise ValueError(f"unknown lesson number {number!r}; valid lessons: {valid}")


def cited_keys(notebook: Path, course: Course) -> tuple[str, ...]:
    """The reference keys a notebook's text cites, in order of first use.

    Square brackets in the markdown cells that hold a known key count as a
    citation; anything else in brackets (e.g. "[ ]") is ignored.
    """
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    keys: dict[str, None] = {}
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for key in REFERENCE_KEY.findall(text):
            if key in course.references:
                keys.setdefault(key, None)
    return tuple(keys)


def lesson_terms(number: int, course: Course | None = None) -> HtmlPage:
    """The glossary entries a lesson links, from its ``terms`` in data/syllabus.yaml."""
    course = course or load_course()
    return term_list(_lesson(number, course).terms, course)


def lesson_references(number: int, course: Course | None = None) -> HtmlPage:
    """Every source a lesson's text cites, in order of first use."""
    course = course or load_course()
    notebook = course.data_dir.parent / _lesson(number, course).notebook
    return reference_list(cited_keys(notebook, course), course)


def show_lesson_map() -> HtmlPage:
    return lesson_map()


def show_notice() -> HtmlPage:
    return notice()


def show_references(*keys: str) -> HtmlPage:
    return reference_list(keys)


def show_terms(*term_ids: str) -> HtmlPage:
    return term_list(term_ids)


def show_lesson_terms(number: int) -> HtmlPage:
    return lesson_terms(number)


def show_lesson_references(number: int) -> HtmlPage:
    return lesson_references(number)
