"""Progress file versions (upgrades, files from a newer course) and saves that take turns."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from course import progress as pg
from course.content import load_course
from course.progress import format as progress_format
from course.quiz import grade
from course.widgets.completion import show_completion
from course.widgets.progress import show_progress
from tests.conftest import REPO, TEST_DATA, text_of

#: Written by the save code of schema version 1 (commit cbeadf0), before versions 2 existed. Never regenerate it.
V1_EXAMPLE = TEST_DATA / "progress" / "v1-example.json"
V1_LEARNER = "learner-5eed01"
LEARNER = "learner-7f3a9c"
BANK = load_course(TEST_DATA / "valid").of_kind("quiz")[0]


def v1_file(folder: Path) -> Path:
    """A copy of the version-1 example in ``folder``, where its learner's file goes."""
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(V1_EXAMPLE, folder / f"{V1_LEARNER}.json"))


def future_document(version: int = pg.SCHEMA_VERSION + 1, learner: str = LEARNER) -> bytes:
    """A file from a newer course: fields this code has never heard of, and a version it does not know."""
    return json.dumps(
        {
            "schema_version": version,
            "learner_id": learner,
            "role": "learner-chosen-later",
            "goals": ["something new"],
            "responses": [{"bank_id": "01-skin-healing", "shape": "different"}],
        },
        indent=2,
    ).encode()


# --- Upgrading version 1 ---------------------------------------------------------------------


def test_the_example_is_a_version_1_file():
    stored = json.loads(V1_EXAMPLE.read_text(encoding="utf-8"))
    assert stored["schema_version"] == 1 and "role" not in stored
    assert set(stored) == {"schema_version", "learner_id", "created_at", "updated_at", "responses"}
    assert len(stored["responses"]) == 8


def test_a_version_1_file_loads_upgraded_with_every_answer_kept(tmp_path):
    path = v1_file(tmp_path)
    stored = json.loads(path.read_text(encoding="utf-8"))

    loaded = pg.load_progress(V1_LEARNER, tmp_path)

    assert loaded.message is None and loaded.backup is None and not loaded.newer_version
    progress = loaded.progress
    assert progress.role is None
    assert (progress.learner_id, progress.created_at, progress.updated_at) == (
        stored["learner_id"],
        stored["created_at"],
        stored["updated_at"],
    )
    assert [dataclasses.asdict(r) for r in progress.responses] == stored["responses"]
    assert path.read_bytes() == V1_EXAMPLE.read_bytes()  # loading does not rewrite the file


def test_saving_an_upgraded_file_writes_the_newest_version_and_keeps_every_answer(tmp_path):
    path = v1_file(tmp_path)
    stored = json.loads(path.read_text(encoding="utf-8"))
    result = grade(BANK.item("milia-when"), "week-1")

    saved = pg.save_response(V1_LEARNER, BANK.id, result, 1, directory=tmp_path)

    assert saved.message is None
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["schema_version"] == pg.SCHEMA_VERSION == 2 and written["role"] is None
    assert written["responses"][:-1] == stored["responses"]
    assert written["responses"][-1]["item_id"] == "milia-when"
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_every_older_version_has_an_upgrade_to_the_next():
    assert sorted(pg.UPGRADES) == list(range(1, pg.SCHEMA_VERSION))


def test_the_upgrade_from_1_to_2_adds_no_role_and_changes_nothing_else():
    stored = json.loads(V1_EXAMPLE.read_text(encoding="utf-8"))
    upgraded = pg.upgrade(dict(stored))
    assert upgraded == {**stored, "schema_version": 2, "role": None}
    assert pg.upgrade(upgraded) == upgraded  # the newest version is left as it is
    with pytest.raises(pg.ProgressError, match="role: unknown field in a version 1 document"):
        pg.upgrade({**stored, "role": "student"})


def test_the_role_is_kept_and_checked():
    progress = dataclasses.replace(pg.new_progress(LEARNER), role="self-learner")
    assert pg.import_progress(pg.export_progress(progress)).role == "self-learner"
    assert pg.new_progress(LEARNER).role is None
    for role in pg.ROLES:
        assert dataclasses.replace(progress, role=role).role == role
    with pytest.raises(ValueError, match="a role is one of student, instructor, self-learner"):
        dataclasses.replace(progress, role="boss")


