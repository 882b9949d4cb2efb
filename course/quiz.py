"""Grading, shuffling, retries and certainty-based marking for question banks.

Pure Python: no ipywidgets, no matplotlib, and no HTML. Every text this
module returns is plain text taken from the bank or written here; a view
must escape it like any other data.

Answers, by item type, are the JSON-friendly values a widget collects:

================  ==============================================================
single-choice     an option id, e.g. ``"milia"``
multi-select      the selected option ids, e.g. ``["white", "firm"]``
ordering          every step id once, in the learner's order
matching          ``{pair id: chosen answer text}`` for every pair
day-window        a day (``7``) for ``answer_form: day``; ``[first, last]`` for ``range``
triage            a level (``"urgent"``), or ``{"level": ..., "recipient": option id}``
                  when the item also asks whom to contact (it has ``options``)
free-text         the learner's text
================  ==============================================================

Empty answers raise :class:`NoAnswer`, a ``ValueError`` whose message says in
plain words what is missing ("Choose an action level."). An empty submission
is not an attempt: it is never scored and never saved, and the view shows the
message next to the question. Answers that name something the item does not
have raise :class:`InvalidAnswer`, a ``ValueError`` naming the bad value and
listing the valid ones; that is a bug in the caller, not a learner's mistake.

Scoring (curriculum section 9.8):

* single-choice: 1 or 0;
* multi-select: ``all-or-nothing`` (1 or 0), or ``partial``: correct selections
  minus wrong selections, floored at 0, out of the number of correct options;
* ordering: one mark per neighbouring pair in the right order (out of steps - 1);
  the feedback is that of the first step out of place;
* matching: one mark per pair, with feedback on every pair;
* day-window: 1 or 0, within ``tolerance_days`` of the window's ends;
* triage: 1 for the right level; over-triage loses a quarter per level of extra
  urgency (a minor deduction); under-triage scores 0, and under-triage of an
  emergency or urgent presentation is flagged ``critical``, apart from the score.
  If the item asks whom to contact, that is one more mark;
* free-text: not auto-scored. A non-empty answer is "submitted" (1 of 1) and
  the model answer and rubric come back as feedback.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from course.models import TRIAGE_LEVELS, QuestionBank, QuizItem
from course.triage import grade_level

__all__ = [
    "CBM_MARKS",
    "Calibration",
    "CertaintyLevel",
    "Feedback",
    "InvalidAnswer",
    "NoAnswer",
    "RatedAnswer",
    "Result",
    "calibrate",
    "cbm_mark",
    "checker_key_problems",
    "draw_items",
    "grade",
    "item_order",
    "lesson_complete",
    "matching_choices",
    "must_pass_slots",
    "next_parallel_item",
    "open_must_pass",
    "presentation_order",
    "seed_for",
]

#: Certainty-based marking (Gardner-Medwin): certainty -> (mark if right, mark if wrong).
CBM_MARKS: Mapping[int, tuple[int, int]] = {1: (1, 0), 2: (2, -2), 3: (3, -6)}
#: The accuracy range in which each certainty level pays best (Gardner-Medwin's thresholds).
CBM_BEST_RANGE: Mapping[int, tuple[float, float]] = {1: (0.0, 0.67), 2: (0.67, 0.8), 3: (0.8, 1.0)}

_EPSILON = 1e-9


class NoAnswer(ValueError):
    """The learner has not answered yet; the message says what is missing."""


class InvalidAnswer(ValueError):
    """The answer names something the item does not have (a caller's bug)."""


@dataclass(frozen=True)
class Feedback:
    """Feedback on one part of an answer.

    ``target`` is an option, step or pair id; or ``"level"``, ``"over-triage"``,
    ``"under-triage"`` (triage); ``"window"``, ``"early"``, ``"late"`` (day
    window); ``"model-answer"``, ``"rubric-N"`` (free text). ``chosen``: the learner
    picked this option (always true for parts that describe the learner's own
    answer). ``right``: the learner's decision here earns credit; an unticked
    wrong option in a multi-select is right, an unticked correct one is not.
    """

    target: str
    text: str
    chosen: bool
    right: bool


@dataclass(frozen=True)
class Result:
    """The outcome of grading one answer to one item."""

    item_id: str
    item_version: int
    item_type: str
    answer: Any  # the answer in canonical, JSON-friendly form (what progress stores)
    score: float
    max_score: float
    correct: bool  # full marks; for free-text, "submitted"
    summary: str  # one plain sentence for the learner
    feedback: tuple[Feedback, ...]
    critical: bool = False  # under-triage of an emergency or urgent presentation
    critical_reason: str | None = None
    auto_scored: bool = True  # False for free-text: submitted, not marked
    certainty: int | None = None
    cbm_mark: int | None = None


# --- Grading -------------------------------------------------------------------


def grade(item: QuizItem, answer: Any, certainty: int | None = None) -> Result:
    """Grade ``answer`` to ``item``; with ``certainty`` (1, 2 or 3), add its CBM mark.

    Raises :class:`NoAnswer` for an empty answer and :class:`InvalidAnswer` for one
    that names options, steps, pairs or levels the item does not have.
    """
    if certainty is not None and item.type == "free-text":
        raise ValueError("free-text reflections are not marked for certainty; leave certainty out")
    if certainty is not None:
        _check_certainty(certainty)
    result = _GRADERS[item.type](item, answer)
    if certainty is None:
        return result
    return _with_certainty(result, certainty)


def _with_certainty(result: Result, certainty: int) -> Result:
    return replace(result, certainty=certainty, cbm_mark=cbm_mark(result.correct, certainty))


def _summary(correct: bool, score: float, max_score: float) -> str:
    if correct:
        return "Correct."
    if score > 0:
        return f"Partly right: {score:g} of {max_score:g}."
    return "Not quite."


def _listed(values: Iterable[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _is_empty(answer: Any) -> bool:
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (list, tuple, set, frozenset, dict)):
        return len(answer) == 0
    return False


def _option_ids(item: QuizItem) -> list[str]:
    return [o.id for o in item.options]


def _check_option_id(item: QuizItem, value: Any, what: str = "option") -> str:
    ids = _option_ids(item)
    if not isinstance(value, str) or value not in ids:
        raise InvalidAnswer(f"{value!r} is not an {what} of item '{item.id}'; valid {what}s: {_listed(ids)}")
    return value


def _result(item: QuizItem, answer: Any, score: float, max_score: float, correct: bool, **more: Any) -> Result:
    more.setdefault("summary", _summary(correct, score, max_score))
    return Result(item.id, item.version, item.type, answer, float(score), float(max_score), correct, **more)


def _grade_single(item: QuizItem, answer: Any) -> Result:
    if _is_empty(answer):
        raise NoAnswer("Choose an option.")
    chosen = _check_option_id(item, answer)
    feedback = tuple(Feedback(o.id, o.feedback, o.id == chosen, (o.id == chosen) == o.correct) for o in item.options)
    correct = next(o for o in item.options if o.id == chosen).correct
    return _result(item, chosen, 1 if correct else 0, 1, correct, feedback=feedback)


def _selection(item: QuizItem, answer: Any) -> set[str]:
    if _is_empty(answer):
        raise NoAnswer("Select at least one option.")
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, Iterable):
        raise InvalidAnswer(f"expected a list of option ids for item '{item.id}', got {answer!r}")
    return {_check_option_id(item, value) for value in answer}


def _grade_multi(item: QuizItem, answer: Any) -> Result:
    selected = _selection(item, answer)
    key = {o.id for o in item.options if o.correct}
    correct = selected == key
    if item.scoring == "partial":
        score, max_score = max(0, len(selected & key) - len(selected - key)), len(key)
    else:
        score, max_score = (1 if correct else 0), 1
    feedback = tuple(
        Feedback(o.id, o.feedback, o.id in selected, (o.id in selected) == o.correct) for o in item.options
    )
    canonical = [o.id for o in item.options if o.id in selected]
    return _result(item, canonical, score, max_score, correct, feedback=feedback)


def _grade_ordering(item: QuizItem, answer: Any) -> Result:
    if _is_empty(answer):
        raise NoAnswer("Put the steps in order first.")
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, Iterable):
        raise InvalidAnswer(f"expected a list of step ids for item '{item.id}', got {answer!r}")
    order = list(answer)
    key = [s.id for s in item.steps]
    unknown = [v for v in order if v not in key]
    if unknown:
        raise InvalidAnswer(f"{unknown[0]!r} is not a step of item '{item.id}'; valid steps: {_listed(key)}")
    missing = [s for s in key if s not in order]
    repeated = sorted({v for v in order if order.count(v) > 1})
    if missing or repeated:
        parts = ([f"missing {_listed(missing)}"] if missing else []) + (
            [f"repeated {_listed(repeated)}"] if repeated else []
        )
        raise InvalidAnswer(f"the order must list every step of item '{item.id}' once: {'; '.join(parts)}")
    key_pairs = set(itertools.pairwise(key))
    score = sum(pair in key_pairs for pair in itertools.pairwise(order))
    max_score = len(key) - 1
    correct = order == key
    feedback: tuple[Feedback, ...] = ()
    summary = "Correct: every step is in the right place."
    if not correct:
        first = next(i for i, (a, b) in enumerate(zip(order, key, strict=True)) if a != b)
        step = next(s for s in item.steps if s.id == order[first])
        feedback = (Feedback(step.id, step.feedback, True, False),)
        summary = (
            f"{score} of {max_score} neighbouring pairs are in the right order."
            f" The first step out of place is '{step.text}' (position {first + 1})."
        )
    return _result(item, order, score, max_score, correct, feedback=feedback, summary=summary)


