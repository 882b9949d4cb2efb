"""What a learner's answers add up to: objectives met, must-pass questions open, calibration.

:func:`objective_met` is the course's one definition of "objective met"; the
progress dashboard and the record of completion both use :func:`summarise`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from course.models import QuestionBank
from course.progress.format import Progress, Response
from course.quiz import Calibration, RatedAnswer, calibrate, is_auto_scored, open_must_pass

__all__ = [
    "OBJECTIVE_MET_CORRECT_ITEMS",
    "Dashboard",
    "ObjectiveStatus",
    "current_latest",
    "objective_met",
    "summarise",
]

#: An objective is met when the latest answers to this many different items
#: testing it are fully correct (or to all of them, if it has fewer), and none
#: of its must-pass requirements is still open (see :func:`objective_met`).
OBJECTIVE_MET_CORRECT_ITEMS = 2


@dataclass(frozen=True)
class ObjectiveStatus:
    """Progress on one objective, over the auto-scored items that test it."""

    objective_id: str
    items: int  # auto-scored items in the banks that test it
    correct: int  # of those, items whose latest answer is fully correct
    needed: int  # correct items needed to meet it (0 when only reflections test it)
    must_pass_open: int  # its must-pass requirements not yet met
    met: bool  # decided by objective_met(), the course's one definition
    reflections: int = 0  # free-text (reflection) items that test it
    reflections_submitted: int = 0  # of those, items with a submitted answer

    @property
    def reflections_only(self) -> bool:
        """Tested only by reflections, which are submitted rather than marked."""
        return self.items == 0 and self.reflections > 0


def objective_met(items: int, correct: int, must_pass_open: int, reflections: int, submitted: int) -> bool:
    """The course's one definition of "objective met", used by the dashboard and the record.

    With auto-scored items: the latest answers to :data:`OBJECTIVE_MET_CORRECT_ITEMS`
    different items (all of them if there are fewer) are fully correct. Tested only by
    free-text reflections: one of them has been submitted. Either way, no must-pass
    requirement of the objective may be open.
    """
    if must_pass_open:
        return False
    if items:
        return correct >= min(OBJECTIVE_MET_CORRECT_ITEMS, items)
    return reflections > 0 and submitted > 0


@dataclass(frozen=True)
class Dashboard:
    """What :func:`summarise` decided, for the dashboard and the record to show."""

    objectives: tuple[ObjectiveStatus, ...]
    must_pass_open: tuple[tuple[str, str], ...]  # (bank id, item id) per requirement not yet met
    calibration: Calibration
    answered_items: int  # different items answered at least once

    @property
    def objectives_met(self) -> int:
        """How many of the objectives are met."""
        return sum(status.met for status in self.objectives)


def summarise(progress: Progress | None, banks: Iterable[QuestionBank]) -> Dashboard:
    """Objectives met, must-pass items still open and calibration, for a dashboard.

    ``progress`` None means nothing answered yet. Only answers to an item's
    current version count (a new version may have a new key). An objective is
    met when the latest answers to at least :data:`OBJECTIVE_MET_CORRECT_ITEMS`
    different auto-scored items testing it are fully correct (all of them if it
    has fewer) and none of its must-pass requirements is open. Free-text items
    are submitted, not marked, so they count only for an objective that no
    auto-scored item tests: it is met once one of them is submitted
    (:func:`objective_met`).
    """
    banks = tuple(banks)
    responses = () if progress is None else progress.responses
    latest = _latest(responses, banks)
    open_slots: list[tuple[str, str]] = []
    per_objective: dict[str, list[int]] = {}  # items, correct, must-pass open, reflections, submitted
    for bank in banks:
        passed = {item_id for (bank_id, item_id), r in latest.items() if bank_id == bank.id and r.correct}
        still_open = open_must_pass(bank, passed)
        open_slots += [(bank.id, item_id) for item_id in still_open]
        for item in bank.items:
            if item.status == "retired":
                continue
            for objective in item.objective_ids:
                counts = per_objective.setdefault(objective, [0, 0, 0, 0, 0])
                if item.id in still_open:
                    counts[2] += 1
                if not is_auto_scored(item):  # a reflection the learner marks themselves
                    counts[3] += 1
                    counts[4] += (bank.id, item.id) in latest
                    continue
                counts[0] += 1
                counts[1] += item.id in passed
    objectives = []
    for objective, counts in sorted(per_objective.items(), key=lambda kv: _objective_key(kv[0])):
        items, correct, must_open, reflections, submitted = counts
        met = objective_met(items, correct, must_open, reflections, submitted)
        needed = min(OBJECTIVE_MET_CORRECT_ITEMS, items)
        objectives.append(ObjectiveStatus(objective, items, correct, needed, must_open, met, reflections, submitted))
    must_pass = {(b.id, i.id) for b in banks for i in b.items if i.must_pass}
    rated = [
        RatedAnswer(r.item_id, r.confidence, r.correct, (r.bank_id, r.item_id) in must_pass)
        for r in responses
        if r.confidence is not None and r.auto_scored
    ]
    return Dashboard(
        objectives=tuple(objectives),
        must_pass_open=tuple(open_slots),
        calibration=calibrate(rated),
        answered_items=len({(r.bank_id, r.item_id) for r in responses}),
    )


def current_latest(progress: Progress, banks: Sequence[QuestionBank]) -> Mapping[tuple[str, str], Response]:
    """The latest answer to each question, counting only answers to its current version."""
    return _latest(progress.responses, banks)


def _latest(responses: Iterable[Response], banks: Sequence[QuestionBank]) -> dict[tuple[str, str], Response]:
    versions = {(b.id, i.id): i.version for b in banks for i in b.items}
    latest: dict[tuple[str, str], Response] = {}
    for response in responses:
        key = (response.bank_id, response.item_id)
        if versions.get(key) == response.item_version:
            latest[key] = response
    return latest


def _objective_key(objective_id: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"[0-9]+", objective_id))
