"""Citations in the lessons' prose: small numbered markers instead of ``[KEY]`` in the text.

Authors write a reference key in square brackets after a claim, ``[MURRAY-VO21]``, as the
data files do. ``python -m course cite NOTEBOOK...`` turns every known key in a notebook's
markdown into a numbered marker that links to the lesson's reference list and carries the
full reference as its title (shown on hover, and on focus in the exported pages)::

    blocked vessel<sup>[3](#ref-MURRAY-VO21 "Murray G, ... 2021. Title. Venue.")</sup>

Numbers follow the order of first use in the notebook, the order in which
``course.show_lesson_references`` lists the sources, so marker 3 is the third entry. Running
the command again renumbers the markers (after text moved) and converts new keys, so it is
safe to run after every edit. The key stays in the link target: the checks still read which
source supports which number.

An approximate value is marked "(≈)" after it; ``(approximate)`` is converted to that mark,
which the start notebook and every lesson's reference section explain.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from course.models import Reference

__all__ = [
    "APPROXIMATE_MARK",
    "CLINICAL_NUMBER",
    "cite_markdown",
    "cite_notebook",
    "cited_in",
    "keys_in",
    "notebook_problems",
    "reference_title",
    "strip_markers",
    "uncited_numbers",
]

APPROXIMATE_MARK = "(≈)"

# One key as written by an author, and one or more numbered markers as the converter writes them.
_KEY = r"[A-Z0-9]+(?:-[A-Z0-9]+)*"
_MARKER_LINK = re.compile(rf'\[\d+\]\(#ref-({_KEY}) "[^"]*"\)')
_MARKERS = re.compile(rf"<sup>(?:{_MARKER_LINK.pattern}(?:, )?)+</sup>")
# A run of citations: bracketed keys and marker groups next to each other.
_RUN = re.compile(rf"[ \t]*(?:(?:\[{_KEY}\](?!\())|{_MARKERS.pattern})+")
_APPROXIMATE = re.compile(r"\s*\(approximate\)")

# A clinical number in running text: a count or range followed by a unit of time, size or rate.
CLINICAL_NUMBER = re.compile(
    r"\b\d+(?:[.,]\d+)?(?:\s*(?:to|-|–)\s*\d+(?:[.,]\d+)?)?\s*"
    r"(?:%|per ?cent|mm\b|cm\b|days?\b|weeks?\b|months?\b|years?\b|hours?\b|h\b)",
)
_BLOCK_SPLIT = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)|\n(?=\s*\|)")


def keys_in(text: str) -> list[str]:
    """Reference keys the text cites, bracketed or as markers, in order (repeats kept)."""
    keys: list[str] = []
    for run in _RUN.finditer(text):
        # A whole marker link first, so brackets inside its title are not read as keys.
        for match in re.finditer(rf"{_MARKER_LINK.pattern}|\[({_KEY})\](?!\()", run.group(0)):
            keys.append(match.group(1) or match.group(2))
    return keys


def strip_markers(text: str) -> str:
    """``text`` without its numbered markers (and their titles): what a reader reads as words."""
    return _MARKERS.sub(" ", text)


def reference_title(reference: Reference) -> str:
    """The full reference as a marker's title: one line, no double quotes or square brackets."""
    year = reference.year if reference.year is not None else "n.d."
    text = f"{reference.authors}, {year}. {reference.title}. {reference.venue}."
    text = text.replace('"', "'").replace("[", "").replace("]", "")
    return re.sub(r"\s+", " ", text).replace("..", ".")


def cite_markdown(text: str, numbers: dict[str, int], references: Mapping[str, Reference]) -> str:
    """``text`` with every run of known keys as one numbered marker group, set against the word before.

    ``numbers`` maps keys to their numbers and grows as new keys are met (first use order).
    Bracketed text that is not a known key (a checkbox "[ ]", a plain "[1]") is left alone.
    """

    def marker(run: re.Match[str]) -> str:
        keys = keys_in(run.group(0))
        if not keys or any(key not in references for key in keys):
            return run.group(0)
        links = []
        for key in dict.fromkeys(keys):
            number = numbers.setdefault(key, len(numbers) + 1)
            links.append(f'[{number}](#ref-{key} "{reference_title(references[key])}")')
        return "<sup>" + ", ".join(links) + "</sup>"

    text = _APPROXIMATE.sub(" " + APPROXIMATE_MARK, text)
    return _RUN.sub(marker, text)


