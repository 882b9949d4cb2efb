"""Unfolding cases: a client's story, stage by stage, with a decision at each stage.

>>> from course.cases import get_case, grade_stage
>>> case = get_case("a-spots-on-day-3")
>>> day_3 = case.stages[-1]
>>> grade_stage(day_3, "monitor").critical
True
>>> grade_stage(day_3, "urgent").correct
True

The cases are data (``data/cases/*.yaml``, one file per case; curriculum section 7).
A triage stage expects an action level, and that level must be the one the
symptom checker (:func:`course.triage.assess`) gives for the case's procedure and
the stage's day and findings: :func:`expected_level_problems` compares the two
and the tests run it over every stage. A consultation stage (no treatment yet,
e.g. "defer" or "refer") has its own options and is not checked against the
checker, because its decision is not an action level.

Grading uses :func:`course.triage.grade_level`: over-triage is a minor error,
under-triage scores nothing, and under-triage of an emergency or urgent stage is
a critical error, flagged apart from the score with the reason.

Pure Python: no widgets, no plots (the view is ``course/widgets/cases.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from course import models
from course.content import Course, load_course
from course.triage import LEVELS, assess, grade_level, level_info

__all__ = [
    "CaseSummary",
    "StageGrade",
    "case_ids",
    "choices",
    "expected_level_problems",
    "get_case",
    "grade_stage",
    "load_cases",
    "stage_sequence",
    "summarise",
]

DEFAULT_QUESTION = "What action level does this need now?"


def load_cases(course: Course | None = None) -> tuple[models.Case, ...]:
    """Every case, in the order of their letters (A to J)."""
    course = course or load_course()
    return tuple(sorted(course.of_kind("case"), key=lambda c: (c.letter, c.id)))


def case_ids(course: Course | None = None) -> tuple[str, ...]:
    return tuple(c.id for c in load_cases(course))


def get_case(case_id: str, course: Course | None = None) -> models.Case:
    """The case with this id; ``ValueError`` naming the valid ids if there is none."""
    cases = load_cases(course)
    for case in cases:
        if case.id == case_id:
            return case
    raise ValueError(f"unknown case {case_id!r}; valid cases: {', '.join(c.id for c in cases)}")


def stage_sequence(case: models.Case, branch: str | None = None) -> tuple[models.CaseStage, ...]:
    """The stages a learner meets: the main stages, then those of ``branch`` (if given)."""
    if branch is None:
        return case.stages
    for candidate in case.branches:
        if candidate.id == branch:
            return case.stages + candidate.stages
    valid = ", ".join(b.id for b in case.branches) or "(none: this case does not branch)"
    raise ValueError(f"unknown branch {branch!r} of case {case.id!r}; valid branches: {valid}")


def question(stage: models.CaseStage) -> str:
    return stage.question or DEFAULT_QUESTION


def choices(stage: models.CaseStage, course: Course | None = None) -> tuple[tuple[str, str], ...]:
    """(label, value) pairs a learner chooses from: the five levels, or the consultation options."""
    if stage.kind == "consultation":
        return tuple((o.label, o.id) for o in stage.options)
    return tuple((level_info(level, course=course).label, level) for level in LEVELS)


def choice_label(stage: models.CaseStage, value: str, course: Course | None = None) -> str:
    for label, option in choices(stage, course):
        if option == value:
            return label
    raise ValueError(
        f"{value!r} is not a choice at stage {stage.id!r}; valid: {', '.join(v for _, v in choices(stage))}"
    )


def expected_choice(stage: models.CaseStage) -> str:
    """The value of the right choice: the expected level, or the correct option's id."""
    if stage.kind == "consultation":
        return next(o.id for o in stage.options if o.correct)
    assert stage.expected is not None  # guaranteed by the schema
    return stage.expected.level


