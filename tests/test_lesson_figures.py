"""Every lesson shows at least three figures (illustrations or charts) in its stored outputs."""

from __future__ import annotations

import json
import re

import pytest

from course.appearance import catalogue, pictures_on_tones
from course.content import load_course
from tests.conftest import REPO

COURSE = load_course()
LESSONS = [lesson for lesson in COURSE.lessons if lesson.number > 0]
MINIMUM = 3
_IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")
_PICTURE_CALL = re.compile(r"""course\.show_pictures?\(\s*(\[[^\]]*\]|"[^"]*")""")


def _html(output: dict) -> str:
    markup = output.get("data", {}).get("text/html", "")
    return "".join(markup) if isinstance(markup, list) else markup


def figures_in(cells: list[dict]) -> int:
    """Figures in stored outputs: each <img> or <figure> of an HTML output (a figure around images counts its
    images), or one image output without HTML."""
    found = 0
    for cell in cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            markup = _html(output)
            images = len(re.findall(r"<img\b", markup))
            figures = len(re.findall(r"<figure\b", markup))
            if images or figures:
                found += max(images, figures)
            elif any(kind in data for kind in _IMAGE_TYPES):
                found += 1
    return found


def _cells(lesson) -> list[dict]:
    return json.loads((REPO / lesson.notebook).read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_every_lesson_shows_at_least_three_figures(lesson):
    assert figures_in(_cells(lesson)) >= MINIMUM


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_every_picture_a_lesson_names_exists_and_its_output_is_stored(lesson):
    known = {p.id for p in catalogue()}
    for cell in _cells(lesson):
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for match in _PICTURE_CALL.finditer(source):
            ids = re.findall(r'"([^"]+)"', match.group(1))
            if "show_pictures(" in match.group(0) and not match.group(1).startswith("["):
                ids = list(pictures_on_tones(ids[0]))  # one picture on the three tones
            assert ids and set(ids) <= known, f"unknown picture in {source!r}"
            html = "".join(_html(o) for o in cell.get("outputs", []))
            assert html.count("<img") == len(ids), f"the stored output of {source!r} does not show its pictures"


def test_the_count_reads_image_outputs_and_markup_and_ignores_text():
    cells = [
        {"outputs": [{"data": {"image/png": "iVBOR...", "text/plain": "<Figure>"}}]},
        {"outputs": [{"data": {"text/html": '<figure><img src="a"><img src="b"></figure>'}}]},
        {"outputs": [{"data": {"text/html": "<p>a picture of a figure</p>", "text/plain": "<img"}}]},
        {"outputs": [{"name": "stdout", "text": "<img src=x>"}]},
    ]
    assert figures_in(cells) == 3
    assert figures_in(cells[2:]) == 0


def test_the_lesson_on_look_alikes_holds_the_field_guide():
    lesson = next(lesson for lesson in LESSONS if lesson.number == 2)
    sources = ["".join(c["source"]) for c in _cells(lesson) if c["cell_type"] == "code"]
    assert any(source.startswith("course.show_field_guide(") for source in sources)
