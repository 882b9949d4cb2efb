"""Every piece of markup the course shows: widgets, static forms, pages and records.

One rendering layer, in the style of ``chess.svg``: functions that take a logic object
(a quiz session, a case run, an assessment, a dashboard) and return HTML. They decide
nothing; the logic layer has already decided.

Markup is built with :func:`tag`, which escapes every plain string it is given (the same
escaping as :func:`html.escape`, so stored notebook outputs do not change) and passes
:class:`markupsafe.Markup` through untouched. Styles are named once in :data:`STYLES`
and referred to by name, never written inline at the call site.

This package imports the logic layer and never ipywidgets: a test checks it.
"""

from course.render._html import (
    STYLES,
    WIDGET_CLASS,
    Markup,
    box,
    escape,
    join,
    message,
    style,
    tag,
    widget_stylesheet,
)

__all__ = [
    "STYLES",
    "WIDGET_CLASS",
    "Markup",
    "box",
    "escape",
    "join",
    "message",
    "style",
    "tag",
    "widget_stylesheet",
]
