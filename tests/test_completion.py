"""The record of completion: what it counts, the page it makes, and the widget's download link."""

from __future__ import annotations

import base64
import dataclasses
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from course import progress as pg
from course.completion import CPD_RULE, RECORD_LABEL, build_record, file_name, record_fragment, render_html
from course.content import load_course
from course.models import QuizItem
from course.quiz import grade, must_pass_slots
from course.widgets.completion import CompletionWidget, show_completion
from tests.conftest import text_of

COURSE = load_course()
BANKS = {bank.id: bank for bank in COURSE.of_kind("quiz")}
LEARNER = "learner-c0ffee"
ON = date(2026, 3, 14)

#: Enough of lesson 7 to meet all four objectives: every must-pass slot once, two scope items, two on O4.
LESSON_7 = [
    "vision-emergency-a",
    "anaphylaxis-a",
    "vascular-urgent-a",
    "cold-sore-same-day-a",
    "spreading-infection-a",
    "scope-a",
    "scope-jurisdiction",
    "record-entry",
    "report-route-a",
]


def right_answer(item: QuizItem):
    """The fully correct answer to ``item``, whatever its type."""
    correct = [o.id for o in item.options if o.correct]
    if item.type == "single-choice":
        return correct[0]
    if item.type == "multi-select":
        return correct
    if item.type == "ordering":
        return [s.id for s in item.steps]
    if item.type == "matching":
        return {p.id: p.match for p in item.pairs}
    if item.type == "day-window":
        window = item.window
        return window.start_day if window.answer_form == "day" else [window.start_day, window.end_day]
    if item.type == "triage":
        return {"level": item.triage.level, "recipient": correct[0]} if item.options else item.triage.level
    return "My reflection."


def wrong_answer(item: QuizItem):
    assert item.type in ("single-choice", "triage")
    wrong = next(o.id for o in item.options if not o.correct)
    return wrong if item.type == "single-choice" else {"level": "monitor", "recipient": wrong}


def answer(progress: pg.Progress, bank_id: str, item_id: str, right: bool = True, certainty=None) -> pg.Progress:
    item = BANKS[bank_id].item(item_id)
    result = grade(item, right_answer(item) if right else wrong_answer(item), certainty)
    assert result.correct is right or item.type == "free-text"
    return pg.record(progress, bank_id, result, attempt=1, answered_at="2026-03-14T10:00:00.000+00:00")


def made_up_progress() -> pg.Progress:
    """Lesson 7 met in full; lesson 8 part-way, with certainty ratings and a confident wrong red flag."""
    progress = pg.new_progress(LEARNER)
    for item_id in LESSON_7:
        progress = answer(progress, "07-triage-referral", item_id)
    progress = answer(progress, "07-triage-referral", "sbar-handover-a")  # free text: submitted, not marked
    progress = answer(progress, "08-integrated-cases", "mixed-fordyce", certainty=3)
    progress = answer(progress, "08-integrated-cases", "mixed-tyndall", certainty=2)
    progress = answer(progress, "08-integrated-cases", "mixed-chair-blanching", right=False, certainty=3)
    progress = answer(progress, "08-integrated-cases", "practice-change-a")
    return progress


def line(record, number: int):
    return next(lesson for lesson in record.lessons if lesson.number == number)


# --- The record -------------------------------------------------------------------------------


def test_a_new_learner_has_no_lesson_complete_no_cpd_minutes_and_every_must_pass_open():
    record = build_record(pg.new_progress(LEARNER), COURSE, on=ON)
    assert [lesson.number for lesson in record.lessons] == list(range(1, 9))  # the start notebook has no objectives
    assert record.cpd_minutes == 0 and record.lessons_complete == 0
    assert all(lesson.objectives_met == 0 for lesson in record.lessons)
    slots = sum(len(must_pass_slots(bank)) for bank in BANKS.values())  # one per red-flag group or item
    assert len(record.must_pass_open) == slots > 0
    assert record.answered_items == record.answers == 0 and record.calibration.answered == 0