@dataclass(frozen=True)
class StageGrade:
    """How a learner's decision at one stage compares with the course's."""

    stage: models.CaseStage
    chosen: str
    expected: str
    verdict: str  # "correct", "over" (more urgent than needed), "under" (less urgent), or "wrong" (consultation)
    score: float
    feedback: str  # why the chosen decision is right or wrong
    critical: bool = False  # under-triage of an emergency or urgent stage
    critical_reason: str | None = None

    @property
    def correct(self) -> bool:
        return self.verdict == "correct"

    max_score = 1.0


def grade_stage(stage: models.CaseStage, chosen: str, course: Course | None = None) -> StageGrade:
    """Grade ``chosen`` (a level, or a consultation option's id) at ``stage``."""
    if not isinstance(chosen, str) or not chosen:
        raise ValueError("no decision was chosen; choose one first")
    choice_label(stage, chosen, course)  # raises ValueError for a value that is not a choice here
    expected = expected_choice(stage)
    if stage.kind == "consultation":
        option = next(o for o in stage.options if o.id == chosen)
        verdict = "correct" if option.correct else "wrong"
        return StageGrade(stage, chosen, expected, verdict, 1.0 if option.correct else 0.0, option.feedback)
    grade = grade_level(chosen, expected)
    score = grade.score
    reason = None
    if grade.critical:
        reason = _critical_reason(stage, chosen, expected, course)
    return StageGrade(stage, chosen, expected, grade.verdict, score, stage.feedback_for(chosen), grade.critical, reason)


def _critical_reason(stage: models.CaseStage, chosen: str, expected: str, course: Course | None) -> str:
    """Why answering ``chosen`` here is dangerous: the need, and the checker's most urgent reason."""
    need = level_info(expected, course=course).label
    given = level_info(chosen, course=course).label
    text = f"This stage needs “{need}”, not “{given}”: waiting could cost time that the client does not have."
    case = _case_of(stage, course)
    if case is not None:
        result = assess(case.procedure, stage.day, stage.findings, course=course)
        if result.matches:
            text += f" {result.matches[0].reason}"
    return text


def _case_of(stage: models.CaseStage, course: Course | None) -> models.Case | None:
    for case in load_cases(course):
        if any(s is stage for s in case.all_stages()):
            return case
    return None


@dataclass(frozen=True)
class CaseSummary:
    """The decisions of one run through a case, for the table at its end."""

    case: models.Case
    grades: tuple[StageGrade, ...]

    @property
    def score(self) -> float:
        return sum(g.score for g in self.grades)

    @property
    def max_score(self) -> float:
        return sum(g.max_score for g in self.grades)

    @property
    def critical_errors(self) -> int:
        return sum(g.critical for g in self.grades)

    @property
    def correct(self) -> int:
        return sum(g.correct for g in self.grades)

    def text(self) -> str:
        lines = [f"Case {self.case.letter}: {self.case.title}"]
        for grade in self.grades:
            flag = " CRITICAL ERROR" if grade.critical else ""
            lines.append(
                f"- {grade.stage.title}: you chose {grade.chosen}, expected {grade.expected} ({grade.verdict}){flag}"
            )
        lines.append(f"Score {self.score:g} of {self.max_score:g}; critical errors: {self.critical_errors}")
        return "\n".join(lines)


def summarise(case: models.Case, grades: Iterable[StageGrade]) -> CaseSummary:
    return CaseSummary(case, tuple(grades))


def expected_level_problems(case: models.Case, course: Course | None = None) -> list[str]:
    """Every triage stage whose expected level differs from what the symptom checker gives."""
    problems = []
    for stage in case.all_stages():
        if stage.kind != "triage":
            continue
        assert stage.expected is not None
        result = assess(case.procedure, stage.day, stage.findings, course=course)
        if result.level != stage.expected.level:
            problems.append(
                f"{case.id}: stage {stage.id} (day {stage.day:g}, findings {sorted(stage.findings)}) expects"
                f" {stage.expected.level}, but the checker gives {result.level}"
                f" (rules {', '.join(result.rules) or 'none'})"
            )
    return problems
