"""Where files are: the content of a checkout or an installed package, and each user's own progress."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import course.progress as pg
from course import locations
from course.content import load_course
from course.quiz import grade
from tests.conftest import REPO

OLD_LEARNER = "learner-01d01d"


@pytest.fixture
def no_override(monkeypatch):
    """No progress folder or data folder set by the environment; the checkout's old folder is a made-up one."""
    monkeypatch.delenv(locations.PROGRESS_ENV_VAR, raising=False)
    monkeypatch.delenv(locations.DATA_ENV_VAR, raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)


def _as_user(monkeypatch, home: Path) -> None:
    monkeypatch.setenv("HOME", str(home))


def _answer(learner: str) -> pg.LoadResult:
    bank = load_course().banks[0]
    item = next(i for i in bank.items if i.type == "single-choice")
    key = next(o.id for o in item.options if o.correct)
    return pg.save_response(learner, bank.id, grade(item, key), attempt=1)


def test_a_checkout_reads_its_own_data_and_the_environment_points_elsewhere(no_override, monkeypatch, tmp_path):
    assert locations.checkout_dir() == REPO
    assert locations.data_dir() == REPO / "data"
    assert locations.packaged_data_dir() == REPO / "course" / "_content"
    monkeypatch.setenv(locations.DATA_ENV_VAR, str(tmp_path))
    assert locations.data_dir() == tmp_path


def test_notebooks_are_found_next_to_the_content_or_where_an_installed_course_runs(monkeypatch, tmp_path):
    relative = "notebooks/01-skin-healing.ipynb"
    assert locations.course_file(relative, REPO / "data") == REPO / relative
    assert locations.course_file(relative, tmp_path / "data") is None  # an author's data: only next to it
    (tmp_path / "notebooks").mkdir()
    (tmp_path / relative).write_text("{}")
    monkeypatch.chdir(tmp_path / "notebooks")  # where a notebook's kernel starts
    assert locations.course_file(relative, locations.packaged_data_dir()) == tmp_path / relative


def test_the_default_progress_folder_is_in_the_users_data_directory_never_in_the_checkout(
    no_override, monkeypatch, tmp_path
):
    monkeypatch.setattr(locations, "checkout_progress_dir", lambda: tmp_path / "old-progress")
    _as_user(monkeypatch, tmp_path / "home")
    folder = pg.progress_dir()
    assert folder.is_relative_to(tmp_path / "home") and not folder.is_relative_to(REPO)
    assert "whitespots-course" in folder.parts
    monkeypatch.setenv(locations.PROGRESS_ENV_VAR, str(tmp_path / "set"))
    assert pg.progress_dir() == tmp_path / "set"


def test_two_users_on_one_machine_never_share_a_file(no_override, monkeypatch, tmp_path):
    monkeypatch.setattr(locations, "checkout_progress_dir", lambda: tmp_path / "old-progress")
    files = {}
    for user in ("ana", "ben"):
        _as_user(monkeypatch, tmp_path / user)
        learner = pg.current_learner_id()
        saved = _answer(learner)
        assert len(saved.progress.responses) == 1
        files[user] = {p for p in (tmp_path / user).rglob("*") if p.is_file()}
        assert files[user] == {pg.progress_path(learner), locations.current_learner_file()}
    assert not files["ana"] & files["ben"]
    _as_user(monkeypatch, tmp_path / "ana")
    ana = pg.current_learner_id(create=False)
    _as_user(monkeypatch, tmp_path / "ben")
    assert pg.current_learner_id(create=False) not in (None, ana)
    assert len(pg.load_progress(ana).progress.responses) == 0  # Ana's file is not in Ben's folder


def _old_folder(tmp_path: Path) -> Path:
    old = tmp_path / "checkout-progress"
    old.mkdir()
    progress = pg.record(pg.new_progress(OLD_LEARNER), "01-skin-healing", _graded(), attempt=1)
    (old / f"{OLD_LEARNER}.json").write_text(pg.export_progress(progress), encoding="utf-8")
    (old / f"{OLD_LEARNER}.json.corrupt-20260101T000000Z").write_text("{broken", encoding="utf-8")
    (old / f"{OLD_LEARNER}.json.lock").write_text("", encoding="utf-8")
    (old / locations.CURRENT_LEARNER_FILE).write_text(f"{OLD_LEARNER}\n", encoding="utf-8")
    return old


def _graded():
    bank = next(b for b in load_course().banks if b.id == "01-skin-healing")
    item = next(i for i in bank.items if i.type == "single-choice")
    return grade(item, next(o.id for o in item.options if o.correct))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_files_in_the_checkouts_old_progress_folder_are_carried_over_and_kept(no_override, monkeypatch, tmp_path):
    old = _old_folder(tmp_path)
    before = _snapshot(old)
    monkeypatch.setattr(locations, "checkout_progress_dir", lambda: old)
    _as_user(monkeypatch, tmp_path / "home")
    assert pg.current_learner_id(create=False) == OLD_LEARNER
    loaded = pg.load_progress(OLD_LEARNER)
    assert loaded.message is None and len(loaded.progress.responses) == 1
    new = pg.progress_dir()
    assert sorted(p.name for p in new.iterdir()) == sorted(
        [".current-learner", f"{OLD_LEARNER}.json", f"{OLD_LEARNER}.json.corrupt-20260101T000000Z"]
    )
    _answer(OLD_LEARNER)  # the course carries on in the new folder
    assert len(pg.load_progress(OLD_LEARNER).progress.responses) == 2
    assert _snapshot(old) == before  # the old folder is left exactly as it was


def test_old_files_never_replace_progress_already_in_the_new_folder(no_override, monkeypatch, tmp_path):
    old = _old_folder(tmp_path)
    monkeypatch.setattr(locations, "checkout_progress_dir", lambda: old)
    _as_user(monkeypatch, tmp_path / "home")
    new = locations.default_progress_dir()
    new.mkdir(parents=True)
    (new / locations.CURRENT_LEARNER_FILE).write_text("learner-abcdef\n", encoding="utf-8")
    assert pg.current_learner_id(create=False) == "learner-abcdef"
    assert not (new / f"{OLD_LEARNER}.json").exists()


def test_another_users_files_in_a_shared_checkout_are_not_taken(no_override, monkeypatch, tmp_path):
    old = _old_folder(tmp_path)
    monkeypatch.setattr(locations, "checkout_progress_dir", lambda: old)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(old).st_uid + 1)
    _as_user(monkeypatch, tmp_path / "home")
    assert pg.current_learner_id(create=False) is None
    assert not locations.default_progress_dir().exists()


def test_an_installed_course_has_no_checkout_folder(monkeypatch, tmp_path):
    package = tmp_path / "site-packages" / "course"
    shutil.copytree(REPO / "course", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(locations, "_PACKAGE", package)
    assert locations.checkout_dir() is None
    assert locations.checkout_progress_dir() is None


def test_carrying_a_file_over_never_replaces_one_written_meanwhile(tmp_path):
    from course.progress.storage import _copy_unless_there

    source, target = tmp_path / "old" / "learner-01d01d.json", tmp_path / "new" / "learner-01d01d.json"
    source.parent.mkdir()
    source.write_text("old", encoding="utf-8")
    _copy_unless_there(source, target)
    assert target.read_text(encoding="utf-8") == "old"
    target.write_text("answered since", encoding="utf-8")  # another kernel saved in between
    _copy_unless_there(source, target)
    assert target.read_text(encoding="utf-8") == "answered since"
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temporary file left
