"""The timeline explorer: scrub through the days after a procedure.

A thin view over :mod:`course.timeline` (what is expected on a day) and
:mod:`course.plots` (the chart). The chart is drawn once per procedure (or
pair of procedures) and cached; moving the day only moves an HTML marker over
it and rewrites the text, so a day change costs milliseconds, not a redraw.
Handlers only set widget values; nothing is displayed from a callback.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from html import escape

import ipywidgets as widgets
from matplotlib.figure import Figure

from course._pages import notice
from course.content import load_course
from course.models import HORIZON_DAYS
from course.plots import day_to_position, draw_timeline, in_sentence, timeline_alt_text
from course.timeline import DayView, Entry, entries, format_day, on_day, validate_day, validate_procedure
from course.widgets._base import StaticForm
from course.widgets._figures import figure_png_base64
from course.widgets._html import refs_text

NO_COMPARISON = ""


@dataclass(frozen=True)
class Chart:
    """A rendered chart and where its day axis sits in the image (fractions of the image)."""

    png_base64: str
    width: int
    height: int
    axes_left: float
    axes_right: float
    axes_top: float  # from the top of the image
    axes_bottom: float
    x_min: float
    x_max: float

    def x_fraction(self, day: float) -> float:
        position = float(day_to_position(day))
        return self.axes_left + (position - self.x_min) / (self.x_max - self.x_min) * (self.axes_right - self.axes_left)


@functools.lru_cache(maxsize=32)
def render_chart(procedure: str, compare: str | None = None) -> Chart:
    """Draw and rasterise the chart of a procedure (or a pair); cached per pair."""
    rows = len(entries(procedure)) + (len(entries(compare)) + 1 if compare else 0)
    figure = Figure(figsize=(10, 0.34 * rows + 2.2), dpi=100, layout="constrained")
    ax = figure.add_subplot()
    draw_timeline(ax, procedure, compare=compare)
    png_base64 = figure_png_base64(figure)
    box = ax.get_position()  # final, after the constrained layout ran during savefig
    width, height = (round(float(v)) for v in figure.get_size_inches() * figure.dpi)
    x_min, x_max = ax.get_xlim()
    return Chart(
        png_base64=png_base64,
        width=width,
        height=height,
        axes_left=box.x0,
        axes_right=box.x1,
        axes_top=1 - box.y1,
        axes_bottom=1 - box.y0,
        x_min=x_min,
        x_max=x_max,
    )


def chart_html(procedure: str, day: float, compare: str | None = None) -> str:
    chart = render_chart(procedure, compare)
    alt = timeline_alt_text(procedure, day, compare)
    left = chart.x_fraction(day) * 100
    top = chart.axes_top * 100
    height = (chart.axes_bottom - chart.axes_top) * 100
    return (
        '<figure style="margin:0 0 0.5em 0">'
        '<div style="position:relative;display:inline-block;max-width:100%">'
        f'<img src="data:image/png;base64,{chart.png_base64}" alt="{escape(alt)}" '
        f'width="{chart.width}" height="{chart.height}" style="max-width:100%;height:auto;display:block">'
        f'<div aria-hidden="true" style="position:absolute;left:{left:.3f}%;top:{top:.3f}%;height:{height:.3f}%;'
        'border-left:3px solid #000;margin-left:-1px"></div>'
        f'<div aria-hidden="true" style="position:absolute;left:{left:.3f}%;top:{top:.3f}%;'
        "background:#fff;color:#000;font-weight:bold;padding:0 0.3em;border:1px solid #000;"
        f'font-size:0.9em">Day {format_day(day)}</div>'
        "</div>"
        '<figcaption style="font-size:0.9em;color:#333">The black line marks the chosen day. '
        "Solid outlines are sourced windows; dashed outlines marked ≈ are approximate.</figcaption>"
        "</figure>"
    )


def _item(entry: Entry) -> str:
    course = load_course()
    condition = course.conditions.get(entry.condition) if entry.condition else None
    # Name the condition unless the label already does (e.g. "VO stage 3" does not).
    named = condition is not None and condition.title.split()[0].lower() in entry.label.lower()
    about = f" ({escape(condition.title.lower())})" if condition is not None and not named else ""
    note = f'<br><span style="font-size:0.9em">{escape(entry.note)}</span>' if entry.note else ""
    return (
        f"<li><strong>{escape(entry.label)}</strong>{about}: {escape(entry.window)}; "
        f"<em>{entry.evidence_label}</em> {refs_text(entry.refs)}{note}</li>"
    )


def _list(title: str, items: tuple[Entry, ...], empty: str) -> str:
    body = "".join(_item(e) for e in items) if items else f"<li>{escape(empty)}</li>"
    return f'<h4 style="margin:0.6em 0 0.2em">{escape(title)}</h4><ul style="margin-top:0">{body}</ul>'


def day_lists_html(view: DayView) -> str:
    """The day's lists, as a learner reads them: expected, must not miss, other complications."""
    day = format_day(view.day)
    others = tuple(e for e in view.complications if not e.must_not_miss)
    return (
        f'<section aria-label="Day {day} after {escape(view.procedure_title)}">'
        + _list(f"Expected on day {day}", view.expected, "No expected healing phase is listed for this day.")
        + (_list(f"May still be present on day {day}", view.may_persist, "") if view.may_persist else "")
        + _list(
            f"Must not miss on day {day}",
            view.must_not_miss,
            "No must-not-miss complication is in its usual window on this day (windows are approximate; "
            "a warning sign on any day still needs action).",
        )
        + _list(f"Also in their usual window on day {day}", others, "None.")
        + "</section>"
    )


