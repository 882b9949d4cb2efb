"""The symptom checker as markup: the learner's level beside the course's, the rules, the role, the notice.

:func:`course.triage.assess` decides the level and :func:`course.triage.grade_level` grades
the learner's; these functions only draw the result, in reading order.
"""

from __future__ import annotations

from course import models
from course.content import Course
from course.models import HORIZON_DAYS
from course.regions import localise
from course.render._html import Markup, join, tag
from course.render.levels import (
    claim_items,
    critical_flag,
    evidence_and_refs,
    level_badge,
    notices,
    status_line,
)
from course.timeline import format_day
from course.triage import (
    LEVELS,
    Assessment,
    LevelGrade,
    assess,
    checklist,
    critical_reason,
    finding_labels,
    grade_level,
    level_info,
    procedure_ids,
    roles,
    rule_book,
)

__all__ = [
    "EXAMPLE",
    "group_heading",
    "heading",
    "intro",
    "result",
    "role_advice",
    "rules",
    "static_checker",
    "status_line",
    "vascular_checklist",
    "verdict",
]

#: The worked example of the static form: a procedure, a day and the findings ticked.
EXAMPLE = ("lip-filler", 3.0, ("clustered-pustules", "dusky-skin"))


def heading(text: str) -> Markup:
    return tag("h4", text, style="h4-loose")


def _p(*children: object) -> Markup:
    return tag("p", *children, style="p")


def group_heading(group: models.FindingGroup) -> Markup:
    """The heading above a group of findings to tick."""
    return heading(group.label)


def intro() -> Markup:
    return _p(
        "Educational use only: not medical advice. Describe a client, choose the level you would act on, "
        "then check it against the course's rules."
    )


def _verdict_words(grade: LevelGrade) -> str:
    if grade.correct:
        return "Correct: your level is the course's level."
    if grade.verdict == "over":
        return (
            "Over-triage, a minor note: your level is more urgent than this presentation needs. "
            "Sending someone sooner than needed is the safer error, but it costs the client and the service."
        )
    return "Under-triage: your level is less urgent than this presentation needs."


def verdict(grade: LevelGrade, course: Course) -> Markup:
    """The learner's level next to the course's, what the difference means, and the score."""
    flagged = " (a critical error is flagged separately, above)" if grade.critical else ""
    return join(
        [
            _p("Your decision: ", level_badge(grade.chosen, course)),
            _p("The course’s decision: ", level_badge(grade.expected, course)),
            _p(_verdict_words(grade)),
            _p(f"Score: {grade.score:g} of 1{flagged}"),
        ]
    )


def vascular_checklist(result: Assessment, course: Course) -> Markup:
    """The warning signs of a blocked vessel, shown after filler in the first days whatever else matched."""
    spec = rule_book(course=course).vascular_checklist
    labels = finding_labels(course=course)
    items = [
        tag("li", labels[item], [" ", tag("strong", "(ticked)")] if item in result.findings else None)
        for item in result.vascular_checklist
    ]
    return tag(
        "div",
        heading(spec.title),
        _p(spec.intro),
        tag("ul", items, style="top-flush"),
        _p(evidence_and_refs(spec.evidence, spec.refs)),
        style="note",
    )


def rules(result: Assessment, course: Course) -> Markup:
    """Why: the rules that matched, most urgent first (or that nothing needs action)."""
    if not result.matches:
        return heading("Why") + _p(
            "No ticked finding needs action: this is expected healing. "
            "Go through the checklist again if anything changes."
        )
    items = [
        tag(
            "li",
            tag("strong", m.rule.title),
            f" ({level_info(m.level, course=course).label}; rule {m.id}): {m.reason} ",
            evidence_and_refs(m.evidence, m.refs),
        )
        for m in result.matches
    ]
    return heading("Why: the rules that matched, most urgent first") + tag("ul", items, style="top-flush")


def role_advice(role: models.Role, level: str) -> Markup:
    """What the learner does in their role, and what is within it and outside it."""
    action = role.action(level)
    return join(
        [
            heading(f"In your role: {role.label}"),
            _p(localise(action.text), " ", evidence_and_refs(action.evidence, action.refs)),
            _p(tag("strong", "Within your role:")),
            tag("ul", claim_items(role.within), style="top-flush"),
            _p(tag("strong", "Outside your role (refer):")),
            tag("ul", claim_items(role.outside), style="top-flush"),
        ]
    )


def _contact(result: Assessment) -> Markup:
    return heading("Whom to contact") + _p(result.contact)


def result(assessment: Assessment, chosen: str, role: models.Role, course: Course) -> Markup:
    """Everything the learner reads after checking, in reading order."""
    grade = grade_level(chosen, assessment.level)
    after_contact = bool(assessment.vascular_checklist) and not assessment.checklist_first
    return tag(
        "section",
        critical_flag(critical_reason(assessment, chosen, course=course)) if grade.critical else None,
        vascular_checklist(assessment, course) if assessment.checklist_first else None,
        verdict(grade, course),
        rules(assessment, course),
        _contact(assessment),
        vascular_checklist(assessment, course) if after_contact else None,
        role_advice(role, assessment.level),
        notices(course, assessment.approximate),
        aria_label="The course’s decision and why",
    )


def static_checker(course: Course) -> Markup:
    """What the checker takes, and a worked example: readable without a kernel."""
    labels = finding_labels(course=course)
    titles = {p.id: p.short_title for p in course.procedures.values()}
    groups = [
        tag("li", f"{group.label}: {'; '.join(f.label for f in findings)}")
        for group, findings in checklist(course=course)
    ]
    levels = [tag("li", level_badge(level, course)) for level in LEVELS]
    procedure, day, findings = EXAMPLE
    example = assess(procedure, day, findings, course=course)
    ticked = "; ".join(f"“{labels[f]}”" for f in findings)
    asks = tag(
        "ul",
        tag("li", f"Your role: {'; '.join(r.label for r in roles(course=course))}"),
        tag("li", f"The procedure: {', '.join(titles[p] for p in procedure_ids(course=course))}"),
        tag("li", f"The days since the treatment, from 0 (the treatment day) to {HORIZON_DAYS}"),
        tag("li", "What you observe, in groups:", tag("ul", groups, style="top-flush")),
        tag("li", "Your action level, chosen before you check:", tag("ul", levels, style="list-plain")),
        style="top-flush",
    )
    return tag(
        "section",
        heading("Symptom checker: practise deciding what should happen now"),
        _p(
            "This is the static view of the checker. Run the notebook to use it: tick what you observe, "
            "commit to an action level, then press “Check my decision”."
        ),
        _p(tag("strong", "It asks for:")),
        asks,
        heading("A worked example"),
        _p(f"{titles[procedure]}, day {format_day(day)}. Ticked: {ticked}."),
        _p("The course’s decision: ", level_badge(example.level, course)),
        rules(example, course),
        _contact(example),
        vascular_checklist(example, course),
        notices(course, example.approximate),
        aria_label="Symptom checker (static view)",
    )