def matching_choices(item: QuizItem, learner_id: str = "", attempt: int = 1, session_seed: str = "") -> tuple[str, ...]:
    """The answers a learner picks from in a matching item, in display order.

    Every distinct answer of the pairs, then the distractors; shuffled from the
    seed unless ``option_order_fixed`` (keep it for sorting sets such as Do /
    Don't / Depends). With no learner id, the authored order.
    """
    choices = list(dict.fromkeys([p.match for p in item.pairs] + list(item.distractors)))
    if item.option_order_fixed or not learner_id:
        return tuple(choices)
    random.Random(seed_for(learner_id, item.id, attempt, session_seed, part="choices")).shuffle(choices)
    return tuple(choices)


def _grade_matching(item: QuizItem, answer: Any) -> Result:
    if _is_empty(answer):
        raise NoAnswer("Choose a match for each item.")
    if not isinstance(answer, Mapping):
        raise InvalidAnswer(f"expected {{pair id: answer}} for item '{item.id}', got {answer!r}")
    ids = [p.id for p in item.pairs]
    unknown = [k for k in answer if k not in ids]
    if unknown:
        raise InvalidAnswer(f"{unknown[0]!r} is not a pair of item '{item.id}'; valid pairs: {_listed(ids)}")
    still_open = [p.prompt for p in item.pairs if _is_empty(answer.get(p.id))]
    if still_open:
        raise NoAnswer(f"Choose a match for every item. Still to match: {', '.join(still_open)}.")
    choices = matching_choices(item)
    for pair_id, value in answer.items():
        if value not in choices:
            raise InvalidAnswer(f"{value!r} (for pair '{pair_id}') is not a choice; valid choices: {_listed(choices)}")
    feedback = tuple(Feedback(p.id, p.feedback, True, answer[p.id] == p.match) for p in item.pairs)
    score = sum(f.right for f in feedback)
    canonical = {p.id: answer[p.id] for p in item.pairs}
    return _result(item, canonical, score, len(item.pairs), score == len(item.pairs), feedback=feedback)


