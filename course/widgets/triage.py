"""The symptom checker as practice: pick a role, a procedure, a day and findings, commit to a level, check.

A thin view over :mod:`course.triage`. The learner commits to an action level
*before* the course shows its own: only "Check my decision" reveals the result.
Changing any input afterwards clears the result, so every answer is a fresh
commitment. Under-triage of an urgent or emergency presentation is flagged as a
critical error, with icon and words, apart from the score; over-triage is a minor
note. Handlers only set widget values; nothing is displayed from a callback.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from course import models
from course._pages import notice
from course.content import Course, load_course
from course.models import EVIDENCE_LABELS, HORIZON_DAYS
from course.timeline import format_day, validate_day
from course.triage import LEVELS, Assessment, assess, checklist, grade_level, level_info, procedure_ids
from course.widgets._base import StaticForm
from course.widgets._common import WIDGET_CLASS, style_widget
from course.widgets._html import (
    NOTE_STYLE,
    claim_items,
    critical_flag,
    level_badge,
    paragraph,
    refs_text,
)
from course.widgets._looks import Looks
from course.widgets.timeline import next_day, previous_day

NO_LEVEL = ""
CHOOSE_FIRST = "Choose an action level first."
PROMPT = "Tick what you observe, choose your action level, then press “Check my decision”."
EXAMPLE = ("lip-filler", 3.0, ("clustered-pustules", "dusky-skin"))


def roles(course: Course | None = None) -> tuple[models.Role, ...]:
    documents = (course or load_course()).of_kind("roles")
    if not documents:
        raise ValueError("the course data has no triage/roles.yaml; the symptom checker needs it")
    return documents[0].roles


def _role(role_id: str, course: Course) -> models.Role:
    for role in roles(course):
        if role.id == role_id:
            return role
    raise ValueError(f"unknown role {role_id!r}; valid roles: {', '.join(r.id for r in roles(course))}")


def _finding_labels(course: Course) -> dict[str, str]:
    return {f.id: f.label for _, findings in checklist(course=course) for f in findings}


def _h(level: int, text: str) -> str:
    return f'<h{level} style="margin:0.7em 0 0.2em">{escape(text)}</h{level}>'


def verdict_html(chosen: str, expected: str, course: Course) -> str:
    """The learner's level next to the course's, and what the difference means."""
    grade = grade_level(chosen, expected)
    if grade.correct:
        verdict = "Correct: your level is the course's level."
    elif grade.verdict == "over":
        verdict = (
            "Over-triage, a minor note: your level is more urgent than this presentation needs. "
            "Sending someone sooner than needed is the safer error, but it costs the client and the service."
        )
    else:
        verdict = "Under-triage: your level is less urgent than this presentation needs."
    score = grade_level(chosen, expected).score
    return (
        f'<p style="margin:0.3em 0">Your decision: {level_badge(chosen, course)}</p>'
        f'<p style="margin:0.3em 0">The course’s decision: {level_badge(expected, course)}</p>'
        f"{paragraph(verdict)}"
        f'<p style="margin:0.3em 0">Score: {score:g} of 1'
        + (" (a critical error is flagged separately, above)" if grade.critical else "")
        + "</p>"
    )


def checklist_html(result: Assessment, course: Course) -> str:
    """The warning signs of a blocked vessel, shown after filler in the first days whatever else matched."""
    from course.triage import rule_book

    spec = rule_book(course=course).vascular_checklist
    labels = _finding_labels(course)
    items = "".join(
        f"<li>{escape(labels[item])}{' <strong>(ticked)</strong>' if item in result.findings else ''}</li>"
        for item in result.vascular_checklist
    )
    return (
        f'<div style="{NOTE_STYLE}">{_h(4, spec.title)}{paragraph(spec.intro)}'
        f'<ul style="margin-top:0">{items}</ul>'
        f'<p style="margin:0.3em 0"><em>({EVIDENCE_LABELS[spec.evidence]})</em> {refs_text(spec.refs)}</p></div>'
    )


def rules_html(result: Assessment, course: Course) -> str:
    if not result.matches:
        return _h(4, "Why") + paragraph(
            "No ticked finding needs action: this is expected healing. "
            "Go through the checklist again if anything changes."
        )
    items = "".join(
        f"<li><strong>{escape(m.rule.title)}</strong> ({escape(level_info(m.level, course=course).label)}; "
        f"rule {escape(m.id)}): {escape(m.reason)} <em>({EVIDENCE_LABELS[m.evidence]})</em> {refs_text(m.refs)}</li>"
        for m in result.matches
    )
    return _h(4, "Why: the rules that matched, most urgent first") + f'<ul style="margin-top:0">{items}</ul>'


def role_html(role: models.Role, level: str) -> str:
    action = role.action(level)
    return (
        _h(4, f"In your role: {role.label}")
        + f'<p style="margin:0.3em 0">{escape(action.text)} <em>({EVIDENCE_LABELS[action.evidence]})</em> '
        f"{refs_text(action.refs)}</p>"
        + '<p style="margin:0.3em 0"><strong>Within your role:</strong></p>'
        + f'<ul style="margin-top:0">{claim_items(role.within)}</ul>'
        + '<p style="margin:0.3em 0"><strong>Outside your role (refer):</strong></p>'
        + f'<ul style="margin-top:0">{claim_items(role.outside)}</ul>'
    )


def notices_html(result: Assessment, course: Course) -> str:
    html = notice(course, scope=True).html
    if result.approximate:
        html += f'<p style="margin:0.3em 0"><em>{escape(course.notices.approximate_values)}</em></p>'
    return html


def result_html(result: Assessment, chosen: str, role: models.Role, course: Course) -> str:
    """Everything the learner reads after checking, in reading order."""
    grade = grade_level(chosen, result.level)
    parts = ['<section aria-label="The course’s decision and why">']
    if grade.critical:
        top = result.matches[0].reason if result.matches else ""
        need = level_info(result.level, course=course).label
        given = level_info(chosen, course=course).label
        parts.append(critical_flag(f"You chose “{given}”, but this needs “{need}”. {top}"))
    if result.checklist_first:
        parts.append(checklist_html(result, course))
    parts.append(verdict_html(chosen, result.level, course))
    parts.append(rules_html(result, course))
    parts.append(_h(4, "Whom to contact") + paragraph(result.contact))
    if result.vascular_checklist and not result.checklist_first:
        parts.append(checklist_html(result, course))
    parts.append(role_html(role, result.level))
    parts.append(notices_html(result, course))
    parts.append("</section>")
    return "".join(parts)


def message_html(text: str) -> str:
    return f'<p role="status" style="margin:0.4em 0;color:#000"><strong>{escape(text)}</strong></p>'


class TriageSimulator(StaticForm, widgets.VBox):
    """Role, procedure, day and findings in; the learner's level first; then the course's result."""

    def __init__(self, procedure: str | None = None, day: float | None = None, role: str | None = None) -> None:
        course = load_course()
        self._course = course
        procedures = procedure_ids(course=course)
        procedure = procedure if procedure is not None else "lip-filler"
        if procedure not in procedures:
            raise ValueError(f"unknown procedure {procedure!r}; valid procedures: {', '.join(procedures)}")
        day = validate_day(3 if day is None else day)
        role_list = roles(course)
        role = role if role is not None else role_list[0].id
        _role(role, course)  # raises ValueError for an unknown role

        looks = self._looks = Looks()
        self.role = looks.dropdown([(r.label, r.id) for r in role_list], role, "Your role")
        titles = {p.id: p.short_title for p in course.procedures.values()}
        self.procedure = looks.dropdown(
            [(titles[p], p) for p in sorted(procedures, key=lambda p: titles[p])], procedure, "Procedure"
        )
        self.earlier = looks.button("− Earlier", "Go to an earlier day")
        self.later = looks.button("Later +", "Go to a later day")
        self.day = widgets.FloatSlider(
            value=day,
            min=0,
            max=HORIZON_DAYS,
            step=0.5,
            description="Days since the treatment",
            readout_format=".1f",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="34em"),
        )
        self.findings: dict[str, widgets.Checkbox] = {}
        groups = []
        for group, findings in checklist(course=course):
            boxes = []
            for finding in findings:
                box = looks.checkbox(finding.label)
                box.observe(self._on_finding_value, names="value")
                self.findings[finding.id] = box
                boxes.append(box)
            groups.append(looks.tile_column([looks.html(_h(4, group.label)), *boxes]))
        self.level = looks.dropdown(
            [("Choose an action level", NO_LEVEL)]
            + [(level_info(level, course=course).label, level) for level in LEVELS],
            NO_LEVEL,
            "Your action level",
        )
        self.check = looks.button("Check my decision", "Compare your level with the course's")
        self.result = looks.html(message_html(PROMPT))

        self.role.observe(self._on_role_value, names="value")
        self.procedure.observe(self._on_procedure_value, names="value")
        self.day.observe(self._on_day_value, names="value")
        self.level.observe(self._on_level_value, names="value")
        self.earlier.on_click(self._on_earlier_click)
        self.later.on_click(self._on_later_click)
        self.check.on_click(self._on_check_click)

        intro = looks.html(
            paragraph(
                "Educational use only: not medical advice. Describe a client, choose the level you would act on, "
                "then check it against the course's rules."
            )
        )
        super().__init__(
            [
                style_widget(),  # lets long finding labels wrap instead of being cut off
                intro,
                looks.row([self.role, self.procedure]),
                looks.row([self.earlier, self.day, self.later]),
                looks.html(_h(4, "What do you observe? Tick all that apply.")),
                looks.row(groups),
                looks.row([self.level, self.check]),
                self.result,
            ]
        )
        self.add_class(WIDGET_CLASS)

    # --- State ---------------------------------------------------------------

    @property
    def ticked(self) -> tuple[str, ...]:
        return tuple(f for f, box in self.findings.items() if box.value)

    def assessment(self) -> Assessment:
        return assess(self.procedure.value, self.day.value, self.ticked, course=self._course)

    def _clear(self) -> None:
        self.result.value = message_html(PROMPT)

    # --- Handlers: they only set widget values --------------------------------

    def _on_role_value(self, change: dict) -> None:
        self._clear()

    def _on_procedure_value(self, change: dict) -> None:
        self._clear()

    def _on_day_value(self, change: dict) -> None:
        self._clear()

    def _on_finding_value(self, change: dict) -> None:
        self._clear()

    def _on_level_value(self, change: dict) -> None:
        self._clear()

    def _on_earlier_click(self, button: widgets.Button) -> None:
        self.day.value = previous_day(self.day.value)

    def _on_later_click(self, button: widgets.Button) -> None:
        self.day.value = next_day(self.day.value)

    def _on_check_click(self, button: widgets.Button) -> None:
        if self.level.value == NO_LEVEL:
            self.result.value = message_html(CHOOSE_FIRST)
            return
        role = _role(self.role.value, self._course)
        self.result.value = result_html(self.assessment(), self.level.value, role, self._course)

    # --- Static forms ----------------------------------------------------------

    def static_html(self) -> str:
        """What the checker takes, and a worked example: readable without a kernel."""
        course = self._course
        labels = _finding_labels(course)
        titles = {p.id: p.short_title for p in course.procedures.values()}
        groups = "".join(
            f"<li>{escape(group.label)}: {escape('; '.join(f.label for f in findings))}</li>"
            for group, findings in checklist(course=course)
        )
        levels = "".join(f"<li>{level_badge(level, course)}</li>" for level in LEVELS)
        procedure, day, findings = EXAMPLE
        example = assess(procedure, day, findings, course=course)
        ticked = "; ".join(f"“{labels[f]}”" for f in findings)
        return (
            '<section aria-label="Symptom checker (static view)">'
            + _h(4, "Symptom checker: practise deciding what should happen now")
            + paragraph(
                "This is the static view of the checker. Run the notebook to use it: tick what you observe, "
                "commit to an action level, then press “Check my decision”."
            )
            + '<p style="margin:0.3em 0"><strong>It asks for:</strong></p><ul style="margin-top:0">'
            + f"<li>Your role: {escape('; '.join(r.label for r in roles(course)))}</li>"
            + f"<li>The procedure: {escape(', '.join(titles[p] for p in procedure_ids(course=course)))}</li>"
            + f"<li>The days since the treatment, from 0 (the treatment day) to {HORIZON_DAYS}</li>"
            + f'<li>What you observe, in groups:<ul style="margin-top:0">{groups}</ul></li>'
            + "<li>Your action level, chosen before you check:"
            + f'<ul style="margin-top:0;list-style:none">{levels}</ul></li>'
            + "</ul>"
            + _h(4, "A worked example")
            + paragraph(f"{titles[procedure]}, day {format_day(day)}. Ticked: {ticked}.")
            + f'<p style="margin:0.3em 0">The course’s decision: {level_badge(example.level, course)}</p>'
            + rules_html(example, course)
            + _h(4, "Whom to contact")
            + paragraph(example.contact)
            + checklist_html(example, course)
            + notices_html(example, course)
            + "</section>"
        )

    def __repr__(self) -> str:
        return (
            f"Symptom checker: {self.procedure.value}, day {format_day(self.day.value)}, "
            f"{len(self.ticked)} finding(s) ticked"
        )


def show_triage(procedure: str | None = None, day: float | None = None, role: str | None = None) -> TriageSimulator:
    return TriageSimulator(procedure, day, role)
