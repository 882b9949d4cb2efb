"""An unfolding case: one stage at a time, a committed decision at each, a summary at the end.

A thin view over :mod:`course.cases`. Each stage shows what is seen and what the
client says; the learner chooses a decision and presses "Commit to this
decision". Only then does the feedback appear, with the critical-error flag for
under-triage of an urgent or emergency stage, and only then does the next stage
appear. Cases that branch (case E) ask which way the story went; cases with
tracks (case J) ask for the learner's track first. "Start again" resets
everything. Handlers only set widget values or a box's children; nothing is
displayed from a callback.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from course import models
from course._pages import notice
from course.cases import (
    CaseSummary,
    StageGrade,
    choice_label,
    choices,
    get_case,
    grade_stage,
    question,
    summarise,
)
from course.content import Course, load_course
from course.models import EVIDENCE_LABELS
from course.triage import LEVELS
from course.widgets._base import StaticForm
from course.widgets._common import WIDGET_CLASS, style_widget
from course.widgets._html import (
    CELL,
    NOTE_STYLE,
    claim_items,
    critical_flag,
    level_badge,
    paragraph,
    refs_text,
    warning_svg,
)
from course.widgets._looks import Looks

NO_CHOICE = ""
CHOOSE_FIRST = "Choose a decision first."
CHOOSE_BRANCH_FIRST = "Choose how the story goes on first."
_PANEL = "border-left:4px solid #0072B2;padding:0 0 0 0.8em;margin:0.6em 0"


def message_html(text: str) -> str:
    return f'<p role="status" style="margin:0.4em 0"><strong>{escape(text)}</strong></p>'


def _h(level: int, text: str) -> str:
    return f'<h{level} style="margin:0.6em 0 0.2em">{escape(text)}</h{level}>'


def _finding_labels(course: Course) -> dict[str, str]:
    from course.triage import checklist

    return {f.id: f.label for _, findings in checklist(course=course) for f in findings}


def stage_story_html(stage: models.CaseStage, number: int) -> str:
    """What the learner reads before deciding."""
    return (
        _h(4, f"Stage {number}. {stage.title}")
        + f'<p style="margin:0.3em 0"><strong>What you see:</strong> {escape(stage.seen)}</p>'
        + f'<p style="margin:0.3em 0"><strong>The client says:</strong> {escape(stage.client_says)}</p>'
        + f'<p style="margin:0.3em 0"><strong>{escape(question(stage))}</strong></p>'
    )


def decision_html(stage: models.CaseStage, course: Course) -> str:
    """The course's decision for a stage (used in feedback and in the static form)."""
    if stage.kind == "consultation":
        right = next(o for o in stage.options if o.correct)
        return f'<p style="margin:0.3em 0">The course’s decision: <strong>{escape(right.label)}</strong></p>'
    assert stage.expected is not None
    recipient = (
        f'<p style="margin:0.3em 0"><strong>Whom to contact:</strong> {escape(stage.expected.recipient)}</p>'
        if stage.expected.recipient
        else ""
    )
    return (
        f'<p style="margin:0.3em 0">The course’s decision: {level_badge(stage.expected.level, course)}</p>{recipient}'
    )


def details_html(stage: models.CaseStage, course: Course, track: str | None = None) -> str:
    """Findings, track notes, teaching points and references of a stage."""
    parts = []
    if stage.findings:
        labels = _finding_labels(course)
        items = "".join(f"<li>{escape(labels[f])}</li>" for f in stage.findings)
        parts.append(
            '<p style="margin:0.3em 0"><strong>On the symptom checker’s checklist:</strong></p>'
            f'<ul style="margin-top:0">{items}</ul>'
        )
    notes = [n for n in stage.track_notes if track is None or n.track == track]
    for note in notes:
        head = "On your track" if track is not None else f"On the {note.track} track"
        parts.append(
            f'<div style="{NOTE_STYLE}"><strong>{escape(head)}:</strong> {escape(note.text)} '
            f"<em>({EVIDENCE_LABELS[note.evidence]})</em> {refs_text(note.refs)}</div>"
        )
    if stage.teaching_points:
        parts.append(
            '<p style="margin:0.3em 0"><strong>Teaching points:</strong></p>'
            f'<ul style="margin-top:0">{claim_items(stage.teaching_points)}</ul>'
        )
    parts.append(f'<p style="margin:0.3em 0">References: {refs_text(stage.refs)}</p>')
    return "".join(parts)