def test_a_bad_field_is_named():
    progress = pg.import_progress(V1_EXAMPLE.read_bytes())
    document = json.loads(pg.export_progress(progress))
    document["responses"][1]["attempt"] = 0
    document["responses"][2]["answered_at"] = "yesterday"
    with pytest.raises(pg.ProgressError) as caught:
        pg.import_progress(json.dumps(document))
    assert "responses[1].attempt: 0 is out of range; expected a value at least 1" in str(caught.value)
    del document["responses"][1]["answer"]
    with pytest.raises(pg.ProgressError, match=r"responses\[1\]\.answer: missing required field"):
        pg.import_progress(json.dumps(document))


def test_a_response_that_cannot_be_stored_is_refused_by_record():
    result = dataclasses.replace(grade(BANK.item("milia-what-a"), "milia"), answer={"not": float("nan")})
    with pytest.raises(pg.ProgressError, match="the new response cannot be stored: answer: cannot be stored as JSON"):
        pg.record(pg.new_progress(LEARNER), BANK.id, result, 1)


# --- Import and export across versions --------------------------------------------------------


def test_a_version_1_export_imports_into_a_version_2_progress():
    here = dataclasses.replace(pg.new_progress("learner-111111"), role="student")
    here = pg.record(
        here, BANK.id, grade(BANK.item("milia-when"), "week-1"), 1, answered_at="2026-01-06T10:00:00+00:00"
    )

    merged = pg.import_progress(V1_EXAMPLE.read_bytes(), into=here)

    stored = json.loads(V1_EXAMPLE.read_text(encoding="utf-8"))
    assert merged.learner_id == V1_LEARNER
    assert merged.role == "student"  # the imported (version 1) file has chosen none, so the current one stays
    assert [dataclasses.asdict(r) for r in merged.responses[:-1]] == stored["responses"]
    assert merged.responses[-1].item_id == "milia-when"
    again = pg.import_progress(pg.export_progress(merged), into=merged)
    assert again == merged  # the version 2 export of it adds nothing


def test_importing_a_version_2_export_keeps_its_role():
    mine = dataclasses.replace(pg.import_progress(V1_EXAMPLE.read_bytes()), role="instructor")
    other = dataclasses.replace(pg.new_progress(LEARNER), role="student")
    assert pg.import_progress(pg.export_progress(mine), into=other).role == "instructor"


def test_an_export_from_a_newer_course_is_refused_in_plain_words():
    current = pg.import_progress(V1_EXAMPLE.read_bytes())
    with pytest.raises(pg.NewerVersionError) as caught:
        pg.import_progress(future_document(learner=V1_LEARNER), into=current)
    assert str(caught.value) == (
        "This progress export was written by a newer version of the course; update the course to use it."
    )
    assert caught.value.version == pg.SCHEMA_VERSION + 1
    assert isinstance(caught.value, pg.ProgressError)  # callers that catch ProgressError still catch it


def test_the_dashboard_imports_a_version_1_file(tmp_path):
    dashboard = show_progress(data_dir=TEST_DATA / "valid", progress_dir=tmp_path)
    dashboard.import_file("v1-example.json", V1_EXAMPLE.read_bytes())
    assert text_of(dashboard.message.value) == (
        f"✔ Imported ‘v1-example.json’: 8 new answers, 8 in all. Your learner id is now {V1_LEARNER}."
    )
    written = json.loads((tmp_path / f"{V1_LEARNER}.json").read_text(encoding="utf-8"))
    assert written["schema_version"] == 2 and len(written["responses"]) == 8


def test_the_dashboard_refuses_an_export_from_a_newer_course(tmp_path):
    dashboard = show_progress(data_dir=TEST_DATA / "valid", progress_dir=tmp_path)
    dashboard.import_file("new.json", future_document())
    assert text_of(dashboard.message.value) == (
        "‘new.json’ was not imported. This progress export was written by a newer version of the course;"
        " update the course to use it."
    )
    assert not tmp_path.exists() or not list(tmp_path.iterdir())


# --- Files from a newer version of the course ----------------------------------------------------


@pytest.mark.parametrize("version", [pg.SCHEMA_VERSION + 1, 99])
def test_a_file_from_a_newer_course_is_reported_and_left_byte_identical(tmp_path, version):
    path = tmp_path / f"{LEARNER}.json"
    content = future_document(version)
    path.write_bytes(content)

    loaded = pg.load_progress(LEARNER, tmp_path)

    assert loaded.newer_version and loaded.backup is None
    assert loaded.message == pg.NEWER_VERSION_MESSAGE
    assert "written by a newer version of the course; update the course to use it" in loaded.message
    assert f"schema version {version}" in (loaded.reason or "")
    assert loaded.progress.responses == ()
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # not moved aside, no backup


