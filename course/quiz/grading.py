"""Grading: one grader per question type, in :data:`GRADERS`.

Every text a grader returns is plain text taken from the bank or written here;
a view must escape it like any other data.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from course.models import TRIAGE_LEVELS, QuestionType, QuizItem
from course.quiz.certainty import cbm_mark, check_certainty
from course.quiz.selection import matching_choices
from course.quiz.types import Feedback, FeedbackPart, InvalidAnswer, JSONValue, NoAnswer, Result
from course.triage import grade_level

__all__ = ["GRADERS", "Grader", "Option", "grade", "is_auto_scored"]

_EPSILON = 1e-9


@dataclass(frozen=True)
class Option:
    """One thing a learner can choose in an item (an option, an action level, a contact),
    as a class's answers are counted (:mod:`course.class_report`)."""

    id: str
    label: str
    keyed: bool  # the (or a) correct choice


def _no_options(item: QuizItem) -> tuple[Option, ...]:
    return ()


def _nothing_chosen(item: QuizItem, answer: object) -> list[str]:
    return []


@dataclass(frozen=True)
class Grader:
    """How one type of question is graded.

    ``grade`` takes the item and the learner's answer (see :mod:`course.quiz`) and
    returns the :class:`Result`, raising :class:`NoAnswer` or :class:`InvalidAnswer`.
    ``auto_scored`` is false for a type the learner marks themselves (free text): it
    takes no certainty rating and a wrong answer brings no hint or retry.
    ``options`` lists what a learner picks from, and ``chosen`` the ids of :class:`Option`
    a stored answer picked, for a type whose answers are counted choice by choice (a class
    report's "who chose what"); other types leave both out.
    """

    grade: Callable[[QuizItem, object], Result]
    auto_scored: bool = True
    options: Callable[[QuizItem], tuple[Option, ...]] = _no_options
    chosen: Callable[[QuizItem, object], list[str]] = _nothing_chosen


def grade(item: QuizItem, answer: object, certainty: int | None = None) -> Result:
    """Grade ``answer`` to ``item``; with ``certainty`` (1, 2 or 3), add its CBM mark.

    Raises :class:`NoAnswer` for an empty answer and :class:`InvalidAnswer` for one
    that names options, steps, pairs or levels the item does not have.
    """
    grader = GRADERS[item.type]
    if certainty is not None and not grader.auto_scored:
        raise ValueError(f"{item.type} answers are not marked for certainty; leave certainty out")
    if certainty is not None:
        certainty = check_certainty(certainty)
    result = grader.grade(item, answer)
    if certainty is None:
        return result
    return replace(result, certainty=certainty, cbm_mark=cbm_mark(result.correct, certainty))


def is_auto_scored(item: QuizItem) -> bool:
    """Whether answers to ``item`` are marked (and may carry a certainty rating)."""
    return GRADERS[item.type].auto_scored


# --- Helpers ---------------------------------------------------------------------------


def _summary(correct: bool, score: float, max_score: float) -> str:
    if correct:
        return "Correct."
    if score > 0:
        return f"Partly right: {score:g} of {max_score:g}."
    return "Not quite."


def _listed(values: Iterable[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _is_empty(answer: object) -> bool:
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (list, tuple, set, frozenset, dict)):
        return len(answer) == 0
    return False


def _option_ids(item: QuizItem) -> list[str]:
    return [o.id for o in item.options]


def _check_option_id(item: QuizItem, value: object, what: str = "option") -> str:
    ids = _option_ids(item)
    if not isinstance(value, str) or value not in ids:
        raise InvalidAnswer(f"{value!r} is not an {what} of item '{item.id}'; valid {what}s: {_listed(ids)}")
    return value


def _result(
    item: QuizItem,
    answer: JSONValue,
    score: float,
    max_score: float,
    correct: bool,
    feedback: tuple[Feedback, ...],
    summary: str | None = None,
    critical: bool = False,
    critical_reason: str | None = None,
    auto_scored: bool = True,
) -> Result:
    return Result(
        item.id,
        item.version,
        item.type,
        answer,
        float(score),
        float(max_score),
        correct,
        summary if summary is not None else _summary(correct, score, max_score),
        feedback,
        critical=critical,
        critical_reason=critical_reason,
        auto_scored=auto_scored,
    )


def _option_feedback(item: QuizItem, chosen: str, part: FeedbackPart) -> tuple[Feedback, ...]:
    """Feedback on every option of a one-answer choice: the chosen one and the others."""
    return tuple(Feedback(o.id, o.feedback, o.id == chosen, (o.id == chosen) == o.correct, part) for o in item.options)


# --- One grader per question type ------------------------------------------------------


def _grade_single(item: QuizItem, answer: object) -> Result:
    if _is_empty(answer):
        raise NoAnswer("Choose an option.")
    chosen = _check_option_id(item, answer)
    correct = next(o for o in item.options if o.id == chosen).correct
    return _result(item, chosen, 1 if correct else 0, 1, correct, _option_feedback(item, chosen, "option"))


def _selection(item: QuizItem, answer: object) -> set[str]:
    if _is_empty(answer):
        raise NoAnswer("Select at least one option.")
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, Iterable):
        raise InvalidAnswer(f"expected a list of option ids for item '{item.id}', got {answer!r}")
    return {_check_option_id(item, value) for value in answer}


