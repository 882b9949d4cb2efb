"""Handouts printed to PDF in Chromium, offline, on A4 and US Letter; a page of each kind screenshotted."""

from __future__ import annotations

import re
import unicodedata

from pypdf import PdfReader

from course._pdf import write_handouts
from course.content import load_course
from course.handouts import PAPER_SIZES, handouts

COURSE = load_course()
PAGE_SIZES = {"A4": (595.9, 842.9), "Letter": (612.0, 792.0)}


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()  # NFKC: the "fi" ligature


def _first_condition_title() -> str:
    ordered = sorted(COURSE.conditions.values(), key=lambda c: (not c.must_not_miss, c.title))
    return ordered[0].title


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
    for handout in handouts(COURSE):
        if handout.kind == "aftercare":  # a client sheet: a few pages at most, on either paper
            for paper in PAPER_SIZES:
                assert 1 <= _pages((tmp_path / f"{handout.id}-{paper}.pdf").read_bytes()) <= 3, (handout.id, paper)

    # Every PDF read back: its title on the first page, the notice on the last.
    for handout in handouts(COURSE):
        for paper in PAPER_SIZES:
            reader = PdfReader(tmp_path / f"{handout.id}-{paper}.pdf")
            first, last = (_words(reader.pages[i].extract_text()) for i in (0, -1))
            title = handout.title if handout.kind != "field-guide" else _first_condition_title()
            assert _words(title) in first, (handout.id, paper)
            assert "Educational use only: not medical advice" in last, (handout.id, paper)
            assert "call emergency services (your local emergency number)" in last, (handout.id, paper)
    sheet = " ".join(_words(p.extract_text()) for p in PdfReader(tmp_path / "aftercare-lip-filler-Letter.pdf").pages)
    assert "An example for training" in sheet and "Warning signs of a blocked blood vessel after filler" in sheet
    assert "Emergency services, now (your local emergency number)" in sheet
    key = " ".join(_words(p.extract_text()) for p in PdfReader(tmp_path / "lesson-07-quiz-key-A4.pdf").pages)
    paper = " ".join(_words(p.extract_text()) for p in PdfReader(tmp_path / "lesson-07-quiz-A4.pdf").pages)
    assert "The action level:" in key and "The action level:" not in paper  # the key apart from the paper

    context = browser.new_context(viewport={"width": 794, "height": 1123})
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        for name in ("field-guide", "triage-card", "timeline-lip-filler", "aftercare-lip-filler"):
            page.goto((tmp_path / f"{name}.html").as_uri())
            page.emulate_media(media="print")
            page.screenshot(path=str(screenshots / f"handout-{name}.png"))
        assert all(url.startswith(("file:", "data:")) for url in requests), requests
    finally:
        context.close()
