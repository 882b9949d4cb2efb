"""The educational symptom checker: "what should happen now?"

>>> from course.triage import assess
>>> result = assess("lip-filler", 3, {"clustered-pustules", "dusky-skin"})
>>> result.level
'urgent'
>>> result.rules
('T3', 'T4', 'T5', 'T22', 'T24')

The rules are data (``data/triage/rules.yaml``, from the clinical fact base,
section 5); this module only applies them. A rule matches on the procedure, the
day and the *presence* of findings, never on their absence, and the level of a
result is the most urgent level of all matching rules. So ticking one more
finding can add matches but never remove one: the level never goes down.

Educational use only: the rules are not validated for real patients.

Pure Python: no widgets, no plots (the view lives in ``course/widgets``).
"""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from course import locations, models
from course.content import Course, default_data_dir, load_course
from course.regions import local_notices, localise

__all__ = [
    "CRITICAL_LEVELS",
    "LEVELS",
    "OVER_TRIAGE_DEDUCTION",
    "Assessment",
    "LevelGrade",
    "Match",
    "Notice",
    "Rule",
    "assess",
    "check_procedure",
    "checklist",
    "compare_levels",
    "critical_reason",
    "finding_ids",
    "finding_labels",
    "get_role",
    "grade_level",
    "is_critical_under_triage",
    "is_under_triage",
    "level_info",
    "load_rules",
    "most_urgent",
    "procedure_ids",
    "roles",
    "rule_book",
]

#: The action levels, most urgent first.
LEVELS: tuple[str, ...] = models.ACTION_LEVELS
#: Levels where answering too low is a critical error, not just a lower score.
CRITICAL_LEVELS: tuple[str, ...] = models.CRITICAL_TRIAGE_LEVELS
#: Over-triage loses this share of the level mark per level of extra urgency.
OVER_TRIAGE_DEDUCTION = 0.25
_RANK = {level: rank for rank, level in enumerate(LEVELS)}  # 0 is the most urgent
_SCOPE_LEVELS = frozenset({"emergency", "urgent", "same-day"})


# --- Levels -----------------------------------------------------------------


def _check_level(level: object, name: str = "level") -> str:
    if not isinstance(level, str) or level not in _RANK:
        raise ValueError(f"unknown {name} {level!r}; valid levels, most urgent first: {', '.join(LEVELS)}")
    return level


def compare_levels(a: str, b: str) -> int:
    """Positive if level ``a`` is more urgent than ``b``, negative if less, 0 if the same."""
    return _RANK[_check_level(b)] - _RANK[_check_level(a)]


def most_urgent(levels: Iterable[str]) -> str:
    """The most urgent of ``levels``; "monitor" when there are none."""
    ranks = [_RANK[_check_level(level)] for level in levels]
    return LEVELS[min(ranks)] if ranks else "monitor"


def is_under_triage(chosen: str, expected: str) -> bool:
    """True if the learner's ``chosen`` level is less urgent than the ``expected`` one."""
    return compare_levels(_check_level(chosen, "chosen level"), _check_level(expected, "expected level")) < 0


def is_critical_under_triage(chosen: str, expected: str) -> bool:
    """True for the error that matters most: an emergency or urgent case answered with a lower level."""
    return is_under_triage(chosen, expected) and expected in CRITICAL_LEVELS


@dataclass(frozen=True)
class LevelGrade:
    """How a learner's level compares with the course's. Over-triage is a minor error,
    under-triage a bigger one, and under-triage of an emergency or urgent case is critical."""

    chosen: str
    expected: str
    verdict: str  # "correct", "over" (more urgent than needed) or "under" (less urgent)
    steps: int  # how many levels apart
    critical: bool

    @property
    def correct(self) -> bool:
        return self.verdict == "correct"

    @property
    def score(self) -> float:
        """The one score of a level choice, in quizzes, cases and the checker alike: 1 when right;
        over-triage loses :data:`OVER_TRIAGE_DEDUCTION` per level of extra urgency; under-triage 0."""
        if self.verdict == "correct":
            return 1.0
        return max(0.0, 1 - OVER_TRIAGE_DEDUCTION * self.steps) if self.verdict == "over" else 0.0


