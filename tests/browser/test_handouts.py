"""Handouts printed to PDF in Chromium, offline, on A4 and US Letter; a page of each kind screenshotted."""

from __future__ import annotations

import re

from course._pdf import write_handouts
from course.content import load_course
from course.handouts import PAPER_SIZES, handouts

COURSE = load_course()
PAGE_SIZES = {"A4": (595.9, 842.9), "Letter": (612.0, 792.0)}


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def _media_box(pdf: bytes) -> tuple[float, float]:
    found = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]", pdf)
    assert found
    return float(found.group(1)), float(found.group(2))


def test_every_handout_prints_on_both_paper_sizes(browser, tmp_path, screenshots):
    written = write_handouts(tmp_path, COURSE, browser=browser)
    for handout in handouts(COURSE):
        for paper in PAPER_SIZES:
            pdf = (tmp_path / f"{handout.id}-{paper}.pdf").read_bytes()
            assert pdf.startswith(b"%PDF-"), handout.id
            width, height = _media_box(pdf)
            assert abs(width - PAGE_SIZES[paper][0]) < 2 and abs(height - PAGE_SIZES[paper][1]) < 2
        assert tmp_path / f"{handout.id}.html" in written
    guide = (tmp_path / "field-guide-A4.pdf").read_bytes()
    assert _pages(guide) == len(COURSE.conditions)  # one page per condition
    assert _pages((tmp_path / "triage-card-A4.pdf").read_bytes()) == 1
    assert _pages((tmp_path / "sbar-card-Letter.pdf").read_bytes()) == 1

    context = browser.new_context(viewport={"width": 794, "height": 1123})
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        for name in ("field-guide", "triage-card", "timeline-lip-filler"):
            page.goto((tmp_path / f"{name}.html").as_uri())
            page.emulate_media(media="print")
            page.screenshot(path=str(screenshots / f"handout-{name}.png"))
        assert all(url.startswith(("file:", "data:")) for url in requests), requests
    finally:
        context.close()
