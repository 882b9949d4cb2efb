"""Learner mode's settings: the notebook Voilà renders, its page settings, and what make and Binder install."""

from __future__ import annotations

import re

import nbformat
from traitlets.config import PyFileConfigLoader

from course import learner_mode
from course.builds import INSTRUCTOR_TAG
from tests.conftest import REPO

VOILA = REPO / "course" / "resources" / "voila"
LESSON_3 = REPO / "notebooks" / "03-timelines-filler.ipynb"


class _Request:
    """What the prelaunch hook uses of Voilà's request handler: reading the token sets the _xsrf cookie."""

    def __init__(self) -> None:
        self.token_read = False

    @property
    def xsrf_token(self) -> bytes:
        self.token_read = True
        return b"token"


def test_voila_renders_the_student_build_of_a_notebook():
    notebook = nbformat.read(LESSON_3, as_version=4)
    assert any(INSTRUCTOR_TAG in cell.metadata.get("tags", []) for cell in notebook.cells)
    request = _Request()
    shown = learner_mode.prelaunch_hook(request, notebook, cwd=str(LESSON_3.parent))
    assert not any(INSTRUCTOR_TAG in cell.metadata.get("tags", []) for cell in shown.cells)
    assert [c.source for c in shown.cells if c.cell_type == "code"] == [
        c.source for c in notebook.cells if c.cell_type == "code"
    ]
    assert request.token_read, "without the _xsrf cookie Voilà cannot shut a left page's kernel down"
    assert any(INSTRUCTOR_TAG in cell.metadata.get("tags", []) for cell in notebook.cells), "the source changed"


def test_the_page_loads_mathjax_from_voila_itself_not_from_a_cdn():
    given = {"fullMathjaxUrl": "https://cdn.example.org/mathjax.js", "mathjaxConfig": "TeX", "baseUrl": "/"}
    settings = learner_mode.page_config_hook(given, base_url="/", notebook_path="x.ipynb")
    assert settings == {"fullMathjaxUrl": None, "mathjaxConfig": None, "baseUrl": "/"}


def test_voila_config_selects_the_course_template_and_both_hooks():
    config = PyFileConfigLoader("voila.py", path=str(VOILA)).load_config()
    assert config.VoilaConfiguration.template == "course"
    assert config.VoilaConfiguration.prelaunch_hook is learner_mode.prelaunch_hook
    assert config.VoilaConfiguration.page_config_hook is learner_mode.page_config_hook


def test_the_template_drops_stylesheets_from_other_hosts():
    template = (VOILA / "templates" / "course" / "index.html.j2").read_text(encoding="utf-8")
    assert "extends 'voila/templates/lab/index.html.j2'" in template
    assert not re.search(r"(src|href)=\"https?://", template)


def test_install_puts_the_settings_and_the_template_where_voila_looks(tmp_path):
    config, template = learner_mode.install(tmp_path)
    assert config == tmp_path / "etc" / "jupyter" / "voila.py"
    assert config.read_text(encoding="utf-8") == (VOILA / "voila.py").read_text(encoding="utf-8")
    assert template == tmp_path / "share" / "jupyter" / "voila" / "templates" / "course"
    assert sorted(p.name for p in template.iterdir()) == ["conf.json", "index.html.j2"]
    learner_mode.install(tmp_path)  # again, over the first copy


def test_make_and_binder_install_learner_mode():
    for name in ("Makefile", "postBuild"):
        assert "-m course install-learner-mode" in (REPO / name).read_text(encoding="utf-8"), name
