"""Layouts and styles shared by the many controls of one view.

A notebook stores the model of every widget it shows, layouts and styles
included, and the kernel sends each one to the browser as it is made. The
symptom checker has some forty checkboxes, a case a dozen controls per stage,
and a lesson eight quizzes of a dozen controls each; giving each control its
own layout and style would double the models a lesson's kernel makes and sends
and add hundreds of kilobytes to every stored notebook. One shared layout and
style per kind of control, made when a view first needs it, keeps both small.
Nothing changes a shared layout after it is made: a control whose layout
changes (one that is shown and hidden) has a layout of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, LabelStyle, TextStyle


class Looks:
    # Layouts
    @cached_property
    def plain(self) -> widgets.Layout:
        return widgets.Layout()

    @cached_property
    def auto(self) -> widgets.Layout:
        return widgets.Layout(width="auto")

    @cached_property
    def wide(self) -> widgets.Layout:
        """As wide as its text, never wider than the view."""
        return widgets.Layout(width="auto", max_width="100%")

    @cached_property
    def wrap(self) -> widgets.Layout:
        return widgets.Layout(flex_flow="row wrap")

    @cached_property
    def centred_wrap(self) -> widgets.Layout:
        return widgets.Layout(align_items="center", flex_flow="row wrap")

    @cached_property
    def flexible(self) -> widgets.Layout:
        """Takes the room left in its row."""
        return widgets.Layout(flex="1 1 auto", width="auto")

    @cached_property
    def padded(self) -> widgets.Layout:
        return widgets.Layout(padding="0.2em 0")

    @cached_property
    def tile(self) -> widgets.Layout:
        return widgets.Layout(flex="1 1 24em", margin="0 1.5em 0 0")  # a column that wraps on narrow screens

    # Styles
    @cached_property
    def html_style(self) -> HTMLStyle:
        return HTMLStyle()

    @cached_property
    def label_style(self) -> LabelStyle:
        return LabelStyle()

    @cached_property
    def checkbox_style(self) -> CheckboxStyle:
        return CheckboxStyle()

    @cached_property
    def button_style(self) -> widgets.ButtonStyle:
        return widgets.ButtonStyle()

    @cached_property
    def bold_button_style(self) -> widgets.ButtonStyle:
        return widgets.ButtonStyle(font_weight="bold")

    @cached_property
    def described(self) -> DescriptionStyle:
        """A description as wide as its words (radio buttons, dropdowns)."""
        return DescriptionStyle(description_width="initial")

    @cached_property
    def described_text(self) -> TextStyle:
        """The same, for text boxes."""
        return TextStyle(description_width="initial")

    # Controls
    def html(self, value: str = "") -> widgets.HTML:
        return widgets.HTML(value, layout=self.plain, style=self.html_style)

    def label(self, value: str = "", layout: widgets.Layout | None = None) -> widgets.Label:
        return widgets.Label(value=value, layout=layout or self.plain, style=self.label_style)

    def button(
        self, description: str, tooltip: str, layout: widgets.Layout | None = None, bold: bool = False
    ) -> widgets.Button:
        return widgets.Button(
            description=description,
            tooltip=tooltip,
            layout=layout or self.auto,
            style=self.bold_button_style if bold else self.button_style,
        )

    def checkbox(self, description: str, layout: widgets.Layout | None = None) -> widgets.Checkbox:
        # The description is shown as text, never as HTML (description_allow_html is off).
        return widgets.Checkbox(
            value=False, description=description, indent=False, layout=layout or self.auto, style=self.checkbox_style
        )

    def radio(self, description: str, options: Sequence[tuple[str, object]]) -> widgets.RadioButtons:
        """Options to choose one of, none chosen yet."""
        return widgets.RadioButtons(
            options=list(options), value=None, description=description, style=self.described, layout=self.wide
        )

    def dropdown(
        self, options: list, value: str, description: str, layout: widgets.Layout | None = None
    ) -> widgets.Dropdown:
        return widgets.Dropdown(
            options=options, value=value, description=description, layout=layout or self.auto, style=self.described
        )

    def row(self, children: list, layout: widgets.Layout | None = None) -> widgets.HBox:
        return widgets.HBox(children, layout=layout or self.wrap)

    def column(self, children: list) -> widgets.VBox:
        return widgets.VBox(children, layout=self.plain)

    def tile_column(self, children: list) -> widgets.VBox:
        return widgets.VBox(children, layout=self.tile)