def _day(item: QuizItem, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidAnswer(f"expected a day (a number) for item '{item.id}', got {value!r}")
    if not math.isfinite(value) or value < 0:
        raise InvalidAnswer(f"a day is a number from 0 up (0 is the treatment day); got {value!r}")
    return float(value)


def _grade_day_window(item: QuizItem, answer: Any) -> Result:
    window = item.window
    assert window is not None  # guaranteed by the schema
    tolerance = window.tolerance_days + _EPSILON
    if window.answer_form == "day":
        if _is_empty(answer):
            raise NoAnswer("Give a day.")
        day = _day(item, answer)
        canonical: Any = day
        correct = window.start_day - tolerance <= day <= window.end_day + tolerance
        early = day < window.start_day
        shown = f"day {day:g}"
    else:
        if _is_empty(answer):
            raise NoAnswer("Give a first and a last day.")
        if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, Sequence) or len(answer) != 2:
            raise InvalidAnswer(f"expected [first day, last day] for item '{item.id}', got {answer!r}")
        if any(_is_empty(v) for v in answer):
            raise NoAnswer("Give both a first and a last day.")
        first, last = _day(item, answer[0]), _day(item, answer[1])
        if first > last:
            raise InvalidAnswer(f"the first day ({first:g}) is after the last day ({last:g})")
        canonical = [first, last]
        correct = abs(first - window.start_day) <= tolerance and abs(last - window.end_day) <= tolerance
        early = (first + last) < (window.start_day + window.end_day)
        shown = f"days {first:g} to {last:g}"
    key = (
        f"day {window.start_day:g}"
        if window.start_day == window.end_day
        else (f"days {window.start_day:g} to {window.end_day:g}")
    )
    feedback = [Feedback("window", window.feedback, True, correct)]
    if correct:
        summary = f"Correct: {key}."
    else:
        extra = window.early_feedback if early else window.late_feedback
        if extra:
            feedback.append(Feedback("early" if early else "late", extra, True, False))
        summary = f"Not quite: you gave {shown}; the answer is {key}."
    return _result(item, canonical, 1 if correct else 0, 1, correct, feedback=tuple(feedback), summary=summary)


