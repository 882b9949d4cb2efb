"""How much a lesson asks of a learner: words, checks, widgets, new terms and an estimated time.

``python -m course stats`` prints one row per lesson. The estimate follows a stated model
(:data:`MODEL`), so that a lesson's time in the syllabus can be checked against what the
learner actually does, not guessed:

* **Reading.** Words on the core path at :data:`READING_WPM` words a minute, a careful
  reader's pace for technical text. The core path is every markdown cell a learner meets
  (not the cells tagged ``instructor``), answers behind "Show the answer" included, plus the
  text of every quiz item the lesson shows: its stem, every option or step or pair, and the
  feedback a learner reads after answering (the keyed option's feedback, or the item's key
  feedback). Markdown inside a ``<details>`` block whose summary starts with "Go deeper" is
  optional depth: counted apart and left out of the time.
* **Answering.** Minutes per quiz item by type (:data:`ITEM_MINUTES`), for thinking and
  choosing, on top of reading its words.
* **Widgets.** Minutes per interactive view by kind (:data:`WIDGET_MINUTES`): exploring a
  timeline, working a case, using the symptom checker or the field guide, looking at an
  illustration. Pages that only show text (notice,
  lesson map, references, terms) cost nothing beyond their reading, which the model leaves
  out because they are looked up rather than read through.

Pure Python: it reads the notebooks' JSON and the course content; it imports no widgets.
"""

from __future__ import annotations

import ast
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course.citations import strip_markers
from course.content import Course, load_course
from course.models import QuestionType, QuizItem

__all__ = [
    "ITEM_MINUTES",
    "MODEL",
    "READING_WPM",
    "WIDGET_MINUTES",
    "LessonStats",
    "lesson_stats",
    "stats_table",
]

READING_WPM = 150
# Minutes to answer, on top of reading the item's words. A formative item here asks for the
# answer and a confidence rating, shows feedback on the choice, and offers a hint and a retry
# after a wrong answer; a one-best-answer clinical item takes about a minute to answer once read
# (NBME item-writing guide: 1 to 1.5 minutes per vignette item, reading included). Items that
# ask for several decisions (tick all, put in order, match, triage) take longer; a free-text
# reflection is written, then compared with a model answer and a checklist.
ITEM_MINUTES: Mapping[QuestionType, float] = {
    "single-choice": 1.0,
    "multi-select": 1.5,
    "triage": 1.5,
    "ordering": 2.0,
    "matching": 2.0,
    "day-window": 1.0,
    "free-text": 5.0,
}
# Minutes per interactive view: exploring it as the lesson's task asks (several days on a
# timeline, every stage of a case, a finding set in the symptom checker), not just looking.
WIDGET_MINUTES: dict[str, float] = {
    "show_timeline": 5.0,
    "show_case": 10.0,
    "show_triage": 6.0,
    "show_client_card": 3.0,
    "show_depth_explorer": 4.0,
    "show_progress": 1.0,
    "show_completion": 1.0,
    "show_field_guide": 5.0,
    "show_review": 2.0,
    "show_start": 1.0,
    # Looking closely at an illustration and its caption, or comparing a row of them.
    "show_picture": 1.0,
    "show_pictures": 2.0,
}
MODEL = (
    f"reading at {READING_WPM} words a minute; per quiz item "
    + ", ".join(f"{kind} {minutes:g} min" for kind, minutes in ITEM_MINUTES.items())
    + "; per widget "
    + ", ".join(f"{name.removeprefix('show_')} {minutes:g} min" for name, minutes in WIDGET_MINUTES.items())
)

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_CITATION = re.compile(r"\[[A-Z][A-Z0-9-]+\]")
_DETAILS = re.compile(r"<details>\s*<summary>(.*?)</summary>(.*?)</details>", re.S | re.I)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_TAGS = re.compile(r"<[^>]+>")
# A glossary link in a lesson: *[oedema](#Words-used-in-this-lesson)*.
_TERM_LINK = re.compile(r"\[([^\]]+)\]\(#Words-used-in-this-lesson\)")


@dataclass(frozen=True)
class LessonStats:
    """What one lesson asks of a learner (see the module docstring for the model)."""

    number: int
    title: str
    syllabus_minutes: int
    core_words: int  # prose and quiz text on the core path
    depth_words: int  # prose in "Go deeper" blocks
    quiz_items: int
    widgets: int  # interactive views other than quizzes
    figures: int  # pictures and charts the learner sees
    new_terms: int  # glossary terms the core path links (optional depth left out)
    citation_markers: int  # [KEY] markers in the core prose
    estimated_minutes: float

    @property
    def words_per_minute(self) -> float:
        """Core words per stated (syllabus) minute."""
        return self.core_words / self.syllabus_minutes

    @property
    def estimate_rounded(self) -> int:
        """The estimate rounded to 5 minutes, as the syllabus states times."""
        return max(5, 5 * math.floor(self.estimated_minutes / 5 + 0.5))


def words(text: str) -> int:
    """Words a reader reads: markup, link targets and reference markers left out."""
    text = _TAGS.sub(" ", _LINK_TARGET.sub("]", strip_markers(text)))
    return len(_WORD.findall(_CITATION.sub(" ", text)))


def split_depth(markdown: str) -> tuple[str, str]:
    """(core, optional depth): the "Go deeper" blocks are depth; every other block is core."""
    depth: list[str] = []

    def keep(match: re.Match[str]) -> str:
        summary, body = match.group(1), match.group(2)
        if summary.strip().lower().startswith("go deeper"):
            depth.append(body)
            return " "
        return f"{summary} {body}"

    return _DETAILS.sub(keep, markdown), "\n".join(depth)


