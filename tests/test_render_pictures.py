"""Illustrations as figure markup: the picture itself inside, its text alternative from the data."""

from __future__ import annotations

import base64
import html
import re

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