def feedback_html(grade: StageGrade, course: Course, track: str | None = None) -> str:
    """What the learner reads after committing to a decision at a stage."""
    stage = grade.stage
    parts = ['<section aria-label="Feedback on your decision">']
    if grade.critical and grade.critical_reason:
        parts.append(critical_flag(grade.critical_reason))
    if stage.kind == "consultation":
        chosen = escape(choice_label(stage, grade.chosen, course))
        verdict = "Right." if grade.correct else "Not the best choice."
        parts.append(f'<p style="margin:0.3em 0">Your decision: <strong>{chosen}</strong>. {verdict}</p>')
    else:
        parts.append(f'<p style="margin:0.3em 0">Your decision: {level_badge(grade.chosen, course)}</p>')
        parts.append(paragraph(_verdict_words(grade)))
    parts.append(paragraph(grade.feedback))
    parts.append(decision_html(stage, course))
    if not grade.correct:
        why = (
            next(o.feedback for o in stage.options if o.correct)
            if stage.kind == "consultation"
            else stage.feedback_for(grade.expected)
        )
        parts.append(f'<p style="margin:0.3em 0"><strong>Why the course decides this:</strong> {escape(why)}</p>')
    parts.append(details_html(stage, course, track))
    parts.append("</section>")
    return "".join(parts)


def _verdict_words(grade: StageGrade) -> str:
    if grade.correct:
        return "Correct: your level is the course's level."
    if grade.verdict == "over":
        return "Over-triage, a minor note: more urgent than this stage needs."
    return "Under-triage: less urgent than this stage needs."


def _result_cell(grade: StageGrade) -> str:
    if grade.critical:
        return f"{warning_svg(18)} <strong>Critical error: under-triage</strong>"
    if grade.correct:
        return "Correct"
    if grade.verdict == "over":
        return "Over-triage (minor)"
    if grade.verdict == "under":
        return "Under-triage"
    return "Not the best choice"


def summary_html(summary: CaseSummary, course: Course) -> str:
    """A table of every decision, with the feedback, then the score and critical errors apart."""
    head = "".join(
        f'<th scope="col" style="{CELL}">{h}</th>'
        for h in ("Stage", "Your decision", "The course’s decision", "Result", "Why")
    )
    rows = []
    for grade in summary.grades:
        stage = grade.stage
        rows.append(
            f'<tr><th scope="row" style="{CELL}">{escape(stage.title)}</th>'
            f'<td style="{CELL}">{escape(choice_label(stage, grade.chosen, course))}</td>'
            f'<td style="{CELL}">{escape(choice_label(stage, grade.expected, course))}</td>'
            f'<td style="{CELL}">{_result_cell(grade)}</td>'
            f'<td style="{CELL}">{escape(grade.feedback)}</td></tr>'
        )
    critical = summary.critical_errors
    critical_text = (
        f"{warning_svg(18)} <strong>Critical errors: {critical}.</strong> Under-triage of an urgent or emergency "
        "stage is the error that matters most; read those rows again."
        if critical
        else "<strong>Critical errors: 0.</strong>"
    )
    return (
        f'<section aria-label="Summary of your decisions">{_h(4, "Your decisions in this case")}'
        '<table style="border-collapse:collapse;font-size:0.95em;max-width:70em">'
        f'<caption style="text-align:left">Case {escape(summary.case.letter)}: {escape(summary.case.title)}'
        f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<p style="margin:0.4em 0">Score: {summary.score:g} of {summary.max_score:g} '
        f"({summary.correct} of {len(summary.grades)} decisions as the course decides them).</p>"
        f'<p style="margin:0.4em 0">{critical_text}</p></section>'
    )


