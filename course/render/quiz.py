"""The quiz's markup: headings, answers (keys), feedback, the header and the printable form.

Functions of a :class:`course.quiz.QuizSession`, an item or a :class:`course.quiz.Result`;
they decide nothing (the session has decided what comes next) and escape every text
from the bank. What differs by question type is one entry of :data:`QUESTION_MARKUP`;
what differs by part of an answer is one entry of :data:`FEEDBACK_LINES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from course._pages import notice as _notice
from course.appearance import NOT_A_PHOTOGRAPH, atlas, picture
from course.content import Course
from course.models import TRIAGE_LEVELS, QuestionType, QuizItem
from course.quiz import (
    AlreadyAnswered,
    Feedback,
    FeedbackPart,
    QuizSession,
    Result,
    Stage,
    matching_choices,
    presentation_order,
)
from course.render._html import Markup, box, join, message, tag
from course.render.pictures import picture_figure

__all__ = [
    "FEEDBACK_LINES",
    "QUESTION_MARKUP",
    "QuestionMarkup",
    "answer_problem",
    "counter",
    "feedback",
    "header",
    "heading",
    "illustration",
    "instruction",
    "key",
    "media",
    "needs_notice",
    "notice",
    "picture_caption",
    "read_again",
    "save_failed",
    "static_form",
    "status",
    "warning",
]

#: The learner-facing name of each action level, by id.
Levels = Mapping[str, str]


# --- Small pieces ------------------------------------------------------------------------


def _text(*children: object) -> Markup:
    return tag("p", *children, style="text")


def _li(head: str, text: str | None = None) -> Markup:
    return tag("li", tag("strong", head), (tag("br"), text) if text else None, style="quiz-li")


def _ul(items: Iterable[Markup]) -> Markup:
    return tag("ul", list(items), style="list-indent")


def _mark(right: bool) -> str:
    return "✔ " if right else "✘ "


def _days(start: float, end: float) -> str:
    return f"day {start:g}" if start == end else f"days {start:g} to {end:g}"


def instruction(item: QuizItem) -> str:
    """What the learner has to do, in one sentence."""
    return QUESTION_MARKUP[item.type].instruction(item)


def read_again(item: QuizItem, lesson: str | None = None) -> Markup:
    """Where in the lesson to read again, in words (empty if the item names no section).

    Not a link: the bank's anchor belongs to the lesson notebook, which may not
    be the page showing the quiz, and a link from bank data could point anywhere.
    """
    section = (item.section or "").lstrip("#").strip()
    if not section:
        return Markup("")
    name = re.sub(r"[-_]+", " ", section)
    name = name[:1].upper() + name[1:]
    where = f" of the lesson “{lesson}”" if lesson else ""
    return _text(f"To read again: the section “{name}”{where}.")


def media(item: QuizItem) -> Markup:
    """The item's images, each with its text alternative; only files next to the notebook."""
    figures = []
    for shown in item.media:
        # Never a script, and never a request to another site.
        if (
            re.match(r"^[A-Za-z0-9_./-]+$", shown.src)
            and not shown.src.startswith(("/", "//"))
            and ".." not in shown.src
        ):
            caption = tag("figcaption", shown.caption) if shown.caption else None
            figures.append(
                tag("figure", tag("img", src=shown.src, alt=shown.alt, style="image"), caption, style="figure")
            )
        else:
            figures.append(_text(f"[Image: {shown.alt}]"))
    return join(figures)


def picture_caption(picture_id: str) -> str:
    """The short caption under an illustration: what it shows and on which skin tone.

    The full description (what is drawn, sizes, what to notice) is the picture's
    alternative text, written from the appearance data.
    """
    shown = picture(picture_id)
    words = shown.title if shown.title.startswith(shown.group_title) else f"{shown.group_title}: {shown.title}"
    if shown.tone is not None:
        tone = atlas().palette.tone(shown.tone)
        words += f", on {tone.name} skin (group {tone.id})"
    return f"{NOT_A_PHOTOGRAPH}. {words}."


def illustration(picture_id: str | None) -> Markup:
    """An illustration of the field guide with its short caption (empty if there is none)."""
    if picture_id is None:
        return Markup("")
    return picture_figure(picture_id, caption=picture_caption(picture_id))


def key(item: QuizItem, levels: Levels) -> Markup:
    """The answer to ``item`` with the explanation of every option, step or pair."""
    return QUESTION_MARKUP[item.type].key(item, levels)


# --- One entry per question type ---------------------------------------------------------


