"""Progress files: pseudonymous ids, atomic saves that survive a kill, corrupted files, export and import."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course import progress as pg
from course.content import load_course
from course.progress import ProgressError, Response
from course.quiz import grade
from tests.conftest import REPO, TEST_DATA

BANK = load_course(TEST_DATA / "valid").of_kind("quiz")[0]
ITEMS = {item.id: item for item in BANK.items}
LEARNER = "learner-7f3a9c"


def answered(progress: pg.Progress, item_id: str, answer, certainty=None, attempt=1, at=None) -> pg.Progress:
    result = grade(ITEMS[item_id], answer, certainty)
    return pg.record(progress, BANK.id, result, attempt, answered_at=at)


def response(n: int, **changes) -> Response:
    fields = {
        "bank_id": "01-skin-healing",
        "item_id": f"item-{n}",
        "item_version": 1,
        "answer": ["inflammation", "proliferation", "remodelling"],
        "score": 1.0,
        "max_score": 2.0,
        "correct": False,
        "attempt": 1,
        "answered_at": f"2026-01-01T00:{n // 60 % 60:02d}:{n % 60:02d}.000+00:00",
        "confidence": 2,
    }
    return Response(**{**fields, **changes})


# --- Learner ids and folders -------------------------------------------------------------


def test_new_learner_ids_are_random_pseudonyms():
    ids = {pg.new_learner_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(pg.check_learner_id(i) == i and len(i) == len("learner-7f3a9c") for i in ids)


@pytest.mark.parametrize(
    "bad", ["Jane Smith", "jane@example.org", "learner-", "learner-XYZ123", "../learner-7f3a9c", "learner-7f3a9c/..", 7]
)
def test_names_emails_and_paths_are_not_learner_ids(bad, tmp_path):
    with pytest.raises(ValueError, match="looks like 'learner-7f3a9c'"):
        pg.check_learner_id(bad)
    with pytest.raises(ValueError):
        pg.progress_path(bad, tmp_path)


def test_progress_folder_argument_then_environment_then_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv(pg.ENV_VAR, raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert pg.progress_dir().is_relative_to(tmp_path / "home")
    assert not pg.progress_dir().is_relative_to(REPO)
    monkeypatch.setenv(pg.ENV_VAR, str(tmp_path / "env"))
    assert pg.progress_dir() == tmp_path / "env"
    assert pg.progress_dir(tmp_path / "arg") == tmp_path / "arg"
    saved = pg.save_progress(pg.new_progress(LEARNER))
    assert saved == tmp_path / "env" / f"{LEARNER}.json"


def test_the_default_folder_is_ignored_by_git_and_the_package_is_not():
    ignored = (REPO / ".gitignore").read_text().splitlines()
    assert "/progress/" in ignored  # only the folder at the root: course/progress/ is code
    check = ["git", "check-ignore", "-q", "--no-index"]
    assert subprocess.run([*check, "progress/learner-7f3a9c.json"], cwd=REPO).returncode == 0
    for kept in ("course/progress/format.py", "tests/data/progress/v1-example.json"):
        assert subprocess.run([*check, kept], cwd=REPO).returncode == 1, kept


# --- Recording, saving, loading ----------------------------------------------------------


def test_a_missing_file_gives_a_fresh_progress_without_a_message(tmp_path):
    loaded = pg.load_progress(LEARNER, tmp_path)
    assert loaded.progress.learner_id == LEARNER and loaded.progress.responses == ()
    assert loaded.message is None and loaded.backup is None


def test_save_then_load_gives_back_every_response(tmp_path):
    progress = answered(pg.new_progress(LEARNER), "milia-what-a", "whitehead", certainty=3)
    progress = answered(progress, "milia-what-b", "cyst", attempt=2)
    progress = answered(progress, "dusky-lip", {"level": "routine", "recipient": "injector"})
    progress = answered(progress, "milia-window", [7, 40])
    progress = answered(progress, "explain-bumps", "Milia; do not squeeze.")
    path = pg.save_progress(progress, tmp_path)
    assert path == tmp_path / f"{LEARNER}.json"

    loaded = pg.load_progress(LEARNER, tmp_path)
    assert loaded.message is None
    assert loaded.progress == progress
    first, second, triage, window, text = loaded.progress.responses
    assert (first.item_id, first.correct, first.confidence, first.score) == ("milia-what-a", False, 3, 0)
    assert (second.attempt, second.correct) == (2, True)
    assert triage.critical and triage.answer == {"level": "routine", "recipient": "injector"}
    assert window.answer == [7.0, 40.0]
    assert text.auto_scored is False


def test_the_file_stores_only_what_the_docs_list(tmp_path):
    progress = answered(pg.new_progress(LEARNER), "milia-what-a", "milia")
    stored = json.loads(pg.save_progress(progress, tmp_path).read_text())
    assert set(stored) == {"schema_version", "learner_id", "role", "created_at", "updated_at", "responses"}
    assert stored["schema_version"] == pg.SCHEMA_VERSION == 2 and stored["role"] is None
    assert set(stored["responses"][0]) == {
        "bank_id",
        "item_id",
        "item_version",
        "answer",
        "score",
        "max_score",
        "correct",
        "attempt",
        "answered_at",
        "confidence",
        "started_at",
        "auto_scored",
        "critical",
    }


def test_save_writes_a_synced_temporary_file_and_then_replaces(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: calls.append(("fsync", fd)) or real_fsync(fd))
    monkeypatch.setattr(os, "replace", lambda a, b: calls.append(("replace", Path(a), Path(b))) or real_replace(a, b))
    pg.save_progress(pg.new_progress(LEARNER), tmp_path)
    assert calls[0][0] == "fsync"  # the data, before the rename
    assert calls[1][0] == "replace"
    temporary, target = calls[1][1], calls[1][2]
    assert temporary.parent == target.parent == tmp_path  # same folder, so the rename is atomic
    assert target.name == f"{LEARNER}.json" and not temporary.exists()


def test_a_failed_save_leaves_the_previous_file_and_no_temporary_file(tmp_path, monkeypatch):
    before = answered(pg.new_progress(LEARNER), "milia-what-a", "milia")
    path = pg.save_progress(before, tmp_path)
    saved_bytes = path.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        pg.save_progress(answered(before, "milia-what-b", "cyst"), tmp_path)
    assert path.read_bytes() == saved_bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


# The child saves a large progress again and again, printing the number of
# responses after each save returns; the parent kills it at a random moment.
# On a fast disk writing takes about 1% of a save (the rest is building the
# JSON), so a kill would rarely land mid-write; the child therefore slows its
# disk down (small writes with pauses), which makes a non-atomic save fail this
# test most of the time. The code under test runs unchanged.
_SAVER = textwrap.dedent(
    """
    import dataclasses, io, sys, time

    real_open = io.open

    class SlowDisk:
        def __init__(self, handle):
            self._handle = handle

        def write(self, data):
            for start in range(0, len(data), 16384):
                self._handle.write(data[start : start + 16384])
                self._handle.flush()
                time.sleep(0.001)
            return len(data)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self._handle.__exit__(*exc)

        def __getattr__(self, name):
            return getattr(self._handle, name)

    def slow_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return SlowDisk(handle) if any(c in mode for c in "wax+") else handle

    io.open = slow_open  # os.fdopen and Path.open both go through io.open

    from course.progress import Response, load_progress, save_progress

    folder, learner = sys.argv[1], sys.argv[2]
    loaded = load_progress(learner, folder)
    assert loaded.message is None, loaded.message
    progress = loaded.progress
    template = progress.responses[-1]
    while True:
        n = len(progress.responses)
        extra = dataclasses.replace(template, item_id=f"item-{n}")
        progress = dataclasses.replace(progress, responses=(*progress.responses, extra))
        save_progress(progress, folder)
        print(n + 1, flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_a_process_mid_save_loses_nothing_saved_before(tmp_path):
    folder = tmp_path / "progress"
    start = dataclasses.replace(pg.new_progress(LEARNER), responses=tuple(response(n) for n in range(4000)))
    pg.save_progress(start, folder)
    script = tmp_path / "saver.py"
    script.write_text(_SAVER)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    chance = random.Random()
    for _ in range(3):
        child = subprocess.Popen(
            [sys.executable, str(script), str(folder), LEARNER],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        confirmed = []
        for _ in range(chance.randint(1, 3)):
            line = child.stdout.readline()
            assert line, child.stderr.read()
            confirmed.append(int(line))
        started = time.perf_counter()
        int(child.stdout.readline())  # time one save ...
        save_seconds = time.perf_counter() - started
        time.sleep(chance.uniform(0, save_seconds))  # ... and kill somewhere inside the next one
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        confirmed += [int(line) for line in rest.split()]

        loaded = pg.load_progress(LEARNER, folder)
        assert loaded.message is None, loaded.reason  # valid JSON, right structure
        count = len(loaded.progress.responses)
        assert confirmed[-1] <= count <= confirmed[-1] + 1  # everything saved, at most one more
        assert [r.item_id for r in loaded.progress.responses] == [f"item-{n}" for n in range(count)]
    assert not list(folder.glob("*.corrupt-*"))


# --- Corrupted files ------------------------------------------------------------------------

CORRUPT = {
    "bad JSON": b'{"schema_version": 1, "learner_id": "learner-7f3a9c", "responses": [',
    "empty file": b"",
    "not UTF-8": b"\xff\xfe{}",
    "a list": b"[1, 2, 3]",
    # A version that never existed (a newer one is not corrupt: see the tests of versions below).
    "schema version 0": json.dumps(
        {"schema_version": 0, "learner_id": LEARNER, "created_at": "x", "updated_at": "x", "responses": []}
    ).encode(),
    "schema version as text": json.dumps(
        {"schema_version": "99", "learner_id": LEARNER, "created_at": "x", "updated_at": "x", "responses": []}
    ).encode(),
    "no schema version": b'{"learner_id": "learner-7f3a9c"}',
    "a role that does not exist": pg.export_progress(pg.new_progress(LEARNER))
    .replace('"role": null', '"role": "boss"')
    .encode(),
    "a role in a version 1 file": json.dumps(
        {
            "schema_version": 1,
            "learner_id": LEARNER,
            "role": "student",
            "created_at": "2026-01-01T00:00:00+00:00",
            "updated_at": "2026-01-01T00:00:00+00:00",
            "responses": [],
        }
    ).encode(),
    "responses not a list": json.dumps(
        {
            "schema_version": 1,
            "learner_id": LEARNER,
            "created_at": "2026-01-01T00:00:00+00:00",
            "updated_at": "2026-01-01T00:00:00+00:00",
            "responses": {"a": 1},
        }
    ).encode(),
    "a bad response": pg.export_progress(dataclasses.replace(pg.new_progress(LEARNER), responses=(response(1),)))
    .replace('"score": 1.0', '"score": 5.0')
    .encode(),
    "another learner's file": pg.export_progress(pg.new_progress("learner-000000")).encode(),
}


@pytest.mark.parametrize("content", CORRUPT.values(), ids=CORRUPT.keys())
def test_a_corrupted_file_is_kept_as_a_backup_and_a_fresh_progress_starts(content, tmp_path):
    path = tmp_path / f"{LEARNER}.json"
    path.write_bytes(content)

    loaded = pg.load_progress(LEARNER, tmp_path)

    assert loaded.progress.learner_id == LEARNER and loaded.progress.responses == ()
    assert loaded.backup is not None and loaded.backup.read_bytes() == content
    assert loaded.backup.parent == tmp_path and loaded.backup.name.startswith(f"{LEARNER}.json.corrupt-")
    assert loaded.message == (
        f"Your progress file could not be read, so it was kept as {tmp_path.name}/{loaded.backup.name}"
        " and a fresh one was started."
    )
    assert loaded.reason
    assert not path.exists()
    # The fresh start saves normally, and the backup is left alone.
    pg.save_progress(answered(loaded.progress, "milia-what-a", "milia"), tmp_path)
    assert pg.load_progress(LEARNER, tmp_path).message is None
    assert loaded.backup.read_bytes() == content


def test_two_corruptions_in_the_same_second_keep_two_backups(tmp_path):
    for content in (b"{", b"["):
        (tmp_path / f"{LEARNER}.json").write_bytes(content)
        pg.load_progress(LEARNER, tmp_path)
    backups = sorted(p.read_bytes() for p in tmp_path.glob("*.corrupt-*"))
    assert backups == [b"[", b"{"]


# --- Export and import ---------------------------------------------------------------------


def test_export_then_import_gives_the_same_progress():
    progress = answered(
        pg.new_progress(LEARNER), "lesion-match", {"milium": "Keratin", "pustule": "Pus", "vesicle": "Pus"}
    )
    progress = answered(progress, "healing-order", ["remodelling", "inflammation", "proliferation"], certainty=1)
    exported = pg.export_progress(progress)
    assert isinstance(exported, str)
    assert pg.import_progress(exported) == progress
    assert pg.import_progress(exported.encode("utf-8")) == progress


def test_import_merges_into_the_current_progress_and_keeps_the_imported_id():
    earlier = answered(pg.new_progress(LEARNER), "milia-what-a", "milia", at="2026-01-01T10:00:00.000+00:00")
    here = answered(pg.new_progress("learner-111111"), "milia-what-b", "cyst", at="2026-01-02T10:00:00.000+00:00")
    here = answered(here, "milia-when", "week-1", at="2026-01-01T09:00:00.000+00:00")

    merged = pg.import_progress(pg.export_progress(earlier), into=here)

    assert merged.learner_id == LEARNER
    assert [r.item_id for r in merged.responses] == ["milia-when", "milia-what-a", "milia-what-b"]  # time order
    again = pg.import_progress(pg.export_progress(earlier), into=merged)
    assert again.responses == merged.responses  # importing the same export twice adds nothing


@pytest.mark.parametrize(
    "data",
    [
        b"not json",
        "[]",
        '{"schema_version": 2}',
        '{"schema_version": 0}',
        pg.export_progress(pg.new_progress(LEARNER)).replace(LEARNER, "Jane"),
    ],
)
def test_import_rejects_anything_that_is_not_an_export(data):
    current = answered(pg.new_progress(LEARNER), "milia-what-a", "milia")
    with pytest.raises(ProgressError, match=r"^This is not a progress export from this course: "):
        pg.import_progress(data, into=current)
    assert len(current.responses) == 1


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.builds(
            response,
            st.integers(min_value=0, max_value=3599),
            score=st.floats(min_value=0, max_value=1),
            correct=st.booleans(),
            confidence=st.none() | st.sampled_from([1, 2, 3]),
            answer=st.recursive(
                st.none() | st.booleans() | st.integers() | st.text(),
                lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
                max_leaves=5,
            ),
        ),
        max_size=20,
    )
)
def test_any_progress_survives_export_and_import(responses):
    progress = dataclasses.replace(pg.new_progress(LEARNER), responses=tuple(responses))
    assert pg.import_progress(pg.export_progress(progress)) == progress


