"""The field guide of lesson 2 and the pictures of lesson 3, in JupyterLab in Chromium, as a learner meets them."""

from __future__ import annotations

import re
import time

from tests.browser.conftest import require
from tests.browser.harness import CURRENT, inspect_run, open_notebook, run_all_cells, watch
from tests.browser.test_accessibility import AXE, WCAG_TAGS

LESSON_2 = "notebooks/02-look-alikes.ipynb"
LESSON_3 = "notebooks/03-timelines-filler.ipynb"
PICTURE = "img[alt^='Illustration, not a photograph']"


def _run(lab, page, notebook: str):
    seen = watch(page)
    open_notebook(page, lab, notebook)
    run_all_cells(page)
    run = inspect_run(page, seen)
    assert run.problems() == []
    return page


def _picture(guide) -> tuple[str, str]:
    """(src, alt) of the first picture the guide shows, once it has loaded."""
    image = guide.locator(PICTURE).first
    image.wait_for(timeout=20_000)
    # Both read at once: the guide redraws between two separate reads.
    source, alt = image.evaluate("img => [img.getAttribute('src') || '', img.getAttribute('alt') || '']")
    return source, alt


def _wait_for_alt(guide, pattern: str, timeout: float = 15) -> tuple[str, str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        source, alt = _picture(guide)
        if re.search(pattern, alt):
            return source, alt
        guide.page.wait_for_timeout(100)  # not time.sleep: the page's request routing must keep running
    raise AssertionError(f"no picture whose alt text matches {pattern!r}; the guide shows {_picture(guide)[1][:200]}")


def _axe(page, element) -> list[str]:
    """Critical and serious axe violations inside ``element`` (a locator)."""
    page.add_script_tag(path=str(AXE))
    result = element.evaluate(
        "async (node, tags) => await axe.run(node, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {[' '.join(n['target']) for n in v['nodes'][:5]]}"
        for v in result["violations"]
        if v["impact"] in ("critical", "serious")
    ]


def test_choosing_a_condition_and_a_tone_in_the_field_guide_changes_the_picture(lab, page, screenshots):
    _run(lab, page, LESSON_2)
    guide = page.locator(f"{CURRENT} .jp-OutputArea-output > .jupyter-widgets", has_text="Compare with").first
    guide.scroll_into_view_if_needed()
    source, alt = _picture(guide)
    assert alt.startswith("Illustration, not a photograph: milia on medium skin"), alt
    assert source.startswith("data:image/png;base64,")
    assert guide.locator(PICTURE).first.evaluate("img => img.naturalWidth") > 0, "the picture did not load"
    assert "What it is" in guide.inner_text() and "On darker skin, also check" in guide.inner_text()

    # A condition, chosen from the labelled menu.
    condition = guide.get_by_label("Condition")
    condition.select_option(label="Vascular occlusion (a blocked artery after filler) · Stage 1: pale patch")
    occlusion_source, occlusion_alt = _wait_for_alt(guide, r"^Illustration, not a photograph: vascular occlusion")
    assert "on medium skin" in occlusion_alt and occlusion_source != source
    assert "pale patch: ≈15–30 mm across" in guide.inner_text()

    # A tone, chosen with the keyboard: Tab to the button, then Space.
    dark = guide.get_by_role("button", name="Dark skin · group D")
    dark.focus()
    page.keyboard.press("Space")
    dark_source, dark_alt = _wait_for_alt(guide, r"on dark skin")
    assert dark_alt.startswith("Illustration, not a photograph: vascular occlusion"), dark_alt
    assert dark_source not in (source, occlusion_source)
    assert "Colour on dark skin" in guide.inner_text()

    # A second condition beside the first.
    guide.get_by_label("Compare with").select_option(label="Bruising after filler · An early bruise (days 0 to 2)")
    deadline = time.monotonic() + 15
    while guide.locator(PICTURE).count() < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    alts = [image.get_attribute("alt") or "" for image in guide.locator(PICTURE).all()]
    assert len(alts) == 2 and "bruising after filler on dark skin" in alts[1].lower(), alts

    guide.scroll_into_view_if_needed()
    guide.screenshot(path=str(screenshots / "lesson-02-field-guide.png"))
    require(AXE.exists(), "the npm assets are not installed; run `npm ci` in the repository (make test does)")
    assert _axe(page, guide) == []


def test_lesson_3_shows_the_blocked_vessel_stages_and_the_vessel_schematic(lab, page, screenshots):
    _run(lab, page, LESSON_3)
    panel = page.locator(CURRENT)
    schematic = panel.locator("img[alt^='Illustration, not a photograph: the lip'][alt*='arterial supply']").first
    schematic.wait_for(timeout=20_000)
    stages = panel.locator("img[alt^='Illustration, not a photograph: vascular occlusion']")
    alts = [image.get_attribute("alt") or "" for image in stages.all()]
    for stage in ("Stage 1: pale patch", "Stage 2: net pattern", "Stage 3: dusky area", "Stage 4: dark crust"):
        assert any(stage in alt for alt in alts), f"no picture of {stage}"
    assert any("on dark skin" in alt for alt in alts)
    for image in [schematic, *stages.all()]:
        image.scroll_into_view_if_needed()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "a picture did not load"
    stages.first.scroll_into_view_if_needed()
    time.sleep(0.3)
    page.screenshot(path=str(screenshots / "lesson-03-blocked-vessel-stages.png"))
