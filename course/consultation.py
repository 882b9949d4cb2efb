"""The client-card risk simulator: which history items are flags, and treat, defer or refer.

>>> from course.consultation import decide, get_card, grade_decision
>>> decide(["cold-sore-history", "brown-marks"]).decision
'refer'
>>> decide(["brown-marks", "own-serum"]).decision
'treat'
>>> grade_decision(get_card("jess-cold-sore-on-peel-day"), "treat").critical
True

The cards are data (``data/client-cards.yaml``): the items of a consultation card
(each a flag or not, with what it means for the decision on its own, why, and
its references) and a few clients, each with the items true for her and the
expected decision. The decision for a set of ticked items is the most cautious
decision among them: "refer" (another professional advises first; nothing
happens today) before "defer" (not today) before "treat". So ticking one more
item can make the decision more cautious, never less. An item that is not a
flag, or a flag that only changes the plan, leaves it at "treat".

Grading: choosing a less cautious decision than the card needs is the bigger
error, and choosing "treat" when the card needs "defer" or "refer" is flagged
as critical (unsafe), apart from the verdict. A more cautious decision than
needed is a minor error.

Educational use only: the cards are not a clinical protocol.

Pure Python: no widgets, no plots (``course/render/consultation.py`` draws the card,
``course/widgets/consultation.py`` shows it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from course import models
from course.content import Course, load_course

__all__ = [
    "DECISIONS",
    "CardDecision",
    "CardResult",
    "DecisionGrade",
    "FlagMarks",
    "TickGrade",
    "card_ids",
    "card_set",
    "check_card",
    "checklist",
    "decide",
    "decision_info",
    "expected_decision_problems",
    "get_card",
    "grade_decision",
    "grade_ticks",
    "history_items",
    "load_cards",
    "mark_flags",
    "most_cautious",
]

#: The decisions, most cautious first.
DECISIONS: tuple[str, ...] = models.CONSULT_DECISIONS
_RANK = {decision: rank for rank, decision in enumerate(DECISIONS)}  # 0 is the most cautious


# --- The data -------------------------------------------------------------------


def card_set(course: Course | None = None) -> models.ClientCardSet:
    """The whole of ``data/client-cards.yaml``."""
    cards = (course or load_course()).client_cards
    if cards is None:
        raise ValueError("the course data has no client-cards.yaml; the client-card simulator needs it")
    return cards


def load_cards(course: Course | None = None) -> tuple[models.ClientCard, ...]:
    return card_set(course).cards


def card_ids(course: Course | None = None) -> tuple[str, ...]:
    return tuple(card.id for card in load_cards(course))


def get_card(card_id: str, course: Course | None = None) -> models.ClientCard:
    """The card with this id; ``ValueError`` naming the valid ids if there is none."""
    cards = load_cards(course)
    for card in cards:
        if card.id == card_id:
            return card
    raise ValueError(f"unknown client card {card_id!r}; valid cards: {', '.join(c.id for c in cards)}")


def history_items(course: Course | None = None) -> tuple[models.HistoryItem, ...]:
    return card_set(course).items


def checklist(course: Course | None = None) -> tuple[tuple[models.HistoryGroup, tuple[models.HistoryItem, ...]], ...]:
    """The card's items under their headings, in data order."""
    cards = card_set(course)
    return tuple((group, tuple(i for i in cards.items if i.group == group.id)) for group in cards.groups)


def decision_info(decision: str, course: Course | None = None) -> models.ConsultDecisionInfo:
    """How the course words ``decision`` (its label and meaning)."""
    _check_decision(decision)
    return next(d for d in card_set(course).decisions if d.id == decision)


def _check_decision(decision: object, name: str = "decision") -> str:
    if not isinstance(decision, str) or decision not in _RANK:
        raise ValueError(f"unknown {name} {decision!r}; valid decisions, most cautious first: {', '.join(DECISIONS)}")
    return decision


def _items(item_ids: Iterable[str], course: Course | None) -> tuple[models.HistoryItem, ...]:
    """The items named by ``item_ids``, in the card's order; ``ValueError`` for an unknown id."""
    if isinstance(item_ids, str):
        raise ValueError(f"give a list of item ids, not one string ({item_ids!r})")
    wanted = set(item_ids)
    items = history_items(course)
    unknown = sorted(wanted - {i.id for i in items})
    if unknown:
        raise ValueError(
            f"unknown history item(s) {', '.join(map(repr, unknown))}; valid items: {', '.join(i.id for i in items)}"
        )
    return tuple(i for i in items if i.id in wanted)


# --- Deciding ---------------------------------------------------------------------


def most_cautious(decisions: Iterable[str]) -> str:
    """The most cautious of ``decisions``; "treat" when there are none."""
    ranks = [_RANK[_check_decision(d)] for d in decisions]
    return DECISIONS[min(ranks)] if ranks else "treat"


@dataclass(frozen=True)
class CardDecision:
    """What a set of history items means for today's decision, and which items say so."""

    decision: str
    flags: tuple[models.HistoryItem, ...]  # the flags among the items, in the card's order
    deciding: tuple[models.HistoryItem, ...]  # the flags whose own decision is ``decision`` (empty for treat)
    plan_changes: tuple[models.HistoryItem, ...]  # flags that do not stop treatment but change the plan
    not_flags: tuple[models.HistoryItem, ...]

    @property
    def approximate(self) -> bool:
        """True if any of the items is an approximate (A) statement, still awaiting clinical review."""
        return any(i.evidence == "A" for i in (*self.flags, *self.not_flags))


