"""Learner mode: the course in Voilà, as pages of text and working widgets with no code.

Voilà runs inside the learner's own Jupyter server (``make learn``; on a hub or Binder the
address ``/voila/render/notebooks/00-start-here.ipynb``), so answers are saved where
JupyterLab saves them. ``course/resources/voila/voila.py`` sets the two hooks below and the
course's template, which drops the stylesheet Voilà links from a CDN; :func:`install` puts
both where Voilà looks for them (``python -m course install-learner-mode``: make, postBuild,
a hub's environment).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from course import locations
from course.builds import student_notebook

__all__ = ["install", "page_config_hook", "prelaunch_hook"]

TEMPLATE = "course"


def install(prefix: Path | None = None) -> list[Path]:
    """Copy Voilà's settings and the course's template into the environment ``prefix`` (default: this one).

    Voilà reads ``<prefix>/etc/jupyter/voila.py`` and finds templates in
    ``<prefix>/share/jupyter/voila/templates``. Returns the two paths written.
    """
    prefix = Path(sys.prefix) if prefix is None else prefix
    source = locations.resource("voila")
    config = prefix / "etc" / "jupyter" / "voila.py"
    config.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / "voila.py", config)
    template = prefix / "share" / "jupyter" / "voila" / "templates" / TEMPLATE
    if template.exists():
        shutil.rmtree(template)
    shutil.copytree(source / "templates" / TEMPLATE, template)
    return [config, template]


def prelaunch_hook(request: Any, notebook: Any, cwd: str) -> Any:
    """The notebook as the student build has it (no instructor cells): what Voilà renders and runs.

    Voilà calls this before it starts the notebook's kernel (``VoilaConfiguration.prelaunch_hook``),
    with its page's request handler as ``request``.
    """
    # Leaving a page, Voilà asks the server to shut its kernel down, with the _xsrf cookie as the
    # proof the request comes from the page. Voilà's page never sets that cookie, so the request
    # is refused (403) and every lesson visited keeps its kernel running. Reading the token sets it.
    if request is not None:
        _ = request.xsrf_token
    return student_notebook(notebook)


def page_config_hook(page_config: dict[str, Any], **_: Any) -> dict[str, Any]:
    """Voilà's page settings with MathJax left unset (``VoilaConfiguration.page_config_hook``).

    Given a MathJax address (by default one on a CDN) Voilà's page loads MathJax 2 from it;
    with none (both settings ``null``) it uses the MathJax 3 bundled in Voilà itself.
    """
    return {**page_config, "fullMathjaxUrl": None, "mathjaxConfig": None}