@dataclass(frozen=True)
class QuestionMarkup:
    """How one type of question is shown.

    ``instruction``: what to do, in one sentence. ``form``: what to choose from, in the
    printable form (given the presentation order and the matching choices). ``key``: the
    answer with every explanation. ``feedback``: feedback on each part of a graded answer,
    once explained. ``shows_levels``: its answers are urgency levels, so the notice and
    the scope reminder go with it.
    """

    instruction: Callable[[QuizItem], str]
    form: Callable[[QuizItem, Sequence[str], Sequence[str], Levels], Markup]
    key: Callable[[QuizItem, Levels], Markup]
    feedback: Callable[[QuizItem, Result, Levels], Markup]
    shows_levels: bool = False


def _no_form(item: QuizItem, order: Sequence[str], choices: Sequence[str], levels: Levels) -> Markup:
    return Markup("")


def _options_form(item: QuizItem, order: Sequence[str], choices: Sequence[str], levels: Levels) -> Markup:
    texts = {o.id: o.text for o in item.options}
    return _ul(tag("li", texts[i]) for i in order)


def _steps_form(item: QuizItem, order: Sequence[str], choices: Sequence[str], levels: Levels) -> Markup:
    texts = {s.id: s.text for s in item.steps}
    return _ul(tag("li", texts[i]) for i in order)


def _matching_form(item: QuizItem, order: Sequence[str], choices: Sequence[str], levels: Levels) -> Markup:
    prompts = {p.id: p.prompt for p in item.pairs}
    return _ul(tag("li", prompts[i]) for i in order) + _text("Choose from: " + "; ".join(choices) + ".")


def _triage_form(item: QuizItem, order: Sequence[str], choices: Sequence[str], levels: Levels) -> Markup:
    body = _text(tag("strong", "Action levels:")) + _ul(tag("li", levels.get(lv, lv)) for lv in TRIAGE_LEVELS)
    if item.options:
        body += _text(tag("strong", "Whom to contact:")) + _options_form(item, order, choices, levels)
    return body


def _option_lines(item: QuizItem) -> Markup:
    return _ul(_li(_mark(o.correct) + o.text, o.feedback) for o in item.options)


def _choice_key(item: QuizItem, levels: Levels) -> Markup:
    right = [o.text for o in item.options if o.correct]
    head = ("The answer: " if len(right) == 1 else "The right answers: ") + "; ".join(right) + "."
    return _text(tag("strong", head)) + _option_lines(item)


def _ordering_key(item: QuizItem, levels: Levels) -> Markup:
    steps = [tag("li", tag("strong", s.text), tag("br"), s.feedback, style="quiz-li") for s in item.steps]
    return _text(tag("strong", "The right order:")) + tag("ol", steps, style="quiz-ol")


def _matching_key(item: QuizItem, levels: Levels) -> Markup:
    lines = _ul(_li(f"{p.prompt} → {p.match}", p.feedback) for p in item.pairs)
    extra = _text("Fits none of them: " + "; ".join(item.distractors) + ".") if item.distractors else None
    return join([_text(tag("strong", "The matches:")), lines, extra])


def _day_window_key(item: QuizItem, levels: Levels) -> Markup:
    window = item.window
    assert window is not None
    head = f"The answer: {_days(window.start_day, window.end_day)}"
    if window.tolerance_days:
        head += f" (give or take {window.tolerance_days:g} days)"
    parts = [window.feedback, window.early_feedback, window.late_feedback]
    return join([_text(tag("strong", head + ".")), *(_text(p) for p in parts if p)])


def _triage_key(item: QuizItem, levels: Levels) -> Markup:
    triage = item.triage
    assert triage is not None
    head = f"The action level: {levels.get(triage.level, triage.level)}."
    parts = [triage.feedback, triage.under_feedback, triage.over_feedback]
    whom = _text(tag("strong", "Whom to contact:")) + _option_lines(item) if item.options else None
    return join([_text(tag("strong", head)), *(_text(p) for p in parts if p), whom])


def _checklist(points: Iterable[str]) -> Markup:
    return _text(tag("strong", "Check your answer against this list:")) + _ul(_li(point) for point in points)


def _model_answer(text: str) -> Markup:
    return _text(tag("strong", "A model answer:"), " ", text)


def _free_text_key(item: QuizItem, levels: Levels) -> Markup:
    assert item.model_answer is not None
    return _model_answer(item.model_answer) + _checklist(item.rubric)


# --- Feedback on each part of an answer ----------------------------------------------------