def decide(item_ids: Iterable[str], course: Course | None = None) -> CardDecision:
    """The decision the items call for: the most cautious one among them (refer, defer, treat)."""
    items = _items(item_ids, course)
    flags = tuple(i for i in items if i.flag)
    decision = most_cautious(i.decision for i in flags)
    deciding = tuple(i for i in flags if i.decision == decision) if decision != "treat" else ()
    plan_changes = tuple(i for i in flags if i.decision == "treat")
    return CardDecision(decision, flags, deciding, plan_changes, tuple(i for i in items if not i.flag))


# --- Grading ----------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionGrade:
    """A learner's decision against the card's. Less cautious than needed is the bigger error;
    "treat" when the card needs "defer" or "refer" is critical (unsafe)."""

    chosen: str
    expected: str
    verdict: str  # "correct", "more-cautious" or "less-cautious"
    steps: int  # how many decisions apart
    critical: bool
    feedback: str  # the card's feedback on the chosen decision

    @property
    def correct(self) -> bool:
        return self.verdict == "correct"


def grade_decision(card: models.ClientCard, chosen: str) -> DecisionGrade:
    """Compare ``chosen`` with the card's expected decision (see :class:`DecisionGrade`)."""
    if not chosen:
        raise ValueError("no decision was chosen; choose treat, defer or refer first")
    _check_decision(chosen, "chosen decision")
    difference = _RANK[card.expected] - _RANK[chosen]  # positive: chosen is more cautious
    verdict = "correct" if difference == 0 else ("more-cautious" if difference > 0 else "less-cautious")
    critical = chosen == "treat" and card.expected != "treat"
    return DecisionGrade(chosen, card.expected, verdict, abs(difference), critical, card.feedback_for(chosen))


@dataclass(frozen=True)
class TickGrade:
    """The learner's ticks against the items true for the client."""

    found: tuple[models.HistoryItem, ...]  # true for her, and ticked
    missed: tuple[models.HistoryItem, ...]  # true for her, not ticked
    extra: tuple[models.HistoryItem, ...]  # ticked, but the story does not say so

    @property
    def missed_flags(self) -> tuple[models.HistoryItem, ...]:
        return tuple(i for i in self.missed if i.flag)

    @property
    def all_found(self) -> bool:
        return not self.missed and not self.extra


def grade_ticks(card: models.ClientCard, ticked: Iterable[str], course: Course | None = None) -> TickGrade:
    """Which of the client's items the learner found, missed, or ticked without reason."""
    ticked_items = _items(ticked, course)
    true_ids = set(card.items)
    ticked_ids = {i.id for i in ticked_items}
    all_items = history_items(course)
    return TickGrade(
        found=tuple(i for i in all_items if i.id in true_ids & ticked_ids),
        missed=tuple(i for i in all_items if i.id in true_ids - ticked_ids),
        extra=tuple(i for i in all_items if i.id in ticked_ids - true_ids),
    )


@dataclass(frozen=True)
class FlagMarks:
    """What "Show flags" shows: each ticked item (a flag or not), and how the ticks compare with her story."""

    ticked: tuple[models.HistoryItem, ...]  # in the card's order
    ticks: TickGrade

    @property
    def empty(self) -> bool:
        """True when nothing is ticked: there is nothing to mark yet."""
        return not self.ticked


def mark_flags(card: models.ClientCard, ticked: Iterable[str], course: Course | None = None) -> FlagMarks:
    """Mark the learner's ticked items as flags or not, before any decision: the step "Show flags"."""
    ticked = tuple(ticked) if not isinstance(ticked, str) else ticked
    return FlagMarks(_items(ticked, course), grade_ticks(card, ticked, course))


@dataclass(frozen=True)
class CardResult:
    """Everything the learner reads after checking a card."""

    card: models.ClientCard
    from_ticks: CardDecision  # what the learner's ticks alone call for
    from_card: CardDecision  # what the client's true items call for (the expected decision)
    ticks: TickGrade
    grade: DecisionGrade

    @property
    def ticks_disagree(self) -> bool:
        """True if the learner's ticks on their own call for another decision than her story does."""
        return self.from_ticks.decision != self.from_card.decision

    @property
    def approximate(self) -> bool:
        """True if any item shown in the feedback is an approximate (A) statement."""
        shown = {i.id: i for i in (*self.from_card.flags, *self.from_card.not_flags, *self.ticks.extra)}
        return any(i.evidence == "A" for i in shown.values())


def check_card(
    card: models.ClientCard | str, ticked: Iterable[str], chosen: str, course: Course | None = None
) -> CardResult:
    """Grade a learner's ticks and decision on ``card`` (a card or its id)."""
    card = get_card(card, course) if isinstance(card, str) else card
    ticked = tuple(ticked) if not isinstance(ticked, str) else ticked
    return CardResult(
        card=card,
        from_ticks=decide(ticked, course),
        from_card=decide(card.items, course),
        ticks=grade_ticks(card, ticked, course),
        grade=grade_decision(card, chosen),
    )


def expected_decision_problems(course: Course | None = None) -> list[str]:
    """Every card whose expected decision differs from what its own items call for."""
    problems = []
    for card in load_cards(course):
        result = decide(card.items, course)
        if result.decision != card.expected:
            problems.append(
                f"{card.id}: expects {card.expected}, but its items {list(card.items)} call for {result.decision}"
            )
    return problems