class StagePanel(widgets.VBox):
    """One stage: the story, a choice, "Commit to this decision", then the feedback."""

    def __init__(self, case_view: CaseExplorer, stage: models.CaseStage, number: int) -> None:
        self.case_view = case_view
        self.stage = stage
        course = case_view.course
        looks = case_view.looks
        self.story = looks.html(f'<div style="{_PANEL}">{stage_story_html(stage, number)}</div>')
        placeholder = "Choose an option" if stage.kind == "consultation" else "Choose an action level"
        self.choice = looks.dropdown([(placeholder, NO_CHOICE), *choices(stage, course)], NO_CHOICE, "Your decision")
        self.commit = looks.button("Commit to this decision", "See the feedback and go on")
        self.feedback = looks.html()
        self.grade: StageGrade | None = None
        self.commit.on_click(self._on_commit_click)
        self.choice.observe(self._on_choice_value, names="value")
        super().__init__([self.story, looks.row([self.choice, self.commit]), self.feedback], layout=looks.plain)

    def reset(self) -> None:
        self.grade = None
        self.choice.disabled = False
        self.commit.disabled = False
        self.choice.value = NO_CHOICE
        self.feedback.value = ""

    def _on_choice_value(self, change: dict) -> None:
        if self.grade is None:
            self.feedback.value = ""

    def _on_commit_click(self, button: widgets.Button) -> None:
        if self.grade is not None:
            return
        if self.choice.value == NO_CHOICE:
            self.feedback.value = message_html(CHOOSE_FIRST)
            return
        course = self.case_view.course
        self.grade = grade_stage(self.stage, self.choice.value, course)
        self.feedback.value = feedback_html(self.grade, course, self.case_view.track_id)
        self.choice.disabled = True
        self.commit.disabled = True
        self.case_view.reveal()


