"""The timeline, depth explorer and static pages as the rendering layer draws them (no widgets)."""

from __future__ import annotations

import dataclasses
import html

from course.content import load_course
from course.models import Reference, Term
from course.render import Markup, tag
from course.render.depth import depth_text_html, reach_table_html
from course.render.pages import HtmlPage, cite, format_minutes, lesson_map_page, reference_list_page, term_list_page
from course.render.timeline import chart_html, day_lists_html, lists_html, render_chart, table_html
from course.skin import at_depth
from course.timeline import Timeline, on_day

HOSTILE = "<script>alert('x')</script> & \"quoted\""


def test_cite_escapes_keys_and_is_empty_for_none():
    assert cite(["MURRAY-VO21", "BERK08"]) == "[MURRAY-VO21][BERK08]"
    assert cite([]) == "" and isinstance(cite([]), Markup)
    assert cite(["<A>"]) == "[&lt;A&gt;]"


def test_format_minutes_reads_hours_and_minutes():
    assert [format_minutes(m) for m in (45, 60, 75, 570)] == ["45 min", "1 h", "1 h 15 min", "9 h 30 min"]


def test_a_page_is_plain_html_that_other_markup_takes_as_it_is():
    page = HtmlPage(tag("p", "a & b"), "a & b")
    assert type(page.html) is str and page._repr_html_() == "<p>a &amp; b</p>" and repr(page) == "a & b"
    assert tag("div", page) == "<div><p>a &amp; b</p></div>"
    # Adding markup to a page's HTML must not escape it (the notices of the checker do this).
    assert page.html + "<em>x</em>" == "<p>a &amp; b</p><em>x</em>"


def test_every_page_escapes_its_text():
    lesson = dataclasses.replace(load_course().lessons[1], title=HOSTILE, summary=HOSTILE)
    reference = Reference(HOSTILE.replace(" ", ""), HOSTILE, None, HOSTILE, HOSTILE, HOSTILE, HOSTILE)
    term = Term("t", HOSTILE, HOSTILE, refs=("K",))
    for page in (
        lesson_map_page([(lesson, None)], 45),
        lesson_map_page([(lesson, HOSTILE)], 45),
        reference_list_page([reference]),
        term_list_page([term]),
    ):
        assert "<script>" not in page.html and html.escape(HOSTILE) in page.html
    assert "n.d." in reference_list_page([reference]).text
    assert term_list_page([term]).text == f"{HOSTILE}: {HOSTILE} [K]"


def test_lesson_map_links_ready_lessons_and_marks_the_others():
    lesson = load_course().lessons[1]
    ready = lesson_map_page([(lesson, "01-x.ipynb")], lesson.minutes)
    waiting = lesson_map_page([(lesson, None)], lesson.minutes)
    assert '<a href="01-x.ipynb">' in ready.html and "(in preparation)" not in ready.text
    assert "<em>(in preparation)</em>" in waiting.html and "(in preparation)" in waiting.text


def test_day_lists_escape_the_data_and_name_the_day():
    view = on_day("lip-filler", 3)
    entry = dataclasses.replace(view.expected[0], label=HOSTILE, note=HOSTILE, condition=None)
    hostile = dataclasses.replace(view, procedure_title=HOSTILE, expected=(entry,))
    out = day_lists_html(hostile)
    assert "<script>" not in out and out.count(html.escape(HOSTILE)) == 3
    assert "Expected on day 3" in out and "Must not miss on day 3" in out


def test_comparing_puts_each_procedure_in_a_column_under_its_title():
    views = Timeline("microneedling", 7, compare="rf-microneedling").views
    out = lists_html(views)
    assert out.count('<div style="flex:1 1 22em;min-width:0"><h3') == 2
    assert lists_html(views[:1]) == day_lists_html(views[0])


def test_the_table_lists_every_entry_with_a_dash_outside_its_window():
    out = table_html(on_day("lip-filler", 90))
    assert "On day 90" in out and ">–</td>" in out and ">must not miss<" not in out.split("<tbody>")[0]


def test_the_day_marker_sits_at_the_day_on_the_cached_chart():
    timeline = Timeline("lip-filler", 7)
    chart = render_chart("lip-filler")
    assert render_chart("lip-filler") is chart
    out = chart_html(timeline)
    assert f"left:{chart.x_fraction(7) * 100:.3f}%" in out and ">Day 7</div>" in out
    assert out.count(chart.png_base64) == 1 and 'alt="Timeline chart: what to expect after lip filler' in out


def test_depth_text_names_what_reaches_the_layer_and_what_starts_there():
    deep = depth_text_html(at_depth("subcutis"))
    assert "At this depth: " in deep and deep.count("<li>") == 1 and "Bumps that start here" not in deep
    upper = depth_text_html(at_depth("upper-dermis"))
    assert "Bumps that start here" in upper and upper.count("<li>") == 5 + 3
    view = dataclasses.replace(at_depth("muscle"), reaching=())
    assert "<li>No procedure in this course works this deep.</li>" in depth_text_html(view)
    assert "How deep each procedure reaches." in reach_table_html()


def test_a_timeline_chart_kept_between_kernels_is_the_chart_drawn(tmp_path, monkeypatch):
    from course.render import timeline as render_timeline

    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    render_timeline.render_chart.cache_clear()
    drawn = render_timeline._draw_chart("chemical-peel", None)
    first = render_timeline.render_chart("chemical-peel")
    assert first == drawn and list(tmp_path.glob("timeline-charts/*/chemical-peel--alone.json"))
    render_timeline.render_chart.cache_clear()
    monkeypatch.setattr(render_timeline, "_draw_chart", lambda *a: (_ for _ in ()).throw(AssertionError("drew")))
    assert render_timeline.render_chart("chemical-peel") == drawn  # read back, not drawn again
    render_timeline.render_chart.cache_clear()
