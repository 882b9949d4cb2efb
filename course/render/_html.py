"""The markup builder: autoescaping tags and named styles."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from markupsafe import Markup

__all__ = ["STYLES", "WIDGET_CLASS", "Markup", "box", "escape", "join", "message", "style", "tag", "widget_stylesheet"]

#: Named styles, defined once. A style is inline CSS, because the same markup has to look
#: the same in JupyterLab, in Voila, in an exported page and in a downloaded record, and
#: some of those strip stylesheets. Text colours keep at least 4.5:1 contrast on white.
STYLES: Mapping[str, str] = MappingProxyType(
    {
        # Text
        "text": "margin:0.3em 0;max-width:60em",
        "p": "margin:0.3em 0",
        "p-tight": "margin:0.2em 0",
        "p-flush": "margin:0",
        "top-flush": "margin-top:0",
        "lead": "margin:0.3em 0;max-width:60em;font-size:1.05em",
        "instruction": "margin:0.3em 0;max-width:60em;font-style:italic",
        "small": "font-size:0.9em",
        "small-muted": "font-size:0.9em;color:#333",
        "nowrap": "white-space:nowrap",
        # Headings
        "h3": "margin:0.3em 0",
        "h4": "margin:0.4em 0 0.2em",
        "h4-spaced": "margin:0.6em 0 0.2em",
        "h4-section": "margin:0.8em 0 0.2em",
        # Blocks
        "reveal": "padding:0.2em 0 0.4em 1em",
        "figure": "margin:0.4em 0",
        # An illustration: never wider than its container or its drawn size (640 px).
        "picture": "display:block;width:100%;max-width:640px;height:auto;border:1px solid #bbb",
        "picture-caption": "font-size:0.9em;line-height:1.4;margin:0.3em 0 0.8em;max-width:640px",
        # Pictures side by side (one condition on three tones): each shrinks, and they wrap on narrow screens.
        "picture-row": "display:flex;flex-wrap:wrap;gap:0.8em;margin:0.4em 0",
        "picture-cell": "flex:1 1 14em;min-width:0;max-width:640px;margin:0",
        # The field guide's features: JupyterLab floats <dt> in widget output, so say "not floated" here.
        "feature-term": "font-weight:bold;margin:0.4em 0 0;float:none;width:auto",
        "feature-text": "margin:0 0 0 1.5em;float:none;width:auto",
        "image": "max-width:100%;height:auto",
        "image-block": "max-width:100%;height:auto;display:block",
        "scroll": "overflow-x:auto;max-width:100%",
        "columns": "display:flex;flex-wrap:wrap;gap:1.5em",
        "column": "flex:1 1 22em;min-width:0",
        "list-indent": "margin:0.3em 0;padding-left:1.4em",
        "list-plain": "margin-top:0;list-style:none",
        "list-plain-indent": "margin-top:0;list-style:none;padding-left:0.5em",
        # Tables
        "table": "border-collapse:collapse;max-width:60em",
        "table-small": "border-collapse:collapse;font-size:0.9em",
        "caption": "text-align:left;font-weight:bold;padding:0.2em 0",
        "cell": "text-align:left;vertical-align:top;padding:0.3em 0.5em;border-bottom:1px solid #767676",
        "th-left": "text-align:left",
        # Boxes and badges
        "badge": (
            "display:inline-flex;align-items:center;gap:0.5em;border:2px solid #000;border-radius:4px;"
            "padding:0.15em 0.6em;background:#fff;color:#000;margin:0.1em 0"
        ),
        "flag": (
            "border:3px solid #000;border-left:12px solid #D55E00;border-radius:4px;background:#fff;color:#000;"
            "padding:0.5em 0.8em;margin:0.5em 0;max-width:60em"
        ),
        "note": (
            "border:2px solid #0072B2;border-radius:4px;background:#fff;color:#000;padding:0.4em 0.8em;"
            "margin:0.5em 0;max-width:60em"
        ),
        "flag-row": "margin:0;display:flex;gap:0.5em;align-items:flex-start",
        # Message boxes (box kinds: right, partly, wrong, note, critical)
        "box": "border-radius:6px;padding:0.5em 0.9em;margin:0.4em 0;max-width:60em;color:#1a1a1a",
        "box-right": "border-left:6px solid #1e6b1e;background:#f1f8f1",
        "box-partly": "border-left:6px solid #7a4500;background:#fbf6ee",
        "box-wrong": "border-left:6px solid #a8001c;background:#fcf1f2",
        "box-note": "border-left:6px solid #0b4f7a;background:#f2f7fb",
        "box-critical": "border:3px solid #a8001c;background:#fcf1f2",
        # Quizzes
        "quiz-li": "margin:0.25em 0",
        "quiz-ol": "margin:0.3em 0;padding-left:1.6em",
        # The verdict on an answer: icon and words in the colour of its box kind
        "verdict-note": "margin:0.2em 0;font-weight:bold;color:#1a1a1a;font-size:1.1em",
        "verdict-right": "margin:0.2em 0;font-weight:bold;color:#1e6b1e;font-size:1.1em",
        "verdict-partly": "margin:0.2em 0;font-weight:bold;color:#7a4500;font-size:1.1em",
        "verdict-wrong": "margin:0.2em 0;font-weight:bold;color:#a8001c;font-size:1.1em",
        # Cases, the symptom checker and client cards
        "p-loose": "margin:0.4em 0",
        "text-black": "color:#000",
        "h3-title": "margin:0.4em 0 0.2em",
        "h4-loose": "margin:0.7em 0 0.2em",
        "panel": "border-left:4px solid #0072B2;padding:0 0 0 0.8em;margin:0.6em 0",
        "list-marks": "margin-top:0;list-style:none;padding-left:0.3em",
        "table-summary": "border-collapse:collapse;font-size:0.95em;max-width:70em",
        # Progress, the dashboard and the record of completion
        "dashboard-table": "border-collapse:collapse;margin:0.4em 0;max-width:60em",
        "dashboard-cell": "text-align:left;vertical-align:top;padding:0.25em 0.6em;border-bottom:1px solid #ccc",
        "download-link": "color:#0b4f7a;text-decoration:underline;font-weight:bold",
        "record-preview": (
            "border:1px solid #767676;border-radius:6px;padding:0.3em 1em 0.6em;margin:0.6em 0;max-width:62em"
        ),
        # The record's headings have explicit sizes: in a notebook preview they sit at levels 4 and 5.
        "record-h1": "margin:0.4em 0 0.3em;font-size:1.5em;font-weight:bold",
        "record-h2": "margin:0.9em 0 0.3em;font-size:1.2em;font-weight:bold",
        "record-label": "border:3px solid #1a1a1a;padding:0.5em 0.8em;margin:0.6em 0;max-width:60em;font-weight:bold",
        "record-text": "margin:0.4em 0;max-width:60em",
        "record-table": "border-collapse:collapse;margin:0.5em 0;max-width:60em",
        "record-cell": "text-align:left;vertical-align:top;padding:0.3em 0.6em;border:1px solid #767676",
        "record-term": "font-weight:bold;margin-top:0.3em",
        "record-value": "margin-left:1.5em",
        "record-block": "max-width:60em",
        # Timelines, the depth explorer and pages
        "chart-figure": "margin:0 0 0.5em 0",
        "chart-frame": "position:relative;display:inline-block;max-width:100%",
        "overlay": "position:absolute",  # placed over a chart; its place (left, top) is data: css=
        "day-line": "border-left:3px solid #000;margin-left:-1px",
        "day-label": (
            "background:#fff;color:#000;font-weight:bold;padding:0 0.3em;border:1px solid #000;font-size:0.9em"
        ),
        "cell-compact": "text-align:left;vertical-align:top;padding:0.2em 0.5em;border-bottom:1px solid #ccc",
        "cell-page": "text-align:left;vertical-align:top;padding:0.3em 0.6em",
        "notice": (
            "border:2px solid #0072B2;border-radius:6px;padding:0.75em 1em;margin:0.5em 0;"
            "background:#f2f7fb;color:#1a1a1a;max-width:60em"
        ),
        "measure": "max-width:60em",
        "term": "font-weight:bold;margin-top:0.4em",
        "definition": "margin-left:1.5em",
        "icon": "vertical-align:middle;flex:none",
        "shape": "flex:none",
    }
)


def style(*names: str) -> str:
    """The CSS of the named styles, joined (unknown names raise ``KeyError`` listing the known ones)."""
    unknown = [n for n in names if n not in STYLES]
    if unknown:
        raise KeyError(f"unknown style {', '.join(map(repr, unknown))}; known styles: {', '.join(sorted(STYLES))}")
    return ";".join(STYLES[n] for n in names)


def escape(value: object) -> Markup:
    """``value`` as markup: Markup passes through, anything else is escaped as :func:`html.escape` does."""
    if isinstance(value, Markup):
        return value
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(html.escape(str(value)))


_named_css = style  # ``tag`` takes a parameter called style

_VOID = frozenset({"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})


def _attr_name(name: str) -> str:
    # Python keywords and dashes: class_ -> class, aria_label -> aria-label, data_day -> data-day.
    return name.rstrip("_").replace("_", "-")


def _children(parts: Iterable[object]) -> Iterable[Markup]:
    for part in parts:
        if part is None or part is False:
            continue
        if isinstance(part, (str, Markup)) or hasattr(part, "__html__") or not isinstance(part, Iterable):
            yield escape(part)
        else:
            yield from _children(part)


def join(parts: Iterable[object], separator: str = "") -> Markup:
    """Markup and text pieces joined into one piece of markup; plain strings are escaped."""
    return Markup(escape(separator).join(_children(parts)))


def tag(
    name: str, *children: object, style: str | tuple[str, ...] | None = None, css: str | None = None, **attrs: object
) -> Markup:
    """``<name attrs>children</name>``, with every plain string escaped.

    ``style`` names one or more :data:`STYLES`; ``css`` adds declarations that depend on
    data (a colour from the data, a width in em). Attributes: ``class_`` gives ``class``,
    underscores become dashes (``aria_label``), True gives a bare attribute, and None or
    False leaves it out. Children may be text, Markup, None (skipped) or iterables of them.
    """
    names = (style,) if isinstance(style, str) else (style or ())
    declarations = ";".join(d for d in (_named_css(*names) if names else "", css or "") if d)
    rendered = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        if value is True:
            rendered.append(f" {_attr_name(key)}")
        else:
            rendered.append(f' {_attr_name(key)}="{escape(value)}"')
    if declarations:
        rendered.append(f' style="{escape(declarations)}"')
    opening = f"<{name}{''.join(rendered)}>"
    if name in _VOID:
        return Markup(opening)
    return Markup(opening) + join(children) + Markup(f"</{name}>")


def box(kind: str, *children: object, role: str | None = None) -> Markup:
    """A bordered box of ``kind`` (right, partly, wrong, note, critical) around ``children``."""
    return tag("div", *children, role=role, style=("box", f"box-{kind}"))


def message(text: str, kind: str = "note") -> Markup:
    """A plain-text message in a box, announced politely to screen readers."""
    return box(kind, tag("p", text, style="p-tight"), role="status")


#: The class every course widget carries; the stylesheet below applies only inside it.
WIDGET_CLASS = "course-widget"

# ipywidgets' stock CSS keeps labels on one line and radio labels at a fixed height, which
# cuts off or overlaps the long option texts of a question bank; these rules, scoped to
# ``.course-widget``, let them wrap (WCAG 1.4.10 reflow) and give every control a clearly
# visible focus ring (2.4.7).
_SCOPE = f".{WIDGET_CLASS}"
_WIDGET_CSS = (
    f"{_SCOPE} .widget-label,{_SCOPE} .jupyter-widget-label,"
    f"{_SCOPE} .widget-label-basic,{_SCOPE} .jupyter-widget-label-basic"
    "{white-space:normal;overflow:visible;height:auto;line-height:1.4;text-overflow:clip}"
    f"{_SCOPE} .widget-radio,{_SCOPE} .jupyter-widget-radio{{width:auto;max-width:100%}}"
    f"{_SCOPE} .widget-radio-box label,{_SCOPE} .jupyter-widget-radio-box label"
    "{height:auto;min-height:24px;line-height:1.4;padding:2px 0;white-space:normal}"
    f"{_SCOPE} .widget-checkbox,{_SCOPE} .jupyter-widget-checkbox{{width:auto;height:auto;min-height:24px}}"
    f"{_SCOPE} .widget-checkbox label,{_SCOPE} .jupyter-widget-checkbox label{{display:flex;align-items:flex-start}}"
    f"{_SCOPE} .widget-checkbox input,{_SCOPE} .jupyter-widget-checkbox input{{margin-top:5px;flex:none}}"
    f"{_SCOPE} .widget-html-content,{_SCOPE} .jupyter-widget-html-content"
    "{line-height:1.5;white-space:normal}"
    f"{_SCOPE} button:focus-visible,{_SCOPE} input:focus-visible,{_SCOPE} select:focus-visible,"
    f"{_SCOPE} textarea:focus-visible{{outline:3px solid #0072B2;outline-offset:2px}}"
    f"{_SCOPE} .jupyter-button{{min-height:28px;min-width:24px}}"
)


def widget_stylesheet() -> Markup:
    """The widgets' scoped stylesheet, as a ``<style>`` element."""
    return Markup(f"<style>{_WIDGET_CSS}</style>")
