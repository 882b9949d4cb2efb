"""The kinds of content in ``data/``, as frozen, typed dataclasses.

These classes are the schema: :mod:`course._schema` checks every YAML file
against them, so a field added here is a field the data may (or must) carry.
Every clinical number and statement carries ``refs`` (keys into
``data/references.yaml``) and an ``evidence`` tag:

* ``S`` (sourced): the cited source states the number or range;
* ``A`` (approximate): consensus, typical or extrapolated; shown to learners
  as approximate and awaiting clinical review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from course._schema import Link, NonEmpty, Pattern, Range, Unique

#: Timelines run from the treatment day (0) to this day.
HORIZON_DAYS = 90

Id = Annotated[str, Pattern(r"[a-z0-9]+(-[a-z0-9]+)*", "a kebab-case id (lower-case letters, digits, hyphens)")]
RefKey = Annotated[str, Link("reference")]
ProcedureId = Annotated[str, Link("procedure")]
ConditionId = Annotated[str, Link("condition")]
TermId = Annotated[str, Link("term")]
Evidence = Literal["S", "A"]
Refs = Annotated[tuple[RefKey, ...], NonEmpty()]
TimelineDay = Annotated[float, Range(0, HORIZON_DAYS)]
Days = Annotated[float, Range(0, None)]
Outcome = Literal["X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8"]

EVIDENCE_LABELS = {"S": "sourced", "A": "approximate"}


@dataclass(frozen=True)
class Reference:
    """A source the course cites, as listed in the clinical fact base."""

    key: Annotated[str, Pattern(r"[A-Z0-9]+(-[A-Z0-9]+)*", "an upper-case key such as MURRAY-VO21")]
    authors: str
    year: int | None  # null: the source gives no date
    title: str
    venue: str
    locator: str  # DOI, PMC or PubMed id, or web address, as the fact base gives it
    read: str  # what of the source was actually read
    kind: Literal["source", "course"] = "source"  # "course": the course's own synthesis
    caveat: str | None = None


@dataclass(frozen=True)
class ReferenceList:
    id: Id
    title: str
    schema_version: Literal[1]
    references: Annotated[tuple[Reference, ...], NonEmpty(), Unique("key")]


@dataclass(frozen=True)
class Claim:
    """One clinical statement with its evidence tag and sources."""

    text: str
    evidence: Evidence
    refs: Refs


@dataclass(frozen=True)
class Mechanism:
    """How a condition arises after particular procedures."""

    procedures: tuple[ProcedureId, ...]  # empty: not tied to one of the course's procedures
    text: str
    evidence: Evidence
    refs: Refs


def _span_problems(low_name: str, low: float, high_name: str, high: float) -> list[tuple[str, str]]:
    if high < low:
        return [(high_name, f"{high:g} is before {low_name} ({low:g})")]
    return []


@dataclass(frozen=True)
class Onset:
    """When a condition usually starts, in days after the procedure."""

    context: str
    start_day: Days
    end_day: Days
    evidence: Evidence
    refs: Refs
    procedures: tuple[ProcedureId, ...] = ()
    open_end: bool = False  # may start later than end_day
    note: str | None = None

    def _problems(self) -> list[tuple[str, str]]:
        return _span_problems("start_day", self.start_day, "end_day", self.end_day)


@dataclass(frozen=True)
class Duration:
    """How long a condition usually lasts, in days."""

    context: str
    min_days: Days
    max_days: Days
    evidence: Evidence
    refs: Refs
    procedures: tuple[ProcedureId, ...] = ()
    open_end: bool = False  # can last longer than max_days
    note: str | None = None

    def _problems(self) -> list[tuple[str, str]]:
        return _span_problems("min_days", self.min_days, "max_days", self.max_days)


@dataclass(frozen=True)
class Condition:
    """One of the look-alikes: what it is, when it starts, how it looks, what to do."""

    id: Id
    title: str
    schema_version: Literal[1]
    what_it_is: Annotated[tuple[Claim, ...], NonEmpty()]
    mechanisms: Annotated[tuple[Mechanism, ...], NonEmpty()]
    onset: Annotated[tuple[Onset, ...], NonEmpty()]
    appearance: Annotated[tuple[Claim, ...], NonEmpty()]
    management: Annotated[tuple[Claim, ...], NonEmpty()]
    scope: Annotated[tuple[Claim, ...], NonEmpty()]
    red_flags: Annotated[tuple[Claim, ...], NonEmpty()]
    must_not_miss: bool
    duration: tuple[Duration, ...] = ()
    also_known_as: tuple[str, ...] = ()
    look_alikes: Annotated[tuple[ConditionId, ...], Unique("id")] = ()
    evidence_gaps: tuple[str, ...] = ()

    def _problems(self) -> list[tuple[str, str]]:
        problems = []
        if not self.duration and not self.evidence_gaps:
            problems.append(("duration", "give at least one duration, or say in evidence_gaps why there is none"))
        if self.id in self.look_alikes:
            problems.append(("look_alikes", "a condition cannot be its own look-alike"))
        return problems


@dataclass(frozen=True)
class TimelineItem:
    """A normal healing phase or a complication window on the day-0-to-90 timeline."""

    id: Id
    label: str
    start_day: TimelineDay
    end_day: TimelineDay
    evidence: Evidence
    refs: Refs
    open_end: bool = False  # continues past end_day (shown as "90+")
    end_upper_day: TimelineDay | None = None  # the longest it usually lasts
    peak_start_day: TimelineDay | None = None
    peak_end_day: TimelineDay | None = None
    peak_evidence: Evidence | None = None
    condition: ConditionId | None = None
    must_not_miss: bool = False
    note: str | None = None

    def _problems(self) -> list[tuple[str, str]]:
        problems = _span_problems("start_day", self.start_day, "end_day", self.end_day)
        if self.end_upper_day is not None:
            problems += _span_problems("end_day", self.end_day, "end_upper_day", self.end_upper_day)
        peak = (self.peak_start_day, self.peak_end_day)
        if (peak[0] is None) != (peak[1] is None):
            problems.append(("peak_end_day", "give both peak_start_day and peak_end_day, or neither"))
        elif peak[0] is not None and peak[1] is not None:
            problems += _span_problems("peak_start_day", peak[0], "peak_end_day", peak[1])
            last = self.end_upper_day if self.end_upper_day is not None else self.end_day
            if peak[0] < self.start_day or peak[1] > last:
                problems.append(("peak_start_day", "the peak must fall inside the window"))
            if self.peak_evidence is None:
                problems.append(("peak_evidence", "a peak needs its own evidence tag"))
        elif self.peak_evidence is not None:
            problems.append(("peak_evidence", "there is no peak to tag"))
        return problems


@dataclass(frozen=True)
class Procedure:
    """A treatment and its expected timeline, day 0 to day 90."""

    id: Id
    title: str
    short_title: str
    schema_version: Literal[1]
    description: str
    phases: Annotated[tuple[TimelineItem, ...], NonEmpty(), Unique("id")]
    complications: Annotated[tuple[TimelineItem, ...], NonEmpty(), Unique("id")]
    evidence_note: str | None = None

    def _problems(self) -> list[tuple[str, str]]:
        problems = []
        phase_ids = {p.id for p in self.phases}
        for index, item in enumerate(self.complications):
            if item.id in phase_ids:
                problems.append(("complications", f"complications[{index}].id '{item.id}' is also a phase id"))
        for index, item in enumerate(self.phases):
            if item.must_not_miss:
                problems.append(("phases", f"phases[{index}] is an expected phase and cannot be must_not_miss"))
        return problems


@dataclass(frozen=True)
class Term:
    """A glossary entry in plain language."""

    id: Id
    term: str
    definition: str
    refs: tuple[RefKey, ...] = ()
    see_also: tuple[TermId, ...] = ()


@dataclass(frozen=True)
class Glossary:
    id: Id
    title: str
    schema_version: Literal[1]
    terms: Annotated[tuple[Term, ...], NonEmpty(), Unique("id")]


@dataclass(frozen=True)
class Objective:
    id: Annotated[str, Pattern(r"L[0-9]\.O[0-9]+", "an objective id such as L3.O2")]
    text: str


@dataclass(frozen=True)
class Lesson:
    id: Id
    number: Annotated[int, Range(0, 99)]
    title: str
    minutes: Annotated[int, Range(1, 240)]
    notebook: Annotated[
        str, Pattern(r"notebooks/[0-9]{2}-[a-z0-9-]+\.ipynb", "a path like notebooks/01-skin-healing.ipynb")
    ]
    summary: str
    outcomes: tuple[Outcome, ...]
    objectives: Annotated[tuple[Objective, ...], Unique("id")]

    def _problems(self) -> list[tuple[str, str]]:
        prefix = f"L{self.number}."
        return [
            ("objectives", f"objectives[{i}].id '{o.id}' should start with {prefix}")
            for i, o in enumerate(self.objectives)
            if not o.id.startswith(prefix)
        ]


@dataclass(frozen=True)
class Syllabus:
    id: Id
    title: str
    schema_version: Literal[1]
    lessons: Annotated[tuple[Lesson, ...], NonEmpty(), Unique("id")]

    def _problems(self) -> list[tuple[str, str]]:
        numbers = [lesson.number for lesson in self.lessons]
        if numbers != sorted(set(numbers)):
            return [("lessons", "lesson numbers must be unique and in order")]
        return []


@dataclass(frozen=True)
class Notices:
    """The texts every screen that shows an urgency level must show."""

    id: Id
    title: str
    schema_version: Literal[1]
    educational_use: str
    whom_to_contact: str
    emergency: str
    scope_reminder: str
    approximate_values: str


# --- Symptom checker: findings, triage rules (course/triage.py) ---


# --- Unfolding cases (course/cases.py) ---


# --- Question banks (course/quiz.py) ---
