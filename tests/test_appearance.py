"""Appearance as data: every condition on every tone group, recipes that add up, alt text from the data."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course.appearance import (
    NOT_A_PHOTOGRAPH,
    alt_text,
    atlas,
    catalogue,
    format_count,
    format_size,
    resolve_view,
    tone_label,
    validate_tone,
)
from course.content import check, default_data_dir, load_course
from course.models import TONE_GROUPS, Count, Size, hex_to_lab, lab_to_hex
from tests.conftest import REPO, TEST_DATA

BROKEN = TEST_DATA / "broken" / "appearance-missing-tone.yaml"
PICTURES = catalogue()
TONED = [p for p in PICTURES if p.tone is not None]


def _looks_of_every_feature(view):
    for area in view.areas:
        yield f"areas[{area.id}].colour", area.colour
        if area.lip_colour:
            yield f"areas[{area.id}].lip_colour", area.lip_colour
    for group in view.lesions:
        yield f"lesions[{group.id}].fill", group.fill
        if group.rim is not None:
            yield f"lesions[{group.id}].rim", group.rim.colour


def test_every_condition_of_the_course_has_an_appearance():
    described = {s.condition for s in atlas().subjects.values() if s.condition is not None}
    assert described == set(load_course().conditions)


def test_normal_healing_is_described_too():
    healing = {s.id for s in atlas().subjects.values() if s.kind == "normal-healing"}
    assert {"pinpoint-bleeding", "needling-redness", "bruise-after-filler", "crusting", "pih"} <= healing


@pytest.mark.parametrize("subject_id", sorted(atlas().subjects))
def test_every_feature_has_a_look_on_all_three_tones(subject_id):
    data = atlas()
    subject = data.subjects[subject_id]
    drawn = data.subjects[subject.drawn_as] if subject.drawn_as else subject
    assert drawn.views
    for view in drawn.views:
        for where, looks in _looks_of_every_feature(view):
            assert tuple(look.tone for look in looks) == TONE_GROUPS, f"{subject_id} {view.id} {where}"
    for section in subject.sections:
        if section.surface:
            assert tuple(look.tone for look in section.surface) == TONE_GROUPS


def test_vascular_occlusion_has_its_four_stages_in_order():
    _, first = resolve_view("vascular-occlusion")
    views = atlas().subjects["vascular-occlusion"].views
    assert [v.id for v in views] == ["pale-patch", "net-pattern", "dusky-pustules", "dark-crust"]
    assert [v.stage for v in views] == [1, 2, 3, 4]
    assert first.id == "pale-patch"
    # Every stage keeps the unaffected half of the lip for comparison, and asks the bedside questions.
    assert all(v.comparison == "mirror-side" and len(v.cues) == 3 for v in views)


def test_each_recipe_gives_the_fact_sheets_colour_on_each_base():
    palette = atlas().palette
    for recipe in palette.recipes:
        for step in recipe.steps:
            tone = palette.tone(step.tone)
            base = tone.lip.hex if recipe.base == "lip" else tone.skin.hex
            made, given = step.apply(base), step.result
            assert max(abs(int(made[i : i + 2], 16) - int(given[i : i + 2], 16)) for i in (1, 3, 5)) <= 1, recipe.id


def test_the_colour_conversion_round_trips():
    for colour in ("#f3e7db", "#d7bd96", "#604134", "#2b2423", "#f6f0e5"):
        assert lab_to_hex(hex_to_lab(colour)) == colour
    assert [round(v, 1) for v in hex_to_lab("#f3e7db")] == [92.3, 2.1, 7.3]  # the fact sheet's value


def test_a_typo_in_a_recipe_result_is_caught_at_its_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    basics = data / "appearance" / "basics.yaml"
    text = basics.read_text(encoding="utf-8")
    basics.write_text(text.replace("result: '#ecbbbe'", "result: '#ecbbee'", 1), encoding="utf-8")
    problems = check(data)
    assert any(
        p.field == "palette.recipes" and "('erythema'), tone L: the numbers give #ecbbbe" in p.message for p in problems
    ), problems


def test_a_broken_appearance_file_is_reported_with_file_line_and_field(valid_data):
    target = valid_data / "appearance" / "milia.yaml"
    target.parent.mkdir()
    shutil.copyfile(BROKEN, target)
    problems = check(valid_data)
    assert [(Path(p.path).name, p.line, p.field) for p in problems] == [
        ("milia.yaml", 31, "subjects[0].views[0].lesions[0].fill")
    ]
    assert str(problems[0]).endswith(
        "milia.yaml:31: subjects[0].views[0].lesions[0].fill: give the look on every tone group (L, M, D); missing: D"
    )


def test_appearance_files_are_optional_in_a_data_folder(valid_data):
    assert not (valid_data / "appearance").exists()
    assert check(valid_data) == []


def test_a_subject_must_name_a_known_condition(valid_data):
    target = valid_data / "appearance" / "milia.yaml"
    target.parent.mkdir()
    text = BROKEN.read_text(encoding="utf-8").replace("condition: milia", "condition: milium")
    target.write_text(text.replace("              - {tone: M, text: White.", "              - {tone: D, text: White."))
    problems = check(valid_data)
    assert any(p.field == "subjects[0].condition" and "unknown condition 'milium'" in p.message for p in problems)


def test_sizes_and_counts_mark_approximate_values():
    assert format_size(Size(1, 2, "S", ("X",))) == "1–2 mm"
    assert format_size(Size(1, 2, "S", ("X",), 3, "A")) == "1–2 mm (one up to ≈3 mm)"
    assert format_size(Size(3, 8, "A", ("X",))) == "≈3–8 mm"
    assert format_count(Count(4, 15, "A", ("X",))) == "≈4–15"
    assert format_count(Count(1, 1, "S", ("X",))) == "1"


def test_unknown_tone_is_a_clear_error():
    assert validate_tone("D") == "D"
    with pytest.raises(ValueError, match=r"valid groups: L \(light\), M \(medium\), D \(dark\)"):
        validate_tone("dark")


def test_purging_is_drawn_as_the_acneiform_eruption_and_says_so():
    subject, view = resolve_view("purging")
    assert subject.drawn_as == "acneiform-eruption" and view.id == "surface"
    picture = next(p for p in PICTURES if p.id == "purging--surface--L")
    assert "not a defined clinical entity" in alt_text(picture)


@pytest.mark.parametrize("picture", TONED, ids=[p.id for p in TONED])
def test_alt_text_names_the_tone_and_the_condition(picture):
    words = alt_text(picture)
    group = atlas().palette.tone(picture.tone)
    assert words.startswith(NOT_A_PHOTOGRAPH)
    assert tone_label(group) in words
    assert f"{group.name} skin" in words
    subject_words = picture.group_title.lower().replace('"', "")
    assert subject_words.split(" (")[0].split(":")[0] in words.lower().replace('"', "")


def test_alt_text_says_what_to_notice_and_marks_approximate_values():
    milia = alt_text(next(p for p in PICTURES if p.id == "milia--surface--D"))
    assert "What to notice: No redness" in milia
    assert "≈4–15 milia, 1–2 mm (one up to ≈3 mm)" in milia
    assert "(approximate)" in milia
    assert "dermatosis papulosa nigra" in milia  # the dark-skin note appears on the dark-skin picture only
    assert "dermatosis papulosa nigra" not in alt_text(next(p for p in PICTURES if p.id == "milia--surface--L"))


def test_the_dark_skin_occlusion_pictures_say_colour_alone_is_not_enough():
    for picture in (p for p in PICTURES if p.group == "vascular-occlusion" and p.kind == "surface"):
        words = alt_text(picture)
        assert "pain out of proportion?" in words
        assert ("never rely on the colour alone" in words) == (picture.tone == "D")


def test_every_picture_has_a_unique_id_and_the_schematics_have_alt_text_too():
    ids = [p.id for p in PICTURES]
    assert len(ids) == len(set(ids))
    for picture in PICTURES:
        assert alt_text(picture).startswith(NOT_A_PHOTOGRAPH)
    vessels = next(p for p in PICTURES if p.kind == "vessels")
    assert "schematic" in alt_text(vessels) and "approximate" in alt_text(vessels)


def test_the_appearance_logic_imports_no_drawing_library():
    code = "import json, sys, course.appearance\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stdout))
    assert not loaded & {"matplotlib", "ipywidgets", "PIL"}
