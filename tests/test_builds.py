"""Two builds from one source: the student build hides instructor cells and keyed answers; the instructor's has keys."""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from course.builds import INSTRUCTOR_TAG, build, everything_keyed, lesson_keys, source_notebooks, student_notebook
from course.content import load_course
from course.render.answer_key import write_answer_keys
from tests.conftest import REPO, text_of

COURSE = load_course()


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    build("student", REPO, out)
    return out


@pytest.fixture(scope="module")
def instructor(tmp_path_factory):
    out = tmp_path_factory.mktemp("instructor")
    build("instructor", REPO, out)
    write_answer_keys(list(lesson_keys(REPO, COURSE)), out, COURSE)
    return out


def _all_text(folder) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.ipynb")))


def _visible_by_design(text: str) -> bool:
    """Learners read this in a markdown cell of the source (so the build may keep it)."""
    return any(
        text in cell.source
        for path in source_notebooks(REPO)
        for cell in nbformat.read(path, 4).cells
        if cell.cell_type == "markdown" and INSTRUCTOR_TAG not in cell.metadata.get("tags", [])
    )


def test_the_student_build_has_every_notebook_and_no_instructor_cell(student):
    sources = source_notebooks(REPO)
    assert sorted(p.relative_to(student) for p in student.rglob("*.ipynb")) == sorted(
        p.relative_to(REPO) for p in sources
    )
    everything = _all_text(student)
    notes = [
        line.strip()
        for path in sources
        for cell in nbformat.read(path, 4).cells
        if INSTRUCTOR_TAG in cell.metadata.get("tags", [])
        for line in cell.source.splitlines()
        if len(line.strip()) > 30
    ]
    assert len(notes) > 40  # the source has instructor notes to hide
    leaked = [n for n in notes if json.dumps(n)[1:-1] in everything and not _visible_by_design(n)]
    assert leaked == []


def test_the_student_build_shows_no_keyed_answer(student, instructor):
    everything = _all_text(student)
    keyed = [(item, text) for item, text in everything_keyed(COURSE.banks) if len(text) > 40]
    assert len(keyed) > 300
    leaked = [
        (item, text) for item, text in keyed if json.dumps(text)[1:-1] in everything and not _visible_by_design(text)
    ]
    assert leaked == []
    # The same search finds the keys in the instructor build's stored outputs: it can fail.
    shown = _all_text(instructor)
    assert sum(json.dumps(text)[1:-1] in shown for _, text in keyed) > 100


def test_student_notebooks_have_cleared_outputs_and_no_widget_state(student):
    for path in student.rglob("*.ipynb"):
        notebook = nbformat.read(path, 4)
        assert "widgets" not in notebook.metadata, path
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path
    nbformat.validate(nbformat.read(next(student.rglob("01-*.ipynb")), 4))


def test_the_student_version_keeps_everything_else(tmp_path):
    source = nbformat.read(REPO / "notebooks" / "03-timelines-filler.ipynb", 4)
    kept = student_notebook(source)
    expected = [c.source for c in source.cells if INSTRUCTOR_TAG not in c.metadata.get("tags", [])]
    assert [c.source for c in kept.cells] == expected
    assert any(c.outputs for c in source.cells if c.cell_type == "code")  # the source itself is not changed


def test_the_instructor_build_keeps_every_cell_and_has_a_key_per_lesson(instructor):
    for path in source_notebooks(REPO):
        assert nbformat.read(instructor / path.relative_to(REPO), 4) == nbformat.read(path, 4)
    pages = sorted(p.name for p in (instructor / "answer-keys").glob("*.html"))
    assert pages == sorted(f"{lesson.notebook.split('/')[1][:-6]}.html" for lesson in COURSE.lessons)
    index = (instructor / "index.html").read_text(encoding="utf-8")
    assert all(f'href="answer-keys/{page}"' in index for page in pages)


def test_a_lesson_key_lists_every_question_with_its_key_and_every_case_decision(instructor):
    page = (instructor / "answer-keys" / "03-timelines-filler.html").read_text(encoding="utf-8")
    words = text_of(page)
    bank = next(b for b in COURSE.banks if b.lesson == COURSE.lessons[3].id)
    live = [i for i in bank.items if i.status != "retired"]
    assert f"Questions ({len(live)})" in words
    for item in live:
        assert f"{bank.title}: {item.id}" in words
    correct = [o.text for i in live for o in (i.options or ()) if o.correct]
    assert correct and all(text_of(t) in words for t in correct)
    assert "Show the expected decision" in page and "Case A" in words
    assert "Facilitation notes" in words and "Instructor note." in words
    assert "Educational use only." in words and "Scope of practice." in words
    assert re.search(r"<h1>Answer key, lesson 3: ", page)


def test_an_unknown_build_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown build 'teacher'; builds: student, instructor"):
        build("teacher", REPO, tmp_path)


def test_the_build_command_writes_both_builds(tmp_path, capsys):
    from course.cli import main

    assert main(["build", "student", "--out", str(tmp_path / "s"), "--repo", str(REPO)]) == 0
    assert main(["build", "instructor", "--out", str(tmp_path / "i"), "--repo", str(REPO)]) == 0
    assert (tmp_path / "s" / "notebooks" / "03-timelines-filler.ipynb").exists()
    assert (tmp_path / "i" / "answer-keys" / "03-timelines-filler.html").exists()
    assert "student build: " in capsys.readouterr().out


def test_the_class_guide_times_its_schedules_from_the_syllabus_and_defines_the_outcomes(tmp_path):
    from course.class_guide import OUTCOMES, day_minutes, schedule
    from course.render.class_guide import write_class_guide

    page = text_of(write_class_guide(tmp_path, COURSE).read_text(encoding="utf-8"))
    minutes = {lesson.number: lesson.minutes for lesson in COURSE.lessons}
    one_day, two_days = schedule("one-day", COURSE), schedule("two-day", COURSE)
    for days in (one_day, two_days):
        for slot in (s for day in days for s in day if s.lesson is not None):
            assert slot.minutes == minutes[slot.lesson]
            assert f"{slot.title} {slot.minutes} min" in page
    assert len(one_day) == 1 and 300 <= day_minutes(one_day[0]) <= 420  # about 6 hours
    assert len(two_days) == 2 and 660 <= sum(day_minutes(d) for d in two_days) <= 800  # about 12 hours
    assert {s.lesson for d in two_days for s in d if s.lesson is not None} == set(minutes)  # every lesson
    for code, words in OUTCOMES.items():
        assert f"{code} {words}" in page
    assert {str(o) for lesson in COURSE.lessons for o in lesson.outcomes} <= set(OUTCOMES)
    assert "claims no mapping to one" in page