def test_saving_refuses_to_overwrite_a_file_from_a_newer_course(tmp_path):
    path = tmp_path / f"{LEARNER}.json"
    content = future_document()
    path.write_bytes(content)
    progress = pg.record(pg.new_progress(LEARNER), BANK.id, grade(BANK.item("milia-what-a"), "milia"), 1)

    with pytest.raises(pg.NewerVersionError, match="written by a newer version of the course"):
        pg.save_progress(progress, tmp_path)
    saved = pg.save_response(LEARNER, BANK.id, grade(BANK.item("milia-what-a"), "milia"), 1, directory=tmp_path)
    assert saved.newer_version and saved.message == pg.NEWER_VERSION_MESSAGE
    assert saved.progress.responses == ()  # the answer was not recorded
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_importing_onto_a_file_from_a_newer_course_changes_nothing(tmp_path):
    path = v1_file(tmp_path)
    content = future_document(learner=V1_LEARNER)
    path.write_bytes(content)
    with pytest.raises(pg.NewerVersionError):
        pg.import_and_save(V1_EXAMPLE.read_bytes(), V1_LEARNER, tmp_path)
    assert path.read_bytes() == content


def test_the_views_report_a_file_from_a_newer_course_and_leave_it(tmp_path):
    path = tmp_path / f"{LEARNER}.json"
    content = future_document()
    path.write_bytes(content)

    dashboard = show_progress(learner=LEARNER, data_dir=TEST_DATA / "valid", progress_dir=tmp_path)
    assert text_of(dashboard.message.value) == pg.NEWER_VERSION_MESSAGE
    dashboard.refresh.click()
    record = show_completion(LEARNER, progress_dir=tmp_path)
    record.make.click()
    assert pg.NEWER_VERSION_MESSAGE in text_of(record.link.value)

    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


# --- Saves take turns ---------------------------------------------------------------------------

# Each child waits for the go file, then records and saves its answers one by one, each
# save reading the file afresh (save_response). Without the lock, two children read the
# same file, each adds its answer, and the second save drops the first one's answer.
_RECORDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path

    from course.progress import save_response
    from course.quiz import Result

    folder, learner, child, count, go = sys.argv[1:]
    while not Path(go).exists():
        time.sleep(0.001)
    for n in range(int(count)):
        result = Result("milia-what-a", 1, "single-choice", "milia", 1.0, 1.0, True, "Right.", ())
        saved = save_response(learner, "01-skin-healing", result, int(child) * 10000 + n + 1, directory=folder)
        assert saved.message is None, saved.message
    """
)


def test_two_processes_saving_at_once_lose_no_answer(tmp_path):
    folder, go, count = tmp_path / "progress", tmp_path / "go", 120
    script = tmp_path / "recorder.py"
    script.write_text(_RECORDER)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    children = [
        subprocess.Popen(
            [sys.executable, str(script), str(folder), LEARNER, str(child), str(count), str(go)],
            cwd=REPO,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for child in (1, 2)
    ]
    time.sleep(1.0)  # both started and waiting
    go.touch()
    for child in children:
        _, errors = child.communicate(timeout=300)
        assert child.returncode == 0, errors

    saved = pg.load_progress(LEARNER, folder)
    assert saved.message is None
    attempts = sorted(r.attempt for r in saved.progress.responses)
    expected = sorted(child * 10000 + n + 1 for child in (1, 2) for n in range(count))
    assert attempts == expected  # every answer of both, each once
    assert sorted(p.name for p in folder.iterdir()) == [f"{LEARNER}.json"]  # no lock or temporary file left


def test_the_lock_is_held_while_a_save_reads_and_writes(tmp_path):
    """While one holder has the lock, another process waits for it."""
    waiter = textwrap.dedent(
        f"""
        import time
        from course.progress import locked
        started = time.perf_counter()
        with locked({LEARNER!r}, {str(tmp_path)!r}):
            print(time.perf_counter() - started)
        """
    )
    with pg.locked(LEARNER, tmp_path) as path:
        assert path == tmp_path / f"{LEARNER}.json"
        child = subprocess.Popen(
            [sys.executable, "-c", waiter],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.5)
        assert child.poll() is None  # still waiting
    out, _ = child.communicate(timeout=60)
    assert float(out) >= 1.0


def test_format_has_no_file_access():
    """The format module turns text into progress and back; only storage touches files."""
    source = Path(progress_format.__file__).read_text(encoding="utf-8")
    assert "open(" not in source and "read_bytes" not in source and "os." not in source
