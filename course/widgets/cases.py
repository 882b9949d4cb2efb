"""An unfolding case: one stage at a time, a committed decision at each, a summary at the end.

A thin view over a :class:`course.cases.CaseRun`, which holds the learner's decisions and
decides which stages show; :mod:`course.render.cases` draws them. Each stage shows what is
seen and what the client says; the learner chooses a decision and presses "Commit to this
decision". Only then does the feedback appear, with the critical-error flag for
under-triage of an urgent or emergency stage, and only then does the next stage appear.
Cases that branch (case E) ask which way the story went; cases with tracks (case J) ask
for the learner's track first. "Start again" resets everything. Handlers only set widget
values or a box's children; nothing is displayed from a callback.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from course import models
from course.cases import CaseRun, StageGrade, choices, get_case
from course.content import load_course
from course.render import cases as render
from course.widgets._base import StaticForm
from course.widgets._common import WIDGET_CLASS, style_widget
from course.widgets._looks import Looks

NO_CHOICE = ""
CHOOSE_FIRST = "Choose a decision first."
CHOOSE_BRANCH_FIRST = "Choose how the story goes on first."


class StagePanel(widgets.VBox):
    """One stage: the story, a choice, "Commit to this decision", then the feedback."""

    def __init__(self, case_view: CaseExplorer, stage: models.CaseStage, number: int) -> None:
        self.case_view = case_view
        self.stage = stage
        looks = case_view.looks
        self.story = looks.html(str(render.panel(render.stage_story(stage, number))))
        placeholder = "Choose an option" if stage.kind == "consultation" else "Choose an action level"
        options = [(placeholder, NO_CHOICE), *choices(stage, case_view.course)]
        self.choice = looks.dropdown(options, NO_CHOICE, "Your decision")
        self.commit = looks.button("Commit to this decision", "See the feedback and go on")
        self.feedback = looks.html()
        self.commit.on_click(self._on_commit_click)
        self.choice.observe(self._on_choice_value, names="value")
        super().__init__([self.story, looks.row([self.choice, self.commit]), self.feedback], layout=looks.plain)

    @property
    def grade(self) -> StageGrade | None:
        """The committed decision at this stage, as the case run holds it."""
        return self.case_view.run.grade(self.stage.id)

    def reset(self) -> None:
        self.choice.disabled = False
        self.commit.disabled = False
        self.choice.value = NO_CHOICE
        self.feedback.value = ""

    def _on_choice_value(self, change: dict[str, Any]) -> None:
        if self.grade is None:
            self.feedback.value = ""

    def _on_commit_click(self, button: widgets.Button) -> None:
        if self.grade is not None:  # committed: the run allows no change
            return
        if self.choice.value == NO_CHOICE:
            self.feedback.value = str(render.status_line(CHOOSE_FIRST))
            return
        run = self.case_view.run
        grade = run.commit(self.stage.id, self.choice.value)
        self.feedback.value = str(render.feedback(grade, run.course, run.track))
        self.choice.disabled = True
        self.commit.disabled = True
        self.case_view.reveal()


class CaseExplorer(StaticForm, widgets.VBox):
    """A case from ``data/cases/``, revealed stage by stage."""

    def __init__(self, case_id: str, track: str | None = None) -> None:
        self.course = load_course()
        self.case = get_case(case_id, self.course)
        self.run = CaseRun(self.case, track, self.course)  # raises ValueError for an unknown track
        case = self.case
        looks = self.looks = Looks()
        self.header = looks.html(str(render.header(case)))
        self.track: widgets.Dropdown | None = None
        self.track_intro = looks.html()
        if self.run.track is not None:
            self.track = looks.dropdown([(t.label, t.id) for t in case.tracks], self.run.track, "Your track")
            self.track.observe(self._on_track_value, names="value")
            self._show_track_intro()
        self.panels = [StagePanel(self, stage, n) for n, stage in enumerate(case.stages, start=1)]
        first_branch_number = len(case.stages) + 1
        self.branch_panels = {
            b.id: [StagePanel(self, stage, n) for n, stage in enumerate(b.stages, start=first_branch_number)]
            for b in case.branches
        }
        self._panel_of = {p.stage.id: p for p in self._all_panels()}
        self.branch: widgets.Dropdown | None = None
        self.branch_prompt = looks.html()
        self.branch_button = looks.button("Continue the story", "Show the next stage")
        self.branch_message = looks.html()
        self.branch_chosen = looks.html()
        self.branch_row = looks.row([])
        if case.branches:
            self.branch_prompt.value = str(render.branch_prompt(case))
            self.branch = looks.dropdown(
                [("Choose how the story goes on", NO_CHOICE), *((b.label, b.id) for b in case.branches)],
                NO_CHOICE,
                "What happened next",
            )
            self.branch_row.children = [self.branch, self.branch_button]
            self.branch_button.on_click(self._on_branch_button_click)
            self.branch.observe(self._on_branch_value, names="value")
        self.summary = looks.html()
        self.restart = looks.button("Start again", "Clear every decision and start the case again")
        self.restart.on_click(self._on_restart_click)
        # The notice and scope reminder come with the results: they appear with the first feedback.
        self.notice = looks.html()
        self.story = looks.column([])
        top = [self.header] + ([looks.row([self.track]), self.track_intro] if self.track is not None else [])
        super().__init__([style_widget(), *top, self.story, looks.row([self.restart]), self.notice], layout=looks.plain)
        self.add_class(WIDGET_CLASS)
        self.reveal()

    @property
    def track_id(self) -> str | None:
        return self.run.track

    @property
    def chosen_branch(self) -> str | None:
        return self.run.branch.id if self.run.branch is not None else None

    def _all_panels(self) -> list[StagePanel]:
        return [*self.panels, *(p for panels in self.branch_panels.values() for p in panels)]

    def _show_track_intro(self) -> None:
        track = self.run.track_info
        assert track is not None
        self.track_intro.value = str(render.track_intro(track))

    def active_panels(self) -> list[StagePanel]:
        return [self._panel_of[s.id] for s in self.run.stages()]

    def grades(self) -> list[StageGrade]:
        return list(self.run.grades())

    def reveal(self) -> None:
        """Show what the case run says is visible: the decided stages, then the next open one,
        the branch question or the summary."""
        run = self.run
        self.notice.value = str(render.safety_notice(self.course)) if run.started else ""
        shown: list[widgets.Widget] = []
        for stage in run.visible_stages():
            if run.branch is not None and stage is run.branch.stages[0]:
                self.branch_chosen.value = str(render.branch_chosen(self.case, run.branch))
                shown.append(self.branch_chosen)
            shown.append(self._panel_of[stage.id])
        if run.awaiting_branch:
            shown += [self.branch_prompt, self.branch_row, self.branch_message]
        if run.finished:
            self.summary.value = str(render.summary(run.summary(), self.course))
            shown.append(self.summary)
        else:
            self.summary.value = ""
        self.story.children = shown

    def reset(self) -> None:
        self.run.restart()
        for panel in self._all_panels():
            panel.reset()
        if self.branch is not None:
            self.branch.value = NO_CHOICE
            self.branch.disabled = False
            self.branch_button.disabled = False
        self.branch_message.value = ""
        self.summary.value = ""
        self.reveal()

    # --- Handlers: they only pass the learner's input on and show the result ----

    def _on_track_value(self, change: dict[str, Any]) -> None:
        self.run.set_track(change["new"])
        self._show_track_intro()
        self.reset()

    def _on_branch_value(self, change: dict[str, Any]) -> None:
        self.branch_message.value = ""

    def _on_branch_button_click(self, button: widgets.Button) -> None:
        if self.branch is None or self.branch.value == NO_CHOICE:
            self.branch_message.value = str(render.status_line(CHOOSE_BRANCH_FIRST))
            return
        self.run.choose_branch(self.branch.value)
        self.branch.disabled = True
        self.branch_button.disabled = True
        self.reveal()

    def _on_restart_click(self, button: widgets.Button) -> None:
        self.reset()

    # --- Static forms ----------------------------------------------------------

    def static_html(self) -> str:
        """Every stage with its expected decision in a reveal block: readable without a kernel."""
        return str(render.static_case(self.case, self.course))

    def __repr__(self) -> str:
        decided = len(self.run.grades())
        return f"Case {self.case.letter}: {self.case.title} ({decided} of {len(self.run.stages())} stages decided)"


def show_case(case_id: str, track: str | None = None) -> CaseExplorer:
    return CaseExplorer(case_id, track)
