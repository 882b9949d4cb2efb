"""How each condition looks on light, medium and dark skin: pure logic over ``data/appearance/``.

>>> from course.appearance import catalogue, alt_text
>>> picture = next(p for p in catalogue() if p.id == "milia--surface--D")
>>> picture.title
'Milia in a treated area of the cheek'
>>> alt_text(picture).startswith("Illustration, not a photograph: milia on dark skin")
True

Everything a drawing needs comes from the data: the base colour of each
skin-tone group, the colour recipe or content colour of each feature, sizes,
counts and places. :mod:`course.illustrations` draws; this module looks up,
computes colours and writes the text alternative of every picture from the
same data, marking approximate (A) values with "≈" and approximate statements
with "(approximate)".
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from course.content import Course, load_course
from course.models import (
    TONE_GROUPS,
    AppearanceSheet,
    Claim,
    ContentColour,
    Count,
    CrossSection,
    Palette,
    Recipe,
    RefillCheck,
    Size,
    SkinTone,
    Subject,
    ToneLook,
    ToneNote,
    VesselLabel,
    View,
    hex_to_lab,
    lab_to_hex,
)

__all__ = [
    "APPROXIMATE_LEGEND",
    "SCENES",
    "TONE_CHOICES",
    "Atlas",
    "Feature",
    "FieldGuide",
    "GuideChoice",
    "GuideEntry",
    "Picture",
    "Scene",
    "alt_text",
    "approximate",
    "atlas",
    "catalogue",
    "format_count",
    "format_size",
    "guide_choice",
    "guide_choices",
    "guide_entry",
    "look_colour",
    "look_for",
    "picture",
    "pictures_on_tones",
    "resolve_view",
    "tone_label",
    "validate_tone",
]

PictureKind = Literal["surface", "section", "refill", "vessels"]
#: The words that every illustration carries, on the picture and at the start of its alt text.
NOT_A_PHOTOGRAPH = "Illustration, not a photograph"
#: The group of the atlas that holds the press-and-release check.
REFILL_GROUP = "press-and-release"


@dataclass(frozen=True)
class Scene:
    """The drawing template of a site: its size in mm and how the alt text names it (not clinical data)."""

    width_mm: float
    height_mm: float
    description: str


#: The two templates every surface view is drawn on. The skin patch's treated field is the left
#: two thirds; the lip scene shows both lips and the skin up to the nostrils.
SCENES: Mapping[str, Scene] = MappingProxyType(
    {
        "skin": Scene(40.0, 27.0, "a 40 × 27 mm patch of facial skin"),
        "lip": Scene(60.0, 40.0, "the mouth, 60 × 40 mm: both lips and the skin above them up to the nostrils"),
    }
)
#: The length of the scale bar on every surface view.
SCALE_BAR_MM = 5.0
#: Where the untreated comparison strip of the skin scene begins (mm from the left).
FIELD_EDGE_MM = 27.0

_COMPARISON = {
    "untreated-strip": "The strip on the right, beyond the dashed line, is untreated skin for comparison.",
    "mirror-side": (
        "The left half of the picture is the person's right side; the right half is the unaffected"
        " mirror-image side, for comparison."
    ),
    "surrounding-skin": "The skin around the lips is unaffected, for comparison.",
}


@dataclass(frozen=True)
class Atlas:
    """Every appearance file, validated: the palette, the press-and-release check, the subjects by id."""

    palette: Palette
    refill: RefillCheck
    subjects: Mapping[str, Subject]  # in file order; conditions first, then normal healing


def atlas(course: Course | None = None) -> Atlas:
    """The appearance data of ``course`` (a ``LookupError`` if the data folder has none)."""
    course = course or load_course()
    sheets = [s for s in course.of_kind("appearance") if isinstance(s, AppearanceSheet)]
    base = next((s for s in sheets if s.palette is not None), None)
    if base is None or base.palette is None or base.refill_check is None:
        raise LookupError("the data folder has no appearance palette (data/appearance/basics.yaml)")
    subjects = [s for sheet in sheets for s in sheet.subjects]
    subjects.sort(key=lambda s: s.kind != "condition")  # stable: file order within each kind
    return Atlas(base.palette, base.refill_check, MappingProxyType({s.id: s for s in subjects}))


def validate_tone(tone: object) -> str:
    """``tone`` if it is a tone group (L, M or D), else a ValueError naming the valid groups."""
    if not isinstance(tone, str) or tone not in TONE_GROUPS:
        raise ValueError(f"unknown skin-tone group {tone!r}; valid groups: L (light), M (medium), D (dark)")
    return tone


def subject(subject_id: object, course: Course | None = None) -> Subject:
    """The subject with this id, or a ValueError listing the valid ids."""
    subjects = atlas(course).subjects
    if not isinstance(subject_id, str) or subject_id not in subjects:
        raise ValueError(f"no appearance for {subject_id!r}; valid subjects: {', '.join(subjects)}")
    return subjects[subject_id]


def resolve_view(subject_id: str, view_id: str | None = None, course: Course | None = None) -> tuple[Subject, View]:
    """The subject and one of its views (the first when ``view_id`` is None), following ``drawn_as``."""
    chosen = subject(subject_id, course)
    drawn = subject(chosen.drawn_as, course) if chosen.drawn_as is not None else chosen
    if view_id is None:
        return chosen, drawn.views[0]
    for candidate in drawn.views:
        if candidate.id == view_id:
            return chosen, candidate
    valid = ", ".join(v.id for v in drawn.views)
    raise ValueError(f"no view {view_id!r} of {subject_id!r}; valid views: {valid}")


def cross_section(section_id: str, course: Course | None = None) -> tuple[Subject, CrossSection]:
    """The cross-section with this id and the subject it belongs to."""
    for candidate in atlas(course).subjects.values():
        for section in candidate.sections:
            if section.id == section_id:
                return candidate, section
    valid = ", ".join(s.id for c in atlas(course).subjects.values() for s in c.sections)
    raise ValueError(f"no cross-section {section_id!r}; valid cross-sections: {valid}")


# --- Colours ---


def look_for(looks: Iterable[ToneLook], tone: str) -> ToneLook:
    """The look of a feature on one tone group (the data has one per group; the schema checks it)."""
    return next(look for look in looks if look.tone == tone)


def base_colour(palette: Palette, tone: str, surface: Literal["skin", "lip"] = "skin") -> str:
    """The base colour of a tone group's skin or lip, as a hex colour."""
    group = palette.tone(validate_tone(tone))
    return group.lip.hex if surface == "lip" else group.skin.hex


