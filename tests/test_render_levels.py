"""Levels, flags, claims and references as markup: words, shape and colour together; every text escaped."""

from __future__ import annotations

import html

from course.content import load_course
from course.models import Claim
from course.render import Markup
from course.render.levels import (
    claim_items,
    critical_flag,
    evidence_and_refs,
    level_badge,
    notices,
    ok_svg,
    shape_svg,
    status_line,
    warning_svg,
)
from course.triage import LEVELS, level_info

HOSTILE = "<script>alert('x')</script> & \"q\""


def test_every_level_has_a_shape_with_its_colour_and_a_text_alternative():
    course = load_course()
    for level in LEVELS:
        info = level_info(level, course=course)
        svg = shape_svg(level, course)
        name = f"{info.shape}, {info.colour_name}"
        assert isinstance(svg, Markup)
        assert svg.startswith(
            f'<svg width="22" height="22" viewBox="0 0 24 24" role="img" aria-label="{name}" focusable="false" '
            f'style="flex:none"><title>{name}</title>'
        )
        assert f' fill="{info.colour}" stroke="#000" stroke-width="1.5"/></svg>' in svg  # SVG leaves close with />


def test_the_diamond_of_urgent_exactly():
    assert shape_svg("urgent", size=18) == (
        '<svg width="18" height="18" viewBox="0 0 24 24" role="img" aria-label="diamond, orange" focusable="false" '
        'style="flex:none"><title>diamond, orange</title>'
        '<polygon points="12,1 23,12 12,23 1,12" fill="#E69F00" stroke="#000" stroke-width="1.5"/></svg>'
    )


def test_a_badge_has_the_words_the_shape_and_the_colour():
    badge = level_badge("urgent")
    assert badge.startswith('<span style="display:inline-flex;')
    assert "<title>diamond, orange</title>" in badge and 'fill="#E69F00"' in badge
    assert f"<strong>{html.escape(level_info('urgent').label)}</strong></span>" in badge


def test_icons_have_text_alternatives_or_are_hidden_beside_words():
    assert 'aria-label="Warning"' in warning_svg() and "<title>Warning</title>" in warning_svg()
    assert 'width="18"' in warning_svg(18)
    assert 'aria-hidden="true"' in ok_svg() and "<title>" not in ok_svg()


def test_the_critical_flag_is_an_alert_with_icon_headline_and_escaped_reason():
    flag = critical_flag(HOSTILE)
    assert flag.startswith('<div role="alert" style="border:3px solid #000;border-left:12px solid #D55E00;')
    assert "<strong>Critical error: under-triage.</strong> " + html.escape(HOSTILE) in flag
    assert "<script>" not in flag and 'aria-label="Warning"' in flag
    assert "<strong>Unsafe.</strong>" in critical_flag("x", headline="Unsafe.")


def test_references_and_claims_are_escaped():
    assert evidence_and_refs("A", ["K", "B-1"]) == "<em>(approximate)</em> [K][B-1]"
    assert evidence_and_refs("S", ["<b>"]) == "<em>(sourced)</em> [&lt;b&gt;]"
    assert evidence_and_refs("S", []) == "<em>(sourced)</em> "
    claims = (Claim(text=HOSTILE, evidence="S", refs=("K",)), Claim(text="Plain", evidence="A", refs=()))
    assert claim_items(claims) == (
        f"<li>{html.escape(HOSTILE)} <em>(sourced)</em> [K]</li><li>Plain <em>(approximate)</em> </li>"
    )


def test_a_status_line_and_the_notices():
    assert status_line("Choose <one>") == (
        '<p role="status" style="margin:0.4em 0;color:#000"><strong>Choose &lt;one&gt;</strong></p>'
    )
    course = load_course()
    plain = notices(course, approximate=False)
    assert "Scope of practice." in plain and course.notices.approximate_values not in plain
    assert html.escape(course.notices.approximate_values) in notices(course, approximate=True)
