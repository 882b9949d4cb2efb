"""The progress dashboard as a learner uses it: read it, export a file, import it again."""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime, timezone

import pytest

from course import progress as pg
from course.content import load_course
from course.quiz import grade
from course.widgets.progress import ProgressDashboard, show_progress
from tests.conftest import TEST_DATA, text_of

LEARNER = "learner-abc123"
OTHER = "learner-0ddba11"
BANK = load_course(TEST_DATA / "valid").of_kind("quiz")[0]


@pytest.fixture
def progress_dir(tmp_path):
    return tmp_path / "progress"


@pytest.fixture
def make_dashboard(progress_dir):
    def make(learner=LEARNER, folder=None) -> ProgressDashboard:
        return show_progress(
            learner=learner, data_dir=TEST_DATA / "valid", progress_dir=folder if folder is not None else progress_dir
        )

    return make


def answer(progress_dir, item_id, value, certainty=None, learner=LEARNER):
    pg.save_response(learner, BANK.id, grade(BANK.item(item_id), value, certainty), 1, directory=progress_dir)


def download_link(dashboard) -> tuple[str, bytes]:
    match = re.search(
        r'<a download="([^"]+)" href="data:application/json;base64,([A-Za-z0-9+/=]+)">', dashboard.download.value
    )
    assert match, dashboard.download.value
    return match.group(1), base64.b64decode(match.group(2))


def upload(dashboard, name: str, content: bytes) -> None:
    """What the browser sends when a learner chooses a file."""
    dashboard.upload.value = (
        {
            "name": name,
            "type": "application/json",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": datetime(2026, 1, 1, tzinfo=timezone.utc),
        },
    )


def test_a_new_learner_sees_nothing_met_and_the_must_pass_question_open(make_dashboard):
    dashboard = make_dashboard()
    assert "0 answers saved" in text_of(dashboard.who.value) and LEARNER in dashboard.who.value
    objectives = text_of(dashboard.objectives.value)
    assert "Learning objectives: 0 of 1 met" in objectives
    assert "L1.O1 Describe the phases of healing. 0 of 2 needed (8 questions) 1 ○ Not yet" in objectives
    must_pass = text_of(dashboard.must_pass.value)
    assert "⚑ Must-pass questions still open (1)" in must_pass
    assert "Skin healing (test bank): On day 3 after lip filler" in must_pass
    assert "no answers with a certainty rating yet" in text_of(dashboard.calibration.value)


def test_answers_saved_by_a_quiz_show_after_refresh(make_dashboard, progress_dir):
    dashboard = make_dashboard()
    answer(progress_dir, "milia-what-a", "milia", 3)
    answer(progress_dir, "milia-features", ["white", "firm"], 1)
    answer(progress_dir, "dusky-lip", {"level": "routine", "recipient": "injector"}, 3)
    dashboard.refresh.click()
    assert "3 answers saved" in text_of(dashboard.who.value)
    assert "2 of 2 needed" in text_of(dashboard.objectives.value)
    assert "○ Not yet" in text_of(dashboard.objectives.value)  # the must-pass question is still open
    calibration = text_of(dashboard.calibration.value)
    assert "How sure you were, and how often you were right" in calibration
    assert "3 2 1 (50%) -3" in calibration  # certainty 3: two answers, one right, +3 - 6
    assert "⚠ Sure but wrong on a must-pass (red-flag) question: look at these first. On day 3" in calibration
    answer(progress_dir, "dusky-lip", {"level": "emergency", "recipient": "injector"})
    dashboard.refresh.click()
    assert "Learning objectives: 1 of 1 met" in text_of(dashboard.objectives.value)
    assert "✔ Met" in text_of(dashboard.objectives.value)
    assert "✔ Must-pass questions: none open." in text_of(dashboard.must_pass.value)


def test_export_makes_a_data_link_that_imports_back_into_a_new_session(make_dashboard, progress_dir, tmp_path):
    answer(progress_dir, "milia-what-a", "milia", 2)
    answer(progress_dir, "healing-order", ["inflammation", "proliferation", "remodelling"])
    dashboard = make_dashboard()
    dashboard.export.click()
    name, content = download_link(dashboard)
    assert name == f"progress-{LEARNER}.json"
    assert "Download your progress file" in text_of(dashboard.download.value)
    assert json.loads(content)["learner_id"] == LEARNER

    # A new Binder session: an empty progress folder and no learner yet.
    fresh = tmp_path / "new-session"
    session = make_dashboard(learner=None, folder=fresh)
    assert "No answers are saved on this computer yet" in text_of(session.who.value)
    upload(session, name, content)
    assert text_of(session.message.value) == (
        f"✔ Imported ‘{name}’: 2 new answers, 2 in all. Your learner id is now {LEARNER}."
    )
    assert session.upload.value == ()  # cleared, so the same file can be chosen again
    assert pg.current_learner_id(fresh, create=False) == LEARNER
    assert pg.load_progress(LEARNER, fresh).progress == pg.load_progress(LEARNER, progress_dir).progress
    assert "2 answers saved" in text_of(session.who.value)