def recipe_colour(recipe: Recipe, tone: str, base: str) -> str:
    """A recipe applied to ``base``: a shift in CIELAB, or a mix towards a colour."""
    return recipe.step(tone).apply(base)


@dataclass(frozen=True)
class Paint:
    """How to paint one feature on one base: a colour and how opaque it is."""

    hex: str
    opacity: float
    content: ContentColour | None  # the absolute colour used, if any
    recipe: Recipe | None  # the recipe used, if any


def look_colour(look: ToneLook, base: str, palette: Palette) -> Paint:
    """The colour of a feature's ``look`` painted on ``base``: a content colour, a recipe, or the base."""
    if look.content is not None:
        content = palette.content(look.content)
        return Paint(content.hex, content.opacity, content, None)
    if look.recipe is not None:
        recipe = palette.recipe(look.recipe)
        return Paint(recipe_colour(recipe, look.tone, base), 1.0, None, recipe)
    return Paint(base, 1.0, None, None)


def shifted(colour: str, delta_l: float) -> str:
    """``colour`` lighter (positive) or darker (negative) by ``delta_l`` in L*, hue kept."""
    lab = hex_to_lab(colour)
    return lab_to_hex((lab[0] + delta_l, lab[1], lab[2]))


# --- Words ---


def approximate(evidence: str) -> bool:
    return evidence == "A"


def _number(value: float) -> str:
    return f"{value:g}"


