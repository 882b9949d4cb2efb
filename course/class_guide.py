"""The class guide's schedules: a 1-day and a 2-day class, timed from the syllabus.

Every lesson slot takes its minutes from the syllabus (the one source of lesson
times); breaks, case work and checks are the guide's own. The guide itself is drawn
by :func:`course.render.class_guide.guide_html` into the instructor build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from course.content import Course

__all__ = ["OUTCOMES", "SCHEDULES", "Slot", "day_minutes", "schedule"]

#: The learning outcomes the syllabus tags its lessons with (X1 to X8), in plain words.
#: The course delivers none of a qualification's units and claims no mapping to them.
OUTCOMES: dict[str, str] = {
    "X1": "Spot the conditions and histories that mean deferring a treatment, adapting it, or referring.",
    "X2": "Describe how skin normally heals after each procedure, and what to expect day by day.",
    "X3": "Recognise the problems that need escalating, including the emergencies.",
    "X4": "Give clear advice before and after treatment, spoken and written, including when and how to get help.",
    "X5": "Work within your role: know whom to contact, and how fast.",
    "X6": "Keep records and dated photographs, be open when something goes wrong, and report adverse events.",
    "X7": "Prevent infection and cross-contamination.",
    "X8": "Weigh evidence and marketing claims, and reflect on your own practice.",
}


@dataclass(frozen=True)
class Slot:
    """One block of a class day: a lesson (minutes from the syllabus) or an activity with its own minutes."""

    title: str
    minutes: int
    lesson: int | None = None  # the lesson number, when the slot is a lesson
    note: str = ""


# (lesson number) or (title, minutes, note) per slot; None ends a day.
_Plan = Sequence[int | tuple[str, int, str] | None]

_ONE_DAY: _Plan = (
    0,
    2,
    ("Break", 15, ""),
    3,
    ("Lunch", 45, ""),
    7,
    ("Break", 15, ""),
    (
        "Cases A, B and J in pairs (exercises/unfolding-cases.ipynb)",
        40,
        "Each pair decides at every stage, then compares.",
    ),
    ("Mixed check: lesson 8, parts 1 and 2 (with certainty)", 25, "Discuss every must-pass item answered wrongly."),
    ("Wrap-up: exit tickets, what to read next", 10, "Lessons 1, 4, 5 and 6 as self-study."),
)

_TWO_DAYS: _Plan = (
    0,
    1,
    ("Break", 15, ""),
    2,
    ("Lunch", 45, ""),
    3,
    ("Break", 15, ""),
    4,
    None,
    (
        "Review now: the questions due from day 1 (my-progress.ipynb)",
        15,
        "Spaced review: wrong or unsure answers return.",
    ),
    5,
    ("Break", 15, ""),
    6,
    ("Lunch", 45, ""),
    7,
    ("Break", 15, ""),
    8,
    ("Wrap-up: records of completion, questions", 15, ""),
)

#: The schedules the guide offers: name -> (title, plan).
SCHEDULES: dict[str, tuple[str, _Plan]] = {
    "one-day": ("A 1-day class", _ONE_DAY),
    "two-day": ("A 2-day class", _TWO_DAYS),
}


def schedule(name: str, course: Course) -> tuple[tuple[Slot, ...], ...]:
    """The days of schedule ``name``, each a tuple of slots, lesson minutes taken from the syllabus."""
    lessons = {lesson.number: lesson for lesson in course.lessons}
    days: list[list[Slot]] = [[]]
    for entry in SCHEDULES[name][1]:
        if entry is None:
            days.append([])
        elif isinstance(entry, int):
            lesson = lessons[entry]
            days[-1].append(Slot(f"Lesson {entry}: {lesson.title}", lesson.minutes, entry))
        else:
            title, minutes, note = entry
            days[-1].append(Slot(title, minutes, None, note))
    return tuple(tuple(day) for day in days)


def day_minutes(day: Sequence[Slot], *, teaching_only: bool = False) -> int:
    """The minutes of one day, with or without breaks and lunch."""
    return sum(s.minutes for s in day if not (teaching_only and s.title in ("Break", "Lunch")))
