"""Handouts as printable pages: the field guide, timeline sheets, the triage card and the SBAR card."""

from __future__ import annotations

import html
import re

import pytest

from course import regions
from course.content import load_course
from course.handouts import condition_pictures, handouts
from course.render.handouts import handout_html
from tests.conftest import text_of

COURSE = load_course()
BY_ID = {h.id: h for h in handouts(COURSE)}


def test_the_course_makes_a_field_guide_a_sheet_per_procedure_and_two_cards():
    assert set(BY_ID) == {
        "field-guide",
        "triage-card",
        "sbar-card",
        *(f"timeline-{p}" for p in COURSE.procedures),
        *(f"aftercare-{p}" for p in COURSE.procedures),
        *(f"lesson-{n:02d}-quiz{key}" for n in range(1, 9) for key in ("", "-key")),
    }
    assert BY_ID["timeline-rf-microneedling"].title == "What to expect after RF microneedling"
    assert BY_ID["timeline-lip-filler"].title == "What to expect after lip filler"
    assert BY_ID["aftercare-lip-filler"].title == "After lip filler: your aftercare, and when to get help"


def test_the_field_guide_has_a_page_per_condition_with_pictures_red_flags_and_what_to_do():
    page = handout_html(BY_ID["field-guide"], COURSE)
    sections = [html.unescape(t) for t in re.findall(r'<section class="page guide" aria-label="([^"]+)">', page)]
    assert sorted(sections) == sorted(c.title for c in COURSE.conditions.values())
    vascular = COURSE.conditions["vascular-occlusion"]
    flags = [next(c.must_not_miss for c in COURSE.conditions.values() if c.title == t) for t in sections]
    assert flags == sorted(flags, reverse=True) and flags[0]  # the must-not-miss conditions come first
    for condition in COURSE.conditions.values():
        pictures = condition_pictures(condition, COURSE)
        assert [p.tone for p in pictures] == ["M", "D"], condition.id
        for picture in pictures:
            assert f'alt="{picture.id}' not in page  # the alt text is words, not the id
    words = text_of(page)
    for claim in vascular.red_flags:
        assert text_of(claim.text) in words
    assert "≈ " in words and "What to do" in words and "Red flags: have it assessed" in words


def test_a_timeline_sheet_lists_every_phase_and_complication_with_its_window():
    from course.timeline import entries

    page = handout_html(BY_ID["timeline-microneedling"], COURSE)
    words = text_of(page)
    for entry in entries("microneedling", COURSE):
        assert entry.label in words and entry.window in words
    assert 'src="data:image/png;base64,' in page


@pytest.mark.parametrize(("region", "number"), [("au", "000 (Triple Zero; 112 from a mobile)"), ("ca", "911")])
def test_the_triage_card_gives_the_local_emergency_number(monkeypatch, region, number):
    monkeypatch.setenv(regions.REGION_ENV_VAR, region)
    words = text_of(handout_html(BY_ID["triage-card"], COURSE))
    assert f"Call emergency services now ({number})" in words
    assert f"Emergency services, now ({number})" in words  # the emergency level's contact
    for level in COURSE.of_kind("triage-levels")[0].levels:
        assert level.label in words
    assert "Scope of practice" in words and "act on the more urgent one" in words


def test_every_handout_says_educational_use_and_the_emergency_number(monkeypatch):
    monkeypatch.setenv(regions.REGION_ENV_VAR, "uk")
    for handout in BY_ID.values():
        words = text_of(handout_html(handout, COURSE))
        assert "Educational use only: not medical advice" in words, handout.id
        assert "call emergency services (999 or 112)" in words, handout.id
    monkeypatch.delenv(regions.REGION_ENV_VAR)
    assert "call emergency services (your local emergency number)" in text_of(handout_html(BY_ID["sbar-card"], COURSE))


def test_no_handout_tells_anyone_to_squeeze_lance_massage_or_pop():
    """In the handouts that instruct (not the quiz papers and keys, whose options are there to be judged), every
    mention is a warning."""
    for handout in BY_ID.values():
        if handout.kind in ("quiz-paper", "quiz-key"):
            continue
        words = text_of(handout_html(handout, COURSE)).lower()
        for verb in ("squeeze", "lance", "massage", r"pop\b"):
            for sentence in re.findall(rf"[^.]*\b{verb}[^.]*\.", words):
                warned = re.search(r"\b(never|not|do not|don't|cannot|instead|avoid|rather than|no)\b", sentence)
                assert warned, (handout.id, sentence)
    assert (
        "do not massage your lips unless your injector has told you to"
        in text_of(handout_html(BY_ID["aftercare-lip-filler"], COURSE)).lower()
    )  # the sheet does warn, so the loop above had sentences to check


