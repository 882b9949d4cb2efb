"""The progress dashboard, with Export progress and Import progress.

A thin view over :func:`course.progress.summarise` (objectives met, must-pass
questions still open, calibration) and the progress file functions.

Export and import live here, in one place for learners, rather than in
separate ``show_export()``/``show_import()`` cells: the dashboard is where a
learner looks at their progress, so it is where they keep a copy of it.

* **Export progress** turns the saved progress into a link,
  ``<a download="progress-<id>.json" href="data:application/json;base64,...">``,
  inside an HTML widget. Pressing the link saves the file through the
  browser: no kernel round trip, no display trick, and it works on Binder.
* **Import progress** is a file upload (``.json`` only). The file is checked
  and merged into the saved progress as :func:`course.progress.import_progress`
  does (answers from both kept, the imported learner id kept, which then
  becomes this computer's default learner id). Anything that is not an export
  from this course gets a plain message and changes nothing.

Handlers only set widget values; nothing is displayed from a callback.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Sequence
from html import escape

import ipywidgets as widgets

from course.content import Course, load_course
from course.models import QuestionBank
from course.progress import (
    Dashboard,
    ObjectiveStatus,
    Progress,
    ProgressError,
    check_learner_id,
    current_learner_id,
    export_progress,
    import_progress,
    load_progress,
    new_progress,
    save_progress,
    set_current_learner,
    summarise,
)
from course.widgets._base import StaticForm
from course.widgets._common import WIDGET_CLASS, message_html, style_widget

#: Larger uploads are refused before they are read: a progress file is a few hundred kilobytes at most.
MAX_IMPORT_BYTES = 5_000_000

_CELL = "text-align:left;vertical-align:top;padding:0.25em 0.6em;border-bottom:1px solid #ccc"
_TEXT_CSS = "margin:0.3em 0;max-width:60em"
_STATIC_TEXT = (
    "Your progress dashboard appears here when this cell runs in Jupyter with a live kernel."
    " It shows which learning objectives you have met, which must-pass (red-flag) questions are still open,"
    " and how well your certainty matched your answers, with buttons to export your progress to a file"
    " and to import it again (for example in a new Binder session). Your progress is kept only on the computer"
    " that runs the notebook, under a pseudonymous learner id."
)


def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table of already-escaped cells; the first cell of each row is its header."""
    heads = "".join(f'<th scope="col" style="{_CELL}">{h}</th>' for h in head)
    body = "".join(
        f'<tr><th scope="row" style="{_CELL}">{row[0]}</th>'
        + "".join(f'<td style="{_CELL}">{cell}</td>' for cell in row[1:])
        + "</tr>"
        for row in rows
    )
    return (
        '<table style="border-collapse:collapse;margin:0.4em 0;max-width:60em">'
        f'<caption style="text-align:left;font-weight:bold;padding:0.2em 0">{caption}</caption>'
        f"<thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table>"
    )


def objectives_html(dashboard: Dashboard, course: Course) -> str:
    """The objectives of the banks shown: correct answers, open must-pass questions, met or not."""
    if not dashboard.objectives:
        return f'<p style="{_TEXT_CSS}">No objectives to show: there are no questions here yet.</p>'
    texts = {o.id: o.text for lesson in course.lessons for o in lesson.objectives}
    rows = []
    for status in dashboard.objectives:
        state = "✔ Met" if status.met else "○ Not yet"
        rows.append(
            [
                escape(status.objective_id),
                escape(texts.get(status.objective_id, "")),
                _answers_text(status),
                str(status.must_pass_open) if status.must_pass_open else "none",
                f'<strong style="white-space:nowrap">{state}</strong>',
            ]
        )
    met = sum(s.met for s in dashboard.objectives)
    caption = f"Learning objectives: {met} of {len(dashboard.objectives)} met"
    head = ["Objective", "What you can do", "Correct answers", "Must-pass still open", "Status"]
    note = (
        f'<p style="{_TEXT_CSS}">An objective is met when your latest answers to two different questions on it'
        " are right (or to all of them, if it has fewer) and its must-pass questions are answered correctly."
        " An objective tested only by written reflections is met once you have submitted one of them.</p>"
    )
    return _table(escape(caption), head, rows) + note


def _answers_text(status: ObjectiveStatus) -> str:
    if status.reflections_only:
        done = min(status.reflections_submitted, 1)
        return f"{done} of 1 reflection submitted ({status.reflections} to choose from)"
    return f"{status.correct} of {status.needed} needed ({status.items} questions)"


