"""Citations as numbered markers: converting [KEY], renumbering, and the check for uncited numbers."""

from __future__ import annotations

import json
import shutil

from course.citations import (
    APPROXIMATE_MARK,
    NO_CLAIM,
    cite_markdown,
    cite_notebook,
    keys_in,
    notebook_problems,
    reference_title,
    uncited_numbers,
)
from course.content import load_course
from course.stats import words
from tests.conftest import REPO

COURSE = load_course()
REFS = COURSE.references


def md(text, tags=()):
    return {"cell_type": "markdown", "source": [text], "metadata": {"tags": list(tags)}}


def test_keys_become_numbered_markers_in_order_of_first_use():
    numbers: dict[str, int] = {}
    text = cite_markdown("Pustules at day 3 [MURRAY-VO21][BERK08]. Milia [BERK08].", numbers, REFS)
    assert numbers == {"MURRAY-VO21": 1, "BERK08": 2}
    assert "[MURRAY-VO21]" not in text and "[BERK08]" not in text
    first, second = text.split("<sup>")[1:]
    assert first.startswith('[1](#ref-MURRAY-VO21 "') and ', [2](#ref-BERK08 "' in first
    assert second.startswith('[2](#ref-BERK08 "')
    assert keys_in(text) == ["MURRAY-VO21", "BERK08", "BERK08"]


def test_brackets_that_are_not_known_keys_are_left_alone():
    numbers: dict[str, int] = {}
    text = "- [ ] tick this. See [the map](#map). Not a source: [NOT-A-KEY]."
    assert cite_markdown(text, numbers, REFS) == text
    assert numbers == {}


def test_running_again_renumbers_after_text_moves():
    numbers: dict[str, int] = {}
    first, second = cite_markdown("A [ASJ97].", numbers, REFS), cite_markdown("B [HARRIS15].", numbers, REFS)
    assert numbers == {"ASJ97": 1, "HARRIS15": 2}
    renumbered = cite_markdown(second + "\n" + first, {}, REFS)
    assert renumbered.startswith("B<sup>[1](#ref-HARRIS15 ")
    assert "[2](#ref-ASJ97 " in renumbered
    assert cite_markdown(renumbered, {}, REFS) == renumbered, "converting twice changes nothing"


def test_approximate_becomes_one_mark_and_markers_are_not_read_as_words():
    text = cite_markdown("Worst around days 2 to 4 (approximate) [FACTSHEET].", {}, REFS)
    assert f"days 2 to 4 {APPROXIMATE_MARK}<sup>[1](#ref-FACTSHEET" in text
    assert words(text) == words("Worst around days 2 to 4.")


def test_the_title_is_the_full_reference_without_double_quotes():
    title = reference_title(REFS["MURRAY-VO21"])
    assert REFS["MURRAY-VO21"].title.split()[0] in title and str(REFS["MURRAY-VO21"].year) in title
    assert '"' not in title and "\n" not in title


def test_a_clinical_number_needs_a_citation_in_its_paragraph_row_or_item():
    cells = [
        md("Milia appear from 14 days after laser.\n\nThey persist for 3 months [ASJ97]."),
        md("| Sign | Day |\n|---|---|\n| Pustules | 3 days [MURRAY-VO21] |\n| Blisters | 1 to 2 days |"),
        md('- Redness settles in 3 days <sup>[1](#ref-CHU21 "x")</sup>\n- Flaking up to 7 days'),
        md("**Time:** about 60 minutes: warm-up 5 min"),
        md("About 12 days of class prep.", tags=["instructor"]),
        md(f"{NO_CLAIM}**The situation.** Four weeks after microneedling, 2 mm bumps."),
        md("## Day 3 to 7 days"),
    ]
    assert uncited_numbers(cells) == [
        "Milia appear from 14 days after laser.",
        "| Blisters | 1 to 2 days |",
        "- Flaking up to 7 days",
    ]


def test_the_content_check_names_the_notebook_cell_and_text(tmp_path, capsys):
    from course.cli import main

    shutil.copytree(REPO / "data", tmp_path / "data")
    (tmp_path / "notebooks").mkdir()
    notebook = {"cells": [md("# 01"), md("Pustules appear 3 days after filler.")], "metadata": {}, "nbformat": 4}
    (tmp_path / "notebooks" / "bad.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    assert main(["check", "--data", str(tmp_path / "data")]) == 1
    out = capsys.readouterr().out
    assert "notebooks/bad.ipynb:cell 2: a clinical number with no reference marker: 'Pustules appear 3 days" in out


def test_an_unknown_key_in_a_marker_is_a_problem(tmp_path):
    notebook = {"cells": [md('Pustules<sup>[1](#ref-NOPE99 "x")</sup>.')], "metadata": {}, "nbformat": 4}
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert notebook_problems(path, REFS) == [f"{path}:cell 1: unknown reference key 'NOPE99'"]


def test_cite_notebook_converts_in_place_and_then_reports_no_change(tmp_path):
    notebook = {"cells": [md("Milia [ASJ97]."), md("More [ASJ97][HARRIS15].")], "metadata": {}, "nbformat": 4}
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert cite_notebook(path, REFS) is True
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    assert "".join(cells[1]["source"]).startswith('More<sup>[1](#ref-ASJ97 "')
    assert cite_notebook(path, REFS) is False


def test_a_key_named_inside_a_reference_title_is_not_a_citation():
    title_with_key = '<sup>[1](#ref-BAD-ERYTHEMA "BAD, via [WOUNDS-INT23], 2021.")</sup>'
    assert keys_in(title_with_key) == ["BAD-ERYTHEMA"]
    assert "[" not in reference_title(REFS["BAD-ERYTHEMA"])
