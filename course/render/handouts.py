"""Handouts as printable pages (A4 and US Letter): the field guide, timeline sheets, the triage card, SBAR,
client aftercare sheets and quiz papers.

Each handout is one standalone HTML document with print styles; :mod:`course._pdf` prints
it to PDF in Chromium. Every handout carries the educational-use line and the local
emergency number (:mod:`course.regions`); approximate values carry ≈.
"""

from __future__ import annotations

from collections.abc import Iterable

from course.aftercare import SheetView, SignView, aftercare_sheet
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
    # Client aftercare sheets
    ".aftercare{font-size:8.4pt;line-height:1.28}.aftercare h2{font-size:11pt;margin:2.5mm 0 1mm}"
    ".aftercare h3{margin:1.5mm 0 0.8mm}.example{border:0.6mm solid #333;padding:1.5mm 2.5mm;margin:0 0 2mm}"
    ".halves{display:flex;gap:5mm}.halves>section{flex:1 1 0}"
    ".aftercare p{margin:0.6mm 0}.aftercare td,.aftercare th{padding:0.6mm 1.2mm}"
    ".signs tr{break-inside:avoid}.signs tr.level{break-after:avoid}.signs thead th:nth-child(2){width:21mm}"
    ".signs thead th:nth-child(3){width:58mm}.signs td.days{white-space:nowrap}"
    ".signs ul{padding-left:4mm}.signs ul.many{columns:2;column-gap:5mm}.signs li{break-inside:avoid}"
    ".signs td p{margin:0}.signs tr.level th{background:#fff;border-top:0.6mm solid #333;"
    "padding-top:1.2mm;font-size:9.5pt}.signs tr.after td{font-style:italic}"
    ".fills{display:flex;gap:4mm}.fill{flex:1 1 0;display:flex}.fill .blank{flex:1 1 auto;min-width:0}"
    ".checklist{break-inside:avoid;padding:1.5mm 2.5mm;margin:0 0 2mm}.checklist ul{columns:2;column-gap:6mm}"
    ".details{break-inside:avoid}.first{font-style:italic}"
    ".blank{display:inline-block;border-bottom:0.3mm solid #333;margin-left:1mm}"
    ".trainee{break-inside:avoid;font-size:7.8pt;color:#333;border:0.3mm solid #999;padding:1mm 2mm;margin-top:2mm}"
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


def _sign_cells(sign: SignView) -> Markup:
    """What a client notices, in the checklist's words: a list when the sign is one of several findings."""
    refs = tag("span", cite(sign.refs), class_="refs")
    items = tag("ul", [tag("li", label) for label in sign.labels], class_="many" if len(sign.labels) > 2 else None)
    if sign.together_labels:
        body = join((tag("p", " and ".join(sign.together_labels), ", together with any of these:"), items))
    elif len(sign.labels) == 1:
        body = tag("p", sign.labels[0])
    else:
        body = items
    first = (
        tag("p", "Go through the warning signs of a blocked blood vessel first.", class_="first")
        if sign.checklist_first
        else None
    )
    return join((body, first, tag("p", refs)))


def _days(sign: SignView) -> str:
    return ("≈ " if sign.approximate and any(ch.isdigit() for ch in sign.days) else "") + sign.days


def _sign_rows(signs: tuple[SignView, ...]) -> list[Markup]:
    """One row per sign; signs in a row with the same contact share its cell."""
    rows = []
    for index, sign in enumerate(signs):
        span = 1
        while index + span < len(signs) and signs[index + span].contact == sign.contact:
            span += 1
        shares = index > 0 and signs[index - 1].contact == sign.contact
        contact = None if shares else tag("td", sign.contact, rowspan=span if span > 1 else None)
        rows.append(tag("tr", tag("td", _sign_cells(sign)), tag("td", _days(sign), class_="days"), contact))
    return rows


#: The blanks a practitioner fills in on a client's copy.
_FILL_IN = ("Name: ", "Phone: ", "Out of hours: ")

