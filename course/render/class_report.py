"""Class results as one offline HTML page: plots embedded as PNG data URIs, tables, what to re-teach.

Draws a :class:`course.class_report.ClassReport`; decides nothing. Three plots
(difficulty against discrimination, objectives met, the options chosen on the weakest
items), each with alternative text that says what it shows, and a table under it with
the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure

from course._pages import notice
from course.class_report import (
    MIN_ANSWERS,
    PRIVACY_NOTE,
    RETEACH_BELOW,
    ClassReport,
    ItemAnalysis,
    Note,
)
from course.content import Course
from course.render._html import Markup, tag
from course.render.figures import figure_png_base64

__all__ = ["WEAKEST_SHOWN", "difficulty_plot", "objectives_plot", "options_plot", "report_html"]

#: How many of the weakest items the options plot shows.
WEAKEST_SHOWN = 6

# Okabe-Ito colours (safe for colour-blind readers), with hatching so print in grey works too.
_KEYED, _OTHER, _POINT, _MUST = "#009E73", "#D55E00", "#0072B2", "#000000"

_PAGE_STYLE = Markup(
    "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1a1a1a;max-width:70em;line-height:1.45}"
    "h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #767676}"
    "img{max-width:100%;height:auto}"
)


def _image(figure: Figure, alt: str) -> Markup:
    src = Markup(f"data:image/png;base64,{figure_png_base64(figure)}")  # base64: nothing to escape
    return tag("img", src=src, alt=alt, style="image-block")


def _figure(image: Markup, caption: str) -> Markup:
    return tag("figure", image, tag("figcaption", caption, style="small"), style="figure")


def _percent(share: float) -> str:
    return f"{100 * share:.0f}%"


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def difficulty_plot(items: Sequence[ItemAnalysis]) -> Markup:
    """Each marked item as a point: difficulty (proportion correct) against discrimination."""
    shown = [i for i in items if i.difficulty is not None and i.discrimination is not None]
    figure = Figure(figsize=(7.5, 4.6), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    for must_pass, colour, marker, label in ((False, _POINT, "o", "item"), (True, _MUST, "s", "must-pass item")):
        points = [i for i in shown if i.must_pass == must_pass]
        axes.scatter(
            [i.difficulty or 0.0 for i in points],
            [i.discrimination or 0.0 for i in points],
            s=22,
            c=colour,
            marker=marker,
            alpha=0.75,
            label=f"{label} ({len(points)})",
        )
    axes.axvline(RETEACH_BELOW, color="#555555", linestyle="--", linewidth=1)
    axes.axhline(0, color="#555555", linestyle=":", linewidth=1)
    axes.set_xlim(-0.02, 1.02)
    axes.set_xlabel("Difficulty: proportion of learners right (0 = nobody, 1 = everybody)")
    axes.set_ylabel("Discrimination (point-biserial)")
    axes.legend(loc="lower left", fontsize="small")
    hard = sum((i.difficulty or 0.0) < RETEACH_BELOW for i in shown)
    negative = sum((i.discrimination or 0.0) < 0 for i in shown)
    alt = (
        f"Scatter plot of {len(shown)} items: difficulty on the horizontal axis, discrimination on the vertical."
        f" {hard} items lie left of the dashed line at {RETEACH_BELOW:g} (fewer than half the learners right);"
        f" {negative} have a negative discrimination (below the dotted line). The item table below lists every value."
    )
    return _figure(_image(figure, alt), "Difficulty against discrimination, one point per marked item.")


def objectives_plot(report: ClassReport) -> Markup:
    """A bar per objective: the share of learners who met it."""
    objectives = report.objectives
    figure = Figure(figsize=(7.5, max(2.5, 0.22 * len(objectives) + 1)), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    shares = [o.share for o in objectives]
    colours = [_OTHER if share < RETEACH_BELOW else _KEYED for share in shares]
    hatches = ["//" if share < RETEACH_BELOW else "" for share in shares]
    bars = axes.barh(range(len(objectives)), shares, color=colours)
    for bar, hatch in zip(bars, hatches, strict=True):
        bar.set_hatch(hatch)
    axes.set_yticks(range(len(objectives)), [o.objective_id for o in objectives], fontsize="small")
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.axvline(RETEACH_BELOW, color="#555555", linestyle="--", linewidth=1)
    axes.set_xlabel("Share of learners who met the objective")
    low = [o.objective_id for o in objectives if o.share < RETEACH_BELOW]
    alt = (
        f"Bar chart of {len(objectives)} objectives and the share of the {len(report.learners)} learners who met"
        f" each. Below half (hatched): {', '.join(low) if low else 'none'}. The objectives table below lists"
        " every figure."
    )
    return _figure(_image(figure, alt), "Objectives met, as a share of the class (hatched: fewer than half).")


def weakest_items(items: Sequence[ItemAnalysis]) -> list[ItemAnalysis]:
    """The items with options or levels that the fewest learners got right (answered by enough of them)."""
    judged = [i for i in items if i.choices and i.difficulty is not None and i.answered >= MIN_ANSWERS]
    return sorted(judged, key=lambda i: (i.difficulty or 0.0, i.key))[:WEAKEST_SHOWN]


def options_plot(items: Sequence[ItemAnalysis]) -> Markup | None:
    """For each of the weakest items, how many learners chose each option (keyed options in green)."""
    weakest = weakest_items(items)
    if not weakest:
        return None
    height = 2.0 * len(weakest) + 0.5
    figure = Figure(figsize=(7.5, height), dpi=100)
    # Fixed margins (inches over the figure's size): the labels are cut to a known length, and
    # a constrained layout of this many axes would cost as long as drawing them.
    figure.subplots_adjust(left=3.3 / 7.5, right=0.97, top=1 - 0.35 / height, bottom=0.55 / height, hspace=0.5)
    axes_list = figure.subplots(len(weakest), 1, squeeze=False)[:, 0]
    alt_parts = []
    for axes, item in zip(axes_list, weakest, strict=True):
        choices = [c for c in item.choices if c.count or c.keyed]
        bars = axes.barh(
            range(len(choices)), [c.count for c in choices], color=[_KEYED if c.keyed else _OTHER for c in choices]
        )
        for bar, choice in zip(bars, choices, strict=True):
            bar.set_hatch("" if choice.keyed else "//")
        axes.set_yticks(range(len(choices)), [_short(c.label) for c in choices], fontsize="small")
        axes.invert_yaxis()
        axes.set_title(f"{item.key} ({item.correct} of {item.answered} right)", fontsize="small", loc="left")
        axes.xaxis.get_major_locator().set_params(integer=True)
        counts = "; ".join(f"{c.label}{' (keyed)' if c.keyed else ''}: {c.count}" for c in choices)
        alt_parts.append(f"{item.key}: {counts}.")
    axes_list[-1].set_xlabel("Learners who chose it (latest answer)")
    alt = "Bar charts of the options chosen on the weakest items, keyed options plain green. " + " ".join(alt_parts)
    return _figure(_image(figure, alt), "The options chosen on the weakest items (hatched: not keyed).")


def _short(text: str, limit: int = 44) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _table(caption: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Markup:
    head = tag("tr", [tag("th", h, scope="col", style="cell") for h in header])
    body = [tag("tr", [tag("td", cell, style="cell") for cell in row]) for row in rows]
    return tag(
        "div",
        tag(
            "table",
            tag("caption", caption, style="caption"),
            tag("thead", head),
            tag("tbody", body),
            style="table-small",
        ),
        style="scroll",
    )


def _notes_table(caption: str, notes: Sequence[Note]) -> Markup:
    return _table(caption, ["File", "Reason"], [[n.name, n.reason] for n in notes])


def _reteach(report: ClassReport) -> Markup:
    if not report.reteach:
        return tag("p", "Nothing stands out: no critical errors, and no objective or item below half the class.")
    headings = {
        "critical": "Critical under-triage",
        "objective": "Objective",
        "item": "Item",
        "review": "Item to review (not to re-teach)",
    }
    entries = [
        tag("li", tag("strong", f"{headings[r.kind]} {r.target}: "), r.what, " — ", r.reason, style="quiz-li")
        for r in report.reteach
    ]
    return tag("ol", entries, style="quiz-ol")


def report_html(report: ClassReport, course: Course, generated: str) -> str:
    """The whole report as one HTML document (``generated``: when, shown at the top)."""
    learners = len(report.learners)
    counts = (
        f"{learners} learner{'s' if learners != 1 else ''} from {report.files_read} file"
        f"{'s' if report.files_read != 1 else ''} read; {len(report.skipped)} skipped,"
        f" {len(report.merged)} merged into another file of the same learner. Generated {generated}."
    )
    critical = report.critical_items
    sections: list[Markup | None] = [
        tag("h1", "Class results"),
        tag("p", counts),
        Markup(notice(course, scope=True).html),
        tag("h2", "Privacy", id="privacy"),
        tag("p", PRIVACY_NOTE, style="text"),
        tag("h2", "What to re-teach", id="re-teach"),
        tag(
            "p",
            "Critical under-triage errors first, then objectives fewer than half the class met, then items fewer"
            f" than half answered right (of items at least {MIN_ANSWERS} learners answered), then items whose"
            " discrimination is negative, which more likely need their key or wording checked.",
            style="text",
        ),
        _reteach(report),
    ]
    if report.skipped or report.merged:
        sections += [tag("h2", "Files skipped or merged", id="files")]
        if report.skipped:
            sections.append(_notes_table("Skipped: not used in any figure", report.skipped))
        if report.merged:
            sections.append(_notes_table("Merged: the same learner in more than one file", report.merged))
    sections += [
        tag("h2", "Critical under-triage errors", id="critical"),
        _table(
            "Items where a learner chose a level that could delay care (every attempt counted)",
            ["Item", "Critical answers", "Learners", "Pseudonyms"],
            [[i.key, i.critical_responses, len(i.critical_learners), " ".join(i.critical_learners)] for i in critical],
        )
        if critical
        else tag("p", "None."),
        tag("h2", "Objectives", id="objectives"),
        objectives_plot(report) if report.objectives and learners else None,
        _table(
            "Learners who met each objective",
            ["Objective", "Met", "Share", "What it is"],
            [[o.objective_id, f"{o.met} of {o.learners}", _percent(o.share), o.text] for o in report.objectives],
        ),
        tag("h2", "Items", id="items"),
        tag(
            "p",
            "Difficulty is the proportion of learners whose latest answer to the item is fully correct."
            f" Discrimination is the {report.discrimination_method}; it is missing when everyone (or"
            " no one) got the item right. Confident but wrong: latest answer wrong at the highest certainty.",
            style="text",
        ),
        difficulty_plot(report.items) if learners else None,
        options_plot(report.items),
        _table(
            "Item analysis",
            ["Item", "Type", "Answered", "Difficulty", "Discrimination", "Confident but wrong", "Critical", "Choices"],
            [
                [
                    i.key + (" (must pass)" if i.must_pass else ""),
                    i.item_type,
                    i.answered,
                    _number(i.difficulty),
                    _number(i.discrimination),
                    i.confident_wrong,
                    i.critical_responses,
                    "; ".join(f"{c.id}{' (keyed)' if c.keyed else ''}: {c.count}" for c in i.choices),
                ]
                for i in report.items
            ],
        ),
        tag("h2", "Gradebook", id="gradebook"),
        _table(
            "One row per pseudonym (score: marks on the items answered)",
            ["Pseudonym", "Items answered", "Score", "Must-pass open", "Objectives met"],
            [
                [
                    r.learner_id,
                    r.items_answered,
                    f"{r.score:g} of {r.max_score:g}" + ("" if r.percent is None else f" ({r.percent:.0f}%)"),
                    r.must_pass_open,
                    f"{r.objectives_met} of {r.objectives}",
                ]
                for r in report.learners
            ],
        ),
    ]
    head = tag(
        "head",
        tag("meta", charset="utf-8"),
        Markup('<meta name="viewport" content="width=device-width, initial-scale=1">'),
        tag("title", "Class results"),
        tag("style", _PAGE_STYLE),
    )
    return "<!DOCTYPE html>\n" + str(tag("html", head, tag("body", tag("main", sections)), lang="en")) + "\n"
