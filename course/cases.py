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

A learner's way through a case is a :class:`CaseRun`: it holds the track, the branch
taken and the committed decision at each stage, and decides which stages show next
(``course/render/cases.py`` draws it, ``course/widgets/cases.py`` shows it).

Pure Python: no widgets, no plots.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from course import models
from course.content import Course, load_course
from course.triage import LEVELS, assess, grade_level, level_info

__all__ = [
    "CaseRun",
    "CaseSummary",
    "StageGrade",
    "case_ids",
    "choice_feedback",
    "choice_label",
    "choices",
    "expected_choice",
    "expected_level_problems",
    "get_case",
    "grade_stage",
    "load_cases",
    "question",
    "stage_sequence",
    "summarise",
    "track_notes",
]

DEFAULT_QUESTION = "What action level does this need now?"


def load_cases(course: Course | None = None) -> tuple[models.Case, ...]:
    """Every case, in the order of their letters (A to J)."""
    course = course or load_course()
    return tuple(sorted(course.cases, key=lambda c: (c.letter, c.id)))


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


def choice_feedback(stage: models.CaseStage, value: str) -> str:
    """Why choosing ``value`` at ``stage`` is right or wrong: the option's feedback, or the level's."""
    if stage.kind == "consultation":
        return next(o.feedback for o in stage.options if o.id == value)
    return stage.feedback_for(value)


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


def grade_stage(
    stage: models.CaseStage, chosen: str, course: Course | None = None, case: models.Case | None = None
) -> StageGrade:
    """Grade ``chosen`` (a level, or a consultation option's id) at ``stage`` (of ``case``, if known)."""
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
        reason = _critical_reason(stage, chosen, expected, course, case)
    return StageGrade(stage, chosen, expected, grade.verdict, score, stage.feedback_for(chosen), grade.critical, reason)


def _critical_reason(
    stage: models.CaseStage, chosen: str, expected: str, course: Course | None, case: models.Case | None = None
) -> str:
    """Why answering ``chosen`` here is dangerous: the need, and the checker's most urgent reason."""
    need = level_info(expected, course=course).label
    given = level_info(chosen, course=course).label
    text = f"This stage needs “{need}”, not “{given}”: waiting could cost time that the client does not have."
    case = case or _case_of(stage, course)
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


def track_notes(stage: models.CaseStage, track: str | None = None) -> tuple[models.TrackNote, ...]:
    """The stage's notes for ``track``; every track's notes when ``track`` is None (the static form)."""
    return tuple(n for n in stage.track_notes if track is None or n.track == track)


