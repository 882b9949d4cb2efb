"""The self-learner's whole path, with no dead ends and no code to edit.

Choose a role in the start notebook, answer questions in lessons 1 and 3, export the progress;
then the session ends (the server stops and its progress folder is gone, as on Binder). On a new
server, a day later, import the file in the start notebook and find everything again in
"My progress": the same answers, the question answered wrong due for review, and lessons 1 and 3
in the record of completion.
"""

from __future__ import annotations

import shutil
import time
from datetime import datetime, timedelta
from pathlib import Path

import nbformat

from course.completion import build_record
from course.content import load_course
from course.progress import import_progress
from course.review import plan
from course.start import ROLE_LABELS
from course.widgets.review import NOW_ENV_VAR, REVIEW_LIMIT
from tests.browser.harness import (
    CURRENT,
    REPO,
    Lab,
    download_export,
    inspect_run,
    jupyterlab,
    open_notebook,
    run_all_cells,
    text_of_locator,
    wait_for_text,
    watch,
    widget_showing,
)

START, LESSON_1, LESSON_3, MY_PROGRESS = (
    "notebooks/00-start-here.ipynb",
    "notebooks/01-skin-healing.ipynb",
    "notebooks/03-timelines-filler.ipynb",
    "notebooks/my-progress.ipynb",
)
ROLE = "self-learner"
COURSE = load_course()
#: (bank, item, answered right?) in the order the learner answers them.
ANSWERS = [
    ("01-skin-healing", "comedone-pustule-a", False),  # wrong: due for review a day later
    ("01-skin-healing", "claim-check-c", True),
    ("01-skin-healing", "claim-check-a", True),  # with claim-check-c: objective L1.O4 met
    ("03-timelines-filler", "not-cold-sore-b", True),
]


def _option(bank_id: str, item_id: str, right: bool) -> str:
    return next(o.text for o in COURSE.bank(bank_id).item(item_id).options if o.correct is right)


def _stem(bank_id: str, item_id: str) -> str:
    return COURSE.bank(bank_id).item(item_id).stem


def _widget(page, text: str):
    return widget_showing(page, CURRENT, text)


def _screenshot_from(page, widget, path: Path) -> None:
    """The window with ``widget`` at its top: a tall widget reads better so than cut out of its notebook."""
    widget.evaluate("element => element.scrollIntoView({block: 'start'})")
    time.sleep(0.3)
    page.screenshot(path=str(path))


def _code_on_disk(path: Path) -> list[str]:
    return [c.source.strip() for c in nbformat.read(path, 4).cells if c.cell_type == "code"]


def _run(page, lab: Lab, notebook: str) -> None:
    """Open ``notebook``, run every cell (Run > Run All Cells) with no error; its code is what is on disk."""
    seen = watch(page)
    open_notebook(page, lab, notebook)
    run_all_cells(page)
    assert inspect_run(page, seen).problems() == []
    shown = [text.strip() for text in page.locator(f"{CURRENT} .jp-CodeCell .cm-content").all_inner_texts()]
    assert shown == _code_on_disk(REPO / notebook), f"{notebook}: the code cells differ from the repository's"


def _answer(quiz, bank_id: str, item_id: str, right: bool) -> None:
    """Choose the right (or a wrong) option of the question shown and press Submit."""
    wait_for_text(quiz, _stem(bank_id, item_id))
    quiz.get_by_label(_option(bank_id, item_id, right), exact=True).click()
    quiz.get_by_role("button", name="Submit").click()
    wait_for_text(quiz, "✔ Correct." if right else "✘ Not quite.")


def _role_checked(start) -> str | None:
    for role, label in ROLE_LABELS.items():
        if start.get_by_label(label, exact=True).is_checked():
            return role
    return None


