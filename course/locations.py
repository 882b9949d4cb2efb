"""Where the course keeps its files: the one module that knows.

* The course content: ``$COURSE_DATA`` if set; else, when the package runs from a
  checkout of the repository, ``data/`` at the repository root; else the copy
  shipped inside the installed package (``course/_content``, read through
  :mod:`importlib.resources`). ``pip install .`` copies ``data/`` there (see
  ``[tool.setuptools]`` in pyproject.toml).
* Learners' progress: a folder passed by the caller (tests, notebook runs), else
  ``$COURSE_PROGRESS_DIR``, else a ``progress`` folder in the user's own data
  directory (``~/.local/share/whitespots-course/progress`` on Linux, from
  platformdirs; every user of a shared machine or JupyterHub has their own). Never
  inside the checkout: the ``progress/`` folder older versions kept at the
  repository root is only read once, to carry its files over
  (:func:`checkout_progress_dir`; :mod:`course.progress.storage` copies them).
  In the folder: one ``<learner id>.json`` per learner, a sibling ``<learner id>.json.lock``
  that saves take turns on, ``<learner id>.json.corrupt-<UTC time>`` backups of files
  that could not be read, and ``.current-learner``, naming this computer's learner.
* The notebooks: ``notebooks/`` in the checkout, or in the folder the learner
  works in (where nbgitpuller or a download put them), found by :func:`course_file`.

Only paths are made here: nothing is written or checked. Callers check learner
ids (:func:`course.progress.check_learner_id`) before asking for their files.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import TypeAlias

import platformdirs

__all__ = [
    "APP_NAME",
    "CACHE_ENV_VAR",
    "CURRENT_LEARNER_FILE",
    "DATA_ENV_VAR",
    "PACKAGED_CONTENT",
    "PROGRESS_ENV_VAR",
    "backup_file",
    "cache_dir",
    "checkout_dir",
    "checkout_progress_dir",
    "course_file",
    "current_learner_file",
    "data_dir",
    "default_progress_dir",
    "lock_file",
    "packaged_data_dir",
    "progress_dir",
    "progress_file",
    "resource",
]

#: Points the course at other content (the course's own if unset or empty).
DATA_ENV_VAR = "COURSE_DATA"
#: Points the course at another progress folder (the user's data directory if unset or empty).
PROGRESS_ENV_VAR = "COURSE_PROGRESS_DIR"
#: The file in the progress folder that names the learner id this computer uses by default.
CURRENT_LEARNER_FILE = ".current-learner"
#: The name of the user data directory (platformdirs) the progress folder is in.
APP_NAME = "whitespots-course"
#: Where, inside the installed package, the content of ``data/`` is shipped.
PACKAGED_CONTENT = "_content"

_PACKAGE = Path(__file__).resolve().parent

#: A folder given by the caller.
Folder: TypeAlias = "str | os.PathLike[str]"


def checkout_dir() -> Path | None:
    """The repository checkout the package runs from (an editable install), or None when installed."""
    root = _PACKAGE.parent
    if (root / "pyproject.toml").is_file() and (root / "data").is_dir():
        return root
    return None


def packaged_data_dir() -> Path:
    """The content shipped inside the installed package (``course/_content``)."""
    shipped = resources.files("course").joinpath(PACKAGED_CONTENT)
    # An installed package is a folder of files (the course is never run from a zip).
    return Path(str(shipped))


def data_dir() -> Path:
    """The course's content folder: ``$COURSE_DATA``, else the checkout's ``data/``, else the packaged copy."""
    override = os.environ.get(DATA_ENV_VAR)
    if override:
        return Path(override)
    checkout = checkout_dir()
    if checkout is not None:
        return checkout / "data"
    return packaged_data_dir()


def resource(*parts: str) -> Path:
    """A file or folder shipped in ``course/resources`` (``resource("nbconvert")``)."""
    shipped = resources.files("course").joinpath("resources", *parts)
    return Path(str(shipped))


def course_file(relative: str, content: Path) -> Path | None:
    """A course file named relative to the repository root (``notebooks/01-skin-healing.ipynb``), if found.

    Looked for next to ``content`` (the content folder in use: in a checkout, the
    repository root). The content shipped inside an installed package has no notebooks
    next to it, so then the folder the kernel works in and its parent are looked in too
    (a notebook's kernel starts in ``notebooks/``): an installed course finds the
    notebooks nbgitpuller pulled into the learner's home.
    """
    roots = [content.parent]
    if content == packaged_data_dir():
        roots += [Path.cwd(), Path.cwd().parent]
    for root in roots:
        if (root / relative).is_file():
            return root / relative
    return None


def default_progress_dir() -> Path:
    """The user's own progress folder: ``progress`` in their data directory (platformdirs)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "progress"


def checkout_progress_dir() -> Path | None:
    """The ``progress/`` folder older versions kept in the checkout (None when installed)."""
    checkout = checkout_dir()
    return None if checkout is None else checkout / "progress"


def progress_dir(directory: Folder | None = None) -> Path:
    """Where progress files live: ``directory``, else ``$COURSE_PROGRESS_DIR``, else the user's data directory."""
    if directory is not None:
        return Path(directory)
    override = os.environ.get(PROGRESS_ENV_VAR)
    if override:
        return Path(override)
    return default_progress_dir()


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


#: Points the course at another folder for drawings it keeps between sessions ("off" keeps none).
CACHE_ENV_VAR = "COURSE_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where drawn pictures are kept between kernels: ``$COURSE_CACHE_DIR``, else the user's cache
    directory (platformdirs); None when ``$COURSE_CACHE_DIR`` is ``off``."""
    override = os.environ.get(CACHE_ENV_VAR, "").strip()
    if override.lower() == "off":
        return None
    if override:
        return Path(override)
    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def current_learner_file(directory: Folder | None = None) -> Path:
    """The file naming the learner id a notebook uses when it names none."""
    return progress_dir(directory) / CURRENT_LEARNER_FILE
