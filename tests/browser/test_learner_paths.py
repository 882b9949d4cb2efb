"""Learner paths, driven through the page with mouse and keyboard as a learner would.

Each path lands with the feature it exercises: the timeline explorer first.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.browser.harness import CURRENT, REPO, inspect_run, open_notebook, run_all_cells, watch

TIMELINE_PRACTICE = "exercises/timeline-practice.ipynb"


def _text(locator) -> str:
    return re.sub(r"\s+", " ", locator.inner_text())


def _wait_for_text(locator, text: str, timeout: float = 10) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = _text(locator)
        if text in content:
            return content
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear; the page shows: {_text(locator)[:500]}")


@pytest.fixture
def timeline_page(lab, page):
    if not (REPO / TIMELINE_PRACTICE).exists():
        pytest.fail(f"{TIMELINE_PRACTICE} is missing")
    seen = watch(page)
    open_notebook(page, lab, TIMELINE_PRACTICE)
    run_all_cells(page)
    assert inspect_run(page, seen).problems() == []
    return page


def test_scrubbing_lip_filler_to_day_3_shows_vascular_occlusion_as_must_not_miss(timeline_page, screenshots):
    page = timeline_page
    explorer = page.locator(f"{CURRENT} .jp-OutputArea-output > .jupyter-widgets").first
    explorer.scroll_into_view_if_needed()
    _wait_for_text(explorer, "Must not miss on day 3")

    # Two clicks back: day 2 (half-day steps in the first three days).
    earlier = explorer.get_by_role("button", name="− Earlier")
    earlier.click()
    earlier.click()
    _wait_for_text(explorer, "Must not miss on day 2")

    # Then the keyboard on the slider: two steps right, back to day 3.
    handle = explorer.locator(".noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    content = _wait_for_text(explorer, "Must not miss on day 3")

    must_not_miss = content.split("Must not miss on day 3")[1].split("Also in their usual window")[0]
    assert "VO stage 3: clustered pustules, often on dusky skin" in must_not_miss
    assert "vascular occlusion" in must_not_miss and "[MURRAY-VO21]" in must_not_miss
    page.screenshot(path=str(screenshots / "learner-path-timeline-day-3.png"))


def test_microneedling_milia_read_in_weeks(timeline_page):
    explorer = timeline_page.locator(f"{CURRENT} .jp-OutputArea-output > .jupyter-widgets").nth(1)
    explorer.scroll_into_view_if_needed()
    content = _wait_for_text(explorer, "Milia (tiny firm white cysts)")
    assert "Milia (tiny firm white cysts): from week 1 (day 7)" in content