def cited_in(cells: Iterable[dict[str, Any]]) -> list[str]:
    """The keys the markdown cells cite, in order of first use: the order ``course cite`` numbers them."""
    return list(
        dict.fromkeys(key for cell in cells if cell.get("cell_type") == "markdown" for key in keys_in(_source(cell)))
    )


def _source(cell: dict[str, Any]) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else str(source)


def cite_notebook(path: Path, references: Mapping[str, Reference]) -> bool:
    """Convert (or renumber) the citations in a notebook's markdown in place; True if it changed."""
    raw = path.read_text(encoding="utf-8")
    notebook = json.loads(raw)
    numbers: dict[str, int] = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        new = cite_markdown(_source(cell), numbers, references)
        cell["source"] = new.splitlines(keepends=True)
    text = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
    if text == raw:
        return False
    path.write_text(text, encoding="utf-8")
    return True


NO_CLAIM = "<!-- no clinical claim -->"


def uncited_numbers(cells: Iterable[dict[str, Any]], skip_tags: Sequence[str] = ("instructor",)) -> list[str]:
    """Paragraphs, list items and table rows that state a clinical number with no citation.

    Headings, the **Time:** line and the instructor's notes are left out: they give lesson
    minutes, not clinical facts. So is a block that holds ``<!-- no clinical claim -->``: a
    case's story ("four weeks after microneedling, ...") or the course's own mechanics (when
    questions come back for review), which state no clinical fact.
    """
    return [block for _, block in _uncited(cells, skip_tags)]


def _uncited(cells: Iterable[dict[str, Any]], skip_tags: Sequence[str]) -> Iterable[tuple[int, str]]:
    for number, cell in enumerate(cells, start=1):
        if cell.get("cell_type") != "markdown" or set(cell.get("metadata", {}).get("tags", [])) & set(skip_tags):
            continue
        for block in _BLOCK_SPLIT.split(_source(cell)):
            stripped = block.strip()
            if not stripped or stripped.startswith(("#", "**Time:**")) or NO_CLAIM in stripped:
                continue
            if CLINICAL_NUMBER.search(_without_markup(stripped)) and not keys_in(stripped):
                yield number, stripped


def notebook_problems(path: Path, references: Mapping[str, Reference], shown: str | None = None) -> list[str]:
    """What the content check reports for one notebook: unknown keys, and numbers with no citation.

    Each problem reads ``notebook:cell N: message``, the cell counted from 1 as JupyterLab shows them.
    """
    name = shown or str(path)
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    problems: list[str] = []
    for number, cell in enumerate(cells, start=1):
        if cell.get("cell_type") != "markdown":
            continue
        for key in dict.fromkeys(keys_in(_source(cell))):
            if key not in references:
                problems.append(f"{name}:cell {number}: unknown reference key {key!r}")
    listed = _listed_references(cells)
    if listed is not None:
        cited = cited_in(cells)
        if listed[: len(cited)] != cited:
            problems.append(
                f"{name}: the references cell lists {', '.join(listed)}; the markers number "
                f"{', '.join(cited)} (list those first, in order of first use, as `course cite` numbers them)"
            )
    for number, block in _uncited(cells, ("instructor",)):
        excerpt = re.sub(r"\s+", " ", block)[:90]
        problems.append(f"{name}:cell {number}: a clinical number with no reference marker: {excerpt!r}")
    return problems


def _listed_references(cells: Sequence[dict[str, Any]]) -> list[str] | None:
    """The keys a ``course.show_references(...)`` cell lists, in order; None without such a cell."""
    for cell in cells:
        if cell.get("cell_type") != "code" or "show_references" not in _source(cell):
            continue
        try:
            tree = ast.parse(_source(cell))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "show_references":
                return [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
    return None


def _without_markup(text: str) -> str:
    """Text with markers, link targets and HTML tags removed, so a URL or an id is not read as a number."""
    text = re.sub(r"\]\([^)]*\)", "]", strip_markers(text))
    return re.sub(r"<[^>]+>", " ", text)
