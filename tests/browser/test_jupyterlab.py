"""Every notebook, run in JupyterLab in Chromium, the way a learner meets it."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.browser.conftest import NOTEBOOKS
from tests.browser.harness import (
    REPO,
    expected_widgets,
    inspect_run,
    open_notebook,
    run_all_cells,
    screenshot_top_and_end,
    watch,
)


def _digest(paths) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


@pytest.fixture(scope="module")
def untouched():
    """The repository's notebooks are byte-for-byte the same after the run."""
    before = _digest(NOTEBOOKS)
    yield
    assert _digest(NOTEBOOKS) == before, "a browser test changed a notebook on disk"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_and_renders_in_jupyterlab(notebook, lab, page, screenshots, untouched):
    relative = notebook.relative_to(REPO).as_posix()
    seen = watch(page)
    open_notebook(page, lab, relative)
    run_all_cells(page)
    run = inspect_run(page, seen, expected_widgets(notebook))

    screenshot_top_and_end(page, screenshots, notebook.stem)

    assert run.code_cells > 0
    assert run.problems() == []


def _write_notebook(path, sources) -> None:
    cells = [
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": src} for src in sources
    ]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.write_text(
        json.dumps({"cells": cells, "metadata": {"kernelspec": kernel}, "nbformat": 4, "nbformat_minor": 5})
    )


def _run(page, lab, name):
    seen = watch(page)
    open_notebook(page, lab, name)
    run_all_cells(page)
    return inspect_run(page, seen)


def test_harness_fails_on_a_widget_whose_front_end_is_missing(lab, page, lab_root):
    """A widget whose JavaScript module does not exist must make the check fail."""
    ghost = (
        "import ipywidgets as w\nfrom traitlets import Unicode\n"
        "class Ghost(w.DOMWidget):\n"
        "    _model_module = Unicode('course-no-such-frontend').tag(sync=True)\n"
        "    _model_module_version = Unicode('1.0.0').tag(sync=True)\n"
        "    _model_name = Unicode('GhostModel').tag(sync=True)\n"
        "    _view_module = Unicode('course-no-such-frontend').tag(sync=True)\n"
        "    _view_module_version = Unicode('1.0.0').tag(sync=True)\n"
        "    _view_name = Unicode('GhostView').tag(sync=True)\n"
        "Ghost()"
    )
    _write_notebook(lab_root / "harness-ghost.ipynb", [ghost])
    run = _run(page, lab, "harness-ghost.ipynb")

    assert run.executed_cells == 1
    assert run.widget_failures, "the error view of the missing widget was not detected"
    assert any("widget did not render" in problem for problem in run.problems())


def test_harness_fails_on_a_cell_error(lab, page, lab_root):
    _write_notebook(lab_root / "harness-error.ipynb", ["x = 1", "1 / 0", "y = 2"])
    run = _run(page, lab, "harness-error.ipynb")

    assert any("ZeroDivisionError" in text for text in run.error_outputs)
    assert any(problem.startswith("cell error") for problem in run.problems())
