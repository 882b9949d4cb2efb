"""The client card as markup: her story, the flags among the ticks, the feedback on a decision.

:mod:`course.consultation` decides (which items are flags, which decision the card needs,
how the learner's ticks and decision compare); these functions only draw it. A flag is
always marked with an icon and words, never colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from course import models
from course.consultation import DECISIONS, CardDecision, CardResult, FlagMarks, checklist, decide, decision_info
from course.content import Course
from course.render._html import Markup, join, tag
from course.render.levels import critical_flag, evidence_and_refs, notices, ok_svg, status_line, warning_svg
from course.render.pages import cite

__all__ = [
    "CHOOSE_FIRST",
    "FLAG_MARK",
    "NOT_FLAG_MARK",
    "PROMPT",
    "TICK_FIRST",
    "flags",
    "group_heading",
    "header",
    "heading",
    "marked_label",
    "reasons",
    "result",
    "static_card",
    "status_line",
]

PROMPT: Final = "Tick what is true for this client, press “Show flags”, choose your decision, then “Check my decision”."
TICK_FIRST: Final = "Tick at least one item first: which of these are true for this client?"
CHOOSE_FIRST: Final = "Choose a decision first: treat, defer or refer."
FLAG_MARK: Final = "⚠ Flag: "
NOT_FLAG_MARK: Final = "✓ Not a flag: "
_VERDICTS: Final = {
    "correct": "Right: your decision is the course’s decision.",
    "more-cautious": "More cautious than this client needs: a minor error, but it costs the client a treatment or a "
    "referral she does not need.",
    "less-cautious": "Less cautious than this client needs.",
}


def heading(text: str) -> Markup:
    return tag("h4", text, style="h4-spaced")


def _p(*children: object) -> Markup:
    return tag("p", *children, style="p")


def group_heading(group: models.HistoryGroup) -> Markup:
    """The heading above a group of items to tick."""
    return heading(group.label)


def marked_label(item: models.HistoryItem) -> str:
    """A checkbox's text once "Show flags" is pressed: the mark in words, then the item (plain text)."""
    return (FLAG_MARK if item.flag else NOT_FLAG_MARK) + item.label


def _mark(item: models.HistoryItem) -> Markup:
    """Icon and words: a flag or not."""
    if item.flag:
        return join([warning_svg(18), " ", tag("strong", "Flag:")])
    return join([ok_svg(), " ", tag("strong", "Not a flag:")])


