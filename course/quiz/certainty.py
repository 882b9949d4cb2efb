"""Certainty-based marking (Gardner-Medwin) and the calibration summary built from it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "CBM_BEST_RANGE",
    "CBM_MARKS",
    "Calibration",
    "CertaintyLevel",
    "RatedAnswer",
    "calibrate",
    "cbm_mark",
    "check_certainty",
]

#: Certainty-based marking (Gardner-Medwin): certainty -> (mark if right, mark if wrong).
CBM_MARKS: Mapping[int, tuple[int, int]] = {1: (1, 0), 2: (2, -2), 3: (3, -6)}
#: The accuracy range in which each certainty level pays best (Gardner-Medwin's thresholds).
CBM_BEST_RANGE: Mapping[int, tuple[float, float]] = {1: (0.0, 0.67), 2: (0.67, 0.8), 3: (0.8, 1.0)}


def check_certainty(certainty: object) -> int:
    """``certainty`` if it is 1, 2 or 3; otherwise ``ValueError``."""
    if isinstance(certainty, bool) or not isinstance(certainty, (int, float)) or certainty not in CBM_MARKS:
        raise ValueError(f"certainty must be 1, 2 or 3, got {certainty!r}")
    return int(certainty)


def cbm_mark(correct: bool, certainty: int) -> int:
    """The certainty-based mark: +1/+2/+3 if right, 0/-2/-6 if wrong, for certainty 1/2/3."""
    right, wrong = CBM_MARKS[check_certainty(certainty)]
    return right if correct else wrong


@dataclass(frozen=True)
class RatedAnswer:
    """One answer given with a certainty rating, as calibration needs it."""

    item_id: str
    certainty: int
    correct: bool
    must_pass: bool = False


@dataclass(frozen=True)
class CertaintyLevel:
    """How the learner did at one certainty level."""

    certainty: int
    answered: int
    correct: int
    marks: int

    @property
    def accuracy(self) -> float | None:
        """Share answered correctly at this level; None if nothing was answered at it."""
        return self.correct / self.answered if self.answered else None

    @property
    def advice(self) -> str:
        """One plain sentence on whether this level was well chosen."""
        if not self.answered:
            return f"You did not use certainty {self.certainty}."
        low, high = CBM_BEST_RANGE[self.certainty]
        percent = round(100 * self.correct / self.answered)
        said = f"At certainty {self.certainty} you were right {percent}% of the time ({self.answered} answered)."
        if self.accuracy is not None and self.accuracy < low:
            return said + f" That level pays off only above about {round(100 * low)}%: choose a lower one when unsure."
        if self.accuracy is not None and self.accuracy > high:
            return said + " You could have chosen a higher certainty."
        return said + " Well calibrated."


@dataclass(frozen=True)
class Calibration:
    """A calibration summary: accuracy per certainty level and the answers to look at first."""

    levels: tuple[CertaintyLevel, ...]  # certainty 1, 2, 3
    total_marks: int
    answered: int
    confident_wrong_must_pass: tuple[str, ...]  # item ids: wrong at certainty 2 or 3 on a must-pass item


def calibrate(answers: Iterable[RatedAnswer]) -> Calibration:
    """Summarise rated answers per certainty level.

    A wrong answer at certainty 2 or 3 on a must-pass (red-flag) item is listed
    in ``confident_wrong_must_pass``: it is the most important thing to surface.
    """
    counts = {c: [0, 0, 0] for c in CBM_MARKS}  # answered, correct, marks
    flagged: list[str] = []
    for rated in answers:
        level = counts[check_certainty(rated.certainty)]
        level[0] += 1
        level[1] += bool(rated.correct)
        level[2] += cbm_mark(rated.correct, rated.certainty)
        if rated.must_pass and not rated.correct and rated.certainty >= 2 and rated.item_id not in flagged:
            flagged.append(rated.item_id)
    levels = tuple(CertaintyLevel(c, *counts[c]) for c in sorted(counts))
    return Calibration(
        levels=levels,
        total_marks=sum(lv.marks for lv in levels),
        answered=sum(lv.answered for lv in levels),
        confident_wrong_must_pass=tuple(flagged),
    )