def grade_level(chosen: str, expected: str) -> LevelGrade:
    """Compare a learner's level with the expected one (see :class:`LevelGrade`)."""
    difference = compare_levels(_check_level(chosen, "chosen level"), _check_level(expected, "expected level"))
    verdict = "correct" if difference == 0 else ("over" if difference > 0 else "under")
    return LevelGrade(chosen, expected, verdict, abs(difference), is_critical_under_triage(chosen, expected))


# --- Rules --------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """One rule that matched, with the level it gave (after any escalation)."""

    rule: models.TriageRule
    level: str
    reason: str  # the rule's reason, then the escalation's if one applied
    contact: str
    escalation: models.Escalation | None = None

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def refs(self) -> tuple[str, ...]:
        return self.rule.refs

    @property
    def evidence(self) -> str:
        return self.rule.evidence


class RuleLike(Protocol):
    """What :func:`assess` needs of a rule (tests pass their own to prove the safety checks can fail)."""

    def check(self, procedure: str, day: float, findings: frozenset[str]) -> Match | None: ...


@dataclass(frozen=True)
class _Pattern:
    any_of: frozenset[str]
    all_of: frozenset[str]
    start: float
    end: float

    @classmethod
    def build(cls, pattern: models.FindingPattern) -> _Pattern:
        start = pattern.start_day if pattern.start_day is not None else 0.0
        end = pattern.end_day if pattern.end_day is not None else math.inf
        return cls(frozenset(pattern.any_of), frozenset(pattern.all_of), start, end)

    def matches(self, day: float, findings: frozenset[str]) -> bool:
        # Presence only: a superset of findings matches whatever a subset matched.
        return (
            self.start <= day <= self.end
            and self.all_of <= findings
            and (not self.any_of or not self.any_of.isdisjoint(findings))
        )


@dataclass(frozen=True)
class Rule:
    """A rule from ``rules.yaml``, ready to check against an input."""

    model: models.TriageRule
    procedures: frozenset[str] | None  # None: every procedure
    start: float
    end: float
    patterns: tuple[_Pattern, ...]
    match: Match  # the result when the rule matches and no escalation does
    escalations: tuple[tuple[Match, tuple[_Pattern, ...]], ...]  # most urgent first

    @classmethod
    def build(cls, rule: models.TriageRule) -> Rule:
        escalations = sorted(rule.escalations, key=lambda e: _RANK[e.level])
        return cls(
            model=rule,
            procedures=None if rule.procedures == "all" else frozenset(rule.procedures),
            start=rule.start_day,
            end=rule.end_day if rule.end_day is not None else math.inf,
            patterns=tuple(_Pattern.build(p) for p in rule.match),
            match=Match(rule, rule.level, rule.reason, rule.contact),
            escalations=tuple(
                (
                    Match(rule, e.level, f"{rule.reason} {e.reason}", e.contact or rule.contact, e),
                    tuple(_Pattern.build(p) for p in e.when),
                )
                for e in escalations
            ),
        )

    @property
    def id(self) -> str:
        return self.model.id

    def applies_to(self, procedure: str) -> bool:
        return self.procedures is None or procedure in self.procedures

    def check(self, procedure: str, day: float, findings: frozenset[str]) -> Match | None:
        """The match for this input, or None."""
        if not self.applies_to(procedure):
            return None
        return self._check_day_and_findings(day, findings)

    def _check_day_and_findings(self, day: float, findings: frozenset[str]) -> Match | None:
        if not (self.start <= day <= self.end):
            return None
        for pattern in self.patterns:
            if pattern.matches(day, findings):
                break
        else:
            return None
        for escalated, patterns in self.escalations:
            for pattern in patterns:
                if pattern.matches(day, findings):
                    return escalated
        return self.match


