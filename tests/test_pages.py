"""The static pages a notebook shows: lesson map, notice, references."""

from __future__ import annotations

import dataclasses

import pytest

from course._pages import lesson_map, notice, reference_list, term_list
from course.content import load_course


def test_lesson_map_lists_every_lesson_with_its_time():
    page = lesson_map()
    for lesson in load_course().lessons[1:]:
        assert lesson.title.replace('"', "&quot;") in page.html
        assert lesson.title in page.text
    total = sum(lesson.minutes for lesson in load_course().lessons[1:])
    assert total == 585 and "about 9 h 45 min" in page.text


def test_lesson_map_links_only_lessons_that_exist(valid_data):
    course = load_course(valid_data)
    assert "(in preparation)" in lesson_map(course).text
    notebook = valid_data.parent / course.lessons[0].notebook
    notebook.parent.mkdir(parents=True)
    notebook.write_text("{}")
    page = lesson_map(course)
    assert '<a href="01-skin-healing.ipynb">Skin healing</a>' in page.html
    assert "(in preparation)" not in page.text


def test_notice_names_whom_to_contact_and_emergencies():
    page = notice()
    for heading in ("Educational use only", "Whom to contact", "When to call emergency services"):
        assert heading in page.html and heading in page.text
    assert "Scope of practice" not in page.text
    assert "Scope of practice" in notice(scope=True).text


def test_page_text_is_escaped(valid_data):
    course = load_course(valid_data)
    hostile = dataclasses.replace(course.notices, emergency="<script>alert(1)</script>")
    page = notice(dataclasses.replace(course, notices=hostile))
    assert "<script>" not in page.html and "&lt;script&gt;" in page.html


def test_references_show_what_was_read():
    page = reference_list(["MURRAY-VO21"])
    assert "Table 3" in page.html and "[MURRAY-VO21] Murray G" in page.text


def test_unknown_reference_key_names_the_value_and_the_valid_ones():
    with pytest.raises(ValueError, match=r"unknown reference key\(s\) 'MURRAY-VO22'; valid keys: .*MURRAY-VO21"):
        reference_list(["MURRAY-VO22"])


def test_terms_show_definitions_in_the_order_asked():
    page = term_list(["milium", "keratin"])
    assert page.text.splitlines()[0].startswith("Milium (plural milia): A tiny, firm, pearly-white cyst")
    assert page.text.splitlines()[1].startswith("Keratin:")
    assert "<dt" in page.html and "[BERK08][STATPEARLS-MILIA]" in page.html


def test_unknown_term_names_the_value_and_the_valid_ones():
    with pytest.raises(ValueError, match=r"unknown glossary term\(s\) 'milia'; valid terms: .*milium"):
        term_list(["milia"])
