"""Learner mode: how Voilà serves the course (``make learn``, and ``/voila/render/...`` on a hub or Binder).

Voilà reads ``voila.py`` from the Jupyter configuration folders: ``make`` and ``postBuild``
copy this file to ``<environment>/etc/jupyter/voila.py``, and the template beside it to
``<environment>/share/jupyter/voila/templates/course``.
"""

from course.learner_mode import page_config_hook, prelaunch_hook

c = get_config()  # type: ignore[name-defined]  # noqa: F821 (traitlets defines it when it loads this file)

# The course's template: Voilà's lab look, no stylesheet from a CDN.
c.VoilaConfiguration.template = "course"
# Each notebook as the student build has it: no instructor cells.
c.VoilaConfiguration.prelaunch_hook = prelaunch_hook
# MathJax from Voilà's own bundle, not from a CDN.
c.VoilaConfiguration.page_config_hook = page_config_hook