def _grade_triage(item: QuizItem, answer: Any) -> Result:
    triage = item.triage
    assert triage is not None  # guaranteed by the schema
    asks_recipient = bool(item.options)
    recipient: Any = None
    if isinstance(answer, Mapping):
        unknown = [k for k in answer if k not in ("level", "recipient")]
        if unknown:
            raise InvalidAnswer(f"{unknown[0]!r} is not part of a triage answer; use 'level' and 'recipient'")
        level, recipient = answer.get("level"), answer.get("recipient")
    else:
        level = answer
    if _is_empty(level):
        raise NoAnswer("Choose an action level." + (" Then choose whom to contact." if asks_recipient else ""))
    if level not in TRIAGE_LEVELS:
        raise InvalidAnswer(f"{level!r} is not an action level; valid levels: {_listed(TRIAGE_LEVELS)}")
    if asks_recipient and _is_empty(recipient):
        raise NoAnswer("Choose whom to contact.")
    if not asks_recipient and not _is_empty(recipient):
        raise InvalidAnswer(f"item '{item.id}' does not ask whom to contact; give only the level")

    level_grade = grade_level(level, triage.level)  # the one triage score (course.triage)
    feedback = [Feedback("level", triage.feedback, True, level_grade.correct)]
    critical, reason = False, None
    score = level_grade.score
    if level_grade.verdict == "over":  # more urgent than needed
        if triage.over_feedback:
            feedback.append(Feedback("over-triage", triage.over_feedback, True, False))
    elif level_grade.verdict == "under":
        if triage.under_feedback:
            feedback.append(Feedback("under-triage", triage.under_feedback, True, False))
        if level_grade.critical:
            critical = True
            reason = (
                f"This needs {triage.level} action. Choosing {level} could delay care for a problem that cannot wait."
            )
    max_score = 1.0
    canonical: Any = level
    recipient_right = True
    if asks_recipient:
        recipient = _check_option_id(item, recipient, "option for whom to contact")
        for option in item.options:
            chosen = option.id == recipient
            feedback.append(Feedback(option.id, option.feedback, chosen, chosen == option.correct))
        recipient_right = next(o for o in item.options if o.id == recipient).correct
        score += 1 if recipient_right else 0
        max_score += 1
        canonical = {"level": level, "recipient": recipient}
    correct = level_grade.correct and recipient_right
    if correct:
        summary = "Correct."
    elif level_grade.verdict == "under":
        summary = f"Too slow: this needs {triage.level} action, not {level}."
    elif level_grade.verdict == "over":
        summary = f"More urgent than needed: this needs {triage.level} action, not {level}."
    else:
        summary = "The level is right, but not whom to contact."
    return _result(
        item,
        canonical,
        score,
        max_score,
        correct,
        feedback=tuple(feedback),
        summary=summary,
        critical=critical,
        critical_reason=reason,
    )


