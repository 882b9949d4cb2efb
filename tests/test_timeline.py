"""course.timeline over the whole day range of every procedure."""

from __future__ import annotations

import math

import pytest

from course.content import load_course
from course.models import HORIZON_DAYS
from course.timeline import compare, describe_window, entries, on_day, over_range, validate_day

PROCEDURES = sorted(load_course().procedures)
DAYS = [*(i / 4 for i in range(0, 13)), *range(4, HORIZON_DAYS + 1)]  # quarter days to day 3, then whole days


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_every_day_gives_a_consistent_view(procedure):
    all_entries = entries(procedure)
    for day in DAYS:
        view = on_day(procedure, day)
        assert view.day == float(day)
        for entry in view.expected + view.complications:
            assert entry.start_day <= day and (entry.open_end or day <= entry.end_day), (procedure, day, entry.id)
        assert all(e.kind == "phase" for e in view.expected + view.may_persist)
        assert all(e.kind == "complication" for e in view.complications)
        assert set(view.must_not_miss) == {e for e in view.complications if e.must_not_miss}
        # Nothing in its window is left out.
        in_window = {e.id for e in all_entries if e.in_window(day)}
        assert {e.id for e in view.expected + view.complications} == in_window


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_every_entry_is_shown_on_some_day(procedure):
    shown = set()
    for day in DAYS:
        view = on_day(procedure, day)
        shown.update(e.id for e in view.expected + view.complications)
    assert shown == {e.id for e in entries(procedure)}


def test_day_3_after_lip_filler_lists_vascular_occlusion_as_must_not_miss():
    view = on_day("lip-filler", 3)
    pustules = [e for e in view.must_not_miss if e.condition == "vascular-occlusion" and "pustules" in e.label]
    assert pustules and pustules[0].refs == ("MURRAY-VO21",)
    assert "Swelling" in [e.label for e in view.expected]


def test_milia_after_microneedling_read_in_weeks():
    milia = [e for e in entries("microneedling") if e.condition == "milia"]
    assert milia and milia[0].window.startswith("from week 1 (day 7)")
    assert not on_day("microneedling", 3).complications or all(
        e.condition != "milia" for e in on_day("microneedling", 3).complications
    )


def test_day_0_and_day_90_and_fractions_work():
    assert on_day("lip-filler", 0).must_not_miss  # blanching on the treatment day
    assert on_day("laser-resurfacing", HORIZON_DAYS).complications
    assert on_day("lip-filler", 1.5).day == 1.5


@pytest.mark.parametrize("bad", [-1, -0.5, HORIZON_DAYS + 0.5, math.nan, math.inf, "3", None, True, [3]])
def test_a_bad_day_is_a_value_error_naming_it_and_the_valid_range(bad):
    with pytest.raises(ValueError) as raised:
        on_day("lip-filler", bad)
    assert repr(bad) in str(raised.value) and "from 0" in str(raised.value) and str(HORIZON_DAYS) in str(raised.value)


@pytest.mark.parametrize("bad", ["lip filler", "Lip-Filler", "", None, 3])
def test_an_unknown_procedure_is_a_value_error_listing_the_valid_ones(bad):
    with pytest.raises(ValueError) as raised:
        on_day(bad, 3)
    message = str(raised.value)
    assert repr(bad) in message
    for valid in PROCEDURES:
        assert valid in message


def test_over_range_returns_entries_overlapping_the_range():
    first_week = over_range("microneedling", 0, 7)
    assert {e.label for e in first_week} >= {"Redness (sunburn-like)", "Swelling"}
    assert all(e.start_day <= 7 for e in first_week)
    with pytest.raises(ValueError, match="forwards"):
        over_range("microneedling", 7, 0)


def test_compare_two_procedures_on_the_same_day():
    result = compare("lip-filler", "microneedling", 3)
    assert result.first.procedure == "lip-filler" and result.second.procedure == "microneedling"
    assert any("VO stage 3" in label for label in result.only_first)
    with pytest.raises(ValueError, match="two different procedures"):
        compare("lip-filler", "lip-filler", 3)


def test_validate_day_accepts_ints_and_floats():
    assert validate_day(3) == 3.0 and validate_day(0.25) == 0.25


@pytest.mark.parametrize(
    ("start", "end", "open_end", "words"),
    [
        (0, 0, False, "day 0 (the treatment day)"),
        (0, 0.1, False, "the first hours (day 0 to 0.1)"),
        (2, 4, False, "days 2–4"),
        (14, 14, False, "around day 14"),
        (14, 28, False, "weeks 2–4 (days 14–28)"),
        (7, 90, True, "from week 1 (day 7), continuing past day 90"),
        (0, 90, True, "from day 0, continuing past day 90"),
    ],
)
def test_windows_are_described_in_words(start, end, open_end, words):
    assert describe_window(start, end, open_end) == words
