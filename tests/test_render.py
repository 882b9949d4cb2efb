"""The markup builder: every plain string is escaped, styles are named once."""

from __future__ import annotations

import html

import pytest

from course.render import STYLES, Markup, escape, join, style, tag

HOSTILE = "<script>alert('x')</script> & \"quoted\""


def test_plain_text_is_escaped_exactly_as_html_escape_does():
    # The same entities as before the rendering layer, so stored outputs do not change.
    assert tag("p", HOSTILE) == f"<p>{html.escape(HOSTILE)}</p>"
    assert escape(HOSTILE) == html.escape(HOSTILE)


def test_markup_passes_through_and_attributes_are_escaped():
    inner = tag("strong", "bold")
    out = tag("div", inner, " & more", title=HOSTILE, role="status")
    assert out.startswith(f'<div title="{html.escape(HOSTILE)}" role="status">')
    assert "<strong>bold</strong> &amp; more</div>" in out
    assert isinstance(out, Markup)


def test_named_styles_and_data_css_go_last_in_one_attribute():
    assert tag("p", "x", style="p") == '<p style="margin:0.3em 0">x</p>'
    assert tag("p", "x", style=("p", "small"), css="color:#E69F00") == (
        '<p style="margin:0.3em 0;font-size:0.9em;color:#E69F00">x</p>'
    )


def test_an_unknown_style_name_lists_the_known_ones():
    with pytest.raises(KeyError, match=r"unknown style 'bold-red'; known styles: .*badge"):
        style("bold-red")


def test_attribute_names_children_and_void_elements():
    assert (
        tag("img", src="a.png", alt="A", style="image")
        == '<img src="a.png" alt="A" style="max-width:100%;height:auto">'
    )
    assert tag("li", None, ["a", ["b", tag("em", "c")]], False) == "<li>ab<em>c</em></li>"
    assert tag("ul", class_="k", aria_label="L", hidden=True, title=None) == '<ul class="k" aria-label="L" hidden></ul>'
    assert join(["a", tag("br"), "<b>"], ", ") == "a, <br>, &lt;b&gt;"


def test_every_named_style_is_a_plain_declaration_list():
    for name, css in STYLES.items():
        assert css and '"' not in css and "<" not in css and not css.endswith(";"), name
