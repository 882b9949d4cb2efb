"""One source of truth for lesson times: the syllabus. The README, lesson headers and lesson map repeat it."""

from __future__ import annotations

import re

import nbformat
import pytest

from course.content import load_course
from tests.conftest import REPO

LESSONS = load_course().lessons


def test_the_readme_table_gives_each_lesson_its_syllabus_time():
    rows = re.findall(r"^\| (\d\d) \| [^|]+ \| (\d+) min \|", (REPO / "README.md").read_text(encoding="utf-8"), re.M)
    syllabus = {lesson.number: lesson.minutes for lesson in LESSONS}
    assert {int(number): int(minutes) for number, minutes in rows} == syllabus


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: f"lesson-{lesson.number:02d}")
def test_each_lesson_header_gives_its_syllabus_time(lesson):
    notebook = nbformat.read(REPO / lesson.notebook, as_version=4)
    header = notebook.cells[0].source
    stated = re.findall(r"about (\d+) minutes", header)
    assert stated, f"{lesson.notebook}: the first cell says no 'about N minutes'"
    assert int(stated[0]) == lesson.minutes, f"{lesson.notebook} says {stated[0]} min; the syllabus {lesson.minutes}"
