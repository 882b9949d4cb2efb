"""Which items a learner sees, in which order: seeded draws, parallel versions and must-pass items."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Sequence

from course.content import Course
from course.models import QuestionBank, QuizItem

__all__ = [
    "draw_items",
    "find_bank",
    "item_order",
    "lesson_complete",
    "matching_choices",
    "must_pass_slots",
    "next_parallel_item",
    "open_must_pass",
    "presentation_order",
    "seed_for",
    "select_items",
]


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


def matching_choices(item: QuizItem, learner_id: str = "", attempt: int = 1, session_seed: str = "") -> tuple[str, ...]:
    """The answers a learner picks from in a matching item, in display order.

    Every distinct answer of the pairs, then the distractors; shuffled from the
    seed unless ``option_order_fixed`` (keep it for sorting sets such as Do /
    Don't / Depends). With no learner id, the authored order. Other items: ``()``.
    """
    choices = list(dict.fromkeys([p.match for p in item.pairs] + list(item.distractors)))
    if item.option_order_fixed or not learner_id:
        return tuple(choices)
    random.Random(seed_for(learner_id, item.id, attempt, session_seed, part="choices")).shuffle(choices)
    return tuple(choices)


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


def select_items(bank: QuestionBank, items: str | int | Sequence[str] | None, learner_id: str) -> tuple[QuizItem, ...]:
    """The items a quiz shows: ``None`` (one version of each question), a count per objective, or item ids."""
    if isinstance(items, bool):
        raise TypeError(f"items is None, a count per objective, or item ids; got {items!r}")
    if items is None:
        chosen: Sequence[QuizItem] = draw_items(bank, learner_id)
    elif isinstance(items, int):
        chosen = draw_items(bank, learner_id, per_objective=items)
    else:
        ids = [items] if isinstance(items, str) else list(items)
        picked: list[QuizItem] = []
        for item_id in ids:
            try:
                item = bank.item(item_id)
            except KeyError as err:
                raise ValueError(err.args[0]) from None
            if item.status == "retired":
                raise ValueError(f"item '{item_id}' of bank '{bank.id}' is retired; choose another")
            picked.append(item)
        chosen = picked
    if not chosen:
        raise ValueError(f"no items to show from bank '{bank.id}'")
    return tuple(chosen)


def find_bank(course: Course, bank_id: str) -> QuestionBank:
    """The bank ``bank_id``; ``ValueError`` naming the banks there are."""
    banks = {bank.id: bank for bank in course.banks}
    if bank_id not in banks:
        known = ", ".join(sorted(banks)) or "(none yet)"
        raise ValueError(f"unknown question bank {bank_id!r}; banks: {known}")
    return banks[bank_id]


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
