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


# --- Honest times and a light core path (course stats; issue "Lighter lessons") ----------------

TAUGHT = [lesson for lesson in LESSONS if lesson.objectives and lesson.number > 0]


@pytest.fixture(scope="module")
def stats():
    from course.stats import lesson_stats

    course = load_course()
    return {lesson.number: lesson_stats(lesson.number, course) for lesson in TAUGHT}


@pytest.mark.parametrize("lesson", TAUGHT, ids=lambda lesson: f"lesson-{lesson.number:02d}")
def test_the_syllabus_time_is_within_a_fifth_of_the_modelled_time(lesson, stats):
    estimate = stats[lesson.number].estimated_minutes
    assert abs(estimate - lesson.minutes) <= 0.2 * lesson.minutes, (
        f"lesson {lesson.number}: the model estimates {estimate:.0f} min, the syllabus says {lesson.minutes}"
    )


@pytest.mark.parametrize("lesson", TAUGHT, ids=lambda lesson: f"lesson-{lesson.number:02d}")
def test_the_core_path_asks_at_most_45_words_a_minute_and_12_new_terms(lesson, stats):
    row = stats[lesson.number]
    assert row.words_per_minute <= 45, f"lesson {lesson.number}: {row.words_per_minute:.0f} words per stated minute"
    assert row.new_terms <= 12, f"lesson {lesson.number}: {row.new_terms} glossary terms on the core path"
    assert row.citation_markers == 0, f"lesson {lesson.number}: {row.citation_markers} [KEY] markers left in the prose"
