"""Learners' progress: one local JSON file per learner, saved atomically.

What is stored, and nothing else: a pseudonymous learner id such as
``learner-7f3a9c`` (random; never a name or an email), when the file was
started and last changed, and one entry per submitted answer: bank id, item
id and version, the answer, score and maximum, whether it was fully correct,
whether it was auto-scored, whether it was a critical triage error, the
certainty rating (if given), the attempt number and the times the item was
shown and answered (UTC).

Files live in ``progress/`` at the repository root (git ignores it). The
``COURSE_PROGRESS_DIR`` environment variable, or a ``directory`` argument,
puts them elsewhere. ``progress/.current-learner`` names the learner id a
notebook uses when it names none (made at random on first use).

* Saving is atomic: the new content goes to a temporary file in the same
  folder, is flushed and fsynced, and then replaces the old file in one step.
  A crash or a killed kernel mid-save leaves the last saved file intact.
* A file that cannot be read (bad JSON, wrong structure, another schema
  version) is never overwritten: it is renamed to
  ``<name>.json.corrupt-<UTC time>`` and a fresh progress is started, with a
  plain-words message for the learner.
* Export gives the whole progress as one JSON text; import checks it and
  MERGES it into the current progress: responses from both are kept (exact
  duplicates once, in time order) and the imported learner id is kept, so a
  learner moving between sessions (Binder, another computer) keeps one
  pseudonym. Pass no current progress to take the imported one as it is.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import secrets
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from course.models import QuestionBank
from course.quiz import Calibration, RatedAnswer, Result, calibrate, open_must_pass

__all__ = [
    "CURRENT_LEARNER_FILE",
    "ENV_VAR",
    "OBJECTIVE_MET_CORRECT_ITEMS",
    "Dashboard",
    "LoadResult",
    "ObjectiveStatus",
    "Progress",
    "ProgressError",
    "Response",
    "check_learner_id",
    "current_learner_id",
    "export_progress",
    "import_progress",
    "load_progress",
    "new_learner_id",
    "new_progress",
    "objective_met",
    "progress_dir",
    "progress_path",
    "record",
    "save_progress",
    "save_response",
    "set_current_learner",
    "summarise",
    "timestamp",
]

SCHEMA_VERSION = 1
ENV_VAR = "COURSE_PROGRESS_DIR"
#: An objective is met when the latest answers to this many different items
#: testing it are fully correct (or to all of them, if it has fewer), and none
#: of its must-pass requirements is still open (see :func:`objective_met`).
OBJECTIVE_MET_CORRECT_ITEMS = 2

_LEARNER_ID = re.compile(r"learner-[0-9a-f]{6,32}")
_KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class ProgressError(ValueError):
    """A progress file or export cannot be used; the message says why in plain words."""


def new_learner_id() -> str:
    """A new random pseudonymous id, like ``learner-7f3a9c``."""
    return f"learner-{secrets.token_hex(3)}"


def check_learner_id(learner_id: Any) -> str:
    """Return ``learner_id`` if it is a pseudonymous id; raise ``ValueError`` otherwise."""
    if not isinstance(learner_id, str) or not _LEARNER_ID.fullmatch(learner_id):
        raise ValueError(
            "a learner id looks like 'learner-7f3a9c' ('learner-' and 6 to 32 of 0-9, a-f);"
            " use new_learner_id() and never a name or an email"
        )
    return learner_id


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Response:
    """One submitted answer."""

    bank_id: str
    item_id: str
    item_version: int
    answer: Any  # JSON value, as :attr:`course.quiz.Result.answer`
    score: float
    max_score: float
    correct: bool
    attempt: int
    answered_at: str  # ISO 8601, UTC
    confidence: int | None = None  # certainty 1, 2 or 3, if the learner rated it
    started_at: str | None = None  # when the item was shown
    auto_scored: bool = True
    critical: bool = False


@dataclass(frozen=True)
class Progress:
    """Everything saved for one learner. Immutable: :func:`record` returns a new one."""

    learner_id: str
    created_at: str
    updated_at: str
    responses: tuple[Response, ...] = ()

    def latest(self) -> dict[tuple[str, str], Response]:
        """The latest response to each (bank id, item id)."""
        return {(r.bank_id, r.item_id): r for r in self.responses}


def new_progress(learner_id: str | None = None) -> Progress:
    """A fresh, empty progress for ``learner_id`` (a new id if none is given)."""
    learner_id = check_learner_id(learner_id) if learner_id is not None else new_learner_id()
    now = _now()
    return Progress(learner_id, now, now)


def record(
    progress: Progress,
    bank_id: str,
    result: Result,
    attempt: int,
    started_at: str | None = None,
    answered_at: str | None = None,
) -> Progress:
    """``progress`` with ``result`` (from :func:`course.quiz.grade`) added as a response."""
    answered_at = answered_at or _now()
    response = Response(
        bank_id=bank_id,
        item_id=result.item_id,
        item_version=result.item_version,
        answer=result.answer,
        score=result.score,
        max_score=result.max_score,
        correct=result.correct,
        attempt=attempt,
        answered_at=answered_at,
        confidence=result.certainty,
        started_at=started_at,
        auto_scored=result.auto_scored,
        critical=result.critical,
    )
    _check_response(_response_document(response), "the new response")
    return replace(progress, updated_at=answered_at, responses=(*progress.responses, response))


# --- The file format -------------------------------------------------------------

_RESPONSE_FIELDS = (
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
)
_TOP_FIELDS = ("schema_version", "learner_id", "created_at", "updated_at", "responses")


def _response_document(response: Response) -> dict[str, Any]:
    return {name: getattr(response, name) for name in _RESPONSE_FIELDS}


def _document(progress: Progress) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "learner_id": progress.learner_id,
        "created_at": progress.created_at,
        "updated_at": progress.updated_at,
        "responses": [_response_document(r) for r in progress.responses],
    }


def _is_time(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _check_response(doc: Any, where: str) -> None:
    if not isinstance(doc, dict):
        raise ProgressError(f"{where} is not a record of fields")
    missing = [f for f in _RESPONSE_FIELDS if f not in doc]
    unknown = [f for f in doc if f not in _RESPONSE_FIELDS]
    if missing or unknown:
        raise ProgressError(f"{where} has missing fields {missing} or unknown fields {unknown}")
    rules = {
        "bank_id": isinstance(doc["bank_id"], str) and _KEBAB.fullmatch(doc["bank_id"]) is not None,
        "item_id": isinstance(doc["item_id"], str) and _KEBAB.fullmatch(doc["item_id"]) is not None,
        "item_version": _is_count(doc["item_version"]),
        "score": _is_number(doc["score"]),
        "max_score": _is_number(doc["max_score"]),
        "correct": isinstance(doc["correct"], bool),
        "attempt": _is_count(doc["attempt"]),
        "answered_at": _is_time(doc["answered_at"]),
        "confidence": doc["confidence"] is None
        or (not isinstance(doc["confidence"], bool) and doc["confidence"] in (1, 2, 3)),
        "started_at": doc["started_at"] is None or _is_time(doc["started_at"]),
        "auto_scored": isinstance(doc["auto_scored"], bool),
        "critical": isinstance(doc["critical"], bool),
    }
    bad = [name for name, ok in rules.items() if not ok]
    if bad:
        raise ProgressError(f"{where} has an invalid {bad[0]} ({doc[bad[0]]!r})")
    if not 0 <= doc["score"] <= doc["max_score"]:
        raise ProgressError(f"{where} has a score outside 0 to its maximum")
    try:
        json.dumps(doc["answer"], allow_nan=False)
    except (TypeError, ValueError) as err:
        raise ProgressError(f"{where} has an answer that cannot be stored as JSON") from err


def _from_document(doc: Any) -> Progress:
    """Build a :class:`Progress` from parsed JSON; :class:`ProgressError` says what is wrong."""
    if not isinstance(doc, dict):
        raise ProgressError("it does not hold a record of fields")
    if doc.get("schema_version") != SCHEMA_VERSION:
        raise ProgressError(f"it has schema version {doc.get('schema_version')!r}; this course reads {SCHEMA_VERSION}")
    missing = [f for f in _TOP_FIELDS if f not in doc]
    unknown = [f for f in doc if f not in _TOP_FIELDS]
    if missing or unknown:
        raise ProgressError(f"it has missing fields {missing} or unknown fields {unknown}")
    try:
        learner_id = check_learner_id(doc["learner_id"])
    except ValueError as err:
        raise ProgressError("its learner id is not a pseudonymous id") from err
    if not (_is_time(doc["created_at"]) and _is_time(doc["updated_at"])):
        raise ProgressError("its created_at or updated_at is not a time")
    if not isinstance(doc["responses"], list):
        raise ProgressError("its responses are not a list")
    responses = []
    for index, entry in enumerate(doc["responses"]):
        _check_response(entry, f"response {index + 1}")
        responses.append(Response(**entry))
    return Progress(learner_id, doc["created_at"], doc["updated_at"], tuple(responses))


def export_progress(progress: Progress) -> str:
    """The whole progress as one JSON text (what the progress file holds)."""
    return json.dumps(_document(progress), ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def _parse(data: str | bytes) -> Progress:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise ProgressError("it is not UTF-8 text") from err
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as err:
        raise ProgressError(f"it is not valid JSON (line {err.lineno}: {err.msg})") from err
    return _from_document(doc)


def import_progress(data: str | bytes, into: Progress | None = None) -> Progress:
    """Check an export and merge it into ``into`` (or return it as is when ``into`` is None).

    The result keeps the imported learner id and both sets of responses, in
    time order, with exact duplicates (an export imported twice) kept once.
    Raises :class:`ProgressError` ("This is not a progress export: ...") for
    anything that is not a valid export; ``into`` is never changed.
    """
    try:
        imported = _parse(data)
    except ProgressError as err:
        raise ProgressError(f"This is not a progress export from this course: {err}.") from None
    if into is None:
        return imported
    seen: set[str] = set()
    merged = []
    for response in sorted((*into.responses, *imported.responses), key=lambda r: _sort_time(r.answered_at)):
        key = json.dumps(_response_document(response), sort_keys=True)
        if key not in seen:
            seen.add(key)
            merged.append(response)
    return Progress(
        learner_id=imported.learner_id,
        created_at=min(into.created_at, imported.created_at, key=_sort_time),
        updated_at=max(into.updated_at, imported.updated_at, key=_sort_time),
        responses=tuple(merged),
    )


def _sort_time(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


# --- Files -----------------------------------------------------------------------


def progress_dir(directory: str | os.PathLike[str] | None = None) -> Path:
    """Where progress files live: ``directory``, else ``$COURSE_PROGRESS_DIR``, else ``progress/``."""
    if directory is not None:
        return Path(directory)
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "progress"


def progress_path(learner_id: str, directory: str | os.PathLike[str] | None = None) -> Path:
    """The progress file of ``learner_id``."""
    return progress_dir(directory) / f"{check_learner_id(learner_id)}.json"


def save_progress(progress: Progress, directory: str | os.PathLike[str] | None = None) -> Path:
    """Write ``progress`` to its file atomically and return the file's path.

    Temporary file in the same folder, flush, fsync, then ``os.replace``: at
    every moment the file on disk is either the previous save or this one.
    """
    path = progress_path(progress.learner_id, directory)
    _write_atomically(path, export_progress(progress).encode("utf-8"))
    return path


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


@dataclass(frozen=True)
class LoadResult:
    """What :func:`load_progress` found: the progress, and a message if the learner must be told something."""

    progress: Progress
    message: str | None = None  # plain words for the learner
    backup: Path | None = None  # where an unreadable file was kept
    reason: str | None = None  # what was wrong with it, for an instructor


def load_progress(learner_id: str, directory: str | os.PathLike[str] | None = None) -> LoadResult:
    """Read ``learner_id``'s progress; a fresh one if there is no file yet.

    An unreadable file is renamed to ``<name>.corrupt-<UTC time>`` (never
    deleted or overwritten) and a fresh progress is returned with a message.
    """
    path = progress_path(learner_id, directory)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadResult(new_progress(learner_id))
    try:
        progress = _parse(raw)
        if progress.learner_id != learner_id:
            raise ProgressError(f"it belongs to {progress.learner_id}")
    except ProgressError as err:
        backup = _keep_as_backup(path)
        shown = f"{backup.parent.name}/{backup.name}"
        message = f"Your progress file could not be read, so it was kept as {shown} and a fresh one was started."
        return LoadResult(new_progress(learner_id), message, backup, str(err))
    return LoadResult(progress)


def _keep_as_backup(path: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    backup = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while backup.exists():
        number += 1
        backup = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    os.replace(path, backup)
    return backup


def save_response(
    learner_id: str,
    bank_id: str,
    result: Result,
    attempt: int,
    started_at: str | None = None,
    directory: str | os.PathLike[str] | None = None,
) -> LoadResult:
    """Add one graded answer to the learner's file: load it, :func:`record`, save atomically.

    Reading the file afresh each time means two quizzes open at once (or an
    import in between) never overwrite each other's answers. The result holds
    the saved progress and any message from loading (an unreadable file).
    """
    loaded = load_progress(learner_id, directory)
    progress = record(loaded.progress, bank_id, result, attempt, started_at=started_at)
    save_progress(progress, directory)
    return replace(loaded, progress=progress)


def timestamp() -> str:
    """The time now (UTC, ISO 8601, milliseconds): what ``started_at`` and ``answered_at`` hold."""
    return _now()


#: The file in the progress folder that names the learner id this computer uses by default.
CURRENT_LEARNER_FILE = ".current-learner"


def current_learner_id(directory: str | os.PathLike[str] | None = None, create: bool = True) -> str | None:
    """The learner id used when a notebook names none, kept in ``progress/.current-learner``.

    On first use (or if the file does not hold a valid id) a new random id is
    made and stored when ``create`` is true; otherwise None is returned.
    """
    path = progress_dir(directory) / CURRENT_LEARNER_FILE
    try:
        return check_learner_id(path.read_text(encoding="utf-8").strip())
    except (OSError, UnicodeDecodeError, ValueError):
        if not create:
            return None
    learner_id = new_learner_id()
    set_current_learner(learner_id, directory)
    return learner_id


def set_current_learner(learner_id: str, directory: str | os.PathLike[str] | None = None) -> Path:
    """Make ``learner_id`` the default for this computer (after an import, say); return the file written."""
    path = progress_dir(directory) / CURRENT_LEARNER_FILE
    _write_atomically(path, f"{check_learner_id(learner_id)}\n".encode("ascii"))
    return path


# --- Dashboard -------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectiveStatus:
    """Progress on one objective, over the auto-scored items that test it."""

    objective_id: str
    items: int  # auto-scored items in the banks that test it
    correct: int  # of those, items whose latest answer is fully correct
    needed: int  # correct items needed to meet it (0 when only reflections test it)
    must_pass_open: int  # its must-pass requirements not yet met
    met: bool  # decided by objective_met(), the course's one definition
    reflections: int = 0  # free-text (reflection) items that test it
    reflections_submitted: int = 0  # of those, items with a submitted answer

    @property
    def reflections_only(self) -> bool:
        """Tested only by reflections, which are submitted rather than marked."""
        return self.items == 0 and self.reflections > 0


def objective_met(items: int, correct: int, must_pass_open: int, reflections: int, submitted: int) -> bool:
    """The course's one definition of "objective met", used by the dashboard and the record.

    With auto-scored items: the latest answers to :data:`OBJECTIVE_MET_CORRECT_ITEMS`
    different items (all of them if there are fewer) are fully correct. Tested only by
    free-text reflections: one of them has been submitted. Either way, no must-pass
    requirement of the objective may be open.
    """
    if must_pass_open:
        return False
    if items:
        return correct >= min(OBJECTIVE_MET_CORRECT_ITEMS, items)
    return reflections > 0 and submitted > 0


@dataclass(frozen=True)
class Dashboard:
    objectives: tuple[ObjectiveStatus, ...]
    must_pass_open: tuple[tuple[str, str], ...]  # (bank id, item id) per requirement not yet met
    calibration: Calibration
    answered_items: int  # different items answered at least once


def summarise(progress: Progress, banks: Iterable[QuestionBank]) -> Dashboard:
    """Objectives met, must-pass items still open and calibration, for a dashboard.

    Only answers to an item's current version count (a new version may have a
    new key). An objective is met when the latest answers to at least
    :data:`OBJECTIVE_MET_CORRECT_ITEMS` different auto-scored items testing it
    are fully correct (all of them if it has fewer) and none of its must-pass
    requirements is open. Free-text items are submitted, not marked, so they
    count only for an objective that no auto-scored item tests: it is met once
    one of them is submitted (:func:`objective_met`).
    """
    banks = tuple(banks)
    latest = current_latest(progress, banks)
    open_slots: list[tuple[str, str]] = []
    per_objective: dict[str, list[int]] = {}  # items, correct, must-pass open, reflections, submitted
    for bank in banks:
        passed = {item_id for (bank_id, item_id), r in latest.items() if bank_id == bank.id and r.correct}
        still_open = open_must_pass(bank, passed)
        open_slots += [(bank.id, item_id) for item_id in still_open]
        for item in bank.items:
            if item.status == "retired":
                continue
            for objective in item.objective_ids:
                counts = per_objective.setdefault(objective, [0, 0, 0, 0, 0])
                if item.id in still_open:
                    counts[2] += 1
                if item.type == "free-text":
                    counts[3] += 1
                    counts[4] += (bank.id, item.id) in latest
                    continue
                counts[0] += 1
                counts[1] += item.id in passed
    objectives = []
    for objective, counts in sorted(per_objective.items(), key=lambda kv: _objective_key(kv[0])):
        items, correct, must_open, reflections, submitted = counts
        met = objective_met(items, correct, must_open, reflections, submitted)
        needed = min(OBJECTIVE_MET_CORRECT_ITEMS, items)
        objectives.append(ObjectiveStatus(objective, items, correct, needed, must_open, met, reflections, submitted))
    must_pass = {(b.id, i.id) for b in banks for i in b.items if i.must_pass}
    rated = [
        RatedAnswer(r.item_id, r.confidence, r.correct, (r.bank_id, r.item_id) in must_pass)
        for r in progress.responses
        if r.confidence is not None and r.auto_scored
    ]
    return Dashboard(
        objectives=tuple(objectives),
        must_pass_open=tuple(open_slots),
        calibration=calibrate(rated),
        answered_items=len(progress.latest()),
    )


def current_latest(progress: Progress, banks: Sequence[QuestionBank]) -> Mapping[tuple[str, str], Response]:
    """The latest answer to each question, counting only answers to its current version."""
    versions = {(b.id, i.id): i.version for b in banks for i in b.items}
    latest: dict[tuple[str, str], Response] = {}
    for response in progress.responses:
        key = (response.bank_id, response.item_id)
        if versions.get(key) == response.item_version:
            latest[key] = response
    return latest


def _objective_key(objective_id: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"[0-9]+", objective_id))
