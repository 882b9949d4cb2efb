"""The record of completion: a "Make my record" button, a download link and a preview.

A thin view over :mod:`course.completion` (what the record counts), drawn by
:mod:`course.render.completion`. Pressing **Make my record** reads
the learner's saved progress, builds the record and shows

* a link, ``<a download="record-of-completion-<id>.html"
  href="data:text/html;base64,...">``, inside an HTML widget: pressing it saves
  the standalone page through the browser (no kernel round trip, works on
  Binder), and
* a preview of the same record below it.

Pages without a kernel (static HTML) show what the button does, never anyone's
record. Handlers only set widget values; nothing is displayed from a callback.
"""

from __future__ import annotations

import os
from datetime import date

import ipywidgets as widgets

from course.completion import build_record
from course.content import Course, load_course
from course.progress import check_learner_id, current_learner_id, load_progress
from course.render import completion as render
from course.widgets._base import StaticForm
from course.widgets._common import WIDGET_CLASS, message_html, style_widget


class CompletionWidget(StaticForm, widgets.VBox):
    """A button that makes the learner's record of completion, with a download link and a preview."""

    def __init__(
        self,
        course: Course,
        learner: str | None = None,
        progress_dir: str | os.PathLike[str] | None = None,
        on: date | None = None,
    ) -> None:
        self.course, self.progress_dir, self.on = course, progress_dir, on
        self.fixed_learner = check_learner_id(learner) if learner is not None else None
        self.heading = widgets.HTML(str(render.heading()))
        self.make = widgets.Button(
            description="Make my record",
            tooltip="Build your record from your saved progress and make a download link",
            layout=widgets.Layout(width="auto"),
        )
        self.link = widgets.HTML()
        self.preview = widgets.HTML()
        self.make.on_click(self._on_make_click)
        super().__init__(
            [style_widget(), self.heading, self.make, self.link, self.preview],
            layout=widgets.Layout(max_width="64em"),
        )
        self.add_class(WIDGET_CLASS)

    @property
    def learner_id(self) -> str | None:
        """The learner named, else this computer's default (None if there is none yet)."""
        return self.fixed_learner or current_learner_id(self.progress_dir, create=False)

    def _on_make_click(self, button: widgets.Button) -> None:
        learner = self.learner_id
        if learner is None:
            self.link.value = str(render.no_learner())
            self.preview.value = ""
            return
        loaded = load_progress(learner, self.progress_dir)
        record = build_record(loaded.progress, self.course, on=self.on)
        warning = message_html(loaded.message, "wrong") if loaded.message else ""
        self.link.value = warning + str(render.download_link(record))
        self.preview.value = str(render.preview(record))

    def static_html(self) -> str:
        """What a page without a kernel shows: what the button does, never anyone's record."""
        return str(render.static_form())

    def __repr__(self) -> str:
        return "Record of completion: press “Make my record” to build and download it (needs a live kernel)"


def show_completion(
    learner: str | None = None,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    progress_dir: str | os.PathLike[str] | None = None,
    on: date | None = None,
) -> CompletionWidget:
    """Your record of completion, to make and download.

    ``data_dir``, ``progress_dir`` and ``on`` (the date printed) point at other content, another progress
    folder and a fixed date (for tests).
    """
    return CompletionWidget(load_course(data_dir), learner, progress_dir, on)