def _grade_multi(item: QuizItem, answer: object) -> Result:
    selected = _selection(item, answer)
    key = {o.id for o in item.options if o.correct}
    correct = selected == key
    if item.scoring == "partial":
        score, max_score = max(0, len(selected & key) - len(selected - key)), len(key)
    else:
        score, max_score = (1 if correct else 0), 1
    feedback = tuple(
        Feedback(o.id, o.feedback, o.id in selected, (o.id in selected) == o.correct, "selection") for o in item.options
    )
    canonical: list[JSONValue] = [o.id for o in item.options if o.id in selected]
    return _result(item, canonical, score, max_score, correct, feedback)


def _grade_ordering(item: QuizItem, answer: object) -> Result:
    if _is_empty(answer):
        raise NoAnswer("Put the steps in order first.")
    if isinstance(answer, (str, bytes, Mapping)) or not isinstance(answer, Iterable):
        raise InvalidAnswer(f"expected a list of step ids for item '{item.id}', got {answer!r}")
    order: list[object] = list(answer)
    key = [s.id for s in item.steps]
    unknown = [v for v in order if v not in key]
    if unknown:
        raise InvalidAnswer(f"{unknown[0]!r} is not a step of item '{item.id}'; valid steps: {_listed(key)}")
    steps = [str(v) for v in order]
    missing = [s for s in key if s not in steps]
    repeated = sorted({v for v in steps if steps.count(v) > 1})
    if missing or repeated:
        parts = ([f"missing {_listed(missing)}"] if missing else []) + (
            [f"repeated {_listed(repeated)}"] if repeated else []
        )
        raise InvalidAnswer(f"the order must list every step of item '{item.id}' once: {'; '.join(parts)}")
    key_pairs = set(itertools.pairwise(key))
    score = sum(pair in key_pairs for pair in itertools.pairwise(steps))
    max_score = len(key) - 1
    correct = steps == key
    feedback: tuple[Feedback, ...] = ()
    summary = "Correct: every step is in the right place."
    if not correct:
        first = next(i for i, (a, b) in enumerate(zip(steps, key, strict=True)) if a != b)
        step = next(s for s in item.steps if s.id == steps[first])
        feedback = (Feedback(step.id, step.feedback, True, False, "step"),)
        summary = (
            f"{score} of {max_score} neighbouring pairs are in the right order."
            f" The first step out of place is '{step.text}' (position {first + 1})."
        )
    canonical: list[JSONValue] = list(steps)
    return _result(item, canonical, score, max_score, correct, feedback, summary=summary)


def _grade_matching(item: QuizItem, answer: object) -> Result:
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
    feedback = tuple(Feedback(p.id, p.feedback, True, answer[p.id] == p.match, "pair") for p in item.pairs)
    score = sum(f.right for f in feedback)
    canonical: dict[str, JSONValue] = {p.id: str(answer[p.id]) for p in item.pairs}
    return _result(item, canonical, score, len(item.pairs), score == len(item.pairs), feedback)


