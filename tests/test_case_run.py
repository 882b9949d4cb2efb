"""A learner's way through a case, without any widget: what shows next, what can change, the summary."""

from __future__ import annotations

import pytest

from course.cases import CaseRun, expected_choice, get_case, load_cases, track_notes
from course.content import load_course


def run_of(case_id: str, track: str | None = None) -> CaseRun:
    return CaseRun(get_case(case_id), track, load_course())


def ids(run: CaseRun) -> list[str]:
    return [s.id for s in run.visible_stages()]


def test_only_the_first_stage_shows_until_a_decision_is_committed():
    run = run_of("a-spots-on-day-3")
    assert ids(run) == ["day-1-message"]
    assert not run.started and not run.finished and run.next_stage is run.case.stages[0]
    run.commit("day-1-message", "monitor")
    assert ids(run) == ["day-1-message", "day-3-facial"]
    assert run.started and not run.finished


def test_a_committed_stage_cannot_be_changed_and_a_later_one_is_not_open_yet():
    run = run_of("a-spots-on-day-3")
    with pytest.raises(ValueError, match=r"stage 'day-3-facial' is not open yet; .*: day-1-message"):
        run.commit("day-3-facial", "urgent")
    run.commit("day-1-message", "monitor")
    with pytest.raises(ValueError, match="already has a committed decision; start again to change it"):
        run.commit("day-1-message", "urgent")
    grade = run.grade("day-1-message")
    assert grade is not None and grade.chosen == "monitor"
    with pytest.raises(ValueError, match="unknown stage 'day-9'"):
        run.commit("day-9", "urgent")


def test_an_empty_or_unknown_choice_is_refused_and_leaves_the_stage_open():
    run = run_of("a-spots-on-day-3")
    with pytest.raises(ValueError, match="no decision was chosen"):
        run.commit("day-1-message", "")
    with pytest.raises(ValueError, match="'soon' is not a choice"):
        run.commit("day-1-message", "soon")
    assert run.grade("day-1-message") is None and not run.started


def test_commit_returns_the_grade_with_the_critical_error_and_its_reason():
    run = run_of("a-spots-on-day-3")
    assert run.commit("day-1-message", "monitor").correct
    grade = run.commit("day-3-facial", "monitor")
    assert grade.critical and grade.verdict == "under" and grade.score == 0
    assert grade.critical_reason is not None and "vascular occlusion" in grade.critical_reason


def test_the_summary_scores_the_decisions_and_counts_critical_errors_apart():
    run = run_of("a-spots-on-day-3")
    run.commit("day-1-message", "routine")  # over-triage by one level: 0.75
    run.commit("day-3-facial", "monitor")  # critical under-triage: 0
    assert run.finished and ids(run) == ["day-1-message", "day-3-facial"]
    summary = run.summary()
    assert [g.stage.id for g in summary.grades] == ["day-1-message", "day-3-facial"]
    assert summary.score == 0.75 and summary.max_score == 2
    assert summary.critical_errors == 1 and summary.correct == 0


def test_restart_clears_every_decision_and_the_branch():
    run = run_of("e-day-3-breakout")
    run.commit(run.case.stages[0].id, "routine")
    run.choose_branch("spreading")
    run.restart()
    assert run.grades() == () and run.branch is None and not run.started
    assert ids(run) == [run.case.stages[0].id]


def test_a_branching_case_asks_which_way_the_story_went_after_the_main_stages():
    run = run_of("e-day-3-breakout")
    with pytest.raises(ValueError, match="decide the main stages first"):
        run.choose_branch("spreading")
    for stage in run.case.stages:
        run.commit(stage.id, expected_choice(stage))
    assert run.awaiting_branch and not run.finished and run.next_stage is None
    with pytest.raises(ValueError, match=r"unknown branch 'worse'.*valid branches: settling, spreading"):
        run.choose_branch("worse")
    branch = run.choose_branch("spreading")
    assert run.branch is branch and not run.awaiting_branch
    assert ids(run)[-1] == "day-7-spreading" and len(run.stages()) == len(run.case.stages) + len(branch.stages)
    with pytest.raises(ValueError, match="already went on as 'spreading'; start again"):
        run.choose_branch("settling")
    run.commit("day-7-spreading", "same-day")
    assert run.finished and run.summary().score == len(run.stages())


def test_a_case_without_branches_cannot_branch():
    run = run_of("a-spots-on-day-3")
    with pytest.raises(ValueError, match="this case does not branch"):
        run.choose_branch("settling")


def test_tracks_default_to_the_first_and_switching_starts_again():
    run = run_of("j-white-patch-in-the-chair")
    assert run.track == run.case.tracks[0].id == "injector"
    assert run.track_info is run.case.tracks[0]
    first = run.case.stages[0]
    run.commit(first.id, "urgent")
    assert [n.track for n in track_notes(first, run.track)] == ["injector"]
    run.set_track("escalate")
    assert run.track == "escalate" and not run.started and ids(run) == [first.id]
    assert [n.track for n in track_notes(first)] == ["injector", "escalate"]  # the static form shows both
    with pytest.raises(ValueError, match="unknown track 'nurse' of case 'j-white-patch-in-the-chair'"):
        run.set_track("nurse")
    assert run_of("a-spots-on-day-3").track is None
    with pytest.raises(ValueError, match=r"valid tracks: \(none: this case has no tracks\)"):
        run_of("a-spots-on-day-3", track="injector")


@pytest.mark.parametrize("case_id", [c.id for c in load_cases()])
def test_every_case_can_be_run_to_the_end_with_the_expected_decisions(case_id):
    run = run_of(case_id)
    while not run.finished:
        if run.awaiting_branch:
            run.choose_branch(run.case.branches[0].id)
            continue
        stage = run.next_stage
        assert stage is not None and run.visible_stages()[-1] is stage
        run.commit(stage.id, expected_choice(stage))
    summary = run.summary()
    assert summary.score == summary.max_score == len(run.stages()) and summary.critical_errors == 0