_AFTER_LEVEL = {
    "same-day": "Also today: any sign listed under Emergency or Urgent, on a day not given there.",
    "routine": "Anything else that worries you, or that is not getting better: ask your practitioner.",
}


def _safety_net(view: SheetView, course: Course) -> list[Markup]:
    """The blocked-vessel checklist (after filler), then one table: the signs under each action level."""
    parts: list[Markup] = []
    if view.checklist is not None:
        parts.append(
            tag(
                "div",
                tag("h3", view.checklist.title),
                tag("p", view.checklist.intro),
                tag("ul", [tag("li", label) for label in view.checklist_labels]),
                class_="card checklist",
            )
        )
    rows: list[Markup] = []
    for level in course.of_kind("triage-levels")[0].levels:
        signs = view.signs_at(level.id)
        if not signs:
            continue
        rows.append(
            tag(
                "tr",
                tag("th", tag("span", shape_svg(level.id, course, size=16), level.label, class_="badge"), colspan=3),
                class_="level",
            )
        )
        rows += _sign_rows(signs)
        if level.id in _AFTER_LEVEL:
            rows.append(tag("tr", tag("td", _AFTER_LEVEL[level.id], colspan=3), class_="after"))
    head = tag("thead", tag("tr", tag("th", "What you notice"), tag("th", "When"), tag("th", "Whom to contact")))
    parts.append(tag("table", head, tag("tbody", rows), class_="signs"))
    return parts


def _aftercare(handout: Handout, course: Course) -> list[Markup]:
    assert handout.procedure is not None
    view = aftercare_sheet(handout.procedure, course)
    notices = local_notices(course)
    expected = tag(
        "table",
        tag("thead", tag("tr", tag("th", "What"), tag("th", "Usually"))),
        tag(
            "tbody",
            [
                tag(
                    "tr",
                    tag("td", e.label),
                    tag("td", _mark(e.evidence), e.window, " ", tag("span", cite(e.refs), class_="refs")),
                )
                for e in view.expected
            ],
        ),
    )
    advice = tag(
        "ul",
        tag("li", tag("strong", "Follow your practitioner's written aftercare instructions first.")),
        [
            tag("li", _mark(c.evidence), c.text, " ", tag("span", cite(c.refs), class_="refs"))
            for c in view.sheet.advice
        ],
    )
    gaps = [tag("p", gap) for gap in view.sheet.gaps]
    contact = tag(
        "div",
        tag("h3", "Your practitioner's details"),
        tag(
            "p",
            [tag("span", label, tag("span", class_="blank"), class_="fill") for label in _FILL_IN],
            class_="fills",
        ),
        tag("p", notices.whom_to_contact),
        class_="card details",
    )
    trainee = tag(
        "div",
        tag("strong", "For the trainee. "),
        notices.educational_use,
        " ",
        notices.scope_reminder,
        " The keys in brackets are the course's references and ≈ marks an approximate value: leave them off a"
        " client's copy.",
        class_="trainee",
    )
    return [
        tag(
            "section",
            tag("h1", handout.title),
            tag(
                "p",
                tag("strong", "An example for training."),
                " It does not replace the aftercare sheet your practitioner gives you: follow their written"
                " instructions first, and use this sheet to see what a safety net should say.",
                class_="example",
            ),
            tag(
                "div",
                tag("section", tag("h2", "What to expect, and for how long"), expected),
                tag("section", tag("h2", "What helps"), advice, gaps),
                class_="halves",
            ),
            tag("h2", "When to get help"),
            _safety_net(view, course),
            contact,
            trainee,
            class_="page aftercare",
        )
    ]


_PARTS = {
    "field-guide": _field_guide,
    "timeline": _timeline,
    "triage-card": _triage_card,
    "sbar-card": _sbar_card,
    "aftercare": _aftercare,
    "quiz-paper": _quiz_paper,
    "quiz-key": _quiz_key,
}


def handout_html(handout: Handout, course: Course) -> str:
    """The handout as one printable HTML document."""
    return _page(handout.title, course, join(_PARTS[handout.kind](handout, course)))