def _day(item: QuizItem, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidAnswer(f"expected a day (a number) for item '{item.id}', got {value!r}")
    if not math.isfinite(value) or value < 0:
        raise InvalidAnswer(f"a day is a number from 0 up (0 is the treatment day); got {value!r}")
    return float(value)


def _grade_day_window(item: QuizItem, answer: object) -> Result:
    window = item.window
    assert window is not None  # guaranteed by the schema
    tolerance = window.tolerance_days + _EPSILON
    canonical: JSONValue
    if window.answer_form == "day":
        if _is_empty(answer):
            raise NoAnswer("Give a day.")
        day = _day(item, answer)
        canonical = day
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
    feedback = [Feedback("window", window.feedback, True, correct, "window")]
    if correct:
        summary = f"Correct: {key}."
    else:
        extra = window.early_feedback if early else window.late_feedback
        if extra:
            side: FeedbackPart = "early" if early else "late"
            feedback.append(Feedback(side, extra, True, False, side))
        summary = f"Not quite: you gave {shown}; the answer is {key}."
    return _result(item, canonical, 1 if correct else 0, 1, correct, tuple(feedback), summary=summary)


def _grade_triage(item: QuizItem, answer: object) -> Result:
    triage = item.triage
    assert triage is not None  # guaranteed by the schema
    asks_recipient = bool(item.options)
    recipient: object = None
    if isinstance(answer, Mapping):
        unknown = [k for k in answer if k not in ("level", "recipient")]
        if unknown:
            raise InvalidAnswer(f"{unknown[0]!r} is not part of a triage answer; use 'level' and 'recipient'")
        level, recipient = answer.get("level"), answer.get("recipient")
    else:
        level = answer
    if _is_empty(level):
        raise NoAnswer("Choose an action level." + (" Then choose whom to contact." if asks_recipient else ""))
    if not isinstance(level, str) or level not in TRIAGE_LEVELS:
        raise InvalidAnswer(f"{level!r} is not an action level; valid levels: {_listed(TRIAGE_LEVELS)}")
    if asks_recipient and _is_empty(recipient):
        raise NoAnswer("Choose whom to contact.")
    if not asks_recipient and not _is_empty(recipient):
        raise InvalidAnswer(f"item '{item.id}' does not ask whom to contact; give only the level")

    level_grade = grade_level(level, triage.level)  # the one triage score (course.triage)
    feedback = [Feedback("level", triage.feedback, True, level_grade.correct, "level")]
    critical, reason = False, None
    score = level_grade.score
    if level_grade.verdict == "over":  # more urgent than needed
        if triage.over_feedback:
            feedback.append(Feedback("over-triage", triage.over_feedback, True, False, "over-triage"))
    elif level_grade.verdict == "under":
        if triage.under_feedback:
            feedback.append(Feedback("under-triage", triage.under_feedback, True, False, "under-triage"))
        if level_grade.critical:
            critical = True
            reason = (
                f"This needs {triage.level} action. Choosing {level} could delay care for a problem that cannot wait."
            )
    max_score = 1.0
    canonical: JSONValue = level
    recipient_right = True
    if asks_recipient:
        chosen = _check_option_id(item, recipient, "option for whom to contact")
        feedback += _option_feedback(item, chosen, "recipient")
        recipient_right = next(o for o in item.options if o.id == chosen).correct
        score += 1 if recipient_right else 0
        max_score += 1
        canonical = {"level": level, "recipient": chosen}
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
        tuple(feedback),
        summary=summary,
        critical=critical,
        critical_reason=reason,
    )


def _grade_free_text(item: QuizItem, answer: object) -> Result:
    if _is_empty(answer):
        raise NoAnswer("Write your answer first.")
    if not isinstance(answer, str):
        raise InvalidAnswer(f"expected text for item '{item.id}', got {answer!r}")
    assert item.model_answer is not None  # guaranteed by the schema
    rubric = (Feedback(f"rubric-{n}", text, False, True, "rubric") for n, text in enumerate(item.rubric, 1))
    feedback = (Feedback("model-answer", item.model_answer, False, True, "model-answer"), *rubric)
    return _result(
        item,
        answer.strip(),
        1,
        1,
        True,
        feedback,
        summary="Submitted. Compare your answer with the model answer and the checklist.",
        auto_scored=False,
    )


def _item_options(item: QuizItem) -> tuple[Option, ...]:
    return tuple(Option(o.id, o.text, o.correct) for o in item.options)


def _one_chosen(item: QuizItem, answer: object) -> list[str]:
    return [answer] if isinstance(answer, str) else []


def _several_chosen(item: QuizItem, answer: object) -> list[str]:
    return [a for a in answer if isinstance(a, str)] if isinstance(answer, list) else []


def _triage_options(item: QuizItem) -> tuple[Option, ...]:
    keyed = item.triage.level if item.triage is not None else None
    levels = tuple(Option(level, level, level == keyed) for level in TRIAGE_LEVELS)
    return (*levels, *(Option(f"recipient:{o.id}", f"contact: {o.text}", o.correct) for o in item.options))


def _triage_chosen(item: QuizItem, answer: object) -> list[str]:
    if isinstance(answer, dict):
        return [str(answer.get("level")), f"recipient:{answer.get('recipient')}"]
    return _one_chosen(item, answer)


#: The grader of each question type. A new type adds one entry here (and one per layer:
#: the payload rule in :mod:`course.models`, the answer control in
#: :mod:`course.widgets.quiz`, the markup in :mod:`course.render.quiz`, the minutes in
#: :data:`course.stats.ITEM_MINUTES`).
GRADERS: Mapping[QuestionType, Grader] = {
    "single-choice": Grader(_grade_single, options=_item_options, chosen=_one_chosen),
    "multi-select": Grader(_grade_multi, options=_item_options, chosen=_several_chosen),
    "ordering": Grader(_grade_ordering),
    "matching": Grader(_grade_matching),
    "day-window": Grader(_grade_day_window),
    "triage": Grader(_grade_triage, options=_triage_options, chosen=_triage_chosen),
    "free-text": Grader(_grade_free_text, auto_scored=False),
}
