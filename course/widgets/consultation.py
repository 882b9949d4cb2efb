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

from typing import Any

import ipywidgets as widgets

from course.consultation import DECISIONS, check_card, checklist, decision_info, get_card, mark_flags
from course.content import load_course
from course.render import consultation as render
from course.render.consultation import CHOOSE_FIRST, FLAG_MARK, NOT_FLAG_MARK, PROMPT, TICK_FIRST
from course.widgets._base import StaticForm
from course.widgets._common import WIDGET_CLASS, style_widget
from course.widgets._looks import Looks

__all__ = [
    "CHOOSE_FIRST",
    "FLAG_MARK",
    "NOT_FLAG_MARK",
    "NO_DECISION",
    "PROMPT",
    "TICK_FIRST",
    "ClientCardWidget",
    "show_client_card",
]

NO_DECISION = ""


class ClientCardWidget(StaticForm, widgets.VBox):
    """One client: her story, the consultation card to tick, "Show flags", a decision, "Check my decision"."""

    def __init__(self, card_id: str) -> None:
        course = self.course = load_course()
        self.card = get_card(card_id, course)
        looks = Looks()
        self.header = looks.html(str(render.header(self.card)))
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
            groups.append(looks.tile_column([looks.html(str(render.group_heading(group))), *boxes]))
        self.show_flags = looks.button("Show flags", "Mark which of your ticked items are flags")
        self.flags = looks.html()
        self.decision = looks.dropdown(
            [("Choose a decision", NO_DECISION), *((decision_info(d, course).label, d) for d in DECISIONS)],
            NO_DECISION,
            "Your decision",
        )
        self.check = looks.button("Check my decision", "Compare your decision with the course's")
        self.result = looks.html(str(render.status_line(PROMPT)))

        self.show_flags.on_click(self._on_show_flags_click)
        self.decision.observe(self._on_decision_value, names="value")
        self.check.on_click(self._on_check_click)

        super().__init__(
            [
                style_widget(),  # lets long item labels wrap instead of being cut off
                self.header,
                looks.html(str(render.heading("The consultation card: tick every item that is true for her"))),
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

    def _clear_marks(self) -> None:
        for item_id, box in self.items.items():
            box.description = self._labels[item_id]
        self.flags.value = ""

    # --- Handlers: they only set widget values --------------------------------

    def _on_item_value(self, change: dict[str, Any]) -> None:
        self._clear_marks()
        self.result.value = str(render.status_line(PROMPT))

    def _on_decision_value(self, change: dict[str, Any]) -> None:
        self.result.value = str(render.status_line(PROMPT))

    def _on_show_flags_click(self, button: widgets.Button) -> None:
        marks = mark_flags(self.card, self.ticked, self.course)
        for item in marks.ticked:
            self.items[item.id].description = render.marked_label(item)
        self.flags.value = str(render.flags(marks))

    def _on_check_click(self, button: widgets.Button) -> None:
        if self.decision.value == NO_DECISION:
            self.result.value = str(render.status_line(CHOOSE_FIRST))
            return
        checked = check_card(self.card, self.ticked, self.decision.value, self.course)
        self.result.value = str(render.result(checked, self.course))

    # --- Static forms ----------------------------------------------------------

    def static_html(self) -> str:
        """The story, the card and the decisions, with the expected decision in a reveal block."""
        return str(render.static_card(self.card, self.course))

    def __repr__(self) -> str:
        return f"Client card: {self.card.title} ({len(self.ticked)} of {len(self.items)} items ticked)"


def show_client_card(card_id: str) -> ClientCardWidget:
    return ClientCardWidget(card_id)
