"""One direction of imports: content <- logic <- render <- widgets.

The logic modules never pull in a display library, and the rendering layer
(``course.render``) never pulls in ipywidgets: it builds markup from logic
objects, and the widgets only show it.
"""

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
    "course.quiz.session",
    "course.progress",
    "course.progress.format",
    "course.progress.storage",
    "course.locations",
    "course.start",
    "course.builds",
    "course.regions",
    "course.handouts",
    "course.aftercare",
    "course.slides",
    "course.class_guide",
    "course.appearance",
    "course.completion",
    "course.review",
    "course.stats",
    "course.links",
]
#: The rendering layer may draw charts (matplotlib) but never imports ipywidgets.
RENDER_MODULES = [
    "course.render",
    *(
        f"course.render.{name}"
        for name in (
            "quiz",
            "progress",
            "completion",
            "timeline",
            "depth",
            "pages",
            "figures",
            "levels",
            "cases",
            "triage",
            "consultation",
            "atlas",
            "pictures",
            "start",
            "review",
            "answer_key",
            "handouts",
            "slides",
            "class_guide",
            "field_guide",
            "class_report",
        )
    ),
]
VIEW_LIBRARIES = ["ipywidgets", "matplotlib"]


def loaded(module: str, libraries: list[str]) -> list[str]:
    """The modules of ``libraries`` that importing ``module`` in a fresh interpreter loads."""
    code = (
        f"import json, sys, {module}\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {libraries!r})))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.parametrize("module", LOGIC_MODULES)
def test_logic_module_imports_without_widgets_or_plots(module):
    assert loaded(module, VIEW_LIBRARIES) == []


@pytest.mark.parametrize("module", RENDER_MODULES)
def test_render_module_imports_without_widgets(module):
    assert loaded(module, ["ipywidgets"]) == []


def test_the_check_detects_a_view_import():
    """The check above can fail: importing a widget module does load ipywidgets."""
    code = "import json, sys, course.widgets.practice\nprint(json.dumps('ipywidgets' in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) is True


def test_every_render_module_is_checked():
    """A new module in course/render/ joins the list above, so the layering holds for it too."""
    found = {f"course.render.{p.stem}" for p in (REPO / "course" / "render").glob("*.py") if not p.stem.startswith("_")}
    assert found <= set(RENDER_MODULES) - {"course.render"} | {"course.render.__init__"}