# --- Dashboard -------------------------------------------------------------------------------


def test_a_fresh_learner_has_met_nothing_and_has_the_must_pass_item_open():
    summary = pg.summarise(pg.new_progress(LEARNER), [BANK])
    (objective,) = summary.objectives
    assert (objective.objective_id, objective.items, objective.correct, objective.met) == ("L1.O1", 8, 0, False)
    assert objective.needed == pg.OBJECTIVE_MET_CORRECT_ITEMS == 2
    assert summary.must_pass_open == (("01-skin-healing", "dusky-lip"),)


def test_an_objective_is_met_by_two_correct_items_and_its_must_pass_item():
    progress = answered(pg.new_progress(LEARNER), "milia-what-a", "milia")
    progress = answered(progress, "milia-when", "week-1")
    summary = pg.summarise(progress, [BANK])
    assert summary.objectives[0].correct == 2 and not summary.objectives[0].met  # must-pass still open
    assert summary.objectives[0].must_pass_open == 1

    progress = answered(progress, "dusky-lip", {"level": "emergency", "recipient": "injector"})
    summary = pg.summarise(progress, [BANK])
    assert summary.objectives[0].met and summary.must_pass_open == ()


def test_only_the_latest_answer_to_the_current_version_counts():
    progress = answered(pg.new_progress(LEARNER), "milia-what-a", "milia")
    progress = answered(progress, "milia-what-a", "pustule", attempt=2)  # right, then wrong
    assert pg.summarise(progress, [BANK]).objectives[0].correct == 0
    old = dataclasses.replace(progress.responses[0], item_id="milia-when", item_version=1)  # bank has version 2
    progress = dataclasses.replace(progress, responses=(*progress.responses, old))
    assert pg.summarise(progress, [BANK]).objectives[0].correct == 0


