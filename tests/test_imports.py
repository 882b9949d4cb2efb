"""The logic modules never pull in a display library."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO

LOGIC_MODULES = [
    "course",
    "course.content",
    "course.models",
    "course.cli",
    "course.timeline",
    "course.triage",
    "course.cases",
    "course.consultation",
    "course.quiz",
    "course.progress",
    "course.completion",
]
VIEW_LIBRARIES = ["ipywidgets", "matplotlib"]


@pytest.mark.parametrize("module", LOGIC_MODULES)
def test_logic_module_imports_without_widgets_or_plots(module):
    code = (
        f"import json, sys, {module}\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {VIEW_LIBRARIES!r})))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []


def test_the_check_detects_a_view_import():
    """The check above can fail: importing a widget module does load ipywidgets."""
    code = "import json, sys, course.widgets.practice\nprint(json.dumps('ipywidgets' in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) is True
