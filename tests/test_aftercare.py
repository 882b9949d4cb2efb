"""Client aftercare sheets: one per procedure, their days from the timelines, their safety net the checker's."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys

import pytest

from course import models, triage
from course.aftercare import aftercare_sheet, sheet_problems
from course.content import load_course
from course.timeline import entries
from tests.conftest import REPO

COURSE = load_course()
SHEETS = {s.procedure: s for s in COURSE.aftercare_sheets}


def _sheet(procedure: str) -> models.AftercareSheet:
    return SHEETS[procedure]


def test_every_procedure_has_a_sheet_and_the_content_check_finds_nothing_wrong():
    assert set(SHEETS) == set(COURSE.procedures)
    for sheet in SHEETS.values():
        assert sheet_problems(sheet, COURSE) == [], sheet.id


def test_what_to_expect_comes_from_the_timeline_not_from_the_sheet():
    for procedure in COURSE.procedures:
        view = aftercare_sheet(procedure, COURSE)
        timeline = {e.id: e for e in entries(procedure, COURSE)}
        assert view.expected and all(e.kind == "phase" for e in view.expected)
        assert [e.window for e in view.expected] == [timeline[i].window for i in view.sheet.expected]


def test_each_sign_has_the_checkers_words_level_and_contact():
    """The words are the checklist's, and the level and contact are what assess() gives on the sign's first day:
    the most urgent of its findings (a client cannot tell them apart), the first of those on a tie."""
    labels = triage.finding_labels(course=COURSE)
    for procedure, sheet in SHEETS.items():
        view = aftercare_sheet(procedure, COURSE)
        for sign, view_sign in zip(sheet.signs, view.signs, strict=True):
            assert view_sign.labels == tuple(labels[f] for f in sign.findings)
            assert view_sign.together_labels == tuple(labels[f] for f in sign.together_with)
            answers = [
                triage.assess(procedure, sign.start_day, {f, *sign.together_with}, course=COURSE) for f in sign.findings
            ]
            top = min(answers, key=lambda a: triage.LEVELS.index(a.level))
            assert view_sign.level == top.level == sign.level, (procedure, sign)
            assert view_sign.contact == top.contact, (procedure, sign)
            if sign.end_day is not None:  # and the same level on the last day
                last = [
                    triage.assess(procedure, sign.end_day, {f, *sign.together_with}, course=COURSE)
                    for f in sign.findings
                ]
                assert triage.most_urgent(a.level for a in last) == sign.level, (procedure, sign)


def _signs_with(procedure: str, finding: str, day: float):
    view = aftercare_sheet(procedure, COURSE)
    return [
        (sheet_sign, shown)
        for sheet_sign, shown in zip(view.sheet.signs, view.signs, strict=True)
        if finding in sheet_sign.findings
        and sheet_sign.start_day <= day <= (sheet_sign.end_day if sheet_sign.end_day is not None else 10**6)
        and not sheet_sign.together_with
    ]


@pytest.mark.parametrize("finding", ["clustered-pustules", "grouped-blisters", "spreading-one-side"])
def test_after_lip_filler_clustered_spots_and_blisters_in_week_one_are_urgent_checklist_first(finding):
    for day in (0, 2, 3, 7):
        found = _signs_with("lip-filler", finding, day)
        assert found, (finding, day)
        assert all(shown.level == "urgent" and shown.checklist_first for _, shown in found), (finding, day)


@pytest.mark.parametrize("finding", ["scattered-pimples", "firm-white-bumps"])
def test_after_lip_filler_any_other_white_spot_in_week_one_is_at_least_same_day(finding):
    for day in (0, 3, 5, 7):
        found = _signs_with("lip-filler", finding, day)
        assert found and all(shown.level == "same-day" and shown.checklist_first for _, shown in found)


def test_the_lip_filler_sheet_carries_the_blocked_vessel_checklist_and_the_others_do_not():
    book = triage.rule_book(course=COURSE)
    filler = aftercare_sheet("lip-filler", COURSE)
    assert filler.checklist is book.vascular_checklist
    labels = triage.finding_labels(course=COURSE)
    assert filler.checklist_labels == tuple(labels[f] for f in book.vascular_checklist.items)
    assert aftercare_sheet("microneedling", COURSE).checklist is None


def test_the_emergency_signs_are_on_every_sheet():
    emergency = {"vision-change", "stroke-signs", "breathing-difficulty", "widespread-hives", "sudden-swelling"}
    for procedure in COURSE.procedures:
        view = aftercare_sheet(procedure, COURSE)
        named = {f for s in view.signs_at("emergency") for f in s.findings}
        assert emergency <= named, procedure


def test_a_sign_at_the_wrong_level_fails_the_check_with_file_line_and_field():
    sheet = _sheet("lip-filler")
    index = next(i for i, s in enumerate(sheet.signs) if "grouped-blisters" in s.findings)
    lowered = dataclasses.replace(sheet.signs[index], level="same-day")
    broken = dataclasses.replace(sheet, signs=(*sheet.signs[:index], lowered, *sheet.signs[index + 1 :]))
    problems = sheet_problems(broken, COURSE)
    assert len(problems) == 1
    line = _line_of(f"signs[{index}]", "level")
    assert problems[0].startswith(f"data/aftercare/lip-filler.yaml:{line}: signs[{index}].level: the sheet says")
    assert "the symptom checker gives urgent" in problems[0] and "T4" in problems[0]


def test_a_sign_whose_days_reach_past_its_level_fails_the_check():
    sheet = _sheet("lip-filler")
    index = next(i for i, s in enumerate(sheet.signs) if "bluish-tinge" in s.findings and s.level == "same-day")
    longer = dataclasses.replace(sheet.signs[index], end_day=10)  # Tyndall is routine from day 3
    broken = dataclasses.replace(sheet, signs=(*sheet.signs[:index], longer, *sheet.signs[index + 1 :]))
    (problem,) = sheet_problems(broken, COURSE)
    assert "the symptom checker gives routine" in problem and "T14" in problem


def test_a_safety_net_that_leaves_out_an_urgent_sign_fails_the_check():
    sheet = _sheet("lip-filler")
    kept = tuple(s for s in sheet.signs if "blanching" not in s.findings)
    problems = sheet_problems(dataclasses.replace(sheet, signs=kept), COURSE)
    assert any("'blanching' is urgent on day 0 after lip-filler" in p for p in problems), problems


def test_only_warning_signs_may_stand_under_urgent():
    sheet = _sheet("microneedling")
    odd = models.WarningSign(findings=("dark-patches",), level="urgent")
    problems = sheet_problems(dataclasses.replace(sheet, signs=(*sheet.signs, odd)), COURSE)
    assert any("'dark-patches' is not a warning sign (red_flag)" in p for p in problems), problems


def _line_of(item: str, key: str) -> int:
    """The line of ``key`` in the item ``signs[N]`` of the real lip-filler sheet."""
    index = int(item.split("[")[1].rstrip("]"))
    lines = (COURSE.data_dir / "aftercare" / "lip-filler.yaml").read_text().splitlines()
    starts = [n for n, text in enumerate(lines, 1) if text.startswith("  - findings:")]
    return next(n for n, text in enumerate(lines, 1) if n > starts[index] and text.strip().startswith(f"{key}:"))


def test_python_m_course_check_fails_on_a_sheet_that_disagrees_with_the_checker(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(COURSE.data_dir, data)
    path = data / "aftercare" / "lip-filler.yaml"
    text = path.read_text()
    marker = "  - findings: [clustered-pustules, grouped-blisters, spreading-one-side]\n    level: urgent"
    assert marker in text
    path.write_text(text.replace(marker, marker.replace("urgent", "routine")))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "course", "check", "--data", str(data)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    line = text[: text.index(marker)].count("\n") + 2
    assert f"data/aftercare/lip-filler.yaml:{line}: signs[4].level: the sheet says routine" in result.stdout
    assert "1 disagreement with the symptom checker." in result.stderr


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Massage your lips twice a day for a week.", True),
        ("Gently squeeze out any whiteheads.", True),
        ("Pop the blisters with a clean needle, then lance any lump.", True),
        ("Do not massage your lips unless your injector has told you to.", False),
        ("Never squeeze, lance or pop a spot.", False),
        ("Firm white domes that cannot be squeezed out.", False),
        ("Keep out of the sun. Massage is not needed.", False),
        ("Populate the form with the product name.", False),
    ],
)
def test_advice_that_tells_anyone_to_massage_squeeze_lance_or_pop_is_caught(text, flagged):
    assert bool(models.forbidden_instructions(text)) is flagged


def test_an_unknown_procedure_gets_a_clear_error():
    with pytest.raises(ValueError, match="no aftercare sheet for 'botox'; sheets: chemical-peel"):
        aftercare_sheet("botox", COURSE)


def test_an_expected_phase_of_another_procedure_is_reported_at_its_line():
    sheet = _sheet("microneedling")
    borrowed = dataclasses.replace(sheet, expected=(*sheet.expected, "swelling"))  # a phase of lip filler
    documents = {"procedure": tuple(COURSE.procedures.values())}
    (problem,) = models.aftercare_problems(borrowed, documents)
    assert problem[0] == f"expected[{len(sheet.expected)}]"
    assert problem[1].startswith(
        "'swelling' is not a phase of the microneedling timeline; its phases: pinpoint-bleeding"
    )