def test_free_text_does_not_count_towards_an_objective():
    progress = answered(pg.new_progress(LEARNER), "explain-bumps", "Milia.")
    progress = answered(progress, "milia-what-a", "milia")
    assert pg.summarise(progress, [BANK]).objectives[0].correct == 1


def test_the_dashboard_reports_calibration_and_confident_wrong_red_flags():
    progress = answered(pg.new_progress(LEARNER), "dusky-lip", {"level": "monitor", "recipient": "nobody"}, 3)
    progress = answered(progress, "milia-what-a", "milia", certainty=3)
    progress = answered(progress, "milia-what-b", "cyst")  # not rated
    calibration = pg.summarise(progress, [BANK]).calibration
    assert calibration.answered == 2 and calibration.total_marks == -6 + 3
    assert calibration.confident_wrong_must_pass == ("dusky-lip",)
    assert calibration.levels[2].accuracy == 0.5


# --- The default learner and saving one answer --------------------------------------------


def test_the_default_learner_is_made_once_and_then_reused(tmp_path):
    assert pg.current_learner_id(tmp_path, create=False) is None
    assert not (tmp_path / pg.CURRENT_LEARNER_FILE).exists()
    learner = pg.current_learner_id(tmp_path)
    assert pg.check_learner_id(learner) == learner
    assert (tmp_path / pg.CURRENT_LEARNER_FILE).read_text() == learner + "\n"
    assert pg.current_learner_id(tmp_path) == learner
    pg.set_current_learner(LEARNER, tmp_path)
    assert pg.current_learner_id(tmp_path, create=False) == LEARNER


