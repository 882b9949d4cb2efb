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

import re
from collections.abc import Callable, Iterable, Mapping
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
#: An illustration of the field guide, e.g. "milia--surface--D" (see :func:`picture_ids`).
PictureId = Annotated[str, Link("picture")]
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
    # The glossary terms the lesson links on first use, in order of first use.
    terms: Annotated[tuple[TermId, ...], Unique("id")] = ()

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

    def _problems(self) -> list[tuple[str, str]]:
        """Only the local settings' placeholders may appear in braces (course/regions.py fills them)."""
        problems = []
        for name in ("educational_use", "whom_to_contact", "emergency", "scope_reminder", "approximate_values"):
            unknown = sorted(set(re.findall(r"{([^}]*)}", getattr(self, name))) - set(LOCAL_PLACEHOLDERS))
            if unknown:
                known = ", ".join("{" + p + "}" for p in LOCAL_PLACEHOLDERS)
                problems.append((name, f"unknown placeholder {{{unknown[0]}}}; the placeholders are {known}"))
        return problems


#: What the local settings fill in wherever a notice names them in braces.
LOCAL_PLACEHOLDERS = ("emergency_number", "urgent_route")


# --- Local settings: emergency number, urgent route and reporting schemes per region ---


@dataclass(frozen=True)
class ReportingScheme:
    """Where to report a problem with one kind of product."""

    products: Literal["medicines", "medical devices", "cosmetics"]
    name: str  # the scheme or authority
    how: str  # how to reach it, in a few words
    refs: Refs


@dataclass(frozen=True)
class LocalWords:
    """The words the notices use for the local emergency number and the urgent non-emergency route."""

    emergency_number: str
    urgent_route: str


@dataclass(frozen=True)
class Region:
    """One region's emergency number, urgent route and reporting schemes, each with its source."""

    id: Id
    name: str
    words: LocalWords
    reporting: Annotated[tuple[ReportingScheme, ...], NonEmpty(), Unique("products")]
    refs: Refs


@dataclass(frozen=True)
class RegionList:
    """data/settings/regions.yaml: the regions a course can be set to, and the neutral wording used otherwise."""

    id: Id
    title: str
    schema_version: Literal[1]
    neutral: LocalWords
    regions: Annotated[tuple[Region, ...], NonEmpty(), Unique("id")]


REGION_LIST_DEFINES = {"region": lambda d: [r.id for r in d.regions]}


# --- Skin cross-section: layers and how deep each procedure reaches (lesson 1) ---


@dataclass(frozen=True)
class SkinLayer:
    """One layer of the schematic cross-section, from the surface down."""

    id: Id
    name: str
    description: str
    structures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reach:
    """How deep a procedure works, as the deepest layer it reaches."""

    procedure: ProcedureId
    deepest_layer: Id
    summary: str  # one plain sentence: what the procedure does at that depth
    evidence: Evidence
    refs: Refs
    note: str | None = None


@dataclass(frozen=True)
class LesionOrigin:
    """Where in the skin a kind of bump starts, and how."""

    id: Id
    name: str
    layer: Id
    text: str
    evidence: Evidence
    refs: Refs
    condition: ConditionId | None = None


@dataclass(frozen=True)
class SkinModel:
    id: Id
    title: str
    schema_version: Literal[1]
    caveat: str  # what the schematic does not show (it is not to scale)
    layers: Annotated[tuple[SkinLayer, ...], NonEmpty(), Unique("id")]
    reaches: Annotated[tuple[Reach, ...], NonEmpty(), Unique("procedure")]
    lesions: Annotated[tuple[LesionOrigin, ...], NonEmpty(), Unique("id")]

    def _problems(self) -> list[tuple[str, str]]:
        layer_ids = [layer.id for layer in self.layers]
        problems = [
            (
                "reaches",
                f"reaches[{i}].deepest_layer '{r.deepest_layer}' is not a layer; layers: {', '.join(layer_ids)}",
            )
            for i, r in enumerate(self.reaches)
            if r.deepest_layer not in layer_ids
        ]
        problems += [
            ("lesions", f"lesions[{i}].layer '{o.layer}' is not a layer; layers: {', '.join(layer_ids)}")
            for i, o in enumerate(self.lesions)
            if o.layer not in layer_ids
        ]
        return problems


# --- Symptom checker: findings, triage rules (course/triage.py) ---

