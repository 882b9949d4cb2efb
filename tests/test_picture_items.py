"""Picture questions and pictures in cases: an illustration of the field guide above a stem or a stage.

Logic and markup only (no ipywidgets): the model field and its validation, the quiz and case
markup (live and static forms), and how many picture items and cases the course has.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from course.appearance import alt_text, catalogue, picture
from course.content import check, load_course
from course.models import QuizItem, picture_ids
from course.quiz import QuizSession
from course.render import cases as case_markup
from course.render import quiz as markup
from tests.conftest import REPO, text_of

COURSE = load_course()
PICTURE_BANKS = ("02-look-alikes", "03-timelines-filler", "04-timelines-needling", "07-triage-referral",
                 "08-integrated-cases")  # fmt: skip
LEARNER = "learner-abc123"
IMG = re.compile(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="([^"]*)"')


def picture_items() -> list[tuple[str, QuizItem]]:
    return [(bank.id, item) for bank in COURSE.banks for item in bank.items if item.picture is not None]


def the_image(markup_text: str) -> str:
    """The alt text of the one embedded picture in ``markup_text``."""
    found = IMG.findall(markup_text)
    assert len(found) == 1, f"expected one embedded picture, found {len(found)}"
    return html.unescape(found[0])


# --- The field and its validation ------------------------------------------------------------


def test_the_picture_ids_of_the_data_are_the_catalogues():
    assert set(picture_ids(COURSE.of_kind("appearance"))) == {p.id for p in catalogue(COURSE)}


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_an_unknown_picture_in_a_quiz_item_names_file_line_and_field(data_copy):
    path = data_copy / "quizzes" / "02-look-alikes.yaml"
    path.write_text(path.read_text().replace("picture: milia--surface--D", "picture: milia--surface--X"))
    problems = check(data_copy)
    assert len(problems) == 1, problems
    problem = problems[0]
    index = next(n for n, item in enumerate(COURSE.bank("02-look-alikes").items) if item.id == "picture-milia-a")
    assert problem.path.endswith("quizzes/02-look-alikes.yaml")
    assert problem.line == _line_of(path, "picture: milia--surface--X")
    assert problem.field == f"items[{index}].picture"
    assert "unknown picture 'milia--surface--X'" in problem.message
    assert "milia--surface--D" in problem.message  # the closest valid ids are named


def test_an_unknown_picture_in_a_case_stage_names_file_line_and_field(data_copy):
    path = data_copy / "cases" / "d-seeds-at-week-four.yaml"
    path.write_text(path.read_text().replace("picture: milia--surface--M", "picture: milia--seeds--M"))
    problems = check(data_copy)
    assert [(p.line, p.field) for p in problems] == [(_line_of(path, "picture: milia--seeds--M"), "stages[1].picture")]
    assert problems[0].path.endswith("cases/d-seeds-at-week-four.yaml")
    assert "unknown picture 'milia--seeds--M'" in problems[0].message


def test_a_picture_drawn_as_another_subject_is_a_valid_id(data_copy):
    # "purging" has no views of its own; its pictures use the acneiform eruption's, in another file.
    path = data_copy / "quizzes" / "02-look-alikes.yaml"
    path.write_text(path.read_text().replace("picture: milia--surface--D", "picture: purging--surface--D"))
    assert check(data_copy) == []


def test_a_broken_appearance_file_does_not_make_every_picture_unknown(data_copy):
    path = data_copy / "appearance" / "milia.yaml"
    path.write_text(path.read_text().replace("schema_version: 1", "schema_version: 7"))
    messages = [p.message for p in check(data_copy)]
    assert messages and not any("unknown picture" in m for m in messages), messages


# --- The quiz: live and static forms -----------------------------------------------------------


def _session(bank_id: str, item_ids: list[str]) -> QuizSession:
    return QuizSession(COURSE.bank(bank_id), LEARNER, item_ids, course=COURSE)


def test_a_picture_item_shows_the_picture_above_the_stem_with_the_data_written_alt_text():
    session = _session("02-look-alikes", ["picture-milia-a"])
    heading = str(markup.heading(session, 0))
    assert the_image(heading) == alt_text(picture("milia--surface--D"))
    assert "dark skin" in the_image(heading)
    stem = html.escape(session.items[0].stem, quote=False)[:40]
    assert heading.index("<img") < heading.index(stem)
    assert "Illustration, not a photograph. Milia in a treated area of the cheek, on dark skin" in text_of(heading)


def test_the_printable_form_shows_each_picture_above_its_stem():
    session = _session("07-triage-referral", ["vascular-urgent-c", "vision-emergency-a", "picture-colour-check-a"])
    static = str(markup.static_form(session, COURSE))
    alts = [html.unescape(a) for a in IMG.findall(static)]
    assert alts == [
        alt_text(picture("vascular-occlusion--dusky-pustules--D")),
        alt_text(picture("press-and-release--D")),
    ]
    for item in (session.items[0], session.items[2]):
        stem = html.escape(item.stem, quote=False)[:40]
        block = static[: static.index(stem)]
        assert block.rindex("<img") > block.rindex("<h4"), item.id  # the picture sits between number and stem


def test_an_item_without_a_picture_shows_none():
    session = _session("07-triage-referral", ["vision-emergency-a"])
    assert "<img" not in str(markup.heading(session, 0))
    assert str(markup.illustration(None)) == ""


def test_a_caption_names_what_is_shown_and_the_tone_in_words():
    assert markup.picture_caption("press-and-release--M") == (
        "Illustration, not a photograph. The press-and-release check (capillary refill) on the lip,"
        " on medium skin (group M)."
    )
    assert markup.picture_caption("vascular-occlusion--vessels").endswith("(schematic).")


# --- Cases ----------------------------------------------------------------------------------------


def test_a_case_stage_shows_its_picture_above_what_is_seen_in_the_story_and_the_static_form():
    case = COURSE.case("j-white-patch-in-the-chair")
    stage = case.stages[0]
    assert stage.picture == "vascular-occlusion--pale-patch--L"
    story = str(case_markup.stage_story(stage, 1))
    assert the_image(story) == alt_text(picture("vascular-occlusion--pale-patch--L"))
    assert story.index("<img") < story.index("What you see:")
    static = str(case_markup.static_case(case, COURSE))
    assert html.unescape(IMG.findall(static)[0]) == alt_text(picture("vascular-occlusion--pale-patch--L"))


def test_a_stage_without_a_picture_shows_none():
    case = COURSE.case("f-worse-not-better")
    assert all(stage.picture is None for stage in case.all_stages())
    assert "<img" not in str(case_markup.static_case(case, COURSE))


# --- How many, and on which skin ---------------------------------------------------------------------


def test_at_least_24_picture_items_over_the_five_banks_a_third_on_dark_skin():
    items = picture_items()
    assert {bank for bank, _ in items} == set(PICTURE_BANKS)
    assert len(items) >= 24
    dark = [item for _, item in items if picture(item.picture or "").tone == "D"]
    assert 3 * len(dark) >= len(items), f"{len(dark)} of {len(items)} on dark skin"


def test_at_least_four_cases_carry_a_picture():
    with_pictures = [case.id for case in COURSE.cases if any(s.picture for s in case.all_stages())]
    assert len(with_pictures) >= 4, with_pictures


_OTHER_CUES = ("pain", "sore", "hurt", "ache", "tender", "cool", "cold", "warm", "hot", "press", "itch", "tingl",
               "firm", "flat", "feel", "fever", "photo", "day", "week", "hour")  # fmt: skip


@pytest.mark.parametrize(("bank_id", "item_id"), [(b, i.id) for b, i in picture_items()])
def test_colour_is_never_the_only_cue_of_a_picture_item(bank_id, item_id):
    """The stem, and the explanation of the answer, name something to check besides colour."""
    item = COURSE.bank(bank_id).item(item_id)
    assert any(cue in item.stem.lower() for cue in _OTHER_CUES), item.stem
    keyed = [o.feedback for o in item.options if o.correct] + ([item.triage.feedback] if item.triage else [])
    assert any(cue in " ".join(keyed).lower() for cue in _OTHER_CUES), keyed


def test_every_triage_picture_item_gives_the_symptom_checker_its_input():
    triage = [item for _, item in picture_items() if item.type == "triage"]
    assert triage and all(item.triage is not None and item.triage.checker is not None for item in triage)


# --- The exercise notebook ---------------------------------------------------------------------------


def test_the_look_and_decide_notebook_shows_every_picture_item_with_the_notice():
    notebook = json.loads((REPO / "exercises" / "picture-quiz.ipynb").read_text(encoding="utf-8"))
    code = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert "course.show_notice()" in code
    shown = set()
    for source in code:
        for bank_id, ids in re.findall(r'course\.show_quiz\("([^"]+)", \[([^\]]*)\]\)', source):
            for item_id in re.findall(r'"([^"]+)"', ids):
                assert COURSE.bank(bank_id).item(item_id).picture is not None, item_id
                shown.add((bank_id, item_id))
        assert all(len(line) <= 120 for line in source.splitlines()) and source.count("\n") <= 1, source
    assert shown == {(bank, item.id) for bank, item in picture_items()}
