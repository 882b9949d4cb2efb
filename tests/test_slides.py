"""Slides from cells tagged ``slides``: answers never reach a slide, and the deck loads reveal.js locally."""

from __future__ import annotations

import re

import nbformat
import pytest

from course.content import load_course
from course.render.slides import deck_html, write_decks
from course.slides import SLIDES_TAG, lesson_slides, strip_answers
from tests.conftest import REPO

COURSE = load_course()
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def _notebook(tmp_path):
    cells = [
        nbformat.v4.new_markdown_cell("# Not a slide"),
        nbformat.v4.new_markdown_cell("## Objectives\n\n- Tell milia from pustules", metadata={"tags": [SLIDES_TAG]}),
        nbformat.v4.new_code_cell(
            'course.show_quiz("x")',
            metadata={"tags": [SLIDES_TAG]},
            outputs=[
                nbformat.v4.new_output(
                    "display_data",
                    data={
                        "text/html": "<p>Which is it?</p><ul><li>Milia</li></ul>"
                        "<details><summary>Show the answer</summary>Milia: the keyed answer</details>"
                        "<script>alert(1)</script>",
                        "text/plain": "quiz",
                    },
                ),
                nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "chart"}),
            ],
        ),
        nbformat.v4.new_markdown_cell("Instructor-only aside", metadata={"tags": ["instructor"]}),
    ]
    path = tmp_path / "lesson.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


def test_only_tagged_cells_become_slides_and_answers_are_removed(tmp_path):
    slides = lesson_slides(_notebook(tmp_path))
    assert len(slides) == 2
    assert slides[0].markdown.startswith("## Objectives")
    assert slides[1].html == ("<p>Which is it?</p><ul><li>Milia</li></ul>",)
    assert slides[1].images == (PNG,)
    assert strip_answers("a<DETAILS open><summary>x</summary>key</DETAILS>b") == "ab"


def test_the_deck_loads_reveal_locally_and_carries_the_notice(tmp_path):
    lesson = COURSE.lessons[1]
    deck = deck_html(lesson, lesson_slides(_notebook(tmp_path)), "Educational use only <b>.")
    assert '<link rel="stylesheet" href="reveal/reveal.css">' in deck and '<script src="reveal/reveal.js">' in deck
    assert not re.search(r'(src|href)="(https?:)?//', deck)
    assert "keyed answer" not in deck and "alert(1)" not in deck
    assert f"Lesson {lesson.number}: {lesson.title}" in deck
    assert deck.count("Educational use only &lt;b&gt;.") == 2  # first and last slide
    assert deck.count("<section") == 4  # title, two tagged cells, closing


def test_every_lesson_has_a_deck_of_tagged_slides(tmp_path):
    written = write_decks(REPO, tmp_path, COURSE)
    decks = {p.name for p in written}
    lessons = [lesson for lesson in COURSE.lessons if lesson.number >= 1]
    assert {f"{lesson.notebook.split('/')[1][:-6]}.html" for lesson in lessons} <= decks
    assert (tmp_path / "reveal" / "reveal.js").exists()
    for path in written:
        deck = path.read_text(encoding="utf-8")
        assert deck.count("<section") >= 5, path.name  # title, 3+ tagged slides, closing
        assert "Show the answer" not in deck and "<details" not in deck


def test_a_missing_reveal_copy_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="run `npm ci`"):
        write_decks(REPO, tmp_path, COURSE, node_modules=tmp_path / "nothing")
