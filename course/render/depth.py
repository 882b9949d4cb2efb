"""The depth explorer drawn: the skin section with the chosen layer, what reaches it, the table.

What the explorer says for a layer is decided by :func:`course.skin.at_depth`; the five
charts (one per chosen layer) are drawn once, cached, and kept between kernels.
"""

from __future__ import annotations

import functools

from course._skin_plot import draw_skin_section, skin_alt_text
from course.content import Course, load_course
from course.models import EVIDENCE_LABELS
from course.plots import in_sentence
from course.render._cache import fingerprint, kept
from course.render._html import Markup, join, tag
from course.render.figures import figure_png_base64
from course.render.pages import cite
from course.skin import DepthView, layer, skin_model

__all__ = ["chart_html", "depth_text_html", "explorer_html", "reach_table_html"]

NOTHING_THIS_DEEP = "No procedure in this course works this deep."
TABLE_COLUMNS = ("Procedure", "Deepest layer", "What it does", "Evidence", "References")


_CHART_CODE = ("course._skin_plot", "course.skin", "course.plots", "course.render.depth", "course.render.figures")
_CHART_DATA = ("skin.yaml", "procedures/*.yaml")


@functools.lru_cache(maxsize=8)
def chart_html(layer_id: str) -> Markup:
    """The skin section with ``layer_id`` highlighted, as an image with its text alternative."""

    def drawn() -> bytes:
        from matplotlib.figure import Figure  # here, not at the top: a kept chart needs no matplotlib

        figure = Figure(figsize=(10, 6.5), dpi=100, layout="constrained")
        draw_skin_section(figure.add_subplot(), highlight=layer_id)
        return figure_png_base64(figure).encode("ascii")

    png_base64 = kept("depth-charts", f"{layer_id}.b64", fingerprint(_CHART_CODE, _CHART_DATA), drawn)
    src = Markup(f"data:image/png;base64,{png_base64.decode('ascii')}")  # base64: nothing to escape
    return tag("img", src=src, alt=skin_alt_text(layer_id), width="1000", height="650", style="image-block")


def depth_text_html(view: DepthView, course: Course | None = None) -> Markup:
    """What the learner reads for the chosen depth."""
    course = course or load_course()
    procedures = [
        tag(
            "li",
            tag("strong", in_sentence(course.procedures[r.procedure].short_title)),
            f" (deepest: {layer(r.deepest_layer, course).name.lower()}): {r.summary} ",
            tag("em", EVIDENCE_LABELS[r.evidence]),
            " ",
            cite(r.refs),
        )
        for r in view.reaching
    ] or [tag("li", NOTHING_THIS_DEEP)]
    bumps = [
        tag("li", tag("strong", o.name), f": {o.text} ", tag("em", EVIDENCE_LABELS[o.evidence]), " ", cite(o.refs))
        for o in view.lesions
    ]
    return tag(
        "section",
        tag("h4", f"At this depth: {view.layer.name}", style="h4-spaced"),
        tag("p", view.layer.description, style="p-flush"),
        tag("h4", "Procedures that reach this depth", style="h4-spaced"),
        tag("ul", procedures, style="top-flush"),
        (tag("h4", "Bumps that start here", style="h4-spaced"), tag("ul", bumps, style="top-flush")) if bumps else None,
        aria_label=f"At this depth: {view.layer.name}",
    )


def reach_table_html(course: Course | None = None) -> Markup:
    """Every procedure and the deepest layer it reaches, as a table."""
    course = course or load_course()
    model = skin_model(course)
    head = tag("tr", (tag("th", h, scope="col", style="cell-compact") for h in TABLE_COLUMNS))
    rows = (
        tag(
            "tr",
            tag("th", course.procedures[r.procedure].short_title, scope="row", style="cell-compact"),
            tag("td", layer(r.deepest_layer, course).name, style="cell-compact"),
            tag("td", r.summary, (" ", r.note) if r.note else None, style="cell-compact"),
            tag("td", EVIDENCE_LABELS[r.evidence], style="cell-compact"),
            tag("td", cite(r.refs), style="cell-compact"),
        )
        for r in model.reaches
    )
    return tag(
        "table",
        tag("caption", f"How deep each procedure reaches. {model.caveat}", style="th-left"),
        tag("thead", head),
        tag("tbody", rows),
        style="table-small",
    )


def explorer_html(view: DepthView) -> Markup:
    """The whole explorer without controls, as a page without a kernel shows it."""
    return join((chart_html(view.layer.id), depth_text_html(view), reach_table_html()))
