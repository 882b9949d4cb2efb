"""``course stats``: the reading and time model, on notebooks small enough to count by hand."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys

import pytest

from course.content import load_course
from course.stats import (
    ITEM_MINUTES,
    READING_WPM,
    WIDGET_MINUTES,
    item_text,
    lesson_stats,
    split_depth,
    stats_table,
    words,
)
from tests.conftest import REPO

COURSE = load_course()


def test_words_leave_out_markup_link_targets_and_reference_markers():
    assert words("Milia are *tiny* [cysts](#Words-used) of keratin [ASJ97][HARRIS15].") == 6
    assert words("<strong>Day 3</strong>: pustules") == 3


def test_go_deeper_blocks_are_depth_and_answers_are_core():
    text = (
        "Core text here.\n<details><summary>Show the answer</summary>\n\nThe answer.\n</details>\n"
        "<details><summary>Go deeper: the evidence</summary>\n\nExtra evidence words.\n</details>"
    )
    core, depth = split_depth(text)
    assert words(core) == 3 + 3 + 2  # the core sentence, the summary, the answer
    assert words(depth) == 3


def lesson_with(tmp_path, cells):
    """A copy of the repository's data and a one-lesson notebook made of ``cells``."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    (tmp_path / "notebooks").mkdir()
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    lesson = next(x for x in COURSE.lessons if x.number == 1)
    (tmp_path / lesson.notebook).write_text(json.dumps(notebook), encoding="utf-8")
    return load_course(tmp_path / "data")


def md(text, tags=()):
    return {"cell_type": "markdown", "source": [text], "metadata": {"tags": list(tags)}}


def code(text):
    return {"cell_type": "code", "source": [text], "metadata": {}, "outputs": [], "execution_count": None}


def test_the_estimate_follows_the_stated_model(tmp_path):
    bank = COURSE.bank("01-skin-healing")
    item = bank.items[0]
    part = [item.id]
    course = lesson_with(
        tmp_path,
        [
            md("one two three four five [KEY-1]"),
            md("Instructor only words here", tags=["instructor"]),
            code(f"part = {part!r}\ncourse.show_quiz('01-skin-healing', part)"),
            code("course.show_timeline('lip-filler', day=3)"),
        ],
    )
    stats = lesson_stats(1, course, repo=tmp_path)
    assert stats.quiz_items == 1 and stats.widgets == 1 and stats.citation_markers == 1
    expected_words = 5 + words(item_text(item))
    assert stats.core_words == expected_words
    assert stats.estimated_minutes == pytest.approx(
        expected_words / READING_WPM + ITEM_MINUTES[item.type] + WIDGET_MINUTES["show_timeline"]
    )


def test_a_lesson_that_does_not_exist_is_named():
    with pytest.raises(ValueError, match="no lesson 42; lessons: 0, 1"):
        lesson_stats(42, COURSE)


def test_the_table_has_a_row_per_lesson_and_states_the_model():
    rows = [lesson_stats(lesson.number, COURSE) for lesson in COURSE.lessons if lesson.objectives]
    table = stats_table(rows)
    assert len(rows) == 8 and "Model: reading at 150 words a minute" in table
    assert all(r.core_words > 1000 and r.quiz_items > 0 for r in rows)
    altered = dataclasses.replace(rows[0], estimated_minutes=52.4)
    assert altered.estimate_rounded == 50


def test_the_command_prints_the_table():
    result = subprocess.run([sys.executable, "-m", "course", "stats"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("lesson | core words")
    assert len([line for line in result.stdout.splitlines() if line[:2].isdigit()]) == 8
