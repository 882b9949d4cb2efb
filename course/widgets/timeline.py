"""The timeline explorer: scrub through the days after a procedure.

A thin view: :class:`course.timeline.Timeline` holds the learner's place (procedure, day,
comparison) and decides what each step does; :mod:`course.render.timeline` draws it.
The chart is drawn once per procedure (or pair) and cached, so moving the day only moves
a marker over it and rewrites the text: a day change costs milliseconds, not a redraw.
Handlers only set widget values; nothing is displayed from a callback.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import ipywidgets as widgets

from course._pages import notice
from course.content import load_course
from course.models import HORIZON_DAYS
from course.render.timeline import chart_html, explorer_html, lists_html, render_chart, tables_html
from course.timeline import Timeline, format_day, next_day, previous_day
from course.widgets._base import StaticForm

# next_day, previous_day and render_chart are imported from here by other modules.
__all__ = ["NO_COMPARISON", "TimelineExplorer", "next_day", "previous_day", "render_chart", "show_timeline"]

NO_COMPARISON = ""


class TimelineExplorer(StaticForm, widgets.VBox):
    """Procedure and day controls, the chart, the day's lists, and the same as a table."""

    def __init__(self, procedure: str = "lip-filler", day: float = 3, compare: str | None = None) -> None:
        self.timeline = Timeline(procedure, day, compare)
        course = load_course()
        choices = [(p.short_title, p.id) for p in sorted(course.procedures.values(), key=lambda p: p.title)]
        self.procedure = widgets.Dropdown(options=choices, value=procedure, description="Procedure")
        self.compare = widgets.Dropdown(
            options=[("No comparison", NO_COMPARISON), *choices],
            value=compare or NO_COMPARISON,
            description="Compare with",
            style={"description_width": "initial"},
        )
        self.earlier = widgets.Button(description="− Earlier", tooltip="Go to an earlier day")
        self.later = widgets.Button(description="Later +", tooltip="Go to a later day")
        self.day = widgets.FloatSlider(
            value=self.timeline.day,
            min=0,
            max=HORIZON_DAYS,
            step=0.5,
            description="Day",
            readout_format=".1f",
            continuous_update=True,
            layout=widgets.Layout(width="32em"),
        )
        self.chart = widgets.HTML()
        self.lists = widgets.HTML()
        self.table = widgets.HTML()
        self._notice = notice(scope=True)
        self.notice = widgets.HTML(self._notice.html)
        controls = widgets.HBox([self.procedure, self.compare], layout=widgets.Layout(flex_flow="row wrap"))
        stepper = widgets.HBox([self.earlier, self.day, self.later], layout=widgets.Layout(flex_flow="row wrap"))
        self.procedure.observe(self._on_procedure_value, names="value")
        self.compare.observe(self._on_compare_value, names="value")
        self.day.observe(self._on_day_value, names="value")
        self.earlier.on_click(self._on_earlier_click)
        self.later.on_click(self._on_later_click)
        super().__init__([controls, stepper, self.chart, self.lists, self.table, self.notice])
        self._show(self.timeline)

    @property
    def compared(self) -> str | None:
        return self.timeline.compared

    def _show(self, timeline: Timeline) -> None:
        self.timeline = timeline
        course = load_course()
        views = timeline.views
        self.chart.value = str(chart_html(timeline, course))
        self.lists.value = str(lists_html(views, course))
        self.table.value = str(tables_html(views, course))

    def _on_procedure_value(self, change: dict[str, Any]) -> None:
        self._show(replace(self.timeline, procedure=change["new"]))

    def _on_compare_value(self, change: dict[str, Any]) -> None:
        self._show(replace(self.timeline, compare=change["new"]))

    def _on_day_value(self, change: dict[str, Any]) -> None:
        self._show(replace(self.timeline, day=change["new"]))

    def _on_earlier_click(self, button: widgets.Button) -> None:
        self.day.value = self.timeline.earlier().day

    def _on_later_click(self, button: widgets.Button) -> None:
        self.day.value = self.timeline.later().day

    def static_html(self) -> str:
        """The current view without widgets: what an exported page shows without a kernel."""
        return str(explorer_html(self.timeline, self._notice))

    def __repr__(self) -> str:
        compared = f", compared with {self.compared}" if self.compared else ""
        return f"Timeline explorer: {self.timeline.procedure}, day {format_day(self.timeline.day)}{compared}"


def show_timeline(procedure: str = "lip-filler", day: float = 3, compare: str | None = None) -> TimelineExplorer:
    return TimelineExplorer(procedure, day, compare)
