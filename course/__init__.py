"""An interactive course on white spots, milia and breakouts after aesthetic treatments.

Notebooks call the ``show_*`` functions below. The logic they rest on lives in
modules that never import ipywidgets or matplotlib (``course.content``, ...),
so instructors' scripts and the test suite can use it without a display.

Educational use only: this course is not medical advice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__version__ = "0.1.0"

__all__ = [
    "show_case",
    "show_client_card",
    "show_completion",
    "show_depth_explorer",
    "show_field_guide",
    "show_lesson_map",
    "show_lesson_references",
    "show_lesson_terms",
    "show_notice",
    "show_picture",
    "show_pictures",
    "show_progress",
    "show_quiz",
    "show_references",
    "show_review",
    "show_start",
    "show_terms",
    "show_timeline",
    "show_triage",
    "try_a_widget",
]


def show_case(case_id: str, track: str | None = None) -> Any:
    """Work through an unfolding case stage by stage, e.g. show_case("a-spots-on-day-3")."""
    from course.widgets.cases import show_case as _show

    return _show(case_id, track)


def show_client_card(card_id: str) -> Any:
    """Read a client's story, tick her history, see the flags, then decide: treat, defer or refer."""
    from course.widgets.consultation import show_client_card as _show

    return _show(card_id)


def show_completion(learner: str | None = None) -> Any:
    """Make your record of completion from your saved progress, and download it as a web page."""
    from course.widgets.completion import show_completion as _show

    return _show(learner)


def show_depth_explorer(layer: str = "epidermis") -> Any:
    """Choose a depth in the skin and see which procedures reach it, and which bumps start there."""
    from course.widgets.depth import show_depth_explorer as _show

    return _show(layer)


def show_field_guide(condition: str | None = None, tone: str = "M", compare: str | None = None) -> Any:
    """Choose a condition and a skin tone, or compare two conditions side by side, with their telling features.

    condition: e.g. "milia" or "vascular-occlusion--net-pattern"; tone: "L", "M" or "D" (light, medium, dark skin).
    """
    from course.widgets.field_guide import show_field_guide as _show

    return _show(condition, tone, compare)


def show_lesson_map() -> Any:
    """Show the lessons in order, with estimated times and links."""
    from course._pages import show_lesson_map as _show

    return _show()


def show_lesson_references(lesson: int) -> Any:
    """Show every source lesson ``lesson`` (a number) cites, in order of first use."""
    from course._pages import show_lesson_references as _show

    return _show(lesson)


def show_lesson_terms(lesson: int) -> Any:
    """Show the glossary entries for the words lesson ``lesson`` (a number) uses."""
    from course._pages import show_lesson_terms as _show

    return _show(lesson)


def show_notice() -> Any:
    """Show the educational-use and safety notice: whom to contact, when to call emergency services."""
    from course._pages import show_notice as _show

    return _show()


def show_picture(picture_id: str, caption: str | None = None) -> Any:
    """Show one illustration, e.g. show_picture("milia--surface--D"), with its caption and text alternative."""
    from course.render.field_guide import picture_page

    return picture_page(picture_id, caption)


def show_pictures(picture_ids: str | Sequence[str], caption: str | None = None) -> Any:
    """Show illustrations side by side: a list of ids, or one id without its tone for light, medium and dark skin.

    e.g. show_pictures("pih--after-spots"), or show_pictures(["milia--surface--D", "acneiform-eruption--surface--D"]).
    """
    from course.appearance import pictures_on_tones
    from course.render.field_guide import pictures_page

    ids = pictures_on_tones(picture_ids) if isinstance(picture_ids, str) else picture_ids
    return pictures_page(ids, caption)


def show_progress(bank_ids: str | Sequence[str] | None = None, learner: str | None = None) -> Any:
    """Show your progress (objectives met, must-pass questions open, calibration), and export or import it."""
    from course.widgets.progress import show_progress as _show

    return _show(bank_ids, learner)


def show_quiz(
    bank_id: str,
    items: int | Sequence[str] | None = None,
    learner: str | None = None,
    mode: str = "formative",
    confidence: bool = False,
) -> Any:
    """Answer a lesson's questions one at a time, with feedback; your answers are saved as you go.

    items: None (one version of each question), a number of questions per objective, or a list of item ids.
    confidence=True asks how sure you are (1, 2 or 3) for certainty-based marking.
    """
    from course.widgets.quiz import show_quiz as _show

    return _show(bank_id, items, learner, mode, confidence)


def show_references(*keys: str) -> Any:
    """Show the full reference for each key, e.g. show_references("MURRAY-VO21")."""
    from course._pages import show_references as _show

    return _show(*keys)


def show_review(learner: str | None = None) -> Any:
    """Review now: the questions you got wrong or were unsure of, back as parallel versions when they are due."""
    from course.widgets.review import show_review as _show

    return _show(learner)


def show_start() -> Any:
    """Who you are here: choose your role, import a progress file, and see where your answers are kept."""
    from course.widgets.start import show_start as _show

    return _show()


def show_terms(*terms: str) -> Any:
    """Show the glossary entries for these terms, e.g. show_terms("milium", "keratin")."""
    from course._pages import show_terms as _show

    return _show(*terms)


def show_timeline(procedure: str = "lip-filler", day: float = 3, compare: str | None = None) -> Any:
    """Scrub through the days after a procedure: what is expected, and what must not be missed.

    procedure: lip-filler, microneedling, rf-microneedling, laser-resurfacing or chemical-peel.
    compare: a second procedure to show below the first (optional).
    """
    from course.widgets.timeline import show_timeline as _show

    return _show(procedure, day, compare)


def show_triage(procedure: str | None = None, day: float | None = None, role: str | None = None) -> Any:
    """Practise the symptom checker: tick what you observe, commit to an action level, then check it.

    role: beauty-therapist, injector or self-learner.
    """
    from course.widgets.triage import show_triage as _show

    return _show(procedure, day, role)


def try_a_widget() -> Any:
    """Show a practice slider: move it and watch the text below it change."""
    from course.widgets.practice import practice_widget

    return practice_widget()
