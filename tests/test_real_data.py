"""Every real file in data/ validates, and the course-wide rules hold."""

from __future__ import annotations

from course.content import check, default_data_dir, load_course
from course.models import HORIZON_DAYS

PROCEDURE_IDS = {"lip-filler", "microneedling", "rf-microneedling", "laser-resurfacing", "chemical-peel"}
CONDITION_IDS = {
    "milia",
    "acneiform-eruption",
    "purging",
    "bacterial-infection",
    "herpes-simplex",
    "nodules-granulomas",
    "tyndall-effect",
    "vascular-occlusion",
    "fordyce-spots",
    "contact-dermatitis",
}


def test_the_course_data_has_no_problems():
    problems = check(default_data_dir())
    assert problems == [], "\n".join(map(str, problems))


def test_all_procedures_of_the_triage_interface_have_a_timeline():
    assert set(load_course().procedures) == PROCEDURE_IDS


def test_the_ten_conditions_of_the_fact_base_are_present():
    assert set(load_course().conditions) == CONDITION_IDS


def test_timelines_span_day_0_to_the_horizon():
    for procedure in load_course().procedures.values():
        items = procedure.phases + procedure.complications
        assert min(i.start_day for i in items) == 0, procedure.id
        assert max(i.end_day for i in items) <= HORIZON_DAYS


def test_vascular_occlusion_after_lip_filler_is_must_not_miss_around_day_3():
    filler = load_course().procedures["lip-filler"]
    around_day_3 = [
        c for c in filler.complications if c.condition == "vascular-occlusion" and c.start_day <= 3 <= c.end_day
    ]
    assert around_day_3 and all(c.must_not_miss for c in around_day_3)
    assert all("MURRAY-VO21" in c.refs for c in around_day_3)


def test_milia_are_not_an_expected_event_after_lip_filler():
    filler = load_course().procedures["lip-filler"]
    assert not [c for c in filler.complications if c.condition == "milia"]


def test_milia_after_microneedling_are_a_matter_of_weeks():
    needling = load_course().procedures["microneedling"]
    milia = [c for c in needling.complications if c.condition == "milia"]
    assert milia and all(c.start_day >= 7 for c in milia)


def test_every_condition_is_a_look_alike_of_something():
    course = load_course()
    named = {other for c in course.conditions.values() for other in c.look_alikes}
    assert named == set(course.conditions)


def test_every_reference_cited_is_in_the_reference_list():
    course = load_course()
    cited = set()
    for condition in course.conditions.values():
        for claims in (
            condition.what_it_is,
            condition.appearance,
            condition.management,
            condition.scope,
            condition.red_flags,
        ):
            cited.update(k for claim in claims for k in claim.refs)
    assert cited <= set(course.references)
