"""Charts as small, reproducible PNGs for HTML widgets, static pages and stored notebook outputs."""

from __future__ import annotations

import base64
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only a drawing (a cache miss) needs matplotlib and Pillow: import them then
    from matplotlib.figure import Figure

__all__ = ["figure_png_base64"]


def figure_png_base64(figure: Figure) -> str:
    """Rasterise a figure at 100 dpi to a small, reproducible PNG, base64-encoded."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
    return base64.b64encode(_quantized(buffer.getvalue())).decode("ascii")


def _quantized(png: bytes, colours: int = 32) -> bytes:
    """The chart is flat colours and hatches: a 32-colour palette keeps it identical
    to the eye at about a quarter of the size (it is stored in every notebook)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    small = image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()
