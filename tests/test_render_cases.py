"""Cases, the symptom checker and client cards drawn from logic objects alone, with no widget."""

from __future__ import annotations

from course.cases import CaseRun, get_case
from course.consultation import check_card, get_card, mark_flags
from course.content import load_course
from course.render import cases as render_cases
from course.render import consultation as render_card
from course.render import triage as render_triage
from course.triage import assess, get_role, grade_level
from tests.conftest import text_of


def test_a_case_run_is_drawn_stage_by_stage_and_summarised():
    course = load_course()
    run = CaseRun(get_case("a-spots-on-day-3", course), course=course)
    story = text_of(render_cases.stage_story(run.visible_stages()[0], 1))
    assert story.startswith("Stage 1. Day 1: a message the day after her filler What you see:")
    run.commit("day-1-message", "monitor")
    grade = run.commit("day-3-facial", "monitor")
    feedback = render_cases.feedback(grade, course, run.track)
    assert feedback.startswith('<section aria-label="Feedback on your decision"><div role="alert"')
    assert "Why the course decides this:" in text_of(feedback)
    summary = text_of(render_cases.summary(run.summary(), course))
    assert "Score: 1 of 2 (1 of 2 decisions as the course decides them)." in summary
    assert "Critical errors: 1." in summary


def test_the_static_case_has_a_reveal_block_per_stage_and_the_branches():
    course = load_course()
    case = get_case("e-day-3-breakout", course)
    html = render_cases.static_case(case, course)
    assert html.count("<details><summary>Show the expected decision</summary>") == len(case.all_stages())
    assert "If the spots are spreading and painful" in text_of(html)
    assert text_of(render_cases.branch_chosen(case, case.branches[1])).endswith(f"You chose: {case.branches[1].label}.")


def test_the_checker_result_reads_in_order_with_the_flag_first():
    course = load_course()
    result = assess("lip-filler", 3, ["clustered-pustules", "dusky-skin"], course=course)
    role = get_role("beauty-therapist", course=course)
    text = text_of(render_triage.result(result, "monitor", role, course))
    assert text.index("Critical error: under-triage.") < text.index("Your decision") < text.index("Why:")
    assert text.index("Why:") < text.index("Whom to contact") < text.index("In your role:")
    verdict = text_of(render_triage.verdict(grade_level("routine", "same-day"), course))
    assert verdict.endswith("Under-triage: your level is less urgent than this presentation needs. Score: 0 of 1")


def test_the_client_card_flags_and_feedback():
    course = load_course()
    card = get_card("jess-cold-sore-on-peel-day", course)
    assert text_of(render_card.flags(mark_flags(card, [], course))) == render_card.TICK_FIRST
    flags = text_of(render_card.flags(mark_flags(card, ["active-cold-sore", "fordyce-spots"], course)))
    assert "2 items true for her are not ticked, and 1 ticked item is not in her story" in flags
    feedback = text_of(render_card.result(check_card(card, ["fordyce-spots"], "treat", course), course))
    assert feedback.startswith("Warning Critical error: unsafe to treat today. This client needs “Refer:")
    static = render_card.static_card(card, course)
    assert static.count("<details>") == 1