def test_import_merges_and_keeps_the_imported_learner_id(make_dashboard, progress_dir):
    answer(progress_dir, "milia-what-a", "milia")
    exported = pg.export_progress(pg.load_progress(LEARNER, progress_dir).progress).encode()
    answer(progress_dir, "milia-when", "week-1", learner=OTHER)
    pg.set_current_learner(OTHER, progress_dir)
    dashboard = make_dashboard(learner=None)
    upload(dashboard, "mine.json", exported)
    merged = pg.load_progress(LEARNER, progress_dir).progress
    assert [r.item_id for r in merged.responses] == ["milia-what-a", "milia-when"]
    assert pg.current_learner_id(progress_dir) == LEARNER
    upload(dashboard, "mine.json", exported)  # the same file twice adds nothing
    assert "0 new answers, 2 in all" in text_of(dashboard.message.value)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{not json", "it is not valid JSON (line 1"),
        (b'{"schema_version": 1}', "learner_id: missing required field"),
        (b'{"schema_version": 0}', "schema_version: 0 is not a version of the progress file"),
        (b"\xff\xfe", "it is not UTF-8 text"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_in_plain_words(make_dashboard, progress_dir, content, says):
    answer(progress_dir, "milia-what-a", "milia")
    before = pg.load_progress(LEARNER, progress_dir).progress
    dashboard = make_dashboard()
    upload(dashboard, "holiday-photo.json", content)
    message = text_of(dashboard.message.value)
    assert message.startswith("‘holiday-photo.json’ was not imported. This is not a progress export from this course:")
    assert says in message
    assert pg.load_progress(LEARNER, progress_dir).progress == before


def test_a_huge_file_is_refused_before_reading(make_dashboard, monkeypatch):
    monkeypatch.setattr("course.widgets.progress.MAX_IMPORT_BYTES", 10)
    dashboard = make_dashboard()
    upload(dashboard, "big.json", b"{" + b" " * 20 + b"}")
    assert "too large to be a progress file" in text_of(dashboard.message.value)


def test_the_uploaded_file_name_is_escaped(make_dashboard):
    dashboard = make_dashboard()
    upload(dashboard, "<img src=x onerror=alert(document.domain)>.json", b"[]")
    assert "<img" not in dashboard.message.value and "&lt;img" in dashboard.message.value


def test_nothing_to_export_before_any_answer(make_dashboard, progress_dir):
    dashboard = make_dashboard(learner=None)
    dashboard.export.click()
    assert text_of(dashboard.download.value) == "Nothing to export yet: answer a quiz question first."
    assert not progress_dir.exists()  # looking at the dashboard writes nothing


def test_a_corrupted_progress_file_is_reported_in_plain_words(make_dashboard, progress_dir):
    progress_dir.mkdir()
    (progress_dir / f"{LEARNER}.json").write_text('{"schema_version": 2}')
    dashboard = make_dashboard()
    assert text_of(dashboard.message.value).startswith("Your progress file could not be read, so it was kept as")
    assert list(progress_dir.glob(f"{LEARNER}.json.corrupt-*"))


def test_the_controls_are_labelled_buttons_and_a_json_upload(make_dashboard):
    dashboard = make_dashboard()
    assert [dashboard.refresh.description, dashboard.export.description] == ["Refresh", "Export progress"]
    assert dashboard.upload.description == "Import progress" and dashboard.upload.accept == ".json"
    assert not dashboard.upload.multiple


def test_static_form_says_what_it_shows_and_that_it_needs_a_kernel(make_dashboard, progress_dir):
    answer(progress_dir, "milia-what-a", "milia")
    bundle = make_dashboard()._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    shown = text_of(data["text/html"])
    assert "live kernel" in shown and "export your progress" in shown and "must-pass" in shown
    assert LEARNER not in data["text/html"]  # a stored notebook holds nobody's progress
    assert data["text/plain"].startswith("Progress dashboard:") and "\n" not in data["text/plain"]


def test_unknown_bank_is_a_value_error():
    with pytest.raises(ValueError, match="unknown question bank\\(s\\) 'nope'; banks: 01-skin-healing"):
        show_progress(["nope"], data_dir=TEST_DATA / "valid")
