"""A class of three on a real JupyterHub, each learner in their own Chromium.

The hub (JupyterHub with configurable-http-proxy, the dummy authenticator and the
local process spawner) runs on 127.0.0.1; the course is pulled by nbgitpuller from a
git repository served on 127.0.0.1 and made from a commit of the current files.
The learners' kernels import the course laid out as an installed package, and the
spawner sets each learner's HOME and nothing else: where progress is kept is the
course's own default. Every page request to another host is refused and recorded.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest

from course.class_report import build_report
from course.content import load_course
from course.links import START_NOTEBOOK
from tests.browser.harness import (
    CURRENT,
    REPO,
    download_export,
    expected_widgets,
    inspect_run,
    run_all_cells,
    wait_for_notebook,
    wait_for_text,
    watch,
)
from tests.hub.harness import REPO_NAME, course_origin, git, installed_course, jupyterhub, stop_hub

LEARNERS = ["ada", "ben", "cleo"]
LESSON_1 = "notebooks/01-skin-healing.ipynb"
MY_PROGRESS = "notebooks/my-progress.ipynb"
BANK, ITEM = "01-skin-healing", "comedone-pustule-a"  # the first question lesson 1 shows
PROGRESS = Path(".local/share/whitespots-course/progress")  # under HOME: the user data directory on Linux


def _choices() -> list[tuple[str, str, bool]]:
    """(option id, option text, correct) of the question each learner answers: one option each."""
    bank = next(b for b in load_course().of_kind("quiz") if b.id == BANK)
    item = next(i for i in bank.items if i.id == ITEM)
    assert item.type == "single-choice"
    right = [(o.id, o.text, True) for o in item.options if o.correct]
    wrong = [(o.id, o.text, False) for o in item.options if not o.correct]
    return [right[0], wrong[0], wrong[1]]


def _open(page, hub, user: str, path: str) -> None:
    page.goto(f"{hub.url}/user/{user}/lab/tree/{REPO_NAME}/{path}?reset")
    wait_for_notebook(page, timeout=120)


def _run(page, seen, notebook: Path) -> None:
    run_all_cells(page, timeout=240)
    assert inspect_run(page, seen, expected_widgets(notebook)).problems() == [], notebook.name


def _save(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="File").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Save Notebook").first.click()


def _wait_until_saved(page, path: Path, before: bytes, timeout: float = 30) -> bytes:
    """The notebook's new content once JupyterLab has written it (changed, whole JSON, and steady)."""
    deadline = time.monotonic() + timeout
    last = before
    while time.monotonic() < deadline:
        # Waiting through the page, not time.sleep: the requests it sends pass through
        # watch()'s route handler, which runs only while Playwright is called.
        page.wait_for_timeout(500)
        now = path.read_bytes()
        if now != before and now == last:
            try:
                json.loads(now)
            except ValueError:
                pass
            else:
                return now
        last = now
    raise AssertionError(f"{path.name} was not saved")


def _log_in_and_pull(page, link: str, user: str, password: str) -> None:
    """Follow the nbgitpuller link as a learner does: the hub asks who they are, starts their server, pulls."""
    page.goto(link)
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(password)
    page.locator("#login_submit").click()
    wait_for_notebook(page, timeout=180)  # the server starts, nbgitpuller clones, JupyterLab opens the notebook


def _learner_session(browser, hub, link: str, user: str, password: str, choice: tuple[str, str, bool]) -> dict:
    """One learner: log in, pull, run the start notebook, answer in lesson 1, export. Returns what they saw."""
    context = browser.new_context(viewport={"width": 1280, "height": 1400}, accept_downloads=True)
    page = context.new_page()
    seen = watch(page)
    copy = hub.home(user) / REPO_NAME

    _log_in_and_pull(page, link, user, password)
    assert page.url.split("?")[0].endswith(f"/user/{user}/lab/tree/{REPO_NAME}/{START_NOTEBOOK}")
    _run(page, seen, copy / START_NOTEBOOK)

    _open(page, hub, user, LESSON_1)
    _run(page, seen, copy / LESSON_1)
    _, option_text, correct = choice
    quiz = page.locator(f"{CURRENT} .jp-OutputArea-output > .jupyter-widgets", has_text="Question 1 of").first
    quiz.scroll_into_view_if_needed()
    wait_for_text(quiz, "What starts a closed comedone", timeout=15)
    quiz.get_by_label(option_text, exact=True).click()
    quiz.get_by_role("button", name="Submit").click()
    wait_for_text(quiz, "✔ Correct." if correct else "✘ Not quite.", timeout=15)
    unsaved = (copy / LESSON_1).read_bytes()
    _save(page)
    saved = _wait_until_saved(page, copy / LESSON_1, unsaved)

    _open(page, hub, user, MY_PROGRESS)
    _run(page, seen, copy / MY_PROGRESS)
    dashboard = page.locator(f"{CURRENT} .jp-OutputArea-output > .jupyter-widgets", has_text="Export progress").first
    dashboard.scroll_into_view_if_needed()
    exported = json.loads(Path(download_export(page, dashboard, timeout=15).path()).read_text(encoding="utf-8"))
    return {"context": context, "page": page, "seen": seen, "exported": exported, "saved_lesson": saved}


