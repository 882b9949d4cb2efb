""" "Review now", drawn: how many questions are due, and when the next one is."""

from __future__ import annotations

from datetime import datetime

from course.models import QuestionBank
from course.render._html import Markup, tag
from course.review import INTERVAL_DAYS, ReviewPlan

__all__ = ["heading", "static_form", "summary"]

_HOW = (
    "Questions you got wrong, or right but unsure, come back as a parallel version after"
    f" {INTERVAL_DAYS[1]} day, then {INTERVAL_DAYS[2]} and {INTERVAL_DAYS[3]} days while you keep getting them right."
)


def _text(*children: object) -> Markup:
    return tag("p", *children, style="text")


def heading() -> Markup:
    """The title."""
    return tag("h3", "Review now", style="h3")


def _wait(now: datetime, then: datetime) -> str:
    hours = (then - now).total_seconds() / 3600
    if hours < 1:
        return "within the hour"
    if hours < 36:
        return f"in about {round(hours)} hour{'' if round(hours) == 1 else 's'}"
    days = round(hours / 24)
    return f"in about {days} days"


def summary(plan: ReviewPlan, banks: dict[str, QuestionBank], now: datetime, has_answers: bool) -> Markup:
    """How many questions are due (and from which lessons), or when the next one is."""
    if not plan.due:
        if plan.next_due is not None:
            said = f"Nothing is due for review now. The next question comes back {_wait(now, plan.next_due)}."
        elif has_answers:
            said = "Nothing to review: every question you answered was right and sure."
        else:
            said = "Nothing to review yet: answer some quiz questions first."
        return _text(said) + _text(_HOW)
    count = len(plan.due)
    lessons = ", ".join(banks[bank_id].title for bank_id in plan.by_bank() if bank_id in banks)
    return _text(
        tag("strong", f"{count} question{'' if count == 1 else 's'} due for review"),
        f" (from {lessons}). They are below, lesson by lesson.",
    ) + _text(_HOW)


def static_form() -> Markup:
    """What a page without a kernel shows: what review does, never anyone's answers."""
    return tag("section", heading(), _text(_HOW + " This list appears when the notebook runs in Jupyter."))
