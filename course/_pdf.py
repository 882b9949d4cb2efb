"""Handouts on paper: each handout's HTML, printed to PDF (A4 and US Letter) in Chromium, offline.

Uses the ``playwright`` package with the system's Chromium (never a downloaded browser):
``page.pdf`` prints exactly what the browser shows, with the print styles of
:mod:`course.render.handouts`.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from course.content import Course, load_course
from course.handouts import PAPER_SIZES, handouts
from course.render.handouts import handout_html

__all__ = ["BROWSER_FLAGS", "chromium_path", "write_handouts"]

#: How Chromium is started: no sandbox (containers), no network of its own, no first-run pages.
BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def chromium_path() -> str:
    """The system's Chromium; a clear error if there is none."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("printing handouts to PDF needs Chromium (on Debian or Ubuntu: apt-get install chromium)")


def write_handouts(out: Path, course: Course | None = None, *, pdf: bool = True, browser: Any = None) -> list[Path]:
    """Write every handout as HTML into ``out`` and, with ``pdf``, as PDF on each paper size; return the files.

    ``browser``: a playwright Chromium already running (the tests' own); else one is started.
    """
    course = course or load_course()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    pages: list[tuple[Path, str]] = []
    for handout in handouts(course):
        html = handout_html(handout, course)
        path = out / f"{handout.id}.html"
        path.write_text(html, encoding="utf-8")
        written.append(path)
        pages.append((path, handout.id))
    if not pdf:
        return written
    if browser is not None:
        written += _print(browser, pages, out)
        return written
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        started = playwright.chromium.launch(executable_path=chromium_path(), args=list(BROWSER_FLAGS))
        try:
            written += _print(started, pages, out)
        finally:
            started.close()
    return written


def _local_only(route: Any) -> None:
    """Handouts are offline: any request to another host is refused."""
    if route.request.url.startswith(("file:", "data:")):
        route.continue_()
    else:
        route.abort()


def _print(browser: Any, pages: list[tuple[Path, str]], out: Path) -> list[Path]:
    written = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("**/*", _local_only)
        for path, name in pages:
            page.goto(path.resolve().as_uri(), wait_until="load")
            for paper in PAPER_SIZES:
                target = out / f"{name}-{paper}.pdf"
                page.pdf(path=str(target), format=paper, print_background=True)
                written.append(target)
    finally:
        context.close()
    return written
