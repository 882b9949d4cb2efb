"""The instructor build's pages: one answer key per lesson, and an index of them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from nbconvert.filters import markdown2html

from course.builds import LessonKey
from course.content import Course
from course.quiz.session import level_labels
from course.render._html import Markup, tag
from course.render.cases import static_case
from course.render.pages import format_minutes
from course.render.quiz import key, notice

__all__ = ["index_page", "lesson_key_body", "lesson_key_page", "lesson_key_title", "write_answer_keys"]

_PAGE_CSS = Markup(
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;background:#fff;"
    "line-height:1.5;margin:1.5em auto;padding:0 1em;max-width:62em}"
    "details{margin:0.3em 0}@media print{body{margin:0}details{display:block}}"
)


def _page(title: str, *body: object) -> str:
    head = tag(
        "head",
        tag("meta", charset="utf-8"),
        tag("meta", name_="viewport", content="width=device-width, initial-scale=1"),
        tag("title", title),
        tag("style", _PAGE_CSS),
    )
    return "<!DOCTYPE html>\n" + str(tag("html", head, tag("body", tag("main", *body)), lang="en-GB")) + "\n"


def _note(source: str) -> Markup:
    # The lesson's own markdown, written by the course's authors: rendered as they wrote it.
    return tag("div", Markup(markdown2html(source)), style="note")


def lesson_key_title(lesson_key: LessonKey) -> str:
    lesson = lesson_key.lesson
    return f"Answer key, lesson {lesson.number}: {lesson.title}"


def lesson_key_body(lesson_key: LessonKey, course: Course) -> Markup:
    """One lesson's key under its title: notes, every question's key, every case's decisions."""
    lesson = lesson_key.lesson
    levels = level_labels(course)
    notes = [_note(source) for source in lesson_key.notes] or [tag("p", "This lesson has no facilitation notes.")]
    items = [
        tag(
            "section",
            tag("h3", f"{bank.title}: {item.id}", tag("small", f" (version {item.version}, {item.type})")),
            tag("p", tag("strong", item.stem)),
            key(item, levels),
            aria_label=f"Question {item.id}",
        )
        for bank in lesson_key.banks
        for item in bank.items
        if item.status != "retired"
    ]
    cases = [static_case(case, course) for case in lesson_key.cases]
    return Markup("").join(
        (
            tag("p", f"Time: {format_minutes(lesson.minutes)}. Notebook: {lesson.notebook}. For instructors only."),
            notice(course),
            tag("h2", "Facilitation notes"),
            Markup("").join(notes),
            tag("h2", f"Questions ({len(items)})"),
            Markup("").join(items),
            tag("h2", f"Cases ({len(cases)})"),
            Markup("").join(cases) if cases else tag("p", "This lesson shows no case."),
        )
    )


def lesson_key_page(lesson_key: LessonKey, course: Course) -> str:
    """Everything an instructor needs to run one lesson: notes, every question's key, every case's decisions."""
    title = lesson_key_title(lesson_key)
    return _page(title, tag("h1", title), lesson_key_body(lesson_key, course))


def _page_name(lesson_key: LessonKey) -> str:
    return f"{Path(lesson_key.lesson.notebook).stem}.html"


def write_answer_keys(keys: Sequence[LessonKey], out: Path, course: Course) -> list[Path]:
    """Write ``answer-keys/<lesson>.html`` per lesson and ``index.html`` into ``out``; return the files."""
    folder = out / "answer-keys"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lesson_key in keys:
        page = folder / _page_name(lesson_key)
        page.write_text(lesson_key_page(lesson_key, course), encoding="utf-8")
        written.append(page)
    index = out / "index.html"
    index.write_text(index_page(keys), encoding="utf-8")
    return [*written, index]


def index_page(keys: Sequence[LessonKey]) -> str:
    """The instructor build's front page: one link per lesson's answer key."""
    rows = [
        tag(
            "li",
            tag(
                "a",
                f"Lesson {k.lesson.number}: {k.lesson.title}",
                href=f"answer-keys/{Path(k.lesson.notebook).stem}.html",
            ),
            f" ({sum(len(b.items) for b in k.banks)} questions, {len(k.cases)} cases, {len(k.notes)} notes)",
        )
        for k in keys
    ]
    return _page(
        "Instructor build",
        tag("h1", "Instructor build: answer keys and facilitation notes"),
        tag("p", "The notebooks here keep every cell and output. Students get the student build instead."),
        tag(
            "p",
            tag("a", "The class guide", href="class-guide.html"),
            ": outcomes, 1-day and 2-day schedules, the room.",
        ),
        tag("ul", rows),
    )