FindingId = Annotated[str, Link("finding")]
ActionLevel = Literal["emergency", "urgent", "same-day", "routine", "monitor"]
#: The symptom checker's action levels, most urgent first.
ACTION_LEVELS: tuple[str, ...] = ("emergency", "urgent", "same-day", "routine", "monitor")
OkabeIto = Literal["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]


@dataclass(frozen=True)
class FindingGroup:
    """A heading of the checker's checklist, e.g. "Colour and circulation"."""

    id: Id
    label: str


@dataclass(frozen=True)
class Finding:
    """Something a learner can observe and tick on the checklist."""

    id: Id
    label: str  # plain words, as the checklist shows them
    group: Annotated[str, Link("finding-group")]
    red_flag: bool  # a warning sign: the checker never answers less than same-day for it


@dataclass(frozen=True)
class FindingList:
    id: Id
    title: str
    schema_version: Literal[1]
    groups: Annotated[tuple[FindingGroup, ...], NonEmpty(), Unique("id")]
    findings: Annotated[tuple[Finding, ...], NonEmpty(), Unique("id")]

    def _problems(self) -> list[tuple[str, str]]:
        used = {f.group for f in self.findings}
        return [("groups", f"group '{g.id}' has no findings") for g in self.groups if g.id not in used]


@dataclass(frozen=True)
class FindingPattern:
    """The findings a rule needs: every one of ``all_of`` and at least one of ``any_of``.

    Only the presence of a finding counts, never its absence, so ticking one
    more finding can add matches but never remove one: the checker's level can
    only go up. ``start_day``/``end_day`` narrow the rule's days for this pattern.
    """

    any_of: Annotated[tuple[FindingId, ...], Unique("id")] = ()
    all_of: Annotated[tuple[FindingId, ...], Unique("id")] = ()
    start_day: Days | None = None
    end_day: Days | None = None

    def _problems(self) -> list[tuple[str, str]]:
        if self.start_day is not None and self.end_day is not None:
            return _span_problems("start_day", self.start_day, "end_day", self.end_day)
        return []


@dataclass(frozen=True)
class Escalation:
    """A more urgent level for a rule that matched, when one of ``when`` matches too."""

    level: ActionLevel
    when: Annotated[tuple[FindingPattern, ...], NonEmpty()]
    reason: str
    contact: str | None = None  # null: the rule's contact


@dataclass(frozen=True)
class TriageRule:
    """One row of the triage table: procedures, days, findings -> action level."""

    id: Annotated[str, Pattern(r"T[0-9]+", "a rule id such as T3")]
    title: str
    procedures: Annotated[tuple[ProcedureId, ...], NonEmpty(), Unique("id")] | Literal["all"]
    start_day: Days
    end_day: Days | None  # null: no end
    match: Annotated[tuple[FindingPattern, ...], NonEmpty()]  # the rule matches if any pattern does
    level: ActionLevel
    reason: str  # the short "why" shown to the learner
    contact: str  # whom to contact, and how fast, in plain words
    evidence: Evidence
    refs: Refs
    escalations: tuple[Escalation, ...] = ()
    checklist_first: bool = False  # teaching override: show the vascular checklist before anything else
    origin: Literal["fact-base", "course"] = "fact-base"  # "course": a safety net the course added
    note: str | None = None  # for authors and reviewers: how the table row was read

    def _problems(self) -> list[tuple[str, str]]:
        problems = []
        if self.end_day is not None:
            problems += _span_problems("start_day", self.start_day, "end_day", self.end_day)
        for index, pattern in enumerate(self.match):
            if not pattern.any_of and not pattern.all_of:
                problems.append(("match", f"match[{index}] names no finding; a rule needs at least one"))
        rank = ACTION_LEVELS.index(self.level)
        for index, escalation in enumerate(self.escalations):
            if ACTION_LEVELS.index(escalation.level) >= rank:
                problems.append(
                    ("escalations", f"escalations[{index}] must be more urgent than the rule's level ({self.level})")
                )
        if self.origin == "course" and self.evidence != "A":
            problems.append(("evidence", "a rule the course added is approximate (A) until a clinician reviews it"))
        return problems


@dataclass(frozen=True)
class VascularChecklist:
    """The warning signs of vascular occlusion, shown after filler in the first days whatever else matched."""

    title: str
    intro: str
    procedures: Annotated[tuple[ProcedureId, ...], NonEmpty(), Unique("id")]
    start_day: Days
    end_day: Days
    items: Annotated[tuple[FindingId, ...], NonEmpty(), Unique("id")]
    evidence: Evidence
    refs: Refs

    def _problems(self) -> list[tuple[str, str]]:
        return _span_problems("start_day", self.start_day, "end_day", self.end_day)


@dataclass(frozen=True)
class RuleBook:
    id: Id
    title: str
    schema_version: Literal[1]
    vascular_checklist: VascularChecklist
    rules: Annotated[tuple[TriageRule, ...], NonEmpty(), Unique("id")]


#: The ids these documents define for other files to link to (used by course.content.KINDS).
FINDING_LIST_DEFINES = {
    "finding": lambda d: [f.id for f in d.findings],
    "finding-group": lambda d: [g.id for g in d.groups],
}
RULE_BOOK_DEFINES = {"triage-rule": lambda d: [r.id for r in d.rules]}


@dataclass(frozen=True)
class ActionLevelInfo:
    """How the course shows one action level: words, a shape and a colour, never colour alone."""

    id: ActionLevel
    code: Literal["E", "U", "D", "R", "M"]
    label: str  # shown to the learner
    meaning: str
    shape: Literal["octagon", "diamond", "triangle", "circle", "square"]
    colour: OkabeIto
    colour_name: str
    text_colour: Literal["#000000", "#FFFFFF"]  # for text drawn on the colour (contrast at least 4.5:1)
    contact: str  # whom to contact when no rule says more


@dataclass(frozen=True)
class ActionLevelList:
    id: Id
    title: str
    schema_version: Literal[1]
    levels: Annotated[tuple[ActionLevelInfo, ...], NonEmpty(), Unique("id")]

    def _problems(self) -> list[tuple[str, str]]:
        problems = []
        if tuple(level.id for level in self.levels) != ACTION_LEVELS:
            problems.append(("levels", f"list the levels once each, most urgent first: {', '.join(ACTION_LEVELS)}"))
        for name in ("code", "shape", "colour"):
            values = [getattr(level, name) for level in self.levels]
            if len(set(values)) != len(values):
                problems.append(("levels", f"each level needs its own {name}"))
        return problems


# --- Unfolding cases (course/cases.py) ---

RoleId = Annotated[str, Link("role")]


def _missing_levels(levels: list[str], field: str) -> list[tuple[str, str]]:
    missing = [level for level in ACTION_LEVELS if level not in levels]
    if missing:
        return [(field, f"give one for every action level; missing: {', '.join(missing)}")]
    return []


@dataclass(frozen=True)
class RoleAction:
    """What a person in one role does at one action level, in that role's own words."""

    level: ActionLevel
    text: str
    evidence: Evidence
    refs: Refs


@dataclass(frozen=True)
class Role:
    """A learner's role profile: what lies within it, and what it refers on.

    The symptom checker shows a result in the words of the chosen role
    (curriculum section 8.2: "within your scope: ...; outside your scope: refer to ...").
    """

    id: Id
    label: str
    description: str
    within: Annotated[tuple[Claim, ...], NonEmpty()]
    outside: Annotated[tuple[Claim, ...], NonEmpty()]
    actions: Annotated[tuple[RoleAction, ...], NonEmpty(), Unique("level")]

    def action(self, level: str) -> RoleAction:
        return next(a for a in self.actions if a.level == level)

    def _problems(self) -> list[tuple[str, str]]:
        return _missing_levels([a.level for a in self.actions], "actions")


@dataclass(frozen=True)
class RoleList:
    id: Id
    title: str
    schema_version: Literal[1]
    roles: Annotated[tuple[Role, ...], NonEmpty(), Unique("id")]


ROLE_LIST_DEFINES = {"role": lambda d: [r.id for r in d.roles]}


@dataclass(frozen=True)
class LevelFeedback:
    """Why one action level is right or wrong at one stage of a case."""

    level: ActionLevel
    text: str


@dataclass(frozen=True)
class Decision:
    """The decision a triage stage expects: an action level, and whom to contact."""

    level: ActionLevel
    recipient: str | None = None


@dataclass(frozen=True)
class ConsultationOption:
    """One choice at a consultation stage (before any treatment: treat, defer, refer ...)."""

    id: Id
    label: str
    feedback: str
    correct: bool = False


@dataclass(frozen=True)
class TrackNote:
    """What the learner does at this stage on one track of the case (e.g. injector, non-injector)."""

    track: Id
    text: str
    evidence: Evidence
    refs: Refs


@dataclass(frozen=True)
class CaseStage:
    """One stage of an unfolding case: a day, what is seen and said, and the decision it needs.

    ``kind: triage`` (the default): the learner chooses an action level. ``findings``
    (ids from the checker's checklist) and the case's procedure and ``day`` go through
    ``course.triage.assess``; ``expected.level`` must equal its level (the tests check
    this), and ``feedback`` explains every one of the five levels.

    ``kind: consultation``: a decision that is not an action level (no treatment has
    happened yet, e.g. treat, defer or refer). The learner chooses one of ``options``;
    the stage is not checked against the symptom checker.
    """

    id: Id
    day: Days
    title: str  # e.g. "Day 3: she arrives for a facial"
    seen: str  # what the learner sees, in plain words
    client_says: str
    refs: Refs
    kind: Literal["triage", "consultation"] = "triage"
    question: str | None = None  # null: "What action level does this need now?"
    findings: Annotated[tuple[FindingId, ...], Unique("id")] = ()
    expected: Decision | None = None
    feedback: Annotated[tuple[LevelFeedback, ...], Unique("level")] = ()
    options: Annotated[tuple[ConsultationOption, ...], Unique("id"), Unique("label")] = ()
    teaching_points: tuple[Claim, ...] = ()
    track_notes: Annotated[tuple[TrackNote, ...], Unique("track")] = ()
    picture: PictureId | None = None  # an illustration shown above what is seen, e.g. "milia--surface--D"

    def feedback_for(self, level: str) -> str:
        return next(f.text for f in self.feedback if f.level == level)

    def _problems(self) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        if self.kind == "triage":
            if self.expected is None:
                problems.append(("expected", "a triage stage needs the expected decision (level, recipient)"))
            problems += _missing_levels([f.level for f in self.feedback], "feedback")
            if self.options:
                problems.append(("options", "options are for consultation stages; a triage stage uses levels"))
        else:
            for name in ("findings", "feedback"):
                if getattr(self, name):
                    problems.append((name, f"a consultation stage has no {name}; it uses options"))
            if self.expected is not None:
                problems.append(("expected", "a consultation stage marks its right option correct: true instead"))
            if not 2 <= len(self.options) <= 5:
                problems.append(("options", f"a consultation stage needs 2 to 5 options, found {len(self.options)}"))
            elif sum(o.correct for o in self.options) != 1:
                problems.append(("options", "mark exactly one option correct: true"))
        return problems


@dataclass(frozen=True)
class CaseTrack:
    """A version of a case for one role (case J: the injector, and a non-injector who escalates)."""

    id: Id
    label: str
    role: RoleId
    intro: str


@dataclass(frozen=True)
class CaseBranch:
    """One way the story can go after the main stages (case E on day 7: settling, or spreading)."""

    id: Id
    label: str
    stages: Annotated[tuple[CaseStage, ...], NonEmpty(), Unique("id")]


@dataclass(frozen=True)
class Case:
    """An unfolding case (curriculum section 7): ``data/cases/<id>.yaml``.

    The stages are shown one at a time; the learner commits to a decision at each
    before the next appears. ``branches`` (optional) continue the story in more than
    one way after the last main stage; the learner picks one, and can start again to
    follow another.
    """

    id: Id
    title: str
    schema_version: Literal[1]
    letter: Annotated[str, Pattern(r"[A-Z]", "one capital letter, the case's letter in the course")]
    procedure: ProcedureId
    summary: str
    client: str  # who the client is: fictional name, age, skin type where relevant
    refs: Refs
    stages: Annotated[tuple[CaseStage, ...], NonEmpty(), Unique("id")]
    roles: Annotated[tuple[RoleId, ...], Unique("id")] = ()  # the roles the case is written for; empty: all
    tracks: Annotated[tuple[CaseTrack, ...], Unique("id")] = ()
    branch_question: str | None = None
    branches: Annotated[tuple[CaseBranch, ...], Unique("id")] = ()
    note: str | None = None  # for authors and reviewers: how the case was modelled

    def all_stages(self) -> tuple[CaseStage, ...]:
        """The main stages, then every branch's stages."""
        return self.stages + tuple(s for b in self.branches for s in b.stages)

    def _problems(self) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        seen: set[str] = set()
        for stage in self.all_stages():
            if stage.id in seen:
                problems.append(("branches", f"stage id '{stage.id}' is used twice; stage ids must be unique"))
            seen.add(stage.id)
        days = [s.day for s in self.stages]
        if days != sorted(days):
            problems.append(("stages", "list the stages in day order"))
        for branch in self.branches:
            branch_days = [s.day for s in branch.stages]
            if branch_days != sorted(branch_days) or branch_days[0] < days[-1]:
                problems.append(("branches", f"branch '{branch.id}' must go on in day order from the last main stage"))
        if bool(self.branches) != (self.branch_question is not None):
            problems.append(("branch_question", "give a branch_question exactly when the case has branches"))
        if len(self.branches) == 1:
            problems.append(("branches", "a case with branches needs at least two"))
        track_ids = {t.id for t in self.tracks}
        for stage in self.all_stages():
            unknown = [n.track for n in stage.track_notes if n.track not in track_ids]
            if unknown:
                known = ", ".join(sorted(track_ids)) or "(none: the case has no tracks)"
                problems.append(("stages", f"stage '{stage.id}' has notes for unknown track(s) {unknown}; {known}"))
        return problems


# --- Question banks (course/quiz.py) ---

ObjectiveId = Annotated[str, Link("objective")]
LessonId = Annotated[str, Link("lesson")]
QuestionType = Literal["single-choice", "multi-select", "ordering", "matching", "day-window", "triage", "free-text"]
TriageLevel = ActionLevel  # one five-level scale for the checker and the quizzes
# In quotes: YAML reads an unquoted 2026-03-01 as a date, not text.
IsoDate = Annotated[str, Pattern(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", "a date in quotes, like '2026-03-01'")]

#: Triage levels, most urgent first. Under-triage of an emergency or urgent
#: presentation is a critical error (see :func:`course.quiz.grade`).
TRIAGE_LEVELS: tuple[str, ...] = ACTION_LEVELS
CRITICAL_TRIAGE_LEVELS: tuple[str, ...] = ("emergency", "urgent")
#: A lesson's bank needs this many items per objective, so a retry can use a different one.
MIN_ITEMS_PER_OBJECTIVE = 3
#: How many options a choice item may have (Rodriguez 2005: three good ones are usually enough).
OPTION_COUNT = (3, 5)

# Option texts that test-wise learners exploit (Haladyna et al. 2002).
_CATCH_ALL_OPTIONS = (
    "all of the above",
    "none of the above",
    "all the above",
    "none the above",
    "all above",
    "none above",
    "all of these",
    "none of these",
    "all of those",
    "none of those",
    "all of the options",
    "none of the options",
)


def _words(text: str) -> str:
    """Lower-case letters and digits only, single-spaced: 'All of the ABOVE!' -> 'all of the above'."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


@dataclass(frozen=True)
class QuizOption:
    """One answer option. Every option, right or wrong, carries its own explanation."""

    id: Id
    text: str
    feedback: str  # why it is right or wrong; on a wrong option, name the right concept
    correct: bool = False
    misconception: Id | None = None  # the misconception this distractor reveals, e.g. white-spot-is-milia
    day: Days | None = None  # the first day the option names (2 for "days 2-4"), for the order check

    def _problems(self) -> list[tuple[str, str]]:
        words = f" {_words(self.text)} "
        if any(f" {phrase} " in words for phrase in _CATCH_ALL_OPTIONS):
            return [("text", "do not use 'all of the above' or 'none of the above'; write a real option")]
        return []


@dataclass(frozen=True)
class OrderingStep:
    """One event of an ordering task; steps are listed in the correct order."""

    id: Id
    text: str
    feedback: str  # where this step belongs and why, shown when it is the first one out of place


@dataclass(frozen=True)
class MatchPair:
    """One prompt and the answer it matches; answers may repeat (a sorting set: Do / Don't / Depends)."""

    id: Id
    prompt: str
    match: str
    feedback: str  # why this prompt goes with this answer


@dataclass(frozen=True)
class DayWindow:
    """The key of a day-window item: a day (start_day == end_day) or a span of days."""

    answer_form: Literal["day", "range"]  # the learner gives one day, or a first and last day
    start_day: Days
    end_day: Days
    feedback: str  # shown after every answer; names the window and why
    tolerance_days: Annotated[float, Range(0, 30)] = 0.0
    early_feedback: str | None = None  # extra words for an answer that is too early
    late_feedback: str | None = None  # ... and for one that is too late

    def _problems(self) -> list[tuple[str, str]]:
        return _span_problems("start_day", self.start_day, "end_day", self.end_day)


@dataclass(frozen=True)
class CheckerInput:
    """What a triage item's stem describes, as the symptom checker's input.

    ``python -m course check`` and the tests run ``course.triage.assess`` on it, and the
    item's keyed level must equal the checker's: one rule, the same in every quiz and tool.
    """

    procedure: ProcedureId
    day: Days
    findings: Annotated[tuple[FindingId, ...], NonEmpty(), Unique("id")]


@dataclass(frozen=True)
class TriageKey:
    """The key of a triage item: the right action level and why."""

    level: TriageLevel
    feedback: str  # why this level; shown after every answer
    under_feedback: str | None = None  # what waiting too long risks here
    over_feedback: str | None = None  # why a more urgent route is not needed
    # The checker's input for the stem; every triage item whose stem states findings has one.
    checker: CheckerInput | None = None


@dataclass(frozen=True)
class Media:
    src: str
    alt: str  # required: every image in a question has a text alternative
    caption: str | None = None


#: The fields of a quiz item that only some types of item use (the payload).
_PAYLOAD_FIELDS = ("options", "scoring", "steps", "pairs", "distractors", "window", "triage", "model_answer", "rubric")


@dataclass(frozen=True)
class PayloadRule:
    """The payload of one question type: the fields it may use, those it needs, its own checks,
    and whether more than one of its options may be correct."""

    uses: tuple[str, ...]
    needs: tuple[str, ...]
    check: Callable[[QuizItem], list[tuple[str, str]]] | None = None
    several_correct: bool = False


def _ordering_problems(item: QuizItem) -> list[tuple[str, str]]:
    problems = []
    if item.steps and not 3 <= len(item.steps) <= 10:
        problems.append(("steps", f"need 3 to 10 steps, found {len(item.steps)}"))
    if item.option_order_fixed:
        problems.append(("option_order_fixed", "ordering steps are always shuffled; remove option_order_fixed"))
    return problems


def _matching_problems(item: QuizItem) -> list[tuple[str, str]]:
    return item._pair_problems() if item.pairs else []


#: One rule per question type. A new type adds one entry here (and one per layer: the
#: grader in course.quiz.GRADERS, the answer control in course.widgets.quiz, the markup
#: in course.render.quiz, the minutes in course.stats.ITEM_MINUTES).
PAYLOAD_RULES: Mapping[QuestionType, PayloadRule] = {
    "single-choice": PayloadRule(uses=("options",), needs=("options",)),
    "multi-select": PayloadRule(uses=("options", "scoring"), needs=("options", "scoring"), several_correct=True),
    "ordering": PayloadRule(uses=("steps",), needs=("steps",), check=_ordering_problems),
    "matching": PayloadRule(uses=("pairs", "distractors"), needs=("pairs",), check=_matching_problems),
    "day-window": PayloadRule(uses=("window",), needs=("window",)),
    "triage": PayloadRule(uses=("triage", "options"), needs=("triage",)),
    "free-text": PayloadRule(uses=("model_answer", "rubric"), needs=("model_answer", "rubric")),
}


@dataclass(frozen=True)
class QuizItem:
    """One question. ``type`` decides which of the payload fields it uses:

    * single-choice: ``options`` (3 to 5, exactly one correct);
    * multi-select: ``options`` (3 to 5, at least one correct) and ``scoring``;
    * ordering: ``steps`` in the correct order (always shown shuffled);
    * matching: ``pairs`` (and optional ``distractors``, answers that fit no prompt);
    * day-window: ``window``;
    * triage: ``triage`` (the level), optionally ``options`` for whom to contact;
    * free-text: ``model_answer`` and ``rubric``, shown after the learner submits.

    Every item cites ``refs``; an item that states a number also carries an
    ``evidence`` tag. Items sharing a ``parallel_group`` are interchangeable
    versions, used in turn on retries. Any item may show an illustration of the
    field guide above its stem (``picture``: an id such as ``milia--surface--D``);
    ``python -m course check`` rejects an id the appearance data does not draw.
    """

    id: Id
    version: Annotated[int, Range(1, None)]
    type: QuestionType
    objective_ids: Annotated[tuple[ObjectiveId, ...], NonEmpty(), Unique("id")]
    stem: str
    refs: Refs
    evidence: Evidence | None = None
    options: Annotated[tuple[QuizOption, ...], Unique("id"), Unique("text")] = ()
    scoring: Literal["all-or-nothing", "partial"] | None = None
    steps: Annotated[tuple[OrderingStep, ...], Unique("id"), Unique("text")] = ()
    pairs: Annotated[tuple[MatchPair, ...], Unique("id"), Unique("prompt")] = ()
    distractors: tuple[str, ...] = ()
    window: DayWindow | None = None
    triage: TriageKey | None = None
    model_answer: str | None = None
    rubric: tuple[str, ...] = ()
    option_order_fixed: bool = False
    must_pass: bool = False  # a red-flag item: must be answered correctly to complete the lesson
    parallel_group: Id | None = None
    hint: str | None = None  # shown after a first wrong attempt, before the full explanation
    section: str | None = None  # where in the lesson to read again, e.g. "#day-3-red-flags"
    media: tuple[Media, ...] = ()
    # An illustration shown above the stem, with any type of item, e.g. "milia--surface--D".
    picture: PictureId | None = None
    bloom_level: Literal["remember", "understand", "apply", "analyse", "evaluate", "create"] | None = None
    difficulty_estimate: Annotated[float, Range(0, 1)] | None = None  # expected proportion correct
    author: str | None = None
    clinical_reviewer: str | None = None
    review_date: IsoDate | None = None
    status: Literal["draft", "reviewed", "retired"] = "draft"  # retired items are kept for old progress only

    def texts(self) -> tuple[str, ...]:
        """Every piece of text a learner may read in this item."""
        parts: list[str | None] = [self.stem, self.hint, self.model_answer, *self.rubric, *self.distractors]
        parts += [t for o in self.options for t in (o.text, o.feedback)]
        parts += [t for s in self.steps for t in (s.text, s.feedback)]
        parts += [t for p in self.pairs for t in (p.prompt, p.match, p.feedback)]
        if self.window is not None:
            parts += [self.window.feedback, self.window.early_feedback, self.window.late_feedback]
        if self.triage is not None:
            parts += [self.triage.feedback, self.triage.under_feedback, self.triage.over_feedback]
        return tuple(p for p in parts if p)

    def _states_number(self) -> str | None:
        """The first number the item states (a word containing a digit), if any."""
        if self.window is not None:
            return f"day {self.window.start_day:g}"
        for text in self.texts():
            for word in text.split():
                if any(ch.isdigit() for ch in word):
                    return word.strip(".,;:()\"'")
        return None

    def _problems(self) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        rule = PAYLOAD_RULES[self.type]
        for name in _PAYLOAD_FIELDS:
            if getattr(self, name) not in (None, ()) and name not in rule.uses:
                types_ = ", ".join(t for t, r in PAYLOAD_RULES.items() if name in r.uses)
                problems.append((name, f"{self.type} items have no {name}; remove it (it is for {types_})"))
        for name in rule.needs:
            if getattr(self, name) in (None, ()):
                problems.append((name, f"{self.type} items need {name}"))
        if self.options and "options" in rule.uses:
            problems += self._option_problems()
        if rule.check is not None:
            problems += rule.check(self)
        number = self._states_number()
        if number is not None and self.evidence is None:
            problems.append(
                ("evidence", f"this item states a number ('{number}'); add evidence: S (sourced) or A (approximate)")
            )
        return problems

    def _option_problems(self) -> list[tuple[str, str]]:
        problems = []
        low, high = OPTION_COUNT
        if not low <= len(self.options) <= high:
            problems.append(("options", f"need {low} to {high} options, found {len(self.options)}"))
        correct = sum(o.correct for o in self.options)
        if correct == 0:
            problems.append(("options", "no option is marked correct: true"))
        elif correct > 1 and not PAYLOAD_RULES[self.type].several_correct:
            problems.append(("options", f"mark exactly one option correct: true (found {correct})"))
        days = [o.day for o in self.options]
        if any(d is not None for d in days):
            if any(d is None for d in days):
                problems.append(("options", "give every option a day, or none of them"))
            elif not self.option_order_fixed:
                problems.append(
                    (
                        "option_order_fixed",
                        "options that name days must stay in day order; set option_order_fixed: true",
                    )
                )
            elif days != sorted(d for d in days if d is not None):
                shown = ", ".join(f"{d:g}" for d in days if d is not None)
                problems.append(("options", f"put the day options in order, earliest first (found days {shown})"))
        return problems

    def _pair_problems(self) -> list[tuple[str, str]]:
        problems = []
        if not 3 <= len(self.pairs) <= 12:
            problems.append(("pairs", f"need 3 to 12 pairs, found {len(self.pairs)}"))
        matches = {p.match for p in self.pairs}
        for extra in self.distractors:
            if extra in matches:
                problems.append(("distractors", f"'{extra}' is the answer to a pair, so it cannot be a distractor"))
        if len(matches) + len(set(self.distractors)) < 2:
            problems.append(("pairs", "a matching item needs at least two different answers to choose from"))
        return problems


@dataclass(frozen=True)
class QuestionBank:
    """The questions of one lesson: ``data/quizzes/NN-lesson.yaml``."""

    id: Id
    title: str
    schema_version: Literal[1]
    lesson: LessonId
    items: Annotated[tuple[QuizItem, ...], NonEmpty(), Unique("id")]

    def item(self, item_id: str) -> QuizItem:
        """The item with this id; ``KeyError`` naming the valid ids if there is none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"no item '{item_id}' in bank '{self.id}'; items: {', '.join(i.id for i in self.items)}")

    def _problems(self) -> list[tuple[str, str]]:
        problems = []
        first: dict[str, QuizItem] = {}
        for index, item in enumerate(self.items):
            if item.parallel_group is None:
                continue
            leader = first.setdefault(item.parallel_group, item)
            differs = [name for name in ("type", "must_pass") if getattr(item, name) != getattr(leader, name)]
            if set(item.objective_ids) != set(leader.objective_ids):
                differs.append("objective_ids")
            if differs:
                problems.append(
                    (
                        "items",
                        f"items[{index}] ('{item.id}') is a parallel version of '{leader.id}'"
                        f" but differs in {', '.join(differs)}",
                    )
                )
        return problems


# --- Answer-length cues (audit 2026-12, M8) ---
#
# A test-wise learner picks the longest option. Over all single-choice and triage items
# the keyed option may be the longest (ties count) at most CUE_LIMIT_ALL of the time, in
# any one bank at most CUE_LIMIT_BANK, and it is never more than CUE_MAX_RATIO times as
# long as the longest distractor. Options that name days in a fixed order are left out:
# their length follows the number.
CUE_LIMIT_ALL = 0.35
CUE_LIMIT_BANK = 0.45
CUE_MAX_RATIO = 1.4


@dataclass(frozen=True)
class CueStats:
    """How often the keyed option of a bank's single-choice and triage items is the longest."""

    bank: str
    items: int  # items counted
    longest: int  # of those, items whose keyed option is the longest (ties count)
    too_long: tuple[tuple[str, float], ...]  # (item id, keyed / longest distractor) above CUE_MAX_RATIO

    @property
    def share(self) -> float:
        return self.longest / self.items if self.items else 0.0


def _cue_counted(item: QuizItem) -> bool:
    return (
        "options" in PAYLOAD_RULES[item.type].uses
        and not PAYLOAD_RULES[item.type].several_correct
        and item.status != "retired"
        and not item.option_order_fixed
        and sum(o.correct for o in item.options) == 1
        and len(item.options) >= 2
    )


def cue_stats(bank: QuestionBank) -> CueStats:
    """The answer-length cue figures of one bank (see ``CUE_LIMIT_*``)."""
    counted = longest = 0
    too_long = []
    for item in bank.items:
        if not _cue_counted(item):
            continue
        keyed = next(len(o.text) for o in item.options if o.correct)
        other = max(len(o.text) for o in item.options if not o.correct)
        counted += 1
        longest += keyed >= other
        if keyed > CUE_MAX_RATIO * other:
            too_long.append((item.id, keyed / other))
    return CueStats(bank.id, counted, longest, tuple(too_long))


def cue_problems(bank: QuestionBank, documents: dict[str, tuple[object, ...]]) -> list[tuple[str, str]]:
    """The bank's answer-length cues past the limits; the all-bank share is reported on the first bank."""
    stats = cue_stats(bank)
    index = {item.id: n for n, item in enumerate(bank.items)}
    problems = [
        (
            f"items[{index[item_id]}].options",
            f"the keyed option is {ratio:.2f} times as long as the longest distractor (limit {CUE_MAX_RATIO});"
            " shorten it and move the detail into its feedback",
        )
        for item_id, ratio in stats.too_long
    ]
    if stats.share > CUE_LIMIT_BANK:
        problems.append(
            (
                "items",
                f"the keyed option is the longest in {stats.longest} of {stats.items} single-choice and triage"
                f" items ({stats.share:.0%}; limit {CUE_LIMIT_BANK:.0%}): a test-wise learner could pick the"
                " longest option; trim keyed options or lengthen a distractor",
            )
        )
    banks = sorted((b for b in documents.get("quiz", ()) if isinstance(b, QuestionBank)), key=lambda b: b.id)
    if banks and banks[0].id == bank.id:
        every = [cue_stats(b) for b in banks]
        counted = sum(s.items for s in every)
        longest = sum(s.longest for s in every)
        if counted and longest / counted > CUE_LIMIT_ALL:
            problems.append(
                (
                    "items",
                    f"over all banks the keyed option is the longest in {longest} of {counted} single-choice"
                    f" and triage items ({longest / counted:.0%}; limit {CUE_LIMIT_ALL:.0%})",
                )
            )
    return problems


def bank_problems(bank: QuestionBank, documents: dict[str, tuple[object, ...]]) -> list[tuple[str, str]]:
    """Every cross-check of a question bank: objective coverage and answer-length cues."""
    return bank_coverage_problems(bank, documents) + cue_problems(bank, documents)


def bank_coverage_problems(bank: QuestionBank, documents: dict[str, tuple[object, ...]]) -> list[tuple[str, str]]:
    """Cross-check against the syllabus: each objective of the bank's lesson has enough items.

    Retired items do not count. Returns (field, message) pairs, reported at ``lesson``.
    """
    problems = []
    for syllabus in documents.get("syllabus", ()):
        for lesson in getattr(syllabus, "lessons", ()):
            if lesson.id != bank.lesson:
                continue
            for objective in lesson.objectives:
                count = sum(1 for i in bank.items if i.status != "retired" and objective.id in i.objective_ids)
                if count < MIN_ITEMS_PER_OBJECTIVE:
                    problems.append(
                        (
                            "lesson",
                            f"objective {objective.id} has {count} item{'' if count == 1 else 's'} in this bank;"
                            f" write at least {MIN_ITEMS_PER_OBJECTIVE} (parallel versions count),"
                            " so a retry can use a different one",
                        )
                    )
    return problems


# --- Client cards: the risk simulator of lesson 5 (course/consultation.py) ---

ConsultDecision = Literal["refer", "defer", "treat"]
#: The decisions at a consultation, most cautious first: "refer" (another professional
#: advises before any treatment; nothing happens today) includes "defer" (not today;
#: rebook when the problem has settled), which is more cautious than "treat".
CONSULT_DECISIONS: tuple[str, ...] = ("refer", "defer", "treat")
HistoryItemId = Annotated[str, Link("history-item")]


@dataclass(frozen=True)
class ConsultDecisionInfo:
    """How the course words one decision."""

    id: ConsultDecision
    label: str  # as the decision menu shows it
    meaning: str  # what it means in practice, in one or two plain sentences


@dataclass(frozen=True)
class HistoryGroup:
    """A heading of the consultation card, e.g. "Medicines and allergies"."""

    id: Id
    label: str


@dataclass(frozen=True)
class HistoryItem:
    """One line of the consultation card a learner can tick.

    ``flag``: it needs action before treatment (more questions, a changed plan, a
    delay or a referral). ``decision``: what the item means for today's decision on
    its own ("treat" for a flag that changes the plan but does not stop treatment,
    and for every item that is not a flag). ``why`` says so in plain words.
    """

    id: Id
    label: str  # plain words, as the card shows them
    group: Annotated[str, Link("history-group")]
    flag: bool
    decision: ConsultDecision
    why: str
    evidence: Evidence
    refs: Refs

    def _problems(self) -> list[tuple[str, str]]:
        if not self.flag and self.decision != "treat":
            return [("decision", "an item that is not a flag cannot change the decision; use treat")]
        return []


@dataclass(frozen=True)
class CardFeedback:
    """Why one decision is right or wrong for one client."""

    decision: ConsultDecision
    text: str


@dataclass(frozen=True)
class ClientCard:
    """A client at consultation: a short story, the card's items true for them, the decision."""

    id: Id
    title: str
    client: str  # fictional name, age, skin type where relevant
    procedure: ProcedureId  # the treatment the client has booked
    story: str  # what the client tells you and what you see, in plain words
    items: Annotated[tuple[HistoryItemId, ...], NonEmpty(), Unique("id")]  # the card items true for this client
    expected: ConsultDecision
    feedback: Annotated[tuple[CardFeedback, ...], Unique("decision")]
    plan: str  # what happens next: the advice, the record, the rebooking
    refs: Refs

    def feedback_for(self, decision: str) -> str:
        return next(f.text for f in self.feedback if f.decision == decision)

    def _problems(self) -> list[tuple[str, str]]:
        missing = [d for d in CONSULT_DECISIONS if d not in {f.decision for f in self.feedback}]
        if missing:
            return [("feedback", f"give feedback for every decision; missing: {', '.join(missing)}")]
        return []


@dataclass(frozen=True)
class ClientCardSet:
    """``data/client-cards.yaml``: the card's items, the decisions, and the clients."""

    id: Id
    title: str
    schema_version: Literal[1]
    decisions: Annotated[tuple[ConsultDecisionInfo, ...], NonEmpty(), Unique("id")]
    groups: Annotated[tuple[HistoryGroup, ...], NonEmpty(), Unique("id")]
    items: Annotated[tuple[HistoryItem, ...], NonEmpty(), Unique("id"), Unique("label")]
    cards: Annotated[tuple[ClientCard, ...], NonEmpty(), Unique("id"), Unique("title")]

    def _problems(self) -> list[tuple[str, str]]:
        problems = []
        if tuple(d.id for d in self.decisions) != CONSULT_DECISIONS:
            problems.append(
                ("decisions", f"list the decisions once each, most cautious first: {', '.join(CONSULT_DECISIONS)}")
            )
        used = {item.group for item in self.items}
        problems += [("groups", f"group '{g.id}' has no items") for g in self.groups if g.id not in used]
        return problems


CLIENT_CARD_DEFINES = {
    "history-item": lambda d: [i.id for i in d.items],
    "history-group": lambda d: [g.id for g in d.groups],
}


# --- Appearance: how each condition looks on light, medium and dark skin (course/appearance.py) ---
#
# data/appearance/basics.yaml holds what every drawing shares: the base colours of the three
# skin-tone groups (Monk Skin Tone swatches), the colour-shift recipes of each sign, the colours
# of lesion contents, and the press-and-release check. Every other file there describes one
# condition, or one part of normal healing, view by view. Outside basics.yaml a colour is a
# recipe or content name, never a hex value, so a reviewer changes a colour in one place.

ToneGroup = Literal["L", "M", "D"]
#: The skin-tone groups every illustration is drawn on, lightest first (appearance fact sheet, section 0).
TONE_GROUPS: tuple[str, ...] = ("L", "M", "D")
Hex = Annotated[str, Pattern(r"#[0-9a-f]{6}", "a colour in quotes such as '#f3e7db' (# and six lower-case hex digits)")]
RecipeId = Annotated[str, Link("appearance-recipe")]
ContentId = Annotated[str, Link("appearance-content")]
SubjectId = Annotated[str, Link("appearance-subject")]
Millimetres = Annotated[float, Range(0, 100)]
#: Where in the scene a feature sits (course/illustrations.py draws each place).
Place = Literal[
    "field",  # the treated field of a skin patch (left of the comparison strip)
    "field-centre",  # one spot in the middle of the treated field
    "area",  # inside the view's first area
    "territory",  # one half of the upper lip and the skin above it, up to the nostril
    "territory-core",  # the lip part of that territory
    "lip-border",  # the edge of the upper lip on one side
    "both-lips",  # the red of both lips, both sides
    "lips-and-border",  # both lips and a band of skin around them
    "mouth-corner",  # the corner of the mouth on one side
    "upper-lip",  # the body of the upper lip on one side
]
Texture = Literal["flat", "net", "cracked", "scale", "sheen", "raised"]
LesionShape = Literal["dome", "papule", "pustule", "comedone", "vesicle", "erosion", "crust", "dot", "macule", "nodule"]
Arrangement = Literal["scattered", "even", "grid", "clusters", "single", "line"]
SectionStructure = Literal["milium", "closed-comedone", "pustule", "vesicle", "superficial-filler"]
Vessel = Literal["facial-artery", "superior-labial", "inferior-labial", "nostril-branch", "territory"]

_D65 = (0.95047, 1.0, 1.08883)


def _to_linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _to_gamma(channel: float) -> float:
    return 12.92 * channel if channel <= 0.0031308 else 1.055 * channel ** (1 / 2.4) - 0.055


def hex_to_lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour such as ``'#f3e7db'``, as the appearance fact sheet computes it."""
    r, g, b = (_to_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    xyz = (
        0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
        0.2126729 * r + 0.7151522 * g + 0.0721750 * b,
        0.0193339 * r + 0.1191920 * g + 0.9503041 * b,
    )

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = (f(v / w) for v, w in zip(xyz, _D65, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def lab_to_hex(lab: tuple[float, float, float]) -> str:
    """The sRGB colour nearest to a CIELAB (D65) colour, clipped to the displayable range."""
    fy = (lab[0] + 16) / 116
    fx, fz = fy + lab[1] / 500, fy - lab[2] / 200

    def f_inverse(t: float) -> float:
        return t**3 if t**3 > 216 / 24389 else (116 * t - 16) / (24389 / 27)

    x, y, z = (w * f_inverse(t) for t, w in zip((fx, fy, fz), _D65, strict=True))
    rgb = (
        3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
        -0.9692660 * x + 1.8760108 * y + 0.0415560 * z,
        0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
    )
    return "#" + "".join(f"{round(min(max(_to_gamma(c), 0.0), 1.0) * 255):02x}" for c in rgb)


def _hex_distance(first: str, second: str) -> int:
    """The largest difference of one RGB channel between two colours."""
    return max(abs(int(first[i : i + 2], 16) - int(second[i : i + 2], 16)) for i in (1, 3, 5))


def _tone_problems(name: str, tones: list[str]) -> list[tuple[str, str]]:
    missing = [tone for tone in TONE_GROUPS if tone not in tones]
    if missing:
        return [(name, f"give the look on every tone group (L, M, D); missing: {', '.join(missing)}")]
    return []


@dataclass(frozen=True)
class Size:
    """A size range in millimetres; ``largest_mm`` is an occasional larger one, with its own tag."""

    low_mm: Millimetres
    high_mm: Millimetres
    evidence: Evidence
    refs: Refs
    largest_mm: Millimetres | None = None
    largest_evidence: Evidence | None = None

    def _problems(self) -> list[tuple[str, str]]:
        problems = _span_problems("low_mm", self.low_mm, "high_mm", self.high_mm)
        if (self.largest_mm is None) != (self.largest_evidence is None):
            problems.append(("largest_evidence", "give largest_mm and largest_evidence together, or neither"))
        elif self.largest_mm is not None and self.largest_mm < self.high_mm:
            problems.append(("largest_mm", f"{self.largest_mm:g} is smaller than high_mm ({self.high_mm:g})"))
        return problems


@dataclass(frozen=True)
class Count:
    """How many lesions (or patches) to draw."""

    low: Annotated[int, Range(1, 400)]
    high: Annotated[int, Range(1, 400)]
    evidence: Evidence
    refs: Refs

    def _problems(self) -> list[tuple[str, str]]:
        return _span_problems("low", self.low, "high", self.high)


@dataclass(frozen=True)
class Seconds:
    """A time in seconds (``low_s`` equal to ``high_s`` for a single value)."""

    low_s: Annotated[float, Range(0, 600)]
    high_s: Annotated[float, Range(0, 600)]
    evidence: Evidence
    refs: Refs

    def _problems(self) -> list[tuple[str, str]]:
        return _span_problems("low_s", self.low_s, "high_s", self.high_s)


@dataclass(frozen=True)
class BaseColour:
    """A base colour of one tone group (skin or lip), with its evidence."""

    hex: Hex
    evidence: Evidence
    refs: Refs
    note: str | None = None


@dataclass(frozen=True)
class Swatch:
    """Another Monk Skin Tone swatch of a group, for a four-panel or alternative version."""

    mst: Annotated[int, Range(1, 10)]
    hex: Hex
    use: str


@dataclass(frozen=True)
class SkinTone:
    """One skin-tone group: its Fitzpatrick types, its Monk Skin Tone swatch, its lip colour."""

    id: ToneGroup
    name: str  # light, medium, dark
    fitzpatrick: str  # e.g. I–II
    mst: Annotated[int, Range(1, 10)]  # the Monk Skin Tone level of the primary swatch
    colour_words: str  # the Fitzpatrick table's words for the group
    skin: BaseColour
    lip: BaseColour
    alternatives: tuple[Swatch, ...] = ()


@dataclass(frozen=True)
class RecipeStep:
    """How one group's base colour changes for a sign: a shift in CIELAB, or a mix towards a colour."""

    tone: ToneGroup
    result: Hex  # the colour on the group's base, as the fact sheet gives it (checked against the numbers)
    shift: tuple[float, ...] = ()  # ΔL*, Δa*, Δb*
    towards: Hex | None = None
    amount: Annotated[float, Range(0, 1)] | None = None

    def _problems(self) -> list[tuple[str, str]]:
        mixes = self.towards is not None or self.amount is not None
        if self.shift and mixes:
            return [("shift", "give a shift or a mix (towards and amount), not both")]
        if self.shift and len(self.shift) != 3:
            return [("shift", f"give three numbers (ΔL*, Δa*, Δb*), found {len(self.shift)}")]
        if not self.shift and (self.towards is None or self.amount is None):
            return [("shift", "give a shift (ΔL*, Δa*, Δb*), or both towards and amount")]
        return []

    def apply(self, base: str) -> str:
        """This step's colour on ``base`` (a hex colour)."""
        lab = hex_to_lab(base)
        if self.towards is not None and self.amount is not None:
            target = hex_to_lab(self.towards)
            return lab_to_hex(
                (
                    lab[0] + (target[0] - lab[0]) * self.amount,
                    lab[1] + (target[1] - lab[1]) * self.amount,
                    lab[2] + (target[2] - lab[2]) * self.amount,
                )
            )
        return lab_to_hex((lab[0] + self.shift[0], lab[1] + self.shift[1], lab[2] + self.shift[2]))


@dataclass(frozen=True)
class Recipe:
    """How one colour sign (erythema, livedo, bruise ...) shifts each group's base colour."""

    id: Id
    name: str
    sign: str  # the colour words of the sources that the numbers translate
    base: Literal["skin", "lip"]  # the base colour the results refer to
    steps: Annotated[tuple[RecipeStep, ...], Unique("tone")]
    evidence: Evidence
    refs: Refs

    def step(self, tone: str) -> RecipeStep:
        return next(s for s in self.steps if s.tone == tone)

    def _problems(self) -> list[tuple[str, str]]:
        return _tone_problems("steps", [s.tone for s in self.steps])


@dataclass(frozen=True)
class ContentColour:
    """A colour that is the same on every tone: what a lesion holds (keratin, pus, a crust), or a
    schematic colour for cross-sections and diagrams (``schematic: true``, not a clinical colour)."""

    id: Id
    name: str
    hex: Hex
    use: str
    evidence: Evidence
    refs: Refs
    opacity: Annotated[float, Range(0.05, 1)] = 1.0
    schematic: bool = False


@dataclass(frozen=True)
class Shading:
    """One light, from the upper left, for every panel: how much lighter and darker, and how soft an edge."""

    highlight_dl: Annotated[float, Range(0, 20)]  # ΔL* of a highlight
    shadow_dl: Annotated[float, Range(-30, 0)]  # ΔL* of a shadow
    feather: Size  # an overlay fades to the base over this distance
    evidence: Evidence
    refs: Refs


@dataclass(frozen=True)
class Palette:
    """The base colours, colour recipes, content colours and shading every illustration shares."""

    credit: str  # the credit line the swatches need
    licence: str  # what is known of their licence
    tones: Annotated[tuple[SkinTone, ...], Unique("id")]
    recipes: Annotated[tuple[Recipe, ...], NonEmpty(), Unique("id")]
    contents: Annotated[tuple[ContentColour, ...], NonEmpty(), Unique("id")]
    shading: Shading

    def tone(self, tone: str) -> SkinTone:
        return next(t for t in self.tones if t.id == tone)

    def recipe(self, recipe: str) -> Recipe:
        return next(r for r in self.recipes if r.id == recipe)

    def content(self, content: str) -> ContentColour:
        return next(c for c in self.contents if c.id == content)

    def _problems(self) -> list[tuple[str, str]]:
        if tuple(t.id for t in self.tones) != TONE_GROUPS:
            return [("tones", f"list the tone groups once each, lightest first: {', '.join(TONE_GROUPS)}")]
        problems = []
        for index, recipe in enumerate(self.recipes):
            for step in recipe.steps:
                tone = self.tone(step.tone)
                base = tone.lip.hex if recipe.base == "lip" else tone.skin.hex
                made = step.apply(base)
                # The fact sheet rounds; one unit per channel is rounding, more is a typing error.
                if _hex_distance(made, step.result) > 1:
                    problems.append(
                        (
                            "recipes",
                            f"recipes[{index}] ('{recipe.id}'), tone {step.tone}: the numbers give {made}"
                            f" on {base}, not {step.result}",
                        )
                    )
        return problems


@dataclass(frozen=True)
class ToneLook:
    """How one feature looks on one tone group: the colour words, and how to paint them.

    ``recipe`` shifts the base colour (erythema, livedo ...); ``content`` paints a colour that is the
    same on every tone (keratin, pus ...); with neither, the feature has the base colour.
    """

    tone: ToneGroup
    text: str
    evidence: Evidence
    refs: Refs
    recipe: RecipeId | None = None
    content: ContentId | None = None

    def _problems(self) -> list[tuple[str, str]]:
        if self.recipe is not None and self.content is not None:
            return [("content", "give a recipe or a content colour, not both")]
        return []


ToneLooks = Annotated[tuple[ToneLook, ...], Unique("tone")]


@dataclass(frozen=True)
class ToneNote:
    """Something a learner should know on one tone group only (shown with that tone's picture)."""

    tone: ToneGroup
    text: str
    evidence: Evidence
    refs: Refs


@dataclass(frozen=True)
class Rim:
    """A halo around each lesion of a group (the red rim of a pustule), per tone."""

    width: Size
    colour: ToneLooks

    def _problems(self) -> list[tuple[str, str]]:
        return _tone_problems("colour", [look.tone for look in self.colour])


@dataclass(frozen=True)
class Area:
    """A coloured region: a treated field, a vascular territory, a patch, a band."""

    id: Id
    name: str  # what the picture's label and the alt text call it
    place: Place
    size: Size  # across; a band's width
    colour: ToneLooks  # on skin (and on the lip too, unless lip_colour says otherwise)
    surface: Claim  # shape, surface and texture in words
    texture: Texture = "flat"
    edge: Literal["sharp", "soft"] = "soft"
    lip_colour: ToneLooks = ()
    length: Size | None = None  # a band's length
    cell: Size | None = None  # a net's cells; the spacing of cracks
    line: Size | None = None  # a net's line width
    count: Count | None = None  # patches (one when not given)

    def _problems(self) -> list[tuple[str, str]]:
        problems = _tone_problems("colour", [look.tone for look in self.colour])
        if self.lip_colour:
            problems += _tone_problems("lip_colour", [look.tone for look in self.lip_colour])
        if self.texture == "net" and (self.cell is None or self.line is None):
            problems.append(("texture", "a net needs its cell size and line width (cell, line)"))
        if self.place in ("area", "field-centre") and self.count is not None and self.count.high > 1:
            problems.append(("count", f"an area at '{self.place}' is one patch"))
        return problems


@dataclass(frozen=True)
class LesionGroup:
    """Lesions of one kind in one view: their shape, size, number, arrangement and colour per tone."""

    id: Id
    name: str  # plural, as the label says it: "milia", "pustules"
    shape: LesionShape
    size: Size
    count: Count
    arrangement: Arrangement
    place: Place
    fill: ToneLooks
    surface: Claim  # shape, surface and texture in words
    distribution: Claim  # number and distribution in words
    rim: Rim | None = None
    hair: bool = False  # a hair through each lesion (folliculitis)

    def _problems(self) -> list[tuple[str, str]]:
        problems = _tone_problems("fill", [look.tone for look in self.fill])
        if self.arrangement == "single" and self.count.high != 1:
            problems.append(("count", "a single lesion has count 1 to 1"))
        return problems


@dataclass(frozen=True)
class View:
    """One picture of a subject: a stage (vascular occlusion), a variant (impetigo-like crusting) or its only view."""

    id: Id
    title: str
    site: Literal["skin", "lip"]
    when: Claim  # when it is seen
    comparison: Literal["untreated-strip", "mirror-side", "surrounding-skin"]
    notice: Annotated[tuple[Claim, ...], NonEmpty()]  # what a learner should notice (caption and alt text)
    areas: Annotated[tuple[Area, ...], Unique("id")] = ()
    lesions: Annotated[tuple[LesionGroup, ...], Unique("id")] = ()
    cues: tuple[Claim, ...] = ()  # short words printed on the picture, such as "pain? cool? slow refill?"
    tone_notes: Annotated[tuple[ToneNote, ...], Unique("tone")] = ()
    stage: Annotated[int, Range(1, 9)] | None = None
    pose: Literal["rest", "stretched"] = "rest"  # a stretched lip (Fordyce spots show more)

    def _problems(self) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        if self.pose == "stretched" and self.site != "lip":
            problems.append(("pose", "only a lip can be drawn stretched"))
        if not self.areas and not self.lesions:
            problems.append(("areas", "a view draws at least one area or one group of lesions"))
        if any(g.place == "area" for g in self.lesions) and not self.areas:
            problems.append(("lesions", "lesions placed in 'area' need an area in the same view"))
        return problems


@dataclass(frozen=True)
class CrossSection:
    """A schematic cut through the skin: how a lesion sits in it (not to scale)."""

    id: Id
    title: str
    structure: SectionStructure
    content: ContentId  # what the structure holds
    size: Size  # of the structure
    labels: Annotated[tuple[Claim, ...], NonEmpty()]  # callouts, from the surface down
    surface: ToneLooks = ()  # how the skin over it looks, per tone, when that differs from the base

    def _problems(self) -> list[tuple[str, str]]:
        if self.surface:
            return _tone_problems("surface", [look.tone for look in self.surface])
        return []


@dataclass(frozen=True)
class VesselLabel:
    vessel: Vessel
    text: str
    evidence: Evidence
    refs: Refs


@dataclass(frozen=True)
class VesselSchematic:
    """A labelled schematic of the lip's arterial supply (not an anatomy reference)."""

    title: str
    caveat: str
    labels: Annotated[tuple[VesselLabel, ...], NonEmpty(), Unique("vessel")]


@dataclass(frozen=True)
class Subject:
    """What one condition, or one part of normal healing, looks like: one or more views.

    ``drawn_as`` (no views of its own): the subject has no look of its own and is shown with
    another subject's views, relabelled ("purging" is shown as the acneiform eruption).
    """

    id: Id
    title: str
    kind: Literal["condition", "normal-healing"]
    section: str  # where in the appearance fact sheet, e.g. "2.1"
    summary: Claim
    condition: ConditionId | None = None
    procedures: Annotated[tuple[ProcedureId, ...], Unique("id")] = ()
    views: Annotated[tuple[View, ...], Unique("id")] = ()
    drawn_as: SubjectId | None = None
    sections: Annotated[tuple[CrossSection, ...], Unique("id")] = ()
    vessels: VesselSchematic | None = None
    do_not_draw: tuple[Claim, ...] = ()

    def _problems(self) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        if (self.kind == "condition") != (self.condition is not None):
            problems.append(("condition", "a condition's subject names its condition; normal healing names none"))
        if bool(self.views) == (self.drawn_as is not None):
            problems.append(("views", "give the subject's views, or drawn_as (another subject's id), not both"))
        if self.drawn_as == self.id:
            problems.append(("drawn_as", "a subject cannot be drawn as itself"))
        return problems


@dataclass(frozen=True)
class RefillFrame:
    """One frame of the press-and-release check."""

    id: Id
    title: str
    caption: Claim
    look: ToneLooks  # the pressed spot in this frame, per tone
    pressing: bool = False  # the finger is still on the lip

    def _problems(self) -> list[tuple[str, str]]:
        return _tone_problems("look", [look.tone for look in self.look])


@dataclass(frozen=True)
class RefillCheck:
    """The press-and-release (capillary refill) check, drawn in frames (appearance fact sheet, section 3)."""

    title: str
    hold: Seconds  # how long to press
    warning: Seconds  # a return that takes this long or longer is a warning sign
    frames: Annotated[tuple[RefillFrame, ...], NonEmpty(), Unique("id")]
    steps: Annotated[tuple[Claim, ...], NonEmpty()]  # how to do it and how to read it
    tone_notes: Annotated[tuple[ToneNote, ...], Unique("tone")] = ()


@dataclass(frozen=True)
class AppearanceSheet:
    """``data/appearance/<id>.yaml``: the shared palette (``basics.yaml``), or the look of some subjects."""

    id: Id
    title: str
    schema_version: Literal[1]
    source: str  # the sections of the appearance fact sheet the file follows
    palette: Palette | None = None
    refill_check: RefillCheck | None = None
    subjects: Annotated[tuple[Subject, ...], Unique("id")] = ()

    def _problems(self) -> list[tuple[str, str]]:
        if (self.palette is None) == (not self.subjects):
            return [("subjects", "an appearance file holds the palette or subjects, not both and not neither")]
        if self.refill_check is not None and self.palette is None:
            return [("refill_check", "the press-and-release check goes with the palette (basics.yaml)")]
        return []


APPEARANCE_DEFINES = {
    "appearance-recipe": lambda d: [r.id for r in d.palette.recipes] if d.palette else [],
    "appearance-content": lambda d: [c.id for c in d.palette.contents] if d.palette else [],
    "appearance-subject": lambda d: [s.id for s in d.subjects],
}

#: The atlas group of the press-and-release check (its pictures are "press-and-release--L" ...).
REFILL_PICTURES = "press-and-release"


def picture_ids(sheets: Iterable[object]) -> list[str]:
    """The id of every illustration the appearance files describe, as :func:`course.appearance.catalogue`
    names them: ``<subject>--<view or cross-section>--<tone>``, ``<subject>--vessels`` and
    ``press-and-release--<tone>``. A subject ``drawn_as`` another is drawn with that one's views.

    Quiz items and case stages name a picture by this id (the link kind ``picture``), so that
    an unknown id is reported at its file, line and field.
    """
    valid = [s for s in sheets if isinstance(s, AppearanceSheet)]
    subjects = {subject.id: subject for sheet in valid for subject in sheet.subjects}
    ids: list[str] = []
    for subject in subjects.values():
        drawn = subjects.get(subject.drawn_as, subject) if subject.drawn_as is not None else subject
        names = [view.id for view in drawn.views] + [section.id for section in subject.sections]
        ids += [f"{subject.id}--{name}--{tone}" for name in names for tone in TONE_GROUPS]
        if subject.vessels is not None:
            ids.append(f"{subject.id}--vessels")
    if any(sheet.refill_check is not None for sheet in valid):
        ids += [f"{REFILL_PICTURES}--{tone}" for tone in TONE_GROUPS]
    return ids


#: Ids that only the appearance files taken together define (a subject may be drawn as one in another file).
APPEARANCE_DEFINES_ACROSS = {"picture": picture_ids}


def appearance_problems(sheet: AppearanceSheet, documents: dict[str, tuple[object, ...]]) -> list[tuple[str, str]]:
    """Rules across appearance files: one palette, each condition described once, ``drawn_as`` a drawn subject."""
    sheets = sorted((d for d in documents.get("appearance", ()) if isinstance(d, AppearanceSheet)), key=lambda d: d.id)
    problems: list[tuple[str, str]] = []
    if sheet.palette is not None:
        holders = [s.id for s in sheets if s.palette is not None]
        if holders[0] != sheet.id:
            problems.append(("palette", f"only one appearance file holds the palette; '{holders[0]}' does too"))
        described = {s.condition for other in sheets for s in other.subjects}
        conditions = sorted(getattr(c, "id", "") for c in documents.get("condition", ()))
        missing = [c for c in conditions if c not in described]
        if missing:
            problems.append(("palette", f"no appearance for the condition(s) {', '.join(missing)}; add their files"))
    others = {s.id: s for other in sheets if other.id != sheet.id for s in other.subjects}
    conditions_elsewhere = {s.condition: other.id for other in sheets if other.id != sheet.id for s in other.subjects}
    mine = {s.id: s for s in sheet.subjects}
    for index, subject in enumerate(sheet.subjects):
        if subject.id in others:
            problems.append((f"subjects[{index}].id", f"subject '{subject.id}' is also described in another file"))
        if subject.condition is not None and subject.condition in conditions_elsewhere:
            where = conditions_elsewhere[subject.condition]
            problems.append((f"subjects[{index}].condition", f"condition '{subject.condition}' is also in '{where}'"))
        if subject.drawn_as is not None:
            target = mine.get(subject.drawn_as) or others.get(subject.drawn_as)
            if target is not None and not target.views:
                problems.append((f"subjects[{index}].drawn_as", f"'{subject.drawn_as}' has no views of its own"))
    return problems


# --- Client aftercare sheets (course/aftercare.py), one per procedure ---
#
# A sheet names what it shows and never restates it: the expected phases are ids of the
# procedure's timeline (their days come from data/procedures/), and each warning sign is a
# set of the checker's findings (their words come from data/triage/findings.yaml) with the
# action level the symptom checker gives them, which ``python -m course check`` verifies.

PhaseId = Annotated[str, Link("phase")]
#: The levels a warning sign can have: "monitor" is expected healing, not a warning sign.
SignLevel = Literal["emergency", "urgent", "same-day", "routine"]
#: Words a client sheet may use only to warn against, never as an instruction.
FORBIDDEN_ADVICE = ("massage", "squeeze", "lance", "pop")
_FORBIDDEN = re.compile(r"\b(massag\w*|squeez\w*|lanc(e|es|ed|ing)\b|pop(s|ped|ping)?\b)", re.IGNORECASE)
_NEGATION = re.compile(r"\b(never|not|do not|don't|cannot|no|avoid)\b", re.IGNORECASE)


def forbidden_instructions(text: str) -> list[str]:
    """The sentences of ``text`` that name massage, squeezing, lancing or popping without warning against it."""
    return [
        sentence.strip()
        for sentence in re.split(r"(?<=[.!?:;])\s+", text)
        if _FORBIDDEN.search(sentence) and not _NEGATION.search(sentence)
    ]


@dataclass(frozen=True)
class WarningSign:
    """Signs a client may notice, on which days, and the action level the symptom checker gives them.

    The sign is any one of ``findings`` (each together with every one of ``together_with``),
    as a client who cannot tell them apart would report it, so its level is the most urgent
    the checker gives any of them. It must be that level on every day from ``start_day`` to
    ``end_day`` (null: no end).
    """

    findings: Annotated[tuple[FindingId, ...], NonEmpty(), Unique("id")]
    level: SignLevel
    start_day: Days = 0
    end_day: Days | None = None
    together_with: Annotated[tuple[FindingId, ...], Unique("id")] = ()

    def _problems(self) -> list[tuple[str, str]]:
        problems = []
        if self.end_day is not None:
            problems += _span_problems("start_day", self.start_day, "end_day", self.end_day)
        both = sorted(set(self.findings) & set(self.together_with))
        if both:
            problems.append(("together_with", f"'{both[0]}' is also in findings; name it in one of the two"))
        return problems


@dataclass(frozen=True)
class AftercareAdvice:
    """One point of aftercare advice, with its evidence tag and sources."""

    text: str
    evidence: Evidence
    refs: Refs

    def _problems(self) -> list[tuple[str, str]]:
        return [
            (
                "text",
                f"'{sentence}' reads as an instruction to {', '.join(FORBIDDEN_ADVICE)};"
                " a sheet may only warn against them",
            )
            for sentence in forbidden_instructions(self.text)
        ]


@dataclass(frozen=True)
class AftercareSheet:
    """An example client aftercare sheet for one procedure, with its safety net (``data/aftercare/``)."""

    id: Id  # the procedure's id
    title: str
    schema_version: Literal[1]
    procedure: ProcedureId
    expected: Annotated[tuple[PhaseId, ...], NonEmpty(), Unique("id")]  # phases of the procedure's timeline
    # What the fact base supports, besides "follow your practitioner's written instructions" (which every sheet says).
    advice: tuple[AftercareAdvice, ...]
    signs: Annotated[tuple[WarningSign, ...], NonEmpty()]
    gaps: tuple[str, ...] = ()  # what the sheet leaves out, and why

    def _problems(self) -> list[tuple[str, str]]:
        problems = []
        if self.id != self.procedure:
            problems.append(("procedure", f"a sheet's id is its procedure's; '{self.id}' is not '{self.procedure}'"))
        if not self.advice and not self.gaps:
            problems.append(("advice", "give at least one point of advice, or say in gaps why there is none"))
        return problems


def aftercare_problems(sheet: AftercareSheet, documents: dict[str, tuple[object, ...]]) -> list[tuple[str, str]]:
    """Every expected phase must be a phase of the sheet's own procedure's timeline, not another's."""
    procedures = [p for p in documents.get("procedure", ()) if isinstance(p, Procedure)]
    procedure = next((p for p in procedures if p.id == sheet.procedure), None)
    if procedure is None:
        return []  # an unknown procedure is reported at its own line
    mine = [p.id for p in procedure.phases]
    anywhere = {p.id for other in procedures for p in other.phases}  # a phase of none is an unknown link
    return [
        (
            f"expected[{index}]",
            f"'{phase}' is not a phase of the {procedure.id} timeline; its phases: {', '.join(mine)}",
        )
        for index, phase in enumerate(sheet.expected)
        if phase in anywhere and phase not in mine
    ]
