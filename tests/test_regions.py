"""Local settings: the region's emergency number and urgent route on every notice and triage result."""

from __future__ import annotations

import re

import pytest

from course import regions
from course._pages import notice
from course.content import ContentError, load_course
from course.render.levels import notices as rendered_notices
from course.triage import assess
from tests.conftest import text_of

COURSE = load_course()
EMERGENCY = ("vision-change",)


def test_the_five_regions_each_have_every_scheme_and_a_source():
    settings = regions.regions(COURSE)
    assert settings is not None
    assert {"uk", "ie", "us", "ca", "au"} <= {r.id for r in settings.regions}
    references = {r.key for r in COURSE.of_kind("references")[0].references}
    for region in settings.regions:
        assert {s.products for s in region.reporting} == {"medicines", "medical devices", "cosmetics"}, region.id
        assert set(region.refs) <= references and all(set(s.refs) <= references for s in region.reporting)


@pytest.mark.parametrize(("region", "number"), [("uk", "999 or 112"), ("us", "911"), ("au", "000 (Triple Zero")])
def test_switching_the_region_changes_the_number_on_the_notice_and_the_triage_result(monkeypatch, region, number):
    monkeypatch.setenv(regions.REGION_ENV_VAR, region)
    page = notice(COURSE, scope=True).text + notice(COURSE).html
    assert f"Call emergency services now ({number}" in text_of(page)
    result = assess("lip-filler", 1, EMERGENCY, course=COURSE)
    assert result.level == "emergency"
    shown = " ".join(n.text for n in result.notices)
    assert f"Call emergency services now ({number}" in shown
    assert f"call emergency services ({number}" in shown  # whom to contact, too
    assert number in text_of(rendered_notices(COURSE, approximate=False))


def test_with_no_region_the_wording_is_neutral(monkeypatch):
    monkeypatch.delenv(regions.REGION_ENV_VAR, raising=False)
    shown = " ".join(n.text for n in assess("lip-filler", 1, EMERGENCY, course=COURSE).notices)
    assert "Call emergency services now (your local emergency number)" in shown
    assert "999" not in shown and "911" not in shown and "{" not in shown
    assert "your local urgent-care service or non-emergency health line" in text_of(notice(COURSE).html)


def test_an_unknown_region_is_a_clear_error(monkeypatch):
    monkeypatch.setenv(regions.REGION_ENV_VAR, "atlantis")
    with pytest.raises(
        ValueError, match=r"COURSE_REGION='atlantis' is not a region of this course; regions: au, ca, ie"
    ):
        notice(COURSE)


def test_a_content_folder_without_settings_uses_the_built_in_neutral_wording(monkeypatch, valid_data):
    monkeypatch.setenv(regions.REGION_ENV_VAR, "")
    course = load_course(valid_data)
    assert regions.regions(course) is None and regions.local_words(course) == regions.NEUTRAL


def test_a_misspelt_placeholder_in_a_notice_is_reported_with_file_line_and_field(valid_data):
    path = valid_data / "notices.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Recognise, record, refer.", "Call {emergancy_number}."))
    with pytest.raises(ContentError) as caught:
        load_course(valid_data)
    message = str(caught.value)
    assert "notices.yaml" in message and "scope_reminder" in message
    assert "unknown placeholder {emergancy_number}; the placeholders are {emergency_number}, {urgent_route}" in message


def test_the_data_names_only_known_placeholders_and_only_where_they_are_filled_in():
    from tests.conftest import REPO

    filled = {"notices.yaml", "levels.yaml", "rules.yaml", "roles.yaml"}
    for path in sorted((REPO / "data").rglob("*.yaml")):
        found = set(re.findall(r"{([a-z_]+)}", path.read_text(encoding="utf-8")))
        if path.name in filled:
            assert found <= {"emergency_number", "urgent_route"}, path
        else:
            unfilled = found & {"emergency_number", "urgent_route"}
            assert not unfilled, f"{path}: {unfilled} are only filled in the notices and triage texts"


def test_the_triage_contact_and_role_advice_use_the_local_number(monkeypatch):
    from course.render.triage import role_advice
    from course.triage import get_role

    monkeypatch.setenv(regions.REGION_ENV_VAR, "ie")
    result = assess("lip-filler", 1, EMERGENCY, course=COURSE)
    assert result.contact.startswith("Emergency services, now (112 or 999)")
    advice = text_of(role_advice(get_role("self-learner", course=COURSE), "emergency"))
    assert "Call emergency services now (112 or 999)" in advice and "{" not in advice
