"""What to expect day by day after each procedure: pure logic over ``data/procedures``.

>>> from course.timeline import on_day
>>> view = on_day("lip-filler", 3)
>>> [entry.label for entry in view.must_not_miss][:1]
['VO stage 3: pustules in one vessel area']

A day is a number of days after the treatment (0 is the treatment day, 0.5
about 12 hours later) from 0 to the timeline's horizon (day 90). An entry is
"in its window" on day ``d`` when ``start_day <= d <= end_day`` (or, for
items that continue past the horizon, from ``start_day`` on). An expected
phase past its typical end but before ``end_upper_day`` is listed as "may
still be present". No ipywidgets or matplotlib here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from numbers import Real

from course.content import Course, load_course
from course.models import EVIDENCE_LABELS, HORIZON_DAYS, Procedure, TimelineItem

__all__ = [
    "Comparison",
    "DayView",
    "Entry",
    "Timeline",
    "compare",
    "day_sentence",
    "describe_window",
    "entries",
    "format_day",
    "next_day",
    "on_day",
    "over_range",
    "previous_day",
    "procedure_ids",
    "statuses",
    "unnamed_condition",
    "validate_day",
    "validate_procedure",
]


@dataclass(frozen=True)
class Entry:
    """One timeline item, ready for a learner to read."""

    id: str
    label: str
    kind: str  # "phase" (expected healing) or "complication"
    start_day: float
    end_day: float
    end_upper_day: float | None
    open_end: bool
    evidence: str  # "S" or "A"
    refs: tuple[str, ...]
    must_not_miss: bool
    condition: str | None
    note: str | None
    window: str  # the window in words, e.g. "days 2–4" or "from week 1 (day 7), past day 90"

    @property
    def evidence_label(self) -> str:
        return EVIDENCE_LABELS[self.evidence]

    @property
    def kind_label(self) -> str:
        """The kind in words, as the table shows it: "expected healing", "complication (must not miss)"."""
        words = "expected healing" if self.kind == "phase" else "complication"
        return words + " (must not miss)" if self.must_not_miss else words

    @property
    def last_day(self) -> float:
        """The last day this entry can be present on the timeline."""
        if self.open_end:
            return HORIZON_DAYS
        return self.end_upper_day if self.end_upper_day is not None else self.end_day

    def in_window(self, day: float) -> bool:
        end = HORIZON_DAYS if self.open_end else self.end_day
        return self.start_day <= day <= end

    def lingering(self, day: float) -> bool:
        """Past its typical end but within its upper end: may still be present."""
        return not self.in_window(day) and self.end_upper_day is not None and self.end_day < day <= self.end_upper_day


@dataclass(frozen=True)
class DayView:
    """What the timeline says about one day after one procedure."""

    procedure: str
    procedure_title: str
    day: float
    expected: tuple[Entry, ...]  # normal phases in their window
    may_persist: tuple[Entry, ...]  # normal phases past their typical end, within the upper end
    complications: tuple[Entry, ...]  # complications within their usual window
    must_not_miss: tuple[Entry, ...]  # the complications above that must not be missed

    @property
    def others(self) -> tuple[Entry, ...]:
        """The complications in their usual window that are not must-not-miss."""
        return tuple(e for e in self.complications if not e.must_not_miss)

    @property
    def refs(self) -> tuple[str, ...]:
        keys: dict[str, None] = {}
        for entry in (*self.expected, *self.may_persist, *self.complications):
            keys.update(dict.fromkeys(entry.refs))
        return tuple(keys)


@dataclass(frozen=True)
class Comparison:
    """Two procedures on the same day, and what only one of them brings."""

    day: float
    first: DayView
    second: DayView

    @property
    def only_first(self) -> tuple[str, ...]:
        return _labels_not_in(self.first.complications, self.second.complications)

    @property
    def only_second(self) -> tuple[str, ...]:
        return _labels_not_in(self.second.complications, self.first.complications)


def _labels_not_in(these: Iterable[Entry], others: Iterable[Entry]) -> tuple[str, ...]:
    other_conditions = {e.condition for e in others if e.condition}
    return tuple(e.label for e in these if not (e.condition and e.condition in other_conditions))


def procedure_ids(course: Course | None = None) -> tuple[str, ...]:
    return tuple(sorted((course or load_course()).procedures))


def validate_procedure(procedure: object, course: Course | None = None) -> Procedure:
    """The procedure with this id, or a ValueError naming it and listing the valid ids."""
    course = course or load_course()
    if not isinstance(procedure, str) or procedure not in course.procedures:
        valid = ", ".join(procedure_ids(course))
        raise ValueError(f"unknown procedure {procedure!r}; valid procedures: {valid}")
    return course.procedures[procedure]


def validate_day(day: object) -> float:
    """``day`` as a float from 0 to the horizon, or a ValueError naming it and the valid range."""
    valid = f"a number of days from 0 (the treatment day) to {HORIZON_DAYS}"
    if isinstance(day, bool) or not isinstance(day, Real):
        raise ValueError(f"day must be {valid}; got {day!r}")
    value = float(day)
    if math.isnan(value) or value < 0 or value > HORIZON_DAYS:
        raise ValueError(f"day {day!r} is outside the timeline; valid days: {valid}")
    return value


def format_day(day: float) -> str:
    """A day number for reading: 3, 0.5, 1.5."""
    return f"{day:g}"


def _weeks(day: float) -> str:
    """Whole weeks (the exact day is always given beside it)."""
    return f"{max(1, round(day / 7))}"


def describe_window(start: float, end: float, open_end: bool = False) -> str:
    """A window in words: hours for the first day, days up to two weeks, weeks after that."""
    if open_end:
        if start < 7:
            return f"from day {format_day(start)}, continuing past day {HORIZON_DAYS}"
        return f"from week {_weeks(start)} (day {format_day(start)}), continuing past day {HORIZON_DAYS}"
    if end < 1 and start == 0:
        return f"the first hours (day 0 to {format_day(end)})" if end > 0 else "day 0 (the treatment day)"
    if start == end:
        return f"around day {format_day(start)}"
    if end <= 14 and start < 7:
        return f"days {format_day(start)}–{format_day(end)}"
    return f"weeks {_weeks(start)}–{_weeks(end)} (days {format_day(start)}–{format_day(end)})"


def _entry(item: TimelineItem, kind: str) -> Entry:
    window = describe_window(item.start_day, item.end_day, item.open_end)
    if item.end_upper_day is not None and item.end_upper_day > item.end_day and not item.open_end:
        window += f", sometimes up to day {format_day(item.end_upper_day)}"
    return Entry(
        id=item.id,
        label=item.label,
        kind=kind,
        start_day=item.start_day,
        end_day=item.end_day,
        end_upper_day=item.end_upper_day,
        open_end=item.open_end,
        evidence=item.evidence,
        refs=item.refs,
        must_not_miss=item.must_not_miss,
        condition=item.condition,
        note=item.note,
        window=window,
    )


# Entries built once per loaded procedure (the timeline explorer asks for them on every day
# change). Keyed by the object's id; the value keeps the object, so the id is never reused.
_ENTRIES: dict[int, tuple[Procedure, tuple[Entry, ...]]] = {}


def entries(procedure: str, course: Course | None = None) -> tuple[Entry, ...]:
    """Every phase, then every complication, of a procedure's timeline, in data order."""
    found = validate_procedure(procedure, course)
    cached = _ENTRIES.get(id(found))
    if cached is None or cached[0] is not found:
        if len(_ENTRIES) > 64:
            _ENTRIES.clear()
        built = tuple(_entry(p, "phase") for p in found.phases) + tuple(
            _entry(c, "complication") for c in found.complications
        )
        cached = _ENTRIES[id(found)] = (found, built)
    return cached[1]


