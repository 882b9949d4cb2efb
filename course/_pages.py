"""Static pages a notebook shows: the lesson map, the safety notice, references and terms.

What each page holds is chosen here, from ``data/``; :mod:`course.render.pages` draws it
(every piece of text escaped), so a page reads the same in JupyterLab, in an exported
HTML file and to a screen reader, with or without a running kernel.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from pathlib import Path

from course import locations
from course.citations import cited_in
from course.content import Course, load_course
from course.models import Lesson
from course.regions import local_notices
from course.render.pages import (
    APPROXIMATE_NOTE,
    HtmlPage,
    format_minutes,
    lesson_map_page,
    notice_page,
    reference_list_page,
    term_list_page,
)

__all__ = [
    "HtmlPage",
    "cited_keys",
    "format_minutes",
    "lesson_map",
    "lesson_references",
    "lesson_terms",
    "notice",
    "reference_list",
    "show_lesson_map",
    "show_lesson_references",
    "show_lesson_terms",
    "show_notice",
    "show_references",
    "show_terms",
    "term_list",
]


def lesson_map(course: Course | None = None) -> HtmlPage:
    """Every lesson after the start notebook, linked when its notebook exists, with the total time."""
    course = course or load_course()
    lessons = [lesson for lesson in course.lessons if lesson.number != 0]
    found = [locations.course_file(lesson.notebook, course.data_dir) for lesson in lessons]
    links = [(lesson, None if path is None else path.name) for lesson, path in zip(lessons, found, strict=True)]
    return lesson_map_page(links, sum(lesson.minutes for lesson in lessons))


def notice(course: Course | None = None, *, scope: bool = False) -> HtmlPage:
    """The educational-use notice with whom to contact and when to call emergency services.

    ``scope=True`` adds the scope-of-practice reminder, as every screen that
    shows an urgency level must.
    """
    notices = local_notices(course or load_course())
    parts = [
        ("Educational use only", notices.educational_use),
        ("Whom to contact", notices.whom_to_contact),
        ("When to call emergency services", notices.emergency),
    ]
    if scope:
        parts.append(("Scope of practice", notices.scope_reminder))
    return notice_page(parts)


def _require_known(ids: Iterable[str], table: Collection[str], what: str, plural: str) -> None:
    """A ValueError naming every id not in ``table`` and listing the valid ones."""
    unknown = [value for value in ids if value not in table]
    if unknown:
        valid = ", ".join(sorted(table))
        raise ValueError(f"unknown {what} {', '.join(map(repr, unknown))}; valid {plural}: {valid}")


def reference_list(
    keys: list[str] | tuple[str, ...], course: Course | None = None, note: str | None = None
) -> HtmlPage:
    """The full entries for ``keys``, in the order given, with what of each was read."""
    course = course or load_course()
    _require_known(keys, course.references, "reference key(s)", "keys")
    return reference_list_page([course.references[key] for key in keys], note)


def term_list(term_ids: list[str] | tuple[str, ...], course: Course | None = None) -> HtmlPage:
    """Glossary entries for ``term_ids``, in the order given, as a definition list."""
    course = course or load_course()
    _require_known(term_ids, course.terms, "glossary term(s)", "terms")
    return term_list_page([course.terms[term_id] for term_id in term_ids])


def _lesson(number: int, course: Course) -> Lesson:
    for lesson in course.lessons:
        if lesson.number == number:
            return lesson
    valid = ", ".join(str(lesson.number) for lesson in course.lessons)
    raise ValueError(f"unknown lesson number {number!r}; valid lessons: {valid}")


def cited_keys(notebook: Path, course: Course) -> tuple[str, ...]:
    """The reference keys a notebook's text cites, in order of first use.

    A known key in square brackets or in a numbered marker (:mod:`course.citations`)
    counts as a citation; anything else in brackets (e.g. "[ ]") is ignored.
    """
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return tuple(key for key in cited_in(cells) if key in course.references)


def lesson_terms(number: int, course: Course | None = None) -> HtmlPage:
    """The glossary entries a lesson links, from its ``terms`` in data/syllabus.yaml."""
    course = course or load_course()
    return term_list(_lesson(number, course).terms, course)


def lesson_references(number: int, course: Course | None = None) -> HtmlPage:
    """Every source a lesson's text cites, in order of first use."""
    course = course or load_course()
    relative = _lesson(number, course).notebook
    notebook = locations.course_file(relative, course.data_dir) or course.data_dir.parent / relative
    return reference_list(cited_keys(notebook, course), course, APPROXIMATE_NOTE)


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