def table_html(view: DayView) -> str:
    """The same content as a table: every item, its window, and its status on the day."""
    status = {e.id: "expected" for e in view.expected}
    status.update({e.id: "may still be present" for e in view.may_persist})
    status.update({e.id: "must not miss" for e in view.must_not_miss})
    status.update({e.id: "in its usual window" for e in view.complications if e.id not in status})
    cell = "text-align:left;vertical-align:top;padding:0.2em 0.5em;border-bottom:1px solid #ccc"
    head = "".join(
        f'<th scope="col" style="{cell}">{h}</th>'
        for h in ("Item", "Kind", "Usual window", f"On day {format_day(view.day)}", "Evidence", "References")
    )
    rows = []
    for entry in entries(view.procedure):
        kind = "expected healing" if entry.kind == "phase" else "complication"
        if entry.must_not_miss:
            kind += " (must not miss)"
        rows.append(
            f'<tr><th scope="row" style="{cell}">{escape(entry.label)}</th><td style="{cell}">{kind}</td>'
            f'<td style="{cell}">{escape(entry.window)}</td><td style="{cell}">{status.get(entry.id, "–")}</td>'
            f'<td style="{cell}">{entry.evidence_label}</td><td style="{cell}">{refs_text(entry.refs)}</td></tr>'
        )
    caption = (
        f"Timeline after {escape(in_sentence(view.procedure_title))} as a table,"
        f" with the status on day {format_day(view.day)}"
    )
    return (
        f'<table style="border-collapse:collapse;font-size:0.9em"><caption style="text-align:left">{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def next_day(day: float) -> float:
    """The "+" step: half days until day 3, whole days until day 14, then a week."""
    step = 0.5 if day < 3 else 1 if day < 14 else 7
    return min(HORIZON_DAYS, day + step)


def previous_day(day: float) -> float:
    """The "−" step, mirroring :func:`next_day`."""
    if day > 14:
        return max(14.0, day - 7)
    return max(0.0, day - (0.5 if day <= 3 else 1))


class TimelineExplorer(StaticForm, widgets.VBox):
    """Procedure and day controls, the chart, the day's lists, and the same as a table."""

    def __init__(self, procedure: str = "lip-filler", day: float = 3, compare: str | None = None) -> None:
        course = load_course()
        validate_procedure(procedure)
        if compare:
            validate_procedure(compare)
        day = validate_day(day)
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
            value=day,
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
        self.notice = widgets.HTML(notice(scope=True).html)
        controls = widgets.HBox([self.procedure, self.compare], layout=widgets.Layout(flex_flow="row wrap"))
        stepper = widgets.HBox([self.earlier, self.day, self.later], layout=widgets.Layout(flex_flow="row wrap"))
        self.procedure.observe(self._on_procedure_value, names="value")
        self.compare.observe(self._on_compare_value, names="value")
        self.day.observe(self._on_day_value, names="value")
        self.earlier.on_click(self._on_earlier_click)
        self.later.on_click(self._on_later_click)
        super().__init__([controls, stepper, self.chart, self.lists, self.table, self.notice])
        self._update()

    @property
    def compared(self) -> str | None:
        chosen = self.compare.value
        return chosen if chosen and chosen != self.procedure.value else None

    def _update(self) -> None:
        day = self.day.value
        self.chart.value = chart_html(self.procedure.value, day, self.compared)
        views = [on_day(self.procedure.value, day)]
        if self.compared:
            views.append(on_day(self.compared, day))
        lists = [day_lists_html(v) for v in views]
        if len(lists) == 1:
            self.lists.value = lists[0]
        else:
            columns = "".join(
                '<div style="flex:1 1 22em;min-width:0">'
                f'<h3 style="margin:0.3em 0">{escape(v.procedure_title)}</h3>{html}</div>'
                for v, html in zip(views, lists, strict=True)
            )
            self.lists.value = f'<div style="display:flex;flex-wrap:wrap;gap:1.5em">{columns}</div>'
        self.table.value = "".join(table_html(v) for v in views)

    def _on_procedure_value(self, change: dict) -> None:
        self._update()

    def _on_compare_value(self, change: dict) -> None:
        self._update()

    def _on_day_value(self, change: dict) -> None:
        self._update()

    def _on_earlier_click(self, button: widgets.Button) -> None:
        self.day.value = previous_day(self.day.value)

    def _on_later_click(self, button: widgets.Button) -> None:
        self.day.value = next_day(self.day.value)

    def static_html(self) -> str:
        """The current view without widgets: what an exported page shows without a kernel."""
        return self.chart.value + self.lists.value + self.table.value + self.notice.value

    def __repr__(self) -> str:
        compared = f", compared with {self.compared}" if self.compared else ""
        return f"Timeline explorer: {self.procedure.value}, day {format_day(self.day.value)}{compared}"


def show_timeline(procedure: str = "lip-filler", day: float = 3, compare: str | None = None) -> TimelineExplorer:
    return TimelineExplorer(procedure, day, compare)