def test_objectives_met_and_cpd_minutes_count_only_lessons_with_every_objective_met():
    record = build_record(made_up_progress(), COURSE, on=ON)
    seven, eight = line(record, 7), line(record, 8)
    assert (seven.objectives_met, seven.objectives_total, seven.must_pass_open) == (4, 4, 0)
    assert seven.complete and seven.cpd_minutes == 75
    # Lesson 8: only the reflection objective is met (a submitted reflection counts), so no minutes.
    assert (eight.objectives_met, eight.objectives_total, eight.complete, eight.cpd_minutes) == (1, 3, False, 0)
    assert record.cpd_minutes == 75 == sum(lesson.minutes for lesson in COURSE.lessons if lesson.number == 7)
    assert record.lessons_complete == 1


def test_must_pass_questions_still_open_are_listed_with_their_lesson_and_question():
    record = build_record(made_up_progress(), COURSE, on=ON)
    open_ids = {(item.bank_id, item.item_id) for item in record.must_pass_open}
    assert not any(bank == "07-triage-referral" for bank, _ in open_ids)
    assert ("08-integrated-cases", "mixed-chair-blanching") in open_ids  # answered, but wrong
    assert ("08-integrated-cases", "case-a-day-3") in open_ids  # never answered
    chair = next(item for item in record.must_pass_open if item.item_id == "mixed-chair-blanching")
    assert chair.lesson_title == "Integrated cases and final check"
    assert chair.stem == BANKS["08-integrated-cases"].item("mixed-chair-blanching").stem
    assert line(record, 8).must_pass_open == sum(1 for item in record.must_pass_open if item.bank_id.startswith("08"))


def test_answers_and_calibration_are_summarised():
    record = build_record(made_up_progress(), COURSE, on=ON)
    assert record.answered_items == 14 and record.answers == 14
    calibration = record.calibration
    assert calibration.answered == 3
    assert calibration.total_marks == 3 + 2 - 6
    assert calibration.confident_wrong_must_pass == ("mixed-chair-blanching",)


def test_a_wrong_answer_after_a_right_one_reopens_the_objective():
    progress = answer(made_up_progress(), "07-triage-referral", "vision-emergency-a", right=False)
    record = build_record(progress, COURSE, on=ON)
    assert not line(record, 7).complete and record.cpd_minutes == 0
    assert line(record, 7).must_pass_open == 1


def test_the_date_defaults_to_today_and_the_file_is_named_after_the_learner():
    record = build_record(pg.new_progress(LEARNER), COURSE)
    assert record.made_on == date.today() or (date.today() - record.made_on).days <= 1
    assert file_name(record) == f"record-of-completion-{LEARNER}.html"


# --- The page --------------------------------------------------------------------------------


