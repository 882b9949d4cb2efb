"""Progress files on disk: atomic saves that take turns, unreadable files kept aside, newer files left alone.

Where the files are is decided by :mod:`course.locations`: one
``<learner id>.json`` per learner in the progress folder, by default in the
user's own data directory.

* Older versions kept progress in ``progress/`` inside the checkout. The first
  time the default folder is used, if it holds no progress yet and the
  checkout's ``progress/`` holds files this user owns, those files are copied
  over (never moved: the old folder is left exactly as it was, so nothing is
  lost), and the course carries on in the new folder. A folder given by the
  caller or by ``$COURSE_PROGRESS_DIR`` is used as it is.

* Saving is atomic: the new content goes to a temporary file in the same
  folder, is flushed and fsynced, and then replaces the old file in one step.
  A crash or a killed kernel mid-save leaves the last saved file intact.
* Saves take turns. Reading a file, adding an answer and writing it back
  happen while holding a lock (:func:`locked`), so two quizzes (or two
  notebooks, or an import) saving at once never drop each other's answers.
  The lock is an exclusive ``flock`` on ``<learner id>.json.lock``, removed
  again when the save is done (on systems without ``flock``, such as
  Windows, saves do not take turns).
* A file that cannot be read (bad JSON, wrong structure, a version that never
  existed) is never overwritten: it is renamed to
  ``<name>.json.corrupt-<UTC time>`` and a fresh progress is started, with a
  plain-words message for the learner.
* A file written by a newer version of the course is neither moved nor
  overwritten: loading reports it (:data:`~course.progress.format.NEWER_VERSION_MESSAGE`)
  and saving refuses (:class:`~course.progress.format.NewerVersionError`).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from course import locations
from course.locations import CURRENT_LEARNER_FILE, PROGRESS_ENV_VAR, Folder
from course.progress.format import (
    NEWER_VERSION_MESSAGE,
    SCHEMA_VERSION,
    NewerVersionError,
    Progress,
    ProgressError,
    check_learner_id,
    export_progress,
    import_progress,
    merge,
    new_learner_id,
    new_progress,
    parse,
    record,
)
from course.quiz import Result

_HAS_FLOCK = sys.platform != "win32"
if _HAS_FLOCK:
    import fcntl

__all__ = [
    "CURRENT_LEARNER_FILE",
    "ENV_VAR",
    "LEARNER_ENV_VAR",
    "ImportResult",
    "LoadResult",
    "current_learner_id",
    "import_and_save",
    "load_progress",
    "locked",
    "progress_dir",
    "progress_path",
    "save_progress",
    "save_response",
    "set_current_learner",
    "set_role",
]

#: Names the learner a notebook answers as (the test runners set it; learners never need it).
LEARNER_ENV_VAR = "COURSE_LEARNER"
#: The environment variable that puts progress files elsewhere.
ENV_VAR = PROGRESS_ENV_VAR


def progress_dir(directory: Folder | None = None) -> Path:
    """Where progress files live: ``directory``, else ``$COURSE_PROGRESS_DIR``, else the user's data directory."""
    _adopt_checkout_progress(directory)
    return locations.progress_dir(directory)


def progress_path(learner_id: str, directory: Folder | None = None) -> Path:
    """The progress file of ``learner_id`` (checked to be a pseudonymous id)."""
    _adopt_checkout_progress(directory)
    return locations.progress_file(check_learner_id(learner_id), directory)


#: (old folder, new folder) pairs already looked at in this process.
_ADOPTED: set[tuple[Path, Path]] = set()


def _adopt_checkout_progress(directory: Folder | None) -> None:
    """Copy the checkout's old ``progress/`` files into the user's empty default folder (once per process).

    Only when the default folder is in use (no ``directory``, no ``$COURSE_PROGRESS_DIR``),
    holds no progress yet, and the old folder has files this user owns (on a shared
    checkout, another user's files are never taken). Files already in the new folder are
    never overwritten; the old folder is not changed.
    """
    if directory is not None or os.environ.get(ENV_VAR):
        return
    old = locations.checkout_progress_dir()
    new = locations.default_progress_dir()
    if old is None or (old, new) in _ADOPTED:
        return
    _ADOPTED.add((old, new))
    try:
        carried = sorted(p for p in old.iterdir() if _is_progress_file(p.name) and p.is_file() and _owned(p))
        if not carried or (new.is_dir() and any(_is_progress_file(p.name) for p in new.iterdir())):
            return
        for source in carried:
            _copy_unless_there(source, new / source.name)
    except OSError:
        return  # an unreadable old folder is left for the learner to copy by hand


