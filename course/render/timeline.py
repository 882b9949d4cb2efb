"""The timeline explorer drawn: the chart with its day marker, the day's lists, the table.

The chart is drawn once per procedure (or pair of procedures) and cached; a day change
only moves an HTML marker over it and rewrites the text, so it costs milliseconds, not a
redraw. What shows on a day, and with what status, is decided by :mod:`course.timeline`.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass

from course.content import Course, load_course
from course.plots import day_to_position, draw_timeline, in_sentence, timeline_alt_text
from course.render._cache import fingerprint, kept
from course.render._html import Markup, join, style, tag
from course.render.figures import figure_png_base64
from course.render.pages import HtmlPage, cite
from course.timeline import DayView, Entry, Timeline, entries, format_day, statuses, unnamed_condition

__all__ = [
    "Chart",
    "chart_html",
    "day_lists_html",
    "explorer_html",
    "lists_html",
    "render_chart",
    "table_html",
    "tables_html",
]

CAPTION = (
    "The black line marks the chosen day. Solid outlines are sourced windows; dashed outlines marked ≈ are approximate."
)
NOTHING_TO_MISS = (
    "No must-not-miss complication is in its usual window on this day (windows are approximate; "
    "a warning sign on any day still needs action)."
)
TABLE_COLUMNS = ("Item", "Kind", "Usual window", "On day {day}", "Evidence", "References")


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

    @functools.cached_property
    def src(self) -> Markup:
        """The image as a data address (base64 holds no character that needs escaping)."""
        return Markup(f"data:image/png;base64,{self.png_base64}")


def _draw_chart(procedure: str, compare: str | None) -> Chart:
    from matplotlib.figure import Figure  # here, not at the top: a kept chart needs no matplotlib

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


_CHART_CODE = ("course.plots", "course.timeline", "course.render.timeline", "course.render.figures")
_CHART_DATA = ("procedures/*.yaml", "conditions/*.yaml")


@functools.lru_cache(maxsize=32)
def render_chart(procedure: str, compare: str | None = None) -> Chart:
    """Draw and rasterise the chart of a procedure (or a pair); cached per pair, and kept between kernels."""

    def drawn() -> bytes:
        chart = _draw_chart(procedure, compare)
        fields = {f.name: getattr(chart, f.name) for f in dataclasses.fields(Chart)}
        return json.dumps(fields).encode()

    name = f"{procedure}--{compare or 'alone'}.json"
    fields = json.loads(kept("timeline-charts", name, fingerprint(_CHART_CODE, _CHART_DATA), drawn))
    return Chart(**fields)


def chart_html(timeline: Timeline, course: Course | None = None) -> Markup:
    """The cached chart with a black line and a label marking the chosen day over it."""
    chart = render_chart(timeline.procedure, timeline.compared)
    alt = timeline_alt_text(timeline.procedure, timeline.day, timeline.compared, course or load_course())
    place = f"left:{chart.x_fraction(timeline.day) * 100:.3f}%;top:{chart.axes_top * 100:.3f}%"
    height = f"height:{(chart.axes_bottom - chart.axes_top) * 100:.3f}%"
    return tag(
        "figure",
        tag(
            "div",
            tag("img", src=chart.src, alt=alt, width=chart.width, height=chart.height, style="image-block"),
            tag("div", aria_hidden="true", style="overlay", css=f"{place};{height};{style('day-line')}"),
            tag(
                "div",
                f"Day {format_day(timeline.day)}",
                aria_hidden="true",
                style="overlay",
                css=f"{place};{style('day-label')}",
            ),
            style="chart-frame",
        ),
        tag("figcaption", CAPTION, style="small-muted"),
        style="chart-figure",
    )


# A day change must stay fast (benchmarks/timeline_day_change.py): an item's markup and a
# table row's depend only on the entry (and its status), not on the day, so each is built once.


@functools.lru_cache(maxsize=1024)
def _item(entry: Entry, condition: str | None) -> Markup:
    return tag(
        "li",
        tag("strong", entry.label),
        f" ({condition.lower()})" if condition is not None else None,
        f": {entry.window}; ",
        tag("em", entry.evidence_label),
        " ",
        cite(entry.refs),
        (tag("br"), tag("span", entry.note, style="small")) if entry.note else None,
    )


def _list(title: str, items: Sequence[Entry], empty: str, course: Course) -> Markup:
    body = [_item(e, unnamed_condition(e, course)) for e in items] if items else tag("li", empty)
    return tag("h4", title, style="h4-spaced") + tag("ul", body, style="top-flush")


def day_lists_html(view: DayView, course: Course | None = None) -> Markup:
    """The day's lists, as a learner reads them: expected, must not miss, other complications."""
    course = course or load_course()
    day = format_day(view.day)
    return tag(
        "section",
        _list(f"Expected on day {day}", view.expected, "No expected healing phase is listed for this day.", course),
        _list(f"May still be present on day {day}", view.may_persist, "", course) if view.may_persist else None,
        _list(f"Must not miss on day {day}", view.must_not_miss, NOTHING_TO_MISS, course),
        _list(f"Also in their usual window on day {day}", view.others, "None.", course),
        aria_label=f"Day {day} after {view.procedure_title}",
    )


def lists_html(views: Sequence[DayView], course: Course | None = None) -> Markup:
    """One procedure's lists; or, when comparing, each procedure's lists in a column under its title."""
    course = course or load_course()
    if len(views) == 1:
        return day_lists_html(views[0], course)
    columns = (
        tag("div", tag("h3", view.procedure_title, style="h3"), day_lists_html(view, course), style="column")
        for view in views
    )
    return tag("div", columns, style="columns")


@functools.lru_cache(maxsize=256)
def _table_head(day: str) -> Markup:
    return tag("tr", (tag("th", h.format(day=day), scope="col", style="cell-compact") for h in TABLE_COLUMNS))


@functools.lru_cache(maxsize=1024)
def _row(entry: Entry, status: str | None) -> Markup:
    return tag(
        "tr",
        tag("th", entry.label, scope="row", style="cell-compact"),
        tag("td", entry.kind_label, style="cell-compact"),
        tag("td", entry.window, style="cell-compact"),
        tag("td", status or "–", style="cell-compact"),
        tag("td", entry.evidence_label, style="cell-compact"),
        tag("td", cite(entry.refs), style="cell-compact"),
    )


def table_html(view: DayView, course: Course | None = None) -> Markup:
    """The same content as a table: every item, its window, and its status on the day."""
    day = format_day(view.day)
    caption = f"Timeline after {in_sentence(view.procedure_title)} as a table, with the status on day {day}"
    return tag(
        "table",
        tag("caption", caption, style="th-left"),
        tag("thead", _table_head(day)),
        tag("tbody", [_row(entry, status) for entry, status in statuses(view, course or load_course())]),
        style="table-small",
    )


def tables_html(views: Sequence[DayView], course: Course | None = None) -> Markup:
    """A table per procedure shown."""
    course = course or load_course()
    return join(table_html(view, course) for view in views)


def explorer_html(timeline: Timeline, notice: HtmlPage, course: Course | None = None) -> Markup:
    """The whole explorer without controls, as a page without a kernel shows it."""
    course = course or load_course()
    views = timeline.views
    return join((chart_html(timeline, course), lists_html(views, course), tables_html(views, course), notice))
