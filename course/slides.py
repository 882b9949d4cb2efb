"""Slides per lesson, from the cells tagged ``slides``: reveal.js decks that work offline.

Which cells make a slide is the lesson author's choice: tag a cell ``slides`` (its
objectives, a key diagram, a check question, the key points). One tagged cell is one
slide. Markdown cells become the slide's text; a code cell contributes its stored
outputs (a chart, an illustration, a quiz's printable form). Answers never reach a
slide: a check question shows its question and options, and every reveal block
(``<details>``, where the printable forms keep their answers) is removed.

The deck loads reveal.js from a local copy (the npm package ``reveal.js``, installed by
``npm ci`` into ``node_modules/``) copied next to it, so nothing is fetched from a CDN.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

__all__ = ["SLIDES_TAG", "Slide", "copy_reveal", "lesson_slides", "strip_answers"]

#: Cells with this tag become slides.
SLIDES_TAG = "slides"
_DETAILS = re.compile(r"<details\b.*?</details>", re.S | re.I)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)
_POINTER = re.compile(r"(?<=>)[^<>]{0,400}?\bShow the (?:answer|expected decision)\b[^<>]{0,400}")


@dataclass(frozen=True)
class Slide:
    """One slide: markdown source, or the HTML and images a code cell stored."""

    markdown: str | None = None
    html: tuple[str, ...] = ()  # outputs' HTML, answers removed
    images: tuple[str, ...] = ()  # base64 PNGs


def strip_answers(html: str) -> str:
    """``html`` without reveal blocks (answers), sentences pointing at them, and scripts."""
    return _POINTER.sub("", _SCRIPT.sub("", _DETAILS.sub("", html)))


def _from_outputs(outputs: list[Any]) -> Slide:
    html: list[str] = []
    images: list[str] = []
    for output in outputs:
        data = output.get("data", {})
        if "text/html" in data:
            html.append(strip_answers("".join(data["text/html"])))
        elif "image/png" in data:
            images.append("".join(data["image/png"]).replace("\n", ""))
    return Slide(html=tuple(html), images=tuple(images))


def lesson_slides(notebook_path: Path) -> tuple[Slide, ...]:
    """The slides of one lesson notebook: its cells tagged ``slides``, in order."""
    notebook = nbformat.read(notebook_path, as_version=4)
    slides = []
    for cell in notebook.cells:
        if SLIDES_TAG not in cell.metadata.get("tags", []):
            continue
        if cell.cell_type == "markdown":
            slides.append(Slide(markdown=cell.source))
        elif cell.cell_type == "code":
            slides.append(_from_outputs(cell.get("outputs", [])))
    return tuple(slides)


def default_node_modules() -> Path:
    return Path(__file__).resolve().parent.parent / "node_modules"


def copy_reveal(out_dir: Path, node_modules: Path | None = None) -> Path:
    """Copy reveal.js's ``dist`` folder to ``out_dir/reveal``; a clear error if ``npm ci`` has not run."""
    source = (node_modules or default_node_modules()) / "reveal.js" / "dist"
    if not source.exists():
        raise FileNotFoundError(f"reveal.js is missing ({source}); run `npm ci` in the repository first")
    target = out_dir / "reveal"
    shutil.copytree(source, target, dirs_exist_ok=True)
    return target