def must_pass_html(dashboard: Dashboard, banks: Sequence[QuestionBank]) -> str:
    """The must-pass (red-flag) questions still to answer correctly, by their question text."""
    if not dashboard.must_pass_open:
        return f'<p style="{_TEXT_CSS}"><strong>✔ Must-pass questions:</strong> none open.</p>'
    by_id = {bank.id: bank for bank in banks}
    items = "".join(
        f"<li>{escape(by_id[bank_id].title)}: {escape(by_id[bank_id].item(item_id).stem)}</li>"
        for bank_id, item_id in dashboard.must_pass_open
    )
    count = len(dashboard.must_pass_open)
    return (
        f'<p style="{_TEXT_CSS}"><strong>⚑ Must-pass questions still open ({count}):</strong>'
        " answer these correctly to complete their lessons.</p>"
        f'<ul style="margin:0.3em 0">{items}</ul>'
    )


def calibration_html(dashboard: Dashboard, banks: Sequence[QuestionBank]) -> str:
    """How often the learner was right at each certainty level, in a table with advice in words."""
    calibration = dashboard.calibration
    if not calibration.answered:
        return (
            f'<p style="{_TEXT_CSS}"><strong>Certainty:</strong> no answers with a certainty rating yet.'
            " Quizzes that ask “How sure are you?” fill this in.</p>"
        )
    rows = []
    for level in calibration.levels:
        accuracy = "–" if level.accuracy is None else f"{round(100 * level.accuracy)}%"
        rows.append(
            [
                str(level.certainty),
                str(level.answered),
                f"{level.correct} ({accuracy})",
                f"{level.marks:+d}",
                escape(level.advice),
            ]
        )
    head = ["Certainty", "Answered", "Right", "Marks", "What it tells you"]
    table = _table("How sure you were, and how often you were right", head, rows)
    total = (
        f'<p style="{_TEXT_CSS}">Certainty marks in all: {calibration.total_marks:+d}'
        f" over {calibration.answered} rated answers (right: +1, +2, +3; wrong: 0, −2, −6).</p>"
    )
    flagged = ""
    if calibration.confident_wrong_must_pass:
        stems = {item.id: item.stem for bank in banks for item in bank.items}
        items = "".join(f"<li>{escape(stems.get(i, i))}</li>" for i in calibration.confident_wrong_must_pass)
        flagged = (
            f'<p style="{_TEXT_CSS}"><strong>⚠ Sure but wrong on a must-pass (red-flag) question:</strong>'
            " look at these first.</p>"
            f'<ul style="margin:0.3em 0">{items}</ul>'
        )
    return table + total + flagged


def download_link_html(progress: Progress) -> str:
    """A link that saves the progress as ``progress-<learner id>.json``, with the data inside the link."""
    name = f"progress-{check_learner_id(progress.learner_id)}.json"
    data = base64.b64encode(export_progress(progress).encode("utf-8")).decode("ascii")
    count = len(progress.responses)
    return (
        f'<p style="{_TEXT_CSS}"><a download="{escape(name)}" href="data:application/json;base64,{data}">'
        f"Download your progress file</a> ({escape(name)}, {count} answer{'' if count == 1 else 's'}).</p>"
        f'<p style="{_TEXT_CSS}">Keep the file. To carry on in a new session (Binder forgets everything when'
        " it closes), use Import progress and choose this file.</p>"
    )


