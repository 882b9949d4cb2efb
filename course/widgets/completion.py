"""The record of completion: a "Make my record" button, a download link and a preview.

A thin view over :mod:`course.completion`. Pressing **Make my record** reads
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

import base64
import os
from datetime import date
from html import escape

import ipywidgets as widgets

from course.completion import RECORD_LABEL, CompletionRecord, build_record, file_name, record_fragment, render_html
from course.content import Course, load_course
from course.progress import check_learner_id, current_learner_id, load_progress
from course.widgets._base import StaticForm
from course.widgets._common import WIDGET_CLASS, message_html, style_widget

_TEXT_CSS = "margin:0.3em 0;max-width:60em"
# Widget HTML does not style links: underline and colour say "this is a link".
_LINK = "color:#0b4f7a;text-decoration:underline;font-weight:bold"
_PREVIEW = "border:1px solid #767676;border-radius:6px;padding:0.3em 1em 0.6em;margin:0.6em 0;max-width:62em"
_WHAT_IT_DOES = (
    "Press “Make my record” to build your record of completion from the progress saved on this computer:"
    " each lesson with its learning objectives met, the must-pass (red-flag) questions still open, how many"
    " questions you answered, how well your certainty matched your answers, and suggested CPD minutes."
    " A link then saves the record as a web page (HTML) that you can open in any browser, print or save as PDF;"
    " a preview appears below the link."
)
_STATIC_TEXT = (
    "Your record of completion is made here when this cell runs in Jupyter with a live kernel."
    " The button “Make my record” builds it from the progress saved on the computer that runs the notebook"
    " (lessons with their learning objectives met, must-pass questions still open, questions answered,"
    " certainty calibration and suggested CPD minutes) and gives a link to download it as a web page."
    f" {RECORD_LABEL}."
)


def download_link_html(record: CompletionRecord) -> str:
    """A link that saves the record as ``record-of-completion-<learner id>.html``, with the page inside the link."""
    name = file_name(record)
    data = base64.b64encode(render_html(record).encode("utf-8")).decode("ascii")
    return (
        f'<p style="{_TEXT_CSS}"><a download="{escape(name, quote=True)}" href="data:text/html;base64,{data}">'
        f'<span style="{_LINK}">Download your record of completion</span></a> ({escape(name)}).</p>'
        f'<p style="{_TEXT_CSS}">Open the saved file in any web browser. To keep a paper or PDF copy, print it'
        " from the browser.</p>"
    )


def preview_html(record: CompletionRecord) -> str:
    """The record inside the notebook, its title one level below the widget's heading."""
    return f'<section aria-label="Preview of your record" style="{_PREVIEW}">{record_fragment(record, 4)}</section>'


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
        self.heading = widgets.HTML(
            '<h3 style="margin:0.3em 0">Your record of completion</h3>'
            f'<p style="{_TEXT_CSS}">{escape(_WHAT_IT_DOES)}</p>'
            f'<p style="{_TEXT_CSS}"><strong>{escape(RECORD_LABEL)}.</strong></p>'
        )
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
            self.link.value = message_html(
                "No answers are saved on this computer yet: answer some quiz questions first, then make your record."
            )
            self.preview.value = ""
            return
        loaded = load_progress(learner, self.progress_dir)
        record = build_record(loaded.progress, self.course, on=self.on)
        warning = message_html(loaded.message, "wrong") if loaded.message else ""
        self.link.value = warning + download_link_html(record)
        self.preview.value = preview_html(record)

    def static_html(self) -> str:
        """What a page without a kernel shows: what the button does, never anyone's record."""
        return (
            '<section aria-label="Your record of completion">'
            '<h3 style="margin:0.3em 0">Your record of completion</h3>'
            f'<p style="{_TEXT_CSS}">{escape(_STATIC_TEXT)}</p></section>'
        )

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
