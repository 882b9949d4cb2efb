"""HTML pieces the symptom checker and the cases share: level badges, the critical-error flag.

Every piece of text from the data is escaped here, so a label can never become markup.
A level is always shown with its words, its shape and its colour together (never colour
alone); the shape is an inline SVG with a <title>, so it has a text alternative too.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from course.content import Course
from course.models import EVIDENCE_LABELS, Claim
from course.triage import level_info

_SHAPES = {
    "octagon": '<polygon points="7,1 17,1 23,7 23,17 17,23 7,23 1,17 1,7"',
    "diamond": '<polygon points="12,1 23,12 12,23 1,12"',
    "triangle": '<polygon points="12,2 23,22 1,22"',
    "circle": '<circle cx="12" cy="12" r="10.5"',
    "square": '<rect x="2" y="2" width="20" height="20"',
}
_BADGE = (
    "display:inline-flex;align-items:center;gap:0.5em;border:2px solid #000;border-radius:4px;"
    "padding:0.15em 0.6em;background:#fff;color:#000;margin:0.1em 0"
)
_FLAG = (
    "border:3px solid #000;border-left:12px solid #D55E00;border-radius:4px;background:#fff;color:#000;"
    "padding:0.5em 0.8em;margin:0.5em 0;max-width:60em"
)
NOTE_STYLE = (
    "border:2px solid #0072B2;border-radius:4px;background:#fff;color:#000;padding:0.4em 0.8em;margin:0.5em 0;"
    "max-width:60em"
)
CELL = "text-align:left;vertical-align:top;padding:0.3em 0.5em;border-bottom:1px solid #767676"


def shape_svg(level: str, course: Course | None = None, size: int = 22) -> str:
    """The level's shape, filled with its colour and outlined in black, with a text alternative."""
    info = level_info(level, course=course)
    name = f"{info.shape}, {info.colour_name}"
    return (
        f'<svg width="{size}" height="{size}" viewBox="0 0 24 24" role="img" aria-label="{escape(name)}" '
        f'focusable="false" style="flex:none"><title>{escape(name)}</title>'
        f'{_SHAPES[info.shape]} fill="{info.colour}" stroke="#000" stroke-width="1.5"/></svg>'
    )


def level_badge(level: str, course: Course | None = None) -> str:
    """The level as words, shape and colour together."""
    info = level_info(level, course=course)
    return f'<span style="{_BADGE}">{shape_svg(level, course)}<strong>{escape(info.label)}</strong></span>'


def warning_svg(size: int = 24) -> str:
    return (
        f'<svg width="{size}" height="{size}" viewBox="0 0 24 24" role="img" aria-label="Warning" '
        'focusable="false" style="vertical-align:middle;flex:none"><title>Warning</title>'
        '<polygon points="12,2 23,22 1,22" fill="#D55E00" stroke="#000" stroke-width="1.5"/>'
        '<rect x="11" y="8" width="2" height="7" fill="#000"/><rect x="11" y="17" width="2" height="2" fill="#000"/>'
        "</svg>"
    )


def critical_flag(reason: str) -> str:
    """The critical-error flag: icon and words, apart from any score."""
    return (
        f'<div role="alert" style="{_FLAG}"><p style="margin:0;display:flex;gap:0.5em;align-items:flex-start">'
        f"{warning_svg()}<span><strong>Critical error: under-triage.</strong> {escape(reason)}</span></p></div>"
    )


def refs_text(keys: Iterable[str]) -> str:
    keys = list(keys)
    return ("[" + "][".join(escape(k) for k in keys) + "]") if keys else ""


def claim_items(claims: Iterable[Claim]) -> str:
    return "".join(
        f"<li>{escape(c.text)} <em>({EVIDENCE_LABELS[c.evidence]})</em> {refs_text(c.refs)}</li>" for c in claims
    )


def paragraph(text: str, style: str = "margin:0.3em 0") -> str:
    return f'<p style="{style}">{escape(text)}</p>'
