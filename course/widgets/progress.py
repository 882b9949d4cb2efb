"""The progress dashboard, with Export progress and Import progress.

A thin view over :func:`course.progress.summarise` (objectives met, must-pass
questions still open, calibration) and the progress file functions, drawn by
:mod:`course.render.progress`.

Export and import live here, in one place for learners, rather than in
separate ``show_export()``/``show_import()`` cells: the dashboard is where a
learner looks at their progress, so it is where they keep a copy of it.

* **Export progress** turns the saved progress into a link,
  ``<a download="progress-<id>.json" href="data:application/json;base64,...">``,
  inside an HTML widget. Pressing the link saves the file through the
  browser: no kernel round trip, no display trick, and it works on Binder.
* **Import progress** is a file upload (``.json`` only). The file is checked
  and merged into the saved progress as :func:`course.progress.import_and_save`
  does (answers from both kept, the imported learner id kept, which then
  becomes this computer's default learner id; a quiz saving at the same moment
  waits its turn). Anything that is not an export from this course, or that
  comes from a newer version of the course, gets a plain message and changes
  nothing.

Handlers only set widget values; nothing is displayed from a callback.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import ipywidgets as widgets

from course.completion import build_record
from course.content import Course, load_course
from course.models import QuestionBank
from course.progress import (
    Progress,
    check_learner_id,
    current_learner_id,
    load_progress,
    new_progress,
    summarise,
)
from course.render import progress as render
from course.widgets._base import StaticForm
from course.widgets._common import (
    MAX_IMPORT_BYTES,
    WIDGET_CLASS,
    import_upload,
    message_html,
    progress_upload,
    style_widget,
)


class ProgressDashboard(StaticForm, widgets.VBox):
    """Objectives met, must-pass questions open and calibration, with export and import."""

    def __init__(
        self,
        banks: Sequence[QuestionBank],
        course: Course,
        learner: str | None = None,
        progress_dir: str | os.PathLike[str] | None = None,
        whole_course: bool = False,
    ) -> None:
        self.banks, self.course, self.progress_dir = tuple(banks), course, progress_dir
        self.whole_course = whole_course
        self.fixed_learner = check_learner_id(learner) if learner is not None else None
        self.heading = widgets.HTML(str(render.heading()))
        self.who = widgets.HTML()
        self.message = widgets.HTML()
        self.lessons = widgets.HTML()  # the whole course only: lesson by lesson
        self.objectives = widgets.HTML()
        self.must_pass = widgets.HTML()
        self.calibration = widgets.HTML()
        self.refresh = widgets.Button(description="Refresh", tooltip="Read your saved progress again")
        self.export = widgets.Button(description="Export progress", tooltip="Make a file of your progress to keep")
        self.download = widgets.HTML()
        self.upload = progress_upload(self.import_file)
        self.refresh.on_click(self._on_refresh_click)
        self.export.on_click(self._on_export_click)
        keep = widgets.HTML(str(render.keep_section()))
        buttons = widgets.HBox(
            [self.refresh, self.export, self.upload], layout=widgets.Layout(flex_flow="row wrap", align_items="center")
        )
        super().__init__(
            [
                style_widget(),
                self.heading,
                self.who,
                self.message,
                self.lessons,
                self.objectives,
                self.must_pass,
                self.calibration,
                keep,
                buttons,
                self.download,
            ],
            layout=widgets.Layout(max_width="64em"),
        )
        self.add_class(WIDGET_CLASS)
        self.update()

    @property
    def learner_id(self) -> str | None:
        """The learner shown: the one named, else this computer's default (None if there is none yet)."""
        return self.fixed_learner or current_learner_id(self.progress_dir, create=False)

    def _load(self) -> Progress | None:
        learner = self.learner_id
        if learner is None:
            return None
        loaded = load_progress(learner, self.progress_dir)
        if loaded.message:
            self.message.value = message_html(loaded.message, "wrong")
        return loaded.progress

    def update(self) -> None:
        """Read the saved progress again and redraw the tables."""
        progress = self._load()
        self.who.value = str(render.learner_line(progress))
        dashboard = summarise(progress, self.banks)
        if self.whole_course:
            record = build_record(progress or new_progress(), self.course, banks=self.banks)
            self.lessons.value = str(render.lessons_table(record))
        self.objectives.value = str(render.objectives_table(dashboard, self.course))
        self.must_pass.value = str(render.must_pass_list(dashboard, self.banks))
        self.calibration.value = str(render.calibration(dashboard, self.banks))

    def _on_refresh_click(self, button: widgets.Button) -> None:
        self.message.value = ""
        self.update()

    def _on_export_click(self, button: widgets.Button) -> None:
        progress = self._load()
        if progress is None or not progress.responses:
            self.download.value = str(render.nothing_to_export())
            return
        self.download.value = str(render.export_link(progress))

    def import_file(self, name: str, content: bytes | memoryview) -> None:
        """Check ``content`` and merge it into the saved progress; say what happened in plain words."""
        self.download.value = ""
        self.message.value, imported = import_upload(
            name, content, self.learner_id, self.progress_dir, MAX_IMPORT_BYTES
        )
        if imported is None:
            return
        if self.fixed_learner is not None:
            self.fixed_learner = imported.progress.learner_id
        self.update()

    def static_html(self) -> str:
        """What a page without a kernel shows: what the dashboard is, never anyone's progress."""
        return str(render.static_form())

    def __repr__(self) -> str:
        return "Progress dashboard: objectives met, must-pass questions still open, calibration (needs a live kernel)"


def show_progress(
    bank_ids: str | Sequence[str] | None = None,
    learner: str | None = None,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    progress_dir: str | os.PathLike[str] | None = None,
) -> ProgressDashboard:
    """Your progress over ``bank_ids`` (the whole course, lesson by lesson, if None), with export and import.

    ``data_dir`` and ``progress_dir`` point at other content and another progress folder (for tests).
    """
    course = load_course(data_dir)
    banks = {bank.id: bank for bank in course.banks}
    ids = list(banks) if bank_ids is None else [bank_ids] if isinstance(bank_ids, str) else list(bank_ids)
    unknown = [i for i in ids if i not in banks]
    if unknown:
        known = ", ".join(sorted(banks)) or "(none yet)"
        raise ValueError(f"unknown question bank(s) {', '.join(map(repr, unknown))}; banks: {known}")
    return ProgressDashboard([banks[i] for i in ids], course, learner, progress_dir, whole_course=bank_ids is None)
