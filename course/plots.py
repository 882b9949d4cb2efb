"""Timeline charts drawn into a matplotlib ``Axes`` the caller owns.

>>> import matplotlib.pyplot as plt
>>> from course.plots import draw_timeline
>>> fig, ax = plt.subplots(figsize=(10, 7), layout="constrained")
>>> artists = draw_timeline(ax, "lip-filler", day=3)

Colour is never the only cue: each kind of band has an Okabe–Ito colour *and*
a hatch pattern *and* a text label on the band; approximate windows have a
dashed outline and "≈" in their label, sourced ones a solid outline. The day
axis is compressed: days 0 to 3 in detail, then weeks, to day 90.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from course.content import Course, load_course
from course.models import HORIZON_DAYS
from course.timeline import Entry, entries, format_day, on_day, validate_day, validate_procedure

if TYPE_CHECKING:  # matplotlib is imported only to draw: the text and positions here do not need it
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle
    from matplotlib.text import Text

# Okabe & Ito (2008), colour-universal palette.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}


@dataclass(frozen=True)
class BandStyle:
    name: str  # what the legend and alt text call this kind of band
    colour: str
    colour_name: str
    hatch: str
    pattern_name: str


BAND_STYLES = {
    "phase": BandStyle("expected healing", OKABE_ITO["bluish green"], "bluish green", "", "plain"),
    "complication": BandStyle("possible complication", OKABE_ITO["orange"], "orange", "..", "dotted"),
    "must-not-miss": BandStyle("must not miss", OKABE_ITO["vermillion"], "vermillion", "xx", "cross-hatched"),
}

# The compressed day axis: equal room for each step between these days.
AXIS_DAYS = np.array([0, 1, 2, 3, 7, 14, 28, 56, HORIZON_DAYS], dtype=float)
AXIS_LABELS = ["0", "1", "2", "3", "1 wk", "2 wk", "4 wk", "8 wk", f"day {HORIZON_DAYS}"]
_AXIS_POSITIONS = np.arange(len(AXIS_DAYS), dtype=float)
AXIS_DESCRIPTION = "days 0 to 3 in detail, then 1, 2, 4 and 8 weeks, to day 90"


def day_to_position(days: float | Sequence[float] | npt.NDArray[np.float64]) -> Any:
    """Map days onto the compressed axis (piecewise linear between AXIS_DAYS)."""
    return np.interp(days, AXIS_DAYS, _AXIS_POSITIONS)


def position_to_day(positions: float | Sequence[float] | npt.NDArray[np.float64]) -> Any:
    """Map positions on the compressed axis back to days."""
    return np.interp(positions, _AXIS_POSITIONS, AXIS_DAYS)


def in_sentence(title: str) -> str:
    """A title as it reads mid-sentence: "Lip filler" -> "lip filler", but "RF microneedling" stays."""
    return title if title[:2].isupper() else title[:1].lower() + title[1:]


def style_for(entry: Entry) -> BandStyle:
    if entry.kind == "phase":
        return BAND_STYLES["phase"]
    return BAND_STYLES["must-not-miss" if entry.must_not_miss else "complication"]


def band_label(entry: Entry) -> str:
    """The text on a band: its label, ≈ when approximate, → when it runs past day 90."""
    text = entry.label
    if entry.evidence == "A":
        text = f"≈ {text}"
    if entry.open_end:
        text = f"{text} →"
    return text


@dataclass
class TimelineArtists:
    """What :func:`draw_timeline` drew, so callers and tests can inspect it."""

    bands: list[tuple[Entry, Rectangle, Text]] = field(default_factory=list)
    marker: Line2D | None = None
    marker_label: Text | None = None
    group_labels: list[Text] = field(default_factory=list)


def _rows(procedure: str, compare: str | None, course: Course) -> list[tuple[str, list[Entry]]]:
    groups = [(procedure, list(entries(procedure, course)))]
    if compare is not None:
        if compare == procedure:
            raise ValueError(f"choose two different procedures to compare; got {procedure!r} twice")
        groups.append((compare, list(entries(compare, course))))
    return groups


def draw_timeline(
    ax: Axes,
    procedure: str,
    *,
    day: float | None = None,
    compare: str | None = None,
    course: Course | None = None,
) -> TimelineArtists:
    """Draw the timeline of ``procedure`` (and of ``compare`` below it) into ``ax``."""
    course = course or load_course()
    validate_procedure(procedure, course)
    if day is not None:
        day = validate_day(day)
    groups = _rows(procedure, compare, course)
    artists = TimelineArtists()
    row = 0
    for group_index, (proc_id, group) in enumerate(groups):
        if len(groups) > 1:
            title = course.procedures[proc_id].short_title
            artists.group_labels.append(
                ax.text(0, row - 0.15, f"{title}", fontsize=10, fontweight="bold", va="bottom", ha="left")
            )
            row += 1
        for entry in group:
            artists.bands.append(_draw_band(ax, entry, row))
            row += 1
        if group_index < len(groups) - 1:
            ax.axhline(row - 0.5, color="0.3", linewidth=0.8)
    ax.set_xlim(0, _AXIS_POSITIONS[-1] + 0.02)
    ax.set_ylim(row - 0.4, -0.9)
    ax.set_yticks([])
    ax.set_xticks(_AXIS_POSITIONS, AXIS_LABELS)
    ax.grid(axis="x", color="0.85", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel(f"Days after the treatment (compressed: {AXIS_DESCRIPTION})")
    titles = " and ".join(in_sentence(course.procedures[p].short_title) for p, _ in groups)
    ax.set_title(f"What to expect after {titles}, day 0 to day {HORIZON_DAYS}", loc="left")
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.legend(
        handles=legend_handles(), loc="upper center", bbox_to_anchor=(0.5, -0.09), ncol=3, fontsize=8.5, frameon=False
    )
    if day is not None:
        x = float(day_to_position(day))
        artists.marker = ax.axvline(x, color="black", linewidth=2, zorder=5)
        artists.marker_label = ax.text(
            x, -0.85, f" Day {format_day(day)}", fontsize=10, fontweight="bold", va="top", ha="left", zorder=6
        )
    return artists


# Rough width of one label character in axis units (8.5 pt text on a 10-inch
# figure with 8 axis steps); only used to keep labels inside the chart.
_CHAR_WIDTH = 0.058


def _draw_band(ax: Axes, entry: Entry, row: int) -> tuple[Entry, Rectangle, Text]:
    from matplotlib.patches import Rectangle

    style = style_for(entry)
    start = float(day_to_position(entry.start_day))
    end = float(day_to_position(HORIZON_DAYS if entry.open_end else entry.end_day))
    width = max(end - start, 0.06)  # a single-day item is still a visible band
    sourced = entry.evidence == "S"
    band = Rectangle(
        (start, row - 0.32),
        width,
        0.64,
        facecolor=style.colour,
        alpha=0.9 if sourced else 0.45,
        hatch=style.hatch,
        edgecolor="black",
        linewidth=1.2,
        linestyle="-" if sourced else "--",
        label=entry.label,
        gid=f"band-{entry.id}",
    )
    ax.add_patch(band)
    if entry.end_upper_day is not None and not entry.open_end and entry.end_upper_day > entry.end_day:
        # The thin tail: how long it sometimes lasts.
        tail_end = float(day_to_position(entry.end_upper_day))
        ax.plot([end, tail_end], [row, row], color=style.colour, linewidth=2, solid_capstyle="butt")
    # Labels sit on the band when it is wide enough, otherwise just after it,
    # or just before it when the text would run off the right edge.
    label = band_label(entry)
    inside = width >= 2.4
    right_end = max(end, float(day_to_position(entry.end_upper_day or 0)))
    fits_after = right_end + 0.08 + len(label) * _CHAR_WIDTH <= _AXIS_POSITIONS[-1]
    if inside:
        x, align = start + 0.05, "left"
    elif fits_after:
        x, align = right_end + 0.08, "left"
    else:
        x, align = start - 0.08, "right"
    text = ax.text(
        x,
        row,
        label,
        va="center",
        ha=align,
        fontsize=8.5,
        color="black",
        bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1.0},
        zorder=4,
        clip_on=False,
    )
    return entry, band, text


def legend_handles() -> list[Patch]:
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=s.colour, hatch=s.hatch, edgecolor="black", label=s.name.capitalize())
        for s in BAND_STYLES.values()
    ]
    handles.append(Patch(facecolor="white", edgecolor="black", linestyle="-", label="Solid outline: sourced"))
    handles.append(Patch(facecolor="white", edgecolor="black", linestyle="--", label="Dashed, ≈: approximate"))
    return handles


def timeline_alt_text(
    procedure: str, day: float | None = None, compare: str | None = None, course: Course | None = None
) -> str:
    """A text alternative for the chart, generated from the same data."""
    course = course or load_course()
    groups = _rows(procedure, compare, course)
    titles = " and ".join(in_sentence(course.procedures[p].short_title) for p, _ in groups)
    all_entries = [e for _, group in groups for e in group]
    counts = {key: sum(1 for e in all_entries if style_for(e) is style) for key, style in BAND_STYLES.items()}
    approx = sum(1 for e in all_entries if e.evidence == "A")
    parts = [
        f"Timeline chart: what to expect after {titles}, day 0 to day {HORIZON_DAYS}.",
        f"The horizontal day axis is compressed: {AXIS_DESCRIPTION}.",
        f"It shows {len(all_entries)} labelled bands:"
        f" {counts['phase']} expected healing phases ({_style_words('phase')}),"
        f" {counts['complication']} possible complications ({_style_words('complication')})"
        f" and {counts['must-not-miss']} complications that must not be missed ({_style_words('must-not-miss')}).",
        f"{approx} of the windows are approximate (dashed outline, marked ≈); the rest are sourced (solid outline).",
    ]
    if day is not None:
        for proc_id, _ in groups:
            view = on_day(proc_id, day, course)
            name = in_sentence(course.procedures[proc_id].short_title)
            expected = ", ".join(e.label for e in view.expected) or "nothing listed"
            urgent = ", ".join(e.label for e in view.must_not_miss) or "none in their usual window"
            parts.append(
                f"A vertical line marks day {format_day(view.day)} after {name}:"
                f" expected: {expected}; must not miss: {urgent}."
            )
    return " ".join(parts)


def _style_words(key: str) -> str:
    style = BAND_STYLES[key]
    return f"{style.colour_name}, {style.pattern_name}"
