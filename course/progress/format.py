"""The progress file's format: what is stored, how it is checked, and how old versions are upgraded.

Text in, progress out, and back: this module never touches a file
(:mod:`course.progress.storage` does).

What is stored, and nothing else: a pseudonymous learner id such as
``learner-7f3a9c`` (random; never a name or an email), the role the learner
chose (student, instructor or self-learner; none until they choose), when the
file was started and last changed, and one entry per submitted answer: bank id,
item id and version, the answer, score and maximum, whether it was fully
correct, whether it was auto-scored, whether it was a critical triage error,
the certainty rating (if given), the attempt number and the times the item was
shown and answered (UTC).

Versions. Every file names its ``schema_version``. A file of an older version
is upgraded when it is read, one step at a time through :data:`UPGRADES`
(version 1 had no role; version 2 adds ``role: null``), and written in the
newest version at the next save. A file from a *newer* version of the course
is not corrupt: :class:`NewerVersionError` says to update the course, and the
file is left exactly as it is.

Export gives the whole progress as one JSON text; import checks it and MERGES
it into the current progress: responses from both are kept (exact duplicates
once, in time order) and the imported learner id is kept, so a learner moving
between sessions (Binder, another computer) keeps one pseudonym.
"""

from __future__ import annotations

import json
import math
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Annotated, Any, Final, Literal, get_args

from course._schema import Issue, Pattern, Range, validate
from course.quiz import Result

__all__ = [
    "NEWER_VERSION_MESSAGE",
    "ROLES",
    "SCHEMA_VERSION",
    "UPGRADES",
    "NewerVersionError",
    "Progress",
    "ProgressError",
    "Response",
    "Role",
    "check_learner_id",
    "export_name",
    "export_progress",
    "import_progress",
    "merge",
    "new_learner_id",
    "new_progress",
    "parse",
    "record",
    "schema_version_of",
    "timestamp",
    "upgrade",
]

#: The version this course writes. Raise it with a new entry in :data:`UPGRADES`.
SCHEMA_VERSION: Final = 2

Role = Literal["student", "instructor", "self-learner"]
#: What a learner can say they are (``None`` until they choose).
ROLES: tuple[str, ...] = get_args(Role)

#: What the learner is told when their file was written by a newer course.
NEWER_VERSION_MESSAGE = (
    "Your progress file was written by a newer version of the course; update the course to use it."
    " The file was left as it is, and answers given here are not saved until then."
)

_LEARNER_ID = re.compile(r"learner-[0-9a-f]{6,32}")


class ProgressError(ValueError):
    """A progress file or export cannot be used; the message says why in plain words."""


class NewerVersionError(ProgressError):
    """The file was written by a newer version of the course than this one."""

    def __init__(self, version: int) -> None:
        super().__init__(
            "This progress export was written by a newer version of the course; update the course to use it."
        )
        self.version = version


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


def timestamp() -> str:
    """The time now (UTC, ISO 8601, milliseconds): what ``started_at`` and ``answered_at`` hold."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


_ID = Pattern(r"[a-z0-9]+(-[a-z0-9]+)*", "an id (lower-case words joined by hyphens)")
_COUNT = Range(1)


@dataclass(frozen=True)
class Response:
    """One submitted answer. Its type hints and markers are also the schema the file is checked with."""

    bank_id: Annotated[str, _ID]
    item_id: Annotated[str, _ID]
    item_version: Annotated[int, _COUNT]
    answer: Any  # JSON value, as :attr:`course.quiz.Result.answer`
    score: float
    max_score: float
    correct: bool
    attempt: Annotated[int, _COUNT]
    answered_at: str  # ISO 8601, UTC
    confidence: Annotated[int, Range(1, 3)] | None = None  # certainty 1, 2 or 3, if the learner rated it
    started_at: str | None = None  # when the item was shown
    auto_scored: bool = True
    critical: bool = False

    def _problems(self) -> list[tuple[str, str]]:
        """What the types cannot say: finite scores within the maximum, real times, an answer JSON can hold."""
        problems = [
            (name, "is not a finite number") for name in ("score", "max_score") if not _finite(getattr(self, name))
        ]
        if not problems and not 0 <= self.score <= self.max_score:
            problems.append(("score", f"{self.score:g} is outside 0 to its maximum ({self.max_score:g})"))
        problems += [
            (name, f"{getattr(self, name)!r} is not a time (ISO 8601)")
            for name in ("answered_at", "started_at")
            if getattr(self, name) is not None and not _is_time(getattr(self, name))
        ]
        try:
            json.dumps(self.answer, allow_nan=False)
        except (TypeError, ValueError):
            problems.append(("answer", "cannot be stored as JSON"))
        return problems


@dataclass(frozen=True)
class Progress:
    """Everything saved for one learner. Immutable: :func:`record` returns a new one."""

    learner_id: str
    created_at: str
    updated_at: str
    responses: tuple[Response, ...] = ()
    role: str | None = None  # one of ROLES, once the learner has chosen

    def __post_init__(self) -> None:
        if self.role is not None and self.role not in ROLES:
            raise ValueError(f"a role is one of {', '.join(ROLES)} (or none yet), not {self.role!r}")

    def latest(self) -> dict[tuple[str, str], Response]:
        """The latest response to each (bank id, item id)."""
        return {(r.bank_id, r.item_id): r for r in self.responses}


def new_progress(learner_id: str | None = None) -> Progress:
    """A fresh, empty progress for ``learner_id`` (a new id if none is given)."""
    learner_id = check_learner_id(learner_id) if learner_id is not None else new_learner_id()
    now = timestamp()
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
    answered_at = answered_at or timestamp()
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
    _, issues, _ = validate(_response_document(response), Response)
    if issues:
        raise ProgressError(f"the new response cannot be stored: {_described(issues)}")
    return replace(progress, updated_at=answered_at, responses=(*progress.responses, response))


# --- Versions ---------------------------------------------------------------------------


def _version_1_to_2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds the learner's role; a version 1 file has none yet."""
    if "role" in doc:
        raise ProgressError("role: unknown field in a version 1 document")
    return {**doc, "schema_version": 2, "role": None}


