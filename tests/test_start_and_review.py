"""The start panel (role, import, where answers are kept) and "Review now" (spaced review as quizzes)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from course import progress as pg
from course.content import load_course
from course.quiz import grade
from course.review import plan
from course.start import checker_profile, on_binder, start_state
from course.widgets.review import show_review
from course.widgets.start import StartPanel
from tests.conftest import text_of

COURSE = load_course()
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)
LEARNER = "learner-5ab1e5"


def wrong_answer_to_a_parallel_item(days_ago: float) -> tuple[pg.Progress, str, str, str]:
    """A progress with one wrong answer ``days_ago``, to an item that has a parallel version."""
    for bank in COURSE.banks:
        for item in bank.items:
            twins = [i for i in bank.items if item.parallel_group and i.parallel_group == item.parallel_group]
            if item.type == "single-choice" and len(twins) > 1:
                wrong = next(o.id for o in item.options if not o.correct)
                at = (NOW - timedelta(days=days_ago)).isoformat(timespec="milliseconds")
                progress = pg.record(pg.new_progress(LEARNER), bank.id, grade(item, wrong, 3), 1, answered_at=at)
                other = next(i.id for i in twins if i.id != item.id)
                return progress, bank.id, item.id, other
    raise AssertionError("no bank has parallel single-choice items")


# --- The start panel --------------------------------------------------------------------------


def test_binder_is_recognised_from_its_environment():
    assert on_binder({"BINDER_SERVICE_HOST": "10.0.0.1"}) and not on_binder({"HOME": "/home/x"})


def test_the_panel_says_where_answers_are_kept_here_and_on_binder(tmp_path):
    here = StartPanel(tmp_path, environ={})
    assert "No answers are saved on this computer yet" in text_of(here.where.value)
    assert f"saved on this computer, in the folder {tmp_path}" in text_of(here.where.value)
    binder = StartPanel(tmp_path, environ={"BINDER_SERVICE_HOST": "x"})
    assert "On Binder nothing is kept after the session ends" in text_of(binder.where.value)
    assert "Export progress" in text_of(binder.where.value)


def test_choosing_a_role_saves_it_with_the_progress_and_sets_the_checker_profile(tmp_path):
    panel = StartPanel(tmp_path, environ={})
    panel.role.value = "self-learner"
    learner = pg.current_learner_id(tmp_path, create=False)
    assert learner is not None
    assert pg.load_progress(learner, tmp_path).progress.role == "self-learner"
    assert "Saved: Learning on my own" in text_of(panel.role_message.value)
    assert StartPanel(tmp_path, environ={}).role.value == "self-learner"  # a new session shows it
    assert start_state({}, tmp_path).role == "self-learner" and checker_profile("self-learner") == "self-learner"
    assert checker_profile(None) is None


def test_the_role_survives_answers_saved_afterwards(tmp_path):
    panel = StartPanel(tmp_path, environ={})
    panel.role.value = "student"
    learner = pg.current_learner_id(tmp_path, create=False)
    bank = COURSE.banks[0]
    item = next(i for i in bank.items if i.type == "single-choice")
    pg.save_response(learner, bank.id, grade(item, item.options[0].id), 1, directory=tmp_path)
    saved = pg.load_progress(learner, tmp_path).progress
    assert saved.role == "student" and len(saved.responses) == 1


def test_importing_an_export_keeps_its_answers_and_role(tmp_path):
    progress, *_ = wrong_answer_to_a_parallel_item(1)
    exported = json.loads(pg.export_progress(progress))
    exported["role"] = "instructor"
    panel = StartPanel(tmp_path / "fresh", environ={})
    panel.import_file("mine.json", json.dumps(exported).encode())
    assert text_of(panel.import_message.value).startswith("✔ Imported ‘mine.json’: 1 new answer, 1 in all.")
    assert panel.role.value == "instructor"
    assert pg.load_progress(LEARNER, tmp_path / "fresh").progress.role == "instructor"
    panel.import_file("holiday.json", b"[1, 2]")
    assert "‘holiday.json’ was not imported" in text_of(panel.import_message.value)


def test_the_static_form_shows_no_one_s_progress(tmp_path):
    panel = StartPanel(tmp_path, environ={})
    panel.role.value = "student"
    static = panel.static_html()
    assert "You and your progress" in static and "learner-" not in static


# --- Review now -------------------------------------------------------------------------------


def test_a_wrong_answer_comes_back_as_its_parallel_version_a_day_later():
    progress, bank_id, _, other = wrong_answer_to_a_parallel_item(days_ago=0.5)
    assert plan(progress.responses, COURSE.banks, NOW).due == ()
    later = plan(progress.responses, COURSE.banks, NOW + timedelta(days=1))
    assert later.by_bank() == {bank_id: [other]}
    assert plan(progress.responses, COURSE.banks, NOW, limit=0).due == ()
    with pytest.raises(ValueError, match="timezone-aware"):
        plan(progress.responses, COURSE.banks, NOW.replace(tzinfo=None))


def test_review_now_shows_the_due_question_as_a_quiz(tmp_path):
    progress, bank_id, _, other = wrong_answer_to_a_parallel_item(days_ago=2)
    pg.save_progress(progress, tmp_path)
    review = show_review(LEARNER, progress_dir=tmp_path, now=NOW)
    assert "1 question due for review" in text_of(review.summary.value)
    assert [quiz.bank.id for quiz in review.quizzes] == [bank_id]
    assert [item.id for item in review.quizzes[0].session.items] == [other]


def test_review_now_says_when_nothing_is_due(tmp_path):
    empty = show_review(LEARNER, progress_dir=tmp_path, now=NOW)
    assert "Nothing to review yet" in text_of(empty.summary.value) and empty.quizzes == []
    progress, *_ = wrong_answer_to_a_parallel_item(days_ago=0.25)
    pg.save_progress(progress, tmp_path)
    waiting = show_review(LEARNER, progress_dir=tmp_path, now=NOW)
    assert "The next question comes back in about 18 hours" in text_of(waiting.summary.value)
    assert "learner-" not in waiting.static_html()


# --- My progress: the whole course ------------------------------------------------------------


def test_the_whole_course_dashboard_lists_every_lesson_started_or_not(tmp_path):
    from course.widgets.progress import show_progress

    progress, bank_id, *_ = wrong_answer_to_a_parallel_item(days_ago=1)
    pg.save_progress(progress, tmp_path)
    dashboard = show_progress(learner=LEARNER, progress_dir=tmp_path)
    table = text_of(dashboard.lessons.value)
    lessons = [lesson for lesson in COURSE.lessons if lesson.objectives]
    assert f"Lessons: 0 of {len(lessons)} complete" in table
    started = next(lesson for lesson in lessons if lesson.id == COURSE.bank(bank_id).lesson)
    assert f"{started.number}. {started.title} 1 question answered" in table
    assert table.count("not started") == len(lessons) - 1
    one_lesson = show_progress(bank_id, learner=LEARNER, progress_dir=tmp_path)
    assert one_lesson.lessons.value == ""  # a lesson's own progress cell shows that lesson only


# --- The same cells in every lesson -----------------------------------------------------------


def _code_cells(path):
    import nbformat

    return [c.source.strip() for c in nbformat.read(path, 4).cells if c.cell_type == "code"]


@pytest.mark.parametrize("number", range(1, 9))
def test_every_lesson_starts_with_review_and_ends_with_its_progress_cell(number):
    from tests.conftest import REPO

    lesson = next(lesson for lesson in COURSE.lessons if lesson.number == number)
    bank = next(bank.id for bank in COURSE.banks if bank.lesson == lesson.id)
    code = _code_cells(REPO / lesson.notebook)
    assert code[:3] == ["import course", "course.show_notice()", "course.show_review()"]
    assert code[-2:] == [f'course.show_progress("{bank}")', f"course.show_lesson_references({number})"]


def test_no_notebook_asks_a_learner_to_edit_code_or_names_a_learner_id():
    from tests.conftest import REPO

    for path in sorted([*REPO.glob("notebooks/*.ipynb"), *REPO.glob("exercises/*.ipynb")]):
        for source in _code_cells(path):
            assert "learner-" not in source, (path.name, source)
            assert len(source.splitlines()) <= 2, (path.name, source)


def test_course_now_sets_the_review_clock_for_a_demonstration(tmp_path, monkeypatch):
    progress, bank_id, _, other = wrong_answer_to_a_parallel_item(days_ago=0)  # answered at NOW
    pg.save_progress(progress, tmp_path)
    monkeypatch.setenv("COURSE_NOW", (NOW + timedelta(hours=23)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert show_review(LEARNER, progress_dir=tmp_path).quizzes == []  # not yet a day later
    monkeypatch.setenv("COURSE_NOW", (NOW + timedelta(days=1, hours=1)).replace(tzinfo=None).isoformat())
    review = show_review(LEARNER, progress_dir=tmp_path)  # a time without a zone is UTC
    assert "1 question due for review" in text_of(review.summary.value)
    assert [(quiz.bank.id, item.id) for quiz in review.quizzes for item in quiz.session.items] == [(bank_id, other)]
    monkeypatch.setenv("COURSE_NOW", "tomorrow")
    with pytest.raises(ValueError, match="COURSE_NOW='tomorrow' is not an ISO 8601 time"):
        show_review(LEARNER, progress_dir=tmp_path)


def test_the_symptom_checker_starts_with_the_wording_of_the_role_chosen_in_the_start_notebook(tmp_path, monkeypatch):
    from course.widgets.triage import show_triage

    monkeypatch.setenv(pg.ENV_VAR, str(tmp_path))
    monkeypatch.delenv(pg.LEARNER_ENV_VAR, raising=False)
    first = show_triage().role.value  # no role chosen yet: the checker's first profile
    StartPanel(tmp_path, environ={}).role.value = "self-learner"
    assert show_triage().role.value == "self-learner" != first
    assert show_triage(role="injector").role.value == "injector"  # a role named in the cell wins
