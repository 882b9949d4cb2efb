"""Which skin layers each procedure reaches: pure logic over ``data/skin.yaml``.

>>> from course.skin import procedures_reaching
>>> [r.procedure for r in procedures_reaching("deep-dermis")]
['microneedling', 'rf-microneedling', 'lip-filler']
"""

from __future__ import annotations

from dataclasses import dataclass

from course.content import Course, load_course
from course.models import LesionOrigin, Reach, SkinLayer, SkinModel


def skin_model(course: Course | None = None) -> SkinModel:
    (model,) = (course or load_course()).of_kind("skin")
    assert isinstance(model, SkinModel)
    return model


def layer(layer_id: object, course: Course | None = None) -> SkinLayer:
    """The layer with this id, or a ValueError naming it and listing the valid ids."""
    model = skin_model(course)
    for candidate in model.layers:
        if candidate.id == layer_id:
            return candidate
    valid = ", ".join(layer.id for layer in model.layers)
    raise ValueError(f"unknown skin layer {layer_id!r}; valid layers, from the surface down: {valid}")


def depth_of(layer_id: str, course: Course | None = None) -> int:
    """0 for the surface layer, 1 for the next one down, and so on."""
    model = skin_model(course)
    return [candidate.id for candidate in model.layers].index(layer(layer_id, course).id)


def procedures_reaching(layer_id: str, course: Course | None = None) -> tuple[Reach, ...]:
    """The procedures that work at this depth or deeper (they pass through it), shallowest first."""
    depth = depth_of(layer_id, course)
    reaches = [r for r in skin_model(course).reaches if depth_of(r.deepest_layer, course) >= depth]
    return tuple(sorted(reaches, key=lambda r: depth_of(r.deepest_layer, course)))


def lesions_starting_in(layer_id: str, course: Course | None = None) -> tuple[LesionOrigin, ...]:
    layer(layer_id, course)
    return tuple(o for o in skin_model(course).lesions if o.layer == layer_id)


@dataclass(frozen=True)
class DepthView:
    """What the depth explorer says for one layer: the layer, what reaches it, what starts there."""

    layer: SkinLayer
    reaching: tuple[Reach, ...]  # procedures that work at this depth or deeper, shallowest first
    lesions: tuple[LesionOrigin, ...]  # bumps that start in this layer


def at_depth(layer_id: str, course: Course | None = None) -> DepthView:
    """The depth explorer's content for ``layer_id`` (a ValueError lists the valid layers)."""
    return DepthView(
        layer=layer(layer_id, course),
        reaching=procedures_reaching(layer_id, course),
        lesions=lesions_starting_in(layer_id, course),
    )


def step_layer(layer_id: str, offset: int, course: Course | None = None) -> str:
    """The layer ``offset`` layers down (negative: up) from ``layer_id``, stopping at the surface and the bottom."""
    ids = [candidate.id for candidate in skin_model(course).layers]
    index = min(max(depth_of(layer_id, course) + offset, 0), len(ids) - 1)
    return ids[index]
