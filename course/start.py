"""The start notebook's facts about this learner and this machine: who, which role, where answers are kept.

Pure logic: the environment is an argument, so tests pass a made-up one. The start
notebook's panel (:mod:`course.widgets.start`) shows a :class:`StartState` and lets
the learner choose a role (:func:`course.progress.set_role`) or import an export.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from course.locations import Folder
from course.progress import ROLES, current_learner_id, load_progress, progress_dir

__all__ = [
    "CHECKER_PROFILE",
    "ROLE_LABELS",
    "StartState",
    "checker_profile",
    "on_binder",
    "saved_checker_profile",
    "start_state",
]

#: How each role is shown to the learner.
ROLE_LABELS: Mapping[str, str] = {
    "student": "Student on an aesthetics course",
    "instructor": "Instructor",
    "self-learner": "Learning on my own",
}
assert set(ROLE_LABELS) == set(ROLES)

#: The symptom checker's role profile (data/triage/roles.yaml) that each role starts with.
#: Students and instructors see a treating practitioner's wording; they can switch it in the checker.
CHECKER_PROFILE: Mapping[str, str] = {
    "student": "beauty-therapist",
    "instructor": "beauty-therapist",
    "self-learner": "self-learner",
}


def on_binder(environ: Mapping[str, str]) -> bool:
    """Whether the notebook runs on mybinder.org (or another BinderHub), where nothing is kept after the session."""
    return any(name in environ for name in ("BINDER_SERVICE_HOST", "BINDER_LAUNCH_HOST", "BINDER_REPO_URL"))


@dataclass(frozen=True)
class StartState:
    """What the start panel shows."""

    learner_id: str | None  # None: nothing saved on this machine yet
    role: str | None
    answers: int
    folder: Path
    binder: bool


def start_state(environ: Mapping[str, str], directory: Folder | None = None) -> StartState:
    """The learner this machine uses, their role and answer count, and where their answers are kept."""
    learner = current_learner_id(directory, create=False)
    role, answers = None, 0
    if learner is not None:
        progress = load_progress(learner, directory).progress
        role, answers = progress.role, len(progress.responses)
    return StartState(learner, role, answers, progress_dir(directory), on_binder(environ))


def checker_profile(role: str | None) -> str | None:
    """The symptom checker profile a saved role starts with (None: the checker's own default)."""
    return CHECKER_PROFILE.get(role) if role is not None else None


def saved_checker_profile(directory: Folder | None = None) -> str | None:
    """The checker profile of the role this machine's learner chose in the start notebook (None if none)."""
    learner = current_learner_id(directory, create=False)
    if learner is None:
        return None
    return checker_profile(load_progress(learner, directory).progress.role)
