"""What the symptom checker, the cases and the client cards show alike: levels, flags, claims, references.

A level is always shown with its words, its shape and its colour together (never colour
alone); the shape is an inline SVG with a <title>, so it has a text alternative too. The
critical-error flag has an icon and words, and stands apart from any score. Reference keys
use :func:`course.render.pages.cite`, the one ``[A][B]`` form of the course.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from course._pages import notice
from course.content import Course
from course.models import EVIDENCE_LABELS, Claim
from course.render._html import Markup, join, tag
from course.render.pages import cite
from course.triage import level_info

__all__ = [
    "claim_items",
    "critical_flag",
    "evidence_and_refs",
    "level_badge",
    "notices",
    "ok_svg",
    "shape_svg",
    "status_line",
    "warning_svg",
]

#: The outline of each level's shape in a 24 by 24 box: an element and its geometry.
_SHAPES: Mapping[str, tuple[str, Mapping[str, str]]] = {
    "octagon": ("polygon", {"points": "7,1 17,1 23,7 23,17 17,23 7,23 1,17 1,7"}),
    "diamond": ("polygon", {"points": "12,1 23,12 12,23 1,12"}),
    "triangle": ("polygon", {"points": "12,2 23,22 1,22"}),
    "circle": ("circle", {"cx": "12", "cy": "12", "r": "10.5"}),
    "square": ("rect", {"x": "2", "y": "2", "width": "20", "height": "20"}),
}


def _leaf(name: str, **attrs: str) -> Markup:
    """An SVG element without children, closed as ``<name .../>`` (SVG has no void elements)."""
    return Markup(str(tag(name, **attrs)).removesuffix(f"></{name}>") + "/>")


def shape_svg(level: str, course: Course | None = None, size: int = 22) -> Markup:
    """The level's shape, filled with its colour and outlined in black, with a text alternative."""
    info = level_info(level, course=course)
    name = f"{info.shape}, {info.colour_name}"
    element, geometry = _SHAPES[info.shape]
    outline = _leaf(element, **geometry, fill=info.colour, stroke="#000", stroke_width="1.5")
    return tag(
        "svg",
        tag("title", name),
        outline,
        width=size,
        height=size,
        viewBox="0 0 24 24",
        role="img",
        aria_label=name,
        focusable="false",
        style="shape",
    )


def level_badge(level: str, course: Course | None = None) -> Markup:
    """The level as words, shape and colour together."""
    info = level_info(level, course=course)
    return tag("span", shape_svg(level, course), tag("strong", info.label), style="badge")


def warning_svg(size: int = 24) -> Markup:
    """A warning triangle with a text alternative: the icon of every critical error."""
    return tag(
        "svg",
        tag("title", "Warning"),
        _leaf("polygon", points="12,2 23,22 1,22", fill="#D55E00", stroke="#000", stroke_width="1.5"),
        _leaf("rect", x="11", y="8", width="2", height="7", fill="#000"),
        _leaf("rect", x="11", y="17", width="2", height="2", fill="#000"),
        width=size,
        height=size,
        viewBox="0 0 24 24",
        role="img",
        aria_label="Warning",
        focusable="false",
        style="icon",
    )


def ok_svg(size: int = 18) -> Markup:
    """A tick in a circle: the mark for an item that is not a flag (the words next to it say so)."""
    return tag(
        "svg",
        _leaf("circle", cx="12", cy="12", r="10.5", fill="#fff", stroke="#000", stroke_width="1.5"),
        _leaf("polyline", points="6.5,12.5 10.5,16.5 17.5,8", fill="none", stroke="#000", stroke_width="2.5"),
        width=size,
        height=size,
        viewBox="0 0 24 24",
        aria_hidden="true",
        focusable="false",
        style="icon",
    )


def critical_flag(reason: str, headline: str = "Critical error: under-triage.") -> Markup:
    """The critical-error flag: icon and words, apart from any score, announced at once."""
    row = tag("p", warning_svg(), tag("span", tag("strong", headline), " ", reason), style="flag-row")
    return tag("div", row, role="alert", style="flag")


def evidence_and_refs(evidence: str, refs: Iterable[str]) -> Markup:
    """How sure a statement is, in words, then its references: what every claim carries."""
    return join([tag("em", f"({EVIDENCE_LABELS[evidence]})"), " ", cite(refs)])


def claim_items(claims: Iterable[Claim]) -> Markup:
    """List items of claims, each with its evidence and references."""
    return join(tag("li", c.text, " ", evidence_and_refs(c.evidence, c.refs)) for c in claims)


def status_line(text: str) -> Markup:
    """A short message in bold (a prompt, or what to do first), announced politely."""
    return tag("p", tag("strong", text), role="status", style=("p-loose", "text-black"))


def notices(course: Course, approximate: bool) -> Markup:
    """The safety notice with the scope reminder, and the note on approximate values when any apply."""
    parts = [Markup(notice(course, scope=True).html)]
    if approximate:
        parts.append(tag("p", tag("em", course.notices.approximate_values), style="p"))
    return join(parts)
