"""The progress dashboard and the record of completion, drawn: escaped, styled by name, no widgets."""

from __future__ import annotations

import base64
import dataclasses
import json
import re
import subprocess
import sys
from datetime import date

import pytest

from course import completion, locations
from course import progress as pg
from course.content import default_data_dir, load_course
from course.quiz import grade
from course.render import completion as render_completion
from course.render import progress as render_progress
from tests.conftest import REPO, TEST_DATA

COURSE = load_course(TEST_DATA / "valid")
BANK = COURSE.banks[0]
LEARNER = "learner-abc123"
HOSTILE = '<img src=x onerror="alert(1)"> & "quoted"'


def answered(*answers: tuple[str, object, int | None]) -> pg.Progress:
    progress = pg.new_progress(LEARNER)
    for item_id, answer, certainty in answers:
        progress = pg.record(progress, BANK.id, grade(BANK.item(item_id), answer, certainty), 1)
    return progress


@pytest.mark.parametrize("module", ["course.render.progress", "course.render.completion"])
def test_render_modules_import_no_widgets(module):
    code = f"import json, sys, {module}\nprint(json.dumps([m for m in sys.modules if m.startswith('ipywidgets')]))"
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == []


@pytest.mark.parametrize(
    "path",
    [
        "course/completion.py",
        "course/locations.py",
        *(f"course/progress/{n}" for n in ("__init__.py", "format.py", "storage.py", "objectives.py")),
    ],
)
def test_the_logic_writes_no_html_tags(path):
    source = (REPO / path).read_text(encoding="utf-8")
    assert not re.search(
        r"<(b|i|p|div|span|br|strong|em|a|ul|li|dl|dt|dd|h[1-6]|table|tr|td|th|section|script)\b", source
    )


def test_the_views_build_no_markup():
    for name in ("progress.py", "completion.py"):
        source = (REPO / "course" / "widgets" / name).read_text(encoding="utf-8")
        assert not re.search(r"<[a-z]", source.split('"""', 2)[2]), name  # below the module docstring
        assert "style=" not in source and "escape(" not in source, name


def test_hostile_text_is_escaped_in_every_part_of_the_dashboard():
    item = BANK.item("dusky-lip")
    bad_bank = dataclasses.replace(
        BANK,
        title=HOSTILE,
        items=tuple(dataclasses.replace(i, stem=HOSTILE) if i.id == item.id else i for i in BANK.items),
    )
    progress = answered(("dusky-lip", {"level": "monitor", "recipient": "nobody"}, 3))
    dashboard = pg.summarise(progress, [bad_bank])
    parts = [
        render_progress.must_pass_list(dashboard, [bad_bank]),
        render_progress.calibration(dashboard, [bad_bank]),
        render_progress.import_refused(HOSTILE, HOSTILE),
        render_progress.import_too_large(HOSTILE),
        render_progress.learner_line(dataclasses.replace(progress, learner_id=HOSTILE)),
    ]
    for part in parts:
        assert "<img" not in part and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;quoted&quot;" in part


def test_the_dashboard_parts_say_what_the_dashboard_decided():
    progress = answered(("milia-what-a", "milia", 3), ("milia-when", "week-1", None))
    dashboard = pg.summarise(progress, [BANK])
    table = render_progress.objectives_table(dashboard, COURSE)
    assert "Learning objectives: 0 of 1 met" in table and "2 of 2 needed (8 questions)" in table
    assert '<strong style="white-space:nowrap">○ Not yet</strong>' in table
    assert render_progress.objectives_table(pg.summarise(None, []), COURSE).endswith(
        "No objectives to show: there are no questions here yet.</p>"
    )
    assert "Learner id <strong>learner-abc123</strong> (a pseudonym): 2 answers saved." in (
        render_progress.learner_line(progress)
    )
    assert "No answers are saved on this computer yet" in render_progress.learner_line(None)


def test_the_export_link_holds_the_newest_version_of_the_file():
    progress = answered(("milia-what-a", "milia", None))
    link = render_progress.export_link(progress)
    match = re.search(r'<a download="progress-learner-abc123.json" href="data:application/json;base64,([^"]+)">', link)
    assert match
    assert base64.b64decode(match.group(1)).decode() == pg.export_progress(progress)
    assert "(progress-learner-abc123.json, 1 answer)." in link


def test_a_data_table_puts_headers_first_and_escapes_cells():
    table = render_progress.data_table("Cap <1>", ("A", "B"), [("x", "<y>")], foot=("t", "2"))
    assert table.startswith('<table style="border-collapse:collapse;margin:0.4em 0;max-width:60em">')
    assert "<caption" in table and "Cap &lt;1&gt;" in table
    assert '<th scope="row" style="' in table and "&lt;y&gt;</td>" in table
    assert '</tbody><tfoot><tr><th scope="row"' in table and table.endswith("</td></tr></tfoot></table>")


def test_the_record_page_is_still_importable_from_course_completion():
    assert completion.render_html is render_completion.render_html
    assert completion.record_fragment is render_completion.record_fragment
    from course.completion import record_fragment, render_html  # noqa: F401  (what notebooks and tests import)

    with pytest.raises(AttributeError):
        completion.no_such_name  # noqa: B018


def test_the_record_page_is_one_document_with_its_style_sheet():
    record = completion.build_record(pg.new_progress(LEARNER), load_course(), on=date(2026, 3, 14))
    page = render_completion.render_html(record)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n')
    assert "<style>body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;" in page
    assert page.endswith("</main>\n</body>\n</html>\n") and type(page) is str
    assert render_completion.preview(record).startswith('<section aria-label="Preview of your record" style="')


# --- Where files are -------------------------------------------------------------------------


def test_the_course_data_folder_is_known_in_one_place(monkeypatch, tmp_path):
    monkeypatch.delenv(locations.DATA_ENV_VAR, raising=False)
    assert locations.data_dir() == default_data_dir() == REPO / "data"
    monkeypatch.setenv(locations.DATA_ENV_VAR, str(tmp_path))
    assert default_data_dir() == tmp_path


def test_the_progress_files_are_known_in_one_place(monkeypatch, tmp_path):
    monkeypatch.setenv(locations.PROGRESS_ENV_VAR, str(tmp_path))
    assert pg.ENV_VAR == locations.PROGRESS_ENV_VAR == "COURSE_PROGRESS_DIR"
    assert pg.progress_path(LEARNER) == locations.progress_file(LEARNER) == tmp_path / f"{LEARNER}.json"
    assert locations.current_learner_file() == tmp_path / ".current-learner" == tmp_path / pg.CURRENT_LEARNER_FILE
    path = tmp_path / f"{LEARNER}.json"
    assert locations.lock_file(path).name == f"{LEARNER}.json.lock"
    assert locations.backup_file(path, "20260101T000000Z").name == f"{LEARNER}.json.corrupt-20260101T000000Z"
    assert locations.backup_file(path, "20260101T000000Z", 2).name == f"{LEARNER}.json.corrupt-20260101T000000Z-2"
