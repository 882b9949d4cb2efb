"""What the widgets share: the scoped stylesheet (:func:`course.render.widget_stylesheet`), message boxes,
and the Import progress control of the start panel and the progress dashboard."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from course import render
from course.progress import ImportResult, ProgressError, import_and_save
from course.render import progress as render_progress

#: Larger uploads are refused before they are read: a progress file is a few hundred kilobytes at most.
MAX_IMPORT_BYTES = 5_000_000

WIDGET_CLASS = render.WIDGET_CLASS


def style_widget() -> widgets.HTML:
    """The scoped CSS, as an (invisible) HTML widget to put first in a view."""
    # A <style> element applies even inside an element that is not displayed.
    return widgets.HTML(str(render.widget_stylesheet()), layout=widgets.Layout(display="none"))


def message_html(text: str, kind: str = "note") -> str:
    """A plain-text message in a box, escaped."""
    return str(render.message(text, kind))


def progress_upload(on_file: Callable[[str, bytes | memoryview], None]) -> widgets.FileUpload:
    """The "Import progress" control: each chosen file goes to ``on_file(name, content)``, then it is cleared
    so the same file can be chosen again."""
    upload = widgets.FileUpload(
        accept=".json",
        multiple=False,
        description="Import progress",
        icon="",  # the icon font is not there in an exported page
        tooltip="Choose a progress file you exported earlier",
        layout=widgets.Layout(width="auto"),
    )

    def chosen(change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return  # the upload was cleared (below)
        upload.value = ()
        on_file(files[0].get("name", "the file"), files[0]["content"])

    upload.observe(chosen, names="value")
    return upload


def import_upload(
    name: str,
    content: bytes | memoryview,
    learner: str | None,
    progress_dir: str | os.PathLike[str] | None,
    limit: int = MAX_IMPORT_BYTES,
) -> tuple[str, ImportResult | None]:
    """Check an uploaded file and merge it into the saved progress: the message to show, and what was imported."""
    if len(content) > limit:
        return str(render_progress.import_too_large(name)), None
    try:
        imported = import_and_save(bytes(content), learner, progress_dir)
    except ProgressError as err:
        return str(render_progress.import_refused(name, str(err))), None
    return str(render_progress.import_done(name, imported.added, imported.progress)), imported
