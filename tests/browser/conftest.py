"""Fixtures for the real-browser tests: Chromium, JupyterLab, exported pages.

Without Chromium (or the npm assets) these tests skip with a message saying
how to install it; under CI (CI=true) they fail instead, because CI must run them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.harness import CHROMIUM_FLAGS, REPO, chromium_path, jupyterlab, watch

NOTEBOOKS = sorted([*REPO.glob("notebooks/*.ipynb"), *REPO.glob("exercises/*.ipynb")])
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots",
        default=str(REPO / "test-output" / "screenshots"),
        help="folder for a screenshot of each notebook after it runs",
    )


def require(condition: bool, message: str) -> None:
    if condition:
        return
    if ON_CI:
        pytest.fail(f"{message} (CI=true: the browser tests must run here)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def screenshots(request) -> Path:
    folder = Path(request.config.getoption("--screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    require(path is not None, "Chromium is not installed; on Debian or Ubuntu: sudo apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory) -> Path:
    """A copy of the notebooks: JupyterLab may save what it runs, and the repo's files must not change."""
    root = tmp_path_factory.mktemp("lab-root")
    for folder in ("notebooks", "exercises"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    return root


def practice_learner() -> str:
    """A pseudonym whose first practice-quiz question is single-choice.

    The practice notebook draws questions per learner, so a random id sometimes opens on a
    free-text question; the quiz path in test_learner_paths answers with radio buttons.
    """
    from course.content import load_course
    from course.quiz import draw_items

    bank = next(b for b in load_course().of_kind("quiz") if b.id == "01-skin-healing")
    for number in range(1000):
        learner = f"learner-{number:06x}"
        if draw_items(bank, learner, per_objective=1)[0].type == "single-choice":
            return learner
    raise AssertionError("no learner among 1000 opens the practice quiz on a single-choice question")


@pytest.fixture(scope="session")
def lab(browser, lab_root, tmp_path_factory):
    env = {"COURSE_LEARNER": practice_learner()}
    with jupyterlab(lab_root, tmp_path_factory.mktemp("lab-scratch"), env) as server:
        yield server


@pytest.fixture
def watched(page):
    """The page, and what it does that a test may fail on (harness.watch)."""
    return page, watch(page)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