class _Outline(HTMLParser):
    """Headings, tables with captions, and the text of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.headings: list[int] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "script" or any(name.startswith("on") for name, _ in attrs):
            self.scripts += 1


def test_the_page_is_a_complete_accessible_document_with_the_label_and_the_notice():
    page = render_html(build_record(made_up_progress(), COURSE, on=ON))
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert page.rstrip().endswith("</html>")
    assert re.search(r"<title>Record of completion: [^<]+</title>", page)
    outline = _Outline()
    outline.feed(page)
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    steps = [b - a for a, b in zip(outline.headings, outline.headings[1:], strict=False)]
    assert max(steps) <= 1, "a heading level is skipped"
    assert outline.tags.count("table") == outline.tags.count("caption") == 2
    assert "main" in outline.tags and outline.scripts == 0
    text = text_of(page)
    assert RECORD_LABEL in text
    assert "Record of completion — not a qualification, certificate of competence or licence to practise" in text
    assert COURSE.notices.educational_use in text
    assert CPD_RULE in text
    assert f"Learner (pseudonymous id) {LEARNER}" in text and "Date of this record 2026-03-14" in text
    assert "Suggested CPD time 75 minutes (1 h 15 min)" in text
    assert "07 Triage and referral: when, to whom, how fast 4 of 4 none All objectives met 75" in text
    assert "Certainty marks in all: -1" in text.replace("−", "-")


def test_hostile_learner_id_and_item_text_are_escaped_everywhere():
    hostile = '<script>alert("id")</script>'
    bank = BANKS["07-triage-referral"]
    item = bank.item("vision-emergency-a")
    bad_item = dataclasses.replace(item, stem='<img src=x onerror="alert(1)"> & "stem"')
    bad_bank = dataclasses.replace(
        bank, items=tuple(bad_item if i.id == item.id else i for i in bank.items), title="<b>bank</b>"
    )
    banks = [bad_bank if b.id == bank.id else b for b in BANKS.values()]
    progress = dataclasses.replace(pg.new_progress(LEARNER), learner_id=hostile)
    record = build_record(progress, COURSE, on=ON, banks=banks)
    page = render_html(record)
    for raw in (hostile, "<img", 'onerror="', "<b>bank</b>"):
        assert raw not in page
    assert "&lt;script&gt;alert(&quot;id&quot;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;stem&quot;" in page
    outline = _Outline()
    outline.feed(page)
    assert outline.scripts == 0
    assert "<script" not in record_fragment(record, 4)


def test_the_fragment_starts_at_the_level_asked_for():
    record = build_record(pg.new_progress(LEARNER), COURSE, on=ON)
    fragment = record_fragment(record, 4)
    assert fragment.startswith("<h4") and "<h5" in fragment and not re.search(r"<h[1-3]|<h6", fragment)
    with pytest.raises(ValueError, match="level"):
        record_fragment(record, 6)


# --- The widget ------------------------------------------------------------------------------


def _link(widget: CompletionWidget) -> tuple[str, str]:
    match = re.search(r'<a download="([^"]+)" href="data:text/html;base64,([A-Za-z0-9+/=]+)">', widget.link.value)
    assert match, widget.link.value
    return match.group(1), base64.b64decode(match.group(2)).decode("utf-8")


def test_make_my_record_gives_a_data_link_that_decodes_to_the_page_and_a_preview(tmp_path):
    folder = tmp_path / "progress"
    progress = made_up_progress()
    pg.save_progress(progress, folder)
    widget = show_completion(LEARNER, progress_dir=folder, on=ON)
    assert widget.link.value == "" and widget.preview.value == ""
    assert widget.make.description == "Make my record"
    widget.make.click()
    name, page = _link(widget)
    assert name == f"record-of-completion-{LEARNER}.html"
    assert page == render_html(build_record(progress, COURSE, on=ON))
    preview = text_of(widget.preview.value)
    assert RECORD_LABEL in preview and "Suggested CPD time 75 minutes" in preview
    assert '<section aria-label="Preview of your record"' in widget.preview.value
    assert "<h4" in widget.preview.value and "<h1" not in widget.preview.value


def test_the_record_follows_new_answers_when_made_again(tmp_path):
    folder = tmp_path / "progress"
    widget = show_completion(LEARNER, progress_dir=folder, on=ON)
    widget.make.click()
    assert "Suggested CPD time 0 minutes" in text_of(widget.preview.value)
    pg.save_progress(made_up_progress(), folder)
    widget.make.click()
    assert "Suggested CPD time 75 minutes" in text_of(widget.preview.value)


def test_without_a_learner_on_this_computer_it_says_so_in_plain_words(tmp_path):
    widget = show_completion(progress_dir=tmp_path / "empty", on=ON)
    widget.make.click()
    assert "No answers are saved on this computer yet" in text_of(widget.link.value)
    assert widget.preview.value == ""
    assert not (tmp_path / "empty").exists()  # looking for a learner creates nothing


def test_the_default_learner_is_this_computers(tmp_path):
    folder = tmp_path / "progress"
    pg.set_current_learner(LEARNER, folder)
    pg.save_progress(made_up_progress(), folder)
    widget = show_completion(progress_dir=folder, on=ON)
    widget.make.click()
    assert _link(widget)[0] == f"record-of-completion-{LEARNER}.html"


def test_a_learner_id_that_is_not_a_pseudonym_is_refused():
    with pytest.raises(ValueError, match="learner id"):
        show_completion("Jane Smith <jane@example.com>")


def test_static_form_says_what_it_does_and_shows_no_record(tmp_path):
    pg.save_progress(made_up_progress(), tmp_path)
    widget = show_completion(LEARNER, progress_dir=tmp_path, on=ON)
    bundle = widget._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    static = text_of(data["text/html"])
    assert "Make my record" in static and RECORD_LABEL in static and "download" in static
    assert LEARNER not in data["text/html"] and "75" not in static
    assert "\n" not in data["text/plain"] and "Make my record" in data["text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in data
