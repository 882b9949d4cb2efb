"""Handouts as printable pages (A4 and US Letter): the field guide, timeline sheets, the triage card, SBAR.

Each handout is one standalone HTML document with print styles; :mod:`course._pdf` prints
it to PDF in Chromium. Every handout carries the educational-use line and the local
emergency number (:mod:`course.regions`); approximate values carry ≈.
"""

from __future__ import annotations

from collections.abc import Iterable

from course.content import Course
from course.handouts import PAPER_SEED, Handout, condition_pictures
from course.models import EVIDENCE_LABELS, ActionLevelList, Claim, Condition, QuestionBank, QuizItem
from course.quiz import matching_choices, presentation_order, select_items
from course.quiz.session import level_labels
from course.regions import local_notices, local_words, localise
from course.render._html import Markup, join, tag
from course.render.levels import shape_svg
from course.render.pages import cite
from course.render.pictures import picture_image
from course.render.quiz import QUESTION_MARKUP, illustration, instruction, key, needs_notice, notice
from course.render.timeline import render_chart
from course.timeline import entries

__all__ = ["handout_html"]

_CSS = Markup(
    "@page{margin:12mm}"
    "body{font-family:'DejaVu Sans',system-ui,sans-serif;font-size:9.5pt;line-height:1.35;color:#111;margin:0}"
    "h1{font-size:15pt;margin:0 0 2mm}h2{font-size:13pt;margin:0 0 1.5mm}"
    "h3{font-size:10pt;margin:2.5mm 0 0.8mm}ul{margin:0;padding-left:5mm}li{margin:0.3mm 0}"
    ".page+.page{break-before:page}"
    ".pictures{display:flex;gap:3mm;margin:1.5mm 0}.pictures figure{margin:0;width:72mm}"
    ".pictures img{width:72mm;height:auto;border:0.3mm solid #999}"
    ".guide{font-size:8.3pt;line-height:1.28}"
    ".pictures figcaption{font-size:8pt;color:#333}"
    ".cols{columns:2;column-gap:6mm}.cols section{break-inside:avoid}"
    ".refs{font-size:7.5pt;color:#444}.foot{break-inside:avoid;font-size:7.5pt;color:#333;border-top:0.3mm solid #999;"
    "margin-top:3mm;padding-top:1mm}"
    "table{border-collapse:collapse;width:100%}th,td{border:0.3mm solid #999;padding:1mm 1.5mm;"
    "text-align:left;vertical-align:top}th{background:#eee}"
    ".chart{width:100%;height:auto}.card{border:0.6mm solid #333;padding:3mm;margin:0 0 3mm}"
    ".sbar td:first-child{font-size:18pt;font-weight:bold;width:12mm;text-align:center}"
    ".badge svg{vertical-align:middle;margin-right:1.5mm}"
    ".question{break-inside:avoid;margin:0 0 3mm}.question h3{font-size:10pt}.question img{max-width:70mm}"
)

_TONE_WORDS = {"L": "Light skin", "M": "Medium skin", "D": "Dark skin"}


def _page(title: str, course: Course, *body: object) -> str:
    words = local_words(course)
    foot = tag(
        "p",
        tag("strong", "Educational use only:"),
        " not medical advice, not a clinical protocol. ",
        tag("strong", "Emergency:"),
        f" call emergency services ({words.emergency_number}) for any change in vision, facial weakness or slurred"
        " speech, fast swelling of the face or throat, or trouble breathing. ≈ marks an approximate value still"
        " awaiting clinical review; [KEYS] are the course's references.",
        class_="foot",
    )
    head = tag(
        "head",
        tag("meta", charset="utf-8"),
        tag("title", title),
        tag("style", _CSS),
    )
    return "<!DOCTYPE html>\n" + str(tag("html", head, tag("body", *body, foot), lang="en-GB")) + "\n"


def _mark(evidence: str) -> str:
    return "≈ " if evidence == "A" else ""


def _claims(claims: Iterable[Claim]) -> Markup:
    return tag(
        "ul",
        [tag("li", _mark(c.evidence), c.text, " ", tag("span", cite(c.refs), class_="refs")) for c in claims],
    )


def _onset_lines(condition: Condition, course: Course) -> Markup:
    items = []
    for onset in condition.onset:
        end = f"{onset.end_day:g}" + (" or later" if onset.open_end else "")
        items.append(
            tag(
                "li",
                _mark(onset.evidence),
                tag("strong", f"{onset.context}:"),
                f" days {onset.start_day:g} to {end}",
                f". {onset.note}" if onset.note else "",
                " ",
                tag("span", cite(onset.refs), class_="refs"),
            )
        )
    return tag("ul", items)


def _condition_page(condition: Condition, course: Course) -> Markup:
    pictures = condition_pictures(condition, course)
    figures = [
        tag("figure", picture_image(p.id), tag("figcaption", _TONE_WORDS.get(p.tone or "", ""))) for p in pictures
    ]
    also = f" (also called {', '.join(condition.also_known_as)})" if condition.also_known_as else ""
    flag = " · must not miss" if condition.must_not_miss else ""
    return tag(
        "section",
        tag("h2", condition.title, tag("small", also + flag)),
        tag("div", figures, class_="pictures") if figures else None,
        tag(
            "div",
            tag("section", tag("h3", "What it looks like"), _claims(condition.appearance)),
            tag("section", tag("h3", "When it appears"), _onset_lines(condition, course)),
            tag("section", tag("h3", "Red flags: have it assessed"), _claims(condition.red_flags)),
            tag("section", tag("h3", "What to do"), _claims(condition.management)),
            tag("section", tag("h3", "Within whose role"), _claims(condition.scope)),
            class_="cols",
        ),
        class_="page guide",
        aria_label=condition.title,
    )


