"""Where the course keeps its files: the one module that knows.

* The course content: ``data/`` at the repository root, or ``$COURSE_DATA``.
* Learners' progress: ``progress/`` at the repository root (git ignores it), or
  ``$COURSE_PROGRESS_DIR``, or a folder passed by the caller (tests, notebook runs).
  In it: one ``<learner id>.json`` per learner, a sibling ``<learner id>.json.lock``
  that saves take turns on, ``<learner id>.json.corrupt-<UTC time>`` backups of files
  that could not be read, and ``.current-learner``, naming this computer's learner.

Only paths are made here: nothing is read, written or checked. Callers check learner
ids (:func:`course.progress.check_learner_id`) before asking for their files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeAlias

__all__ = [
    "CURRENT_LEARNER_FILE",
    "DATA_ENV_VAR",
    "PROGRESS_ENV_VAR",
    "backup_file",
    "current_learner_file",
    "data_dir",
    "lock_file",
    "progress_dir",
    "progress_file",
]

#: Points the course at other content (``data/`` if unset or empty).
DATA_ENV_VAR = "COURSE_DATA"
#: Points the course at another progress folder (``progress/`` if unset or empty).
PROGRESS_ENV_VAR = "COURSE_PROGRESS_DIR"
#: The file in the progress folder that names the learner id this computer uses by default.
CURRENT_LEARNER_FILE = ".current-learner"

_REPOSITORY = Path(__file__).resolve().parent.parent

#: A folder given by the caller.
Folder: TypeAlias = "str | os.PathLike[str]"


def data_dir() -> Path:
    """The course's content folder: ``$COURSE_DATA``, else ``data/`` at the repository root."""
    override = os.environ.get(DATA_ENV_VAR)
    if override:
        return Path(override)
    return _REPOSITORY / "data"


def progress_dir(directory: Folder | None = None) -> Path:
    """Where progress files live: ``directory``, else ``$COURSE_PROGRESS_DIR``, else ``progress/``."""
    if directory is not None:
        return Path(directory)
    override = os.environ.get(PROGRESS_ENV_VAR)
    if override:
        return Path(override)
    return _REPOSITORY / "progress"


def progress_file(learner_id: str, directory: Folder | None = None) -> Path:
    """The progress file of an already checked ``learner_id``."""
    return progress_dir(directory) / f"{learner_id}.json"


def lock_file(path: Path) -> Path:
    """The sibling file that saves of ``path`` take turns on (it stays, empty, between saves)."""
    return path.with_name(f"{path.name}.lock")


def backup_file(path: Path, stamp: str, number: int = 1) -> Path:
    """Where an unreadable ``path`` is kept: ``<name>.corrupt-<stamp>``, then ``-2``, ``-3``... if taken."""
    suffix = "" if number == 1 else f"-{number}"
    return path.with_name(f"{path.name}.corrupt-{stamp}{suffix}")


def current_learner_file(directory: Folder | None = None) -> Path:
    """The file naming the learner id a notebook uses when it names none."""
    return progress_dir(directory) / CURRENT_LEARNER_FILE
