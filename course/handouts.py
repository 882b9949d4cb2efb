"""Handouts for a class: which there are, and what each holds (the pages are drawn by
:mod:`course.render.handouts` and printed to PDF by :mod:`course._pdf`).

* **field-guide**: one page per condition: what it looks like (with its illustration on
  medium and dark skin), when it appears after each procedure, its red flags and what to do;
* **timeline-<procedure>**: one sheet per procedure: the timeline chart and every expected
  phase and complication with its usual window;
* **triage-card**: the five action levels, whom to contact, the emergency signs and the
  scope reminder, with the local emergency number (:mod:`course.regions`);
* **sbar-card**: the four parts of a structured handover;
* **aftercare-<procedure>**: per procedure with a sheet in ``data/aftercare/``, an example client
  aftercare sheet: what to expect and for how long, what helps, and the safety net in the
  symptom checker's words (:mod:`course.aftercare`);
* **lesson-NN-quiz** and **lesson-NN-quiz-key**: per lesson, a quiz paper (one version of
  each question, options in a fixed order, no answers) and its answer key, printed apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from course.appearance import Picture, catalogue
from course.content import Course
from course.models import Condition

__all__ = ["PAPER_SEED", "PAPER_SIZES", "Handout", "condition_pictures", "handouts"]

#: The paper sizes each handout is printed on.
PAPER_SIZES = ("A4", "Letter")


@dataclass(frozen=True)
class Handout:
    """One handout: its file name (without extension), title, and what it is made of."""

    id: str
    title: str
    kind: str  # "field-guide", "timeline", "triage-card", "sbar-card", "aftercare", "quiz-paper" or "quiz-key"
    procedure: str | None = None
    bank: str | None = None  # a quiz paper's or key's question bank


def handouts(course: Course) -> tuple[Handout, ...]:
    """Every handout the course's content can make."""
    made = [Handout("field-guide", "Field guide: the look-alikes after aesthetic treatments", "field-guide")]
    made += [
        Handout(f"timeline-{p.id}", f"What to expect after {_in_sentence(p.short_title)}", "timeline", p.id)
        for p in sorted(course.procedures.values(), key=lambda p: p.id)
    ]
    made += [
        Handout("triage-card", "Triage card: how urgent, and whom to contact", "triage-card"),
        Handout("sbar-card", "SBAR handover card", "sbar-card"),
    ]
    made += [
        Handout(f"aftercare-{sheet.procedure}", sheet.title, "aftercare", sheet.procedure)
        for sheet in sorted(course.aftercare_sheets, key=lambda s: s.procedure)
    ]
    lessons = {lesson.id: lesson for lesson in course.lessons}
    for bank in course.banks:
        lesson = lessons.get(bank.lesson)
        if lesson is None:
            continue
        name = f"lesson-{lesson.number:02d}"
        made.append(Handout(f"{name}-quiz", f"Lesson {lesson.number} quiz: {lesson.title}", "quiz-paper", bank=bank.id))
        made.append(Handout(f"{name}-quiz-key", f"Lesson {lesson.number} quiz: answer key", "quiz-key", bank=bank.id))
    return tuple(made)


#: The made-up learner a paper's option order is drawn for (every paper prints the same order).
PAPER_SEED = "quiz-paper"


def _in_sentence(title: str) -> str:
    """A title as it reads mid-sentence: "Lip filler" -> "lip filler", but "RF microneedling" stays."""
    return title if title[:2].isupper() else title[:1].lower() + title[1:]


def condition_pictures(
    condition: Condition, course: Course, tones: tuple[str, ...] = ("M", "D")
) -> tuple[Picture, ...]:
    """The first surface illustration of ``condition`` on each of ``tones`` (none if it is not drawn)."""
    surfaces = [p for p in catalogue(course) if p.kind == "surface" and p.subject == condition.id]
    if not surfaces:
        return ()
    first_view = surfaces[0].view
    return tuple(p for tone in tones for p in surfaces if p.view == first_view and p.tone == tone)