def _field_guide(handout: Handout, course: Course) -> list[Markup]:
    conditions = sorted(course.conditions.values(), key=lambda c: (not c.must_not_miss, c.title))
    return [_condition_page(condition, course) for condition in conditions]


def _timeline(handout: Handout, course: Course) -> list[Markup]:
    assert handout.procedure is not None
    procedure = course.procedures[handout.procedure]
    chart = render_chart(procedure.id)
    rows = [
        tag(
            "tr",
            tag("td", e.label, " (must not miss)" if e.must_not_miss else ""),
            tag("td", "expected healing" if e.kind == "phase" else "complication"),
            tag("td", _mark(e.evidence), e.window),
            tag("td", EVIDENCE_LABELS[e.evidence]),
            tag("td", cite(e.refs), class_="refs"),
        )
        for e in entries(procedure.id, course)
    ]
    return [
        tag(
            "section",
            tag("h1", handout.title),
            tag("p", procedure.description),
            tag("img", src=chart.src, alt=f"Timeline of {procedure.title}, day 0 to day 90", class_="chart"),
            tag(
                "table",
                tag("thead", tag("tr", [tag("th", h) for h in ("What", "Kind", "Usual window", "Evidence", "Refs")])),
                tag("tbody", rows),
            ),
            tag("p", procedure.evidence_note) if procedure.evidence_note else None,
            class_="page",
        )
    ]


def _triage_card(handout: Handout, course: Course) -> list[Markup]:
    notices = local_notices(course)
    levels = course.of_kind("triage-levels")
    assert levels and isinstance(levels[0], ActionLevelList)
    rows = [
        tag(
            "tr",
            tag("td", tag("span", shape_svg(level.id, course), tag("strong", level.label), class_="badge")),
            tag("td", level.meaning),
            tag("td", localise(level.contact, course)),
        )
        for level in levels[0].levels
    ]
    return [
        tag(
            "section",
            tag("h1", handout.title),
            tag(
                "table",
                tag("thead", tag("tr", tag("th", "Level"), tag("th", "What it means"), tag("th", "Whom to contact"))),
                tag("tbody", rows),
            ),
            tag("div", tag("h3", "When to call emergency services"), tag("p", notices.emergency), class_="card"),
            tag("div", tag("h3", "Whom to contact"), tag("p", notices.whom_to_contact), class_="card"),
            tag("div", tag("h3", "Scope of practice"), tag("p", notices.scope_reminder), class_="card"),
            tag("p", "Where you cannot tell two signs apart, act on the more urgent one."),
            class_="page",
        )
    ]


_SBAR = (
    ("S", "Situation", "Who you are and where; the client; the sign you are worried about and when it started."),
    ("B", "Background", "The treatment: what, where on the body, when (day 0) and by whom; relevant history."),
    ("A", "Assessment", "What you found (findings, dated photographs, what you checked) and the action level."),
    ("R", "Recommendation", "What you are asking for, and by when; what you have told the client to do meanwhile."),
)


def _sbar_card(handout: Handout, course: Course) -> list[Markup]:
    term = course.terms.get("sbar")
    rows = [
        tag("tr", tag("td", letter), tag("td", tag("strong", word), ": ", prompt)) for letter, word, prompt in _SBAR
    ]
    return [
        tag(
            "section",
            tag("h1", handout.title),
            tag("p", term.definition) if term is not None else None,
            tag("table", tag("tbody", rows), class_="sbar"),
            tag("p", "Say it in this order, and write down the time and whom you spoke to."),
            class_="page",
        )
    ]


def _paper_items(handout: Handout, course: Course) -> tuple[QuestionBank, tuple[QuizItem, ...]]:
    assert handout.bank is not None
    bank = course.bank(handout.bank)
    return bank, select_items(bank, None, PAPER_SEED)


def _quiz_paper(handout: Handout, course: Course) -> list[Markup]:
    _, items = _paper_items(handout, course)
    levels = level_labels(course)
    questions = [
        tag(
            "section",
            tag("h3", f"{number}. ", item.stem, " (must-pass)" if item.must_pass else ""),
            illustration(item.picture),
            tag("p", tag("em", instruction(item))),
            QUESTION_MARKUP[item.type].form(
                item, presentation_order(item, PAPER_SEED, 1), matching_choices(item, PAPER_SEED, 1), levels
            ),
            class_="question",
        )
        for number, item in enumerate(items, 1)
    ]
    head = tag("p", f"{len(items)} questions. Name or pseudonym: ______________________  Date: ____________")
    scope = notice(course) if needs_notice(items) else None  # urgency levels come with the notice and scope
    return [tag("section", tag("h1", handout.title), head, questions, scope, class_="page")]


def _quiz_key(handout: Handout, course: Course) -> list[Markup]:
    bank, items = _paper_items(handout, course)
    levels = level_labels(course)
    answers = [
        tag("section", tag("h3", f"{number}. ", item.stem), key(item, levels), class_="question")
        for number, item in enumerate(items, 1)
    ]
    return [
        tag(
            "section",
            tag("h1", handout.title),
            tag("p", f"For the quiz paper of {bank.title}."),
            answers,
            class_="page",
        )
    ]


_PARTS = {
    "field-guide": _field_guide,
    "timeline": _timeline,
    "triage-card": _triage_card,
    "sbar-card": _sbar_card,
    "quiz-paper": _quiz_paper,
    "quiz-key": _quiz_key,
}


def handout_html(handout: Handout, course: Course) -> str:
    """The handout as one printable HTML document."""
    return _page(handout.title, course, join(_PARTS[handout.kind](handout, course)))
