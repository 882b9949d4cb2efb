"""Checks of a bank against the rest of the course: one triage rule in quizzes and checker alike."""

from __future__ import annotations

from course.content import Course
from course.models import QuestionBank
from course.triage import assess

__all__ = ["checker_key_problems"]


def checker_key_problems(bank: QuestionBank, course: Course | None = None) -> list[str]:
    """Every triage item whose keyed level differs from the symptom checker's for its stem.

    An item's ``triage.checker`` gives the procedure, day and findings its stem describes;
    :func:`course.triage.assess` must give the keyed level, so that the quiz teaches the
    same rule as the checker, the lessons and the cases.
    """
    problems = []
    for item in bank.items:
        key = item.triage
        if item.status == "retired" or key is None or key.checker is None:
            continue
        given = key.checker
        result = assess(given.procedure, given.day, given.findings, course=course)
        if result.level != key.level:
            problems.append(
                f"data/quizzes/{bank.id}.yaml: item {item.id} (day {given.day:g} after {given.procedure},"
                f" findings {sorted(given.findings)}) keys {key.level}, but the checker gives {result.level}"
                f" (rules {', '.join(result.rules) or 'none'})"
            )
    return problems
