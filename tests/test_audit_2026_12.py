"""Regression tests for the December 2026 clinical audit, one or more per defect id.

The audit's defect table and what changed for each row are in
``docs/clinical-audit-resolutions.md``. Each test is named after its defect id, so a
failure says which clinical defect has come back.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from course import models, triage
from course import progress as pg
from course.completion import build_record
from course.content import load_course
from course.triage import LEVELS, assess
from tests.conftest import REPO
from tests.test_completion import answer

COURSE = load_course()
BANKS = {bank.id: bank for bank in COURSE.of_kind("quiz")}
CASES = {case.id: case for case in COURSE.of_kind("case")}
RULES = {rule.id: rule for rule in triage.rule_book().rules}
RANK = {level: rank for rank, level in enumerate(LEVELS)}
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb")) + sorted((REPO / "exercises").glob("*.ipynb"))


def at_least(level: str, minimum: str) -> bool:
    return RANK[level] <= RANK[minimum]


def markdown(path: Path) -> str:
    """Every markdown cell of a notebook, joined."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def every_text() -> dict[str, str]:
    """Every text a learner can read, by where it lives: notebook markdown and every data file."""
    texts = {str(p.relative_to(REPO)): markdown(p) for p in NOTEBOOKS}
    texts |= {str(p.relative_to(REPO)): p.read_text(encoding="utf-8") for p in (REPO / "data").rglob("*.yaml")}
    return texts


# --- Critical -----------------------------------------------------------------------------


@pytest.mark.parametrize("day", [1, 2, 3, 4, 5, 6, 7])
@pytest.mark.parametrize("findings", [{"grouped-blisters"}, {"tingling", "grouped-blisters"}, {"clustered-pustules"}])
def test_C1_grouped_blisters_or_pustules_after_lip_filler_are_urgent_checklist_first(day, findings):
    result = assess("lip-filler", day, findings)
    assert result.level == "urgent" and "T4" in result.rules
    assert result.checklist_first and "blanching" in result.vascular_checklist


def test_C1_case_b_day_2_is_urgent_and_the_cold_sore_is_accepted_only_after_assessment():
    stage = next(s for s in CASES["b-tingling-then-blisters"].stages if s.id == "day-2-blisters")
    assert stage.expected is not None and stage.expected.level == "urgent"
    assert "now" in stage.expected.recipient


def test_C1_no_lesson_or_exercise_teaches_that_blisters_after_filler_stay_same_day():
    text = markdown(REPO / "exercises" / "symptom-checker.ipynb")
    assert "the level stays same day" not in text
    assert "urgent" in text.lower()


@pytest.mark.parametrize("finding", ["scattered-pimples", "firm-white-bumps"])
@pytest.mark.parametrize("day", [3.5, 4, 5, 6, 7])
def test_C2_other_white_spots_on_the_lip_to_day_7_after_filler_are_same_day_checklist_first(finding, day):
    result = assess("lip-filler", day, {finding})
    assert at_least(result.level, "same-day") and result.checklist_first


# --- Major --------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [0, 0.5, 1, 2, 3])
def test_M1_a_bluish_tinge_in_days_0_to_3_after_filler_is_not_tyndall(day):
    result = assess("lip-filler", day, {"bluish-tinge"})
    assert at_least(result.level, "same-day") and result.checklist_first
    assert "T26" in result.rules


def test_M1_from_day_4_a_stable_bluish_tinge_is_routine_tyndall():
    assert assess("lip-filler", 10, {"bluish-tinge"}).level == "routine"


def test_M2_whom_to_contact_sends_severe_symptoms_to_emergency_services():
    notice = COURSE.notices.whom_to_contact
    assert "emergency services" in notice and "severe" in notice
    self_learner = next(r for r in triage_roles() if r.id == "self-learner")
    assert any("emergency services" in claim.text for claim in self_learner.within)


def triage_roles() -> tuple[models.Role, ...]:
    (roles,) = COURSE.of_kind("roles")
    return roles.roles


@pytest.mark.parametrize(
    ("procedure", "day", "findings"),
    [
        ("microneedling", 20, {"spreading-redness", "fever"}),
        ("lip-filler", 20, {"pus", "fever", "spreading-redness"}),
        ("laser-resurfacing", 45, {"fever", "pus"}),
        ("chemical-peel", 0, {"fever", "spreading-redness"}),
        ("rf-microneedling", 30, {"swelling-near-eye", "warmth"}),
    ],
)
def test_M3_fever_spreading_redness_or_eye_swelling_with_infection_are_urgent_on_any_day(procedure, day, findings):
    result = assess(procedure, day, findings)
    assert result.level == "urgent" and "T27" in result.rules


