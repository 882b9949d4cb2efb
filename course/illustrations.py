"""The illustrated field guide: schematic medical illustrations drawn into an ``Axes`` the caller owns.

>>> from matplotlib.figure import Figure
>>> from course.illustrations import FIGSIZE, draw_surface
>>> figure = Figure(figsize=FIGSIZE)
>>> ax = figure.add_axes((0, 0, 1, 1))
>>> artists = draw_surface(ax, "milia", tone="D", seed=0)

Every picture says "Illustration, not a photograph", names its skin-tone group,
carries a millimetre scale bar (surface views) or says it is not to scale
(schematics), and labels what it shows: colour is never the only cue. Colours,
sizes, counts and places all come from ``data/appearance/`` through
:mod:`course.appearance`; this module only knows how to draw a dome, a net or
a lip. The same ``seed`` gives the same lesions on every tone, so learners see
that the shape stays while the contrast changes, and the same arguments give
the same PNG bytes.

The scene is painted as a raster in CIELAB (the recipes are CIELAB shifts),
lit from the upper left with the palette's highlight and shadow; labels,
leader lines, the scale bar and the schematics are vector artists.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, Patch, Polygon, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from PIL import Image

from course.appearance import (
    FIELD_EDGE_MM,
    NOT_A_PHOTOGRAPH,
    REFILL_GROUP,
    SCALE_BAR_MM,
    SCENES,
    Atlas,
    Picture,
    alt_text,
    atlas,
    catalogue,
    cross_section,
    format_seconds,
    format_size,
    look_for,
    resolve_view,
    short_tone_label,
    validate_tone,
    wrap,
)
from course.content import Course, load_course
from course.models import (
    Area,
    CrossSection,
    LesionGroup,
    Palette,
    Size,
    ToneLook,
    View,
    hex_to_lab,
)
from course.render.atlas import contact_sheet

__all__ = [
    "DPI",
    "FIGSIZE",
    "IllustrationArtists",
    "PlacedLesion",
    "draw_cross_section",
    "draw_picture",
    "draw_refill_check",
    "draw_surface",
    "draw_vessels",
    "render_png",
    "write_atlas",
]

Array = npt.NDArray[np.float64]
_Dashes = Literal["solid"] | tuple[float, Sequence[float]]
Mask = npt.NDArray[np.bool_]

#: The lesson size: 640 × 380 pixels.
FIGSIZE = (6.4, 3.8)
DPI = 100
#: Colours kept in the stored PNG (a palette PNG, like the course's charts, but with room for shading).
PNG_COLOURS = 256

# Ink for labels and schematic lines: not clinical colours.
_INK = "#1a1a1a"
_PAPER = "#ffffff"
_BLUE_LIGHT = "#0072B2"  # Okabe–Ito blue: the scattered blue light of the Tyndall schematic
# Light from the upper left, the same for every panel (appearance fact sheet 4.4, rule 5).
_LIGHT = np.array([-0.55, 0.55, 0.63])
_LIGHT = _LIGHT / np.linalg.norm(_LIGHT)
_HALF = (_LIGHT + np.array([0.0, 0.0, 1.0])) / np.linalg.norm(_LIGHT + np.array([0.0, 0.0, 1.0]))
# Raster resolution of each scene, in pixels per mm (about 1.2 × what the lesson size shows).
_PX_PER_MM = {"skin": 10.5, "lip": 7.0}
_MOUTH_CENTRE = (30.0, 15.0)
_MOUTH_HALF_WIDTH = 24.0
_LABEL_WRAP = 34
# The width of the cracks drawn in a dry crust: a drawing detail, not a clinical size.
_CRACK = Size(0.12, 0.22, "A", ("FACTSHEET",))


@dataclass(frozen=True)
class PlacedLesion:
    """Where one lesion was drawn (mm, origin at the scene's lower left)."""

    group: str
    shape: str
    x: float
    y: float
    radius: float


@dataclass
class IllustrationArtists:
    """What a drawing function drew, so callers and tests can inspect it."""

    image: AxesImage | None = None
    texts: list[Text] = field(default_factory=list)
    lines: list[Line2D] = field(default_factory=list)
    patches: list[Patch] = field(default_factory=list)
    outlines: list[ContourSet] = field(default_factory=list)
    lesions: list[PlacedLesion] = field(default_factory=list)

    def all_text(self) -> str:
        return "\n".join(t.get_text() for t in self.texts)


# --- Colour: CIELAB rasters ---


def _floats(values: object) -> Array:
    """``values`` as a float array (numpy's operators are typed loosely)."""
    return np.asarray(values, dtype=np.float64)


def _lab(colour: str) -> Array:
    return np.array(hex_to_lab(colour), dtype=float)


def _lab_to_rgb(lab: Array) -> Array:
    """A CIELAB (D65) image to sRGB in 0..1, the same formulas as :func:`course.models.lab_to_hex`."""
    fy = (lab[..., 0] + 16.0) / 116.0
    fx = fy + lab[..., 1] / 500.0
    fz = fy - lab[..., 2] / 200.0
    eps = 216.0 / 24389.0
    kappa = 24389.0 / 27.0

    def finv(t: Array) -> Array:
        cube = t**3
        return np.where(cube > eps, cube, (116.0 * t - 16.0) / kappa)

    x, y, z = 0.95047 * finv(fx), 1.0 * finv(fy), 1.08883 * finv(fz)
    r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z
    g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z
    b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z
    rgb = np.clip(np.stack([r, g, b], axis=-1), 0.0, 1.0)
    return np.where(rgb <= 0.0031308, 12.92 * rgb, 1.055 * np.power(rgb, 1 / 2.4) - 0.055)


def _box_blur(image: Array, radius: int) -> Array:
    """A box blur of a 2-D mask (edges repeated), one axis at a time; twice gives a soft, nearly Gaussian edge."""
    if radius < 1:
        return image
    size = 2 * radius + 1
    padded = np.concatenate([np.repeat(image[:1], radius + 1, 0), image, np.repeat(image[-1:], radius, 0)])
    summed = np.cumsum(padded, axis=0)
    down = (summed[size:] - summed[:-size]) / size
    padded = np.concatenate([np.repeat(down[:, :1], radius + 1, 1), down, np.repeat(down[:, -1:], radius, 1)], axis=1)
    summed = np.cumsum(padded, axis=1)
    result: Array = (summed[:, size:] - summed[:, :-size]) / size
    return result


class _Canvas:
    """A scene as a CIELAB raster: pixel centres in mm, row 0 at the bottom."""

    def __init__(self, width_mm: float, height_mm: float, px_per_mm: float) -> None:
        self.ppm = px_per_mm
        self.width_mm, self.height_mm = width_mm, height_mm
        columns, rows = round(width_mm * px_per_mm), round(height_mm * px_per_mm)
        xs = (np.arange(columns) + 0.5) / px_per_mm
        ys = (np.arange(rows) + 0.5) / px_per_mm
        self.x, self.y = np.meshgrid(xs, ys)
        self.lab = np.zeros((rows, columns, 3))
        self.height = np.zeros((rows, columns))  # relief, in mm, for the light
        self.gloss = np.zeros((rows, columns))  # 0..1: how shiny

    def points(self) -> Array:
        return np.column_stack([self.x.ravel(), self.y.ravel()])

    def feather(self, mask: Array, mm: float) -> Array:
        """Soften an edge so it fades over about ``mm`` (two box blurs of half that width)."""
        radius = round(mm * self.ppm / 2)
        return np.clip(_box_blur(_box_blur(mask, radius), radius), 0.0, 1.0)

    def polygon(self, vertices: Array) -> Array:
        inside = MplPath(vertices).contains_points(self.points())
        return inside.reshape(self.x.shape).astype(float)

    def disc(self, cx: float, cy: float, radius: float, soft_mm: float = 0.0) -> Array:
        distance = np.hypot(self.x - cx, self.y - cy)
        edge = max(soft_mm, 1.0 / self.ppm)
        return _floats(np.clip((radius - distance) / edge + 0.5, 0.0, 1.0))

    def paint(self, look: ToneLook, mask: Array, palette: Palette, strength: float = 1.0) -> None:
        """Apply a feature's look where ``mask`` is set: a content colour, a recipe, or nothing (the base)."""
        weight = (mask * strength)[..., None]
        if look.content is not None:
            content = palette.content(look.content)
            self.lab += weight * content.opacity * (_lab(content.hex) - self.lab)
        elif look.recipe is not None:
            step = palette.recipe(look.recipe).step(look.tone)
            if step.towards is not None and step.amount is not None:
                self.lab += weight * step.amount * (_lab(step.towards) - self.lab)
            else:
                self.lab += weight * np.array(step.shift, dtype=float)

    def shift_l(self, mask: Array, delta_l: float) -> None:
        self.lab[..., 0] += mask * delta_l

    def mix(self, colour: str, mask: Array, amount: float = 1.0) -> None:
        self.lab += (mask * amount)[..., None] * (_lab(colour) - self.lab)

    def light(self, palette: Palette) -> None:
        """Shade the relief with one light from the upper left, and add highlights where it is glossy."""
        dy, dx = np.gradient(self.height, 1.0 / self.ppm)
        normal = np.stack([-dx, -dy, np.ones_like(dx)], axis=-1)
        normal /= np.linalg.norm(normal, axis=-1, keepdims=True)
        lambert = normal @ _LIGHT - _LIGHT[2]
        shading = palette.shading
        delta = np.where(
            lambert > 0,
            lambert / (1 - _LIGHT[2]) * shading.highlight_dl * 1.6,
            lambert / _LIGHT[2] * -shading.shadow_dl,
        )
        self.lab[..., 0] += np.clip(delta, shading.shadow_dl * 1.6, shading.highlight_dl * 1.6)
        specular = np.clip(normal @ _HALF, 0.0, 1.0) ** 40 * self.gloss
        self.lab[..., 0] += specular * (99.0 - self.lab[..., 0])
        self.lab[..., 1:] *= (1 - 0.85 * specular)[..., None]

    def rgb(self) -> Array:
        return _lab_to_rgb(self.lab)


def _rng(seed: int, *names: str) -> np.random.Generator:
    """The same seed and names give the same random numbers on every tone and every run."""
    return np.random.default_rng([seed, *(zlib.crc32(name.encode()) for name in names)])


def _smooth_positions(coordinates: Array) -> tuple[npt.NDArray[np.intp], Array]:
    start = np.floor(coordinates).astype(np.intp)
    t = coordinates - start
    return start, t * t * (3 - 2 * t)


def _value_noise(canvas: _Canvas, rng: np.random.Generator, cell_mm: float) -> Array:
    """Smooth random values in -1..1 with features about ``cell_mm`` across.

    Interpolated one axis at a time (a small table across, then down), which is cheap."""
    rows = int(canvas.y[-1, 0] / cell_mm) + 3
    columns = int(canvas.x[0, -1] / cell_mm) + 3
    grid = rng.uniform(-1.0, 1.0, (rows, columns))
    x0, tx = _smooth_positions(canvas.x[0] / cell_mm)
    y0, ty = _smooth_positions(canvas.y[:, 0] / cell_mm)
    across = grid[:, x0] * (1 - tx) + grid[:, x0 + 1] * tx
    result: Array = across[y0] * (1 - ty)[:, None] + across[y0 + 1] * ty[:, None]
    return result


def _net(canvas: _Canvas, rng: np.random.Generator, cell: Size, line: Size, mask: Array) -> Array:
    """A lace-like net: the borders of irregular cells (a Voronoi pattern) inside ``mask``."""
    rows, columns = np.nonzero(mask > 0.02)
    if rows.size == 0:
        return np.zeros_like(mask)
    spacing = (cell.low_mm + cell.high_mm) / 2
    x_low = canvas.x[0, columns.min()] - 2 * spacing
    y_low = canvas.y[rows.min(), 0] - 2 * spacing
    nx = int((canvas.x[0, columns.max()] - x_low) / spacing) + 4
    ny = int((canvas.y[rows.max(), 0] - y_low) / spacing) + 4
    jitter = rng.uniform(-0.45, 0.45, (ny, nx, 2)) * spacing
    seed_x = x_low + np.arange(nx)[None, :] * spacing + jitter[..., 0]
    seed_y = y_low + np.arange(ny)[:, None] * spacing + jitter[..., 1]
    window = (slice(rows.min(), rows.max() + 1), slice(columns.min(), columns.max() + 1))
    # Warp the plane a little so the cell borders curve like a net of rings, not a ruled mesh.
    warp = spacing * 0.22
    px = (canvas.x + _value_noise(canvas, rng, spacing * 0.8) * warp)[window]
    py = (canvas.y + _value_noise(canvas, rng, spacing * 0.8) * warp)[window]
    # Only the seeds of the 4 × 4 grid cells around each pixel can be its two nearest.
    column = np.clip(np.floor((px - x_low) / spacing).astype(int), 1, nx - 3)
    row = np.clip(np.floor((py - y_low) / spacing).astype(int), 1, ny - 3)
    distances = [
        np.hypot(px - seed_x[row + dy, column + dx], py - seed_y[row + dy, column + dx])
        for dy in (-1, 0, 1, 2)
        for dx in (-1, 0, 1, 2)
    ]
    nearest = np.partition(np.stack(distances, axis=-1), 1, axis=-1)
    gap = (nearest[..., 1] - nearest[..., 0]) / 2  # distance to the cell border
    width = rng.uniform(line.low_mm, line.high_mm) + _value_noise(canvas, rng, spacing)[window] * 0.15
    lines = np.zeros_like(mask)
    core = np.clip((width / 2 - gap) * canvas.ppm + 0.5, 0.0, 1.0)
    fringe = np.clip(1 - (gap - width / 2) / (width * 1.3), 0.0, 1.0) * 0.7  # a soft, mottled edge
    lines[window] = np.maximum(core, fringe)
    return lines


# --- Scene geometry (a drawing template, not clinical data) ---

Curve = Callable[[Array], Array]


@dataclass(frozen=True)
class _Mouth:
    """The lips as curves of x (vectorised): the upper lip's border, the line where the lips meet, the lower border."""

    border: Curve
    fissure: Curve
    lower_border: Curve
    left: float  # x of the left corner of the mouth
    right: float

    @property
    def corner(self) -> tuple[float, float]:
        return self.left, float(self.fissure(np.array([self.left]))[0])

    def upper(self) -> Array:
        xs = np.linspace(self.left, self.right, 161)
        return np.vstack([np.column_stack([xs, self.border(xs)]), np.column_stack([xs[::-1], self.fissure(xs[::-1])])])

    def lower(self) -> Array:
        xs = np.linspace(self.left, self.right, 161)
        return np.vstack(
            [np.column_stack([xs, self.fissure(xs)]), np.column_stack([xs[::-1], self.lower_border(xs[::-1])])]
        )

    def at(self, curve: Curve, x: float) -> float:
        return float(curve(np.array([x]))[0])

    def upper_middle(self, x: float) -> float:
        return (self.at(self.border, x) + self.at(self.fissure, x)) / 2

    def lower_middle(self, x: float) -> float:
        return (self.at(self.fissure, x) + self.at(self.lower_border, x)) / 2


def _mouth(pose: str) -> _Mouth:
    cx, cy = _MOUTH_CENTRE
    half = _MOUTH_HALF_WIDTH * (1.1 if pose == "stretched" else 1.0)
    tall = 0.72 if pose == "stretched" else 1.0

    def t_of(x: Array) -> Array:
        return np.clip((x - cx) / half, -1.0, 1.0)

    def border(x: Array) -> Array:
        t = t_of(x)
        bow = 0.8 * np.exp(-(((np.abs(t) - 0.27) / 0.12) ** 2)) - 1.2 * np.exp(-((t / 0.08) ** 2))
        return cy + tall * (7.0 * np.power(1 - t**2, 0.75) + bow * np.power(1 - t**2, 2))

    def fissure(x: Array) -> Array:
        t = t_of(x)
        return cy + tall * (0.5 * (1 - t**2) - 0.6 * np.exp(-((t / 0.18) ** 2)))

    def lower_border(x: Array) -> Array:
        t = t_of(x)
        return cy - tall * 9.5 * np.power(1 - t**2, 0.65)

    return _Mouth(border, fissure, lower_border, cx - half, cx + half)


def _territory(mouth: _Mouth) -> Array:
    """One half of the upper lip and the skin above it, up to the nostril (left of the picture)."""
    cx, cy = _MOUTH_CENTRE
    left = mouth.left + 2.5
    along = [(float(x), mouth.at(mouth.fissure, float(x)) + 0.15) for x in np.linspace(cx - 0.4, left, 14)]
    return np.array([*along, (left + 1.5, cy + 8.5), (left + 8.0, cy + 18.5), (cx - 8.0, cy + 22.5), (cx - 0.4, 37.0)])


def _near_curve(
    canvas: _Canvas, curve: Curve, half_width: float, x_low: float, x_high: float, soft: float = 0.0
) -> Array:
    """A band along a gently sloping curve y = curve(x): 1 within ``half_width`` (vertically) of it."""
    gap = np.abs(canvas.y - curve(canvas.x[0])[None, :])
    edge = max(soft, 1.0 / canvas.ppm)
    band = np.clip((half_width - gap) / edge + 0.5, 0.0, 1.0)
    ends = np.clip((canvas.x - x_low) / edge + 0.5, 0, 1) * np.clip((x_high - canvas.x) / edge + 0.5, 0, 1)
    return _floats(band * ends)


def _between(canvas: _Canvas, low: Curve, high: Curve, x_low: float, x_high: float) -> Array:
    """1 between two curves of x (anti-aliased): the red of one lip, without a polygon test."""
    xs = canvas.x[0]
    edge = 1.0 / canvas.ppm
    above = np.clip((canvas.y - low(xs)[None, :]) / edge + 0.5, 0, 1)
    below = np.clip((high(xs)[None, :] - canvas.y) / edge + 0.5, 0, 1)
    inside = ((xs > x_low) & (xs < x_high)).astype(float)[None, :]
    return _floats(above * below * inside)


def _segment(canvas: _Canvas, start: tuple[float, float], end: tuple[float, float], half_width: float) -> Array:
    """1 within ``half_width`` of a straight segment (anti-aliased)."""
    sx, sy = start
    dx, dy = end[0] - sx, end[1] - sy
    along = np.clip(((canvas.x - sx) * dx + (canvas.y - sy) * dy) / (dx * dx + dy * dy), 0, 1)
    distance = np.hypot(canvas.x - sx - along * dx, canvas.y - sy - along * dy)
    return _floats(np.clip((half_width - distance) * canvas.ppm + 0.5, 0, 1))


def _blob(
    canvas: _Canvas, rng: np.random.Generator, cx: float, cy: float, radius: float, stretch: float = 1.0
) -> Array:
    """An irregular patch: a circle whose radius wobbles a little (about ±20 %) with the angle."""
    angle = np.arctan2(canvas.y - cy, (canvas.x - cx) / stretch)
    wobble = sum(rng.uniform(0.04, 0.1) * np.sin(k * angle + rng.uniform(0, 2 * np.pi)) for k in (2, 3, 5))
    distance = np.hypot((canvas.x - cx) / stretch, canvas.y - cy)
    return _floats(np.clip((radius * (1 + wobble) - distance) * canvas.ppm + 0.5, 0.0, 1.0))


@dataclass
class _Scene:
    """A surface view being painted: the canvas, the mouth (lip scenes) and where things went."""

    canvas: _Canvas
    tone: str
    palette: Palette
    rng: np.random.Generator
    mouth: _Mouth | None
    lip: Array  # 1 on the red of the lips
    areas: dict[str, Array] = field(default_factory=dict)
    patch_centres: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    counted: dict[str, bool] = field(default_factory=dict)  # the area was drawn as a counted set of patches
    lesions: list[PlacedLesion] = field(default_factory=list)

    def pick(self, size: Size) -> float:
        return float(self.rng.uniform(size.low_mm, size.high_mm))


def _base(scene: _Scene, seed: int) -> None:
    """Skin (and lips) in the tone's base colours, with a subtle texture and the one light's relief."""
    canvas, palette, tone = scene.canvas, scene.palette, scene.tone
    group = palette.tone(tone)
    shading = palette.shading
    canvas.lab[...] = _lab(group.skin.hex)
    texture = _rng(seed, "texture")
    canvas.lab[..., 0] += _value_noise(canvas, texture, 2.5) * 0.9 + _value_noise(canvas, texture, 0.35) * 0.45
    if scene.mouth is None:
        pores = (texture.uniform(0, 1, canvas.x.shape) > 0.996).astype(float)
        canvas.lab[..., 0] -= _box_blur(pores, 1) * 22
        return
    mouth = scene.mouth
    upper, lower = _lips(canvas, mouth)
    lip = np.clip(canvas.feather(upper + lower, 0.5), 0, 1)
    scene.lip = lip
    canvas.mix(group.lip.hex, lip)
    xs = canvas.x[0]
    # Relief: each lip a soft roll (lit on top, shaded below), the philtrum's ridges, the nostrils.
    top, middle, bottom = mouth.border(xs), mouth.fissure(xs), mouth.lower_border(xs)
    across_upper = np.clip((canvas.y - middle) / np.maximum(top - middle, 0.5), 0, 1)
    across_lower = np.clip((middle - canvas.y) / np.maximum(middle - bottom, 0.5), 0, 1)
    canvas.height += canvas.feather(upper, 0.6) * np.sin(across_upper * np.pi) ** 0.7 * 1.2
    canvas.height += canvas.feather(lower, 0.6) * np.sin(across_lower * np.pi) ** 0.7 * 2.0
    canvas.shift_l(canvas.feather(upper, 0.6), shading.shadow_dl * 0.25)
    roll = _near_curve(canvas, lambda x: mouth.border(x) + 0.45, 0.35, mouth.left + 3, mouth.right - 3, 0.3)
    canvas.shift_l(roll * (1 - lip), shading.highlight_dl * 0.5)
    for side in (-1, 1):
        ridge = _segment(canvas, (30 + side * 5.8, 22.0), (30 + side * 3.9, 36.5), 0.6)
        canvas.height += canvas.feather(ridge, 2.0) * 0.5
        ala = canvas.disc(30 + side * 8.5, 41.0, 7.5, 3.0)
        canvas.shift_l(ala, shading.shadow_dl * 0.5)
        nostril = canvas.disc(30 + side * 7.6, 40.8, 3.6, 0.8) * np.clip((canvas.y - 36.8) / 1.5, 0, 1)
        canvas.mix("#2a1d1a", nostril, 0.65)
    # Fine, irregular vertical lines on the lips.
    wavy = canvas.x + _value_noise(canvas, texture, 2.0) * 0.5
    lines = np.clip((np.sin(wavy * 2 * np.pi / 1.3) - 0.75) * 4, 0, 1) * (_value_noise(canvas, texture, 1.5) > -0.3)
    canvas.shift_l(_box_blur(lines, 1) * lip * np.minimum(across_upper + across_lower, 1), -2.0)
    # The line where the lips meet, and the shadow below the lower lip.
    fissure = _near_curve(canvas, mouth.fissure, 0.22, mouth.left + 0.5, mouth.right - 0.5, 0.25)
    canvas.mix("#1c1212", fissure, 0.8)
    canvas.shift_l(
        _near_curve(canvas, lambda x: mouth.fissure(x) - 0.6, 0.5, mouth.left + 2, mouth.right - 2, 0.6), -3.0
    )
    chin = _near_curve(canvas, lambda x: mouth.lower_border(x) - 1.4, 1.2, mouth.left + 5, mouth.right - 5, 1.2)
    canvas.shift_l(chin * (1 - lip), shading.shadow_dl * 0.3)
    canvas.gloss += lip * 0.1


def _place_mask(scene: _Scene, place: str) -> Array:
    """Where on the scene a place is (1 inside), for areas and for scattering lesions."""
    canvas, mouth = scene.canvas, scene.mouth
    if place == "area":
        first = next(iter(scene.areas.values()))
        return (first > 0.6).astype(float)
    if mouth is None:
        if place == "field-centre":
            return canvas.disc(FIELD_EDGE_MM / 2, canvas.height_mm / 2, 4.0)
        inside = (
            (canvas.x > 1.0) & (canvas.x < FIELD_EDGE_MM - 1.0) & (canvas.y > 1.0) & (canvas.y < canvas.height_mm - 1.0)
        )
        return _floats(inside.astype(float))
    cx = _MOUTH_CENTRE[0]
    if place == "territory":
        return canvas.polygon(_territory(mouth))
    if place == "both-lips":
        away_from_fissure = np.abs(canvas.y - mouth.fissure(canvas.x[0])[None, :]) > 0.9
        return _floats((scene.lip > 0.95).astype(float) * away_from_fissure)
    if place == "mouth-corner":
        x, y = mouth.corner
        return _floats(canvas.disc(x + 3.0, y, 9.0) * (canvas.x > 0.8))
    if place == "upper-lip":
        return _floats(_lips(canvas, mouth)[0] * (canvas.x < cx - 1.0))
    if place == "lip-border":
        return _near_curve(canvas, mouth.border, 1.6, mouth.left + 4, cx - 2)
    upper, lower = _lips(canvas, mouth)
    return upper + lower


def _lips(canvas: _Canvas, mouth: _Mouth) -> tuple[Array, Array]:
    """The red of the upper and of the lower lip."""
    return (
        _between(canvas, mouth.fissure, mouth.border, mouth.left, mouth.right),
        _between(canvas, mouth.lower_border, mouth.fissure, mouth.left, mouth.right),
    )


# --- Areas ---


def _draw_area(scene: _Scene, area: Area) -> Array:
    canvas, mouth, rng, palette = scene.canvas, scene.mouth, scene.rng, scene.palette
    feather = palette.shading.feather
    soft = feather.low_mm if area.edge == "sharp" else feather.high_mm
    if area.texture == "cracked":  # a dry crust's hard edge
        soft = feather.low_mm / 3
    size = scene.pick(area.size)
    centres: list[tuple[float, float]] = []
    if area.place == "field":
        hard = (canvas.x < FIELD_EDGE_MM).astype(float)
    elif area.place == "field-centre":
        centre = (FIELD_EDGE_MM / 2, canvas.height_mm / 2)
        centres.append(centre)
        hard = _blob(canvas, rng, *centre, size / 2, 1.15)
    elif mouth is None:
        raise ValueError(f"area '{area.id}': the place '{area.place}' needs a lip scene")
    elif area.place == "territory":
        hard = canvas.polygon(_territory(mouth))
    elif area.place == "territory-core":
        x = 18.5
        centre = (x, mouth.upper_middle(x) + 0.6)
        centres.append(centre)
        hard = _blob(canvas, rng, *centre, size / 2 * 0.55, 1.8)
    elif area.place == "upper-lip":
        x = 18.0
        centre = (x, mouth.upper_middle(x) + 0.8)
        centres.append(centre)
        hard = _blob(canvas, rng, *centre, size / 2 * 0.8, 1.4)
    elif area.place == "lip-border" and area.length is not None:
        # A band along the border: drawn at about the middle of its ranges, so it can be seen.
        size = area.size.low_mm + 0.6 * (area.size.high_mm - area.size.low_mm)
        length = area.length.low_mm + 0.6 * (area.length.high_mm - area.length.low_mm)
        start = max(_MOUTH_CENTRE[0] - 2.0 - length, mouth.left + 7.0)  # not down into the corner of the mouth
        length = _MOUTH_CENTRE[0] - 2.0 - start
        inset = size * 0.45

        def line(x: Array) -> Array:
            return mouth.border(x) - inset

        # A bead- or sausage-shaped line: rounded ends, slightly uneven width.
        hard = _near_curve(canvas, line, size / 2, start, start + length)
        ends = np.minimum(
            np.clip((canvas.x - start) / (size / 2), 0, 1), np.clip((start + length - canvas.x) / (size / 2), 0, 1)
        )
        hard *= np.clip(
            (size / 2 * np.sqrt(ends) - np.abs(canvas.y - line(canvas.x[0])[None, :])) * canvas.ppm + 0.5, 0, 1
        )
        middle = start + length / 2
        centres.append((middle, mouth.at(mouth.border, middle) - inset))
    elif area.place == "lip-border":
        patches = int(rng.integers(area.count.low, area.count.high + 1)) if area.count else 1
        hard = np.zeros_like(scene.lip)
        for index in range(patches):  # the first cluster, then any others further out, all on one side
            x = 19.0 - index * (size * 0.45 + 1.5)
            radius = size / 2 * (1.0 if index == 0 else 0.7)
            centre = (x, mouth.at(mouth.border, x) - 0.3)
            centres.append(centre)
            hard = np.maximum(hard, _blob(canvas, rng, *centre, radius, 1.2))
    elif area.place == "lips-and-border":
        cx, cy = _MOUTH_CENTRE
        size = area.size.low_mm + 0.25 * (area.size.high_mm - area.size.low_mm)  # a band of skin a few mm wide
        # The whole mouth, grown by the band's width: map each point back into the mouth's own frame.
        grow_x, grow_y = 1 + 2 * size / (mouth.right - mouth.left), 1 + 2 * size / 17
        x = cx + (canvas.x - cx) / grow_x
        y = cy + 0.5 + (canvas.y - cy - 0.5) / grow_y
        edge = 1.0 / canvas.ppm
        hard = (
            np.clip((mouth.border(x[0])[None, :] - y) / edge + 0.5, 0, 1)
            * np.clip((y - mouth.lower_border(x[0])[None, :]) / edge + 0.5, 0, 1)
            * ((x > mouth.left) & (x < mouth.right))
        )
        centres.append((cx, cy))
    elif area.place == "mouth-corner":
        x, y = mouth.corner
        centres.append((x + 1.5, y))
        hard = _blob(canvas, rng, x + 1.5, y, size / 2, 1.0)
    else:
        hard = _place_mask(scene, area.place)
    if mouth is None and area.place != "field":  # the comparison strip stays unaffected
        hard = hard * np.clip((FIELD_EDGE_MM - 1.5 - canvas.x) * canvas.ppm, 0, 1)
    mask = canvas.feather(hard, soft)
    scene.areas[area.id] = mask
    scene.patch_centres[area.id] = centres
    scene.counted[area.id] = area.count is not None
    look = look_for(area.colour, scene.tone)
    lip_look = look_for(area.lip_colour, scene.tone) if area.lip_colour else look
    if area.texture == "net" and area.cell is not None and area.line is not None:
        net = _net(canvas, rng, area.cell, area.line, mask)
        # Livedo is mottled, not drawn with a ruler: soften the lines and vary their strength.
        net = net * np.clip(0.8 + 0.4 * _value_noise(canvas, rng, 4.0), 0.35, 1.0)
        paint_mask = np.clip(net * 1.1, 0, 1) * mask
    else:
        paint_mask = mask
    canvas.paint(look, paint_mask * (1 - scene.lip), palette)
    canvas.paint(lip_look, paint_mask * scene.lip, palette)
    shading = palette.shading
    if area.texture == "cracked" and area.cell is not None:
        cracks = _net(canvas, rng, area.cell, _CRACK, hard)
        canvas.shift_l(cracks * mask, -6.0)
        canvas.shift_l(np.roll(np.roll(cracks, -1, axis=0), 1, axis=1) * mask * (1 - cracks), shading.highlight_dl * 2)
        canvas.shift_l(_value_noise(canvas, rng, 0.4) * mask, 2.5)
        canvas.height += canvas.feather(hard, feather.low_mm / 2) * 0.35
    elif area.texture == "scale":
        # Fine dry flakes, denser towards the edge of the lips than out on the skin.
        near_lips = np.clip(scene.lip * 0.6 + canvas.feather(scene.lip, 3.0) * 0.8, 0, 1)
        flakes = (_value_noise(canvas, rng, 0.5) > 0.55).astype(float) * (_value_noise(canvas, rng, 1.8) > 0.1)
        flakes = _box_blur(flakes, 1) * hard * near_lips * 0.8
        canvas.lab[..., 0] += flakes * shading.highlight_dl * 1.8
        canvas.lab[..., 1:] *= (1 - 0.35 * flakes)[..., None]
        canvas.height += flakes * 0.05
    elif area.texture == "sheen":
        canvas.height += mask * 0.8
        canvas.gloss += mask * 0.35
    elif area.texture == "raised":
        canvas.height += canvas.feather(hard, size / 2) * size * 0.4
        canvas.gloss += mask * 0.2
    return mask


# --- Lesions ---


def _positions(scene: _Scene, group: LesionGroup, radii: Sequence[float]) -> list[tuple[float, float]]:
    canvas, rng = scene.canvas, scene.rng
    region = _place_mask(scene, group.place)
    rows, columns = np.nonzero(region > 0.5)
    if rows.size == 0:
        raise ValueError(f"lesions '{group.id}': nowhere to put them at '{group.place}'")
    xs, ys = canvas.x[0, columns], canvas.y[rows, 0]
    taken = [(p.x, p.y, p.radius) for p in scene.lesions]
    gap = 0.12 if group.arrangement == "clusters" else 0.35
    count = len(radii)

    def free(x: float, y: float, radius: float) -> bool:
        return all(np.hypot(x - ox, y - oy) > radius + other + gap for ox, oy, other in taken)

    def inside(x: float, y: float, reach: float = 0.0) -> bool:
        """The point, and the lesion's edge (with its rim) in four directions, fall inside the region."""
        for dx, dy in ((0.0, 0.0), (reach, 0.0), (-reach, 0.0), (0.0, reach), (0.0, -reach)):
            column, row = int((x + dx) * canvas.ppm), int((y + dy) * canvas.ppm)
            if not (0 <= row < region.shape[0] and 0 <= column < region.shape[1] and region[row, column] > 0.5):
                return False
        return True

    rim = group.rim.width.high_mm if group.rim is not None else 0.0

    if group.arrangement in ("even", "grid"):
        area_mm2 = rows.size / canvas.ppm**2
        spacing = float(np.sqrt(area_mm2 / count))
        jitter = 0.3 if group.arrangement == "even" else 0.04
        for _ in range(30):
            grid_x = np.arange(xs.min() + spacing / 2, xs.max(), spacing)
            grid_y = np.arange(ys.min() + spacing / 2, ys.max(), spacing)
            points = [
                (float(x + rng.uniform(-jitter, jitter) * spacing), float(y + rng.uniform(-jitter, jitter) * spacing))
                for y in grid_y
                for x in grid_x
            ]
            points = [p for p in points if inside(*p)]
            if len(points) > count * 1.08:
                spacing *= 1.03
            elif len(points) < count * 0.92:
                spacing *= 0.97
            else:
                break
        if len(points) > group.count.high:
            keep = sorted(rng.choice(len(points), group.count.high, replace=False))
            points = [points[i] for i in keep]
        return points
    if group.arrangement == "single":
        centres = scene.patch_centres.get(next(iter(scene.areas), ""), []) if group.place == "area" else []
        if centres:
            return [centres[0]]
        return [(float(xs.mean()), float(ys.mean()))]
    cluster_centres: list[tuple[float, float]] = []
    if group.arrangement == "clusters":
        first_area = next(iter(scene.areas), "")
        if group.place == "area" and scene.counted.get(first_area, False):
            cluster_centres = scene.patch_centres.get(first_area, [])
        if not cluster_centres:
            for _ in range(int(rng.integers(2, 4))):
                for _try in range(50):
                    index = int(rng.integers(rows.size))
                    centre = (float(xs[index]), float(ys[index]))
                    if all(np.hypot(centre[0] - a, centre[1] - b) > 5.0 for a, b in cluster_centres):
                        break
                cluster_centres.append(centre)
        per_cluster = count / len(cluster_centres)
        mean_diameter = 2 * float(np.mean(radii))
        cluster_radius = max(1.2, 0.62 * mean_diameter * float(np.sqrt(per_cluster)))
    placed: list[tuple[float, float]] = []
    for number, radius in enumerate(radii):
        for attempt in range(400):
            if cluster_centres:
                cx, cy = cluster_centres[number % len(cluster_centres)]
                spread = cluster_radius * (1.0 + attempt / 200)
                distance, angle = spread * float(np.sqrt(rng.uniform())), rng.uniform(0, 2 * np.pi)
                x, y = cx + distance * np.cos(angle), cy + distance * np.sin(angle)
            else:
                index = int(rng.integers(rows.size))
                x, y = float(xs[index] + rng.uniform(-0.5, 0.5) / canvas.ppm), float(ys[index])
            if inside(x, y, radius + rim * 0.5) and free(x, y, radius + rim * 0.5):
                placed.append((float(x), float(y)))
                taken.append((float(x), float(y), radius))
                break
    return placed


def _draw_lesions(scene: _Scene, group: LesionGroup) -> None:
    canvas, rng, palette, tone = scene.canvas, scene.rng, scene.palette, scene.tone
    count = int(rng.integers(group.count.low, group.count.high + 1))

    def diameter() -> float:
        # Dots are mostly at the small end of their range (Fordyce spots are classically about 1 mm).
        share = rng.uniform() ** (3 if group.shape == "dot" else 1)
        return float(group.size.low_mm + (group.size.high_mm - group.size.low_mm) * share)

    diameters = [diameter() for _ in range(count)]
    if group.size.largest_mm is not None and diameters:
        diameters[0] = group.size.largest_mm
    positions = _positions(scene, group, [d / 2 for d in diameters])
    if group.arrangement in ("even", "grid"):
        diameters = [diameter() for _ in positions]
    fill = look_for(group.fill, tone)
    rim = look_for(group.rim.colour, tone) if group.rim is not None else None
    for (x, y), across in zip(positions, diameters, strict=False):
        radius = across / 2
        scene.lesions.append(PlacedLesion(group.id, group.shape, x, y, radius))
        window = _window(canvas, x, y, radius * 3 + (group.rim.width.high_mm if group.rim else 0) + 1)
        sub = _SubCanvas(canvas, window)
        if rim is not None and group.rim is not None:
            width = float(rng.uniform(group.rim.width.low_mm, group.rim.width.high_mm))
            distance = np.hypot(sub.x - x, sub.y - y)
            halo = np.clip(1 - (distance - radius) / width, 0, 1) ** 1.5
            sub.paint(rim, halo, palette)
        _draw_one(sub, group, fill, x, y, radius, rng, palette)
        if group.hair:
            angle = rng.uniform(0.3, 1.2)
            length = radius * 2.6
            distance_to_line = np.abs((sub.x - x) * np.sin(angle) - (sub.y - y) * np.cos(angle))
            along = (sub.x - x) * np.cos(angle) + (sub.y - y) * np.sin(angle)
            hair = (
                np.clip((0.05 - distance_to_line) * canvas.ppm + 0.5, 0, 1) * (along > -radius * 0.2) * (along < length)
            )
            sub.mix(palette.content("hair").hex, hair, 0.9)
        sub.write()


def _window(canvas: _Canvas, x: float, y: float, reach: float) -> tuple[slice, slice]:
    ppm = canvas.ppm
    rows, columns = canvas.x.shape
    return (
        slice(max(int((y - reach) * ppm), 0), min(int((y + reach) * ppm) + 1, rows)),
        slice(max(int((x - reach) * ppm), 0), min(int((x + reach) * ppm) + 1, columns)),
    )


class _SubCanvas(_Canvas):
    """A window onto a canvas: lesions are painted on a small patch, then written back."""

    def __init__(self, parent: _Canvas, window: tuple[slice, slice]) -> None:
        self.ppm = parent.ppm
        self.parent, self.window = parent, window
        self.x, self.y = parent.x[window], parent.y[window]
        self.lab = parent.lab[window].copy()
        self.height = parent.height[window].copy()
        self.gloss = parent.gloss[window].copy()
        self.width_mm = self.height_mm = 0.0

    def write(self) -> None:
        self.parent.lab[self.window] = self.lab
        self.parent.height[self.window] = self.height
        self.parent.gloss[self.window] = self.gloss


def _draw_one(
    sub: _SubCanvas,
    group: LesionGroup,
    fill: ToneLook,
    x: float,
    y: float,
    radius: float,
    rng: np.random.Generator,
    palette: Palette,
) -> None:
    """One lesion: its colour, its relief (for the light) and its gloss."""
    distance = np.hypot(sub.x - x, sub.y - y)
    crisp = np.clip((radius - distance) * sub.ppm + 0.5, 0, 1)
    cap = np.sqrt(np.clip(1 - (distance / radius) ** 2, 0, 1))
    shape = group.shape
    if shape == "dome":  # milium: crisp pearly dome, specular highlight, no ring
        sub.paint(fill, crisp, palette)
        sub.height += cap * radius * 0.8
        sub.gloss += crisp * 0.9
    elif shape == "papule":
        soft = np.clip((radius - distance) / 0.3 + 0.5, 0, 1)
        sub.paint(fill, soft, palette)
        sub.height += cap * radius * 0.5
        sub.gloss += soft * 0.15
    elif shape == "comedone":  # barely raised, skin-coloured: the light on the dome shows it, not its colour
        soft = np.clip((radius - distance) / 0.25 + 0.5, 0, 1)
        sub.paint(fill, soft, palette)
        sub.height += cap**2 * radius * 0.3
        sub.gloss += soft * 0.3
    elif shape == "pustule":
        sub.height += cap * radius * 0.6
        head = np.clip((radius * 0.68 - distance) * sub.ppm + 0.5, 0, 1)
        sub.paint(fill, head, palette)
        sub.gloss += head * 0.8
    elif shape == "vesicle":  # a tense, clear dome: the fluid is thinnest, so clearest, at its edge
        sub.paint(fill, crisp * (0.2 + 0.6 * cap**2), palette)
        wall = crisp * np.clip((distance - radius * 0.8) / (radius * 0.2), 0, 1)
        sub.shift_l(wall, palette.shading.highlight_dl * 0.8)
        sub.height += cap * radius * 0.9
        sub.gloss += crisp * 1.0
    elif shape == "erosion":
        sub.paint(fill, crisp * 0.8, palette)
        sub.height -= cap * radius * 0.35
        sub.gloss += crisp * 0.25
    elif shape in ("crust", "macule"):
        angle = np.arctan2(sub.y - y, sub.x - x)
        strength = (0.05, 0.14) if shape == "crust" else (0.03, 0.08)  # crusts are ragged; flat marks rounder
        wobble = sum(rng.uniform(*strength) * np.sin(k * angle + rng.uniform(0, 6.3)) for k in (2, 3, 5, 7))
        edge = 0.12 if shape == "crust" else 0.35
        mask = np.clip((radius * (1 + wobble) - distance) / edge + 0.5, 0, 1)
        sub.paint(fill, mask, palette)
        if shape == "crust":  # granular, raised, like stuck-on cornflakes
            grain = np.sin(sub.x * 7.3 + 2.1 * np.sin(sub.y * 3.1) + rng.uniform(0, 6.3)) * np.sin(
                sub.y * 6.7 + 2.3 * np.sin(sub.x * 2.9) + rng.uniform(0, 6.3)
            )
            sub.shift_l(mask * grain, palette.shading.highlight_dl * 1.2)
            sub.height += mask * (radius * 0.18 + grain * 0.06)
            sub.gloss += mask * 0.25
    elif shape == "dot":  # flat or slightly raised
        sub.paint(fill, crisp, palette)
        sub.height += cap * radius * 0.18
        sub.gloss += crisp * 0.3
    elif shape == "nodule":  # a soft, broad lump: its relief is the main cue
        soft = np.clip(1 - distance / radius, 0, 1)
        sub.paint(fill, np.clip(soft * 4, 0, 1), palette)
        sub.height += (np.sin(soft * np.pi / 2) ** 2) * radius * 0.8
        sub.gloss += soft * 0.12


# --- Layout: the scene in mm, a label column on the right, a title above, a footer below ---


@dataclass(frozen=True)
class _Layout:
    width: float  # the scene
    height: float
    unit: float  # mm per layout unit (1 on the skin scene)

    @property
    def column(self) -> float:
        return self.width + 1.8 * self.unit

    @property
    def right(self) -> float:
        return self.width + 25.5 * self.unit


def _frame(ax: Axes, layout: _Layout) -> None:
    u = layout.unit
    ax.set_xlim(-0.6 * u, layout.right)
    ax.set_ylim(-5.2 * u, layout.height + 6.4 * u)
    ax.set_aspect("equal", adjustable="box", anchor="C")
    ax.set_axis_off()


def _text(ax: Axes, artists: IllustrationArtists, x: float, y: float, text: str, **style: object) -> Text:
    item = ax.text(x, y, text, **style)  # type: ignore[arg-type]
    artists.texts.append(item)
    return item


def _title(ax: Axes, artists: IllustrationArtists, layout: _Layout, first: str, second: str) -> None:
    u = layout.unit
    # Long titles get a smaller font, so every title fits the lesson width on one line.
    size = min(10.0, 600 / (max(len(first), 1) * 0.66 * 1.39))
    _text(ax, artists, 0, layout.height + 5.6 * u, first, fontsize=size, fontweight="bold", va="top", ha="left")
    second_size = min(8.2, 610 / (max(len(second), 1) * 0.6 * 1.39))
    _text(ax, artists, 0, layout.height + 2.3 * u, second, fontsize=second_size, va="top", ha="left", color="#333333")


def _footer(ax: Axes, artists: IllustrationArtists, layout: _Layout, note: str | None, scale: bool) -> None:
    u = layout.unit
    y = -2.2 * u
    if scale:
        bar = Line2D([0, SCALE_BAR_MM], [y, y], color=_INK, linewidth=2.2, solid_capstyle="butt")
        ax.add_line(bar)
        artists.lines.append(bar)
        for mm in range(int(SCALE_BAR_MM) + 1):
            tall = 0.9 if mm in (0, int(SCALE_BAR_MM)) else 0.45
            tick = Line2D([mm, mm], [y, y + tall * u], color=_INK, linewidth=0.8)
            ax.add_line(tick)
            artists.lines.append(tick)
        _text(ax, artists, SCALE_BAR_MM + 0.8 * u, y, f"{SCALE_BAR_MM:g} mm", fontsize=8, va="center", ha="left")
    if note:
        _text(ax, artists, layout.width / 2 + 3 * u, y, note, fontsize=7.2, va="center", ha="center", color="#333333")
    _text(
        ax,
        artists,
        layout.right - 0.8 * u,
        y,
        NOT_A_PHOTOGRAPH,
        fontsize=8.5,
        fontweight="bold",
        va="center",
        ha="right",
        bbox={"boxstyle": "round,pad=0.3", "facecolor": _PAPER, "edgecolor": _INK, "linewidth": 0.8},
    )


@dataclass(frozen=True)
class _Callout:
    text: str
    target: tuple[float, float] | None
    style: Literal["label", "cue", "note"] = "label"
    reach: float = 0.0  # the radius of the lesion pointed at: the ring goes around it, not over it


def _callouts(ax: Axes, artists: IllustrationArtists, layout: _Layout, callouts: Sequence[_Callout]) -> None:
    """Stack the labels in the right-hand column, each with a leader line to what it names."""
    u = layout.unit
    line_height = 1.32 * u
    y = layout.height + 0.2 * u
    ordered = sorted(
        (c for c in callouts if c.style == "label"), key=lambda c: -(c.target[1] if c.target is not None else 0.0)
    ) + [c for c in callouts if c.style != "label"]
    for callout in ordered:
        wrapped = wrap(callout.text, _LABEL_WRAP + (10 if callout.style == "note" else 0))
        lines = wrapped.count("\n") + 1
        style: dict[str, object] = {"fontsize": 8, "va": "top", "ha": "left", "linespacing": 1.15}
        if callout.style == "cue":
            style |= {
                "fontstyle": "italic",
                "bbox": {"boxstyle": "round,pad=0.35", "facecolor": "#f4f4f4", "edgecolor": _INK, "linewidth": 0.9},
            }
        elif callout.style == "note":
            style |= {"fontsize": 6.8, "color": "#333333"}
        else:
            style |= {
                "bbox": {"boxstyle": "round,pad=0.25", "facecolor": _PAPER, "edgecolor": "#888888", "linewidth": 0.6}
            }
        _text(ax, artists, layout.column + 0.6 * u, y, wrapped, **style)
        if callout.target is not None:
            tx, ty = callout.target
            start = (layout.column + 0.2 * u, y - 0.55 * u)
            if callout.reach > 2.0:  # a large lesion: point at it, just inside its edge
                tx, ty = tx + callout.reach * 0.45, ty + callout.reach * 0.3
            ring_radius = callout.reach + 0.45 * u if 0 < callout.reach <= 2.0 else 0.32 * u
            length = float(np.hypot(start[0] - tx, start[1] - ty))
            end = (tx + (start[0] - tx) * ring_radius / length, ty + (start[1] - ty) * ring_radius / length)
            for width, colour in ((2.6, _PAPER), (0.9, _INK)):
                leader = Line2D(
                    [start[0], end[0]], [start[1], end[1]], color=colour, linewidth=width, solid_capstyle="round"
                )
                ax.add_line(leader)
                artists.lines.append(leader)
            dot = Circle((tx, ty), ring_radius, facecolor="none", edgecolor=_INK, linewidth=1.0)
            ring = Circle((tx, ty), ring_radius, facecolor="none", edgecolor=_PAPER, linewidth=2.4)
            for patch in (ring, dot):
                ax.add_patch(patch)
                artists.patches.append(patch)
        y -= lines * line_height + (1.0 if callout.style == "label" else 1.4) * u


def _size_words(size: Size) -> str:
    return format_size(size)


def _comparison(ax: Axes, artists: IllustrationArtists, view: View, layout: _Layout, mouth: _Mouth | None) -> None:
    u = layout.unit
    box = {"boxstyle": "round,pad=0.25", "facecolor": _PAPER, "edgecolor": "none", "alpha": 0.85}
    if view.comparison == "untreated-strip":
        strokes: list[tuple[float, str, _Dashes]] = [(2.2, _PAPER, "solid"), (1.0, _INK, (0.0, (4.0, 3.0)))]
        for width, colour, dashes in strokes:
            edge = Line2D(
                [FIELD_EDGE_MM] * 2, [0, layout.height], color=colour, linewidth=width, linestyle=dashes, alpha=0.75
            )
            ax.add_line(edge)
            artists.lines.append(edge)
        _text(
            ax,
            artists,
            FIELD_EDGE_MM + 1.4 * u,
            layout.height - 1.2 * u,
            "treated\nedge",
            fontsize=6.8,
            va="top",
            ha="left",
            bbox=box,
        )
        _text(
            ax,
            artists,
            (FIELD_EDGE_MM + layout.width) / 2 + 0.5 * u,
            layout.height / 2 - 2 * u,
            "untreated skin\n(comparison)",
            fontsize=7.5,
            rotation=90,
            va="center",
            ha="center",
            bbox=box,
        )
    elif view.comparison == "mirror-side":
        strokes = [(2.0, _PAPER, "solid"), (0.9, _INK, (0.0, (2.0, 3.0)))]
        for width, colour, dashes in strokes:
            midline = Line2D([30, 30], [0.5, 35], color=colour, linewidth=width, linestyle=dashes, alpha=0.7)
            ax.add_line(midline)
            artists.lines.append(midline)
        _text(
            ax, artists, 46.5, 31.5, "unaffected side\n(comparison)", fontsize=7.5, va="center", ha="center", bbox=box
        )
    else:
        _text(ax, artists, 55.5, 3.0, "unaffected skin\n(comparison)", fontsize=7.5, va="center", ha="right", bbox=box)


def _target(scene: _Scene, mask: Array) -> tuple[float, float]:
    """A point well inside ``mask``, towards the right (nearest the label column)."""
    canvas = scene.canvas
    strong = mask > 0.8 * float(mask.max())
    rows, columns = np.nonzero(strong)
    x, y = canvas.x[0, columns], canvas.y[rows, 0]
    weight = x - x.min() + 1.0
    cx, cy = float(np.average(x, weights=weight)), float(np.average(y, weights=weight))
    nearest = int(np.argmin(np.hypot(x - cx, y - cy)))
    return float(x[nearest]), float(y[nearest])


def draw_surface(
    ax: Axes,
    subject: str,
    view: str | None = None,
    *,
    tone: str = "L",
    seed: int = 0,
    course: Course | None = None,
) -> IllustrationArtists:
    """Draw one view of ``subject`` on skin-tone group ``tone`` (L, M or D) into ``ax``."""
    course = course or load_course()
    tone = validate_tone(tone)
    chosen, shown = resolve_view(subject, view, course)
    data = atlas(course)
    palette = data.palette
    scene_template = SCENES[shown.site]
    canvas = _Canvas(scene_template.width_mm, scene_template.height_mm, _PX_PER_MM[shown.site])
    geometry_name = chosen.drawn_as or chosen.id
    mouth = _mouth(shown.pose) if shown.site == "lip" else None
    scene = _Scene(canvas, tone, palette, _rng(seed, geometry_name, shown.id), mouth, np.zeros(canvas.x.shape))
    _base(scene, seed)
    callouts: list[_Callout] = []
    for area in shown.areas:
        mask = _draw_area(scene, area)
        words = f"{area.name}: {_size_words(area.size)}"
        if area.place == "lips-and-border":
            words = f"{area.name}: a band {_size_words(area.size)} wide around the lips"
        if area.length is not None:
            words = f"{area.name}: {_size_words(area.size)} wide, {_size_words(area.length)} long"
        if area.texture == "net" and area.line is not None and area.cell is not None:
            words += f"; lines {_size_words(area.line)}, cells {_size_words(area.cell)}"
        target_mask = mask if area.texture != "net" else mask * (mask > 0.9)
        callouts.append(_Callout(words, _target(scene, target_mask)))
    for group in shown.lesions:
        _draw_lesions(scene, group)
        mine = [p for p in scene.lesions if p.group == group.id]
        if mine:
            nearest = max(mine, key=lambda p: p.x + p.radius)
            callouts.append(
                _Callout(f"{group.name}: {_size_words(group.size)}", (nearest.x, nearest.y), reach=nearest.radius)
            )
    canvas.light(palette)
    artists = IllustrationArtists(lesions=list(scene.lesions))
    artists.image = ax.imshow(
        canvas.rgb(),
        extent=(0, canvas.width_mm, 0, canvas.height_mm),
        origin="lower",
        interpolation="antialiased",
        zorder=1,
    )
    # A thin dotted outline of each patch, so where it is never depends on seeing its colour
    # (on dark skin a bruise or a dusky area may be very hard to see).
    for area in shown.areas:
        if area.place in ("field", "lips-and-border") or area.texture == "net":
            continue
        step = 2
        for colour, width, dashes in ((_PAPER, 1.6, "solid"), (_INK, 0.8, (0, (1.5, 2.5)))):
            outline = ax.contour(
                canvas.x[::step, ::step],
                canvas.y[::step, ::step],
                scene.areas[area.id][::step, ::step],
                levels=[0.5],
                colors=[colour],
                linewidths=width,
                linestyles=[dashes],
                alpha=0.45 if colour == _PAPER else 0.7,
                zorder=2,
            )
            artists.outlines.append(outline)
    frame = Rectangle(
        (0, 0), canvas.width_mm, canvas.height_mm, fill=False, edgecolor="#555555", linewidth=0.8, zorder=3
    )
    ax.add_patch(frame)
    artists.patches.append(frame)
    layout = _Layout(canvas.width_mm, canvas.height_mm, canvas.width_mm / 40.0)
    _frame(ax, layout)
    _comparison(ax, artists, shown, layout, mouth)
    if shown.cues:
        asks = all(c.text.endswith("?") for c in shown.cues)
        head = "Ask and check:\n" if asks else ""
        callouts.append(_Callout(head + "\n".join(("• " if asks else "") + c.text for c in shown.cues), None, "cue"))
    if chosen.drawn_as is not None:
        callouts.append(
            _Callout(
                f"{chosen.title} has no look of its own: this is the"
                f" {atlas(course).subjects[chosen.drawn_as].title.lower()} drawing.",
                None,
                "note",
            )
        )
    group_label = short_tone_label(palette.tone(tone))
    heading = shown.title if shown.title.startswith(chosen.title) else f"{chosen.title}: {shown.title}"
    _title(ax, artists, layout, heading, group_label)
    _callouts(ax, artists, layout, callouts)
    approximate_shown = any("≈" in c.text for c in callouts)
    _footer(ax, artists, layout, "≈ approximate value" if approximate_shown else None, scale=True)
    return artists


# --- Cross-sections (schematic, not to scale) ---

_SECTION_WIDTH, _SECTION_HEIGHT = 40.0, 27.0
_SURFACE_Y, _EPIDERMIS, _DERMIS_BOTTOM = 20.0, 2.4, 5.0
# How much each structure lifts the surface (schematic units, not mm).
_BUMP = {"milium": 1.6, "closed-comedone": 1.0, "pustule": 2.0, "vesicle": 2.3, "superficial-filler": 1.3}


def _surface_line(bump_x: float, bump: float, width: float) -> tuple[Array, Array]:
    xs = np.linspace(0, _SECTION_WIDTH, 321)
    return xs, _SURFACE_Y + bump * np.exp(-(((xs - bump_x) / width) ** 2))


def _add(ax: Axes, artists: IllustrationArtists, patch: Patch) -> Patch:
    ax.add_patch(patch)
    artists.patches.append(patch)
    return patch


def _line(
    ax: Axes, artists: IllustrationArtists, xs: Sequence[float] | Array, ys: Sequence[float] | Array, **style: object
) -> Line2D:
    line = Line2D(xs, ys, **style)  # type: ignore[arg-type]
    ax.add_line(line)
    artists.lines.append(line)
    return line


def draw_cross_section(
    ax: Axes, section: str, *, tone: str = "L", seed: int = 0, course: Course | None = None
) -> IllustrationArtists:
    """Draw a schematic cross-section (milium, closed comedone, pustule, blister, superficial filler) into ``ax``.

    The top layer (epidermis) has the tone group's skin colour; the dermis and fat use the palette's
    schematic colours, alike on every tone. Not to scale: the label column states the real size.
    """
    course = course or load_course()
    tone = validate_tone(tone)
    owner, shown = cross_section(section, course)
    palette = atlas(course).palette
    group = palette.tone(tone)
    artists = IllustrationArtists()
    rng = _rng(seed, owner.id, shown.id)
    centre = 13.0 if shown.structure == "superficial-filler" else 15.0
    xs, top = _surface_line(centre, _BUMP[shown.structure], 3.6)
    _add(ax, artists, Rectangle((0, 0), _SECTION_WIDTH, _DERMIS_BOTTOM, facecolor=palette.content("schematic-fat").hex))
    for index in range(8):  # fat lobules, as soft outlines
        lobule = Ellipse(
            (2.5 + index * 5.0 + rng.uniform(-0.6, 0.6), 2.5 + rng.uniform(-0.6, 0.6)),
            4.6,
            3.0,
            facecolor="none",
            edgecolor="#d8c27a",
            linewidth=0.7,
        )
        _add(ax, artists, lobule)
    dermis = np.vstack(
        [np.column_stack([xs, top - _EPIDERMIS]), [[_SECTION_WIDTH, _DERMIS_BOTTOM], [0, _DERMIS_BOTTOM]]]
    )
    _add(ax, artists, Polygon(dermis, closed=True, facecolor=palette.content("schematic-dermis").hex, edgecolor="none"))
    epidermis = np.vstack([np.column_stack([xs, top]), np.column_stack([xs[::-1], top[::-1] - _EPIDERMIS])])
    _add(ax, artists, Polygon(epidermis, closed=True, facecolor=group.skin.hex, edgecolor="#444444", linewidth=0.9))
    if shown.surface:  # how the skin over the structure looks on this tone: a red rim, a blue-grey tint
        look = look_for(shown.surface, tone)
        if look.recipe is not None:
            tinted = palette.recipe(look.recipe).step(tone).apply(group.skin.hex)
            span = np.abs(xs - centre) < 6.5
            strip = np.vstack(
                [
                    np.column_stack([xs[span], top[span]]),
                    np.column_stack([xs[span][::-1], top[span][::-1] - _EPIDERMIS * 0.45]),
                ]
            )
            _add(ax, artists, Polygon(strip, closed=True, facecolor=tinted, edgecolor="none"))
    anchors = _section_structure(ax, artists, shown, palette, tone, xs, top, centre, rng)
    box = {"boxstyle": "round,pad=0.15", "facecolor": _PAPER, "edgecolor": "none", "alpha": 0.8}
    for name, y in (("epidermis", _SURFACE_Y - _EPIDERMIS / 2), ("dermis", 11.0), ("fat", 2.5)):
        _text(ax, artists, 0.5, y, name, fontsize=7.2, fontstyle="italic", va="center", ha="left", bbox=box)
    layout = _Layout(_SECTION_WIDTH, _SECTION_HEIGHT, 1.0)
    _frame(ax, layout)
    callouts = [
        _Callout(label.text + (" (≈)" if label.evidence == "A" else ""), anchors[i] if i < len(anchors) else None)
        for i, label in enumerate(shown.labels)
    ]
    callouts.append(_Callout(f"Real size: {format_size(shown.size)} across", None, "note"))
    second = f"Schematic cross-section, not to scale · top layer: {short_tone_label(group)}"
    _title(ax, artists, layout, f"{owner.title}: {shown.title}", second)
    _callouts(ax, artists, layout, callouts)
    _footer(ax, artists, layout, "Not to scale · (≈) approximate", scale=False)
    return artists


def _section_structure(
    ax: Axes,
    artists: IllustrationArtists,
    shown: CrossSection,
    palette: Palette,
    tone: str,
    xs: Array,
    top: Array,
    centre: float,
    rng: np.random.Generator,
) -> list[tuple[float, float]]:
    """Draw the structure of one cross-section; return the label anchors, from the surface down."""
    content = palette.content(shown.content)
    ink = "#555555"
    peak = float(np.interp(centre, xs, top))
    under = peak - _EPIDERMIS

    def surface_at(x: float) -> float:
        return float(np.interp(x, xs, top))

    def inflamed_dots(cx: float, cy: float, reach: float, count: int) -> None:
        look = look_for(shown.surface, tone) if shown.surface else None
        if look is None or look.recipe is None:
            return
        colour = palette.recipe(look.recipe).step(tone).apply(palette.content("schematic-dermis").hex)
        for _ in range(count):
            angle, distance = rng.uniform(0, 2 * np.pi), reach * float(np.sqrt(rng.uniform(0.15, 1)))
            dot = Circle((cx + np.cos(angle) * distance * 1.4, cy + np.sin(angle) * distance * 0.6), 0.3)
            dot.set(facecolor=colour, edgecolor="none")
            _add(ax, artists, dot)

    if shown.structure == "milium":
        radius = 2.4
        cy = under - radius * 0.35
        skin = palette.tone(tone).skin.hex
        _add(ax, artists, Circle((centre, cy), radius + 0.45, facecolor=skin, edgecolor=ink, linewidth=0.8))
        _add(ax, artists, Circle((centre, cy), radius, facecolor=content.hex, edgecolor=ink, linewidth=0.6))
        for ring in (0.7, 1.3, 1.9):  # layers of keratin
            _add(ax, artists, Circle((centre, cy), ring, facecolor="none", edgecolor="#d9d2c4", linewidth=0.7))
        duct_y = np.linspace(7.0, cy - 1.4, 60)
        duct_x = centre + 9.0 - (duct_y - 7.0) / (cy - 8.4) * 7.5 + np.sin(duct_y * 2.2) * 0.35
        _line(ax, artists, duct_x, duct_y, color=ink, linewidth=1.1, linestyle=(0, (3, 1.5)))
        for index in range(7):  # the sweat gland's coil
            coil = Circle((centre + 8.2 + (index % 4) * 0.7, 6.2 + (index // 4) * 0.7), 0.45)
            coil.set(facecolor="#d6ecf7", edgecolor=ink, linewidth=0.6)
            _add(ax, artists, coil)
        return [(centre, peak), (centre - 0.8, cy + 0.6), (centre + radius + 0.2, cy - 0.6), (centre + 5.0, 10.5)]
    if shown.structure == "closed-comedone":
        for x in (centre - 1.3, centre + 1.3):
            _line(ax, artists, [x, x], [under - 3.6, 7.0], color=ink, linewidth=1.0)
        _add(ax, artists, Ellipse((centre, under - 1.7), 4.4, 4.6, facecolor=content.hex, edgecolor=ink, linewidth=0.8))
        sebaceous = palette.content("sebaceous").hex
        for dx, dy in ((2.8, 11.2), (4.2, 10.2), (2.9, 9.0)):
            _add(ax, artists, Ellipse((centre + dx, dy), 2.6, 1.7, facecolor=sebaceous, edgecolor=ink, linewidth=0.6))
        return [
            (centre + 0.5, peak),
            (centre - 3.0, surface_at(centre - 3.0)),
            (centre, under - 1.7),
            (centre + 4.2, 10.2),
        ]
    if shown.structure == "pustule":
        for x in (centre - 1.1, centre + 1.2):
            _line(ax, artists, [x, x], [under - 1.0, 6.5], color=ink, linewidth=0.9)
        inflamed_dots(centre, under - 2.0, 4.2, 40)
        pus = Ellipse((centre, peak - 1.25), 6.2, 2.2, facecolor=content.hex, edgecolor=ink, linewidth=0.8)
        _add(ax, artists, pus)
        hair = palette.content("hair").hex
        _line(
            ax, artists, [centre + 0.2, centre - 0.2, centre - 2.2], [6.0, peak, peak + 4.5], color=hair, linewidth=1.4
        )
        return [(centre + 1.5, peak - 1.25), (centre - 5.2, surface_at(centre - 5.2) - 0.5), (centre + 0.1, 9.0)]
    if shown.structure == "vesicle":
        span = np.abs(xs - centre) < 4.4
        roof = top - 0.7
        floor = _SURFACE_Y - _EPIDERMIS + 1.0
        pocket = np.vstack(
            [np.column_stack([xs[span], roof[span]]), np.column_stack([xs[span][::-1], np.full(span.sum(), floor)])]
        )
        fluid = Polygon(pocket, closed=True, facecolor=content.hex, alpha=content.opacity, edgecolor=ink, linewidth=0.7)
        _add(ax, artists, fluid)
        look = look_for(shown.surface, tone) if shown.surface else None
        if look is not None and look.recipe is not None:
            base = palette.recipe(look.recipe).step(tone).apply(palette.tone(tone).skin.hex)
            _add(ax, artists, Rectangle((centre - 4.4, floor - 1.0), 8.8, 1.0, facecolor=base, edgecolor="none"))
        inflamed_dots(centre, floor - 3.2, 3.6, 34)
        return [
            (centre - 2.0, surface_at(centre - 2.0) - 0.3),
            (centre + 0.8, (floor + peak - 0.7) / 2),
            (centre + 3.0, floor - 0.5),
        ]
    # Superficial filler: a gel bead just under the top layer, and where lip filler is meant to go.
    gel_y = under - 1.4
    gel = Ellipse((centre, gel_y), 8.6, 2.8, facecolor=content.hex, alpha=content.opacity, edgecolor=ink, linewidth=0.8)
    _add(ax, artists, gel)
    deeper = Ellipse((30.0, 2.7), 7.6, 2.6, facecolor="none", edgecolor=ink, linewidth=1.0, linestyle=(0, (3, 2)))
    _add(ax, artists, deeper)
    intended = _text(ax, artists, 30.0, 6.2, "intended depth: deeper", fontsize=6.8, ha="center", va="center")
    intended.set_bbox({"boxstyle": "round,pad=0.15", "facecolor": _PAPER, "edgecolor": "none", "alpha": 0.85})
    light_in = FancyArrowPatch(
        (centre - 8.0, peak + 5.0), (centre - 1.0, gel_y + 0.6), arrowstyle="-|>", mutation_scale=10, color="#777777"
    )
    blue_out = FancyArrowPatch(
        (centre + 1.0, gel_y + 0.6), (centre + 7.5, peak + 5.0), arrowstyle="-|>", mutation_scale=10, color=_BLUE_LIGHT
    )
    for arrow in (light_in, blue_out):
        arrow.set_linewidth(1.4)
        _add(ax, artists, arrow)
    _text(ax, artists, centre - 8.2, peak + 5.4, "light in", fontsize=7, ha="center", va="bottom")
    _text(ax, artists, centre + 7.8, peak + 5.4, "blue light scattered back", fontsize=7, ha="center", va="bottom")
    return [
        (centre + 7.0, surface_at(centre + 7.0) + 0.2),
        (centre + 4.3, peak + 2.8),
        (centre + 2.5, gel_y),
        (30.0 + 3.8, 2.7),
    ]


# --- The press-and-release check ---


def draw_refill_check(ax: Axes, *, tone: str = "L", seed: int = 0, course: Course | None = None) -> IllustrationArtists:
    """Draw the press-and-release check on a lip of tone group ``tone``, its frames side by side."""
    course = course or load_course()
    tone = validate_tone(tone)
    data = atlas(course)
    check, palette = data.refill, data.palette
    group = palette.tone(tone)
    artists = IllustrationArtists()
    ppm = 6.0
    crop_x, crop_y = (8.0, 52.0), (3.5, 24.5)
    width, height = crop_x[1] - crop_x[0], crop_y[1] - crop_y[0]
    gap = 4.0
    spot = (19.0, 10.2)  # on the lower lip, on the person's right
    mirror = (2 * _MOUTH_CENTRE[0] - spot[0], spot[1])
    base = _Scene(_Canvas(60.0, 40.0, ppm), tone, palette, _rng(seed, REFILL_GROUP), _mouth("rest"), np.zeros(0))
    _base(base, seed)
    hold = format_seconds(check.hold.low_s, check.hold.high_s, check.hold.evidence)
    warning = format_seconds(check.warning.low_s, check.warning.high_s, check.warning.evidence)
    timing = [f"hold {hold}", f"back in under {warning}", f"still pale at {warning} or more"]
    box = {"boxstyle": "round,pad=0.15", "facecolor": _PAPER, "edgecolor": "none", "alpha": 0.85}
    rows = slice(round(crop_y[0] * ppm), round(crop_y[1] * ppm))
    columns = slice(round(crop_x[0] * ppm), round(crop_x[1] * ppm))
    for index, frame in enumerate(check.frames):
        crop = _SubCanvas(base.canvas, (rows, columns))  # only the frame's part is painted and lit
        crop.paint(look_for(frame.look, tone), crop.disc(*spot, 2.6, 0.8), palette)
        crop.light(palette)
        left = index * (width + gap)
        image = ax.imshow(
            crop.rgb(), extent=(left, left + width, 0, height), origin="lower", interpolation="antialiased"
        )
        artists.image = artists.image or image
        _add(ax, artists, Rectangle((left, 0), width, height, fill=False, edgecolor="#555555", linewidth=0.8))
        sx, sy = left + spot[0] - crop_x[0], spot[1] - crop_y[0]
        mx = left + mirror[0] - crop_x[0]
        for colour, line_width in ((_PAPER, 2.2), (_INK, 0.9)):
            other = Circle(
                (mx, sy), 3.2, facecolor="none", edgecolor=colour, linewidth=line_width, linestyle=(0, (2, 2))
            )
            _add(ax, artists, other)
        _text(ax, artists, mx, sy + 4.0, "same spot,\nother side", fontsize=6.3, ha="center", va="bottom", bbox=box)
        if frame.pressing:
            finger = Ellipse((sx, sy + 5.5), 7.5, 13.0, facecolor=group.skin.hex, alpha=0.35, edgecolor=_INK)
            finger.set(linewidth=1.0, linestyle=(0, (3, 2)))
            _add(ax, artists, finger)
            _text(ax, artists, sx, sy + 9.0, "fingertip\n(see-through)", fontsize=6.0, va="center", ha="center")
        else:
            _add(ax, artists, Circle((sx, sy), 3.2, facecolor="none", edgecolor=_INK, linewidth=1.0))
        _text(ax, artists, left, height + 5.2, frame.title, fontsize=8.6, fontweight="bold", va="bottom", ha="left")
        _text(
            ax,
            artists,
            left,
            height + 1.0,
            timing[index] if index < len(timing) else "",
            fontsize=7.6,
            va="bottom",
            ha="left",
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "#f4f4f4", "edgecolor": _INK, "linewidth": 0.6},
        )
        caption = frame.caption.text + (" (≈)" if frame.caption.evidence == "A" else "")
        _text(ax, artists, left, -1.2, wrap(caption, 36), fontsize=6.9, va="top", ha="left", linespacing=1.15)
    total = len(check.frames) * (width + gap) - gap
    _text(ax, artists, 0, height + 17.5, check.title, fontsize=10, fontweight="bold", va="top", ha="left")
    _text(ax, artists, 0, height + 13.2, short_tone_label(group), fontsize=8.2, va="top", ha="left", color="#333333")
    footer_y = -30.0
    note = next((n.text for n in check.tone_notes if n.tone == tone), None)
    if note is not None:
        words = wrap(f"On {group.name} skin: {note} (≈)", 110)
        _text(ax, artists, 0, footer_y + 2.8, words, fontsize=6.9, va="bottom", ha="left", color="#333333")
    _text(
        ax,
        artists,
        total,
        footer_y,
        NOT_A_PHOTOGRAPH,
        fontsize=8.5,
        fontweight="bold",
        va="center",
        ha="right",
        bbox={"boxstyle": "round,pad=0.3", "facecolor": _PAPER, "edgecolor": _INK, "linewidth": 0.8},
    )
    _text(
        ax,
        artists,
        0,
        footer_y,
        "Schematic frames · (≈) approximate",
        fontsize=7,
        va="center",
        ha="left",
        color="#333333",
    )
    ax.set_xlim(-1.0, total + 1.5)
    ax.set_ylim(footer_y - 2.5, height + 18.5)
    ax.set_aspect("equal", adjustable="box", anchor="C")
    ax.set_axis_off()
    return artists


# --- The lip's arteries (schematic) ---


def draw_vessels(
    ax: Axes, subject: str = "vascular-occlusion", *, seed: int = 0, course: Course | None = None
) -> IllustrationArtists:
    """Draw the labelled schematic of the lip's arterial supply (line drawing, no skin colour)."""
    course = course or load_course()
    owner = atlas(course).subjects.get(subject)
    if owner is None or owner.vessels is None:
        raise ValueError(f"no vessel schematic for {subject!r}")
    vessels = owner.vessels
    palette = atlas(course).palette
    artery = palette.content("schematic-artery").hex
    artists = IllustrationArtists()
    mouth = _mouth("rest")
    for outline in (mouth.upper(), mouth.lower()):
        _add(ax, artists, Polygon(outline, closed=True, facecolor="#f3f3f3", edgecolor="#777777", linewidth=1.0))
    for side in (-1, 1):
        _add(
            ax,
            artists,
            Ellipse((30 + side * 7.6, 39.6), 7.2, 3.6, facecolor="#e6e6e6", edgecolor="#777777", linewidth=1.0),
        )
    territory = _territory(mouth)
    _add(
        ax,
        artists,
        Polygon(
            territory,
            closed=True,
            facecolor=artery,
            alpha=0.08,
            edgecolor=artery,
            linewidth=0.8,
            hatch="///",
            linestyle=(0, (3, 2)),
        ),
    )
    paths: dict[str, list[tuple[float, float]]] = {}
    for side in (-1, 1):

        def sx(x: float, side: int = side) -> float:
            return 30 + side * (30 - x)

        facial = [(sx(1.0), 1.0), (sx(2.2), 6.0), (sx(3.6), 11.5), (sx(5.4), 15.0)]
        upper = [(sx(5.4), 15.0)] + [(sx(x), mouth.upper_middle(x) + 0.9) for x in np.linspace(8, 29.6, 12)]
        lower = [(sx(5.4), 15.0)] + [(sx(x), mouth.lower_middle(x) + 0.5) for x in np.linspace(8, 29.6, 12)]
        branch = [(sx(24.0), mouth.upper_middle(24.0) + 0.9), (sx(23.0), 28.0), (sx(22.6), 36.8)]
        for name, points in (
            ("facial-artery", facial),
            ("superior-labial", upper),
            ("inferior-labial", lower),
            ("nostril-branch", branch),
        ):
            line = Line2D(
                [p[0] for p in points], [p[1] for p in points], color=artery, linewidth=2.4, solid_capstyle="round"
            )
            ax.add_line(line)
            artists.lines.append(line)
            if side == -1:
                paths[name] = [(float(a), float(b)) for a, b in points]
    anchors = {
        "facial-artery": paths["facial-artery"][1],
        "superior-labial": paths["superior-labial"][6],
        "inferior-labial": paths["inferior-labial"][6],
        "nostril-branch": paths["nostril-branch"][1],
        "territory": (16.0, 27.0),
    }
    layout = _Layout(60.0, 40.0, 1.5)
    _frame(ax, layout)
    callouts = [
        _Callout(label.text + (" (≈)" if label.evidence == "A" else ""), anchors[label.vessel])
        for label in vessels.labels
    ]
    callouts.append(_Callout(vessels.caveat, None, "note"))
    _title(ax, artists, layout, f"{owner.title}", f"{vessels.title} · drawn without skin colour")
    _callouts(ax, artists, layout, callouts)
    _footer(ax, artists, layout, "Schematic, not to scale · (≈) approximate", scale=False)
    return artists


# --- Pictures, PNGs and the atlas ---


def draw_picture(ax: Axes, item: Picture, *, seed: int = 0, course: Course | None = None) -> IllustrationArtists:
    """Draw one picture of :func:`course.appearance.catalogue` into ``ax``."""
    if item.kind == "surface":
        assert item.subject is not None and item.tone is not None
        return draw_surface(ax, item.subject, item.view, tone=item.tone, seed=seed, course=course)
    if item.kind == "section":
        assert item.view is not None and item.tone is not None
        return draw_cross_section(ax, item.view, tone=item.tone, seed=seed, course=course)
    if item.kind == "vessels":
        assert item.subject is not None
        return draw_vessels(ax, item.subject, seed=seed, course=course)
    assert item.tone is not None
    return draw_refill_check(ax, tone=item.tone, seed=seed, course=course)


def new_figure() -> tuple[Figure, Axes]:
    """A figure at the lesson size (640 × 380 px at 100 dpi) with one axes filling it."""
    figure = Figure(figsize=FIGSIZE, dpi=DPI, facecolor=_PAPER)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    return figure, ax


def figure_png(figure: Figure, colours: int = PNG_COLOURS) -> bytes:
    """A small, reproducible PNG: fixed dpi, no metadata (no date, no software), a palette of at most
    ``colours`` colours chosen by median cut, no dithering. The same figure gives the same bytes."""
    figure.set_dpi(DPI)
    canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    canvas.draw()  # type: ignore[no-untyped-call]
    image = Image.fromarray(np.asarray(canvas.buffer_rgba())).convert("RGB")  # type: ignore[no-untyped-call]
    small = image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def render_png(item: Picture, *, seed: int = 0, course: Course | None = None) -> bytes:
    """One picture as PNG bytes at the lesson size; the same arguments give the same bytes."""
    figure, ax = new_figure()
    draw_picture(ax, item, seed=seed, course=course)
    return figure_png(figure)


def write_atlas(out: Path, *, seed: int = 0, course: Course | None = None) -> list[Path]:
    """Write every picture as a PNG into ``out`` and an ``index.html`` contact sheet; return the PNG paths."""
    course = course or load_course()
    data: Atlas = atlas(course)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    pictures: list[tuple[Picture, str]] = []
    for item in catalogue(course):
        path = out / f"{item.id}.png"
        path.write_bytes(render_png(item, seed=seed, course=course))
        written.append(path)
        pictures.append((item, alt_text(item, course)))
    page = contact_sheet(pictures, data.palette.credit, data.palette.licence)
    (out / "index.html").write_text(page, encoding="utf-8")
    return written
