"""The field guide of lesson 2: its choices and features (logic), its markup (render) and the widget."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

from course.appearance import (
    APPROXIMATE_LEGEND,
    TONE_CHOICES,
    FieldGuide,
    alt_text,
    atlas,
    catalogue,
    guide_choice,
    guide_choices,
    guide_entry,
    picture,
    pictures_on_tones,
)
from course.render.field_guide import (
    DARKER_SKIN_HEADING,
    field_guide_html,
    picture_page,
    picture_row,
    pictures_page,
    static_field_guide_html,
)
from tests.conftest import text_of

# --- Logic ---


def test_every_surface_view_is_a_choice_with_a_plain_title_and_a_drawn_picture_on_each_tone():
    data = atlas()
    choices = guide_choices()
    surface_ids = {p.id for p in catalogue() if p.kind == "surface"}
    assert len({c.key for c in choices}) == len(choices)
    for choice in choices:
        assert choice.label.startswith(data.subjects[choice.subject].title)
        for _, tone in TONE_CHOICES:
            assert f"{choice.key}--{tone}" in surface_ids
    labels = {c.key: c.label for c in choices}
    assert labels["milia--surface"] == "Milia"
    assert labels["vascular-occlusion--net-pattern"] == (
        "Vascular occlusion (a blocked artery after filler) · Stage 2: net pattern (livedo)"
    )


def test_a_condition_is_chosen_by_subject_id_or_by_view_and_unknown_ones_are_clear_errors():
    assert guide_choice("vascular-occlusion").key == "vascular-occlusion--pale-patch"
    assert guide_choice("vascular-occlusion--dark-crust").view == "dark-crust"
    with pytest.raises(ValueError, match=r"no condition 'warts'.*valid conditions: .*milia"):
        guide_choice("warts")
    with pytest.raises(ValueError, match="unknown skin-tone group 'X'"):
        FieldGuide("milia", tone="X")


def test_the_guide_opens_on_milia_and_choosing_a_tone_changes_the_picture_and_the_colour_words():
    guide = FieldGuide()
    assert guide.condition == "milia--surface" and guide.tone == "M"
    medium = guide.entries()[0]
    dark = guide.with_tone("D").entries()[0]
    assert medium.pictures == ("milia--surface--M",) and dark.pictures == ("milia--surface--D",)
    assert medium.feature("Colour on medium skin").items == (
        "milia: the same white-yellow domes on unchanged brown skin, with more contrast (approximate).",
    )
    assert dark.feature("Colour on dark skin").items[0].startswith("milia: the same white-yellow domes with strong")
    with pytest.raises(KeyError, match="no feature 'Colour on medium skin'"):
        dark.feature("Colour on medium skin")


def test_choosing_a_condition_changes_the_picture_and_every_distinguishing_feature():
    milia = FieldGuide("milia", tone="L").entries()[0]
    occlusion = FieldGuide("milia", tone="L").with_condition("vascular-occlusion--net-pattern").entries()[0]
    assert occlusion.pictures == ("vascular-occlusion--net-pattern--L",)
    assert [f.heading for f in milia.features][:2] == ["What it is", "Size"]
    assert milia.feature("Size").items == ("milia: 1–2 mm (one up to ≈3 mm)",)
    assert occlusion.feature("Size").items == (
        "lace-like net (livedo): ≈15–30 mm across",
        "net lines ≈0.5–1 mm wide around islands ≈3–8 mm across",
    )
    assert occlusion.feature("When it appears").items == ("It can appear quickly and last 24 to 36 hours.",)
    assert milia.feature("When it appears").items[0].startswith("Weeks after resurfacing")
    assert "Number and distribution" in [f.heading for f in milia.features]
    assert "Number and distribution" not in [f.heading for f in occlusion.features]  # an area, not lesions


def test_approximate_values_and_statements_are_marked_as_the_data_says():
    entry = guide_entry(guide_choice("milia"), ["M"])
    spread = entry.feature("Number and distribution").items[0]
    assert spread.startswith("≈4–15 milia") and spread.endswith("(approximate).")  # count and text are A
    assert "≈" not in entry.feature("Size").items[0].split("(")[0]  # 1–2 mm is sourced (S)
    surface = entry.feature("Shape and surface").items[0]
    assert "(approximate)" not in surface  # a sourced statement is not marked


def test_darker_skin_checks_come_from_the_data_and_colour_signs_add_the_comparison_and_refill_notes():
    milia = guide_entry(guide_choice("milia"), ["L"])
    assert milia.darker_skin[0].startswith("Brown to dark-brown domes of 1 to 5 mm")  # the view's D tone note
    assert not any("Compare with the person's own" in text for text in milia.darker_skin)  # keratin: no colour sign
    assert any(text.startswith("On dark skin, milia:") for text in milia.darker_skin)  # L chosen: the D look too

    pale = guide_entry(guide_choice("vascular-occlusion"), ["D"])
    joined = " ".join(pale.darker_skin)
    assert "never rely on the colour alone" in joined
    assert "Compare with the person's own unaffected skin" in joined
    assert "test the inside of the lip" in joined  # the press-and-release note, on a lip view
    assert not any(text.startswith("On dark skin,") for text in pale.darker_skin)  # D chosen: already listed

    redness = guide_entry(guide_choice("needling-redness"), ["M"])
    assert not any("inside of the lip" in text for text in redness.darker_skin)  # a cheek: no lip check


def test_compare_shows_both_conditions_on_the_same_tone_and_a_comparison_with_itself_shows_one():
    guide = FieldGuide("vascular-occlusion--net-pattern", tone="D", compare="bruise-after-filler")
    first, second = guide.entries()
    assert first.pictures == ("vascular-occlusion--net-pattern--D",)
    assert second.pictures == ("bruise-after-filler--early--D",)
    assert guide.compare == "bruise-after-filler--early"
    assert len(guide.with_compare("vascular-occlusion--net-pattern").entries()) == 1
    assert len(guide.with_compare(None).entries()) == 1
    three = guide.entries(["L", "M", "D"])
    assert [e.pictures[2] for e in three] == ["vascular-occlusion--net-pattern--D", "bruise-after-filler--early--D"]
    assert {f.heading for f in three[0].features} >= {"Colour on light skin", "Colour on medium skin"}


# --- Render ---


def _img_tags(markup: str) -> list[tuple[str, str]]:
    """(src, alt) of every <img>, unescaped."""
    found = re.findall(r'<img src="([^"]+)" alt="([^"]+)"', markup)
    return [(html.unescape(src), html.unescape(alt)) for src, alt in found]


def test_the_markup_shows_the_chosen_picture_and_the_features_beside_it():
    guide = FieldGuide("milia", tone="D")
    markup = str(field_guide_html(guide))
    (source, alt), *rest = _img_tags(markup)
    assert rest == []
    assert alt == alt_text(picture("milia--surface--D"))
    text = text_of(markup)
    for heading in ("What it is", "Size", "Shape and surface", "Colour on dark skin", "When it appears"):
        assert heading in text
    assert "milia: 1–2 mm (one up to ≈3 mm)" in text
    assert DARKER_SKIN_HEADING in text and APPROXIMATE_LEGEND in text
    other = str(field_guide_html(guide.with_tone("L")))
    assert _img_tags(other)[0][0] != source, "a new tone draws a new picture"
    assert "Colour on light skin" in text_of(other) and "Colour on dark skin" not in text_of(other)


def test_the_compared_markup_holds_both_pictures_and_both_feature_lists():
    markup = str(field_guide_html(FieldGuide("herpes-simplex", tone="M", compare="vascular-occlusion--dusky-pustules")))
    alts = [alt for _, alt in _img_tags(markup)]
    assert alts == [
        alt_text(picture("herpes-simplex--surface--M")),
        alt_text(picture("vascular-occlusion--dusky-pustules--M")),
    ]
    text = text_of(markup)
    assert text.count("What it is") == 2 and text.count("Colour on medium skin") == 2
    assert "grouped blisters: ≈1–2 mm" in text and "dusky area: ≈15–30 mm across" in text


def test_the_static_form_shows_the_condition_on_three_tones_with_its_features():
    markup = str(static_field_guide_html(FieldGuide("milia")))
    alts = [alt for _, alt in _img_tags(markup)]
    assert alts == [alt_text(picture(f"milia--surface--{tone}")) for tone in ("L", "M", "D")]
    text = text_of(markup)
    assert "Field guide: Milia" in text and "In a running notebook you can choose" in text
    for tone in ("light", "medium", "dark"):
        assert f"Colour on {tone} skin" in text
    assert "Light skin · group L." in text and "Dark skin · group D." in text  # short captions under a row


def test_hostile_text_in_the_data_is_escaped(monkeypatch):
    entry = guide_entry(guide_choice("milia"), ["M"])
    hostile = replace(entry, title="<script>alert(1)</script>", darker_skin=("<b>bold</b> & more",))
    monkeypatch.setattr(FieldGuide, "entries", lambda self, tones=None: (hostile,))
    markup = str(field_guide_html(FieldGuide()))
    assert "<script>" not in markup and "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "<b>bold</b>" not in markup and "&lt;b&gt;bold&lt;/b&gt; &amp; more" in markup
    row = str(picture_row(["milia--surface--L"], caption="<i>x</i>"))
    assert "<i>x</i>" not in row and "&lt;i&gt;x&lt;/i&gt;" in row


def test_a_row_of_one_picture_on_three_tones_names_the_tones_and_mixed_rows_name_the_pictures():
    same = pictures_page([f"pih--after-spots--{t}" for t in ("L", "M", "D")])
    assert [html.unescape(c) for c in re.findall(r"<figcaption[^>]*>([^<]+)</figcaption>", same.html)] == [
        "Light skin · group L.",
        "Medium skin · group M.",
        "Dark skin · group D.",
    ]
    mixed = pictures_page(["milia--surface--D", "acneiform-eruption--surface--D"])
    captions = [html.unescape(c) for c in re.findall(r"<figcaption[^>]*>([^<]+)</figcaption>", mixed.html)]
    assert captions[0].startswith("Milia in a treated area of the cheek · Dark skin · group D.")
    assert "Illustration, not a photograph" in captions[1]
    assert len(_img_tags(mixed.html)) == 2


def test_show_picture_is_a_figure_with_the_data_written_alt_text():
    import course

    page = course.show_picture("press-and-release--D")
    assert page._repr_html_().startswith("<figure")
    assert _img_tags(page._repr_html_())[0][1] == alt_text(picture("press-and-release--D"))
    assert repr(page).startswith("Illustration, not a photograph: The press-and-release check")
    assert picture_page("milia--surface--L", caption="Milia.").html.count("Milia.</figcaption>") == 1
    with pytest.raises(ValueError, match="no illustration"):
        course.show_picture("milia--nowhere--L")


def test_show_pictures_takes_a_list_or_one_picture_for_the_three_tones():
    import course

    assert pictures_on_tones("pih--after-spots--D") == pictures_on_tones("pih--after-spots")
    assert pictures_on_tones("press-and-release") == (
        "press-and-release--L",
        "press-and-release--M",
        "press-and-release--D",
    )
    with pytest.raises(ValueError, match="no illustration 'vascular-occlusion--vessels--L'"):
        pictures_on_tones("vascular-occlusion--vessels")  # a schematic has no skin tones
    row = course.show_pictures("needling-redness--day-0-to-3")
    assert [alt for _, alt in _img_tags(row._repr_html_())] == [
        alt_text(picture(f"needling-redness--day-0-to-3--{t}")) for t in ("L", "M", "D")
    ]
    pair = course.show_pictures(["milia--surface--D", "pih--dermal--L"], caption="Two pictures.")
    assert len(_img_tags(pair._repr_html_())) == 2 and "Two pictures.</figcaption>" in pair._repr_html_()


# --- Widget ---


def test_the_widget_changes_picture_and_features_when_condition_tone_or_comparison_change():
    import course
    from course.widgets.field_guide import NO_COMPARISON, FieldGuideWidget

    guide = course.show_field_guide()
    assert isinstance(guide, FieldGuideWidget)
    assert guide.condition.value == "milia--surface" and guide.tone.value == "M"
    assert [label for label, _ in guide.tone.options] == [
        "Light skin · group L",
        "Medium skin · group M",
        "Dark skin · group D",
    ]
    assert guide.condition.description == "Condition" and guide.compare.description == "Compare with"
    assert ("Milia", "milia--surface") in guide.condition.options

    guide.tone.value = "D"
    assert [alt for _, alt in _img_tags(guide.view.value)] == [alt_text(picture("milia--surface--D"))]
    guide.condition.value = "vascular-occlusion--pale-patch"
    assert [alt for _, alt in _img_tags(guide.view.value)] == [alt_text(picture("vascular-occlusion--pale-patch--D"))]
    assert "pale patch: ≈15–30 mm across" in text_of(guide.view.value)
    guide.compare.value = "bruise-after-filler--early"
    assert len(_img_tags(guide.view.value)) == 2
    assert repr(guide).endswith("compared with Bruising after filler · An early bruise (days 0 to 2)")
    guide.compare.value = NO_COMPARISON
    assert len(_img_tags(guide.view.value)) == 1


def test_the_widget_exports_its_static_form_with_the_three_tones():
    import course

    guide = course.show_field_guide("tyndall-effect", tone="L")
    bundle = guide._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert "application/vnd.jupyter.widget-view+json" in data
    alts = [alt for _, alt in _img_tags(data["text/html"])]
    assert alts == [alt_text(picture(f"tyndall-effect--surface--{t}")) for t in ("L", "M", "D")]
    assert data["text/plain"] == "Field guide: Tyndall effect on Light skin · group L"