def item_text(item: QuizItem) -> str:
    """What a learner reads for one item: stem, choices, and the feedback after answering."""
    parts: list[str | None] = [item.stem]
    parts += [o.text for o in item.options]
    parts += [s.text for s in item.steps]
    parts += [p.prompt + " " + p.match for p in item.pairs]
    parts += list(item.distractors)
    keyed = [o.feedback for o in item.options if o.correct][:1]
    if item.triage is not None:
        parts.append(item.triage.feedback)
    elif item.window is not None:
        parts.append(item.window.feedback)
    elif item.model_answer is not None:
        parts += [item.model_answer, *item.rubric]
    elif item.steps:
        parts.append(item.steps[0].feedback)
    elif item.pairs:
        parts.append(item.pairs[0].feedback)
    parts += keyed
    return " ".join(p for p in parts if p)


def _calls(source: str) -> Iterable[tuple[str, list[object]]]:
    """The ``course.show_*`` calls in a code cell, with their literal positional arguments."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    names: dict[str, object] = {}  # e.g. part_1 = ["mixed-fordyce", ...] before the call
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                try:
                    names[target.id] = ast.literal_eval(statement.value)
                except ValueError:
                    pass

    def value(node: ast.expr) -> object:
        if isinstance(node, ast.Name):
            return names.get(node.id)
        try:
            return ast.literal_eval(node)
        except ValueError:
            return None

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr.startswith("show_"):
            args = [value(arg) for arg in node.args]
            for keyword in node.keywords:
                if keyword.arg == "items" and len(args) == 1:
                    args.append(value(keyword.value))
            yield node.func.attr, args


def _figures(cell: dict[str, Any]) -> int:
    """Pictures in a code cell's stored outputs: PNG outputs and <img> elements in HTML ones."""
    count = 0
    for output in cell.get("outputs") or []:
        data: dict[str, Any] = output.get("data", {}) if isinstance(output, dict) else {}
        if "image/png" in data:
            count += 1
        html = data.get("text/html", "")
        html = "".join(html) if isinstance(html, list) else str(html)
        count += len(re.findall(r"<img\b", html))
    return count


def lesson_stats(lesson_number: int, course: Course | None = None, repo: Path | None = None) -> LessonStats:
    """Measure the notebook of lesson ``lesson_number`` against the model."""
    course = course or load_course()
    lesson = next((x for x in course.lessons if x.number == lesson_number), None)
    if lesson is None:
        valid = ", ".join(str(x.number) for x in course.lessons)
        raise ValueError(f"no lesson {lesson_number}; lessons: {valid}")
    root = repo or course.data_dir.parent
    cells = json.loads((root / lesson.notebook).read_text(encoding="utf-8"))["cells"]
    banks = {bank.id: bank for bank in course.banks}
    core = depth = citations = figures = widgets = 0
    terms: set[str] = set()
    items: list[QuizItem] = []
    minutes = 0.0
    for cell in cells:
        source = "".join(cell["source"])
        tags = cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] == "markdown":
            if "instructor" in tags:
                continue
            figures += len(re.findall(r"!\[|<img\b", source))
            prose, extra = split_depth(source)
            core += words(prose)
            depth += words(extra)
            citations += len(_CITATION.findall(prose))
            links = (link.strip("*_ ").lower() for link in _TERM_LINK.findall(prose))
            terms.update(link for link in links if link != "words used in this lesson")  # the contents entry
            continue
        if cell["cell_type"] != "code":
            continue
        figures += _figures(cell)
        for name, args in _calls(source):
            if name == "show_quiz" and args and isinstance(args[0], str) and args[0] in banks:
                bank = banks[args[0]]
                chosen = args[1] if len(args) > 1 else None
                if isinstance(chosen, str):
                    chosen = [chosen]
                if isinstance(chosen, list):
                    items += [bank.item(str(item_id)) for item_id in chosen]
                else:  # the whole bank: one version of each question, as the quiz draws them
                    items += list({i.parallel_group or i.id: i for i in bank.items if i.status != "retired"}.values())
            elif name in WIDGET_MINUTES:
                widgets += 1
                minutes += WIDGET_MINUTES[name]
    quiz_words = sum(words(item_text(item)) for item in items)
    core += quiz_words
    minutes += core / READING_WPM + sum(ITEM_MINUTES[item.type] for item in items)
    return LessonStats(
        number=lesson.number,
        title=lesson.title,
        syllabus_minutes=lesson.minutes,
        core_words=core,
        depth_words=depth,
        quiz_items=len(items),
        widgets=widgets,
        figures=figures,
        new_terms=len(terms),
        citation_markers=citations,
        estimated_minutes=minutes,
    )


def stats_table(rows: Sequence[LessonStats]) -> str:
    """The rows as a plain-text table, with the model underneath."""
    head = (
        "lesson", "core words", "depth words", "figures", "widgets", "quiz items",
        "new terms", "[KEY] in prose", "words/min", "estimate", "syllabus",
    )  # fmt: skip
    lines = [" | ".join(head)]
    for r in rows:
        lines.append(
            " | ".join(
                [
                    f"{r.number:02d}",
                    str(r.core_words),
                    str(r.depth_words),
                    str(r.figures),
                    str(r.widgets),
                    str(r.quiz_items),
                    str(r.new_terms),
                    str(r.citation_markers),
                    f"{r.words_per_minute:.0f}",
                    f"{r.estimated_minutes:.0f} min (~{r.estimate_rounded})",
                    f"{r.syllabus_minutes} min",
                ]
            )
        )
    lines.append(f"Model: {MODEL}. Words/min is core words per syllabus minute.")
    return "\n".join(lines)
