"""The field guide drawn: each chosen condition's picture with its distinguishing features beside it.

What the guide shows (which pictures, which features, what to check on darker skin) is
decided by :class:`course.appearance.FieldGuide`; this module only writes the markup.
Also here: a row of pictures (one condition on three tones) for the lessons' figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from course.appearance import (
    APPROXIMATE_LEGEND,
    NOT_A_PHOTOGRAPH,
    TONE_CHOICES,
    FieldGuide,
    GuideEntry,
    atlas,
    picture,
)
from course.render._html import Markup, tag
from course.render.pages import HtmlPage
from course.render.pictures import picture_figure

__all__ = [
    "DARKER_SKIN_HEADING",
    "LIVE_HINT",
    "entry_html",
    "features_html",
    "field_guide_html",
    "picture_page",
    "picture_row",
    "pictures_page",
    "static_field_guide_html",
]

DARKER_SKIN_HEADING = "On darker skin, also check"
LIVE_HINT = (
    "In a running notebook you can choose another condition, a skin tone, or a second condition to compare"
    " side by side."
)
_TONE_LABELS = {value: label for label, value in TONE_CHOICES}


def _caption(picture_id: str) -> str:
    """A short caption under a picture: what it shows and on which tone; the alt text holds the rest."""
    item = picture(picture_id)
    tone = f" · {_TONE_LABELS[item.tone]}" if item.tone is not None else ""
    return f"{item.title}{tone}. {NOT_A_PHOTOGRAPH}."


def _short_captions(picture_ids: Sequence[str]) -> list[str]:
    """Each picture's caption; only its tone when the row shows one picture on several tones."""
    items = [picture(i) for i in picture_ids]
    same_picture = len({(p.group, p.view, p.kind) for p in items}) == 1 and all(p.tone for p in items)
    return [f"{_TONE_LABELS[p.tone]}." if same_picture and p.tone else _caption(p.id) for p in items]


def picture_row(picture_ids: Sequence[str], caption: str | None = None) -> Markup:
    """Pictures side by side, each with a short caption and its full text alternative; ``caption`` below all."""
    captions = _short_captions(picture_ids)
    cells = (
        tag("div", picture_figure(i, caption=words), style="picture-cell")
        for i, words in zip(picture_ids, captions, strict=True)
    )
    return tag(
        "figure",
        tag("div", cells, style="picture-row"),
        tag("figcaption", caption, style="picture-caption") if caption else None,
        style="figure",
    )


def picture_page(picture_id: str, caption: str | None = None) -> HtmlPage:
    """One picture as a notebook output: the figure, and its alt text as the plain-text form."""
    item = picture(picture_id)
    return HtmlPage(picture_figure(picture_id, caption), f"{NOT_A_PHOTOGRAPH}: {item.group_title}, {item.title}")


def pictures_page(picture_ids: Sequence[str], caption: str | None = None) -> HtmlPage:
    """A row of pictures as a notebook output."""
    titles = "; ".join(_caption(i) for i in picture_ids)
    return HtmlPage(picture_row(picture_ids, caption), f"Pictures: {titles}")


def features_html(entry: GuideEntry) -> Markup:
    """The distinguishing features as a description list, then what to check on darker skin."""
    rows = []
    for feature in entry.features:
        rows.append(tag("dt", feature.heading, style="feature-term"))
        items = feature.items
        body = items[0] if len(items) == 1 else tag("ul", (tag("li", i) for i in items), style="list-indent")
        rows.append(tag("dd", body, style="feature-text"))
    darker = (
        tag("h5", DARKER_SKIN_HEADING, style="h4-spaced"),
        tag("ul", (tag("li", text) for text in entry.darker_skin), style="list-indent"),
    )
    return tag("div", tag("dl", rows, style="top-flush"), darker if entry.darker_skin else None)


def entry_html(entry: GuideEntry, beside: bool = False) -> Markup:
    """One condition: its title, its picture(s) and its features (``beside`` the picture, or below it)."""
    tones = ", ".join(_TONE_LABELS[t] for t in entry.tones)
    figures = (
        picture_figure(entry.pictures[0], caption=_caption(entry.pictures[0]))
        if len(entry.pictures) == 1
        else picture_row(entry.pictures)
    )
    features = features_html(entry)
    body = (
        tag("div", tag("div", figures, style="column"), tag("div", features, style="column"), style="columns")
        if beside
        else (figures, features)
    )
    return tag(
        "section",
        tag("h4", entry.title, style="h4-spaced"),
        tag("p", entry.view_title, style="p-flush"),
        body,
        style="column",
        aria_label=f"{entry.title}: {entry.view_title}, {tones}",
    )


def field_guide_html(guide: FieldGuide) -> Markup:
    """The guide on its chosen tone: one condition with its features beside it, or two side by side."""
    entries = guide.entries()
    return tag(
        "div",
        tag("div", (entry_html(e, beside=len(entries) == 1) for e in entries), style="columns"),
        tag("p", APPROXIMATE_LEGEND, style="small-muted"),
    )


def static_field_guide_html(guide: FieldGuide) -> Markup:
    """The guide without controls, as a page without a kernel shows it: the condition(s) on all three tones."""
    tones = tuple(value for _, value in TONE_CHOICES)
    data = atlas()
    heading = "Field guide: " + " compared with ".join(data.subjects[e.choice.subject].title for e in guide.entries())
    return tag(
        "section",
        tag("h4", heading, style="h4-section"),
        tag("p", LIVE_HINT, style="instruction"),
        tag("div", (entry_html(e) for e in guide.entries(tones)), style="columns"),
        tag("p", APPROXIMATE_LEGEND, style="small-muted"),
        aria_label=heading,
    )