def _grade_free_text(item: QuizItem, answer: Any) -> Result:
    if _is_empty(answer):
        raise NoAnswer("Write your answer first.")
    if not isinstance(answer, str):
        raise InvalidAnswer(f"expected text for item '{item.id}', got {answer!r}")
    assert item.model_answer is not None  # guaranteed by the schema
    rubric = (Feedback(f"rubric-{n}", text, False, True) for n, text in enumerate(item.rubric, 1))
    feedback = (Feedback("model-answer", item.model_answer, False, True), *rubric)
    return _result(
        item,
        answer.strip(),
        1,
        1,
        True,
        feedback=feedback,
        summary="Submitted. Compare your answer with the model answer and the checklist.",
        auto_scored=False,
    )


_GRADERS = {
    "single-choice": _grade_single,
    "multi-select": _grade_multi,
    "ordering": _grade_ordering,
    "matching": _grade_matching,
    "day-window": _grade_day_window,
    "triage": _grade_triage,
    "free-text": _grade_free_text,
}


# --- Certainty-based marking -------------------------------------------------------


def _check_certainty(certainty: Any) -> int:
    if isinstance(certainty, bool) or certainty not in CBM_MARKS:
        raise ValueError(f"certainty must be 1, 2 or 3, got {certainty!r}")
    return certainty


def cbm_mark(correct: bool, certainty: int) -> int:
    """The certainty-based mark: +1/+2/+3 if right, 0/-2/-6 if wrong, for certainty 1/2/3."""
    right, wrong = CBM_MARKS[_check_certainty(certainty)]
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
        level = counts[_check_certainty(rated.certainty)]
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


# --- Seeded order -------------------------------------------------------------------


def seed_for(learner_id: str, item_id: str, attempt: int, session_seed: str = "", part: str = "") -> int:
    """A seed from (learner, item, attempt), the same on every machine and run.

    SHA-256, not ``hash()``: Python salts ``hash()`` of text per process, which
    would give a learner a different order after every restart. ``session_seed``
    lets an instructor give a whole class one order; ``part`` separates several
    shuffles of one item.
    """
    text = "\x1f".join((session_seed, learner_id, item_id, str(attempt), part))
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def presentation_order(item: QuizItem, learner_id: str, attempt: int, session_seed: str = "") -> tuple[str, ...]:
    """The ids of the item's options, steps or pairs in the order to show them.

    Options keep their authored order when ``option_order_fixed``. Ordering
    steps are always shuffled, and never shown already solved. Matching
    prompts are always shuffled (see :func:`matching_choices` for the
    answers). Triage levels always run from most to least urgent
    (:data:`course.models.TRIAGE_LEVELS`); this gives the order of whom to
    contact. Day-window and free-text items have nothing to order: ``()``.
    """
    if item.steps:
        ids, fixed = [s.id for s in item.steps], False
    elif item.pairs:
        ids, fixed = [p.id for p in item.pairs], False
    else:
        ids, fixed = [o.id for o in item.options], item.option_order_fixed
    if fixed or len(ids) < 2:
        return tuple(ids)
    shuffled = list(ids)
    random.Random(seed_for(learner_id, item.id, attempt, session_seed)).shuffle(shuffled)
    if item.steps and shuffled == ids:
        shuffled = shuffled[1:] + shuffled[:1]
    return tuple(shuffled)


def item_order(bank: QuestionBank, learner_id: str, attempt: int, session_seed: str = "") -> tuple[QuizItem, ...]:
    """The bank's items (retired ones left out) in a seeded order for this learner and attempt."""
    items = [i for i in bank.items if i.status != "retired"]
    random.Random(seed_for(learner_id, bank.id, attempt, session_seed, part="items")).shuffle(items)
    return tuple(items)


