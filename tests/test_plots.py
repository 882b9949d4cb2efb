"""The timeline chart: labelled bands, two cues besides colour, alt text from the data."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from course.content import load_course
from course.plots import (
    AXIS_DAYS,
    BAND_STYLES,
    day_to_position,
    draw_timeline,
    position_to_day,
    timeline_alt_text,
)
from course.timeline import entries

PROCEDURES = sorted(load_course().procedures)


def _draw(procedure, **kwargs):
    figure = Figure(figsize=(10, 8), layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    artists = draw_timeline(ax, procedure, **kwargs)
    figure.canvas.draw()
    return figure, ax, artists


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_every_band_carries_a_text_label(procedure):
    _, ax, artists = _draw(procedure)
    assert len(artists.bands) == len(entries(procedure))
    texts_on_axes = set(map(id, ax.texts))
    for entry, band, text in artists.bands:
        assert text.get_text().strip(), entry.id
        assert entry.label in text.get_text()
        assert id(text) in texts_on_axes
        assert band.get_gid() == f"band-{entry.id}"
        # The label sits on the band's row.
        assert abs(text.get_position()[1] - (band.get_y() + band.get_height() / 2)) < 1e-9


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_colour_is_never_the_only_cue(procedure):
    _, _, artists = _draw(procedure)
    hatches = {style.hatch for style in BAND_STYLES.values()}
    assert len(hatches) == len(BAND_STYLES)  # each kind has its own pattern
    for entry, band, text in artists.bands:
        sourced = entry.evidence == "S"
        assert (band.get_linestyle() == "-") == sourced, entry.id
        assert text.get_text().startswith("≈") != sourced, entry.id


def test_labels_stay_inside_the_figure():
    figure, _, artists = _draw("lip-filler")
    renderer = figure.canvas.get_renderer()
    width = figure.bbox.width
    for entry, _, text in artists.bands:
        box = text.get_window_extent(renderer)
        assert box.x0 >= -1 and box.x1 <= width + 1, entry.id


def test_day_marker_sits_at_the_chosen_day():
    _, _, artists = _draw("lip-filler", day=3)
    assert artists.marker is not None
    assert artists.marker.get_xdata()[0] == pytest.approx(day_to_position(3))
    assert artists.marker_label.get_text().strip() == "Day 3"
    _, _, no_day = _draw("lip-filler")
    assert no_day.marker is None


def test_compressed_axis_gives_the_first_days_more_room():
    assert day_to_position(3) - day_to_position(0) == pytest.approx(3)
    assert day_to_position(90) - day_to_position(56) == pytest.approx(1)
    for day in (0, 0.5, 2.5, 10, 30, 90):
        assert position_to_day(day_to_position(day)) == pytest.approx(day)
    assert list(AXIS_DAYS) == sorted(AXIS_DAYS)


def test_compare_mode_draws_both_procedures():
    _, _, artists = _draw("lip-filler", compare="microneedling")
    assert len(artists.bands) == len(entries("lip-filler")) + len(entries("microneedling"))
    assert [t.get_text() for t in artists.group_labels] == ["Lip filler", "Microneedling"]


def test_alt_text_describes_the_chart_from_the_data():
    text = timeline_alt_text("lip-filler", day=3)
    count = len(entries("lip-filler"))
    assert text.startswith("Timeline chart: what to expect after lip filler, day 0 to day 90.")
    assert f"It shows {count} labelled bands" in text
    assert "compressed" in text and "approximate (dashed outline" in text
    assert "day 3 after lip filler" in text and "VO stage 3: clustered pustules" in text