def test_a_quiz_paper_has_no_answers_and_its_key_has_every_one():
    from course.handouts import PAPER_SEED
    from course.quiz import select_items

    paper = handout_html(BY_ID["lesson-07-quiz"], COURSE)
    key = text_of(handout_html(BY_ID["lesson-07-quiz-key"], COURSE))
    items = select_items(COURSE.bank(BY_ID["lesson-07-quiz"].bank), None, PAPER_SEED)
    assert f"{len(items)} questions" in text_of(paper)
    assert "✔" not in paper and "The action level:" not in paper and "<details" not in paper
    for number, item in enumerate(items, 1):
        assert text_of(f"{number}. {item.stem}") in key
    assert key.count("✔") >= len([i for i in items if i.type in ("single-choice", "triage")])
    assert "Scope of practice" in text_of(paper)  # triage levels on the paper: notice and scope


AFTERCARE = [h for h in BY_ID.values() if h.kind == "aftercare"]


@pytest.mark.parametrize("handout", AFTERCARE, ids=[h.id for h in AFTERCARE])
def test_an_aftercare_sheet_is_an_example_with_the_notices_and_the_timeline_days(handout):
    from course.aftercare import aftercare_sheet

    words = text_of(handout_html(handout, COURSE))
    notices = regions.local_notices(COURSE)
    assert words.startswith(handout.title)
    assert "An example for training. It does not replace the aftercare sheet your practitioner gives you" in words
    assert "Follow your practitioner's written aftercare instructions first." in words
    for notice in (notices.educational_use, notices.scope_reminder, notices.whom_to_contact):
        assert text_of(notice) in words, handout.id
    view = aftercare_sheet(handout.procedure, COURSE)
    for entry in view.expected:
        assert f"{entry.label} " in words and entry.window in words
    for advice in view.sheet.advice:
        assert text_of(advice.text) in words
    for gap in view.sheet.gaps:
        assert text_of(gap) in words


@pytest.mark.parametrize("handout", AFTERCARE, ids=[h.id for h in AFTERCARE])
def test_an_aftercare_sheets_warning_signs_are_worded_as_the_symptom_checker_words_them(handout):
    """Each sign: the checklist's words for its findings and the checker's contact, under the label of the level
    the checker gives it."""
    from course import triage
    from course.aftercare import aftercare_sheet

    words = text_of(handout_html(handout, COURSE))
    view = aftercare_sheet(handout.procedure, COURSE)
    table = words[words.index("What you notice When Whom to contact") :]
    shown = [level for level in triage.LEVELS if view.signs_at(level)]
    starts = [table.index(triage.level_info(level, course=COURSE).label) for level in shown]
    assert starts == sorted(starts)  # most urgent first
    for level, start, end in zip(shown, starts, [*starts[1:], len(table)], strict=True):
        under = table[start:end]
        for sign in view.signs_at(level):
            for label in (*sign.together_labels, *sign.labels):
                assert text_of(label) in under, (handout.id, level, label)
            assert text_of(sign.contact) in under, (handout.id, level, sign.findings)
            if sign.checklist_first:
                assert "Go through the warning signs of a blocked blood vessel first." in under
    if view.checklist is not None:
        assert text_of(view.checklist.intro) in words


@pytest.mark.parametrize(
    ("region", "number"),
    [("au", "000 (Triple Zero; 112 from a mobile)"), ("ca", "911"), (None, "your local emergency number")],
)
def test_an_aftercare_sheet_gives_the_local_emergency_number(monkeypatch, region, number):
    from course.aftercare import aftercare_sheet

    if region is None:
        monkeypatch.delenv(regions.REGION_ENV_VAR, raising=False)
    else:
        monkeypatch.setenv(regions.REGION_ENV_VAR, region)
    for handout in AFTERCARE:
        words = text_of(handout_html(handout, COURSE))
        assert f"Emergency services, now ({number}). Then let" in words, handout.id  # the emergency signs' contact
        assert f"call emergency services ({number})" in words, handout.id  # whom to contact, and the footer
        assert words.count(f"({number})") >= 3, handout.id
        for sign in aftercare_sheet(handout.procedure, COURSE).signs_at("emergency"):  # eye signs too
            assert f"({number})" in sign.contact, (handout.id, sign.findings)
