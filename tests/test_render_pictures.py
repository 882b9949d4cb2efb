"""Illustrations as figure markup: the picture itself inside, its text alternative from the data."""

from __future__ import annotations

import base64
import html
import re

import pytest

from course.appearance import alt_text, picture
from course.illustrations import render_png
from course.render.pictures import picture_figure, picture_image


def test_a_figure_embeds_the_drawn_png_with_the_data_written_alt_text():
    figure = picture_figure("vascular-occlusion--net-pattern--D")
    source = re.search(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)"', figure)
    assert source, figure[:200]
    assert base64.b64decode(source.group(1)) == render_png(picture("vascular-occlusion--net-pattern--D"))
    words = alt_text(picture("vascular-occlusion--net-pattern--D"))
    assert html.unescape(source.group(2)) == words and "dark skin" in words.lower()
    assert "<figcaption" in figure and html.escape(words, quote=False)[:60] in figure


def test_a_caption_can_replace_the_alt_text_below_the_picture_but_not_in_it():
    figure = picture_figure("milia--surface--L", caption="Milia <on> light skin")
    assert "Milia &lt;on&gt; light skin</figcaption>" in figure
    assert 'alt="Milia &lt;on&gt;' not in figure


def test_an_unknown_picture_is_a_clear_error():
    try:
        picture_image("milia--nowhere--X")
    except ValueError as err:
        assert "no illustration 'milia--nowhere--X'" in str(err)
    else:  # pragma: no cover
        raise AssertionError("an unknown picture id was accepted")


def test_drawings_are_kept_between_kernels_under_a_fingerprint_of_the_code_and_data(tmp_path, monkeypatch):
    from course.render import pictures

    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    first = pictures._drawn("milia--surface--M", 0)
    kept = list(tmp_path.glob("pictures/*/milia--surface--M--0.png"))
    assert len(kept) == 1 and kept[0].read_bytes() == first
    assert kept[0].parent.name == pictures._drawing_version()

    def no_drawing(picture_id, seed):
        raise AssertionError("drew again instead of using the kept drawing")

    monkeypatch.setattr(pictures, "_draw", no_drawing)
    assert pictures._drawn("milia--surface--M", 0) == first
    monkeypatch.setenv("COURSE_CACHE_DIR", "off")
    with pytest.raises(AssertionError, match="drew again"):
        pictures._drawn("milia--surface--M", 0)


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    from course.render import pictures

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("COURSE_CACHE_DIR", str(blocked))
    assert pictures._drawn("milia--surface--L", 0) == render_png(picture("milia--surface--L"))