@pytest.mark.parametrize("procedure", ["microneedling", "rf-microneedling", "laser-resurfacing"])
@pytest.mark.parametrize("day", [20, 45, 90])
def test_M4_lasting_red_itchy_bumps_after_needling_rf_or_laser_are_same_day(procedure, day):
    result = assess(procedure, day, {"persistent-itchy-papules"})
    assert result.level == "same-day" and "T21" in result.rules


def test_M5_an_injector_who_is_not_a_prescriber_escalates_to_one():
    injector = next(r for r in triage_roles() if r.id == "injector")
    words = " ".join([injector.description, *(c.text for c in injector.within)])
    assert "not a prescriber" in words or "do not prescribe" in words
    assert "escalate" in words


def test_M5_no_text_calls_a_registered_nurse_a_prescriber():
    assert [where for where, text in every_text().items() if "qualified nurse" in text] == []


def test_M5_no_text_says_the_injector_can_dissolve_filler():
    assert [w for w, text in every_text().items() if re.search(r"injector can dissolve", text, re.I)] == []


@pytest.mark.parametrize("procedure", ["lip-filler", "microneedling", "rf-microneedling", "chemical-peel"])
def test_M6_sudden_swelling_is_an_emergency_after_any_procedure(procedure):
    assert assess(procedure, 0, {"sudden-swelling"}).level == "emergency"
    assert assess(procedure, 0, {"mild-swelling"}).level == "monitor"  # expected swelling stays expected


def test_M7_location_and_colour_return_can_be_entered_and_count():
    assert {"spreading-one-side", "slow-colour-return"} <= set(triage.finding_ids())
    assert assess("lip-filler", 0.5, {"spreading-one-side"}).level == "urgent"
    assert assess("lip-filler", 2, {"slow-colour-return"}).level == "urgent"
    assert assess("microneedling", 2, {"slow-colour-return"}).level == "same-day"


def test_M8_the_keyed_option_is_not_a_length_giveaway():
    stats = [models.cue_stats(bank) for bank in BANKS.values()]
    counted = sum(s.items for s in stats)
    assert counted >= 100  # the single-choice and triage items really were counted
    assert sum(s.longest for s in stats) / counted <= models.CUE_LIMIT_ALL
    assert [s.bank for s in stats if s.share > models.CUE_LIMIT_BANK] == []
    assert [item for s in stats for item in s.too_long] == []


# --- Minor --------------------------------------------------------------------------------


@pytest.mark.parametrize("rule_id", ["T4", "T7", "T10"])
def test_m1_windows_that_are_the_fact_bases_own_synthesis_are_tagged_approximate(rule_id):
    assert RULES[rule_id].evidence == "A"
    assert triage.rule_book().vascular_checklist.evidence == "A"


def test_m2_bruising_that_lasts_past_day_14_after_filler_is_routine():
    assert assess("lip-filler", 16, {"bruising"}).level == "routine"
    assert assess("lip-filler", 5, {"bruising"}).level == "monitor"


@pytest.mark.parametrize("procedure", ["rf-microneedling", "laser-resurfacing", "chemical-peel"])
def test_m3_crusts_that_do_not_settle_by_day_7_are_same_day(procedure):
    result = assess(procedure, 9, {"crusts-not-settling"})
    assert result.level == "same-day" and "T28" in result.rules


@pytest.mark.parametrize("procedure", ["microneedling", "laser-resurfacing"])
def test_m4_slow_mycobacterial_infection_has_an_open_end(procedure):
    item = next(c for c in COURSE.procedures[procedure].complications if c.id == "ntm-infection")
    assert item.open_end


def test_m5_the_microneedling_granuloma_onset_is_not_two_different_sourced_windows():
    item = next(c for c in COURSE.procedures["microneedling"].complications if c.id == "granulomatous-reaction")
    assert item.evidence == "A"


def test_m6_ntm_after_laser_is_tagged_like_ntm_in_general():
    onsets = {o.context: o for o in COURSE.conditions["bacterial-infection"].onset}
    assert onsets["NTM infection after laser resurfacing"].evidence == "A"


def test_m16_the_emergency_notice_lists_every_emergency_sign_of_t1_t2_and_t6():
    notice = COURSE.notices.emergency.lower()
    for sign in ("vision", "eye pain", "drooping eyelid", "slurred speech", "tongue or throat", "hives", "red eye"):
        assert sign in notice, sign
    assert "light" in notice and "lips" in notice


def test_m17_the_peel_timeline_says_what_it_leaves_out():
    assert "leaves them out" in COURSE.procedures["chemical-peel"].evidence_note


# --- Issue items that are not audit rows --------------------------------------------------


def test_every_triage_quiz_item_states_its_findings_and_agrees_with_the_checker():
    from course.quiz import checker_key_problems

    missing = [f"{b.id}:{i.id}" for b in BANKS.values() for i in b.items if i.type == "triage" and not i.triage.checker]
    assert missing == []
    assert [p for bank in BANKS.values() for p in checker_key_problems(bank)] == []