#: From each older version, the step to the next one. Every version below
#: :data:`SCHEMA_VERSION` has one (a test checks it).
UPGRADES: Mapping[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _version_1_to_2}


def schema_version_of(doc: Any) -> int:
    """The version a parsed document names; :class:`ProgressError` if it names none this course knows of.

    A version above :data:`SCHEMA_VERSION` raises :class:`NewerVersionError`.
    """
    if not isinstance(doc, dict):
        raise ProgressError("it does not hold a record of fields")
    if "schema_version" not in doc:
        raise ProgressError("schema_version: missing required field")
    version = doc["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ProgressError(f"schema_version: {version!r} is not a version of the progress file")
    if version > SCHEMA_VERSION:
        raise NewerVersionError(version)
    return version


def upgrade(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` brought up to :data:`SCHEMA_VERSION`, one step at a time (the newest is returned as it is)."""
    version = schema_version_of(doc)
    while version < SCHEMA_VERSION:
        doc = UPGRADES[version](doc)
        version = schema_version_of(doc)
    return doc


# --- Checking a document ----------------------------------------------------------------

_RESPONSE_FIELDS = tuple(Response.__dataclass_fields__)


def _response_document(response: Response) -> dict[str, Any]:
    return {name: getattr(response, name) for name in _RESPONSE_FIELDS}


def _document(progress: Progress) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "learner_id": progress.learner_id,
        "role": progress.role,
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


def _finite(value: float) -> bool:
    return math.isfinite(value)


@dataclass(frozen=True)
class _Document:
    """The newest version of the file, as the schema engine checks it (older ones are upgraded first)."""

    schema_version: Literal[2]
    learner_id: Annotated[str, Pattern(r"learner-[0-9a-f]{6,32}", "a pseudonymous id like 'learner-7f3a9c'")]
    role: Role | None
    created_at: str
    updated_at: str
    responses: tuple[Response, ...]

    def _problems(self) -> list[tuple[str, str]]:
        return [
            (name, f"{getattr(self, name)!r} is not a time (ISO 8601)")
            for name in ("created_at", "updated_at")
            if not _is_time(getattr(self, name))
        ]


def _described(issues: list[Issue]) -> str:
    return "; ".join(f"{issue.field}: {issue.message}" for issue in issues)


def _from_document(doc: Any) -> Progress:
    """Build a :class:`Progress` from parsed JSON of any known version; :class:`ProgressError` says what is wrong.

    Every field of the file is required, the optional ones of :class:`Response` too: a
    file this course wrote always has them all.
    """
    doc = upgrade(doc)  # also checks that it is a record of fields with a known version
    entries = doc.get("responses")
    missing = [
        f"responses[{index}].{name}: missing required field"
        for index, entry in enumerate(entries if isinstance(entries, list) else [])
        if isinstance(entry, dict)
        for name in _RESPONSE_FIELDS
        if name not in entry
    ]
    document, issues, _ = validate(doc, _Document)
    if issues or missing:
        reported = {f"{issue.field}: {issue.message}" for issue in issues}
        raise ProgressError("; ".join([*(m for m in missing if m not in reported), _described(issues)]).strip("; "))
    assert isinstance(document, _Document)
    return Progress(document.learner_id, document.created_at, document.updated_at, document.responses, document.role)


def parse(data: str | bytes) -> Progress:
    """The progress a file or export holds; :class:`ProgressError` (or :class:`NewerVersionError`) if none."""
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


def export_progress(progress: Progress) -> str:
    """The whole progress as one JSON text in the newest version (what the progress file holds)."""
    return json.dumps(_document(progress), ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def export_name(progress: Progress) -> str:
    """The file name an export is offered under: ``progress-<learner id>.json``."""
    return f"progress-{progress.learner_id}.json"


def import_progress(data: str | bytes, into: Progress | None = None) -> Progress:
    """Check an export (of any version this course knows) and merge it into ``into``.

    With ``into`` None the export is returned as it is. Raises
    :class:`ProgressError` ("This is not a progress export from this course: ...")
    for anything that is not a valid export, and :class:`NewerVersionError` for an
    export from a newer course; ``into`` is never changed.
    """
    try:
        imported = parse(data)
    except NewerVersionError:
        raise
    except ProgressError as err:
        raise ProgressError(f"This is not a progress export from this course: {err}.") from None
    return imported if into is None else merge(into, imported)


def merge(into: Progress, imported: Progress) -> Progress:
    """Both progresses in one, under the imported learner id.

    Responses from both are kept in time order, exact duplicates (an export
    imported twice) once. The imported role is kept if it names one, else the
    current one.
    """
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
        role=imported.role if imported.role is not None else into.role,
    )


def _sort_time(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
