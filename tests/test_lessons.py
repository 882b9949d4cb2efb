"""Every lesson follows the course's pattern; checked on the notebook files themselves."""

from __future__ import annotations

import ast
import json
import re

import pytest

from course._pages import cited_keys, lesson_references, lesson_terms
from course.content import load_course
from tests.conftest import REPO

COURSE = load_course()
LESSONS = [lesson for lesson in COURSE.lessons if lesson.number > 0]


def _cells(lesson):
    return json.loads((REPO / lesson.notebook).read_text(encoding="utf-8"))["cells"]


def _text(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _calls(lesson, name):
    for cell in _cells(lesson):
        source = _text(cell)
        if cell["cell_type"] == "code" and f"course.{name}(" in source:
            yield source


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_lesson_follows_the_pattern(lesson):
    cells = _cells(lesson)
    first = _text(cells[0])
    assert first.startswith(f"# {lesson.number:02d}"), "the first cell opens with the lesson's H1"
    assert sum(1 for c in cells if c["cell_type"] == "markdown" and re.search(r"^# ", _text(c), re.M)) == 1
    for heading in ("Time", "Questions", "Objectives"):
        assert f"**{heading}" in first, f"front matter lacks {heading}"
    for objective in lesson.objectives:
        assert objective.id in first
    headings = [line for c in cells if c["cell_type"] == "markdown" for line in _text(c).splitlines()]
    for title in ("## Key points", "## Words used in this lesson", "## References"):
        assert title in headings, f"missing {title}"
    assert any("### Check" in line for line in headings), "no formative check"
    code = [_text(c) for c in cells if c["cell_type"] == "code"]
    assert code[0].strip() == "import course"
    assert "course.show_notice()" in code[:3], "the notice comes right after the import"
    for source in code:
        assert len(source.strip().splitlines()) <= 2, f"a learner-facing code cell is longer than two lines: {source!r}"


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_every_quiz_cell_names_items_that_exist(lesson):
    banks = {bank.id: bank for bank in COURSE.of_kind("quiz")}
    namespace: dict[str, object] = {}
    found = 0
    checked: set[str] = set()
    for source in _calls(lesson, "show_quiz"):
        tree = ast.parse(source)
        for node in tree.body:
            if isinstance(node, ast.Assign):  # e.g. part_1 = [...] before the call
                namespace[node.targets[0].id] = ast.literal_eval(node.value)
            call = node.value if isinstance(node, ast.Expr) else None
            if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "show_quiz":
                bank_id = ast.literal_eval(call.args[0])
                items = call.args[1] if len(call.args) > 1 else None
                ids = namespace[items.id] if isinstance(items, ast.Name) else ast.literal_eval(items) if items else []
                for item_id in [ids] if isinstance(ids, str) else ids:
                    item = banks[bank_id].item(item_id)  # raises for an unknown id
                    checked.update(item.objective_ids)
                    found += 1
    assert found >= len(lesson.objectives), "fewer quiz items than objectives"
    unchecked = sorted({objective.id for objective in lesson.objectives} - checked)
    assert not unchecked, f"objectives with no check in the lesson: {unchecked}"


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_glossary_links_and_references_resolve(lesson):
    cells = _cells(lesson)
    markdown = "".join(_text(c) for c in cells if c["cell_type"] == "markdown")
    assert "](#Words-used-in-this-lesson)" in markdown
    assert lesson.terms, "the lesson lists its glossary words in data/syllabus.yaml"
    assert lesson_terms(lesson.number).text.count("\n") == len(lesson.terms) - 1
    cited = cited_keys(REPO / lesson.notebook, COURSE)
    assert cited, "a lesson cites its sources"
    listing = lesson_references(lesson.number).text
    assert [line.split(". [")[1].split("]")[0] for line in listing.splitlines()[1:]] == list(cited)
    assert "(≈)" in listing.splitlines()[0], "the reference section explains the approximate mark"


def test_citations_ignore_brackets_that_are_not_reference_keys(tmp_path):
    notebook = tmp_path / "n.ipynb"
    cell = {
        "cell_type": "markdown",
        "metadata": {},
        "source": "See [MURRAY-VO21], [ ], [NOT-A-KEY] and [BERK08][MURRAY-VO21].",
    }
    notebook.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    assert cited_keys(notebook, COURSE) == ("MURRAY-VO21", "BERK08")


def test_unknown_lesson_number_is_a_value_error():
    with pytest.raises(ValueError, match=r"unknown lesson number 12; valid lessons: 0, 1"):
        lesson_terms(12)