def test_progress_exported_on_one_server_comes_back_on_a_new_one_with_review_and_record(
    browser, lab_root, tmp_path, screenshots, monkeypatch
):
    began = time.monotonic()
    for name in ("COURSE_LEARNER", NOW_ENV_VAR):  # a learner as on Binder: a new random id, the real clock
        monkeypatch.delenv(name, raising=False)
    scratch = tmp_path / "lab"
    exported = tmp_path / "exported-progress.json"

    # --- The first session: role, answers in lessons 1 and 3, export -------------------------------
    with jupyterlab(lab_root, scratch) as lab:
        context = browser.new_context(viewport={"width": 1280, "height": 1400})
        page = context.new_page()
        _run(page, lab, START)
        start = _widget(page, "Import progress")
        assert _role_checked(start) is None
        start.get_by_label(ROLE_LABELS[ROLE], exact=True).click()
        wait_for_text(start, f"✔ Saved: {ROLE_LABELS[ROLE]}.")
        start.screenshot(path=str(screenshots / "self-learner-start-role-chosen.png"))

        _run(page, lab, LESSON_1)
        first = _widget(page, _stem("01-skin-healing", "comedone-pustule-a"))
        _answer(first, *ANSWERS[0])
        first.get_by_role("button", name="Next →").click()
        wait_for_text(first, "Question 2 of 2")
        _answer(first, *ANSWERS[1])
        _answer(_widget(page, _stem("01-skin-healing", "claim-check-a")), *ANSWERS[2])
        lesson_progress = _widget(page, "Export progress")
        lesson_progress.get_by_role("button", name="Refresh").click()
        wait_for_text(lesson_progress, "3 answers saved")

        _run(page, lab, LESSON_3)
        _answer(_widget(page, _stem("03-timelines-filler", "not-cold-sore-b")), *ANSWERS[3])
        lesson_progress = _widget(page, "Export progress")
        lesson_progress.get_by_role("button", name="Refresh").click()
        wait_for_text(lesson_progress, "4 answers saved")
        download_export(page, lesson_progress).save_as(exported)
        context.close()
        assert lab.progress_dir is not None and lab.progress_dir.is_dir()
        progress_dir = lab.progress_dir

    assert lab.process.poll() is not None, "the first server is still running"
    saved = import_progress(exported.read_text(encoding="utf-8"))
    assert saved.role == ROLE
    assert [(r.bank_id, r.item_id, r.correct) for r in saved.responses] == ANSWERS

    # --- The session ends: the server stops and every answer on this machine is gone ------------
    shutil.rmtree(progress_dir)
    last_answer = max(datetime.fromisoformat(r.answered_at.replace("Z", "+00:00")) for r in saved.responses)
    a_day_later = last_answer + timedelta(days=1, hours=1)
    due = plan(saved.responses, COURSE.banks, a_day_later, REVIEW_LIMIT).due
    assert [(item.bank_id, item.last_item_id) for item in due] == [("01-skin-healing", "comedone-pustule-a")]
    assert not plan(saved.responses, COURSE.banks, last_answer + timedelta(hours=23), REVIEW_LIMIT).due

    # --- A new server a day later: import in the start notebook, then My progress ---------------
    with jupyterlab(lab_root, scratch, env={NOW_ENV_VAR: a_day_later.isoformat()}) as lab:
        assert not progress_dir.exists()
        context = browser.new_context(viewport={"width": 1280, "height": 1400})
        page = context.new_page()
        _run(page, lab, START)
        start = _widget(page, "Import progress")
        assert _role_checked(start) is None  # nothing of the first session is left
        # The upload button opens the file chooser (its <input type=file> is never in the page).
        with page.expect_file_chooser() as chooser:
            start.get_by_role("button", name="Import progress").click()
        chooser.value.set_files(str(exported))
        wait_for_text(start, f"✔ Imported ‘{exported.name}’: 4 new answers, 4 in all.")
        assert f"Your learner id is now {saved.learner_id}." in text_of_locator(start)
        assert _role_checked(start) == ROLE
        start.screenshot(path=str(screenshots / "self-learner-start-imported.png"))

        _run(page, lab, MY_PROGRESS)
        record = build_record(saved, COURSE)
        dashboard = _widget(page, "Export progress")
        dashboard_text = wait_for_text(dashboard, f"{saved.learner_id} (a pseudonym): 4 answers saved.")
        assert f"Lessons: {record.lessons_complete} of {len(record.lessons)} complete" in dashboard_text
        for line in record.lessons:
            started = f"{line.answered} question{'' if line.answered == 1 else 's'} answered"
            shown = f"{line.number}. {line.title} {started if line.answered else 'not started'}"
            assert f"{shown} {line.objectives_met} of {line.objectives_total}" in dashboard_text, shown
        assert [line.number for line in record.lessons if line.answered] == [1, 3]
        assert dashboard_text.count("not started") == len(record.lessons) - 2

        review = _widget(page, "due for review")
        review_text = text_of_locator(review)
        assert "1 question due for review (from " in review_text
        offered = COURSE.bank(due[0].bank_id).item(due[0].offer_item_id)
        assert offered.id != "comedone-pustule-a" and offered.stem in review_text  # a parallel version
        assert review.get_by_role("button", name="Submit").count() == 1
        review.screenshot(path=str(screenshots / "self-learner-my-progress-review.png"))

        completion = _widget(page, "Make my record")
        completion.get_by_role("button", name="Make my record").click()
        preview = wait_for_text(completion, "Lessons, learning objectives met and CPD minutes counted")
        lesson_1, lesson_3 = (next(line for line in record.lessons if line.number == n) for n in (1, 3))
        assert lesson_1.objectives_met == 1 and lesson_3.answered == 1
        for line in (lesson_1, lesson_3):
            must_pass = str(line.must_pass_open) if line.must_pass_open else "none"
            row = f"{line.number:02d} {line.title} {line.objectives_met} of {line.objectives_total} {must_pass}"
            assert row in preview, row
        _screenshot_from(page, dashboard, screenshots / "self-learner-my-progress.png")
        _screenshot_from(page, completion, screenshots / "self-learner-my-progress-record.png")
        context.close()

    # No code cell was edited: the notebooks served keep the repository's code, whatever JupyterLab saved.
    for notebook in (START, LESSON_1, LESSON_3, MY_PROGRESS):
        assert _code_on_disk(lab_root / notebook) == _code_on_disk(REPO / notebook), notebook
    print(f"self-learner path: {time.monotonic() - began:.0f} s")
