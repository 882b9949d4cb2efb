"""Two builds from one source: what students get, and what instructors get.

* **student**: every lesson and exercise notebook with the cells tagged ``instructor``
  removed, the outputs of code cells cleared (learners run them), and no saved widget
  state. Nothing else changes.
* **instructor**: every notebook as it is (all cells, stored outputs), plus per lesson an
  answer key (every quiz item of the lesson's bank with its key and the feedback of each
  option, every case the lesson shows with each stage's expected decision) and its
  facilitation notes (the ``instructor`` cells) collected in one place, and an index.

Both are made with nbconvert preprocessors (``TagRemovePreprocessor``,
``ClearOutputPreprocessor`` and one that drops saved widget state), never by editing the
notebook JSON by hand.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.preprocessors import ClearOutputPreprocessor, Preprocessor, TagRemovePreprocessor

from course.content import Course, load_course
from course.models import Case, Lesson, QuestionBank

__all__ = [
    "BUILDS",
    "INSTRUCTOR_TAG",
    "LessonKey",
    "build",
    "instructor_notes",
    "lesson_keys",
    "source_notebooks",
    "student_notebook",
]

#: Cells with this tag are for instructors only.
INSTRUCTOR_TAG = "instructor"
BUILDS = ("student", "instructor")
_CASE_CALL = re.compile(r"""show_case\(\s*["']([a-z0-9-]+)["']""")


class DropWidgetState(Preprocessor):
    """Remove the saved state of widgets (the notebook's ``widgets`` metadata): learners start afresh."""

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        nb.metadata.pop("widgets", None)
        return nb, resources


def source_notebooks(repo: Path) -> list[Path]:
    """The lesson and exercise notebooks of a checkout, in order."""
    return sorted((repo / "notebooks").glob("*.ipynb")) + sorted((repo / "exercises").glob("*.ipynb"))


def student_notebook(notebook: Any) -> Any:
    """The student version of a notebook (a copy; ``notebook`` is not changed)."""
    copy = nbformat.from_dict(notebook)
    resources: dict[str, Any] = {}
    steps = (
        TagRemovePreprocessor(remove_cell_tags={INSTRUCTOR_TAG}),
        ClearOutputPreprocessor(),
        DropWidgetState(),
    )
    for step in steps:
        copy, resources = step.preprocess(copy, resources)
    return copy


def instructor_notes(notebook: Any) -> list[str]:
    """The sources of the notebook's instructor cells, in order."""
    return [c.source for c in notebook.cells if INSTRUCTOR_TAG in c.metadata.get("tags", [])]


@dataclass(frozen=True)
class LessonKey:
    """What one lesson's answer key holds."""

    lesson: Lesson
    banks: tuple[QuestionBank, ...]
    cases: tuple[Case, ...]
    notes: tuple[str, ...]  # the instructor cells (markdown or code source)


def _cases_shown(notebook: Any, course: Course) -> tuple[Case, ...]:
    ids: list[str] = []
    for cell in notebook.cells:
        if cell.cell_type == "code":
            ids += [i for i in _CASE_CALL.findall(cell.source) if i not in ids]
    return tuple(course.case(i) for i in ids)


def lesson_keys(repo: Path, course: Course | None = None) -> Iterator[LessonKey]:
    """Each lesson's answer key, from the syllabus, the question banks and the lesson notebook."""
    course = course or load_course()
    for lesson in course.lessons:
        path = repo / lesson.notebook
        notebook = nbformat.read(path, as_version=4)
        banks = tuple(bank for bank in course.banks if bank.lesson == lesson.id)
        yield LessonKey(lesson, banks, _cases_shown(notebook, course), tuple(instructor_notes(notebook)))


def _write(notebook: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


def build(kind: str, repo: Path, out: Path) -> list[Path]:
    """Write the notebooks of the ``student`` or ``instructor`` build of the checkout ``repo`` into ``out``.

    Returns the files written. The instructor build's answer keys are pages, written by
    :func:`course.render.answer_key.write_answer_keys` (``python -m course build`` does both).
    """
    if kind not in BUILDS:
        raise ValueError(f"unknown build {kind!r}; builds: {', '.join(BUILDS)}")
    if out.exists():
        shutil.rmtree(out)
    written: list[Path] = []
    for path in source_notebooks(repo):
        notebook = nbformat.read(path, as_version=4)
        target = out / path.relative_to(repo)
        _write(student_notebook(notebook) if kind == "student" else notebook, target)
        written.append(target)
    return written


def everything_keyed(banks: Sequence[QuestionBank]) -> Iterator[tuple[str, str]]:
    """(item id, text) of every keyed explanation a learner sees only after answering: used by the tests."""
    for bank in banks:
        for item in bank.items:
            for option in item.options or ():
                if option.feedback:
                    yield item.id, option.feedback
            if item.model_answer:
                yield item.id, item.model_answer
