"""The depth explorer of lesson 1: choose a depth, see which procedures reach it.

A thin view over :mod:`course.skin`. The five charts (one per chosen layer)
are drawn once and cached. Handlers only set widget values.
"""

from __future__ import annotations

import functools
from html import escape

import ipywidgets as widgets
from matplotlib.figure import Figure

from course._skin_plot import draw_skin_section, skin_alt_text
from course.content import load_course
from course.models import EVIDENCE_LABELS
from course.plots import in_sentence
from course.skin import layer, lesions_starting_in, procedures_reaching, skin_model
from course.widgets._base import StaticForm
from course.widgets._figures import figure_png_base64
from course.widgets._html import refs_text

_H4 = '<h4 style="margin:0.6em 0 0.2em">'
_UL = '<ul style="margin-top:0">'
_CELL = "text-align:left;vertical-align:top;padding:0.2em 0.5em;border-bottom:1px solid #ccc"


@functools.lru_cache(maxsize=8)
def _chart(highlight: str) -> str:
    figure = Figure(figsize=(10, 6.5), dpi=100, layout="constrained")
    draw_skin_section(figure.add_subplot(), highlight=highlight)
    png = figure_png_base64(figure)
    return (
        f'<img src="data:image/png;base64,{png}" alt="{escape(skin_alt_text(highlight))}" '
        'width="1000" height="650" style="max-width:100%;height:auto;display:block">'
    )


def depth_text_html(layer_id: str) -> str:
    """What the learner reads for the chosen depth."""
    course = load_course()
    chosen = layer(layer_id)
    reaching = procedures_reaching(layer_id)
    lesions = lesions_starting_in(layer_id)
    procedures = (
        "".join(
            f"<li><strong>{escape(in_sentence(course.procedures[r.procedure].short_title))}</strong>"
            f" (deepest: {escape(layer(r.deepest_layer).name.lower())}): {escape(r.summary)}"
            f" <em>{EVIDENCE_LABELS[r.evidence]}</em> {refs_text(r.refs)}</li>"
            for r in reaching
        )
        or "<li>No procedure in this course works this deep.</li>"
    )
    bumps = "".join(
        f"<li><strong>{escape(o.name)}</strong>: {escape(o.text)}"
        f" <em>{EVIDENCE_LABELS[o.evidence]}</em> {refs_text(o.refs)}</li>"
        for o in lesions
    )
    return (
        f'<section aria-label="At this depth: {escape(chosen.name)}">'
        f"{_H4}At this depth: {escape(chosen.name)}</h4>"
        f'<p style="margin:0">{escape(chosen.description)}</p>'
        f"{_H4}Procedures that reach this depth</h4>{_UL}{procedures}</ul>"
        + (f"{_H4}Bumps that start here</h4>{_UL}{bumps}</ul>" if bumps else "")
        + "</section>"
    )


def reach_table_html() -> str:
    """Every procedure and the deepest layer it reaches, as a table."""
    course = load_course()
    model = skin_model()
    head = "".join(
        f'<th scope="col" style="{_CELL}">{h}</th>'
        for h in ("Procedure", "Deepest layer", "What it does", "Evidence", "References")
    )
    rows = "".join(
        f'<tr><th scope="row" style="{_CELL}">{escape(course.procedures[r.procedure].short_title)}</th>'
        f'<td style="{_CELL}">{escape(layer(r.deepest_layer).name)}</td>'
        f'<td style="{_CELL}">{escape(r.summary)}{(" " + escape(r.note)) if r.note else ""}</td>'
        f'<td style="{_CELL}">{EVIDENCE_LABELS[r.evidence]}</td><td style="{_CELL}">{refs_text(r.refs)}</td></tr>'
        for r in model.reaches
    )
    return (
        '<table style="border-collapse:collapse;font-size:0.9em">'
        f'<caption style="text-align:left">How deep each procedure reaches. {escape(model.caveat)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


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
        self.table = widgets.HTML(reach_table_html())
        self.depth.observe(self._on_depth_value, names="value")
        self.shallower.on_click(self._on_shallower_click)
        self.deeper.on_click(self._on_deeper_click)
        controls = widgets.HBox([self.shallower, self.depth, self.deeper], layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([controls, self.chart, self.text, self.table])
        self._update()

    def _update(self) -> None:
        self.chart.value = _chart(self.depth.value)
        self.text.value = depth_text_html(self.depth.value)

    def _step(self, offset: int) -> None:
        ids = [value for _, value in self.depth.options]
        index = min(max(ids.index(self.depth.value) + offset, 0), len(ids) - 1)
        self.depth.value = ids[index]

    def _on_depth_value(self, change: dict) -> None:
        self._update()

    def _on_shallower_click(self, button: widgets.Button) -> None:
        self._step(-1)

    def _on_deeper_click(self, button: widgets.Button) -> None:
        self._step(1)

    def __repr__(self) -> str:
        return f"Depth explorer: {layer(self.depth.value).name}"

    def static_html(self) -> str:
        return self.chart.value + self.text.value + self.table.value


def show_depth_explorer(layer_id: str = "epidermis") -> DepthExplorer:
    return DepthExplorer(layer_id)
