"""A lesson's slides in Chromium: reveal.js from the local copy, keyboard navigation, no other host."""

from __future__ import annotations

from course.content import load_course
from course.render.slides import write_decks
from tests.conftest import REPO


def test_a_deck_steps_through_with_the_keyboard_offline(browser, tmp_path, screenshots):
    decks = write_decks(REPO, tmp_path, load_course())
    deck = next(p for p in decks if p.name.startswith("03-"))
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(deck.as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        total = page.evaluate("() => Reveal.getTotalSlides()")
        assert total >= 5
        assert page.evaluate("() => Reveal.getIndices().h") == 0
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        assert page.evaluate("() => Reveal.getIndices().h") == 2
        page.screenshot(path=str(screenshots / "slides-lesson-03.png"))
        page.keyboard.press("End")
        assert page.evaluate("() => Reveal.getIndices().h") == total - 1
        assert "educational use only" in page.inner_text(".present").lower()
        assert errors == []
        assert all(url.startswith(("file:", "data:")) for url in requests), [
            u for u in requests if not u.startswith(("file:", "data:"))
        ]
    finally:
        context.close()
