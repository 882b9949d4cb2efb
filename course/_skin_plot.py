"""The schematic skin cross-section, drawn into an ``Axes`` the caller owns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from course.content import Course, load_course
from course.plots import OKABE_ITO, in_sentence
from course.skin import depth_of, layer, procedures_reaching, skin_model

if TYPE_CHECKING:  # matplotlib is imported only to draw: the alt text does not need it
    from matplotlib.axes import Axes
    from matplotlib.patches import FancyArrowPatch, Rectangle
    from matplotlib.text import Text

# Schematic heights (not to scale), surface first.
_HEIGHTS = {"epidermis": 0.6, "upper-dermis": 1.0, "deep-dermis": 2.0, "subcutis": 1.4, "muscle": 1.0}
_FILLS = ["#f6dcc8", "#efc3ad", "#e3a995", "#f5e6a6", "#cf8f8f"]
_HATCHES = ["", "..", "", "oo", "--"]
# One colour and one marker shape per procedure, so colour is never the only cue.
_PROCEDURE_STYLE = {
    "chemical-peel": (OKABE_ITO["blue"], "o"),
    "laser-resurfacing": (OKABE_ITO["vermillion"], "s"),
    "microneedling": (OKABE_ITO["bluish green"], "^"),
    "rf-microneedling": (OKABE_ITO["reddish purple"], "D"),
    "lip-filler": (OKABE_ITO["black"], "v"),
}


@dataclass
class SkinArtists:
    layers: list[tuple[str, Rectangle, Text]] = field(default_factory=list)
    reaches: list[tuple[str, FancyArrowPatch, Text]] = field(default_factory=list)
    highlight: Rectangle | None = None


def _bounds(course: Course) -> dict[str, tuple[float, float]]:
    """Top and bottom (negative y, surface at 0) of each layer."""
    top, bounds = 0.0, {}
    for item in skin_model(course).layers:
        height = _HEIGHTS.get(item.id, 1.0)
        bounds[item.id] = (top, top - height)
        top -= height
    return bounds


def draw_skin_section(ax: Axes, highlight: str | None = None, course: Course | None = None) -> SkinArtists:
    """Draw the layers, a follicle with its oil gland, a sweat gland, and each procedure's reach."""
    from matplotlib.patches import FancyArrowPatch, Rectangle

    course = course or load_course()
    model = skin_model(course)
    if highlight is not None:
        layer(highlight, course)
    bounds = _bounds(course)
    artists = SkinArtists()
    for index, item in enumerate(model.layers):
        top, bottom = bounds[item.id]
        fill, hatch = _FILLS[index % len(_FILLS)], _HATCHES[index % len(_HATCHES)]
        patch = Rectangle((0, bottom), 6.2, top - bottom, facecolor=fill, hatch=hatch, edgecolor="0.35", linewidth=0.8)
        ax.add_patch(patch)
        # The same layer, paler, behind the arrows, so each arrow ends visibly inside a layer.
        ax.add_patch(
            Rectangle((6.2, bottom), 6.2, top - bottom, facecolor=fill, alpha=0.45, edgecolor="0.6", linewidth=0.6)
        )
        chosen = item.id == highlight
        label = ax.text(
            0.12,
            (top + bottom) / 2,
            item.name + (" (chosen depth)" if chosen else ""),
            va="center",
            ha="left",
            fontsize=9,
            fontweight="bold" if chosen else "normal",
            bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1.2},
        )
        artists.layers.append((item.id, patch, label))
    _draw_structures(ax, bounds)
    if highlight is not None:
        top, bottom = bounds[highlight]
        artists.highlight = Rectangle(
            (0, bottom), 12.4, top - bottom, fill=False, edgecolor="black", linewidth=3, zorder=6
        )
        ax.add_patch(artists.highlight)
    for slot, reach in enumerate(model.reaches):
        colour, marker = _PROCEDURE_STYLE.get(reach.procedure, ("black", "o"))
        x = 7.6 + slot * 0.95
        top, bottom = bounds[reach.deepest_layer]
        tip = (top + bottom) / 2
        arrow = FancyArrowPatch(
            (x, 0.35), (x, tip), arrowstyle="-|>", mutation_scale=14, color=colour, linewidth=2.2, zorder=5
        )
        ax.add_patch(arrow)
        ax.plot([x], [tip], marker=marker, color=colour, markersize=7, zorder=6, linestyle="none")
        text = ax.text(
            x, 0.45, _name(reach.procedure, course), rotation=35, ha="left", va="bottom", fontsize=8.5, color="black"
        )
        artists.reaches.append((reach.procedure, arrow, text))
    total = min(bottom for _, bottom in bounds.values())
    ax.axhline(0, color="0.2", linewidth=1.2)
    ax.set_xlim(0, 12.4)
    ax.set_ylim(total - 0.1, 2.3)
    ax.set_axis_off()
    ax.set_title("Skin layers and how deep each procedure reaches (schematic, not to scale)", loc="left", fontsize=11)
    return artists


