"""Every notebook exported to HTML: widgets render offline, and axe finds no serious barrier.

The pages are exported from the stored outputs with the course's template and
local copies of require.js and the widget manager, served from 127.0.0.1, and
checked with axe-core against WCAG 2.0/2.1/2.2 A and AA rules.
"""

from __future__ import annotations

import time

import pytest

from course._export import default_node_modules, export_site
from tests.browser.conftest import NOTEBOOKS, require
from tests.browser.harness import expected_widgets, static_server, watch

AXE = default_node_modules() / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    require(AXE.exists(), "the npm assets are not installed; run `npm ci` in the repository (make test does)")
    out = tmp_path_factory.mktemp("site")
    export_site(NOTEBOOKS, out)
    with static_server(out) as base_url:
        yield base_url


def axe_violations(page, impacts=("critical", "serious")) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    found = []
    for violation in result["violations"]:
        if violation["impact"] in impacts:
            targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
            found.append(f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}")
    return found


def open_exported(page, url: str, widgets: int) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    if widgets:
        # The widget manager renders each stored widget next to its output.
        page.locator(".jupyter-widgets").first.wait_for(timeout=30_000)
    time.sleep(1)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_exported_page_renders_offline_and_passes_axe(notebook, browser, site, screenshots):
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    seen = watch(page)
    widgets = expected_widgets(notebook, exported=True)
    try:
        open_exported(page, f"{site}/{notebook.stem}.html", widgets)
        page.screenshot(path=str(screenshots / f"{notebook.stem}.html.png"), full_page=True)

        assert page.title(), "the exported page has no title"
        assert page.locator("html").get_attribute("lang"), "the exported page declares no language"
        rendered = page.locator(".jp-OutputArea-output .jupyter-widgets:not(.jupyter-widgets-error-widget)").count()
        assert page.get_by_text("Error displaying widget").count() == 0
        assert rendered >= widgets, f"{rendered} of {widgets} stored widgets rendered in the static page"
        assert seen.foreign_requests == [], "the exported page asked the internet for something"
        assert seen.page_errors == []
        assert axe_violations(page) == []
    finally:
        context.close()


def test_axe_check_can_fail(browser, site, tmp_path):
    """The check above reports a real barrier: an image without alt text."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_content(
            '<html lang="en"><head><title>t</title></head><body><main><img src="data:,"></main></body></html>'
        )
        assert any("image-alt" in v for v in axe_violations(page))
    finally:
        context.close()


def test_exported_timeline_shows_its_chart_and_text_without_a_kernel(browser, site):
    """A timeline in a static page: the chart with its alt text, and the day's lists."""
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    try:
        open_exported(page, f"{site}/timeline-practice.html", widgets=0)
        chart = page.locator("img[alt^='Timeline chart: what to expect after lip filler']").first
        chart.wait_for(timeout=30_000)
        assert chart.evaluate("img => img.naturalWidth") > 0, "the chart image did not load"
        assert "A vertical line marks day 3 after lip filler" in chart.get_attribute("alt")
        lists = page.locator("section[aria-label^='Day 3 after Lip filler']").first
        assert "Must not miss on day 3" in lists.inner_text()
        assert "VO stage 3: clustered pustules" in lists.inner_text()
    finally:
        context.close()


@pytest.mark.parametrize(
    ("page_name", "reveal", "content"),
    [
        ("practice-quiz", "Show the answer", "Question"),
        ("unfolding-cases", "Show the expected decision", "Day 3"),
    ],
)
def test_exported_quizzes_and_cases_are_readable_without_a_kernel(browser, site, page_name, reveal, content):
    """Every question (or case stage) is there, with its answer in a reveal block, not a dead widget."""
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    try:
        open_exported(page, f"{site}/{page_name}.html", widgets=0)
        summaries = page.locator("details > summary", has_text=reveal)
        assert summaries.count() >= 3, f"{page_name}: only {summaries.count()} reveal blocks"
        assert content in page.locator("body").inner_text()
        # Nothing that needs a kernel: no submit or commit buttons in the static page.
        assert page.get_by_role("button", name="Submit").count() == 0
        summaries.first.click()
        assert summaries.first.locator("xpath=..").get_attribute("open") is not None
    finally:
        context.close()