@dataclass(frozen=True)
class _Book:
    """Everything the checker needs from one course, prepared once."""

    course: Course
    findings: dict[str, models.Finding]
    procedures: tuple[str, ...]
    book: models.RuleBook
    rules: tuple[Rule, ...]
    by_procedure: dict[str, tuple[Rule, ...]]
    # procedure -> finding -> positions in by_procedure[procedure] of the rules whose
    # patterns name that finding: only those can match, which keeps big sweeps fast.
    by_finding: dict[str, dict[str, tuple[int, ...]]]
    levels: dict[str, models.ActionLevelInfo]
    valid_findings: str
    valid_procedures: str


_BOOKS: dict[int, _Book] = {}
_DEFAULT_COURSES: dict[str | None, Course] = {}


def _single(course: Course, kind: str, path: str) -> object:
    documents = course.of_kind(kind)
    if not documents:
        raise ValueError(f"the course data in {course.data_dir.name}/ has no {path}; the symptom checker needs it")
    return documents[0]


def _book(course: Course | None) -> _Book:
    if course is None:
        # load_course() is cached too, but resolving the folder on every call would slow the checker.
        key = os.environ.get(locations.DATA_ENV_VAR)
        course = _DEFAULT_COURSES.get(key)
        if course is None:
            course = _DEFAULT_COURSES[key] = load_course(default_data_dir())
    cached = _BOOKS.get(id(course))
    if cached is not None and cached.course is course:
        return cached
    finding_list = _single(course, "findings", "triage/findings.yaml")
    rule_list = _single(course, "triage-rules", "triage/rules.yaml")
    level_list = _single(course, "triage-levels", "triage/levels.yaml")
    assert isinstance(finding_list, models.FindingList)
    assert isinstance(rule_list, models.RuleBook)
    assert isinstance(level_list, models.ActionLevelList)
    rules = tuple(Rule.build(r) for r in rule_list.rules)
    procedures = tuple(sorted(course.procedures))
    findings = {f.id: f for f in finding_list.findings}
    by_procedure = {p: tuple(r for r in rules if r.applies_to(p)) for p in procedures}
    by_finding: dict[str, dict[str, tuple[int, ...]]] = {}
    for procedure, procedure_rules in by_procedure.items():
        positions: dict[str, list[int]] = {}
        for position, rule in enumerate(procedure_rules):
            for finding in {f for p in rule.patterns for f in p.any_of | p.all_of}:
                positions.setdefault(finding, []).append(position)
        by_finding[procedure] = {finding: tuple(found) for finding, found in positions.items()}
    book = _Book(
        course=course,
        findings=findings,
        procedures=procedures,
        book=rule_list,
        rules=rules,
        by_procedure=by_procedure,
        by_finding=by_finding,
        levels={level.id: level for level in level_list.levels},
        valid_findings=", ".join(sorted(findings)),
        valid_procedures=", ".join(procedures),
    )
    _BOOKS[id(course)] = book
    return book


def rule_book(*, course: Course | None = None) -> models.RuleBook:
    """The rules and the vascular checklist, as loaded from ``data/triage/rules.yaml``."""
    return _book(course).book


def load_rules(*, course: Course | None = None) -> tuple[Rule, ...]:
    """The course's rules, ready to check, in file order (to pass, changed, as ``assess(rules=...)``)."""
    return _book(course).rules


def procedure_ids(*, course: Course | None = None) -> tuple[str, ...]:
    """The procedure ids :func:`assess` accepts, sorted."""
    return _book(course).procedures


def finding_ids(*, course: Course | None = None) -> tuple[str, ...]:
    """The finding ids :func:`assess` accepts, in checklist order."""
    return tuple(_book(course).findings)


def checklist(*, course: Course | None = None) -> tuple[tuple[models.FindingGroup, tuple[models.Finding, ...]], ...]:
    """The findings grouped under their checklist headings, in the order the data gives."""
    finding_list = _single(_book(course).course, "findings", "triage/findings.yaml")
    assert isinstance(finding_list, models.FindingList)
    return tuple(
        (group, tuple(f for f in finding_list.findings if f.group == group.id)) for group in finding_list.groups
    )


