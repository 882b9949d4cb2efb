"""An unfolding case as markup: each stage's story, the feedback after a commit, the summary table.

The decisions are made in :mod:`course.cases` (a :class:`~course.cases.CaseRun` knows which
stages show and what each decision scored); these functions only draw them.
"""

from __future__ import annotations

from course import models
from course.cases import (
    CaseSummary,
    StageGrade,
    choice_feedback,
    choice_label,
    expected_choice,
    question,
    track_notes,
)
from course.content import Course
from course.render._html import Markup, join, tag
from course.render.levels import (
    claim_items,
    critical_flag,
    evidence_and_refs,
    level_badge,
    notices,
    warning_svg,
)
from course.render.pages import cite
from course.render.quiz import illustration
from course.triage import LEVELS, finding_labels

__all__ = [
    "branch_chosen",
    "branch_prompt",
    "decision",
    "details",
    "feedback",
    "header",
    "panel",
    "safety_notice",
    "stage_story",
    "static_case",
    "status_line",
    "summary",
    "track_intro",
]

_SUMMARY_COLUMNS = ("Stage", "Your decision", "The course’s decision", "Result", "Why")


def _h4(text: str) -> Markup:
    return tag("h4", text, style="h4-spaced")


def _p(*children: object) -> Markup:
    return tag("p", *children, style="p")


def status_line(text: str) -> Markup:
    """A short message in bold (what to do first), announced politely; unlike
    :func:`course.render.levels.status_line` it sets no text colour, as the case view never did."""
    return tag("p", tag("strong", text), role="status", style="p-loose")


def header(case: models.Case) -> Markup:
    """The case's title, summary and client, and how to work through it."""
    return join(
        [
            tag("h3", f"Case {case.letter}: {case.title}", style="h3-title"),
            _p(case.summary),
            _p(tag("strong", "The client:"), " ", case.client, " (Names and details are fictional.)"),
            _p(
                "At each stage, choose your decision and press “Commit to this decision”: the feedback and "
                "the next stage appear only then."
            ),
        ]
    )


def track_intro(track: models.CaseTrack) -> Markup:
    return _p(track.intro)


def panel(*children: object) -> Markup:
    """A stage (or the branch question) set off by a rule on its left."""
    return tag("div", *children, style="panel")


def branch_prompt(case: models.Case) -> Markup:
    return panel(_p(case.branch_question or ""))


def branch_chosen(case: models.Case, branch: models.CaseBranch) -> Markup:
    return panel(_p(f"{case.branch_question} You chose: {branch.label}."))


def stage_story(stage: models.CaseStage, number: int) -> Markup:
    """What the learner reads (and sees, if the stage has an illustration) before deciding."""
    return join(
        [
            _h4(f"Stage {number}. {stage.title}"),
            illustration(stage.picture),
            _p(tag("strong", "What you see:"), " ", stage.seen),
            _p(tag("strong", "The client says:"), " ", stage.client_says),
            _p(tag("strong", question(stage))),
        ]
    )


def decision(stage: models.CaseStage, course: Course) -> Markup:
    """The course's decision for a stage (used in feedback and in the static form)."""
    if stage.kind == "consultation":
        return _p("The course’s decision: ", tag("strong", choice_label(stage, expected_choice(stage), course)))
    assert stage.expected is not None
    recipient = stage.expected.recipient
    return join(
        [
            _p("The course’s decision: ", level_badge(stage.expected.level, course)),
            _p(tag("strong", "Whom to contact:"), " ", recipient) if recipient else None,
        ]
    )


def details(stage: models.CaseStage, course: Course, track: str | None = None) -> Markup:
    """Findings, track notes, teaching points and references of a stage."""
    parts: list[Markup] = []
    if stage.findings:
        labels = finding_labels(course=course)
        parts.append(_p(tag("strong", "On the symptom checker’s checklist:")))
        parts.append(tag("ul", [tag("li", labels[f]) for f in stage.findings], style="top-flush"))
    for note in track_notes(stage, track):
        head = "On your track" if track is not None else f"On the {note.track} track"
        note_refs = evidence_and_refs(note.evidence, note.refs)
        parts.append(tag("div", tag("strong", f"{head}:"), " ", note.text, " ", note_refs, style="note"))
    if stage.teaching_points:
        parts.append(_p(tag("strong", "Teaching points:")))
        parts.append(tag("ul", claim_items(stage.teaching_points), style="top-flush"))
    parts.append(_p("References: ", cite(stage.refs)))
    return join(parts)


def _verdict_words(grade: StageGrade) -> str:
    if grade.correct:
        return "Correct: your level is the course's level."
    if grade.verdict == "over":
        return "Over-triage, a minor note: more urgent than this stage needs."
    return "Under-triage: less urgent than this stage needs."