class ProgressDashboard(StaticForm, widgets.VBox):
    """Objectives met, must-pass questions open and calibration, with export and import."""

    def __init__(
        self,
        banks: Sequence[QuestionBank],
        course: Course,
        learner: str | None = None,
        progress_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        self.banks, self.course, self.progress_dir = tuple(banks), course, progress_dir
        self.fixed_learner = check_learner_id(learner) if learner is not None else None
        self.heading = widgets.HTML('<h3 style="margin:0.3em 0">Your progress</h3>')
        self.who = widgets.HTML()
        self.message = widgets.HTML()
        self.objectives = widgets.HTML()
        self.must_pass = widgets.HTML()
        self.calibration = widgets.HTML()
        self.refresh = widgets.Button(description="Refresh", tooltip="Read your saved progress again")
        self.export = widgets.Button(description="Export progress", tooltip="Make a file of your progress to keep")
        self.download = widgets.HTML()
        self.upload = widgets.FileUpload(
            accept=".json",
            multiple=False,
            description="Import progress",
            icon="",  # the icon font is not there in an exported page
            tooltip="Choose a progress file you exported earlier",
            layout=widgets.Layout(width="auto"),
        )
        self.refresh.on_click(self._on_refresh_click)
        self.export.on_click(self._on_export_click)
        self.upload.observe(self._on_upload_value, names="value")
        keep = widgets.HTML(
            '<h4 style="margin:0.8em 0 0.2em">Keep your progress</h4>'
            f'<p style="{_TEXT_CSS}">Export progress makes a download link for a file of your answers.'
            " Import progress reads such a file back and adds it to the progress saved here.</p>"
        )
        buttons = widgets.HBox(
            [self.refresh, self.export, self.upload], layout=widgets.Layout(flex_flow="row wrap", align_items="center")
        )
        super().__init__(
            [
                style_widget(),
                self.heading,
                self.who,
                self.message,
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
        if progress is None:
            self.who.value = (
                f'<p style="{_TEXT_CSS}">No answers are saved on this computer yet. Answer a quiz question,'
                " then press Refresh; or import a progress file you exported earlier.</p>"
            )
        else:
            count = len(progress.responses)
            self.who.value = (
                f'<p style="{_TEXT_CSS}">Learner id <strong>{escape(progress.learner_id)}</strong>'
                f" (a pseudonym): {count} answer{'' if count == 1 else 's'} saved.</p>"
            )
        dashboard = summarise(progress or _empty(), self.banks)
        self.objectives.value = objectives_html(dashboard, self.course)
        self.must_pass.value = must_pass_html(dashboard, self.banks)
        self.calibration.value = calibration_html(dashboard, self.banks)

    def _on_refresh_click(self, button: widgets.Button) -> None:
        self.message.value = ""
        self.update()

    def _on_export_click(self, button: widgets.Button) -> None:
        progress = self._load()
        if progress is None or not progress.responses:
            self.download.value = message_html("Nothing to export yet: answer a quiz question first.")
            return
        self.download.value = download_link_html(progress)

    def _on_upload_value(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return  # the upload was cleared (below)
        upload = files[0]
        self.upload.value = ()  # so the same file can be chosen again
        self.import_file(upload.get("name", "the file"), upload["content"])

    def import_file(self, name: str, content: bytes | memoryview) -> None:
        """Check ``content`` and merge it into the saved progress; say what happened in plain words."""
        self.download.value = ""
        if len(content) > MAX_IMPORT_BYTES:
            self.message.value = message_html(
                f"‘{name}’ is too large to be a progress file from this course; nothing was imported.", "wrong"
            )
            return
        current = self._load()
        try:
            merged = import_progress(bytes(content), into=current)
        except ProgressError as err:
            self.message.value = message_html(f"‘{name}’ was not imported. {err}", "wrong")
            return
        save_progress(merged, self.progress_dir)
        set_current_learner(merged.learner_id, self.progress_dir)
        if self.fixed_learner is not None:
            self.fixed_learner = merged.learner_id
        before = len(current.responses) if current is not None else 0
        added = len(merged.responses) - before
        self.message.value = message_html(
            f"✔ Imported ‘{name}’: {added} new answer{'' if added == 1 else 's'}, {len(merged.responses)} in all."
            f" Your learner id is now {merged.learner_id}.",
            "right",
        )
        self.update()

    def static_html(self) -> str:
        """What a page without a kernel shows: what the dashboard is, never anyone's progress."""
        return (
            '<section aria-label="Your progress">'
            '<h3 style="margin:0.3em 0">Your progress</h3>'
            f'<p style="{_TEXT_CSS}">{escape(_STATIC_TEXT)}</p></section>'
        )

    def __repr__(self) -> str:
        return "Progress dashboard: objectives met, must-pass questions still open, calibration (needs a live kernel)"


def _empty() -> Progress:
    return new_progress("learner-000000")  # no answers: only the (unused) id is needed


def show_progress(
    bank_ids: str | Sequence[str] | None = None,
    learner: str | None = None,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    progress_dir: str | os.PathLike[str] | None = None,
) -> ProgressDashboard:
    """Your progress over ``bank_ids`` (every question bank if None), with export and import.

    ``data_dir`` and ``progress_dir`` point at other content and another progress folder (for tests).
    """
    course = load_course(data_dir)
    banks = {bank.id: bank for bank in course.of_kind("quiz")}
    ids = list(banks) if bank_ids is None else [bank_ids] if isinstance(bank_ids, str) else list(bank_ids)
    unknown = [i for i in ids if i not in banks]
    if unknown:
        known = ", ".join(sorted(banks)) or "(none yet)"
        raise ValueError(f"unknown question bank(s) {', '.join(map(repr, unknown))}; banks: {known}")
    return ProgressDashboard([banks[i] for i in ids], course, learner, progress_dir)
