"""The course website (``make site``), built once for the module and read in Chromium from 127.0.0.1.

The build runs with warnings as errors, so building it is the check that it has none. The site
is built with a repository and a hub configured, so its launch buttons can be read too.
"""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from course.content import load_course
from course.quiz.session import level_labels
from course.site import SiteOptions, build_site, write_book
from tests.browser.conftest import require
from tests.browser.harness import REPO, static_server, text_of_locator
from tests.browser.test_accessibility import AXE, axe_violations

COURSE = load_course()
REPO_URL = "https://github.com/example/whitespots-course"
HUB_URL = "https://hub.example.org"


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    require(AXE.exists(), "the npm assets are not installed; run `npm ci` in the repository (make test does)")
    work = tmp_path_factory.mktemp("site")
    began = time.monotonic()
    source = write_book(REPO, work / "source", COURSE, SiteOptions(repo_url=REPO_URL, hub_url=HUB_URL))
    site = build_site(source, work / "site")
    print(f"site built in {time.monotonic() - began:.0f} s")
    return site


@pytest.fixture(scope="module")
def site(built_site):
    with static_server(built_site) as base_url:
        yield base_url


class _Page(HTMLParser):
    """The ids a page defines, its links, and the addresses of its scripts and stylesheets."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loaded: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "script" and values.get("src"):
            self.loaded.append(values["src"])
        if tag == "link" and values.get("href") and values.get("rel") in {"stylesheet", "preload"}:
            self.loaded.append(values["href"])
        if tag == "img" and values.get("src"):
            self.loaded.append(values["src"])


def _parsed(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_page_loads_only_from_the_site_and_its_links_resolve(built_site):
    pages = {path: _parsed(path) for path in built_site.rglob("*.html") if "_static" not in path.parts}
    lessons = [p for p in pages if p.parent.name in {"notebooks", "exercises"}]
    assert len(lessons) == len([*REPO.glob("notebooks/*.ipynb"), *REPO.glob("exercises/*.ipynb")])
    for name in ("glossary", "references", "illustrations"):
        assert (built_site / f"{name}.html").exists()
    broken = []
    for path, page in pages.items():
        for address in page.loaded:
            if re.match(r"^[a-z]+://", address) and not address.startswith("data:"):
                broken.append(f"{path.relative_to(built_site)} loads {address}")
            elif not address.startswith("data:"):
                target = (path.parent / unquote(urlparse(address).path)).resolve()
                if not target.exists():
                    broken.append(f"{path.relative_to(built_site)}: {address} is missing")
        for link in page.links:
            parts = urlparse(link)
            if parts.scheme or link.startswith(("mailto:", "javascript:")):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.exists():
                broken.append(f"{path.relative_to(built_site)}: link {link} leads nowhere")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parsed(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(built_site)}: link {link} has no such anchor")
    assert broken == [], "\n".join(broken)


def test_search_for_milia_leads_to_lesson_1(site, watched, screenshots):
    page, seen = watched
    page.goto(f"{site}/index.html")
    assert "White spots, milia and breakouts" in page.title()
    page.get_by_role("button", name="Search").first.click()
    box = page.get_by_role("searchbox").first
    box.fill("milia")
    box.press("Enter")
    page.wait_for_url("**/search.html?q=milia*")
    results = page.locator("#search-results")
    lesson_1 = results.get_by_role("link", name=re.compile(r"01 · Skin healing"))
    lesson_1.first.wait_for(timeout=30_000)
    page.screenshot(path=str(screenshots / "site-search-milia.png"))
    lesson_1.first.click()
    page.wait_for_url("**/notebooks/01-skin-healing.html*")
    assert page.locator("h1").first.inner_text().startswith("01 · Skin healing")
    assert "milia" in text_of_locator(page.locator("main")).lower()
    seen.assert_clean()


def test_lesson_7_shows_a_triage_question_in_its_static_form(site, watched, screenshots):
    page, seen = watched
    page.goto(f"{site}/notebooks/07-triage-referral.html")
    item = COURSE.bank("07-triage-referral").item("vision-emergency-a")
    assert item.type == "triage" and item.triage is not None
    question = page.locator("section", has_text=item.stem).last
    question.scroll_into_view_if_needed()
    shown = text_of_locator(question)
    levels = level_labels(COURSE)
    assert "Action levels:" in shown and all(label in shown for label in levels.values())
    assert page.get_by_role("button", name="Submit").count() == 0, "a dead widget instead of the static form"
    summary = question.locator("details > summary", has_text="Show the answer").first
    answer = f"The action level: {levels[item.triage.level]}."
    revealed = summary.locator("xpath=..").get_by_text(answer)
    assert not revealed.is_visible()
    summary.click()
    assert revealed.is_visible()
    question.evaluate("element => element.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(screenshots / "site-lesson-7-triage-question.png"))
    seen.assert_clean()


def test_a_lesson_has_launch_buttons_to_binder_and_the_hub(site, watched):
    page, seen = watched
    page.goto(f"{site}/notebooks/03-timelines-filler.html")
    launches = {
        a.get_attribute("href") for a in page.locator("a[href*='mybinder.org'], a[href*='hub.example.org']").all()
    }
    binder = next(url for url in launches if "mybinder.org" in url)
    assert "example/whitespots-course" in binder and "notebooks/03-timelines-filler.ipynb" in unquote(binder)
    hub = next(url for url in launches if url.startswith(HUB_URL))
    query = parse_qs(urlparse(hub).query)
    assert "git-pull" in hub and query["repo"] == [REPO_URL]
    assert "notebooks/03-timelines-filler.ipynb" in query["urlpath"][0]
    seen.assert_clean()


# The home page, a lesson, the glossary; and the start notebook, whose practice slider is a live widget.
@pytest.mark.parametrize(
    "path", ["index.html", "notebooks/03-timelines-filler.html", "glossary.html", "notebooks/00-start-here.html"]
)
def test_site_pages_pass_axe(site, watched, path, screenshots):
    page, seen = watched
    page.goto(f"{site}/{path}")
    page.wait_for_load_state("load")
    if path == "notebooks/00-start-here.html":
        page.locator(".widget-slider .noUi-handle").first.wait_for(timeout=30_000)
    time.sleep(0.5)
    if path == "notebooks/03-timelines-filler.html":
        page.screenshot(path=str(screenshots / "site-lesson-3.png"))
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
    seen.assert_clean()