def feedback(grade: StageGrade, course: Course, track: str | None = None) -> Markup:
    """What the learner reads after committing to a decision at a stage."""
    stage = grade.stage
    if stage.kind == "consultation":
        verdict = "Right." if grade.correct else "Not the best choice."
        yours = [_p("Your decision: ", tag("strong", choice_label(stage, grade.chosen, course)), f". {verdict}")]
    else:
        yours = [_p("Your decision: ", level_badge(grade.chosen, course)), _p(_verdict_words(grade))]
    why = None
    if not grade.correct:
        why = _p(tag("strong", "Why the course decides this:"), " ", choice_feedback(stage, grade.expected))
    return tag(
        "section",
        critical_flag(grade.critical_reason) if grade.critical and grade.critical_reason else None,
        yours,
        _p(grade.feedback),
        decision(stage, course),
        why,
        details(stage, course, track),
        aria_label="Feedback on your decision",
    )


def _result_cell(grade: StageGrade) -> Markup | str:
    if grade.critical:
        return join([warning_svg(18), " ", tag("strong", "Critical error: under-triage")])
    if grade.correct:
        return "Correct"
    if grade.verdict == "over":
        return "Over-triage (minor)"
    if grade.verdict == "under":
        return "Under-triage"
    return "Not the best choice"


def summary(result: CaseSummary, course: Course) -> Markup:
    """A table of every decision, with the feedback, then the score and critical errors apart."""
    head = tag("tr", [tag("th", h, scope="col", style="cell") for h in _SUMMARY_COLUMNS])
    rows = [
        tag(
            "tr",
            tag("th", grade.stage.title, scope="row", style="cell"),
            tag("td", choice_label(grade.stage, grade.chosen, course), style="cell"),
            tag("td", choice_label(grade.stage, grade.expected, course), style="cell"),
            tag("td", _result_cell(grade), style="cell"),
            tag("td", grade.feedback, style="cell"),
        )
        for grade in result.grades
    ]
    critical = result.critical_errors
    critical_text = (
        [
            warning_svg(18),
            " ",
            tag("strong", f"Critical errors: {critical}."),
            " Under-triage of an urgent or emergency stage is the error that matters most; read those rows again.",
        ]
        if critical
        else [tag("strong", "Critical errors: 0.")]
    )
    table = tag(
        "table",
        tag("caption", f"Case {result.case.letter}: {result.case.title}", style="th-left"),
        tag("thead", head),
        tag("tbody", rows),
        style="table-summary",
    )
    score = (
        f"Score: {result.score:g} of {result.max_score:g} "
        f"({result.correct} of {len(result.grades)} decisions as the course decides them)."
    )
    return tag(
        "section",
        _h4("Your decisions in this case"),
        table,
        tag("p", score, style="p-loose"),
        tag("p", critical_text, style="p-loose"),
        aria_label="Summary of your decisions",
    )


def safety_notice(course: Course) -> Markup:
    """The notice with the scope reminder: it comes with the results."""
    return notices(course, approximate=False)


def _static_stage(stage: models.CaseStage, number: int, course: Course) -> Markup:
    if stage.kind == "consultation":
        options = [
            tag(
                "li",
                tag("strong", o.label),
                " (the course’s decision)" if o.correct else None,
                ": ",
                o.feedback,
            )
            for o in stage.options
        ]
        listed = tag("ul", [tag("li", o.label) for o in stage.options], style="top-flush") if stage.options else None
    else:
        options = [tag("li", level_badge(level, course), " ", choice_feedback(stage, level)) for level in LEVELS]
        listed = None
    return panel(
        stage_story(stage, number),
        listed,
        tag(
            "details",
            tag("summary", "Show the expected decision"),
            decision(stage, course),
            _p(tag("strong", "Feedback for each choice:")),
            tag("ul", options, style="list-plain-indent"),
            details(stage, course),
        ),
    )


def static_case(case: models.Case, course: Course) -> Markup:
    """Every stage with its expected decision in a reveal block: readable without a kernel."""
    parts: list[Markup] = [header(case)]
    if case.tracks:
        tracks = [tag("li", tag("strong", f"{t.label}."), " ", t.intro) for t in case.tracks]
        parts += [_p("This case has two tracks:"), tag("ul", tracks, style="top-flush")]
    parts += [_static_stage(stage, number, course) for number, stage in enumerate(case.stages, start=1)]
    if case.branches:
        parts.append(_p(case.branch_question or ""))
        number = len(case.stages) + 1
        for branch in case.branches:
            parts.append(_h4(f"If {branch.label[0].lower()}{branch.label[1:]}"))
            parts += [_static_stage(stage, number + offset, course) for offset, stage in enumerate(branch.stages)]
    parts.append(safety_notice(course))
    return tag("section", parts, aria_label=f"Case {case.letter} (static view)")