#: Renders one piece of feedback as (0 for the learner's own choices, else 1; the list item).
LineRenderer = Callable[[QuizItem, Result, Feedback, Levels], tuple[int, Markup]]


def _level_line(item: QuizItem, result: Result, fb: Feedback, levels: Levels) -> tuple[int, Markup]:
    assert item.triage is not None
    chosen = str(result.answer["level"] if isinstance(result.answer, dict) else result.answer)
    head = f"✔ Action level: {levels.get(chosen, chosen)}"
    if not fb.right:
        right = levels.get(item.triage.level, item.triage.level)
        head = f"✘ Action level: you chose {levels.get(chosen, chosen)}; the right level is {right}"
    return 0, _li(head, fb.text)


def _headed(head: str, marked: bool = False) -> LineRenderer:
    def line(item: QuizItem, result: Result, fb: Feedback, levels: Levels) -> tuple[int, Markup]:
        return 0, _li((_mark(fb.right) if marked else "") + head, fb.text)

    return line


def _step_line(item: QuizItem, result: Result, fb: Feedback, levels: Levels) -> tuple[int, Markup]:
    step = next(s for s in item.steps if s.id == fb.target)
    return 0, _li(f"✘ The first step out of place: {step.text}", fb.text)


def _pair_line(item: QuizItem, result: Result, fb: Feedback, levels: Levels) -> tuple[int, Markup]:
    pair = next(p for p in item.pairs if p.id == fb.target)
    chosen = result.answer.get(pair.id) if isinstance(result.answer, dict) else None
    head = f"✔ {pair.prompt} → {chosen}"
    if not fb.right:
        head = f"✘ {pair.prompt} → you chose {chosen}; the match is {pair.match}"
    return 0, _li(head, fb.text)


def _option_head(item: QuizItem, fb: Feedback) -> str:
    option = next(o for o in item.options if o.id == fb.target)
    if fb.chosen:
        return f"{_mark(fb.right)}Your choice: {option.text}"
    if option.correct:
        return f"The right answer: {option.text}"
    return f"Another option: {option.text}"


def _option_line(item: QuizItem, result: Result, fb: Feedback, levels: Levels) -> tuple[int, Markup]:
    return (0 if fb.chosen else 1), _li(_option_head(item, fb), fb.text)


def _recipient_line(item: QuizItem, result: Result, fb: Feedback, levels: Levels) -> tuple[int, Markup]:
    return (0 if fb.chosen else 1), _li("Whom to contact. " + _option_head(item, fb), fb.text)


def _selection_line(item: QuizItem, result: Result, fb: Feedback, levels: Levels) -> tuple[int, Markup]:
    option = next(o for o in item.options if o.id == fb.target)
    verb = "You ticked" if fb.chosen else "You left out"
    note = "" if fb.chosen else (" (rightly)" if fb.right else " (it fits too)")
    return (0 if fb.chosen else 1), _li(f"{_mark(fb.right)}{verb}: {option.text}{note}", fb.text)


#: The list item for each part of an answer that is shown as one (the model answer and
#: the rubric of free text are shown apart, by the free-text entry of QUESTION_MARKUP).
FEEDBACK_LINES: Mapping[FeedbackPart, LineRenderer] = {
    "option": _option_line,
    "selection": _selection_line,
    "recipient": _recipient_line,
    "step": _step_line,
    "pair": _pair_line,
    "level": _level_line,
    "over-triage": _headed("More urgent than needed"),
    "under-triage": _headed("Too slow"),
    "window": _headed("The window", marked=True),
    "early": _headed("Too early"),
    "late": _headed("Too late"),
}


def _feedback_lines(item: QuizItem, result: Result, levels: Levels) -> Markup:
    """Feedback on each part of the learner's answer, their own choices first."""
    lines = [FEEDBACK_LINES[fb.part](item, result, fb, levels) for fb in result.feedback if fb.part in FEEDBACK_LINES]
    if not lines:
        return Markup("")
    return _ul(line for _, line in sorted(lines, key=lambda pair: pair[0]))


def _ordering_feedback(item: QuizItem, result: Result, levels: Levels) -> Markup:
    lines = _feedback_lines(item, result, levels)
    return lines if result.correct else lines + _ordering_key(item, levels)


def _free_text_feedback(item: QuizItem, result: Result, levels: Levels) -> Markup:
    model = [_model_answer(fb.text) for fb in result.feedback if fb.part == "model-answer"]
    rubric = [fb.text for fb in result.feedback if fb.part == "rubric"]
    return join(
        [_feedback_lines(item, result, levels), model[-1] if model else None, _checklist(rubric) if rubric else None]
    )