def level_info(level: str, *, course: Course | None = None) -> models.ActionLevelInfo:
    """How to show ``level``: its label, meaning, shape and colour."""
    return _book(course).levels[_check_level(level)]


def finding_labels(*, course: Course | None = None) -> dict[str, str]:
    """Each checklist finding's label, by its id (results name findings by id, learners by label)."""
    return {f.id: f.label for _, findings in checklist(course=course) for f in findings}


def roles(*, course: Course | None = None) -> tuple[models.Role, ...]:
    """The roles the checker words its advice for (``data/triage/roles.yaml``), in data order."""
    role_list = (course or load_course()).roles
    if role_list is None:
        raise ValueError("the course data has no triage/roles.yaml; the symptom checker needs it")
    return role_list.roles


def get_role(role_id: str, *, course: Course | None = None) -> models.Role:
    """The role ``role_id``; ``ValueError`` naming the valid roles if there is none."""
    known = roles(course=course)
    for role in known:
        if role.id == role_id:
            return role
    raise ValueError(f"unknown role {role_id!r}; valid roles: {', '.join(r.id for r in known)}")


# --- Assessment ---------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    """A text the result screen must show; ``name`` is its field in ``data/notices.yaml``."""

    name: str
    text: str


@dataclass(frozen=True)
class Assessment:
    """What the checker decided for one procedure, day and set of findings."""

    procedure: str
    day: float
    findings: frozenset[str]
    level: str  # one of LEVELS
    rules: tuple[str, ...]  # ids of the matching rules, most urgent first
    matches: tuple[Match, ...]  # the same rules with their levels, reasons and references
    contact: str  # whom to contact and how fast
    level_info: models.ActionLevelInfo  # label, meaning, shape and colour of the level
    # Finding ids of the vascular checklist, shown after filler in the first days whatever
    # else matched, and later whenever checklist_first is set; empty when it does not apply.
    vascular_checklist: tuple[str, ...]
    checklist_first: bool  # teaching override (T4, T22, T26): show the vascular checklist before the answer
    notices: tuple[Notice, ...]  # educational use, whom to contact, scope, emergency, approximate values

    @property
    def refs(self) -> tuple[str, ...]:
        """Reference keys of the matching rules, most urgent rule first, each once."""
        return tuple(dict.fromkeys(key for m in self.matches for key in m.refs))

    @property
    def approximate(self) -> bool:
        """True if any matching rule is approximate (A), i.e. still awaits clinical review."""
        return any(m.evidence == "A" for m in self.matches)

    @property
    def critical(self) -> bool:
        """True for emergency and urgent results, where answering lower is a critical error."""
        return self.level in CRITICAL_LEVELS

    def summary(self) -> str:
        """The result in a few lines of plain text."""
        lines = [f"{self.level_info.label} ({self.level_info.shape})", f"Contact: {self.contact}"]
        lines += [f"- {m.id} {m.rule.title}: {m.reason} [{', '.join(m.refs)}]" for m in self.matches]
        if self.vascular_checklist:
            lines.append("Vascular checklist: " + ", ".join(self.vascular_checklist))
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.summary().replace("\n", "  \n")


def _check_procedure(book: _Book, procedure: object) -> str:
    if not isinstance(procedure, str) or procedure not in book.by_procedure:
        raise ValueError(f"unknown procedure {procedure!r}; valid procedures: {book.valid_procedures}")
    return procedure


def check_procedure(procedure: object, *, course: Course | None = None) -> str:
    """``procedure`` if the checker knows it; ``ValueError`` naming the valid procedures if not."""
    return _check_procedure(_book(course), procedure)


def _check_day(day: object) -> float:
    valid = "valid days: a number from 0 upwards (0 is the treatment day, 0.5 about 12 hours later)"
    if isinstance(day, bool) or not isinstance(day, numbers.Real):
        raise ValueError(f"day must be a number, not {day!r}; {valid}")
    value = float(day)
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise ValueError(f"day {day!r} is not a number of days since the treatment; {valid}")
    return value


