"""What grading returns: results, feedback on each part of an answer, and the two answer errors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias, get_args

__all__ = [
    "FEEDBACK_PARTS",
    "AlreadyAnswered",
    "Feedback",
    "FeedbackPart",
    "InvalidAnswer",
    "JSONValue",
    "NoAnswer",
    "Result",
]

#: A value as progress files store it (the canonical answer of a :class:`Result`).
JSONValue: TypeAlias = "bool | int | float | str | list[JSONValue] | dict[str, JSONValue] | None"


class NoAnswer(ValueError):
    """The learner has not answered yet; the message says what is missing."""


class InvalidAnswer(ValueError):
    """The answer names something the item does not have (a caller's bug)."""


class AlreadyAnswered(ValueError):
    """The question in this place is finished; the message says what the learner can do next."""


#: Which part of an answer a piece of feedback is about. A view picks its words by the part,
#: never by comparing ids:
#:
#: * ``option``: one option of a single-choice item; ``selection``: one option of a
#:   multi-select item (chosen = ticked); ``recipient``: one option for whom to contact
#:   (triage);
#: * ``step``: the first ordering step out of place; ``pair``: one matching pair;
#: * ``level``, ``over-triage``, ``under-triage``: the action level of a triage item;
#: * ``window``, ``early``, ``late``: a day-window answer;
#: * ``model-answer``, ``rubric``: what a free-text answer is compared with.
FeedbackPart = Literal[
    "option",
    "selection",
    "recipient",
    "step",
    "pair",
    "level",
    "over-triage",
    "under-triage",
    "window",
    "early",
    "late",
    "model-answer",
    "rubric",
]
FEEDBACK_PARTS: tuple[FeedbackPart, ...] = get_args(FeedbackPart)


@dataclass(frozen=True)
class Feedback:
    """Feedback on one part of an answer.

    ``part`` says what it is about (see :data:`FeedbackPart`). ``target`` is the option,
    step or pair id; for the other parts it repeats the part (``"level"``, ``"window"``,
    ``"model-answer"``), or numbers the rubric points (``"rubric-1"``). ``chosen``: the
    learner picked this option (always true for parts that describe the learner's own
    answer). ``right``: the learner's decision here earns credit; an unticked wrong
    option in a multi-select is right, an unticked correct one is not.
    """

    target: str
    text: str
    chosen: bool
    right: bool
    part: FeedbackPart


@dataclass(frozen=True)
class Result:
    """The outcome of grading one answer to one item."""

    item_id: str
    item_version: int
    item_type: str
    answer: JSONValue  # the answer in canonical, JSON-friendly form (what progress stores)
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
