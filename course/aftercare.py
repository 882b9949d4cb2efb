"""Client aftercare sheets: what to expect, what helps, and the safety net, one sheet per procedure.

>>> from course.aftercare import aftercare_sheet
>>> sheet = aftercare_sheet("lip-filler")
>>> [sign.level for sign in sheet.signs][:2]
['emergency', 'emergency']

A sheet (``data/aftercare/<procedure>.yaml``) only names what it shows:

* the expected phases are ids of the procedure's timeline, shown with their usual days
  (:mod:`course.timeline`), so no number is written twice;
* each warning sign is a set of the symptom checker's findings, shown in the checklist's
  words, with the level and the contact that :func:`course.triage.assess` gives them. A client
  cannot tell the findings of one sign apart, so the sign takes the most urgent level of any
  of them; :func:`sheet_problems` (run by ``python -m course check``) fails when that is not
  the level the sheet states on every day of the sign's days, or when the sheet leaves out a
  sign the checker rates urgent or emergency.

The sheets are examples for training, never a replacement for the practitioner's own sheet.
Pure Python: no widgets, no plots (the page is drawn by :mod:`course.render.handouts`).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from pathlib import Path

from course import models, timeline, triage
from course._yaml import LineDict, LineList, load_yaml
from course.content import Course, load_course

__all__ = ["SheetView", "SignView", "aftercare_sheet", "sheet_problems", "sign_days"]

#: The levels a client can act on, most urgent first ("monitor" is expected healing).
SIGN_LEVELS: tuple[str, ...] = ("emergency", "urgent", "same-day", "routine")


@dataclass(frozen=True)
class SignView:
    """One warning sign as the sheet shows it: the checker's words, level and contact."""

    findings: tuple[str, ...]  # finding ids: any one of them is the sign
    labels: tuple[str, ...]  # their words on the checklist
    together_with: tuple[str, ...]  # finding ids that must come with it
    together_labels: tuple[str, ...]
    days: str  # "any day", "days 0–3", "from day 14"
    level: str  # the checker's (the sheet's own, once the content check passes)
    contact: str  # whom to contact and how fast, as the checker words it, with the local numbers
    rules: tuple[str, ...]  # the checker's rules behind it
    refs: tuple[str, ...]
    approximate: bool  # a rule behind it is approximate (A)
    checklist_first: bool  # go through the blocked-vessel checklist first


@dataclass(frozen=True)
class SheetView:
    """One procedure's aftercare sheet, ready to print."""

    sheet: models.AftercareSheet
    procedure: models.Procedure
    expected: tuple[timeline.Entry, ...]
    signs: tuple[SignView, ...]
    checklist: models.VascularChecklist | None  # the blocked-vessel checklist, after filler
    checklist_labels: tuple[str, ...]

    def signs_at(self, level: str) -> tuple[SignView, ...]:
        return tuple(s for s in self.signs if s.level == level)


def sign_days(sign: models.WarningSign) -> str:
    """A sign's days in words: "any day", "days 0–3", "from day 14", "days 14–21"."""
    start, end = timeline.format_day(sign.start_day), sign.end_day
    if end is None:
        return "any day" if sign.start_day == 0 else f"from day {start}"
    return f"day {start}" if sign.start_day == end else f"days {start}–{timeline.format_day(end)}"


def _boundaries(course: Course) -> tuple[float, ...]:
    """Every day on which a rule's answer can change: between two of them, the checker's answer is the same."""
    days: set[float] = set()
    for rule in triage.load_rules(course=course):
        days.update((rule.start, rule.end))
        patterns = [*rule.patterns, *(p for _, ps in rule.escalations for p in ps)]
        for pattern in patterns:
            days.update((pattern.start, pattern.end))
    return tuple(sorted(d for d in days if math.isfinite(d)))


def _days_to_check(start: float, end: float | None, boundaries: tuple[float, ...]) -> tuple[float, ...]:
    """The sign's first and last day, every boundary between, and a day between each two: every answer."""
    last = end if end is not None else max((*boundaries, start)) + 1
    points = sorted({start, last, *(b for b in boundaries if start < b < last)})
    between = [(a + b) / 2 for a, b in itertools.pairwise(points)]
    return tuple(sorted({*points, *between}))


def _most_urgent(procedure: str, day: float, sign: models.WarningSign, course: Course) -> tuple[triage.Assessment, ...]:
    """The checker's answers for each finding of the sign on ``day``, the most urgent first."""
    answers = [
        triage.assess(procedure, day, {finding, *sign.together_with}, course=course) for finding in sign.findings
    ]
    return tuple(sorted(answers, key=lambda a: triage.LEVELS.index(a.level)))


