"""The symptom checker as a learner uses it: tick findings, commit to a level, check, read."""

from __future__ import annotations

import re
import shutil

import pytest

from course.content import default_data_dir
from course.triage import LEVELS
from course.widgets.triage import CHOOSE_FIRST, PROMPT, TriageSimulator


def text_of(html: str) -> str:
    """What a reader sees: tags removed (block ends become spaces), whitespace folded."""
    spaced = re.sub(r"</(li|h\d|p|ul|section|div|td|th|tr|title)>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", spaced)).replace("&#x27;", "'").replace("&quot;", '"')


def tick(checker: TriageSimulator, *findings: str) -> None:
    for finding in findings:
        checker.findings[finding].value = True


def check(checker: TriageSimulator, level: str) -> str:
    checker.level.value = level
    checker.check.click()
    return text_of(checker.result.value)


@pytest.fixture
def checker():
    return TriageSimulator("lip-filler", day=3, role="beauty-therapist")


def test_nothing_is_shown_before_a_level_is_chosen(checker):
    tick(checker, "clustered-pustules", "dusky-skin")
    assert text_of(checker.result.value).strip() == PROMPT
    checker.check.click()
    assert CHOOSE_FIRST == "Choose an action level first."
    assert text_of(checker.result.value).strip() == CHOOSE_FIRST


def test_monitor_for_pustules_on_dusky_skin_on_day_3_is_a_critical_error_with_the_reason(checker):
    tick(checker, "clustered-pustules", "dusky-skin")
    result = check(checker, "monitor")
    assert "Critical error: under-triage." in result
    flag = result.split("Critical error: under-triage.")[1].split("Your decision")[0]
    assert "vascular occlusion" in flag and "Urgent" in flag
    assert 'aria-label="Warning"' in checker.result.value and "<title>Warning</title>" in checker.result.value
    assert "Score: 0 of 1 (a critical error is flagged separately, above)" in result


def test_urgent_for_the_same_findings_is_correct(checker):
    tick(checker, "clustered-pustules", "dusky-skin")
    result = check(checker, "urgent")
    assert "Correct: your level is the course's level." in result
    assert "Critical error" not in result and "Score: 1 of 1" in result
    assert "Early signs of a blocked blood vessel after filler" in result and "[MURRAY-VO21]" in result
    assert "Whom to contact" in result and "within the hour" in result


def test_over_triage_is_a_minor_note_not_a_critical_error():
    checker = TriageSimulator("microneedling", day=1)
    tick(checker, "redness", "pinpoint-marks")
    result = check(checker, "urgent")
    assert "Over-triage, a minor note" in result and "Critical error" not in result
    assert "Score: 0.25 of 1" in result


def test_under_triage_of_a_same_day_presentation_is_not_critical():
    checker = TriageSimulator("microneedling", day=2)  # a cold sore after needling: same day (T7)
    tick(checker, "grouped-blisters")
    result = check(checker, "routine")
    assert "Under-triage" in result and "Critical error" not in result


def test_the_level_is_shown_with_words_shape_and_colour(checker):
    tick(checker, "blanching")
    check(checker, "urgent")
    html = checker.result.value
    badge = html.split("The course’s decision:")[1].split("</span>")[0]
    assert "<svg" in badge and "<title>diamond, orange</title>" in badge and 'fill="#E69F00"' in badge
    assert "Urgent: contact the practitioner who did the treatment now (within the hour)" in badge


def test_changing_any_input_after_checking_clears_the_result(checker):
    def checked() -> None:
        check(checker, "urgent")
        assert "The course’s decision" in checker.result.value

    tick(checker, "blanching")
    for change in (
        lambda: setattr(checker.findings["tingling"], "value", True),
        lambda: setattr(checker.day, "value", 2),
        lambda: checker.later.click(),
        lambda: setattr(checker.procedure, "value", "microneedling"),
        lambda: setattr(checker.role, "value", "injector"),
        lambda: setattr(checker.level, "value", "emergency"),
    ):
        checked()
        change()
        assert text_of(checker.result.value).strip() == PROMPT


def test_role_specific_wording(checker):
    tick(checker, "clustered-pustules")
    therapist = check(checker, "urgent")
    assert "In your role: Skin-needling practitioner or beauty therapist" in therapist
    assert "Within your role:" in therapist and "Outside your role (refer):" in therapist
    assert "Injecting filler, and dissolving it with hyaluronidase" in therapist
    checker.role.value = "injector"
    injector = check(checker, "urgent")
    assert "In your role: Injector or prescriber" in injector
    assert "follow your vascular-occlusion protocol without delay" in injector


def test_vascular_checklist_after_filler_in_the_first_days_only():
    filler = TriageSimulator("lip-filler", day=2)
    tick(filler, "mild-swelling")
    assert "Warning signs of a blocked blood vessel after filler" in check(filler, "monitor")
    needling = TriageSimulator("microneedling", day=2)
    tick(needling, "redness")
    assert "Warning signs of a blocked blood vessel" not in check(needling, "monitor")


def test_a_white_spot_after_filler_shows_the_checklist_before_the_answer():
    checker = TriageSimulator("lip-filler", day=1)
    tick(checker, "firm-white-bumps")
    result = check(checker, "same-day")
    assert result.index("Warning signs of a blocked blood vessel") < result.index("Your decision")
    assert "(ticked)" not in result.split("Your decision")[0]


@pytest.mark.parametrize("level", LEVELS)
def test_every_result_shows_the_notice_and_the_scope_reminder(level):
    checker = TriageSimulator("microneedling", day=5)
    tick(checker, "warmth")
    result = check(checker, level)
    assert "Educational use only." in result and "Scope of practice." in result
    assert "When to call emergency services." in result


def test_buttons_step_the_day(checker):
    checker.day.value = 2.5
    checker.later.click()
    assert checker.day.value == 3
    checker.earlier.click()
    checker.earlier.click()
    assert checker.day.value == 2


def test_static_form_lists_the_inputs_and_a_worked_example(checker):
    bundle = checker._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    html = text_of(data["text/html"])
    assert "It asks for:" in html and "Your role:" in html and "Colour and circulation" in html
    assert "A worked example" in html and "Lip filler, day 3" in html
    assert "Urgent: contact the practitioner" in html and "Scope of practice." in html
    assert data["text/plain"].startswith("Symptom checker: lip-filler, day 3")


def test_finding_labels_are_escaped(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    findings = data / "triage" / "findings.yaml"
    findings.write_text(
        findings.read_text().replace(
            "label: A grey, blue-grey or dusky area", "label: \"<script>alert('x')</script> A dusky <b>area</b>\""
        )
    )
    monkeypatch.setenv("COURSE_DATA", str(data))
    checker = TriageSimulator("lip-filler", day=3)
    box = checker.findings["dusky-skin"]
    assert box.description.startswith("<script>") and not box.description_allow_html  # shown as text
    box.value = True
    check(checker, "urgent")
    for html in (checker.result.value, checker.static_html()):
        assert "<script>" not in html and "<b>area" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; A dusky &lt;b&gt;area&lt;/b&gt;" in checker.result.value


def test_invalid_arguments_are_value_errors():
    with pytest.raises(ValueError, match="unknown procedure 'lips'"):
        TriageSimulator("lips")
    with pytest.raises(ValueError, match="unknown role 'nurse'; valid roles: beauty-therapist"):
        TriageSimulator(role="nurse")
