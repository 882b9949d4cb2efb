"""The symptom checker as practice: pick a role, a procedure, a day and findings, commit to a level, check.

A thin view over :mod:`course.triage`. The learner commits to an action level
*before* the course shows its own: only "Check my decision" reveals the result.
Changing any input afterwards clears the result, so every answer is a fresh
commitment. Under-triage of an urgent or emergency presentation is flagged as a
critical error, with icon and words, apart from the score; over-triage is a minor
note. Handlers only set widget values; nothing is displayed from a callback.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from course.content import load_course
from course.models import HORIZON_DAYS
from course.render import triage as render
from course.render.triage import EXAMPLE
from course.start import saved_checker_profile
from course.timeline import format_day, next_day, previous_day, validate_day
from course.triage import (
    LEVELS,
    Assessment,
    assess,
    check_procedure,
    checklist,
    get_role,
    level_info,
    procedure_ids,
    roles,
)
from course.widgets._base import StaticForm
from course.widgets._common import WIDGET_CLASS, style_widget
from course.widgets._looks import Looks

__all__ = ["CHOOSE_FIRST", "EXAMPLE", "NO_LEVEL", "PROMPT", "TriageSimulator", "roles", "show_triage"]

NO_LEVEL = ""
CHOOSE_FIRST = "Choose an action level first."
PROMPT = "Tick what you observe, choose your action level, then press “Check my decision”."


class TriageSimulator(StaticForm, widgets.VBox):
    """Role, procedure, day and findings in; the learner's level first; then the course's result."""

    def __init__(self, procedure: str | None = None, day: float | None = None, role: str | None = None) -> None:
        course = load_course()
        self._course = course
        procedures = procedure_ids(course=course)
        procedure = check_procedure("lip-filler" if procedure is None else procedure, course=course)
        day = validate_day(3 if day is None else day)
        role_list = roles(course=course)
        # The wording of the role the learner chose in the start notebook, else the first profile.
        role = role if role is not None else saved_checker_profile() or role_list[0].id
        get_role(role, course=course)  # raises ValueError for an unknown role

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
            groups.append(looks.tile_column([looks.html(str(render.group_heading(group))), *boxes]))
        self.level = looks.dropdown(
            [("Choose an action level", NO_LEVEL)]
            + [(level_info(level, course=course).label, level) for level in LEVELS],
            NO_LEVEL,
            "Your action level",
        )
        self.check = looks.button("Check my decision", "Compare your level with the course's")
        self.result = looks.html(str(render.status_line(PROMPT)))

        self.role.observe(self._on_role_value, names="value")
        self.procedure.observe(self._on_procedure_value, names="value")
        self.day.observe(self._on_day_value, names="value")
        self.level.observe(self._on_level_value, names="value")
        self.earlier.on_click(self._on_earlier_click)
        self.later.on_click(self._on_later_click)
        self.check.on_click(self._on_check_click)

        intro = looks.html(str(render.intro()))
        super().__init__(
            [
                style_widget(),  # lets long finding labels wrap instead of being cut off
                intro,
                looks.row([self.role, self.procedure]),
                looks.row([self.earlier, self.day, self.later]),
                looks.html(str(render.heading("What do you observe? Tick all that apply."))),
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
        self.result.value = str(render.status_line(PROMPT))

    # --- Handlers: they only set widget values --------------------------------

    def _on_role_value(self, change: dict[str, Any]) -> None:
        self._clear()

    def _on_procedure_value(self, change: dict[str, Any]) -> None:
        self._clear()

    def _on_day_value(self, change: dict[str, Any]) -> None:
        self._clear()

    def _on_finding_value(self, change: dict[str, Any]) -> None:
        self._clear()

    def _on_level_value(self, change: dict[str, Any]) -> None:
        self._clear()

    def _on_earlier_click(self, button: widgets.Button) -> None:
        self.day.value = previous_day(self.day.value)

    def _on_later_click(self, button: widgets.Button) -> None:
        self.day.value = next_day(self.day.value)

    def _on_check_click(self, button: widgets.Button) -> None:
        if self.level.value == NO_LEVEL:
            self.result.value = str(render.status_line(CHOOSE_FIRST))
            return
        role = get_role(self.role.value, course=self._course)
        self.result.value = str(render.result(self.assessment(), self.level.value, role, self._course))

    # --- Static forms ----------------------------------------------------------

    def static_html(self) -> str:
        """What the checker takes, and a worked example: readable without a kernel."""
        return str(render.static_checker(self._course))

    def __repr__(self) -> str:
        return (
            f"Symptom checker: {self.procedure.value}, day {format_day(self.day.value)}, "
            f"{len(self.ticked)} finding(s) ticked"
        )


def show_triage(procedure: str | None = None, day: float | None = None, role: str | None = None) -> TriageSimulator:
    return TriageSimulator(procedure, day, role)
