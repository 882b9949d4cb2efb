"""The client-card risk simulator: tick the history, see the flags, decide treat, defer or refer.

A thin view over :mod:`course.consultation`. The learner reads a client's story,
ticks the items of the consultation card that are true for her, and presses
"Show flags": each ticked item is then marked as a flag or not, in words and
with an icon (never colour alone). The learner chooses a decision and presses
"Check my decision"; only then does the course show its decision, the reasons
and references, and the notice with the scope reminder. Changing a tick or the
decision afterwards clears the marks and the result, so every answer is a fresh
commitment. Handlers only set widget values; nothing is displayed from a callback.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

import ipywidgets as widgets

from course import models
from course._pages import notice
from course.consultation import (
    DECISIONS,
    CardResult,
    card_set,
    check_card,
    checklist,
    decide,
    decision_info,
    get_card,
)
from course.content import Course, load_course
from course.models import EVIDENCE_LABELS
from course.widgets._base import StaticForm
from course.widgets._common import WIDGET_CLASS, style_widget
from course.widgets._html import NOTE_STYLE, paragraph, refs_text, warning_svg
from course.widgets._looks import Looks

NO_DECISION = ""
PROMPT = "Tick what is true for this client, press “Show flags”, choose your decision, then “Check my decision”."
TICK_FIRST = "Tick at least one item first: which of these are true for this client?"
CHOOSE_FIRST = "Choose a decision first: treat, defer or refer."
FLAG_MARK = "⚠ Flag: "
NOT_FLAG_MARK = "✓ Not a flag: "
_PANEL = "border-left:4px solid #0072B2;padding:0 0 0 0.8em;margin:0.6em 0"
_UNSAFE = (
    "border:3px solid #000;border-left:12px solid #D55E00;border-radius:4px;background:#fff;color:#000;"
    "padding:0.5em 0.8em;margin:0.5em 0;max-width:60em"
)
_LIST = "margin-top:0;list-style:none;padding-left:0.3em"
_VERDICTS = {
    "correct": "Right: your decision is the course’s decision.",
    "more-cautious": "More cautious than this client needs: a minor error, but it costs the client a treatment or a "
    "referral she does not need.",
    "less-cautious": "Less cautious than this client needs.",
}


def _h(level: int, text: str) -> str:
    return f'<h{level} style="margin:0.6em 0 0.2em">{escape(text)}</h{level}>'


def _p(inner_html: str) -> str:
    return f'<p style="margin:0.3em 0">{inner_html}</p>'


def ok_svg(size: int = 18) -> str:
    """A tick in a circle: the mark for an item that is not a flag (the words next to it say so)."""
    return (
        f'<svg width="{size}" height="{size}" viewBox="0 0 24 24" aria-hidden="true" '
        'focusable="false" style="vertical-align:middle;flex:none">'
        '<circle cx="12" cy="12" r="10.5" fill="#fff" stroke="#000" stroke-width="1.5"/>'
        '<polyline points="6.5,12.5 10.5,16.5 17.5,8" fill="none" stroke="#000" stroke-width="2.5"/></svg>'
    )


def _mark(item: models.HistoryItem) -> str:
    """Icon and words: a flag or not."""
    if item.flag:
        return f"{warning_svg(18)} <strong>Flag:</strong>"
    return f"{ok_svg()} <strong>Not a flag:</strong>"


def _decision_word(decision: str) -> str:
    return decision.capitalize()


def header_html(card: models.ClientCard) -> str:
    """What the learner reads before ticking."""
    return (
        f'<h3 style="margin:0.4em 0 0.2em">Client card: {escape(card.title)}</h3>'
        + _p(f"<strong>The client:</strong> {escape(card.client)} (Names and details are fictional.)")
        + f'<div style="{_PANEL}">{_p(f"<strong>Her story:</strong> {escape(card.story)}")}</div>'
    )


def flags_html(ticked: Iterable[models.HistoryItem], card: models.ClientCard) -> str:
    """After "Show flags": each ticked item marked as a flag or not, and how the ticks compare with the story."""
    ticked = tuple(ticked)
    if not ticked:
        return message_html(TICK_FIRST)
    items = "".join(f"<li>{_mark(i)} {escape(i.label)}</li>" for i in ticked)
    true_ids = set(card.items)
    ticked_ids = {i.id for i in ticked}
    missed = len(true_ids - ticked_ids)
    extra = len(ticked_ids - true_ids)
    if missed or extra:
        compare = (
            f"Compared with her story: {missed} item{'s' if missed != 1 else ''} true for her "
            f"{'are' if missed != 1 else 'is'} not ticked, and {extra} ticked item{'s' if extra != 1 else ''} "
            f"{'are' if extra != 1 else 'is'} not in her story. Read the story again before you decide."
        )
    else:
        compare = "Your ticks match her story."
    return (
        f'<div role="status" style="{NOTE_STYLE}">{_h(4, "Flags among your ticks")}'
        f'<ul style="{_LIST}">{items}</ul>{paragraph(compare)}'
        f"{paragraph('Now choose your decision: treat, defer or refer.')}</div>"
    )


def item_reason_html(item: models.HistoryItem) -> str:
    """One item with its mark, what it means on its own, why, and its references."""
    on_its_own = f" (on its own: {_decision_word(item.decision)})" if item.flag else ""
    return (
        f"<li>{_mark(item)} {escape(item.label)}{escape(on_its_own)}. {escape(item.why)} "
        f"<em>({EVIDENCE_LABELS[item.evidence]})</em> {refs_text(item.refs)}</li>"
    )


def reasons_html(card: models.ClientCard, course: Course) -> str:
    """The client's items: the flags and what each means, then the items that are not flags."""
    result = decide(card.items, course)
    parts = [_h(4, "The flags for this client"), f'<ul style="{_LIST}">']
    parts += [item_reason_html(i) for i in result.flags]
    parts.append("</ul>")
    if result.not_flags:
        parts += [_h(4, "True for her, but not flags"), f'<ul style="{_LIST}">']
        parts += [item_reason_html(i) for i in result.not_flags]
        parts.append("</ul>")
    parts.append(
        paragraph(
            "The most cautious decision among the flags wins: refer, then defer, then treat. "
            "Refer includes postponing: nothing happens until the other professional has advised."
        )
    )
    return "".join(parts)