def format_size(size: Size, unit: str = "mm") -> str:
    """'1–2 mm', '≈3–8 mm', '1–2 mm (one up to ≈3 mm)': "≈" marks an approximate range."""
    mark = "≈" if approximate(size.evidence) else ""
    span = _number(size.low_mm) if size.low_mm == size.high_mm else f"{_number(size.low_mm)}–{_number(size.high_mm)}"
    text = f"{mark}{span} {unit}"
    if size.largest_mm is not None and size.largest_evidence is not None:
        text += f" (one up to {'≈' if approximate(size.largest_evidence) else ''}{_number(size.largest_mm)} {unit})"
    return text


def format_count(count: Count) -> str:
    """'≈4–15' or '12': "≈" marks an approximate count."""
    mark = "≈" if approximate(count.evidence) else ""
    span = str(count.low) if count.low == count.high else f"{count.low}–{count.high}"
    return mark + span


def format_seconds(low: float, high: float, evidence: str) -> str:
    mark = "≈" if approximate(evidence) else ""
    return f"{mark}{_number(low)} s" if low == high else f"{mark}{_number(low)}–{_number(high)} s"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def claim_words(claim: Claim | ToneLook | ToneNote | VesselLabel) -> str:
    """A statement as a sentence, with "(approximate)" after it when its evidence is A."""
    text = _sentence(claim.text)
    return f"{text[:-1]} (approximate)." if approximate(claim.evidence) else text


def tone_label(group: SkinTone) -> str:
    """'light skin (group L: Fitzpatrick I–II, Monk Skin Tone 2)'."""
    return f"{group.name} skin (group {group.id}: Fitzpatrick {group.fitzpatrick}, Monk Skin Tone {group.mst})"


def short_tone_label(group: SkinTone) -> str:
    """'Light skin · L · Fitzpatrick I–II · MST 2', for the picture's title."""
    return f"{group.name.capitalize()} skin · group {group.id} · Fitzpatrick {group.fitzpatrick} · MST {group.mst}"


def _lower_first(text: str) -> str:
    """'The same dome' -> 'the same dome', but 'HSV', 'RF' and '"Purging"' stay as they are."""
    first = text.split(" ", 1)[0]
    if text.startswith('"') or (len(first) > 1 and first.isupper()):
        return text
    return text[:1].lower() + text[1:]


def wrap(text: str, width: int) -> str:
    """Wrap each line of ``text`` to ``width`` characters, keeping its own line breaks."""
    return "\n".join(
        "\n".join(textwrap.wrap(line, width=width, break_long_words=False, break_on_hyphens=False)) or line
        for line in text.split("\n")
    )


# --- The pictures ---


@dataclass(frozen=True)
class Picture:
    """One illustration of the atlas: what it shows, on which tone, and where the atlas files it."""

    id: str  # the PNG's file name, without .png
    kind: PictureKind
    group: str  # the atlas group: a subject id, or REFILL_GROUP
    group_title: str
    title: str
    tone: str | None  # None: a schematic drawn without skin colour
    subject: str | None = None
    view: str | None = None  # a view id (surface) or a cross-section id (section)


def catalogue(course: Course | None = None) -> tuple[Picture, ...]:
    """Every illustration, grouped by subject: each view and cross-section on the three tone groups,
    the vessel schematic of vascular occlusion, and the press-and-release check on the three groups."""
    data = atlas(course)
    pictures: list[Picture] = []
    for item in data.subjects.values():
        drawn = data.subjects[item.drawn_as] if item.drawn_as is not None else item
        for view in drawn.views:
            for tone in TONE_GROUPS:
                pictures.append(
                    Picture(
                        f"{item.id}--{view.id}--{tone}",
                        "surface",
                        item.id,
                        item.title,
                        view.title,
                        tone,
                        item.id,
                        view.id,
                    )
                )
        for section in item.sections:
            for tone in TONE_GROUPS:
                pictures.append(
                    Picture(
                        f"{item.id}--{section.id}--{tone}",
                        "section",
                        item.id,
                        item.title,
                        section.title,
                        tone,
                        item.id,
                        section.id,
                    )
                )
        if item.vessels is not None:
            pictures.append(
                Picture(f"{item.id}--vessels", "vessels", item.id, item.title, item.vessels.title, None, item.id)
            )
    for tone in TONE_GROUPS:
        pictures.append(
            Picture(f"{REFILL_GROUP}--{tone}", "refill", REFILL_GROUP, data.refill.title, data.refill.title, tone)
        )
    return tuple(pictures)