def _day_window_instruction(item: QuizItem) -> str:
    assert item.window is not None
    if item.window.answer_form == "day":
        return "Give a day (day 0 is the treatment day)."
    return "Give the first and the last day (day 0 is the treatment day)."


#: How each type of question is shown. A new type adds one entry here (and one per layer:
#: the payload rule in course.models, the grader in course.quiz.GRADERS, the answer
#: control in course.widgets.quiz, the minutes in course.stats.ITEM_MINUTES).
QUESTION_MARKUP: Mapping[QuestionType, QuestionMarkup] = {
    "single-choice": QuestionMarkup(
        instruction=lambda item: "Choose one answer.",
        form=_options_form,
        key=_choice_key,
        feedback=_feedback_lines,
    ),
    "multi-select": QuestionMarkup(
        instruction=lambda item: "Select every answer that applies.",
        form=_options_form,
        key=_choice_key,
        feedback=_feedback_lines,
    ),
    "ordering": QuestionMarkup(
        instruction=lambda item: "Put the steps in order, first at the top: use the Move up and Move down buttons.",
        form=_steps_form,
        key=_ordering_key,
        feedback=_ordering_feedback,
    ),
    "matching": QuestionMarkup(
        instruction=lambda item: "Choose a match for each item.",
        form=_matching_form,
        key=_matching_key,
        feedback=_feedback_lines,
    ),
    "day-window": QuestionMarkup(
        instruction=_day_window_instruction,
        form=_no_form,
        key=_day_window_key,
        feedback=_feedback_lines,
    ),
    "triage": QuestionMarkup(
        instruction=lambda item: "Choose an action level" + (", then whom to contact." if item.options else "."),
        form=_triage_form,
        key=_triage_key,
        feedback=_feedback_lines,
        shows_levels=True,
    ),
    "free-text": QuestionMarkup(
        instruction=lambda item: "Write your answer, then compare it with the model answer.",
        form=_no_form,
        key=_free_text_key,
        feedback=_free_text_feedback,
    ),
}


# --- Feedback on a graded answer -------------------------------------------------------------


def _verdict(result: Result) -> tuple[str, str, str]:
    """(icon, words, box kind) for the result: never colour alone."""
    if not result.auto_scored:
        return "✎", "Submitted", "note"
    if result.correct:
        return "✔", "Correct", "right"
    if result.score > 0:
        return "◐", "Partly right", "partly"
    return "✘", "Not quite", "wrong"


def feedback(item: QuizItem, result: Result, stage: Stage, levels: Levels, lesson: str | None = None) -> Markup:
    """The feedback box after a submission.

    ``stage`` is ``"hint"`` (formative, first wrong answer: the verdict and a
    hint, nothing that gives the answer away) or ``"explained"`` (the verdict,
    the summary and feedback on every part of the answer).
    """
    icon, words, kind = _verdict(result)
    summary = result.summary
    if stage == "hint" and kind == "partly":
        head, summary = f"{icon} {summary}", ""
    elif stage == "hint":
        head, summary = f"{icon} {words}.", ""
    elif summary.startswith(words):
        head, summary = f"{icon} {summary}", ""
    else:
        head = f"{icon} {words}."
    parts: list[Markup | None] = [tag("p", head, style=f"verdict-{kind}"), _text(summary) if summary else None]
    if result.critical:
        reason = (
            "The level you chose could delay care for a problem that cannot wait."
            if stage == "hint"
            else (result.critical_reason or "")
        )
        parts.append(box("critical", _text(tag("strong", "⚠ Critical error."), " ", reason)))
    if result.certainty is not None and result.cbm_mark is not None:
        line = f"Certainty {result.certainty}: {result.cbm_mark:+d} mark{'' if abs(result.cbm_mark) == 1 else 's'}."
        if not result.correct and result.certainty >= 2 and item.must_pass:
            line += " You were sure, but this is a must-pass (red-flag) question: read the explanation carefully."
        parts.append(_text(line))
    if stage == "hint":
        hint = item.hint or "Read the question again: which detail in it matters most?"
        parts.append(_text(tag("strong", "Hint:"), " ", hint))
        parts.append(_text("Change your answer and press Submit again, or press Show the explanation."))
    else:
        parts.append(QUESTION_MARKUP[item.type].feedback(item, result, levels))
    parts.append(read_again(item, lesson))
    return box(kind, *parts, role="status")