def test_a_default_learner_file_that_is_not_an_id_is_replaced(tmp_path):
    (tmp_path / pg.CURRENT_LEARNER_FILE).write_text("jane@example.com\n")
    assert pg.current_learner_id(tmp_path, create=False) is None
    assert pg.current_learner_id(tmp_path) != "jane@example.com"
    with pytest.raises(ValueError, match="learner id looks like"):
        pg.set_current_learner("Jane Doe", tmp_path)


def test_save_response_reads_the_file_afresh_so_no_answer_is_lost(tmp_path):
    first = pg.save_response(LEARNER, BANK.id, grade(ITEMS["milia-what-a"], "milia"), 1, directory=tmp_path)
    other = answered(first.progress, "milia-what-b", "cyst")
    pg.save_progress(other, tmp_path)  # another quiz saved meanwhile
    started = pg.timestamp()
    last = pg.save_response(
        LEARNER, BANK.id, grade(ITEMS["milia-when"], "week-1"), 2, started_at=started, directory=tmp_path
    )
    assert last.message is None
    assert [r.item_id for r in pg.load_progress(LEARNER, tmp_path).progress.responses] == [
        "milia-what-a",
        "milia-what-b",
        "milia-when",
    ]
    assert (last.progress.responses[-1].attempt, last.progress.responses[-1].started_at) == (2, started)


def test_save_response_reports_a_corrupted_file_and_starts_afresh(tmp_path):
    (tmp_path / f"{LEARNER}.json").write_text("{not json")
    saved = pg.save_response(LEARNER, BANK.id, grade(ITEMS["milia-what-a"], "milia"), 1, directory=tmp_path)
    assert saved.message.startswith("Your progress file could not be read")
    assert len(pg.load_progress(LEARNER, tmp_path).progress.responses) == 1
