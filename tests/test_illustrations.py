"""The drawings: labelled, deterministic, drawn from the data, and written out as an offline atlas."""

from __future__ import annotations

import html
import io
import re

import matplotlib

matplotlib.use("Agg")

import pytest
from PIL import Image

from course import cli, illustrations
from course.appearance import NOT_A_PHOTOGRAPH, alt_text, atlas, catalogue, picture, resolve_view
from course.illustrations import DPI, FIGSIZE, draw_picture, draw_surface, new_figure, render_png

PICTURES = catalogue()
# One of each kind of drawing, on a light and a dark tone.
SAMPLE = [
    "milia--surface--L",
    "vascular-occlusion--net-pattern--D",
    "fordyce-spots--stretched--M",
    "herpes-simplex--blister--D",
    "vascular-occlusion--vessels",
    "press-and-release--D",
]


def _draw(item_id: str, seed: int = 0):
    figure, ax = new_figure()
    artists = draw_picture(ax, picture(item_id), seed=seed)
    return figure, ax, artists


@pytest.mark.parametrize("item", PICTURES, ids=[p.id for p in PICTURES])
def test_every_picture_says_it_is_an_illustration_and_names_its_tone(item):
    _, ax, artists = _draw(item.id)
    texts = [t.get_text() for t in artists.texts]
    assert NOT_A_PHOTOGRAPH in texts
    assert all(t in ax.texts for t in artists.texts)
    if item.tone is not None:
        group = atlas().palette.tone(item.tone)
        assert any(f"group {group.id}" in t and f"Fitzpatrick {group.fitzpatrick}" in t for t in texts)
    else:
        assert any("schematic" in t.lower() for t in texts)


@pytest.mark.parametrize("item", [p for p in PICTURES if p.kind == "surface"], ids=lambda p: p.id)
def test_every_feature_is_labelled_so_colour_is_not_the_only_cue(item):
    _, _, artists = _draw(item.id)
    _, view = resolve_view(item.subject, item.view)
    words = " ".join(artists.all_text().split())  # labels are wrapped over lines
    for name in [a.name for a in view.areas] + [g.name for g in view.lesions]:
        assert name in words, name
    assert "5 mm" in words  # the scale bar
    assert "(comparison)" in words  # the unaffected area
    for cue in view.cues:
        assert cue.text in words


def test_approximate_sizes_carry_the_approximate_mark_on_the_picture():
    _, _, artists = _draw("milia--surface--M")
    words = " ".join(artists.all_text().split())
    assert "milia: 1–2 mm (one up to ≈3 mm)" in words  # sourced range, approximate largest
    assert "≈ approximate value" in words
    _, _, section = _draw("tyndall-effect--superficial-filler--L")
    assert "Lip filler is meant to sit deeper (submucosa or muscle) (≈)" in " ".join(section.all_text().split())


def test_lesions_are_drawn_in_the_numbers_and_sizes_the_data_give():
    _, view = resolve_view("milia")
    group = view.lesions[0]
    for seed in range(5):
        _, _, artists = _draw("milia--surface--L", seed)
        drawn = [p for p in artists.lesions if p.group == "milia"]
        assert group.count.low <= len(drawn) <= group.count.high
        largest = group.size.largest_mm or group.size.high_mm
        assert all(group.size.low_mm / 2 - 1e-9 <= p.radius <= largest / 2 + 1e-9 for p in drawn)
        assert all(p.x < illustrations.FIELD_EDGE_MM for p in drawn)  # never in the untreated comparison strip


def test_the_same_seed_draws_the_same_lesions_on_every_tone():
    where = {}
    for tone in ("L", "M", "D"):
        _, ax = new_figure()
        artists = draw_surface(ax, "acneiform-eruption", tone=tone, seed=3)
        where[tone] = [(p.group, round(p.x, 6), round(p.y, 6), round(p.radius, 6)) for p in artists.lesions]
    assert where["L"] == where["M"] == where["D"]
    _, ax = new_figure()
    other = draw_surface(ax, "acneiform-eruption", tone="L", seed=4)
    assert [(p.x, p.y) for p in other.lesions] != [(x, y) for _, x, y, _ in where["L"]]


@pytest.mark.parametrize("item_id", SAMPLE)
def test_rendering_twice_gives_identical_png_bytes(item_id):
    first = render_png(picture(item_id))
    second = render_png(picture(item_id))
    assert first == second
    image = Image.open(io.BytesIO(first))
    assert image.size == (round(FIGSIZE[0] * DPI), round(FIGSIZE[1] * DPI))
    assert not {k for k in image.info if k.lower() in ("software", "creation time", "date")}
    assert len(first) <= 150 * 1024


def test_tones_differ_but_seed_and_tone_fix_the_picture():
    light = render_png(picture("vascular-occlusion--pale-patch--L"))
    dark = render_png(picture("vascular-occlusion--pale-patch--D"))
    assert light != dark
    assert render_png(picture("milia--surface--L"), seed=1) != render_png(picture("milia--surface--L"), seed=2)


def test_an_unknown_subject_view_or_tone_is_a_clear_error():
    _, ax = new_figure()
    with pytest.raises(ValueError, match="valid subjects"):
        draw_surface(ax, "acne", tone="L")
    with pytest.raises(ValueError, match="valid views: pale-patch, net-pattern"):
        draw_surface(ax, "vascular-occlusion", "stage-9", tone="L")
    with pytest.raises(ValueError, match="valid groups"):
        draw_surface(ax, "milia", tone="X")


def test_the_atlas_command_lists_every_png_in_an_offline_index(tmp_path, monkeypatch, capsys):
    tiny = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(tiny, format="PNG")
    monkeypatch.setattr(illustrations, "render_png", lambda item, seed=0, course=None: tiny.getvalue())
    assert cli.main(["atlas", "--out", str(tmp_path / "atlas")]) == 0
    assert f"wrote {len(PICTURES)} illustrations" in capsys.readouterr().out
    index = (tmp_path / "atlas" / "index.html").read_text(encoding="utf-8")
    pngs = sorted(p.name for p in (tmp_path / "atlas").glob("*.png"))
    assert pngs == sorted(f"{p.id}.png" for p in PICTURES)
    listed = re.findall(r'<img src="([^"]+)" alt="([^"]*)"', index)
    assert sorted(src for src, _ in listed) == pngs
    for item in PICTURES:
        words = html.escape(alt_text(item))
        assert f'<img src="{item.id}.png" alt="{words}"' in index
        assert f"<figcaption>{words}</figcaption>" in index
    assert "http" not in index and "<script" not in index  # works offline
    # Grouped by condition: the ten conditions, normal healing, then the press-and-release check.
    headings = re.findall(r"<h2>([^<]+)</h2>", index)
    data = atlas()
    assert headings == [html.escape(s.title) for s in data.subjects.values()] + [html.escape(data.refill.title)]
    assert len(headings) == 10 + 5 + 1


def test_the_atlas_writes_real_pngs(tmp_path, monkeypatch):
    few = [picture("milia--surface--D"), picture("press-and-release--L")]
    monkeypatch.setattr(illustrations, "catalogue", lambda course=None: tuple(few))
    written = illustrations.write_atlas(tmp_path)
    assert [p.name for p in written] == ["milia--surface--D.png", "press-and-release--L.png"]
    assert all(Image.open(p).size == (640, 380) for p in written)
