"""Learner mode: the course in Voilà, started as ``make learn`` starts it, in Chromium.

One server for the module. Every request to another host is refused and counted (the count
must stay 0), and the page must log no console error.
"""

from __future__ import annotations

import json
import re
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from course.content import load_course
from course.locations import progress_file
from course.progress import current_learner_id, import_progress
from tests.browser.harness import (
    LEARN_START,
    REPO,
    download_export,
    learner_mode,
    text_of_locator,
    wait_for_text,
    wait_for_voila,
    widget_showing,
)
from tests.browser.test_accessibility import AXE, axe_violations

LESSON_2, LESSON_3, MY_PROGRESS = (
    "notebooks/02-look-alikes.ipynb",
    "notebooks/03-timelines-filler.ipynb",
    "notebooks/my-progress.ipynb",
)
COURSE = load_course()
CELLS = "#rendered_cells"


@pytest.fixture(scope="module")
def learn(browser, lab_root, tmp_path_factory):
    with learner_mode(lab_root, tmp_path_factory.mktemp("learn")) as server:
        yield server


def _widget(page, text: str):
    return widget_showing(page, CELLS, text, timeout=30)


def _first_single_choice_question(notebook: Path):
    """The first quiz of the notebook that opens on a single-choice question: that question."""
    for source in _notebook_sources(notebook, "code"):
        call = re.match(r'course\.show_quiz\("([a-z0-9-]+)", \["([a-z0-9-]+)"', source)
        if call:
            item = COURSE.bank(call.group(1)).item(call.group(2))
            if item.type == "single-choice":
                return item
    raise AssertionError(f"{notebook.name} shows no quiz that opens on a single-choice question")


def _kernels(learn) -> list[dict]:
    with urllib.request.urlopen(f"http://127.0.0.1:{learn.port}/api/kernels?token={learn.token}", timeout=10) as answer:
        return json.loads(answer.read())


def _notebook_sources(path: Path, cell_type: str, tag: str | None = None) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [
        "".join(c["source"]).strip()
        for c in cells
        if c["cell_type"] == cell_type and (tag is None or tag in c["metadata"].get("tags", []))
    ]


def test_make_learn_opens_the_start_notebook_and_its_lesson_map_leads_to_lesson_3(learn, watched, screenshots):
    page, seen = watched
    page.goto(learn.home())
    wait_for_voila(page)
    assert urlparse(page.url).path == f"/voila/render/{LEARN_START}"
    assert "Start here" in page.title()

    page.locator(CELLS).get_by_role("link", name="Timelines I: after lip filler").first.click()
    page.wait_for_url(f"**/voila/render/{LESSON_3}", timeout=30_000)
    wait_for_voila(page)
    cells = page.locator(CELLS)
    # Leaving the start page shut its kernel down: one kernel runs, lesson 3's.
    deadline = time.monotonic() + 15
    while len(_kernels(learn)) > 1 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert len(_kernels(learn)) == 1, "the start page's kernel is still running"

    # No code, no prompts, no instructor notes: what the student build keeps, as pages.
    assert page.locator(".jp-InputPrompt, .jp-OutputPrompt, .jp-InputArea-editor, .cm-editor").count() == 0
    shown = text_of_locator(cells)
    for source in _notebook_sources(REPO / LESSON_3, "code"):
        assert source not in shown, f"code is shown: {source}"
    notes = _notebook_sources(REPO / LESSON_3, "markdown", tag="instructor")
    assert notes and "Instructor note." not in shown

    # The timeline: move the day control, and the day's lists follow.
    explorer = _widget(page, "Must not miss on day 0")
    later = explorer.get_by_role("button", name="Later +")
    for _ in range(6):  # half-day steps in the first three days
        later.click()
    content = wait_for_text(explorer, "Must not miss on day 3")
    assert "VO stage 3: clustered pustules" in content.split("Must not miss on day 3")[1]
    handle = explorer.locator(".noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowLeft")
    wait_for_text(explorer, "Must not miss on day 2.5")
    page.screenshot(path=str(screenshots / "learner-mode-lesson-3-timeline.png"))

    # A quiz item: answer, read the feedback.
    item = _first_single_choice_question(REPO / LESSON_3)
    right = next(o.text for o in item.options if o.correct)
    quiz = _widget(page, item.stem)
    quiz.get_by_label(right, exact=True).click()
    quiz.get_by_role("button", name="Submit").click()
    content = wait_for_text(quiz, "✔ Correct.")
    assert f"✔ Your choice: {right}" in content
    quiz.evaluate("element => element.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(screenshots / "learner-mode-lesson-3-quiz.png"))

    # Saved where JupyterLab saves it: the learner's progress file.
    learner = current_learner_id(learn.progress_dir, create=False)
    assert learner is not None and f"under the learner id {learner}" in text_of_locator(quiz)
    saved = import_progress(progress_file(learner, learn.progress_dir).read_text(encoding="utf-8"))
    assert [(r.item_id, r.correct) for r in saved.responses] == [(item.id, True)]
    seen.assert_clean()


def test_progress_in_learner_mode_imports_exports_and_makes_the_record(learn, watched, tmp_path):
    page, seen = watched
    page.goto(learn.url(MY_PROGRESS))
    wait_for_voila(page)
    example = REPO / "tests" / "data" / "progress" / "v1-example.json"
    answers = json.loads(example.read_text(encoding="utf-8"))["responses"]

    dashboard = _widget(page, "Export progress")
    with page.expect_file_chooser() as chooser:
        dashboard.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(str(example))
    wait_for_text(dashboard, f"✔ Imported ‘{example.name}’")

    download = download_export(page, dashboard)
    exported = import_progress(Path(download.path()).read_text(encoding="utf-8"))
    assert {a["item_id"] for a in answers} <= {r.item_id for r in exported.responses}
    assert len(exported.responses) >= len(answers)

    completion = _widget(page, "Make my record")
    completion.get_by_role("button", name="Make my record").click()
    wait_for_text(completion, "Lessons, learning objectives met and CPD minutes counted")
    record = completion.get_by_role("link", name="Download your record of completion")
    with page.expect_download() as download_info:
        record.click()
    assert download_info.value.suggested_filename.startswith("record-of-completion-")
    assert "Record of completion" in Path(download_info.value.path()).read_text(encoding="utf-8")
    seen.assert_clean()


def test_lesson_2_in_learner_mode_passes_axe(learn, watched, screenshots):
    assert AXE.exists(), "axe-core is missing: run `npm ci`"
    page, seen = watched
    page.goto(learn.url(LESSON_2))
    wait_for_voila(page)
    _widget(page, "Question")
    page.screenshot(path=str(screenshots / "learner-mode-lesson-2.png"))
    assert axe_violations(page) == []
    seen.assert_clean()
