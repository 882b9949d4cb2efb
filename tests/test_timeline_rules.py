"""The timeline rules the explorer shows but no longer decides: steps, statuses, names, comparing."""

from __future__ import annotations

import pytest

from course.content import load_course
from course.models import HORIZON_DAYS
from course.timeline import (
    Timeline,
    day_sentence,
    entries,
    next_day,
    on_day,
    previous_day,
    statuses,
    unnamed_condition,
)


def test_steps_are_half_days_then_days_then_weeks_and_stop_at_the_ends():
    assert [next_day(d) for d in (0, 2.5, 3, 13, 14, 84, 90)] == [0.5, 3, 4, 14, 21, 90, 90]
    assert [previous_day(d) for d in (0, 0.5, 3, 4, 14, 15, 21, 90)] == [0, 0, 2.5, 3, 13, 14, 14, 83]


@pytest.mark.parametrize("day", [i / 2 for i in range(0, 2 * HORIZON_DAYS + 1)])
def test_steps_always_move_within_the_timeline(day):
    assert 0 <= previous_day(day) <= day <= next_day(day) <= HORIZON_DAYS
    assert previous_day(day) < day or day == 0
    assert next_day(day) > day or day == HORIZON_DAYS


def test_day_sentence_reads_the_day_convention():
    assert day_sentence(0) == "Day 0 is the treatment day itself."
    assert day_sentence(0.5) == "Day 0.5 is about 12 hours after the treatment (0.5 days later)."
    assert day_sentence(1) == "Day 1 is about 24 hours after the treatment (1 day later)."


def test_statuses_cover_every_entry_with_the_most_pressing_status():
    view = on_day("lip-filler", 3)
    rows = statuses(view)
    assert [entry for entry, _ in rows] == list(entries("lip-filler"))
    status = {entry.id: words for entry, words in rows}
    for entry in view.must_not_miss:
        assert status[entry.id] == "must not miss"
    for entry in view.others:
        assert status[entry.id] == "in its usual window"
    for entry in view.expected:
        assert status[entry.id] == "expected"
    shown = {e.id for e in view.expected + view.may_persist + view.complications}
    assert {entry_id for entry_id, words in status.items() if words is None} == {
        e.id for e in entries("lip-filler") if e.id not in shown
    }


def test_others_are_the_complications_that_are_not_must_not_miss():
    view = on_day("microneedling", 21)
    assert set(view.others) | set(view.must_not_miss) == set(view.complications)
    assert not set(view.others) & set(view.must_not_miss)


def test_kind_label_names_must_not_miss_complications():
    labels = {e.kind_label for e in entries("lip-filler")}
    assert labels == {"expected healing", "complication", "complication (must not miss)"}


def test_a_condition_is_named_only_when_the_label_does_not_name_it():
    course = load_course()
    vo = next(e for e in entries("lip-filler") if e.label.startswith("VO stage 3"))
    assert unnamed_condition(vo) == course.conditions[vo.condition].title
    milia = next(e for e in entries("microneedling") if e.label.startswith("Milia"))
    assert unnamed_condition(milia) is None
    assert all(unnamed_condition(e) is None for e in entries("lip-filler") if not e.condition)


def test_timeline_validates_like_the_explorer_did():
    with pytest.raises(ValueError, match="unknown procedure 'lips'"):
        Timeline("lips", 3)
    with pytest.raises(ValueError, match="unknown procedure 'peel'"):
        Timeline("lip-filler", 3, compare="peel")
    with pytest.raises(ValueError, match="outside the timeline"):
        Timeline("lip-filler", -2)
    assert Timeline("lip-filler", 3).day == 3.0 and isinstance(Timeline("lip-filler", 3).day, float)


def test_comparing_a_procedure_with_itself_or_nothing_is_no_comparison():
    assert Timeline("lip-filler", 3, compare="lip-filler").compared is None
    assert Timeline("lip-filler", 3, compare="").compared is None
    single = Timeline("lip-filler", 3).views
    assert [v.procedure for v in single] == ["lip-filler"]
    pair = Timeline("microneedling", 7, compare="rf-microneedling").views
    assert [v.procedure for v in pair] == ["microneedling", "rf-microneedling"]
    assert pair[1] == on_day("rf-microneedling", 7)


def test_later_and_earlier_keep_the_procedures():
    timeline = Timeline("microneedling", 2.5, compare="laser-resurfacing")
    assert timeline.later() == Timeline("microneedling", 3, compare="laser-resurfacing")
    assert timeline.earlier().day == 2 and Timeline("lip-filler", 0).earlier().day == 0


def test_entries_are_built_once_per_loaded_procedure(valid_data):
    assert entries("lip-filler") is entries("lip-filler")
    other = load_course(valid_data)
    procedure = next(iter(other.procedures))
    assert entries(procedure, other) is entries(procedure, other)
    assert entries(procedure, other) == tuple(entries(procedure, other))