# --- The live quiz ------------------------------------------------------------------------------


def header(session: QuizSession) -> Markup:
    """The quiz's title, how it works, and the learner id answers are saved under."""
    kind = "Practice quiz" if session.mode == "formative" else "Quiz"
    count = len(session.slots)
    if session.mode == "formative":
        how = (
            "A wrong first answer brings a hint and a second go; then the explanation,"
            " and you can try a parallel question."
        )
    else:
        how = "Each question takes one answer; the feedback follows when you submit."
    return join(
        [
            tag("h3", f"{kind}: {session.bank.title}", style="h3"),
            _text(f"{count} question{'' if count == 1 else 's'}, one at a time. {how}"),
            _text(
                "Your answers are saved as you submit them, under the learner id ",
                tag("strong", session.learner_id),
                " (a pseudonym: no name or email is stored).",
            ),
        ]
    )


def heading(session: QuizSession, slot: int) -> Markup:
    """The question in ``slot``: its number, the must-pass flag, its illustration (above the stem),
    the stem, what to do and any images."""
    state = session.slots[slot]
    item = state.item
    number = f"Question {slot + 1} of {len(session.slots)}"
    if state.attempt > 1:
        number += f" (parallel version, try {state.attempt})"
    flag = None
    if item.must_pass:
        flag = _text(tag("strong", "⚑ Must-pass question (red flag):"), " answer it correctly to complete the lesson.")
    return join(
        [
            tag("h4", number, style="h4"),
            flag,
            illustration(item.picture),
            tag("p", item.stem, style="lead"),
            tag("p", instruction(item), style="instruction"),
            media(item),
        ]
    )


def counter(session: QuizSession) -> str:
    """Where the learner is, as plain text."""
    return f"Question {session.position + 1} of {len(session.slots)}"


def status(session: QuizSession) -> str:
    """How far the learner is, as plain text."""
    done = session.status()
    return f"Finished {done.finished} of {done.total} questions; {done.correct} answered correctly."


def answer_problem(error: ValueError) -> str:
    """The plain-text message shown next to a question when a submission is not taken."""
    text = str(error)
    if isinstance(error, AlreadyAnswered):
        return text
    return "⚠ " + text[:1].upper() + text[1:]


def save_failed(reason: str) -> Markup:
    """The message when an answer could not be written to the progress file."""
    return warning(f"Your answer could not be saved ({reason}). Use Export progress in the dashboard to keep a copy.")


def warning(text: str) -> Markup:
    """A plain-text problem (such as an unreadable progress file), in a box."""
    return message(text, "wrong")


def needs_notice(items: Iterable[QuizItem]) -> bool:
    """Whether any of ``items`` shows urgency levels, so that the notice must go with them."""
    return any(QUESTION_MARKUP[item.type].shows_levels for item in items)


def notice(course: Course) -> Markup:
    """The educational-use notice with the scope-of-practice reminder."""
    return Markup(_notice(course, scope=True).html)


# --- The printable form --------------------------------------------------------------------------


def _static_item(session: QuizSession, number: int, item: QuizItem) -> Markup:
    order = presentation_order(item, session.learner_id, 1)
    choices = matching_choices(item, session.learner_id, 1)
    flag = " (must-pass, red flag)" if item.must_pass else ""
    answer = tag(
        "details",
        tag("summary", "Show the answer"),
        tag("div", key(item, session.levels), read_again(item, session.lesson), style="reveal"),
    )
    return join(
        [
            tag("h4", f"Question {number} of {len(session.slots)}{flag}", style="h4-section"),
            illustration(item.picture),
            tag("p", item.stem, style="text"),
            tag("p", instruction(item), style="instruction"),
            media(item),
            QUESTION_MARKUP[item.type].form(item, order, choices, session.levels),
            answer,
        ]
    )


def static_form(session: QuizSession, course: Course) -> Markup:
    """Every question with its options, and its answer under "Show the answer": for pages without a kernel."""
    title = session.bank.title
    items = session.items
    return tag(
        "section",
        tag("h3", f"Questions: {title}", style="h3"),
        _text(
            "The printable form of this quiz. In the live course (JupyterLab or learner mode) you answer the"
            " questions one at a time, with feedback. Decide on your answer first, then open Show the answer."
        ),
        [_static_item(session, number, item) for number, item in enumerate(items, 1)],
        # Its answers show urgency levels: the notice and scope reminder go with them.
        notice(course) if needs_notice(items) else None,
        aria_label=f"{title}: questions and answers",
    )