def header(card: models.ClientCard) -> Markup:
    """What the learner reads before ticking."""
    return join(
        [
            tag("h3", f"Client card: {card.title}", style="h3-title"),
            _p(tag("strong", "The client:"), " ", card.client, " (Names and details are fictional.)"),
            tag("div", _p(tag("strong", "Her story:"), " ", card.story), style="panel"),
        ]
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def flags(marks: FlagMarks) -> Markup:
    """After "Show flags": each ticked item marked as a flag or not, and how the ticks compare with the story."""
    if marks.empty:
        return status_line(TICK_FIRST)
    missed = len(marks.ticks.missed)
    extra = len(marks.ticks.extra)
    if missed or extra:
        compare = (
            f"Compared with her story: {_count(missed, 'item', 'items')} true for her "
            f"{'are' if missed != 1 else 'is'} not ticked, and {_count(extra, 'ticked item', 'ticked items')} "
            f"{'are' if extra != 1 else 'is'} not in her story. Read the story again before you decide."
        )
    else:
        compare = "Your ticks match her story."
    return tag(
        "div",
        heading("Flags among your ticks"),
        tag("ul", [tag("li", _mark(i), " ", i.label) for i in marks.ticked], style="list-marks"),
        _p(compare),
        _p("Now choose your decision: treat, defer or refer."),
        role="status",
        style="note",
    )


def _item_reason(item: models.HistoryItem) -> Markup:
    """One item with its mark, what it means on its own, why, and its references."""
    on_its_own = f" (on its own: {item.decision.capitalize()})" if item.flag else ""
    return tag(
        "li", _mark(item), " ", f"{item.label}{on_its_own}. {item.why} ", evidence_and_refs(item.evidence, item.refs)
    )


def reasons(decision: CardDecision) -> Markup:
    """The client's items: the flags and what each means, then the items that are not flags."""
    parts = [
        heading("The flags for this client"),
        tag("ul", [_item_reason(i) for i in decision.flags], style="list-marks"),
    ]
    if decision.not_flags:
        parts.append(heading("True for her, but not flags"))
        parts.append(tag("ul", [_item_reason(i) for i in decision.not_flags], style="list-marks"))
    parts.append(
        _p(
            "The most cautious decision among the flags wins: refer, then defer, then treat. "
            "Refer includes postponing: nothing happens until the other professional has advised."
        )
    )
    return join(parts)


def _labels(items: Iterable[models.HistoryItem]) -> Markup:
    return tag("ul", [tag("li", i.label) for i in items], style="top-flush")


def _ticks(result: CardResult, course: Course) -> Markup:
    ticks = result.ticks
    total = len(result.card.items)
    parts = [heading("Your ticks"), _p(f"You ticked {len(ticks.found)} of the {total} items true for her.")]
    if ticks.missed:
        parts += [_p(tag("strong", "Missed (true for her, not ticked):")), _labels(ticks.missed)]
    if ticks.extra:
        parts += [_p(tag("strong", "Ticked, but not in her story:")), _labels(ticks.extra)]
    if result.ticks_disagree:
        own = decision_info(result.from_ticks.decision, course).label
        parts.append(
            _p(
                f"Your ticks on their own call for “{own}”, which is not the decision this client needs: "
                "the story is what counts, so read it closely."
            )
        )
    return join(parts)


def _unsafe(result: CardResult, course: Course) -> Markup:
    """The critical-error flag for treating a client who needs defer or refer: icon and words."""
    need = decision_info(result.grade.expected, course).label
    deciding = "; ".join(i.label for i in result.from_card.deciding)
    return critical_flag(
        f"This client needs “{need}”, because of: {deciding}.", headline="Critical error: unsafe to treat today."
    )


def _plan(card: models.ClientCard) -> Markup:
    return join(
        [
            heading("What happens next"),
            _p(card.plan),
            _p("References for this client: ", cite(card.refs)),
        ]
    )


def result(checked: CardResult, course: Course) -> Markup:
    """Everything the learner reads after checking, in reading order."""
    grade = checked.grade
    card = checked.card
    chosen = decision_info(grade.chosen, course).label
    expected = decision_info(grade.expected, course).label
    why = None
    if not grade.correct:
        why = _p(tag("strong", "Why the course decides this:"), " ", card.feedback_for(grade.expected))
    return tag(
        "section",
        _unsafe(checked, course) if grade.critical else None,
        _p("Your decision: ", tag("strong", chosen), ". ", _VERDICTS[grade.verdict]),
        _p(grade.feedback),
        _p("The course’s decision: ", tag("strong", expected)),
        why,
        reasons(checked.from_card),
        _ticks(checked, course),
        _plan(card),
        notices(course, checked.approximate),
        aria_label="Feedback on your decision",
    )


def static_card(card: models.ClientCard, course: Course) -> Markup:
    """The story, the card and the decisions, with the expected decision in a reveal block."""
    groups = [tag("li", f"{group.label}:", _labels(items)) for group, items in checklist(course)]
    infos = [decision_info(d, course) for d in DECISIONS]
    decisions = [tag("li", tag("strong", f"{info.label}."), " ", info.meaning) for info in infos]
    feedback = [
        tag(
            "li",
            tag("strong", info.label),
            " (the course’s decision)" if info.id == card.expected else None,
            ": ",
            card.feedback_for(info.id),
        )
        for info in infos
    ]
    own = decide(card.items, course)
    return tag(
        "section",
        header(card),
        _p(
            "This is the static view of the client card. Run the notebook to use it: tick the items true for "
            "her, press “Show flags”, choose treat, defer or refer, then press “Check my decision”."
        ),
        heading("The consultation card"),
        tag("ul", groups, style="top-flush"),
        heading("The decisions"),
        tag("ul", decisions, style="top-flush"),
        tag(
            "details",
            tag("summary", "Show the expected decision"),
            _p("The course’s decision: ", tag("strong", decision_info(card.expected, course).label)),
            reasons(own),
            _p(tag("strong", "Feedback for each decision:")),
            tag("ul", feedback, style="top-flush"),
            _plan(card),
        ),
        notices(course, own.approximate),
        aria_label=f"Client card: {card.title} (static view)",
    )
