"""Layouts and styles shared by the many controls of one view.

A notebook stores the model of every widget it shows, layouts and styles
included. The symptom checker has some forty checkboxes and a case a dozen
controls per stage; giving each its own layout and style would add hundreds of
kilobytes to every stored notebook. One shared layout and style per kind of
control keeps the stored notebooks small. Nothing changes a shared layout
after it is made.
"""

from __future__ import annotations

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle


class Looks:
    def __init__(self) -> None:
        self.plain = widgets.Layout()
        self.auto = widgets.Layout(width="auto")
        self.wrap = widgets.Layout(flex_flow="row wrap")
        self.tile = widgets.Layout(flex="1 1 24em", margin="0 1.5em 0 0")  # a column that wraps on narrow screens
        self.html_style = HTMLStyle()
        self.checkbox_style = CheckboxStyle()
        self.button_style = widgets.ButtonStyle()
        self.described = DescriptionStyle(description_width="initial")

    def html(self, value: str = "") -> widgets.HTML:
        return widgets.HTML(value, layout=self.plain, style=self.html_style)

    def button(self, description: str, tooltip: str) -> widgets.Button:
        return widgets.Button(description=description, tooltip=tooltip, layout=self.auto, style=self.button_style)

    def checkbox(self, description: str) -> widgets.Checkbox:
        # The description is shown as text, never as HTML (description_allow_html is off).
        return widgets.Checkbox(
            value=False, description=description, indent=False, layout=self.auto, style=self.checkbox_style
        )

    def dropdown(self, options: list, value: str, description: str) -> widgets.Dropdown:
        return widgets.Dropdown(
            options=options, value=value, description=description, layout=self.auto, style=self.described
        )

    def row(self, children: list) -> widgets.HBox:
        return widgets.HBox(children, layout=self.wrap)

    def column(self, children: list) -> widgets.VBox:
        return widgets.VBox(children, layout=self.plain)

    def tile_column(self, children: list) -> widgets.VBox:
        return widgets.VBox(children, layout=self.tile)
