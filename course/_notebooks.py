"""Run a notebook top to bottom on a fresh kernel and store its outputs.

The stored outputs are what nbval compares against and what exported HTML
shows without a kernel, so they must come from an in-order run. Widget state
is stored too, so widgets still render in a static export.

The kernel saves learners' progress to a temporary folder that is deleted
afterwards: running a notebook must leave no files behind, and its stored
outputs must not depend on whatever progress this computer holds.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from course.locations import PROGRESS_ENV_VAR
from course.progress import LEARNER_ENV_VAR

#: The made-up learner every executed notebook answers as, so stored outputs are the same on every run.
TEST_LEARNER = "learner-abc123"


def execute_in_place(path: Path, timeout: int = 120) -> float:
    """Execute ``path`` in its own folder; write it back; return the seconds taken."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="course-progress-") as scratch:
        client.execute(env={**os.environ, PROGRESS_ENV_VAR: scratch, LEARNER_ENV_VAR: TEST_LEARNER})
    elapsed = time.perf_counter() - started
    nbformat.validate(notebook)
    nbformat.write(notebook, path)
    return elapsed
