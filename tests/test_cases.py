"""The unfolding cases: their data agree with the symptom checker, and grading flags under-triage."""

from __future__ import annotations

import dataclasses
import re

import pytest

from course import models
from course.cases import (
    case_ids,
    expected_level_problems,
    get_case,
    grade_stage,
    load_cases,
    stage_sequence,
    summarise,
)
from course.content import load_course
from course.triage import LEVELS, assess

CASES = load_cases()
TRIAGE_STAGES = [(c, s) for c in CASES for s in c.all_stages() if s.kind == "triage"]
EXPECTED_IDS = {
    "a-spots-on-day-3",
    "b-tingling-then-blisters",
    "c-dots-after-the-plump",
    "d-seeds-at-week-four",
    "e-day-3-breakout",
    "f-worse-not-better",
    "g-the-serum-souvenir",
    "h-booking-with-a-cold-sore-history",
    "i-dark-marks-at-day-ten",
    "j-white-patch-in-the-chair",
}


def test_the_ten_cases_of_the_course_design_are_there_in_letter_order():
    assert set(case_ids()) == EXPECTED_IDS
    assert [c.letter for c in CASES] == list("ABCDEFGHIJ")


@pytest.mark.parametrize(("case", "stage"), TRIAGE_STAGES, ids=[f"{c.letter}-{s.id}" for c, s in TRIAGE_STAGES])
def test_each_stage_expects_the_level_the_symptom_checker_gives(case, stage):
    assert stage.expected is not None
    assert assess(case.procedure, stage.day, stage.findings).level == stage.expected.level


def test_the_agreement_check_can_fail():
    case = get_case("a-spots-on-day-3")
    wrong = dataclasses.replace(case.stages[-1], expected=models.Decision("same-day"))
    broken = dataclasses.replace(case, stages=(case.stages[0], wrong))
    problems = expected_level_problems(broken)
    assert len(problems) == 1 and "expects same-day, but the checker gives urgent" in problems[0]
    assert all(expected_level_problems(c) == [] for c in CASES)


@pytest.mark.parametrize(("case", "stage"), TRIAGE_STAGES, ids=[f"{c.letter}-{s.id}" for c, s in TRIAGE_STAGES])
def test_each_triage_stage_explains_all_five_levels(case, stage):
    assert [f.level for f in sorted(stage.feedback, key=lambda f: LEVELS.index(f.level))] == list(LEVELS)
    assert all(f.text.strip() for f in stage.feedback)
    assert stage.refs


def test_every_case_cites_known_references():
    known = set(load_course().references)
    for case in CASES:
        cited = set(case.refs)
        for stage in case.all_stages():
            cited.update(stage.refs)
            cited.update(k for point in stage.teaching_points for k in point.refs)
            cited.update(k for note in stage.track_notes for k in note.refs)
        assert cited <= known, case.id


def test_case_a_day_3_monitor_is_a_critical_error_with_the_reason():
    case = get_case("a-spots-on-day-3")
    day_3 = case.stages[-1]
    grade = grade_stage(day_3, "monitor")
    assert grade.critical and grade.verdict == "under" and grade.score == 0
    assert grade.critical_reason is not None and "vascular occlusion" in grade.critical_reason
    assert "cold sore or milia" in grade.feedback


def test_case_a_day_3_urgent_is_correct_and_emergency_a_minor_over_triage():
    day_3 = get_case("a-spots-on-day-3").stages[-1]
    right = grade_stage(day_3, "urgent")
    assert right.correct and not right.critical and right.score == 1
    over = grade_stage(day_3, "emergency")
    assert over.verdict == "over" and not over.critical and over.score == 0.75


def test_under_triage_of_a_routine_stage_is_not_critical():
    dots = get_case("c-dots-after-the-plump").stages[-1]
    grade = grade_stage(dots, "monitor")
    assert grade.verdict == "under" and not grade.critical


def test_bad_decisions_are_value_errors():
    stage = get_case("a-spots-on-day-3").stages[0]
    with pytest.raises(ValueError, match="no decision was chosen"):
        grade_stage(stage, "")
    with pytest.raises(ValueError, match="'soon' is not a choice"):
        grade_stage(stage, "soon")
    with pytest.raises(ValueError, match="unknown case 'z'; valid cases: a-spots-on-day-3"):
        get_case("z")


def test_case_h_models_the_consultation_honestly():
    case = get_case("h-booking-with-a-cold-sore-history")
    kinds = [s.kind for s in case.stages]
    assert kinds == ["consultation", "consultation", "triage"]
    defer, rebook = case.stages[0], case.stages[1]
    assert grade_stage(defer, "defer").correct
    wrong = grade_stage(defer, "work-around")
    assert wrong.verdict == "wrong" and not wrong.critical and wrong.score == 0
    assert grade_stage(rebook, "prescriber").correct
    assert "prescriber" in grade_stage(rebook, "clinic-cream").feedback


def test_case_j_has_an_injector_track_and_a_recognise_and_escalate_track():
    case = get_case("j-white-patch-in-the-chair")
    assert [(t.id, t.role) for t in case.tracks] == [("injector", "injector"), ("escalate", "beauty-therapist")]
    assert all({n.track for n in s.track_notes} == {"injector", "escalate"} for s in case.stages)
    assert case.procedure == "lip-filler" and all(s.day == 0 for s in case.stages)
    assert [s.expected.level for s in case.stages if s.expected] == ["urgent", "emergency"]


def test_case_e_branches_on_day_7():
    case = get_case("e-day-3-breakout")
    assert [b.id for b in case.branches] == ["settling", "spreading"]
    settling = stage_sequence(case, "settling")
    spreading = stage_sequence(case, "spreading")
    assert settling[:1] == spreading[:1] == case.stages
    assert settling[-1].expected.level == "routine" and spreading[-1].expected.level == "same-day"
    assert stage_sequence(case) == case.stages
    with pytest.raises(ValueError, match="valid branches: settling, spreading"):
        stage_sequence(case, "worse")


def test_summary_counts_score_and_critical_errors_apart():
    case = get_case("a-spots-on-day-3")
    grades = [grade_stage(case.stages[0], "monitor"), grade_stage(case.stages[1], "monitor")]
    summary = summarise(case, grades)
    assert summary.score == 1 and summary.max_score == 2 and summary.critical_errors == 1
    assert "CRITICAL ERROR" in summary.text()


_ADVICE = re.compile(r"\b(massag\w*|squeez\w*|lanc(e|ing)|heating|(apply|applying|use|using) heat)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(no|not|never|nor|cannot|don't|without|instead)\b", re.IGNORECASE)


def _texts(case: models.Case):
    yield case.summary
    for stage in case.all_stages():
        yield stage.seen
        yield from (f.text for f in stage.feedback)
        yield from (o.feedback for o in stage.options)
        yield from (o.label for o in stage.options)
        yield from (p.text for p in stage.teaching_points)
        yield from (n.text for n in stage.track_notes)
        if stage.expected and stage.expected.recipient:
            yield stage.expected.recipient


def test_no_case_advises_massage_squeezing_lancing_or_heat():
    for case in CASES:
        for text in _texts(case):
            for sentence in re.split(r"(?<=[.!?])\s+", text):
                if _ADVICE.search(sentence) and not sentence.startswith('"'):
                    assert _NEGATION.search(sentence), f"{case.id}: {sentence}"