def on_day(procedure: str, day: float, course: Course | None = None) -> DayView:
    """What is expected, what is in its usual window, and what must not be missed on ``day``."""
    found = validate_procedure(procedure, course)
    value = validate_day(day)
    all_entries = entries(procedure, course)
    phases = [e for e in all_entries if e.kind == "phase"]
    complications = tuple(e for e in all_entries if e.kind == "complication" and e.in_window(value))
    return DayView(
        procedure=found.id,
        procedure_title=found.title,
        day=value,
        expected=tuple(e for e in phases if e.in_window(value)),
        may_persist=tuple(e for e in phases if e.lingering(value)),
        complications=complications,
        must_not_miss=tuple(e for e in complications if e.must_not_miss),
    )


def over_range(procedure: str, first_day: float, last_day: float, course: Course | None = None) -> tuple[Entry, ...]:
    """Every entry whose window overlaps the days from ``first_day`` to ``last_day``."""
    start, end = validate_day(first_day), validate_day(last_day)
    if end < start:
        raise ValueError(f"the range must run forwards; got day {first_day!r} to day {last_day!r}")
    return tuple(e for e in entries(procedure, course) if e.start_day <= end and e.last_day >= start)


def compare(first: str, second: str, day: float, course: Course | None = None) -> Comparison:
    """Two procedures side by side on the same day."""
    if first == second:
        raise ValueError(f"choose two different procedures to compare; got {first!r} twice")
    return Comparison(validate_day(day), on_day(first, day, course), on_day(second, day, course))