def _answers(progress: dict) -> list[tuple[str, str, object, bool]]:
    return [(r["bank_id"], r["item_id"], r["answer"], r["correct"]) for r in progress["responses"]]


def test_three_learners_pull_the_course_on_a_hub_and_keep_their_own_progress(browser, hub_tools, tmp_path):
    began = time.monotonic()
    password = secrets.token_urlsafe(12)
    choices = dict(zip(LEARNERS, _choices(), strict=True))
    checkout_progress = sorted((REPO / "progress").glob("*")) if (REPO / "progress").is_dir() else []

    with course_origin(tmp_path / "origin") as origin:
        site = installed_course(origin.work, tmp_path / "site-packages")
        with jupyterhub(tmp_path / "hub", LEARNERS, password, environment={"PYTHONPATH": str(site)}) as hub:
            link = subprocess.run(
                [sys.executable, "-m", "course", "link", "--hub", hub.url, "--repo", origin.url, "--branch", "main"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            sessions = {user: _learner_session(browser, hub, link, user, password, choices[user]) for user in LEARNERS}

            # Each learner has their own copy of the course, at the commit the link names.
            head = git("rev-parse", "main", cwd=origin.work).strip()
            for user in LEARNERS:
                copy = hub.home(user) / REPO_NAME
                assert (copy / START_NOTEBOOK).is_file() and (copy / LESSON_1).is_file()
                assert git("rev-parse", "HEAD", cwd=copy).strip() == head

            # Each learner's progress is in their own home, holds their answer only, under their own id.
            ids = {}
            for user in LEARNERS:
                folder = hub.home(user) / PROGRESS
                files = sorted(folder.glob("learner-*.json"))
                assert len(files) == 1, f"{user}: {files}"
                learner_id = files[0].stem
                assert (folder / ".current-learner").read_text().strip() == learner_id
                option_id, _, correct = choices[user]
                saved = json.loads(files[0].read_text(encoding="utf-8"))
                assert saved["learner_id"] == learner_id
                assert _answers(saved) == [(BANK, ITEM, option_id, correct)]
                exported = sessions[user]["exported"]
                assert exported["learner_id"] == learner_id and _answers(exported) == _answers(saved)
                ids[user] = learner_id
            assert len(set(ids.values())) == len(LEARNERS), ids

            # The class report on the three exports: one right, two different wrong answers.
            exports = []
            for user in LEARNERS:
                exports.append(tmp_path / f"progress-{ids[user]}.json")
                exports[-1].write_text(json.dumps(sessions[user]["exported"]), encoding="utf-8")
            report = build_report(exports, load_course())
            assert report.skipped == () and len(report.learners) == len(LEARNERS)
            item = next(i for i in report.items if (i.bank_id, i.item_id) == (BANK, ITEM))
            assert (item.answered, item.correct) == (3, 1) and item.difficulty == pytest.approx(1 / 3)
            chosen = {c.id: c.count for c in item.choices}
            assert all(chosen[option] == 1 for option, _, _ in choices.values())
            # ...and nowhere else: not in the course copies, not in the checkout the test runs from.
            assert not [p for user in LEARNERS for p in (hub.home(user) / REPO_NAME).rglob("learner-*.json")]
            after = sorted((REPO / "progress").glob("*")) if (REPO / "progress").is_dir() else []
            assert after == checkout_progress

            # The author pushes a change; following the link again merges it and keeps the learner's work.
            readme = origin.work / "README.md"
            readme.write_text(readme.read_text(encoding="utf-8") + "\nClass note: week 2 starts with lesson 3.\n")
            origin.commit_and_push("A note for the class")
            new_head = git("rev-parse", "main", cwd=origin.work).strip()
            for user in LEARNERS:
                page = sessions[user]["page"]
                page.goto(link)
                wait_for_notebook(page, timeout=120)
                copy = hub.home(user) / REPO_NAME
                git("merge-base", "--is-ancestor", new_head, "HEAD", cwd=copy)  # fails unless the commit came in
                assert "Class note: week 2" in (copy / "README.md").read_text(encoding="utf-8")
                assert (copy / LESSON_1).read_bytes() == sessions[user]["saved_lesson"]
                progress = json.loads((hub.home(user) / PROGRESS / f"{ids[user]}.json").read_text(encoding="utf-8"))
                assert _answers(progress) == [(BANK, ITEM, choices[user][0], choices[user][2])]

            # Nothing the learners' pages asked for left this computer.
            for user in LEARNERS:
                assert sessions[user]["seen"].foreign_requests == [], user
                sessions[user]["context"].close()

            # Stopping the hub stops everything it started: the proxy, the learners' servers, their kernels.
            ran, survivors = stop_hub(hub)
            assert len(ran) >= 2 + len(LEARNERS), ran  # the hub, the proxy, a server per learner (and kernels)
            assert survivors == []

    elapsed = time.monotonic() - began
    print(f"three learners on JupyterHub: {elapsed:.0f} s")