def _labels(items: Iterable[models.HistoryItem]) -> str:
    return "".join(f"<li>{escape(i.label)}</li>" for i in items)


def ticks_html(result: CardResult, course: Course) -> str:
    ticks = result.ticks
    total = len(result.card.items)
    parts = [_h(4, "Your ticks"), paragraph(f"You ticked {len(ticks.found)} of the {total} items true for her.")]
    if ticks.missed:
        parts.append(_p("<strong>Missed (true for her, not ticked):</strong>"))
        parts.append(f'<ul style="margin-top:0">{_labels(ticks.missed)}</ul>')
    if ticks.extra:
        parts.append(_p("<strong>Ticked, but not in her story:</strong>"))
        parts.append(f'<ul style="margin-top:0">{_labels(ticks.extra)}</ul>')
    if result.from_ticks.decision != result.from_card.decision:
        own = decision_info(result.from_ticks.decision, course).label
        parts.append(
            paragraph(
                f"Your ticks on their own call for “{own}”, which is not the decision this client needs: "
                "the story is what counts, so read it closely."
            )
        )
    return "".join(parts)


def unsafe_html(result: CardResult, course: Course) -> str:
    """The critical-error flag for treating a client who needs defer or refer: icon and words."""
    need = decision_info(result.grade.expected, course).label
    deciding = "; ".join(i.label for i in result.from_card.deciding)
    return (
        f'<div role="alert" style="{_UNSAFE}"><p style="margin:0;display:flex;gap:0.5em;align-items:flex-start">'
        f"{warning_svg()}<span><strong>Critical error: unsafe to treat today.</strong> "
        f"This client needs “{escape(need)}”, because of: {escape(deciding)}.</span></p></div>"
    )


def result_html(result: CardResult, course: Course) -> str:
    """Everything the learner reads after checking, in reading order."""
    grade = result.grade
    card = result.card
    chosen = decision_info(grade.chosen, course).label
    expected = decision_info(grade.expected, course).label
    parts = ['<section aria-label="Feedback on your decision">']
    if grade.critical:
        parts.append(unsafe_html(result, course))
    parts.append(_p(f"Your decision: <strong>{escape(chosen)}</strong>. {escape(_VERDICTS[grade.verdict])}"))
    parts.append(paragraph(grade.feedback))
    parts.append(_p(f"The course’s decision: <strong>{escape(expected)}</strong>"))
    if not grade.correct:
        why = card.feedback_for(grade.expected)
        parts.append(_p(f"<strong>Why the course decides this:</strong> {escape(why)}"))
    parts.append(reasons_html(card, course))
    parts.append(ticks_html(result, course))
    parts.append(_h(4, "What happens next") + paragraph(card.plan))
    parts.append(_p(f"References for this client: {refs_text(card.refs)}"))
    parts.append(notices_html(result.approximate, course))
    parts.append("</section>")
    return "".join(parts)


def notices_html(approximate: bool, course: Course) -> str:
    html = notice(course, scope=True).html
    if approximate:
        html += f'<p style="margin:0.3em 0"><em>{escape(course.notices.approximate_values)}</em></p>'
    return html


def message_html(text: str) -> str:
    return f'<p role="status" style="margin:0.4em 0;color:#000"><strong>{escape(text)}</strong></p>'


