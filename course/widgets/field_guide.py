"""The field guide of lesson 2: choose a condition and a skin tone, or compare two conditions.

A thin view: :class:`course.appearance.FieldGuide` holds the learner's choices and decides
what is shown; :mod:`course.render.field_guide` draws it. Handlers only set widget values;
nothing is displayed from a callback.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import ipywidgets as widgets

from course.appearance import TONE_CHOICES, FieldGuide, guide_choices
from course.render.field_guide import field_guide_html, static_field_guide_html
from course.widgets._base import StaticForm
from course.widgets._common import WIDGET_CLASS, style_widget

__all__ = ["NO_COMPARISON", "FieldGuideWidget", "show_field_guide"]

NO_COMPARISON = ""


class FieldGuideWidget(StaticForm, widgets.VBox):
    """A condition menu, skin-tone buttons and a comparison menu above the picture(s) and features."""

    def __init__(self, condition: str | None = None, tone: str = "M", compare: str | None = None) -> None:
        self.guide = FieldGuide(condition, tone, compare)
        choices = [(c.label, c.key) for c in guide_choices()]
        described = {"description_width": "initial"}
        self.condition = widgets.Dropdown(
            options=choices, value=self.guide.condition, description="Condition", style=described
        )
        self.tone = widgets.ToggleButtons(
            options=list(TONE_CHOICES),
            value=self.guide.tone,
            description="Skin tone",
            tooltips=[f"Show the picture on {label.split(' · ')[0].lower()}" for label, _ in TONE_CHOICES],
            style={**described, "button_width": "auto"},
        )
        self.compare = widgets.Dropdown(
            options=[("No comparison", NO_COMPARISON), *choices],
            value=self.guide.compare or NO_COMPARISON,
            description="Compare with",
            style=described,
        )
        self.view = widgets.HTML()
        self.condition.observe(self._on_condition_value, names="value")
        self.tone.observe(self._on_tone_value, names="value")
        self.compare.observe(self._on_compare_value, names="value")
        menus = widgets.HBox([self.condition, self.compare], layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([style_widget(), menus, self.tone, self.view])
        self.add_class(WIDGET_CLASS)
        self._show(self.guide)

    def _show(self, guide: FieldGuide) -> None:
        self.guide = guide
        self.view.value = str(field_guide_html(guide))

    def _on_condition_value(self, change: dict[str, Any]) -> None:
        self._show(replace(self.guide, condition=change["new"]))

    def _on_tone_value(self, change: dict[str, Any]) -> None:
        self._show(replace(self.guide, tone=change["new"]))

    def _on_compare_value(self, change: dict[str, Any]) -> None:
        self._show(replace(self.guide, compare=change["new"] or None))

    def static_html(self) -> str:
        """The chosen condition(s) on all three tones with their features: what a page without a kernel shows."""
        return str(static_field_guide_html(self.guide))

    def __repr__(self) -> str:
        compared = self.guide.compared
        extra = f", compared with {compared.label}" if compared is not None else ""
        return f"Field guide: {self.guide.choice.label} on {self.guide.tone_label}{extra}"


def show_field_guide(condition: str | None = None, tone: str = "M", compare: str | None = None) -> FieldGuideWidget:
    return FieldGuideWidget(condition, tone, compare)
