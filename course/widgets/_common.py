"""What the quiz and the progress dashboard share: scoped CSS and message boxes.

ipywidgets' stock CSS keeps labels on one line and radio labels at a fixed
height, which cuts off or overlaps the long option texts of a question bank;
the rules below, scoped to ``.course-widget``, let them wrap (WCAG 1.4.10
reflow) and give every control a clearly visible focus ring (2.4.7).
"""

from __future__ import annotations

import ipywidgets as widgets

from course import render

WIDGET_CLASS = "course-widget"

# Text colours with at least 4.5:1 contrast on white and on the pale backgrounds below.
RIGHT_COLOUR = "#1e6b1e"
WRONG_COLOUR = "#a8001c"
PARTLY_COLOUR = "#7a4500"
NEUTRAL_COLOUR = "#1a1a1a"
NOTE_COLOUR = "#0b4f7a"

_SCOPE = f".{WIDGET_CLASS}"
STYLE = (
    "<style>"
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
    "</style>"
)

def style_widget() -> widgets.HTML:
    """The scoped CSS, as an (invisible) HTML widget to put first in a view."""
    # A <style> element applies even inside an element that is not displayed.
    return widgets.HTML(STYLE, layout=widgets.Layout(display="none"))


def box(kind: str, inner_html: str, role: str | None = None) -> str:
    """A bordered box of ``kind`` (right, partly, wrong, note, critical) around already-escaped HTML."""
    return str(render.box(kind, render.Markup(inner_html), role=role))


def message_html(text: str, kind: str = "note") -> str:
    """A plain-text message in a box, escaped."""
    return str(render.message(text, kind))
