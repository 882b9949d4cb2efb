"""The loader and validator, on tiny valid files and deliberately broken ones.

Each file in tests/data/broken/ names where it goes (``# target:``) and the
problem it must produce (``# expect: LINE: FIELD: MESSAGE``); the test drops it
into a copy of tests/data/valid/ and checks that exact problem is reported.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from course.content import ContentError, Problem, check, load_course
from tests.conftest import TEST_DATA

BROKEN = sorted((TEST_DATA / "broken").glob("*.yaml"))


def _header(path: Path, name: str) -> str:
    match = re.search(rf"^# {name}: (.*)$", path.read_bytes().decode("ascii", "replace"), re.MULTILINE)
    assert match, f"{path.name} has no '# {name}:' line"
    return match.group(1).strip()


def test_valid_data_loads_into_frozen_typed_objects(valid_data):
    course = load_course(valid_data)
    filler = course.procedures["lip-filler"]
    assert filler.short_title == "Lip filler"
    swelling = filler.phases[0]
    assert isinstance(swelling.start_day, float) and swelling.end_upper_day == 14.0
    assert swelling.refs == ("MURRAY-VO21",)
    assert course.conditions["vascular-occlusion"].must_not_miss is True
    assert course.references["FACTSHEET"].kind == "course"
    assert course.terms["milium"].see_also == ("keratin",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        swelling.end_day = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        course.procedures["new"] = filler  # type: ignore[index]


def test_valid_data_has_no_problems(valid_data):
    assert check(valid_data) == []


@pytest.mark.parametrize("broken", BROKEN, ids=[p.stem for p in BROKEN])
def test_each_planted_defect_is_reported_with_file_line_and_field(broken, valid_data):
    target = valid_data / _header(broken, "target")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(broken, target)
    line, field, message = _header(broken, "expect").split(": ", 2)

    problems = check(valid_data)

    matching = [
        p
        for p in problems
        if Path(p.path).resolve() == target.resolve()
        and p.line == int(line)
        and p.field == field
        and message in p.message
    ]
    assert matching, f"expected {target.name}:{line}: {field}: {message}\ngot:\n" + "\n".join(map(str, problems))
    with pytest.raises(ContentError) as raised:
        load_course(valid_data)
    assert str(matching[0]) in str(raised.value)


def test_broken_cases_cover_what_the_issue_names():
    names = {p.stem for p in BROKEN}
    required = {"missing-field", "wrong-type", "unknown-reference", "duplicate-id", "malformed", "empty", "not-utf8"}
    assert required <= names


def test_every_problem_in_one_run(valid_data):
    """Two defects in two files: both reported, sorted by file, nothing stops at the first."""
    milia = valid_data / "conditions" / "milia.yaml"
    milia.write_text(milia.read_text().replace("start_day: 7", "start_day: soon"))
    glossary = valid_data / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace("refs: [BERK08]", "refs: [BERK99]"))
    problems = check(valid_data)
    assert [(Path(p.path).name, p.line, p.field) for p in problems] == [
        ("milia.yaml", 17, "onset[0].start_day"),
        ("glossary.yaml", 11, "terms[1].refs[0]"),
    ]


def test_missing_required_file_is_reported(valid_data):
    (valid_data / "notices.yaml").unlink()
    problems = check(valid_data)
    assert any(p.path.endswith("notices.yaml") and "missing" in p.message for p in problems)


def test_missing_data_folder_is_a_problem_not_a_crash(tmp_path):
    problems = check(tmp_path / "nowhere")
    assert len(problems) == 1 and "does not exist" in problems[0].message


def test_a_peak_needs_its_own_evidence_tag(valid_data):
    filler = valid_data / "procedures" / "lip-filler.yaml"
    filler.write_text(filler.read_text().replace("    peak_evidence: A\n", ""))
    problems = check(valid_data)
    # The missing field is reported at the line of the item that lacks it.
    assert [(p.line, p.field) for p in problems] == [(7, "phases[0].peak_evidence")]


def test_a_peak_outside_its_window_is_rejected(valid_data):
    filler = valid_data / "procedures" / "lip-filler.yaml"
    filler.write_text(filler.read_text().replace("peak_end_day: 2", "peak_end_day: 20"))
    assert any("peak must fall inside the window" in p.message for p in check(valid_data))


def test_an_expected_phase_cannot_be_must_not_miss(valid_data):
    filler = valid_data / "procedures" / "lip-filler.yaml"
    filler.write_text(
        filler.read_text().replace(
            "    evidence: S\n    refs: [MURRAY-VO21]\ncomplications",
            "    evidence: S\n    refs: [MURRAY-VO21]\n    must_not_miss: true\ncomplications",
            1,
        )
    )
    assert any("cannot be must_not_miss" in p.message for p in check(valid_data))


def test_yml_extension_is_rejected(valid_data):
    (valid_data / "conditions" / "milia.yaml").rename(valid_data / "conditions" / "milia.yml")
    assert any("not .yml" in p.message for p in check(valid_data))


def test_problem_prints_as_path_line_field_message():
    assert (
        str(Problem("data/x.yaml", 41, "onset[2].end_day", "too late")) == "data/x.yaml:41: onset[2].end_day: too late"
    )


def test_yaml_is_loaded_safely(valid_data):
    """Python-specific tags are refused: the loader is PyYAML's safe one."""
    (valid_data / "glossary.yaml").write_text("id: !!python/object/apply:os.system ['echo hacked']\n")
    problems = check(valid_data)
    assert any("malformed YAML" in p.message and p.line == 1 for p in problems)