class CaseRun:
    """One learner's way through a case: the track, the branch taken, and a committed decision per stage.

    The rules of an unfolding case live here, not in the view. A stage shows only once every
    stage before it has a committed decision, and a committed decision cannot be changed (start
    again instead): the learner commits before seeing the course's answer. After the main stages
    a case with branches asks which way the story went. Changing the track starts again.

    >>> run = CaseRun(get_case("a-spots-on-day-3"))
    >>> [s.id for s in run.visible_stages()]
    ['day-1-message']
    >>> run.commit("day-1-message", "monitor").correct
    True
    >>> run.commit("day-3-facial", "monitor").critical
    True
    >>> run.finished, run.summary().score
    (True, 1.0)
    """

    def __init__(self, case: models.Case, track: str | None = None, course: Course | None = None) -> None:
        self.case = case
        self.course = course or load_course()
        self._track = self._check_track(track) if track is not None else (case.tracks[0].id if case.tracks else None)
        self._branch: models.CaseBranch | None = None
        self._grades: dict[str, StageGrade] = {}

    def _check_track(self, track: str) -> str:
        track_ids = [t.id for t in self.case.tracks]
        if track not in track_ids:
            valid = ", ".join(track_ids) or "(none: this case has no tracks)"
            raise ValueError(f"unknown track {track!r} of case {self.case.id!r}; valid tracks: {valid}")
        return track

    # --- The state ---------------------------------------------------------------

    @property
    def track(self) -> str | None:
        """The learner's track (case J: injector or escalate); None for a case without tracks."""
        return self._track

    @property
    def track_info(self) -> models.CaseTrack | None:
        return next((t for t in self.case.tracks if t.id == self._track), None)

    @property
    def branch(self) -> models.CaseBranch | None:
        """The way the story went, once the learner has chosen it."""
        return self._branch

    def stages(self) -> tuple[models.CaseStage, ...]:
        """The stages of this run: the main stages, then those of the chosen branch."""
        return stage_sequence(self.case, self._branch.id if self._branch is not None else None)

    def grade(self, stage_id: str) -> StageGrade | None:
        """The committed decision at ``stage_id``, graded; None before the learner commits."""
        return self._grades.get(stage_id)

    def grades(self) -> tuple[StageGrade, ...]:
        """The committed decisions, in stage order."""
        return tuple(self._grades[s.id] for s in self.stages() if s.id in self._grades)

    @property
    def started(self) -> bool:
        """True once any decision is committed (the results, and the notice with them, show from then)."""
        return bool(self._grades)

    @property
    def next_stage(self) -> models.CaseStage | None:
        """The stage waiting for a decision; None while the branch question waits, or at the end."""
        return next((s for s in self.stages() if s.id not in self._grades), None)

    def visible_stages(self) -> tuple[models.CaseStage, ...]:
        """The decided stages, then the one waiting for a decision: a stage shows only after a commit."""
        shown = []
        for stage in self.stages():
            shown.append(stage)
            if stage.id not in self._grades:
                break
        return tuple(shown)

    @property
    def awaiting_branch(self) -> bool:
        """True when the main stages are decided and the case asks which way the story went."""
        return bool(self.case.branches) and self._branch is None and self.next_stage is None

    @property
    def finished(self) -> bool:
        """True when every stage of the run has a decision: the summary shows."""
        return self.next_stage is None and not self.awaiting_branch

    # --- What the learner does -------------------------------------------------------

    def commit(self, stage_id: str, choice: str) -> StageGrade:
        """Commit to ``choice`` at the waiting stage and grade it. ``ValueError`` for any other stage
        (one already decided cannot be changed, a later one is not open yet) or a choice not offered."""
        stage = self.next_stage
        if stage is None or stage.id != stage_id:
            if stage_id in self._grades:
                raise ValueError(f"stage {stage_id!r} already has a committed decision; start again to change it")
            known = [s.id for s in self.case.all_stages()]
            if stage_id not in known:
                raise ValueError(f"unknown stage {stage_id!r} of case {self.case.id!r}; stages: {', '.join(known)}")
            waiting = stage.id if stage is not None else "(none: choose how the story goes on)"
            raise ValueError(f"stage {stage_id!r} is not open yet; the stage waiting for a decision: {waiting}")
        grade = grade_stage(stage, choice, self.course, self.case)
        self._grades[stage.id] = grade
        return grade

    def choose_branch(self, branch_id: str) -> models.CaseBranch:
        """Say which way the story went, once the main stages are decided; it cannot be changed after."""
        if not self.awaiting_branch:
            why = "this case does not branch" if not self.case.branches else "decide the main stages first"
            if self._branch is not None:
                why = f"the story already went on as {self._branch.id!r}; start again to follow another"
            raise ValueError(f"cannot choose a branch of case {self.case.id!r} now: {why}")
        stage_sequence(self.case, branch_id)  # raises ValueError naming the valid branches
        self._branch = next(b for b in self.case.branches if b.id == branch_id)
        return self._branch

    def set_track(self, track: str) -> None:
        """Switch to ``track``: the notes differ, so the case starts again."""
        self._track = self._check_track(track)
        self.restart()

    def restart(self) -> None:
        """Clear every decision and the branch taken; the track stays."""
        self._grades.clear()
        self._branch = None

    def summary(self) -> CaseSummary:
        """The committed decisions so far, scored, with the critical errors counted apart."""
        return summarise(self.case, self.grades())


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
