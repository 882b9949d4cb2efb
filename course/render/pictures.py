"""Illustrations of the field guide, drawn as ``<figure>`` markup with the picture inside (no file needed).

The PNG is embedded as a data URI, so a picture shows the same in JupyterLab, in
Voila, in an exported page and in a downloaded record, with no file to serve. The
same arguments give the same bytes (:func:`course.illustrations.render_png` is
deterministic), so stored notebook outputs stay stable.
"""

from __future__ import annotations

import base64
import functools

from course.appearance import alt_text, picture
from course.render._cache import fingerprint, kept
from course.render._html import Markup, tag

__all__ = ["picture_figure", "picture_image", "picture_png_base64"]


def _drawing_version() -> str:
    return fingerprint(("course.illustrations", "course.appearance"), ("appearance/*.yaml",))


def _draw(picture_id: str, seed: int) -> bytes:
    from course.illustrations import render_png  # matplotlib is imported only when something is drawn

    return render_png(picture(picture_id), seed=seed)


def _drawn(picture_id: str, seed: int) -> bytes:
    """The PNG: kept from an earlier kernel when this version was drawn before, else drawn now (and kept)."""
    return kept("pictures", f"{picture_id}--{seed}.png", _drawing_version(), lambda: _draw(picture_id, seed))


@functools.lru_cache(maxsize=128)
def picture_png_base64(picture_id: str, seed: int = 0) -> str:
    """The picture ``picture_id`` of the course's own content, as base64 PNG.

    Drawn once per process, and kept between kernels in the user's cache directory
    (:func:`course.locations.cache_dir`) under a fingerprint of the drawing code and the
    appearance data, so a changed drawing is never served from an old copy.
    """
    return base64.b64encode(_drawn(picture_id, seed)).decode("ascii")


def picture_image(picture_id: str, *, alt: str | None = None) -> Markup:
    """The ``<img>`` of a picture; its alternative text is written from the data unless ``alt`` is given."""
    words = alt if alt is not None else alt_text(picture(picture_id))
    source = f"data:image/png;base64,{picture_png_base64(picture_id)}"
    return tag("img", src=source, alt=words, width="640", height="380", style="picture")


def picture_figure(picture_id: str, caption: str | None = None) -> Markup:
    """A picture with a caption below it: ``caption`` if given, else its alternative text (shown to everyone)."""
    words = alt_text(picture(picture_id))
    return tag(
        "figure",
        picture_image(picture_id, alt=words),
        tag("figcaption", caption if caption is not None else words, style="picture-caption"),
        style="figure",
    )