def test_the_dashboard_and_the_record_agree_on_every_objective():
    progress = pg.new_progress("learner-c0ffee")
    for item in BANKS["08-integrated-cases"].items:
        if "L8.O3" in item.objective_ids and item.type == "free-text":
            progress = answer(progress, "08-integrated-cases", item.id)
    progress = answer(progress, "07-triage-referral", "scope-a")
    dashboard = pg.summarise(progress, BANKS.values())
    status = next(s for s in dashboard.objectives if s.objective_id == "L8.O3")
    assert status.reflections_only and status.met  # the dashboard once said "Not yet, 0 of 0 needed"
    record = build_record(progress, COURSE)
    met = {s.objective_id for s in dashboard.objectives if s.met}
    for lesson in COURSE.lessons:
        line = next((x for x in record.lessons if x.number == lesson.number), None)
        if line is not None:
            assert line.objectives_met == sum(o.id in met for o in lesson.objectives), lesson.id


def test_the_start_notebook_no_longer_says_lessons_are_in_preparation():
    assert "in preparation" not in markdown(REPO / "notebooks" / "00-start-here.ipynb")


def test_the_quiz_agreement_check_can_fail():
    from course.quiz import checker_key_problems

    bank = BANKS["03-timelines-filler"]
    item = bank.item("case-b-triage-a")
    assert item.triage is not None and item.triage.checker is not None
    wrong = dataclasses.replace(item, triage=dataclasses.replace(item.triage, level="same-day"))
    broken = dataclasses.replace(bank, items=tuple(wrong if i is item else i for i in bank.items))
    problems = checker_key_problems(broken)
    assert len(problems) == 1 and "case-b-triage-a" in problems[0]
    assert "keys same-day, but the checker gives urgent" in problems[0]


# --- Minor text defects, checked in the text learners read ----------------------------------


def item(bank_id: str, item_id: str) -> models.QuizItem:
    return BANKS[bank_id].item(item_id)


def test_m7_darker_skin_and_pih_is_course_guidance_not_a_sourced_claim():
    lesson = markdown(REPO / "notebooks" / "05-prevention.ipynb")
    assert "more prone to it" not in lesson
    assert "course guidance" in lesson
    for bank_id, item_id in (("05-prevention", "darker-skin-risk"), ("08-integrated-cases", "mixed-dark-marks")):
        claim = item(bank_id, item_id)
        assert "FACTSHEET" in claim.refs
        assert any("course guidance" in text for text in claim.texts()), item_id


def test_m8_the_needling_answer_says_which_timeline_lists_what():
    assert "After plain needling only" not in markdown(REPO / "notebooks" / "04-timelines-needling.ipynb")


def test_m9_cold_sores_and_the_pustule_stage_are_not_said_to_come_together():
    assert all("and so does" not in text for text in item("03-timelines-filler", "onset-window-b").texts())


def test_m10_reported_after_rf_is_not_taught_as_absent_after_needling():
    assert "but not" not in item("04-timelines-needling", "risk-compare-c").stem


def test_m11_the_yellow_card_item_is_about_a_medicine_or_device():
    stem = item("07-triage-referral", "report-route-a").stem.lower()
    assert "serum" not in stem and ("device" in stem or "medicine" in stem)


def test_m12_the_red_flag_table_does_not_contradict_itself_on_fever():
    assert "pus, with fever" not in markdown(REPO / "notebooks" / "03-timelines-filler.ipynb")


def test_m13_the_therapist_calls_emergency_services_at_once():
    case = (REPO / "data" / "cases" / "j-white-patch-in-the-chair.yaml").read_text(encoding="utf-8")
    lesson = markdown(REPO / "notebooks" / "08-integrated-cases.ipynb")
    assert "if the injector asks you to" not in case + lesson


def test_m14_urgent_means_now_in_the_script_to_the_client():
    lesson = markdown(REPO / "notebooks" / "01-skin-healing.ipynb")
    assert "check them today, straight away" not in lesson and "within the hour" in lesson


def test_m15_the_two_day_treatment_window_always_comes_with_now():
    window = re.compile(r"within (2|two) days", re.I)
    treatment = re.compile(r"hyaluronidase|works best|treatment (works|start)|protocol", re.I)
    alone = []
    for where, text in every_text().items():
        text = re.sub(r"(?m)^\s*#.*$", "", text)  # YAML comments are for authors
        for paragraph in re.split(r"\n\s*\n|\n\s*- |\n\s{6,}- ", text):
            if not (window.search(paragraph) and treatment.search(paragraph)):
                continue
            if not re.search(r"\bnow\b|do not wait|every hour", paragraph, re.I):
                alone.append(f"{where}: {paragraph.strip()[:120]}")
    assert alone == []


def test_m17_no_frequency_is_claimed_for_late_white_bumps():
    assert "usually milia" not in markdown(REPO / "exercises" / "unfolding-cases.ipynb")
