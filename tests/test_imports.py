"""One direction of imports: content <- logic <- render <- widgets.

The logic modules never pull in a display library, and the rendering layer
(``course.render``) never pulls in ipywidgets: it builds markup from logic
objects, and the widgets only show it.
"""

from __future__ import annotations

import json
import os
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


#: Every widget module a lesson can open.
WIDGET_MODULES = sorted(
    f"course.widgets.{p.stem}" for p in (REPO / "course" / "widgets").glob("*.py") if p.stem != "__init__"
)


@pytest.mark.parametrize("module", WIDGET_MODULES)
def test_widget_module_imports_without_matplotlib(module):
    """A lesson's kernel pays for matplotlib (about a third of a second) only when a chart must be drawn."""
    assert loaded(module, ["matplotlib"]) == []


def test_a_kept_chart_is_shown_without_matplotlib(tmp_path):
    """The first kernel draws the timeline and depth charts and keeps them; the next shows the same
    pictures without importing matplotlib."""
    code = (
        "import json, sys\n"
        "from course.render.depth import chart_html\n"
        "from course.render.timeline import render_chart\n"
        "chart = render_chart('lip-filler', 'microneedling')\n"
        "print(json.dumps([chart.png_base64, str(chart_html('upper-dermis')), 'matplotlib' in sys.modules]))"
    )
    env = {**os.environ, "COURSE_CACHE_DIR": str(tmp_path)}

    def run() -> list:
        command = [sys.executable, "-c", code]
        return json.loads(subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout)

    first, second = run(), run()
    assert first[2] is True and second[2] is False
    assert first[:2] == second[:2]
    assert {p.parent.parent.name for p in tmp_path.glob("*/*/*")} >= {"depth-charts", "timeline-charts"}
