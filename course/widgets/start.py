"""The start notebook's panel: choose your role, import a progress file, see where your answers are kept."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from course.progress import ProgressError, current_learner_id, set_role
from course.render import progress as render_progress
from course.render import start as render
from course.start import ROLE_LABELS, start_state
from course.widgets._base import StaticForm
from course.widgets._common import WIDGET_CLASS, import_upload, progress_upload, style_widget


class StartPanel(StaticForm, widgets.VBox):
    """Who you are here: a role to choose, a progress file to import, and where answers are kept."""

    def __init__(
        self, progress_dir: str | os.PathLike[str] | None = None, environ: Mapping[str, str] | None = None
    ) -> None:
        self.progress_dir = progress_dir
        self.environ = dict(os.environ if environ is None else environ)
        state = start_state(self.environ, progress_dir)
        self.where = widgets.HTML()
        self.role = widgets.RadioButtons(
            options=[(label, role) for role, label in ROLE_LABELS.items()],
            value=state.role,
            description="I am",
            layout=widgets.Layout(width="auto"),
        )
        self.role_message = widgets.HTML()
        self.upload = progress_upload(self.import_file)
        self.import_message = widgets.HTML()
        self.role.observe(self._on_role_value, names="value")
        super().__init__(
            [
                style_widget(),
                widgets.HTML(str(render.heading())),
                self.where,
                self.role,
                self.role_message,
                widgets.HBox([self.upload]),  # in a row, the button keeps its own width
                self.import_message,
            ],
            layout=widgets.Layout(max_width="64em"),
        )
        self.add_class(WIDGET_CLASS)
        self._show_where()

    def _show_where(self) -> None:
        self.where.value = str(render.where_answers_are_kept(start_state(self.environ, self.progress_dir)))

    def _on_role_value(self, change: dict[str, Any]) -> None:
        role = change["new"]
        if role is None:
            return
        learner = current_learner_id(self.progress_dir)  # made now if this is the first thing saved
        assert learner is not None
        try:
            set_role(learner, role, self.progress_dir)
        except ProgressError as err:
            self.role_message.value = str(render_progress.import_refused("your progress file", str(err)))
            return
        self.role_message.value = str(render.role_saved(role))
        self._show_where()

    def import_file(self, name: str, content: bytes | memoryview) -> None:
        """Merge an exported progress file into this machine's progress; say what happened."""
        learner = current_learner_id(self.progress_dir, create=False)
        self.import_message.value, imported = import_upload(name, content, learner, self.progress_dir)
        if imported is None:
            return
        if imported.progress.role is not None and self.role.value != imported.progress.role:
            self.role.unobserve(self._on_role_value, names="value")
            self.role.value = imported.progress.role
            self.role.observe(self._on_role_value, names="value")
        self._show_where()

    def static_html(self) -> str:
        return str(render.static_form())

    def __repr__(self) -> str:
        return "Start panel: choose your role and import a progress file (needs a live kernel)"


def show_start(*, progress_dir: str | os.PathLike[str] | None = None) -> StartPanel:
    """The start notebook's panel (``progress_dir`` points at another progress folder, for tests)."""
    return StartPanel(progress_dir)
