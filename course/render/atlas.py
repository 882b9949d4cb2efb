"""The field guide's contact sheet: every illustration on one offline page (``make atlas``)."""

from __future__ import annotations

from collections.abc import Sequence

from course.appearance import Picture
from course.render._html import Markup, tag

__all__ = ["contact_sheet"]

_PAGE_STYLE = Markup(
    "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1a1a1a;max-width:2100px}"
    "h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #999}"
    "h3{font-size:1rem;margin:1.2rem 0 0.4rem}"
    ".row{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:1rem;align-items:start}"
    ".row.single{grid-template-columns:minmax(0,1fr);max-width:680px}"
    "figure{margin:0}img{width:100%;max-width:640px;height:auto;border:1px solid #ccc}"
    "figcaption{font-size:0.8rem;line-height:1.35;margin-top:0.3rem}"
    ".note{background:#f4f4f4;padding:0.6rem 0.8rem;border-left:4px solid #444}"
)

_NOTE = (
    "Illustrations, not photographs. Each condition is drawn on three skin-tone groups with the"
    " same shapes, so only the colour contrast changes. ≈ and “(approximate)” mark values and statements that"
    " await clinical review. Educational material, not medical advice."
)


def _figure(picture: Picture, words: str) -> Markup:
    image = tag("img", src=f"{picture.id}.png", alt=words, width="640", height="380")
    return tag("figure", image, tag("figcaption", words))


def _section(title: str, group_id: str, pictures: Sequence[tuple[Picture, str]]) -> Markup:
    rows: dict[str, list[tuple[Picture, str]]] = {}
    for picture, words in pictures:
        rows.setdefault(f"{picture.kind}:{picture.view}", []).append((picture, words))
    body = [
        tag("h3", row[0][0].title)
        + tag("div", [_figure(p, w) for p, w in row], class_="row single" if len(row) == 1 else "row")
        for row in rows.values()
    ]
    return tag("section", tag("h2", title), body, id=group_id)


def contact_sheet(pictures: Sequence[tuple[Picture, str]], credit: str, licence: str) -> str:
    """The page: ``pictures`` (each with its alternative text) by group, then row by row of skin tones."""
    groups: dict[str, list[tuple[Picture, str]]] = {}
    for picture, words in pictures:
        groups.setdefault(picture.group, []).append((picture, words))
    titles = {picture.group: picture.group_title for picture, _ in pictures}
    head = tag(
        "head",
        tag("meta", charset="utf-8"),
        Markup('<meta name="viewport" content="width=device-width, initial-scale=1">'),
        tag("title", "Illustrated field guide: contact sheet"),
        tag("style", _PAGE_STYLE),
    )
    body = tag(
        "body",
        tag("h1", "Illustrated field guide: every illustration"),
        tag("p", _NOTE, class_="note"),
        tag("p", f"Skin-tone swatches: {credit}. {licence}"),
        [_section(titles[group_id], group_id, items) for group_id, items in groups.items()],
    )
    return "<!DOCTYPE html>\n" + str(tag("html", head, body, lang="en")) + "\n"