class ClientCardWidget(StaticForm, widgets.VBox):
    """One client: her story, the consultation card to tick, "Show flags", a decision, "Check my decision"."""

    def __init__(self, card_id: str) -> None:
        course = self.course = load_course()
        self.card = get_card(card_id, course)
        looks = Looks()
        self.header = looks.html(header_html(self.card))
        self.items: dict[str, widgets.Checkbox] = {}
        self._labels: dict[str, str] = {}
        groups = []
        for group, items in checklist(course):
            boxes = []
            for item in items:
                box = looks.checkbox(item.label)
                box.observe(self._on_item_value, names="value")
                self.items[item.id] = box
                self._labels[item.id] = item.label
                boxes.append(box)
            groups.append(looks.tile_column([looks.html(_h(4, group.label)), *boxes]))
        self.show_flags = looks.button("Show flags", "Mark which of your ticked items are flags")
        self.flags = looks.html()
        self.decision = looks.dropdown(
            [("Choose a decision", NO_DECISION), *((decision_info(d, course).label, d) for d in DECISIONS)],
            NO_DECISION,
            "Your decision",
        )
        self.check = looks.button("Check my decision", "Compare your decision with the course's")
        self.result = looks.html(message_html(PROMPT))

        self.show_flags.on_click(self._on_show_flags_click)
        self.decision.observe(self._on_decision_value, names="value")
        self.check.on_click(self._on_check_click)

        super().__init__(
            [
                style_widget(),  # lets long item labels wrap instead of being cut off
                self.header,
                looks.html(_h(4, "The consultation card: tick every item that is true for her")),
                looks.row(groups),
                looks.row([self.show_flags]),
                self.flags,
                looks.row([self.decision, self.check]),
                self.result,
            ],
            layout=looks.plain,
        )
        self.add_class(WIDGET_CLASS)

    # --- State ---------------------------------------------------------------

    @property
    def ticked(self) -> tuple[str, ...]:
        return tuple(item_id for item_id, box in self.items.items() if box.value)

    def _ticked_items(self) -> tuple[models.HistoryItem, ...]:
        chosen = set(self.ticked)
        return tuple(i for i in card_set(self.course).items if i.id in chosen)

    def _clear_marks(self) -> None:
        for item_id, box in self.items.items():
            box.description = self._labels[item_id]
        self.flags.value = ""

    # --- Handlers: they only set widget values --------------------------------

    def _on_item_value(self, change: dict) -> None:
        self._clear_marks()
        self.result.value = message_html(PROMPT)

    def _on_decision_value(self, change: dict) -> None:
        self.result.value = message_html(PROMPT)

    def _on_show_flags_click(self, button: widgets.Button) -> None:
        ticked = self._ticked_items()
        for item in ticked:
            self.items[item.id].description = (FLAG_MARK if item.flag else NOT_FLAG_MARK) + item.label
        self.flags.value = flags_html(ticked, self.card)

    def _on_check_click(self, button: widgets.Button) -> None:
        if self.decision.value == NO_DECISION:
            self.result.value = message_html(CHOOSE_FIRST)
            return
        result = check_card(self.card, self.ticked, self.decision.value, self.course)
        self.result.value = result_html(result, self.course)

    # --- Static forms ----------------------------------------------------------

    def static_html(self) -> str:
        """The story, the card and the decisions, with the expected decision in a reveal block."""
        card = self.card
        course = self.course
        groups = "".join(
            f'<li>{escape(group.label)}:<ul style="margin-top:0">{_labels(items)}</ul></li>'
            for group, items in checklist(course)
        )
        decisions = "".join(
            f"<li><strong>{escape(decision_info(d, course).label)}.</strong> {escape(decision_info(d, course).meaning)}"
            "</li>"
            for d in DECISIONS
        )
        feedback = "".join(
            f"<li><strong>{escape(decision_info(d, course).label)}</strong>"
            f"{' (the course’s decision)' if d == card.expected else ''}: {escape(card.feedback_for(d))}</li>"
            for d in DECISIONS
        )
        own = decide(card.items, course)
        approximate = any(i.evidence == "A" for i in (*own.flags, *own.not_flags))
        return (
            f'<section aria-label="Client card: {escape(card.title)} (static view)">'
            + header_html(card)
            + paragraph(
                "This is the static view of the client card. Run the notebook to use it: tick the items true for "
                "her, press “Show flags”, choose treat, defer or refer, then press “Check my decision”."
            )
            + _h(4, "The consultation card")
            + f'<ul style="margin-top:0">{groups}</ul>'
            + _h(4, "The decisions")
            + f'<ul style="margin-top:0">{decisions}</ul>'
            + "<details><summary>Show the expected decision</summary>"
            + _p(f"The course’s decision: <strong>{escape(decision_info(card.expected, course).label)}</strong>")
            + reasons_html(card, course)
            + _p("<strong>Feedback for each decision:</strong>")
            + f'<ul style="margin-top:0">{feedback}</ul>'
            + _h(4, "What happens next")
            + paragraph(card.plan)
            + _p(f"References for this client: {refs_text(card.refs)}")
            + "</details>"
            + notices_html(approximate, course)
            + "</section>"
        )

    def __repr__(self) -> str:
        return f"Client card: {self.card.title} ({len(self.ticked)} of {len(self.items)} items ticked)"


def show_client_card(card_id: str) -> ClientCardWidget:
    return ClientCardWidget(card_id)