def _draw_structures(ax: Axes, bounds: dict[str, tuple[float, float]]) -> None:
    from matplotlib.patches import Circle, Ellipse

    deep_top, deep_bottom = bounds.get("deep-dermis", (-1.6, -3.6))
    upper_top, upper_bottom = bounds.get("upper-dermis", (-0.6, -1.6))
    root = deep_top - (deep_top - deep_bottom) * 0.7
    # Hair follicle: a tube from the surface down into the deep dermis, with a hair.
    for x in (2.3, 2.7):
        ax.plot([x, x], [0, root], color="0.25", linewidth=1.2)
    ax.plot([2.5, 2.5], [0.9, root + 0.1], color="0.1", linewidth=1.6)
    ax.add_patch(
        Ellipse(
            (3.15, (upper_top + upper_bottom) / 2 - 0.1), 0.8, 0.45, facecolor="#fff3c4", edgecolor="0.25", linewidth=1
        )
    )
    ax.text(3.6, (upper_top + upper_bottom) / 2 - 0.1, "oil gland", fontsize=8, va="center")
    ax.text(2.0, root - 0.15, "hair follicle", fontsize=8, va="top", ha="center")
    # Sweat gland: a coil in the deep dermis with its duct up to the surface.
    coil_y = deep_top - (deep_top - deep_bottom) * 0.55
    ax.plot([4.8, 4.8], [0, coil_y + 0.25], color="0.25", linewidth=1.2, linestyle=(0, (4, 2)))
    ax.add_patch(Circle((4.8, coil_y), 0.25, facecolor="#d6ecf7", edgecolor="0.25", linewidth=1))
    ax.text(4.8, coil_y - 0.35, "sweat gland\nand duct", fontsize=8, va="top", ha="center")


def skin_alt_text(highlight: str | None = None, course: Course | None = None) -> str:
    course = course or load_course()
    model = skin_model(course)
    layers = ", ".join(item.name.lower() for item in model.layers)
    reaches = "; ".join(
        f"{_name(r.procedure, course)} to the {layer(r.deepest_layer, course).name.lower()}" for r in model.reaches
    )
    parts = [
        "Schematic cross-section of skin, not to scale.",
        f"Five layers from the surface down: {layers}.",
        "A hair follicle with its oil gland and a sweat gland with its duct cross the layers.",
        f"Arrows from the surface show the deepest layer each procedure reaches: {reaches}.",
    ]
    if highlight is not None:
        names = ", ".join(_name(r.procedure, course) for r in procedures_reaching(highlight, course))
        chosen = layer(highlight, course).name.lower()
        position = f"layer {depth_of(highlight, course) + 1} of {len(model.layers)}"
        parts.append(
            f"The {chosen} is outlined as the chosen depth ({position}); procedures that reach it: {names or 'none'}."
        )
    return " ".join(parts)


def _name(procedure: str, course: Course) -> str:
    return in_sentence(course.procedures[procedure].short_title)