def picture(picture_id: str, course: Course | None = None) -> Picture:
    """The picture with this id, or a ValueError (the message lists a few valid ids)."""
    for candidate in catalogue(course):
        if candidate.id == picture_id:
            return candidate
    sample = ", ".join(p.id for p in catalogue(course)[:4])
    raise ValueError(f"no illustration {picture_id!r}; ids look like: {sample}, ...")


def pictures_on_tones(picture_id: str, course: Course | None = None) -> tuple[str, ...]:
    """The ids of one picture on the three tone groups, lightest first: "pih--after-spots" or "pih--after-spots--D"
    give ("pih--after-spots--L", "pih--after-spots--M", "pih--after-spots--D"); a ValueError if there is none."""
    head, _, last = picture_id.rpartition("--")
    base = head if head and last in TONE_GROUPS else picture_id
    found = tuple(f"{base}--{tone}" for tone in TONE_GROUPS)
    for item in found:
        picture(item, course)  # raises for an unknown picture
    return found


def alt_text(item: Picture, course: Course | None = None) -> str:
    """The text alternative of a picture, written from the same data it is drawn from."""
    if item.kind == "surface":
        return _surface_alt(item, course)
    if item.kind == "section":
        return _section_alt(item, course)
    if item.kind == "vessels":
        return _vessels_alt(item, course)
    return _refill_alt(item, course)


def _tone_of(item: Picture, course: Course | None) -> SkinTone:
    assert item.tone is not None
    return atlas(course).palette.tone(item.tone)


def _surface_alt(item: Picture, course: Course | None) -> str:
    assert item.subject is not None and item.tone is not None
    chosen, view = resolve_view(item.subject, item.view, course)
    group = _tone_of(item, course)
    scene = SCENES[view.site]
    name = _lower_first(chosen.title)
    parts = [f"{NOT_A_PHOTOGRAPH}: {name} on {tone_label(group)}. {view.title}."]
    if chosen.drawn_as is not None:
        parts.append(claim_words(chosen.summary))
    stretched = " The lip is drawn stretched." if view.pose == "stretched" else ""
    parts.append(f"It shows {scene.description}, with a {_number(SCALE_BAR_MM)} mm scale bar.{stretched}")
    parts.append(_COMPARISON[view.comparison])
    for area in view.areas:
        size = format_size(area.size)
        if area.length is not None:
            size = f"{size} wide and {format_size(area.length)} long"
        look = look_for(area.colour, item.tone)
        words = [f"Shown: {area.name}, {size} across." if area.length is None else f"Shown: {area.name}, {size}."]
        words.append(claim_words(area.surface))
        if area.texture == "net" and area.cell is not None and area.line is not None:
            words.append(f"Net lines {format_size(area.line)} wide around islands {format_size(area.cell)} across.")
        words.append(f"On this skin: {_lower_first(claim_words(look))}")
        if area.lip_colour:
            words.append(f"On the lip: {_lower_first(claim_words(look_for(area.lip_colour, item.tone)))}")
        parts.append(" ".join(words))
    for lesions in view.lesions:
        look = look_for(lesions.fill, item.tone)
        words = [
            f"Shown: {format_count(lesions.count)} {lesions.name}, {format_size(lesions.size)}.",
            claim_words(lesions.surface),
            claim_words(lesions.distribution),
            f"On this skin: {_lower_first(claim_words(look))}",
        ]
        if lesions.rim is not None:
            rim = look_for(lesions.rim.colour, item.tone)
            words.append(f"Around each, {format_size(lesions.rim.width)} wide: {_lower_first(claim_words(rim))}")
        parts.append(" ".join(words))
    parts.append("What to notice: " + " ".join(claim_words(n) for n in view.notice))
    if view.cues:
        parts.append(_sentence("Written on the picture: " + "; ".join(c.text for c in view.cues)))
    parts += [f"On {group.name} skin: {claim_words(note)}" for note in view.tone_notes if note.tone == item.tone]
    parts.append(f"When: {claim_words(view.when)}")
    return " ".join(parts)