def _check_findings(book: _Book, findings: object) -> frozenset[str]:
    valid = f"valid findings: {book.valid_findings}"
    if isinstance(findings, (str, bytes)):
        raise ValueError(
            f"findings must be a collection of finding ids such as {{'blanching'}}, not {findings!r}; {valid}"
        )
    if not isinstance(findings, (frozenset, set, list, tuple)) and not isinstance(findings, Iterable):
        raise ValueError(f"findings must be a collection of finding ids, not {findings!r}; {valid}")
    items = tuple(findings)
    known = book.findings
    unknown = [item for item in items if not isinstance(item, str) or item not in known]
    if unknown:
        shown = list(dict.fromkeys(repr(item) for item in unknown))
        names = ", ".join(shown)
        label = "finding" if len(shown) == 1 else "findings"
        raise ValueError(f"unknown {label} {names}; {valid}")
    return frozenset(items)


def assess(
    procedure: str,
    day: float,
    findings: Iterable[str],
    *,
    course: Course | None = None,
    rules: Sequence[RuleLike] | None = None,
) -> Assessment:
    """What should happen now: the action level for ``findings`` on ``day`` after ``procedure``.

    ``procedure`` and ``findings`` are ids (see :func:`procedure_ids`, :func:`finding_ids`);
    ``day`` counts days since the treatment (0 is the treatment day). Bad input raises
    ``ValueError`` naming the bad value and the valid ones. ``course`` (a loaded course) and
    ``rules`` (rules to apply instead of the course's) exist for tests.
    """
    book = _book(course)
    procedure = _check_procedure(book, procedure)
    day = _check_day(day)
    observed = _check_findings(book, findings)

    found: list[Match] = []
    if rules is None:
        procedure_rules = book.by_procedure[procedure]
        by_finding = book.by_finding[procedure]
        positions: set[int] = set()
        for finding in observed:
            positions.update(by_finding.get(finding, ()))
        for position in sorted(positions):
            match = procedure_rules[position]._check_day_and_findings(day, observed)
            if match is not None:
                found.append(match)
    else:
        for candidate in rules:
            match = candidate.check(procedure, day, observed)
            if match is not None:
                found.append(match)
    found.sort(key=lambda m: _RANK[m.level])  # stable: equal levels keep the file's order
    level = found[0].level if found else "monitor"
    info = book.levels[level]

    checklist_spec = book.book.vascular_checklist
    matches = tuple(found)
    checklist_first = any(m.rule.checklist_first for m in matches)
    # Shown on its own days whatever matched, and on any later day when a rule asks for it
    # first (a spot on the lip in the first week after filler, for example).
    in_window = procedure in checklist_spec.procedures and (
        checklist_spec.start_day <= day <= checklist_spec.end_day or checklist_first
    )
    return Assessment(
        procedure=procedure,
        day=day,
        findings=observed,
        level=level,
        rules=tuple(m.id for m in matches),
        matches=matches,
        contact=localise(matches[0].contact if matches else info.contact, book.course),
        level_info=info,
        vascular_checklist=checklist_spec.items if in_window else (),
        checklist_first=checklist_first,
        notices=_notices(local_notices(book.course), level, any(m.rule.evidence == "A" for m in matches)),
    )


def critical_reason(result: Assessment, chosen: str, *, course: Course | None = None) -> str:
    """Why answering ``chosen`` to ``result`` is dangerous: the level given, the level needed, and the
    most urgent rule's reason. The checker shows it in the critical-error flag, when the grade is critical."""
    top = result.matches[0].reason if result.matches else ""
    need = level_info(result.level, course=course).label
    given = level_info(chosen, course=course).label
    return f"You chose “{given}”, but this needs “{need}”. {top}"


def _notices(notices: models.Notices, level: str, approximate: bool) -> tuple[Notice, ...]:
    names = ["educational_use"]
    if level == "emergency":
        names.append("emergency")
    names.append("whom_to_contact")
    if level in _SCOPE_LEVELS:
        names.append("scope_reminder")
    if approximate:
        names.append("approximate_values")
    return tuple(Notice(name, getattr(notices, name)) for name in names)