def _copy_unless_there(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` in one step, never replacing a ``target`` that exists (even one
    another kernel wrote a moment ago): the copy is made under a temporary name, then hard-linked."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(source.read_bytes())
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _is_progress_file(name: str) -> bool:
    """A learner's file, a kept unreadable one, or the current-learner file (not locks or temporary files)."""
    return name == CURRENT_LEARNER_FILE or (
        name.startswith("learner-") and (name.endswith(".json") or ".json.corrupt-" in name)
    )


def _owned(path: Path) -> bool:
    """Whether this user owns ``path`` (always true where files have no owner ids, as on Windows)."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows
        return True
    return path.stat().st_uid == os.getuid()


@contextlib.contextmanager
def locked(learner_id: str, directory: Folder | None = None) -> Iterator[Path]:
    """Hold ``learner_id``'s save lock (waiting for it if another process has it); yield the file's path.

    The lock file is removed before the lock is let go. A process that opened
    it before the removal finds, once it has the lock, that the path now names
    another file (or none), and tries again: so at most one holder at a time.
    """
    path = progress_path(learner_id, directory)
    if not _HAS_FLOCK:  # pragma: no cover - Windows
        yield path
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = locations.lock_file(path)
    while True:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            try:
                same = os.stat(lock).st_ino == os.fstat(descriptor).st_ino
            except FileNotFoundError:
                same = False
        except BaseException:
            os.close(descriptor)
            raise
        if same:
            break
        os.close(descriptor)
    try:
        yield path
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(lock)
        os.close(descriptor)  # lets the lock go


@dataclass(frozen=True)
class LoadResult:
    """What :func:`load_progress` found: the progress, and a message if the learner must be told something."""

    progress: Progress
    message: str | None = None  # plain words for the learner
    backup: Path | None = None  # where an unreadable file was kept
    reason: str | None = None  # what was wrong with it, for an instructor
    newer_version: int | None = None  # the version of a file from a newer course (left as it is)


def load_progress(learner_id: str, directory: Folder | None = None) -> LoadResult:
    """Read ``learner_id``'s progress; a fresh one if there is no file yet.

    An older version is upgraded in memory (the file is rewritten at the next
    save). An unreadable file is renamed to ``<name>.corrupt-<UTC time>`` (never
    deleted or overwritten) and a fresh progress is returned with a message. A
    file from a newer course is left as it is, with a message.
    """
    path = progress_path(learner_id, directory)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadResult(new_progress(learner_id))
    try:
        progress = parse(raw)
        if progress.learner_id != learner_id:
            raise ProgressError(f"it belongs to {progress.learner_id}")
    except NewerVersionError as err:
        reason = f"it has schema version {err.version}; this course reads versions up to {SCHEMA_VERSION}"
        return LoadResult(new_progress(learner_id), NEWER_VERSION_MESSAGE, None, reason, newer_version=err.version)
    except ProgressError as err:
        backup = _keep_as_backup(path)
        shown = f"{backup.parent.name}/{backup.name}"
        message = f"Your progress file could not be read, so it was kept as {shown} and a fresh one was started."
        return LoadResult(new_progress(learner_id), message, backup, str(err))
    return LoadResult(progress)


def _keep_as_backup(path: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    number = 1
    backup = locations.backup_file(path, stamp)
    while backup.exists():
        number += 1
        backup = locations.backup_file(path, stamp, number)
    os.replace(path, backup)
    return backup


def _refuse_newer(path: Path) -> None:
    """Raise :class:`NewerVersionError` if ``path`` holds a file from a newer course."""
    try:
        doc = json.loads(path.read_bytes())
    except (FileNotFoundError, ValueError):
        return  # nothing there, or unreadable (kept aside when it is next loaded)
    version = doc.get("schema_version") if isinstance(doc, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise NewerVersionError(version)


def _save(progress: Progress, path: Path) -> Path:
    _refuse_newer(path)
    _write_atomically(path, export_progress(progress).encode("utf-8"))
    return path


def save_progress(progress: Progress, directory: Folder | None = None) -> Path:
    """Write ``progress`` to its file atomically and return the file's path.

    Temporary file in the same folder, flush, fsync, then ``os.replace``: at
    every moment the file on disk is either the previous save or this one.
    Refuses (:class:`NewerVersionError`) to overwrite a file from a newer course.
    """
    with locked(progress.learner_id, directory) as path:
        return _save(progress, path)


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); not possible, and not needed, on Windows."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def save_response(
    learner_id: str,
    bank_id: str,
    result: Result,
    attempt: int,
    started_at: str | None = None,
    directory: Folder | None = None,
) -> LoadResult:
    """Add one graded answer to the learner's file: lock, load, :func:`record`, save atomically.

    Reading the file afresh under the lock each time means two quizzes open at
    once (or an import in between) never overwrite each other's answers. The
    result holds the saved progress and any message from loading (an unreadable
    file). If the file is from a newer course, nothing is recorded or written
    and the result says so (``newer_version``).
    """
    with locked(learner_id, directory) as path:
        loaded = load_progress(learner_id, directory)
        if loaded.newer_version:
            return loaded
        progress = record(loaded.progress, bank_id, result, attempt, started_at=started_at)
        _save(progress, path)
    return replace(loaded, progress=progress)


@dataclass(frozen=True)
class ImportResult:
    """What :func:`import_and_save` did: the progress now saved, and how many answers it added."""

    progress: Progress
    added: int


def import_and_save(data: str | bytes, learner_id: str | None, directory: Folder | None = None) -> ImportResult:
    """Merge an export into the saved progress and make its learner id this computer's default.

    The answers saved under ``learner_id`` (the learner using the notebook now,
    if any) and under the export's own learner id are merged with the export's
    and saved under the export's id. Raises :class:`ProgressError` for anything
    that is not an export and :class:`NewerVersionError` if the export, or a file
    it would be merged with, is from a newer course; nothing is written then.
    """
    imported = import_progress(data)
    here = None
    if learner_id is not None and learner_id != imported.learner_id:
        here = _saved(learner_id, directory)
    with locked(imported.learner_id, directory) as path:
        there = _saved(imported.learner_id, directory)
        kept = [p for p in (there, here) if p is not None]
        base = merge(kept[0], kept[1]) if len(kept) == 2 else kept[0] if kept else None
        merged = imported if base is None else merge(base, imported)
        _save(merged, path)
    added = len(merged.responses) - (0 if base is None else len(base.responses))
    set_current_learner(merged.learner_id, directory)
    return ImportResult(merged, added)


def _saved(learner_id: str, directory: Folder | None) -> Progress | None:
    """What is saved for ``learner_id`` (None if nothing is); refuses a file from a newer course."""
    if not progress_path(learner_id, directory).exists():
        return None
    loaded = load_progress(learner_id, directory)
    if loaded.newer_version:
        raise NewerVersionError(loaded.newer_version)
    return loaded.progress


def current_learner_id(directory: Folder | None = None, create: bool = True) -> str | None:
    """The learner id used when a notebook names none, kept in ``.current-learner`` in the progress folder.

    On first use (or if the file does not hold a valid id) a new random id is
    made and stored when ``create`` is true; otherwise None is returned.
    ``$COURSE_LEARNER``, when set, names the learner instead: the test runners set it
    so that every run of a notebook answers as the same made-up learner.
    """
    named = os.environ.get(LEARNER_ENV_VAR, "").strip()
    if named:
        return check_learner_id(named)
    _adopt_checkout_progress(directory)
    path = locations.current_learner_file(directory)
    try:
        return check_learner_id(path.read_text(encoding="utf-8").strip())
    except (OSError, UnicodeDecodeError, ValueError):
        if not create:
            return None
    learner_id = new_learner_id()
    set_current_learner(learner_id, directory)
    return learner_id


def set_current_learner(learner_id: str, directory: Folder | None = None) -> Path:
    """Make ``learner_id`` the default for this computer (after an import, say); return the file written."""
    _adopt_checkout_progress(directory)
    path = locations.current_learner_file(directory)
    _write_atomically(path, f"{check_learner_id(learner_id)}\n".encode("ascii"))
    return path


def set_role(learner_id: str, role: str | None, directory: Folder | None = None) -> Progress:
    """Save the learner's role (one of :data:`~course.progress.format.ROLES`, or None) with their progress.

    Loads, changes and saves under the save lock, like :func:`save_response`; refuses
    (:class:`NewerVersionError`) to touch a file from a newer course.
    """
    with locked(learner_id, directory) as path:
        loaded = load_progress(learner_id, directory)
        if loaded.newer_version:
            raise NewerVersionError(loaded.newer_version)
        progress = replace(loaded.progress, role=role)
        _save(progress, path)
    return progress