def _section_alt(item: Picture, course: Course | None) -> str:
    assert item.view is not None and item.tone is not None
    owner, section = cross_section(item.view, course)
    group = _tone_of(item, course)
    content = atlas(course).palette.content(section.content)
    parts = [
        f"{NOT_A_PHOTOGRAPH}: {_lower_first(owner.title)}: {_lower_first(section.title)},"
        " as a schematic cross-section, not to scale,"
        f" with the top layer (epidermis) in the colour of {tone_label(group)}.",
        f"Layers from the surface down: epidermis, dermis, fat. The structure is {format_size(section.size)} across"
        f" and holds {content.name}.",
        "Labels, from the surface down: " + " ".join(claim_words(label) for label in section.labels),
    ]
    if section.surface:
        parts.append(f"At the surface, on this skin: {_lower_first(claim_words(look_for(section.surface, item.tone)))}")
    return " ".join(parts)


def _vessels_alt(item: Picture, course: Course | None) -> str:
    assert item.subject is not None
    vessels = subject(item.subject, course).vessels
    assert vessels is not None
    labels = " ".join(claim_words(label) for label in vessels.labels)
    return (
        f"{NOT_A_PHOTOGRAPH}: {_lower_first(vessels.title)}, a labelled schematic line drawing of the mouth and the"
        f" base of the nose, drawn without skin colour. Both sides are drawn; the territory of the upper-lip artery"
        f" on the left half of the picture is hatched. Labels: {labels} {vessels.caveat}"
    )


def _refill_alt(item: Picture, course: Course | None) -> str:
    assert item.tone is not None
    check = atlas(course).refill
    group = _tone_of(item, course)
    frames = " ".join(
        f"Frame {frame.title}: {claim_words(frame.caption)}"
        f" On this lip: {_lower_first(claim_words(look_for(frame.look, item.tone)))}"
        for frame in check.frames
    )
    parts = [
        f"{NOT_A_PHOTOGRAPH}: {_lower_first(check.title)}, on {tone_label(group)}, in {len(check.frames)} frames"
        " side by side. In each frame the mouth is seen from the front; the pressed spot is on the lower lip on the"
        " left of the picture, and the same spot on the other side is circled for comparison.",
        frames,
        f"Hold {format_seconds(check.hold.low_s, check.hold.high_s, check.hold.evidence)}; a return taking"
        f" {format_seconds(check.warning.low_s, check.warning.high_s, check.warning.evidence)} or more is a warning"
        " sign.",
    ]
    parts += [f"On {group.name} skin: {claim_words(note)}" for note in check.tone_notes if note.tone == item.tone]
    return " ".join(parts)


# --- The field guide ---

#: How the field guide names each tone group on its controls.
TONE_CHOICES: tuple[tuple[str, str], ...] = (
    ("Light skin · group L", "L"),
    ("Medium skin · group M", "M"),
    ("Dark skin · group D", "D"),
)
#: The tone group whose colour signs are hardest to see, and whose checks the guide always lists.
DARKER_TONE = "D"
#: The condition the field guide opens on when none is chosen.
DEFAULT_CONDITION = "milia"
#: What the guide says about the marks of approximate values.
APPROXIMATE_LEGEND = (
    "≈ marks an approximate value and “(approximate)” an approximate statement: a typical value or a synthesis,"
    " not a measurement from a published source."
)
#: What to do on darker skin whenever a colour sign is drawn (the appearance fact sheet, section 3).
_COLOUR_SIGN_CHECK = (
    "Compare with the person's own unaffected skin: the comparison area in the picture, and the same spot on the"
    " other side."
)


