"""Learner paths, driven through the page with mouse and keyboard as a learner would.

Each path lands with the feature it exercises: the timeline explorer first.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser.harness import (
    CURRENT,
    REPO,
    download_export,
    inspect_run,
    open_notebook,
    run_all_cells,
    text_of_locator,
    wait_for_text,
    watch,
)

TIMELINE_PRACTICE = "exercises/timeline-practice.ipynb"


def opened_and_run(lab, page, notebook: str):
    """``notebook`` opened in JupyterLab and run top to bottom with no error; the page, ready to use."""
    assert (REPO / notebook).exists(), f"{notebook} is missing"
    seen = watch(page)
    open_notebook(page, lab, notebook)
    run_all_cells(page)
    assert inspect_run(page, seen).problems() == []
    return page


@pytest.fixture
def timeline_page(lab, page):
    return opened_and_run(lab, page, TIMELINE_PRACTICE)


def test_scrubbing_lip_filler_to_day_3_shows_vascular_occlusion_as_must_not_miss(timeline_page, screenshots):
    page = timeline_page
    explorer = page.locator(f"{CURRENT} .jp-OutputArea-output > .jupyter-widgets").first
    explorer.scroll_into_view_if_needed()
    wait_for_text(explorer, "Must not miss on day 3")

    # Two clicks back: day 2 (half-day steps in the first three days).
    earlier = explorer.get_by_role("button", name="− Earlier")
    earlier.click()
    earlier.click()
    wait_for_text(explorer, "Must not miss on day 2")

    # Then the keyboard on the slider: two steps right, back to day 3.
    handle = explorer.locator(".noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    content = wait_for_text(explorer, "Must not miss on day 3")

    must_not_miss = content.split("Must not miss on day 3")[1].split("Also in their usual window")[0]
    assert "VO stage 3: clustered pustules, often on dusky skin" in must_not_miss
    assert "vascular occlusion" in must_not_miss and "[MURRAY-VO21]" in must_not_miss
    page.screenshot(path=str(screenshots / "learner-path-timeline-day-3.png"))


def test_microneedling_milia_read_in_weeks(timeline_page):
    explorer = timeline_page.locator(f"{CURRENT} .jp-OutputArea-output > .jupyter-widgets").nth(1)
    explorer.scroll_into_view_if_needed()
    content = wait_for_text(explorer, "Milia (tiny firm white cysts)")
    assert "Milia (tiny firm white cysts): from week 1 (day 7)" in content


# --- The practice quiz: answer through the page, read the feedback, keep the progress --------

PRACTICE_QUIZ = "exercises/practice-quiz.ipynb"


@pytest.fixture
def quiz_page(lab, page):
    return opened_and_run(lab, page, PRACTICE_QUIZ)


def _first_question(learner: str):
    """The question the practice notebook shows ``learner`` first, and its right and a wrong option, from the bank."""
    from course.content import load_course
    from course.quiz import draw_items

    bank = next(b for b in load_course().of_kind("quiz") if b.id == "01-skin-healing")
    item = draw_items(bank, learner, per_objective=1)[0]
    assert item.type == "single-choice", "the path below answers a single-choice question"
    right = next(o.text for o in item.options if o.correct)
    wrong = next(o.text for o in item.options if not o.correct)
    return item, right, wrong


def test_answering_a_quiz_question_gives_feedback_and_the_progress_can_be_downloaded(quiz_page, screenshots):
    page = quiz_page
    outputs = page.locator(f"{CURRENT} .jp-OutputArea-output > .jupyter-widgets")
    quiz, dashboard = outputs.nth(0), outputs.nth(1)
    quiz.scroll_into_view_if_needed()
    wait_for_text(quiz, "Question 1 of")
    # The quiz answers as this server's learner (conftest.practice_learner), and says which.
    learner = re.search(r"under the learner id (learner-[0-9a-f]+)", text_of_locator(quiz)).group(1)
    item, right, wrong = _first_question(learner)
    assert item.stem.split()[0] in text_of_locator(quiz)

    # A wrong answer with the mouse: the verdict in words, and a hint.
    quiz.get_by_label(wrong, exact=True).click()
    quiz.get_by_label("1: not sure (right +1, wrong 0)", exact=True).click()
    quiz.get_by_role("button", name="Submit").click()
    content = wait_for_text(quiz, "✘ Not quite.")
    assert "Hint:" in content

    # Then the right answer with the keyboard alone: Tab to the option, Space to choose it and to press Submit.
    # (ipywidgets' radio buttons are separate tab stops, chosen with Space rather than the arrow keys.)
    quiz.locator("input[type=radio]").first.focus()
    target = quiz.get_by_label(right, exact=True)
    for _ in range(8):
        if target.evaluate("element => element === document.activeElement"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert target.is_checked()
    submit = quiz.get_by_role("button", name="Submit")
    for _ in range(8):
        if submit.evaluate("element => element === document.activeElement"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    content = wait_for_text(quiz, "✔ Correct.")
    assert f"✔ Your choice: {right}" in content
    page.screenshot(path=str(screenshots / "learner-path-quiz-feedback.png"))

    # The dashboard counts both answers, and Export progress gives a file to download.
    dashboard.scroll_into_view_if_needed()
    dashboard.get_by_role("button", name="Refresh").click()
    wait_for_text(dashboard, "2 answers saved")
    download = download_export(page, dashboard)
    assert download.suggested_filename == f"progress-{learner}.json"
    saved = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert saved["learner_id"] == learner
    assert [(r["item_id"], r["correct"]) for r in saved["responses"]] == [(item.id, False), (item.id, True)]


# --- Unfolding cases and the symptom checker: commit to a decision, then read the feedback ---------

UNFOLDING_CASES = "exercises/unfolding-cases.ipynb"
SYMPTOM_CHECKER = "exercises/symptom-checker.ipynb"


def _run_notebook(lab, page, path):
    if not (REPO / path).exists():
        pytest.fail(f"{path} is missing")
    seen = watch(page)
    open_notebook(page, lab, path)
    run_all_cells(page)
    assert inspect_run(page, seen).problems() == []
    return page


def _widget(page, text: str):
    widget = page.locator(f"{CURRENT} .jp-OutputArea-output > .jupyter-widgets", has_text=text).first
    widget.scroll_into_view_if_needed()
    return widget


def test_working_case_a_flags_monitor_on_day_3_as_a_critical_error(lab, page, screenshots):
    _run_notebook(lab, page, UNFOLDING_CASES)
    case = _widget(page, "Case A: Spots on day 3")
    wait_for_text(case, "Stage 1. Day 1: a message the day after her filler")
    assert "Stage 2." not in text_of_locator(case)
    commit = case.get_by_role("button", name="Commit to this decision")

    # Committing without a choice only asks for one.
    commit.first.click()
    wait_for_text(case, "Choose a decision first.")
    assert "Stage 2." not in text_of_locator(case)

    # Day 1: expected healing.
    case.locator("select").nth(0).select_option(label="Monitor, with gentle care")
    commit.first.click()
    wait_for_text(case, "Stage 2. Day 3: she arrives for her facial")

    # Day 3: "monitor" is the dangerous answer.
    case.locator("select").nth(1).select_option(label="Monitor, with gentle care")
    commit.nth(1).click()
    content = wait_for_text(case, "Critical error: under-triage.")
    flag = content.split("Critical error: under-triage.")[1].split("Your decision")[0]
    assert "vascular occlusion" in flag and "Urgent" in flag
    content = wait_for_text(case, "Your decisions in this case")
    assert "Critical errors: 1." in content and "Score: 1 of 2" in content
    page.screenshot(path=str(screenshots / "learner-path-case-a-critical.png"))

    # Start again, and this time contact the injector now.
    case.get_by_role("button", name="Start again").click()
    # The case draws itself again: wait until the old stages are gone, not just for a text both share.
    for _ in range(100):
        if "Stage 2." not in text_of_locator(case):
            break
        page.wait_for_timeout(100)
    assert "Stage 2." not in text_of_locator(case), "Start again left the second stage showing"
    wait_for_text(case, "Stage 1. Day 1")
    case.locator("select").nth(0).select_option(label="Monitor, with gentle care")
    case.get_by_role("button", name="Commit to this decision").first.click()
    wait_for_text(case, "Stage 2. Day 3")
    case.locator("select").nth(1).select_option(
        label="Urgent: contact the practitioner who did the treatment now (within the hour)"
    )
    case.get_by_role("button", name="Commit to this decision").nth(1).click()
    content = wait_for_text(case, "Critical errors: 0.")
    assert "Score: 2 of 2" in content and "Critical error: under-triage" not in content


def test_the_symptom_checker_from_ticking_to_reading_the_result(lab, page, screenshots):
    _run_notebook(lab, page, SYMPTOM_CHECKER)
    checker = _widget(page, "What do you observe?")
    checker.get_by_role(
        "checkbox", name='Pustules or "whiteheads" in a cluster in the treated or injected area'
    ).check()
    checker.get_by_role("checkbox", name="A grey, blue-grey or dusky area").check()
    level = checker.locator("select", has=page.locator("option", has_text="Choose an action level"))
    check = checker.get_by_role("button", name="Check my decision")

    check.click()
    wait_for_text(checker, "Choose an action level first.")

    level.select_option(label="Monitor, with gentle care")
    check.click()
    content = wait_for_text(checker, "Critical error: under-triage.")
    assert "vascular occlusion" in content.split("Critical error: under-triage.")[1]
    assert "Scope of practice." in content and "Educational use only." in content
    page.screenshot(path=str(screenshots / "learner-path-symptom-checker-critical.png"))

    # A new level clears the result: commit again.
    level.select_option(label="Urgent: contact the practitioner who did the treatment now (within the hour)")
    wait_for_text(checker, "Tick what you observe, choose your action level")
    check.click()
    content = wait_for_text(checker, "Correct: your level is the course's level.")
    assert "Early signs of a blocked blood vessel after filler" in content
    assert "Within your role:" in content and "Outside your role (refer):" in content
