"""Executing a notebook in place: outputs stored, and no progress file left behind."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from course._notebooks import execute_in_place

SAVE_AN_ANSWER = """\
import os, pathlib
folder = pathlib.Path(os.environ["COURSE_PROGRESS_DIR"])
folder.mkdir(parents=True, exist_ok=True)
(folder / "learner-abc123.json").write_text("{}")
print(folder)
"""


def test_progress_saved_while_executing_goes_to_a_folder_that_is_then_deleted(tmp_path):
    path = tmp_path / "saves.ipynb"
    notebook = new_notebook(cells=[new_code_cell(SAVE_AN_ANSWER)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    execute_in_place(path)
    output = json.loads(path.read_text())["cells"][0]["outputs"][0]
    folder = Path("".join(output["text"]).strip())
    assert folder.name.startswith("course-progress-")
    assert not folder.exists()
