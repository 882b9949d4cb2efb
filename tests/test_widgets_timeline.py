"""The timeline explorer as a learner uses it: move the day, read the lists."""

from __future__ import annotations

import pytest

from course.widgets.timeline import TimelineExplorer, next_day, previous_day, render_chart
from tests.conftest import text_of


@pytest.fixture
def explorer():
    return TimelineExplorer("lip-filler", day=3)


def test_day_3_after_lip_filler_reads_vascular_occlusion_as_must_not_miss(explorer):
    explorer.day.value = 3
    lists = text_of(explorer.lists.value)
    must_not_miss = lists.split("Must not miss on day 3")[1].split("Also in their usual window")[0]
    assert "VO stage 3: clustered pustules, often on dusky skin" in must_not_miss
    assert "vascular occlusion" in must_not_miss and "[MURRAY-VO21]" in must_not_miss


def test_moving_the_slider_updates_lists_chart_and_table(explorer):
    explorer.day.value = 3
    chart_before = explorer.chart.value
    explorer.day.value = 60
    lists = text_of(explorer.lists.value)
    assert "Expected on day 60" in lists and "Gradual loss of volume" in lists
    assert "VO stage 3" not in lists.split("Must not miss on day 60")[1].split("Also in")[0]
    assert explorer.chart.value != chart_before and "Day 60" in explorer.chart.value
    assert "On day 60" in explorer.table.value


def test_buttons_step_half_days_then_days_then_weeks(explorer):
    explorer.day.value = 2.5
    explorer.later.click()
    assert explorer.day.value == 3
    explorer.later.click()
    assert explorer.day.value == 4
    explorer.day.value = 21
    explorer.earlier.click()
    assert explorer.day.value == 14
    assert next_day(90) == 90 and previous_day(0) == 0


def test_microneedling_milia_window_reads_as_weeks():
    explorer = TimelineExplorer("microneedling", day=21)
    assert "Milia (tiny firm white cysts): from week 1 (day 7)" in text_of(explorer.lists.value)


def test_changing_procedure_redraws_the_chart(explorer):
    before = explorer.chart.value
    explorer.procedure.value = "rf-microneedling"
    assert explorer.chart.value != before
    alt = explorer.chart.value.split('alt="')[1].split('"')[0]
    assert alt.startswith("Timeline chart: what to expect after RF microneedling, day 0 to day 90.")
    assert "Timeline after radiofrequency (RF) microneedling as a table" in explorer.table.value


def test_compare_mode_shows_both_procedures(explorer):
    explorer.compare.value = "microneedling"
    lists = text_of(explorer.lists.value)
    assert "Lip filler (hyaluronic acid)" in lists and "Microneedling" in lists
    assert "after lip filler and microneedling" in explorer.chart.value


def test_chart_has_alt_text_and_the_marker_tracks_the_day(explorer):
    explorer.day.value = 3
    alt = explorer.chart.value.split('alt="')[1].split('"')[0]
    assert alt.startswith("Timeline chart: what to expect after lip filler")
    assert "A vertical line marks day 3" in alt
    chart = render_chart("lip-filler")
    left = f"left:{chart.x_fraction(3) * 100:.3f}%"
    assert left in explorer.chart.value


def test_notice_and_scope_reminder_are_shown(explorer):
    assert "Educational use only" in explorer.notice.value and "Scope of practice" in explorer.notice.value


def test_static_form_holds_chart_and_text(explorer):
    bundle = explorer._repr_mimebundle_()
    html = bundle[0]["text/html"] if isinstance(bundle, tuple) else bundle["text/html"]
    assert "<img" in html and "Must not miss on day" in html and "Educational use only" in html


def test_invalid_arguments_are_value_errors():
    with pytest.raises(ValueError, match="unknown procedure 'lips'"):
        TimelineExplorer("lips")
    with pytest.raises(ValueError, match="outside the timeline"):
        TimelineExplorer("lip-filler", day=-2)
