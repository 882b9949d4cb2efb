"""An unfolding case as a learner works it: one stage at a time, a committed decision at each."""

from __future__ import annotations

import shutil

import pytest

from course.cases import load_cases
from course.content import default_data_dir
from course.widgets.cases import CHOOSE_FIRST, CaseExplorer, StagePanel
from tests.conftest import text_of


def visible(case: CaseExplorer) -> list:
    return list(case.story.children)


def decide(panel: StagePanel, choice: str) -> str:
    panel.choice.value = choice
    panel.commit.click()
    return text_of(panel.feedback.value)


@pytest.fixture
def case_a():
    return CaseExplorer("a-spots-on-day-3")


def test_only_the_first_stage_shows_until_a_decision_is_committed(case_a):
    assert visible(case_a) == [case_a.panels[0]]
    assert "Day 1: a message the day after her filler" in text_of(case_a.panels[0].story.value)
    case_a.panels[0].commit.click()
    assert text_of(case_a.panels[0].feedback.value).strip() == CHOOSE_FIRST == "Choose a decision first."
    assert visible(case_a) == [case_a.panels[0]]


def test_case_a_monitor_on_day_3_is_flagged_critical_with_the_reason(case_a):
    first = decide(case_a.panels[0], "monitor")
    assert "Correct" in first and "Critical error" not in first
    assert visible(case_a) == case_a.panels[:2]
    feedback = decide(case_a.panels[1], "monitor")
    assert "Critical error: under-triage." in feedback
    flag = feedback.split("Critical error: under-triage.")[1].split("Your decision")[0]
    assert "vascular occlusion" in flag and "Urgent" in flag
    assert "Whom to contact: The injector who did the filler, now" in feedback
    assert "[MURRAY-VO21]" in feedback


def test_case_a_urgent_on_day_3_is_correct(case_a):
    decide(case_a.panels[0], "monitor")
    feedback = decide(case_a.panels[1], "urgent")
    assert "Correct: your level is the course's level." in feedback and "Critical error" not in feedback


def test_the_end_shows_a_summary_table_and_start_again_resets(case_a):
    decide(case_a.panels[0], "routine")
    decide(case_a.panels[1], "monitor")
    summary = text_of(case_a.summary.value)
    assert case_a.summary in visible(case_a)
    assert "Your decisions in this case" in summary and "<table" in case_a.summary.value
    assert "Day 3: she arrives for her facial Monitor, with gentle care Urgent" in summary
    assert "Critical error: under-triage" in summary and "Over-triage (minor)" in summary
    assert "Score: 0.75 of 2" in summary and "Critical errors: 1." in summary
    assert case_a.panels[1].choice.disabled and case_a.panels[1].commit.disabled

    case_a.restart.click()
    assert visible(case_a) == [case_a.panels[0]]
    assert case_a.panels[0].choice.value == "" and not case_a.panels[0].choice.disabled
    assert case_a.summary.value == "" and case_a.panels[1].feedback.value == ""


def test_a_committed_decision_cannot_be_changed(case_a):
    decide(case_a.panels[0], "monitor")
    panel = case_a.panels[0]
    assert panel.choice.disabled and panel.commit.disabled
    panel.commit.click()  # a second click changes nothing
    assert panel.grade is not None and panel.grade.chosen == "monitor"


def test_case_e_asks_which_way_the_story_went():
    case = CaseExplorer("e-day-3-breakout")
    decide(case.panels[0], "routine")
    assert case.branch in [w for box in visible(case) for w in getattr(box, "children", [box])]
    case.branch_button.click()
    assert "Choose how the story goes on first." in text_of(case.branch_message.value)
    case.branch.value = "spreading"
    case.branch_button.click()
    spreading = case.branch_panels["spreading"][0]
    assert visible(case)[-1] is spreading
    assert "Day 7: more spots, and they hurt" in text_of(spreading.story.value)
    feedback = decide(spreading, "same-day")
    assert "Correct" in feedback
    assert "The spots are spreading and painful" in text_of(case.branch_chosen.value)
    assert "Score: 2 of 2" in text_of(case.summary.value)

    case.restart.click()
    decide(case.panels[0], "routine")
    case.branch.value = "settling"
    case.branch_button.click()
    assert "Day 7: fewer spots" in text_of(visible(case)[-1].story.value)


def test_case_j_shows_the_note_for_the_chosen_track():
    case = CaseExplorer("j-white-patch-in-the-chair")
    feedback = decide(case.panels[0], "urgent")
    assert "On your track: Stop injecting." in feedback and "fetch them now" not in feedback
    case.track.value = "escalate"
    assert visible(case) == [case.panels[0]] and case.panels[0].feedback.value == ""
    assert "You are a beauty therapist at the clinic" in text_of(case.track_intro.value)
    feedback = decide(case.panels[0], "urgent")
    assert "fetch them now" in feedback and "Stop injecting." not in feedback
    critical = decide(case.panels[1], "urgent")
    assert "Critical error: under-triage." in critical and "vision" in critical


def test_case_h_consultation_stage_uses_its_own_options():
    case = CaseExplorer("h-booking-with-a-cold-sore-history")
    labels = [label for label, _ in case.panels[0].choice.options]
    assert "Postpone the treatment until the sore has fully healed, and record why" in labels
    feedback = decide(case.panels[0], "work-around")
    assert "Not the best choice." in feedback and "Why the course decides this: Right. Postpone" in feedback
    assert "Critical error" not in feedback


@pytest.mark.parametrize("case_id", [c.id for c in load_cases()])
def test_the_notice_and_scope_reminder_come_with_every_result(case_id):
    case = CaseExplorer(case_id)
    assert case.notice in case.children and case.notice.value == ""
    first = case.panels[0]
    decide(first, first.choice.options[-1][1])
    notice = text_of(case.notice.value)
    assert "Educational use only." in notice and "Scope of practice." in notice
    case.restart.click()
    assert case.notice.value == ""


@pytest.mark.parametrize("case_id", [c.id for c in load_cases()])
def test_static_form_shows_every_stage_with_a_reveal_block(case_id):
    case = CaseExplorer(case_id)
    bundle = case._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    html = data["text/html"]
    stages = case.case.all_stages()
    assert html.count("<details><summary>Show the expected decision</summary>") == len(stages)
    for stage in stages:
        assert text_of(stage.title) in text_of(html)
    assert "Scope of practice." in text_of(html)
    assert data["text/plain"].startswith(f"Case {case.case.letter}: ")


def test_case_text_is_escaped(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    path = data / "cases" / "a-spots-on-day-3.yaml"
    path.write_text(
        path.read_text().replace("title: Spots on day 3", "title: \"Spots <script>alert('x')</script>\"", 1)
    )
    path.write_text(path.read_text().replace("Maya sends you a photo.", "Maya sends you <img src=x onerror=alert(1)>."))
    monkeypatch.setenv("COURSE_DATA", str(data))
    case = CaseExplorer("a-spots-on-day-3")
    decide(case.panels[0], "monitor")
    decide(case.panels[1], "urgent")
    for html in (case.header.value, case.panels[0].story.value, case.summary.value, case.static_html()):
        assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in case.header.value and "&lt;img src=x" in case.panels[0].story.value


def test_unknown_case_or_track_is_a_value_error():
    with pytest.raises(ValueError, match="unknown case 'z'"):
        CaseExplorer("z")
    with pytest.raises(ValueError, match="valid tracks: injector, escalate"):
        CaseExplorer("j-white-patch-in-the-chair", track="nurse")
