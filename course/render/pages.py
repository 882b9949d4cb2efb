"""The static pages a notebook shows: the lesson map, the safety notice, references and terms.

Each page is HTML with a plain-text twin (:class:`HtmlPage`), so it reads the same in
JupyterLab, in an exported page and to a screen reader, with or without a kernel. The
page functions in :mod:`course._pages` choose what a page holds; these only draw it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from course.models import Lesson, Reference, Term
from course.render._html import Markup, join, tag

__all__ = [
    "APPROXIMATE_NOTE",
    "HtmlPage",
    "cite",
    "format_minutes",
    "lesson_map_page",
    "notice_page",
    "reference_list_page",
    "term_list_page",
]


class HtmlPage:
    """A piece of HTML that shows itself in a notebook, with a plain-text twin."""

    def __init__(self, html: str, text: str) -> None:
        # A plain str, not Markup: callers add their own markup after it (``html += ...``),
        # and Markup would escape what is added.
        self.html = str(html)
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __html__(self) -> str:
        """The page as markup, to put inside other markup as it is."""
        return self.html

    def __repr__(self) -> str:
        return self.text


def format_minutes(total: int) -> str:
    """A duration for reading: "45 min", "1 h", "1 h 15 min"."""
    hours, minutes = divmod(total, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes:02d} min" if minutes else f"{hours} h"


def cite(keys: Iterable[str]) -> Markup:
    """Reference keys as a reader sees them after a claim: "[MURRAY-VO21][BERK08]"; nothing for none."""
    keys = tuple(keys)
    return join(("[", join(keys, "]["), "]")) if keys else Markup()


def _cite_text(keys: Sequence[str]) -> str:
    return " " + "".join(f"[{key}]" for key in keys) if keys else ""


def lesson_map_page(lessons: Sequence[tuple[Lesson, str | None]], total_minutes: int) -> HtmlPage:
    """The lessons in order, each with its link (None: the notebook is still in preparation)."""
    rows = []
    text_rows = []
    for lesson, href in lessons:
        time = format_minutes(lesson.minutes)
        title = (
            tag("a", lesson.title, href=href)
            if href is not None
            else (lesson.title, " ", tag("em", "(in preparation)"))
        )
        rows.append(
            tag(
                "tr",
                tag("th", f"{lesson.number:02d}", scope="row", style="cell-page"),
                tag("td", title, style="cell-page"),
                tag("td", time, style=("cell-page", "nowrap")),
                tag("td", lesson.summary, style="cell-page"),
            )
        )
        status = "" if href is not None else " (in preparation)"
        text_rows.append(f"{lesson.number:02d}  {lesson.title}{status}  [{time}]")
    total = format_minutes(total_minutes)
    head = tag(
        "tr", (tag("th", h, scope="col", style="cell-page") for h in ("Lesson", "Title", "Time", "What you will learn"))
    )
    html = tag(
        "table",
        tag("caption", f"The lessons in order: about {total} of study in all"),
        tag("thead", head),
        tag("tbody", rows),
        style="table",
    )
    text = f"The lessons in order (about {total} in all):\n" + "\n".join(text_rows)
    return HtmlPage(html, text)


def notice_page(parts: Sequence[tuple[str, str]]) -> HtmlPage:
    """The safety notice: each part a heading and its text."""
    body = (tag("p", tag("strong", f"{head}."), " ", text) for head, text in parts)
    html = tag("section", body, role="note", aria_label="Safety notice", style="notice")
    return HtmlPage(html, "\n\n".join(f"{head}. {text}" for head, text in parts))


def _entry(reference: Reference) -> str:
    year = reference.year if reference.year is not None else "n.d."
    return f"{reference.authors} ({year}). {reference.title}. {reference.venue}. {reference.locator}."


APPROXIMATE_NOTE = (
    "Numbers in the text are the numbered sources below. (≈) after a value means it is approximate: "
    "the sources give no exact figure, and a clinical reviewer still has to confirm it."
)


def reference_list_page(references: Sequence[Reference], note: str | None = None) -> HtmlPage:
    """The full entries, numbered in the order given, each with what of the source was read.

    ``note`` (say :data:`APPROXIMATE_NOTE`) is a lead paragraph above the list.
    """
    items = (
        tag(
            "li",
            tag("strong", f"[{ref.key}]"),
            " ",
            _entry(ref),
            " ",
            tag("em", f"Read: {ref.read}"),
            id=f"ref-{ref.key}",
        )
        for ref in references
    )
    listing = tag("ol", items)
    text = "\n".join(f"{n}. [{ref.key}] {_entry(ref)}" for n, ref in enumerate(references, start=1))
    if note is None:
        return HtmlPage(listing, text)
    return HtmlPage(join((tag("p", note), listing)), f"{note}\n{text}")


def term_list_page(terms: Sequence[Term]) -> HtmlPage:
    """Glossary entries, in the order given, as a definition list."""
    items = (
        (
            tag("dt", term.term, style="term"),
            tag("dd", term.definition, (" ", cite(term.refs)) if term.refs else None, style="definition"),
        )
        for term in terms
    )
    text = "\n".join(f"{term.term}: {term.definition}{_cite_text(term.refs)}" for term in terms)
    return HtmlPage(tag("dl", items, style="measure"), text)