@dataclass(frozen=True)
class GuideChoice:
    """One entry of the field guide's condition menu: a subject and one of its surface views."""

    key: str  # "milia--surface"
    label: str  # the plain title the menu shows
    subject: str
    view: str


@dataclass(frozen=True)
class Feature:
    """One kind of distinguishing feature ("Size", "When it appears" ...) and what the data says of it."""

    heading: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class GuideEntry:
    """What the field guide shows for one condition on some tone groups: the pictures and the features."""

    choice: GuideChoice
    title: str  # the subject's plain title
    view_title: str
    tones: tuple[str, ...]
    pictures: tuple[str, ...]  # picture ids, one per tone
    features: tuple[Feature, ...]
    darker_skin: tuple[str, ...]  # what to check on darker skin, where colour signs are harder to see

    def feature(self, heading: str) -> Feature:
        """The feature with this heading (a KeyError naming the headings there are)."""
        for item in self.features:
            if item.heading == heading:
                return item
        raise KeyError(f"no feature {heading!r}; features: {', '.join(f.heading for f in self.features)}")


def guide_choices(course: Course | None = None) -> tuple[GuideChoice, ...]:
    """Every surface view the field guide offers: conditions first, then normal healing, in data order.

    A subject with one view is listed by its title; one with several views lists each as "Title · view".
    """
    data = atlas(course)
    choices = []
    for item in data.subjects.values():
        drawn = data.subjects[item.drawn_as] if item.drawn_as is not None else item
        for view in drawn.views:
            label = item.title if len(drawn.views) == 1 else f"{item.title} · {view.title}"
            choices.append(GuideChoice(f"{item.id}--{view.id}", label, item.id, view.id))
    return tuple(choices)


def guide_choice(condition: object, course: Course | None = None) -> GuideChoice:
    """The choice for ``condition``: a choice key ("vascular-occlusion--net-pattern") or a subject id (its
    first view); a ValueError listing the subject ids otherwise."""
    choices = guide_choices(course)
    for choice in choices:
        if condition in (choice.key, choice.subject):
            return choice
    subjects = ", ".join(dict.fromkeys(c.subject for c in choices))
    raise ValueError(f"no condition {condition!r} in the field guide; valid conditions: {subjects}")


def _uses_colour_sign(view: View) -> bool:
    """True when a feature of ``view`` is drawn as a change of the skin's own colour (a recipe)."""
    looks = [look for area in view.areas for look in (*area.colour, *area.lip_colour)]
    looks += [look for group in view.lesions for look in group.fill]
    looks += [look for group in view.lesions if group.rim is not None for look in group.rim.colour]
    return any(look.recipe is not None for look in looks)


def _colour_items(view: View, tone: str) -> tuple[str, ...]:
    items = []
    for area in view.areas:
        items.append(f"{area.name}: {_lower_first(claim_words(look_for(area.colour, tone)))}")
        if area.lip_colour:
            items.append(f"{area.name}, on the lip: {_lower_first(claim_words(look_for(area.lip_colour, tone)))}")
    for group in view.lesions:
        items.append(f"{group.name}: {_lower_first(claim_words(look_for(group.fill, tone)))}")
        if group.rim is not None:
            rim = look_for(group.rim.colour, tone)
            items.append(
                f"around the {group.name}, {format_size(group.rim.width)} wide: {_lower_first(claim_words(rim))}"
            )
    return tuple(items)


