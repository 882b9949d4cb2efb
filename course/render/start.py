"""The start notebook's panel, drawn: who you are here, your role, where your answers are kept."""

from __future__ import annotations

from course.render._html import Markup, message, tag
from course.start import ROLE_LABELS, StartState

__all__ = ["heading", "role_saved", "static_form", "where_answers_are_kept"]


def _text(*children: object) -> Markup:
    return tag("p", *children, style="text")


def heading() -> Markup:
    """The panel's title."""
    return tag("h3", "You and your progress", style="h3")


def where_answers_are_kept(state: StartState) -> Markup:
    """Who this is and where the answers live, in one or two sentences."""
    if state.learner_id is None:
        who = _text("No answers are saved on this computer yet: your first quiz answer starts your progress.")
    else:
        who = _text(
            "You are ",
            tag("strong", state.learner_id),
            f" here (a random pseudonym, never your name), with {state.answers}"
            f" answer{'' if state.answers == 1 else 's'} saved.",
        )
    if state.binder:
        where = _text(
            tag("strong", "On Binder nothing is kept after the session ends."),
            " Before you close the tab, use Export progress (at the end of any lesson) to download your file;"
            " next time, import it here.",
        )
    else:
        where = _text("Your answers are saved on this computer, in the folder ", tag("code", str(state.folder)), ".")
    return who + where


def role_saved(role: str) -> Markup:
    """The role was saved."""
    return message(f"✔ Saved: {ROLE_LABELS[role]}. The symptom checker starts with the wording for this role.", "right")


def static_form() -> Markup:
    """What a page without a kernel shows."""
    return tag(
        "section",
        heading(),
        _text(
            "When this notebook runs in Jupyter, this panel lets you say who you are (a student, an instructor,"
            " or learning on your own) and import a progress file you exported earlier. Your progress is kept only"
            " on the computer that runs the notebook, under a random pseudonym."
        ),
        aria_label="You and your progress",
    )
