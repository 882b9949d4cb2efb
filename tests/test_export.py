"""The HTML export: static forms win over dead widgets; nothing comes from a CDN."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from course._export import WIDGET_VIEW, PreferStaticForms, exporter, link_pages

VIEW = {"model_id": "abc", "version_major": 2, "version_minor": 0}


def _notebook(data: dict) -> nbformat.NotebookNode:
    cell = new_code_cell("x", execution_count=1, outputs=[new_output("display_data", data=data)])
    return new_notebook(cells=[cell])


def test_a_widget_with_a_static_form_is_exported_as_the_form():
    notebook = _notebook({WIDGET_VIEW: VIEW, "text/html": "<p>STATIC FORM</p>", "text/plain": "quiz"})
    notebook, _ = PreferStaticForms().preprocess(notebook, {})
    assert WIDGET_VIEW not in notebook.cells[0].outputs[0]["data"]
    body, _ = exporter().from_notebook_node(_notebook({WIDGET_VIEW: VIEW, "text/html": "<p>STATIC FORM</p>"}))
    assert "STATIC FORM" in body and 'type="application/vnd.jupyter.widget-view+json"' not in body


def test_a_widget_without_a_static_form_stays_a_widget():
    notebook, _ = PreferStaticForms().preprocess(_notebook({WIDGET_VIEW: VIEW, "text/plain": "slider"}), {})
    assert WIDGET_VIEW in notebook.cells[0].outputs[0]["data"]


def test_the_export_loads_nothing_from_a_cdn():
    body, _ = exporter().from_notebook_node(_notebook({"text/plain": "hello"}))
    assert "cdnjs.cloudflare.com" not in body and "unpkg.com" not in body and "jsdelivr" not in body
    assert 'src="assets/require.js"' in body


def test_links_between_notebooks_point_at_their_pages():
    html = (
        '<a href="01-skin-healing.ipynb">1</a> <a href="../exercises/unfolding-cases.ipynb#Case-A">A</a>'
        ' <a href="https://example.org/x.ipynb">outside</a> <a href="#Key-points">here</a>'
    )
    assert link_pages(html) == (
        '<a href="01-skin-healing.html">1</a> <a href="unfolding-cases.html#Case-A">A</a>'
        ' <a href="https://example.org/x.ipynb">outside</a> <a href="#Key-points">here</a>'
    )


def test_every_citation_marker_links_to_its_entry_and_carries_the_full_reference():
    """In an exported page the marker's title is the full reference (shown on hover and focus)."""
    import re

    from tests.conftest import REPO

    notebook = nbformat.read(REPO / "exercises" / "symptom-checker.ipynb", as_version=4)
    body, _ = exporter().from_notebook_node(notebook)
    markers = re.findall(r'<sup><a href="#ref-([A-Z0-9-]+)" title="([^"]+)">(\d+)</a>', body)
    assert markers, "the page has numbered citation markers"
    entries = re.findall(r'<li id="ref-([A-Z0-9-]+)"', body)
    for key, title, number in markers:
        assert entries[int(number) - 1] == key, f"marker {number} points at entry {number}"
        assert len(title) > 30
    assert 'sup > a[href^="#ref-"]:focus::after' in body
