"""Local settings: the emergency number, urgent route and reporting schemes of the learner's region.

``data/settings/regions.yaml`` lists the regions (UK, Ireland, US, Canada, Australia, ...),
each with its sources. The ``COURSE_REGION`` environment variable picks one (``uk``,
``ie``, ``us``, ``ca``, ``au``); with none set, the course uses the neutral wording
("your local emergency number"). The notices name the local words as placeholders
(``{emergency_number}``, ``{urgent_route}``): :func:`local_notices` fills them, and every
notice, triage result and page that shows a notice goes through it.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping

from course import models
from course.content import Course

__all__ = ["NEUTRAL", "REGION_ENV_VAR", "local_notices", "local_words", "localise", "region", "regions"]

#: Names the region whose numbers and schemes the course shows.
REGION_ENV_VAR = "COURSE_REGION"
#: The wording when the content has no local settings at all.
NEUTRAL = models.LocalWords(
    emergency_number="your local emergency number",
    urgent_route="your local urgent-care service or non-emergency health line",
)


def regions(course: Course) -> models.RegionList | None:
    """The course's local settings (None if its data has none)."""
    lists = course.of_kind("regions")
    if not lists:
        return None
    found = lists[0]
    assert isinstance(found, models.RegionList)
    return found


def region(course: Course, environ: Mapping[str, str] | None = None) -> models.Region | None:
    """The region ``COURSE_REGION`` names (None if unset or empty); a ValueError lists the valid ids."""
    wanted = (os.environ if environ is None else environ).get(REGION_ENV_VAR, "").strip().lower()
    if not wanted:
        return None
    settings = regions(course)
    known = {r.id: r for r in settings.regions} if settings is not None else {}
    if wanted not in known:
        valid = ", ".join(sorted(known)) or "(none: the course data has no data/settings/regions.yaml)"
        raise ValueError(f"{REGION_ENV_VAR}={wanted!r} is not a region of this course; regions: {valid}")
    return known[wanted]


def local_words(course: Course, environ: Mapping[str, str] | None = None) -> models.LocalWords:
    """The emergency number and urgent route to show: the region's, else the neutral wording."""
    chosen = region(course, environ)
    if chosen is not None:
        return chosen.words
    settings = regions(course)
    return settings.neutral if settings is not None else NEUTRAL


def local_notices(course: Course, environ: Mapping[str, str] | None = None) -> models.Notices:
    """The course's notices with the local words filled in."""
    words = dataclasses.asdict(local_words(course, environ))
    notices = course.notices
    fields = ("educational_use", "whom_to_contact", "emergency", "scope_reminder", "approximate_values")
    return dataclasses.replace(notices, **{name: getattr(notices, name).format(**words) for name in fields})


def localise(text: str, course: Course | None = None, environ: Mapping[str, str] | None = None) -> str:
    """``text`` with ``{emergency_number}`` and ``{urgent_route}`` replaced by the local words.

    For texts outside the notices (triage rules, levels and role advice). Only these two
    placeholders are replaced; any other brace is left as it is (a test checks the data has none).
    """
    if "{" not in text:
        return text
    from course.content import load_course

    words = local_words(course or load_course(), environ)
    for name in models.LOCAL_PLACEHOLDERS:
        text = text.replace("{" + name + "}", getattr(words, name))
    return text