def guide_entry(choice: GuideChoice, tones: Iterable[str], course: Course | None = None) -> GuideEntry:
    """The pictures and distinguishing features of ``choice`` on ``tones``, in words from the appearance data."""
    tones = tuple(validate_tone(t) for t in tones)
    chosen, view = resolve_view(choice.subject, choice.view, course)
    palette = atlas(course).palette
    sizes = []
    for area in view.areas:
        wide = f" wide and {format_size(area.length)} long" if area.length is not None else " across"
        sizes.append(f"{area.name}: {format_size(area.size)}{wide}")
        if area.texture == "net" and area.cell is not None and area.line is not None:
            sizes.append(f"net lines {format_size(area.line)} wide around islands {format_size(area.cell)} across")
    sizes += [f"{group.name}: {format_size(group.size)}" for group in view.lesions]
    spread = [f"{format_count(g.count)} {g.name}: {_lower_first(claim_words(g.distribution))}" for g in view.lesions]
    surfaces = [f"{area.name}: {_lower_first(claim_words(area.surface))}" for area in view.areas]
    surfaces += [f"{group.name}: {_lower_first(claim_words(group.surface))}" for group in view.lesions]
    features = [
        Feature("What it is", (claim_words(chosen.summary),)),
        Feature("Size", tuple(sizes)),
        Feature("Number and distribution", tuple(spread)) if spread else None,
        Feature("Shape and surface", tuple(surfaces)),
        *(Feature(f"Colour on {palette.tone(t).name} skin", _colour_items(view, t)) for t in tones),
        Feature("When it appears", (claim_words(view.when),)),
        Feature("What to notice", tuple(claim_words(n) for n in view.notice)),
        Feature("Compare with", (_COMPARISON[view.comparison],)),
    ]
    darker = [claim_words(n) for n in view.tone_notes if n.tone == DARKER_TONE]
    if _uses_colour_sign(view):
        darker.append(_COLOUR_SIGN_CHECK)
        if view.site == "lip":  # the press-and-release check is drawn, and described, on the lip
            darker += [claim_words(n) for n in atlas(course).refill.tone_notes if n.tone == DARKER_TONE]
    if DARKER_TONE not in tones:
        darker += [f"On dark skin, {item}" for item in _colour_items(view, DARKER_TONE)]
    return GuideEntry(
        choice=choice,
        title=chosen.title,
        view_title=view.title,
        tones=tones,
        pictures=tuple(f"{choice.key}--{t}" for t in tones),
        features=tuple(f for f in features if f is not None),
        darker_skin=tuple(darker),
    )


@dataclass(frozen=True)
class FieldGuide:
    """The learner's place in the field guide: a condition, a tone group and, optionally, a second condition.

    >>> guide = FieldGuide("milia", tone="D")
    >>> guide.entries()[0].pictures
    ('milia--surface--D',)
    >>> guide.with_compare("acneiform-eruption").entries()[1].pictures
    ('acneiform-eruption--surface--D',)
    """

    condition: str | None = None  # a choice key or a subject id; None: DEFAULT_CONDITION
    tone: str = "M"
    compare: str | None = None  # a second condition, shown beside the first

    def __post_init__(self) -> None:
        validate_tone(self.tone)
        object.__setattr__(self, "condition", self.choice.key)
        if self.compare is not None:
            object.__setattr__(self, "compare", guide_choice(self.compare).key)

    @property
    def choice(self) -> GuideChoice:
        return guide_choice(DEFAULT_CONDITION if self.condition is None else self.condition)

    @property
    def compared(self) -> GuideChoice | None:
        """The second condition, unless there is none or it is the first one again."""
        if self.compare is None or self.compare == self.condition:
            return None
        return guide_choice(self.compare)

    def with_condition(self, condition: str) -> FieldGuide:
        return FieldGuide(condition, self.tone, self.compare)

    def with_tone(self, tone: str) -> FieldGuide:
        return FieldGuide(self.condition, tone, self.compare)

    def with_compare(self, compare: str | None) -> FieldGuide:
        return FieldGuide(self.condition, self.tone, compare or None)

    def entries(self, tones: Iterable[str] | None = None) -> tuple[GuideEntry, ...]:
        """The condition (and the compared one) on ``tones``; on the chosen tone when None."""
        chosen = tuple(tones) if tones is not None else (self.tone,)
        picked = [self.choice] + ([self.compared] if self.compared is not None else [])
        return tuple(guide_entry(choice, chosen) for choice in picked)

    @property
    def tone_label(self) -> str:
        return dict((value, label) for label, value in TONE_CHOICES)[self.tone]
