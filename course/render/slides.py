"""A lesson's slides as a reveal.js deck (one HTML file next to a local ``reveal/`` folder)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from nbconvert.filters import markdown2html

from course.content import Course
from course.models import Lesson
from course.regions import local_notices
from course.render._html import Markup, tag
from course.render.pages import format_minutes
from course.slides import Slide, copy_reveal, lesson_slides

__all__ = ["deck_html", "write_decks"]

_CSS = Markup(
    ".reveal{font-size:28px}.reveal h1{font-size:1.8em}.reveal h2{font-size:1.4em}.reveal h3{font-size:1.15em}"
    ".reveal section{text-align:left}.reveal img{max-height:60vh;max-width:100%}"
    ".reveal table{font-size:0.6em}.reveal .notice{font-size:0.55em;color:#333}"
    ".reveal section div{max-height:78vh;overflow:auto}"
)


_INNER_SECTION = re.compile(r"<(/?)section\b")


def _slide(slide: Slide) -> Markup:
    parts: list[object] = []
    if slide.markdown is not None:
        # The lesson's own markdown, written by the course's authors.
        parts.append(Markup(markdown2html(slide.markdown)))
    # A <section> inside a slide would be a slide of its own to reveal.js: keep it a block.
    parts += [Markup(_INNER_SECTION.sub(r"<\1div", html)) for html in slide.html]
    parts += [tag("img", src=f"data:image/png;base64,{png}", alt="") for png in slide.images]
    return tag("section", tag("div", parts))


def deck_html(lesson: Lesson, slides: Sequence[Slide], notice: str) -> str:
    """The deck: a title slide, the lesson's tagged slides, and the educational-use notice on the last."""
    title = tag(
        "section",
        tag("h1", f"Lesson {lesson.number}: {lesson.title}"),
        tag("p", lesson.summary),
        tag("p", f"About {format_minutes(lesson.minutes)}."),
        tag("p", notice, class_="notice"),
    )
    closing = tag("section", tag("h2", "Educational use only"), tag("p", notice, class_="notice"))
    head = tag(
        "head",
        tag("meta", charset="utf-8"),
        tag("meta", name_="viewport", content="width=device-width, initial-scale=1"),
        tag("title", f"Slides, lesson {lesson.number}: {lesson.title}"),
        tag("link", rel="stylesheet", href="reveal/reveal.css"),
        tag("link", rel="stylesheet", href="reveal/theme/white.css"),
        tag("style", _CSS),
    )
    body = tag(
        "body",
        tag("div", tag("div", title, [_slide(s) for s in slides], closing, class_="slides"), class_="reveal"),
        tag("script", src="reveal/reveal.js"),
        tag("script", Markup("Reveal.initialize({hash: true, controls: true, progress: true, transition: 'none'});")),
    )
    return "<!DOCTYPE html>\n" + str(tag("html", head, body, lang="en-GB")) + "\n"


def write_decks(repo: Path, out: Path, course: Course, node_modules: Path | None = None) -> list[Path]:
    """One deck per lesson with at least one tagged slide, plus reveal.js, into ``out``; return the decks."""
    copy_reveal(out, node_modules)
    notice = local_notices(course).educational_use
    written = []
    for lesson in course.lessons:
        slides = lesson_slides(repo / lesson.notebook)
        if not slides:
            continue
        deck = out / f"{Path(lesson.notebook).stem}.html"
        deck.write_text(deck_html(lesson, slides, notice), encoding="utf-8")
        written.append(deck)
    return written