class CaseExplorer(StaticForm, widgets.VBox):
    """A case from ``data/cases/``, revealed stage by stage."""

    def __init__(self, case_id: str, track: str | None = None) -> None:
        self.course = load_course()
        self.case = get_case(case_id, self.course)
        case = self.case
        track_ids = [t.id for t in case.tracks]
        if track is not None and track not in track_ids:
            valid = ", ".join(track_ids) or "(none: this case has no tracks)"
            raise ValueError(f"unknown track {track!r} of case {case.id!r}; valid tracks: {valid}")
        looks = self.looks = Looks()
        self.header = looks.html(self._header_html())
        self.track = None
        self.track_intro = looks.html()
        if case.tracks:
            self.track = looks.dropdown(
                [(t.label, t.id) for t in case.tracks], track or case.tracks[0].id, "Your track"
            )
            self.track.observe(self._on_track_value, names="value")
            self._show_track_intro()
        self.panels = [StagePanel(self, stage, n) for n, stage in enumerate(case.stages, start=1)]
        first_branch_number = len(case.stages) + 1
        self.branch_panels = {
            b.id: [StagePanel(self, stage, n) for n, stage in enumerate(b.stages, start=first_branch_number)]
            for b in case.branches
        }
        self.branch = None
        self.branch_prompt = looks.html()
        self.branch_button = looks.button("Continue the story", "Show the next stage")
        self.branch_message = looks.html()
        self.branch_chosen = looks.html()
        self.branch_row = looks.row([])
        if case.branches:
            self.branch_prompt.value = f'<div style="{_PANEL}">{paragraph(case.branch_question or "")}</div>'
            self.branch = looks.dropdown(
                [("Choose how the story goes on", NO_CHOICE), *((b.label, b.id) for b in case.branches)],
                NO_CHOICE,
                "What happened next",
            )
            self.branch_row.children = [self.branch, self.branch_button]
            self.branch_button.on_click(self._on_branch_button_click)
            self.branch.observe(self._on_branch_value, names="value")
        self.chosen_branch: str | None = None
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
        return self.track.value if self.track is not None else None

    def _header_html(self) -> str:
        case = self.case
        return (
            f'<h3 style="margin:0.4em 0 0.2em">Case {escape(case.letter)}: {escape(case.title)}</h3>'
            + paragraph(case.summary)
            + f'<p style="margin:0.3em 0"><strong>The client:</strong> {escape(case.client)} '
            "(Names and details are fictional.)</p>"
            + paragraph(
                "At each stage, choose your decision and press “Commit to this decision”: the feedback and "
                "the next stage appear only then."
            )
        )

    def _show_track_intro(self) -> None:
        track = next(t for t in self.case.tracks if t.id == self.track_id)
        self.track_intro.value = paragraph(track.intro)

    def active_panels(self) -> list[StagePanel]:
        panels = list(self.panels)
        if self.chosen_branch is not None:
            panels += self.branch_panels[self.chosen_branch]
        return panels

    def grades(self) -> list[StageGrade]:
        return [p.grade for p in self.active_panels() if p.grade is not None]

    def reveal(self) -> None:
        """Show the decided stages, then the next open one, the branch question or the summary."""
        self.notice.value = notice(self.course, scope=True).html if self.grades() else ""
        shown: list[widgets.Widget] = []
        for panel in self.panels:
            shown.append(panel)
            if panel.grade is None:
                self.story.children = shown
                self.summary.value = ""
                return
        if self.case.branches and self.chosen_branch is None:
            shown += [self.branch_prompt, self.branch_row, self.branch_message]
            self.story.children = shown
            return
        if self.chosen_branch is not None:
            self.branch_chosen.value = f'<div style="{_PANEL}">{paragraph(self._branch_label())}</div>'
            shown.append(self.branch_chosen)
            for panel in self.branch_panels[self.chosen_branch]:
                shown.append(panel)
                if panel.grade is None:
                    self.story.children = shown
                    return
        self.summary.value = summary_html(summarise(self.case, self.grades()), self.course)
        self.story.children = [*shown, self.summary]

    def _branch_label(self) -> str:
        branch = next(b for b in self.case.branches if b.id == self.chosen_branch)
        return f"{self.case.branch_question} You chose: {branch.label}."

    def reset(self) -> None:
        for panel in [*self.panels, *(p for panels in self.branch_panels.values() for p in panels)]:
            panel.reset()
        self.chosen_branch = None
        if self.branch is not None:
            self.branch.value = NO_CHOICE
            self.branch.disabled = False
            self.branch_button.disabled = False
        self.branch_message.value = ""
        self.summary.value = ""
        self.reveal()

    # --- Handlers: they only set widget values or a box's children ------------

    def _on_track_value(self, change: dict) -> None:
        self._show_track_intro()
        self.reset()

    def _on_branch_value(self, change: dict) -> None:
        self.branch_message.value = ""

    def _on_branch_button_click(self, button: widgets.Button) -> None:
        if self.branch is None or self.branch.value == NO_CHOICE:
            self.branch_message.value = message_html(CHOOSE_BRANCH_FIRST)
            return
        self.chosen_branch = self.branch.value
        self.branch.disabled = True
        self.branch_button.disabled = True
        self.reveal()

    def _on_restart_click(self, button: widgets.Button) -> None:
        self.reset()

    # --- Static forms ----------------------------------------------------------

    def static_html(self) -> str:
        """Every stage with its expected decision in a reveal block: readable without a kernel."""
        case = self.case
        course = self.course
        parts = [f'<section aria-label="Case {escape(case.letter)} (static view)">', self._header_html()]
        if case.tracks:
            tracks = "".join(f"<li><strong>{escape(t.label)}.</strong> {escape(t.intro)}</li>" for t in case.tracks)
            parts.append(
                f'<p style="margin:0.3em 0">This case has two tracks:</p><ul style="margin-top:0">{tracks}</ul>'
            )
        for number, stage in enumerate(case.stages, start=1):
            parts.append(self._static_stage(stage, number))
        if case.branches:
            parts.append(paragraph(case.branch_question or ""))
            number = len(case.stages) + 1
            for branch in case.branches:
                parts.append(_h(4, f"If {branch.label[0].lower()}{branch.label[1:]}"))
                for offset, stage in enumerate(branch.stages):
                    parts.append(self._static_stage(stage, number + offset))
        parts.append(notice(course, scope=True).html)
        parts.append("</section>")
        return "".join(parts)

    def _static_stage(self, stage: models.CaseStage, number: int) -> str:
        course = self.course
        if stage.kind == "consultation":
            options = "".join(
                f"<li><strong>{escape(o.label)}</strong>{' (the course’s decision)' if o.correct else ''}: "
                f"{escape(o.feedback)}</li>"
                for o in stage.options
            )
            choices_html = "".join(f"<li>{escape(o.label)}</li>" for o in stage.options)
        else:
            options = "".join(
                f"<li>{level_badge(level, course)} {escape(stage.feedback_for(level))}</li>" for level in LEVELS
            )
            choices_html = ""
        listed = f'<ul style="margin-top:0">{choices_html}</ul>' if choices_html else ""
        return (
            f'<div style="{_PANEL}">{stage_story_html(stage, number)}{listed}'
            "<details><summary>Show the expected decision</summary>"
            f"{decision_html(stage, course)}"
            f'<p style="margin:0.3em 0"><strong>Feedback for each choice:</strong></p>'
            f'<ul style="margin-top:0;list-style:none;padding-left:0.5em">{options}</ul>'
            f"{details_html(stage, course)}</details></div>"
        )

    def __repr__(self) -> str:
        decided = len(self.grades())
        return f"Case {self.case.letter}: {self.case.title} ({decided} of {len(self.active_panels())} stages decided)"


def show_case(case_id: str, track: str | None = None) -> CaseExplorer:
    return CaseExplorer(case_id, track)
