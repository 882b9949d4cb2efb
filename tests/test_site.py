"""The website's source: what each page holds, and where launch buttons point (the build is in tests/browser)."""

from __future__ import annotations

import nbformat
import pytest
import yaml

from course.builds import INSTRUCTOR_TAG
from course.content import load_course
from course.site import (
    SiteOptions,
    _config,
    _site_notebook,
    _text,
    glossary_page,
    jupyter_anchor,
    references_page,
    section_id,
    write_book,
)
from tests.conftest import REPO

COURSE = load_course()
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_markdown_characters_in_course_text_are_escaped():
    assert _text("a *b* [c](d) <e> #f `g`") == r"a \*b\* \[c\]\(d\) \<e\> \#f \`g\`"
    assert _text("two\n  lines") == "two lines"


def test_headings_keep_jupyters_anchors_and_sphinx_ids_are_found_from_them():
    assert jupyter_anchor(" Case A: spots on day 3 ") == "Case-A:-spots-on-day-3"
    assert section_id("Words-used-in-this-lesson") == "words-used-in-this-lesson"
    assert section_id("Case-A:-spots-on-day-3") == "case-a-spots-on-day-3"


def test_a_lesson_page_has_no_instructor_cell_and_each_widget_in_its_static_form():
    source = nbformat.read(REPO / "notebooks" / "03-timelines-filler.ipynb", as_version=4)
    page = _site_notebook(source)
    assert not [c for c in page.cells if INSTRUCTOR_TAG in c.metadata.get("tags", [])]
    outputs = [o for c in page.cells for o in c.get("outputs", [])]
    assert outputs and not [o for o in outputs if WIDGET_VIEW in o.get("data", {}) and "text/html" in o["data"]]
    assert any(INSTRUCTOR_TAG in c.metadata.get("tags", []) for c in source.cells), "the source was changed"


def test_links_to_notebooks_in_outputs_lead_to_their_pages():
    start = _site_notebook(nbformat.read(REPO / "notebooks" / "00-start-here.ipynb", as_version=4))
    html = "".join(str(o.get("data", {}).get("text/html", "")) for c in start.cells for o in c.get("outputs", []))
    assert 'href="03-timelines-filler.html"' in html and 'href="03-timelines-filler.ipynb"' not in html


def test_no_launch_buttons_without_a_repository():
    config = _config(SiteOptions())
    assert "launch_buttons" not in config and "repository" not in config


def test_launch_buttons_to_binder_and_a_hub_for_a_repository():
    config = _config(SiteOptions(repo_url="https://github.com/o/r", branch="class", hub_url="https://hub.example.org"))
    assert config["repository"] == {"url": "https://github.com/o/r", "branch": "class", "path_to_book": ""}
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert config["launch_buttons"]["jupyterhub_url"] == "https://hub.example.org"


def test_the_site_shows_stored_outputs_and_loads_the_widget_manager_from_itself():
    config = _config(SiteOptions())
    assert config["execute"] == {"execute_notebooks": "off"}
    scripts = config["sphinx"]["config"]["nb_ipywidgets_js"]
    assert scripts and not [s for s in scripts if "://" in s]


def test_the_glossary_and_references_pages_hold_every_entry():
    glossary = glossary_page(COURSE)
    for term in COURSE.terms.values():
        assert _text(term.term) in glossary
    references = references_page(COURSE)
    for key in COURSE.references:
        assert f"\\[{_text(key)}\\]" in references


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return write_book(REPO, tmp_path_factory.mktemp("book") / "source", COURSE)


def test_the_book_lists_every_notebook_and_the_instructor_section(book):
    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    notebooks = sorted(p.relative_to(REPO).with_suffix("").as_posix() for p in REPO.glob("*/*.ipynb"))
    assert sorted(f for f in files if f.startswith(("notebooks/", "exercises/"))) == notebooks
    instructors = next(p for p in toc["parts"] if p["caption"] == "For instructors")["chapters"][0]
    assert instructors["file"] == "instructor/class-guide"
    assert len(instructors["sections"]) == len(COURSE.lessons)
    for name in ("glossary", "references", "illustrations"):
        assert name in files and (book / f"{name}.md").exists()
    assert (book / "_site_static" / "require.js").exists()
    assert (book / "_site_static" / "html-manager" / "embed-amd.js").exists()
    assert not (book / "_static").exists(), "Jupyter Book would put every script there on every page"
