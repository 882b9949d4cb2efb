"""The depth explorer of lesson 1: choose a depth, see which procedures reach it.

A thin view: :mod:`course.skin` decides what a depth shows and what a step up or down
reaches; :mod:`course.render.depth` draws it. Handlers only set widget values.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from course.render.depth import chart_html, depth_text_html, explorer_html, reach_table_html
from course.skin import at_depth, layer, skin_model, step_layer
from course.widgets._base import StaticForm

__all__ = ["DepthExplorer", "show_depth_explorer"]


class DepthExplorer(StaticForm, widgets.VBox):
    """A depth control (slider plus Shallower/Deeper buttons), the chart, the text and the table."""

    def __init__(self, layer_id: str = "epidermis") -> None:
        model = skin_model()
        layer(layer_id)
        self.depth = widgets.SelectionSlider(
            options=[(item.name, item.id) for item in model.layers],
            value=layer_id,
            description="Depth",
            continuous_update=True,
            layout=widgets.Layout(width="34em"),
        )
        self.shallower = widgets.Button(description="▲ Shallower", tooltip="One layer up")
        self.deeper = widgets.Button(description="Deeper ▼", tooltip="One layer down")
        self.chart = widgets.HTML()
        self.text = widgets.HTML()
        self.table = widgets.HTML(str(reach_table_html()))
        self.depth.observe(self._on_depth_value, names="value")
        self.shallower.on_click(self._on_shallower_click)
        self.deeper.on_click(self._on_deeper_click)
        controls = widgets.HBox([self.shallower, self.depth, self.deeper], layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([controls, self.chart, self.text, self.table])
        self._show(layer_id)

    def _show(self, layer_id: str) -> None:
        self.chart.value = str(chart_html(layer_id))
        self.text.value = str(depth_text_html(at_depth(layer_id)))

    def _on_depth_value(self, change: dict[str, Any]) -> None:
        self._show(change["new"])

    def _on_shallower_click(self, button: widgets.Button) -> None:
        self.depth.value = step_layer(self.depth.value, -1)

    def _on_deeper_click(self, button: widgets.Button) -> None:
        self.depth.value = step_layer(self.depth.value, 1)

    def __repr__(self) -> str:
        return f"Depth explorer: {layer(self.depth.value).name}"

    def static_html(self) -> str:
        return str(explorer_html(at_depth(self.depth.value)))


def show_depth_explorer(layer_id: str = "epidermis") -> DepthExplorer:
    return DepthExplorer(layer_id)