def draw_items(
    bank: QuestionBank,
    learner_id: str,
    per_objective: int | None = None,
    attempt: int = 1,
    session_seed: str = "",
) -> tuple[QuizItem, ...]:
    """The items for one sitting, in a seeded order (curriculum section 9.5).

    One version of each parallel group (the others are kept for retries, see
    :func:`next_parallel_item`) and every ungrouped item, retired ones left
    out. With ``per_objective``, items are drawn without replacement until
    each objective is tested that many times (or has no item left); an item
    is taken only while one of its objectives still needs one.
    """
    if per_objective is not None and (
        isinstance(per_objective, bool) or not isinstance(per_objective, int) or per_objective < 1
    ):
        raise ValueError(f"per_objective is a number of items from 1 up; got {per_objective!r}")
    chosen: list[QuizItem] = []
    groups: set[str] = set()
    counts: dict[str, int] = {}
    for item in item_order(bank, learner_id, attempt, session_seed):
        if item.parallel_group is not None:
            if item.parallel_group in groups:
                continue
            groups.add(item.parallel_group)
        if per_objective is not None:
            if all(counts.get(o, 0) >= per_objective for o in item.objective_ids):
                continue
            for objective in item.objective_ids:
                counts[objective] = counts.get(objective, 0) + 1
        chosen.append(item)
    return tuple(chosen)


# --- Retries and must-pass items -----------------------------------------------------


def next_parallel_item(bank: QuestionBank, item: QuizItem, attempt: int) -> QuizItem:
    """The item to show for ``attempt`` (1 = first try, 2 = first retry) after ``item``.

    A different version from the item's ``parallel_group`` if it has one;
    otherwise a different item of the same type testing one of its objectives,
    else any different item testing one of its objectives. Successive attempts
    take the candidates in turn. If the bank has no other item for the
    objective, the same item comes back (shuffled anew for the new attempt).
    Retired items are never chosen.
    """
    if isinstance(attempt, bool) or not isinstance(attempt, int) or attempt < 1:
        raise ValueError(f"attempt counts from 1; got {attempt!r}")
    others = [i for i in bank.items if i.id != item.id and i.status != "retired"]
    candidates = [i for i in others if item.parallel_group and i.parallel_group == item.parallel_group]
    if not candidates:
        shared = [i for i in others if set(i.objective_ids) & set(item.objective_ids)]
        candidates = [i for i in shared if i.type == item.type] or shared
    if not candidates:
        return item
    return candidates[(attempt - 2) % len(candidates)]


def must_pass_slots(bank: QuestionBank) -> dict[str, tuple[QuizItem, ...]]:
    """Must-pass requirements: one per parallel group (any version will do) or per ungrouped item.

    Keyed by the first item's id. Retired items do not count.
    """
    slots: dict[str, list[QuizItem]] = {}
    group_key: dict[str, str] = {}
    for item in bank.items:
        if not item.must_pass or item.status == "retired":
            continue
        if item.parallel_group is None:
            slots[item.id] = [item]
        else:
            key = group_key.setdefault(item.parallel_group, item.id)
            slots.setdefault(key, []).append(item)
    return {key: tuple(items) for key, items in slots.items()}


def open_must_pass(bank: QuestionBank, passed_item_ids: Iterable[str]) -> tuple[str, ...]:
    """The must-pass requirements not yet met, as the id of each one's first item.

    ``passed_item_ids``: items whose latest answer was correct.
    """
    passed = set(passed_item_ids)
    return tuple(key for key, items in must_pass_slots(bank).items() if not any(i.id in passed for i in items))


def lesson_complete(bank: QuestionBank, passed_item_ids: Iterable[str]) -> bool:
    """True when every must-pass requirement of the bank is met, whatever the total score."""
    return not open_must_pass(bank, passed_item_ids)


def checker_key_problems(bank: QuestionBank, course: Any = None) -> list[str]:
    """Every triage item whose keyed level differs from the symptom checker's for its stem.

    An item's ``triage.checker`` gives the procedure, day and findings its stem describes;
    :func:`course.triage.assess` must give the keyed level, so that the quiz teaches the
    same rule as the checker, the lessons and the cases.
    """
    from course.triage import assess

    problems = []
    for item in bank.items:
        key = item.triage
        if item.status == "retired" or key is None or key.checker is None:
            continue
        given = key.checker
        result = assess(given.procedure, given.day, given.findings, course=course)
        if result.level != key.level:
            problems.append(
                f"data/quizzes/{bank.id}.yaml: item {item.id} (day {given.day:g} after {given.procedure},"
                f" findings {sorted(given.findings)}) keys {key.level}, but the checker gives {result.level}"
                f" (rules {', '.join(result.rules) or 'none'})"
            )
    return problems