def _sign_view(
    procedure: str, sign: models.WarningSign, labels: dict[str, str], boundaries: tuple[float, ...], course: Course
) -> SignView:
    days = _days_to_check(sign.start_day, sign.end_day, boundaries)
    answers = [a for day in days for a in _most_urgent(procedure, day, sign, course)]
    top = min(answers, key=lambda a: triage.LEVELS.index(a.level))  # the first day's, on a tie
    deciding = [a for a in answers if a.level == top.level]
    return SignView(
        findings=sign.findings,
        labels=tuple(labels[f] for f in sign.findings),
        together_with=sign.together_with,
        together_labels=tuple(labels[f] for f in sign.together_with),
        days=sign_days(sign),
        level=top.level,
        contact=top.contact,
        rules=tuple(dict.fromkeys(r for a in deciding for r in a.rules[:1])),
        refs=top.refs,
        approximate=top.approximate,
        checklist_first=any(a.checklist_first for a in deciding),
    )


def aftercare_sheet(procedure: str, course: Course | None = None) -> SheetView:
    """The aftercare sheet of ``procedure``; ``ValueError`` naming the procedures that have one."""
    course = course or load_course()
    sheets = {s.procedure: s for s in course.aftercare_sheets}
    if procedure not in sheets:
        raise ValueError(f"no aftercare sheet for {procedure!r}; sheets: {', '.join(sorted(sheets)) or '(none)'}")
    sheet = sheets[procedure]
    found = course.procedures[procedure]
    entries = {e.id: e for e in timeline.entries(procedure, course)}
    labels = triage.finding_labels(course=course)
    book = triage.rule_book(course=course)
    boundaries = _boundaries(course)
    checklist = book.vascular_checklist if procedure in book.vascular_checklist.procedures else None
    return SheetView(
        sheet=sheet,
        procedure=found,
        expected=tuple(entries[phase] for phase in sheet.expected),
        signs=tuple(_sign_view(procedure, sign, labels, boundaries, course) for sign in sheet.signs),
        checklist=checklist,
        checklist_labels=tuple(labels[f] for f in checklist.items) if checklist else (),
    )


# --- The content check: one rule on the sheet and in the checker ------------------------------


def _where(course: Course, sheet: models.AftercareSheet) -> tuple[str, LineList | None]:
    """The sheet's file as a reader would type it, and its ``signs`` list with the line of each item."""
    path = course.data_dir / "aftercare" / f"{sheet.id}.yaml"
    try:
        shown = str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        shown = str(path)
    document = load_yaml(path)[0] if path.exists() else None
    signs = document.get("signs") if isinstance(document, LineDict) else None
    return shown, signs if isinstance(signs, LineList) else None


def _line(signs: LineList | None, index: int, key: str) -> int:
    if signs is None or index >= len(signs):
        return 1
    item = signs[index]
    if isinstance(item, LineDict) and key in item.key_lines:
        return item.key_lines[key]
    return signs.item_lines[index]


def sheet_problems(sheet: models.AftercareSheet, course: Course | None = None) -> list[str]:
    """Every way ``sheet`` disagrees with the symptom checker, as ``path:line: field: message``.

    * A sign's level must be the most urgent level the checker gives any of its findings, on
      every day of its days (a client cannot tell them apart; the more urgent one applies).
    * Every finding the checker rates emergency or urgent on some day must be on the sheet on
      that day (a safety net with a gap is no safety net).
    * Every finding of an emergency or urgent sign (with what must come with it) must hold a
      warning sign (``red_flag``), which the checker never rates below same day on any day: so
      "the signs above, on other days: today" holds.
    """
    course = course or load_course()
    shown, signs = _where(course, sheet)
    procedure = sheet.procedure
    boundaries = _boundaries(course)
    findings = {f.id: f for _, group in triage.checklist(course=course) for f in group}
    problems = []
    for index, sign in enumerate(sheet.signs):
        for day in _days_to_check(sign.start_day, sign.end_day, boundaries):
            answers = _most_urgent(procedure, day, sign, course)
            if answers[0].level != sign.level:
                problems.append(
                    f"{shown}:{_line(signs, index, 'level')}: signs[{index}].level: the sheet says {sign.level},"
                    f" but on day {day:g} the symptom checker gives {answers[0].level} for"
                    f" {', '.join(sign.findings)} (rules {', '.join(answers[0].rules) or 'none'});"
                    " change the level or the days, or split the sign"
                )
                break
        if sign.level in models.CRITICAL_TRIAGE_LEVELS:
            for finding in sign.findings:
                if not any(findings[f].red_flag for f in (finding, *sign.together_with)):
                    problems.append(
                        f"{shown}:{_line(signs, index, 'findings')}: signs[{index}].findings: '{finding}' is not a"
                        " warning sign (red_flag), nor is what comes with it, so it cannot be under emergency or"
                        " urgent"
                    )
    for finding in findings:
        for day in _days_to_check(0, None, boundaries):
            level = triage.assess(procedure, day, {finding}, course=course).level
            if level not in models.CRITICAL_TRIAGE_LEVELS:
                continue
            covered = any(
                finding in s.findings
                and not s.together_with
                and s.start_day <= day <= (s.end_day if s.end_day is not None else math.inf)
                for s in sheet.signs
            )
            if not covered:
                problems.append(
                    f"{shown}:1: signs: '{finding}' is {level} on day {day:g} after {procedure}, but no sign"
                    " of the sheet names it on that day; add it"
                )
                break
    return problems