def statuses(view: DayView, course: Course | None = None) -> tuple[tuple[Entry, str | None], ...]:
    """Every entry of the procedure, in data order, with its status on the view's day in words.

    The most pressing status wins: "must not miss" over "may still be present" over
    "expected"; a complication in its usual window is "in its usual window". None: the
    entry is outside its window on that day.
    """
    status = {e.id: "expected" for e in view.expected}
    status.update({e.id: "may still be present" for e in view.may_persist})
    status.update({e.id: "must not miss" for e in view.must_not_miss})
    status.update({e.id: "in its usual window" for e in view.complications if e.id not in status})
    return tuple((entry, status.get(entry.id)) for entry in entries(view.procedure, course))


def unnamed_condition(entry: Entry, course: Course | None = None) -> str | None:
    """The title of the entry's condition, when its label does not already name it.

    "Milia (tiny firm white cysts)" names its condition; "VO stage 3: ..." does not, so
    a reader is told it is vascular occlusion.
    """
    if not entry.condition:
        return None
    condition = (course or load_course()).conditions.get(entry.condition)
    if condition is None or condition.title.split()[0].lower() in entry.label.lower():
        return None
    return condition.title


def next_day(day: float) -> float:
    """The "+" step: half days until day 3, whole days until day 14, then a week."""
    step = 0.5 if day < 3 else 1 if day < 14 else 7
    return min(HORIZON_DAYS, day + step)


def previous_day(day: float) -> float:
    """The "−" step, mirroring :func:`next_day`."""
    if day > 14:
        return max(14.0, day - 7)
    return max(0.0, day - (0.5 if day <= 3 else 1))


def day_sentence(day: float) -> str:
    """What ``day`` means in hours, in words: the course's day convention for a first-time reader."""
    if day == 0:
        return "Day 0 is the treatment day itself."
    hours = round(day * 24)
    unit = "day" if day == 1 else "days"
    return f"Day {day:g} is about {hours} hours after the treatment ({day:g} {unit} later)."


@dataclass(frozen=True)
class Timeline:
    """A learner's place on the timeline: a procedure, a day and, optionally, a second procedure.

    The timeline explorer holds one and shows it; stepping and comparing are decided here.

    >>> Timeline("lip-filler", 2.5).later().day
    3.0
    >>> Timeline("lip-filler", 3, compare="lip-filler").compared is None
    True
    """

    procedure: str
    day: float
    compare: str | None = None  # None or "": no comparison

    def __post_init__(self) -> None:
        validate_procedure(self.procedure)
        if self.compare:
            validate_procedure(self.compare)
        object.__setattr__(self, "day", validate_day(self.day))

    @property
    def compared(self) -> str | None:
        """The procedure to compare with, unless none is chosen or it is the same procedure."""
        return self.compare if self.compare and self.compare != self.procedure else None

    @property
    def views(self) -> tuple[DayView, ...]:
        """The day after the procedure and, when comparing, the same day after the second one."""
        course = load_course()
        first = on_day(self.procedure, self.day, course)
        return (first, on_day(self.compared, self.day, course)) if self.compared else (first,)

    def later(self) -> Timeline:
        return replace(self, day=next_day(self.day))

    def earlier(self) -> Timeline:
        return replace(self, day=previous_day(self.day))
