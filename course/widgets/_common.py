"""What the widgets share: the scoped stylesheet (:func:`course.render.widget_stylesheet`) and message boxes."""

from __future__ import annotations

import ipywidgets as widgets

from course import render

WIDGET_CLASS = render.WIDGET_CLASS


def style_widget() -> widgets.HTML:
    """The scoped CSS, as an (invisible) HTML widget to put first in a view."""
    # A <style> element applies even inside an element that is not displayed.
    return widgets.HTML(str(render.widget_stylesheet()), layout=widgets.Layout(display="none"))


def message_html(text: str, kind: str = "note") -> str:
    """A plain-text message in a box, escaped."""
    return str(render.message(text, kind))
