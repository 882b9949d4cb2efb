"""The quiz: questions from a bank, one at a time, with feedback and saved answers.

A thin view over :mod:`course.quiz` (grading, seeded order, parallel items)
and :mod:`course.progress` (saving). One question is shown at a time, with
Previous and Next below it; every control is a stock, labelled ipywidget, so
the quiz works with the keyboard alone (Tab, Space, the arrow keys) and no
dragging. In formative mode a first wrong answer brings a hint and a second
go; after that (or on request) the full explanation, and "Try a parallel
question" brings another version of the question (a new attempt).

Bank text is data, never markup: it goes into widgets that show plain text
(labels, option lists, descriptions) or is escaped before it reaches an HTML
widget. Handlers only set widget values and children; nothing is displayed
from a callback.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import ipywidgets as widgets

from course._pages import notice
from course.content import Course, load_course
from course.models import TRIAGE_LEVELS, QuestionBank, QuizItem
from course.progress import check_learner_id, current_learner_id, load_progress, save_response, timestamp
from course.quiz import (
    InvalidAnswer,
    NoAnswer,
    Result,
    draw_items,
    grade,
    matching_choices,
    next_parallel_item,
    presentation_order,
)
from course.widgets._base import StaticForm
from course.widgets._common import (
    NEUTRAL_COLOUR,
    PARTLY_COLOUR,
    RIGHT_COLOUR,
    WIDGET_CLASS,
    WRONG_COLOUR,
    box,
    message_html,
    style_widget,
)

MODES = ("formative", "summative")
CERTAINTY_OPTIONS = (
    ("1: not sure (right +1, wrong 0)", 1),
    ("2: fairly sure (right +2, wrong −2)", 2),
    ("3: very sure (right +3, wrong −6)", 3),
)
_NO_MATCH = ""


def _wide() -> widgets.Layout:
    return widgets.Layout(width="auto", max_width="100%")


_TEXT_CSS = "margin:0.3em 0;max-width:60em"


# --- Plain words about an item (shared by the live view and the static form) ----------


def instruction(item: QuizItem) -> str:
    """What the learner has to do, in one sentence."""
    if item.type == "single-choice":
        return "Choose one answer."
    if item.type == "multi-select":
        return "Select every answer that applies."
    if item.type == "ordering":
        return "Put the steps in order, first at the top: use the Move up and Move down buttons."
    if item.type == "matching":
        return "Choose a match for each item."
    if item.type == "day-window":
        assert item.window is not None
        if item.window.answer_form == "day":
            return "Give a day (day 0 is the treatment day)."
        return "Give the first and the last day (day 0 is the treatment day)."
    if item.type == "triage":
        return "Choose an action level" + (", then whom to contact." if item.options else ".")
    return "Write your answer, then compare it with the model answer."


def level_labels(course: Course) -> dict[str, str]:
    """The learner-facing name of each action level (from data/triage/levels.yaml when present)."""
    lists = course.of_kind("triage-levels")
    if lists:
        return {level.id: level.label for level in lists[0].levels}
    return {level: level.replace("-", " ").capitalize() for level in TRIAGE_LEVELS}


def _days(start: float, end: float) -> str:
    return f"day {start:g}" if start == end else f"days {start:g} to {end:g}"


def read_again_html(item: QuizItem, lesson: str | None = None) -> str:
    """Where in the lesson to read again, in words.

    Not a link: the bank's anchor belongs to the lesson notebook, which may not
    be the page showing the quiz, and a link from bank data could point anywhere.
    """
    section = (item.section or "").lstrip("#").strip()
    if not section:
        return ""
    name = re.sub(r"[-_]+", " ", section)
    name = name[:1].upper() + name[1:]
    where = f" of the lesson “{lesson}”" if lesson else ""
    return f'<p style="{_TEXT_CSS}">To read again: the section “{escape(name)}”{escape(where)}.</p>'


def _li(head: str, text: str | None = None) -> str:
    body = f"<strong>{escape(head)}</strong>"
    if text:
        body += f"<br>{escape(text)}"
    return f'<li style="margin:0.25em 0">{body}</li>'


def _ul(items: Iterable[str]) -> str:
    return f'<ul style="margin:0.3em 0;padding-left:1.4em">{"".join(items)}</ul>'


def key_html(item: QuizItem, levels: dict[str, str]) -> str:
    """The answer to ``item`` with the explanation of every option, step or pair (escaped HTML)."""
    if item.type in ("single-choice", "multi-select"):
        right = [o.text for o in item.options if o.correct]
        head = ("The answer: " if len(right) == 1 else "The right answers: ") + "; ".join(right) + "."
        lines = [_li(("✔ " if o.correct else "✘ ") + o.text, o.feedback) for o in item.options]
        return f'<p style="{_TEXT_CSS}"><strong>{escape(head)}</strong></p>' + _ul(lines)
    if item.type == "ordering":
        steps = "".join(
            f'<li style="margin:0.25em 0"><strong>{escape(s.text)}</strong><br>{escape(s.feedback)}</li>'
            for s in item.steps
        )
        return (
            f'<p style="{_TEXT_CSS}"><strong>The right order:</strong></p>'
            f'<ol style="margin:0.3em 0;padding-left:1.6em">{steps}</ol>'
        )
    if item.type == "matching":
        lines = [_li(f"{p.prompt} → {p.match}", p.feedback) for p in item.pairs]
        extra = ""
        if item.distractors:
            extra = f'<p style="{_TEXT_CSS}">{escape("Fits none of them: " + "; ".join(item.distractors) + ".")}</p>'
        return f'<p style="{_TEXT_CSS}"><strong>The matches:</strong></p>' + _ul(lines) + extra
    if item.type == "day-window":
        window = item.window
        assert window is not None
        head = f"The answer: {_days(window.start_day, window.end_day)}"
        if window.tolerance_days:
            head += f" (give or take {window.tolerance_days:g} days)"
        parts = [window.feedback, window.early_feedback, window.late_feedback]
        text = "".join(f'<p style="{_TEXT_CSS}">{escape(p)}</p>' for p in parts if p)
        return f'<p style="{_TEXT_CSS}"><strong>{escape(head + ".")}</strong></p>' + text
    if item.type == "triage":
        triage = item.triage
        assert triage is not None
        head = f"The action level: {levels.get(triage.level, triage.level)}."
        parts = [triage.feedback, triage.under_feedback, triage.over_feedback]
        text = "".join(f'<p style="{_TEXT_CSS}">{escape(p)}</p>' for p in parts if p)
        whom = ""
        if item.options:
            lines = [_li(("✔ " if o.correct else "✘ ") + o.text, o.feedback) for o in item.options]
            whom = f'<p style="{_TEXT_CSS}"><strong>Whom to contact:</strong></p>' + _ul(lines)
        return f'<p style="{_TEXT_CSS}"><strong>{escape(head)}</strong></p>' + text + whom
    assert item.model_answer is not None
    rubric = _ul(_li(point) for point in item.rubric)
    return (
        f'<p style="{_TEXT_CSS}"><strong>A model answer:</strong> {escape(item.model_answer)}</p>'
        f'<p style="{_TEXT_CSS}"><strong>Check your answer against this list:</strong></p>{rubric}'
    )


# --- Feedback on a graded answer -------------------------------------------------------


def _verdict(result: Result) -> tuple[str, str, str]:
    """(icon, words, box kind) for the result: never colour alone."""
    if not result.auto_scored:
        return "✎", "Submitted", "note"
    if result.correct:
        return "✔", "Correct", "right"
    if result.score > 0:
        return "◐", "Partly right", "partly"
    return "✘", "Not quite", "wrong"


_VERDICT_COLOUR = {"note": NEUTRAL_COLOUR, "right": RIGHT_COLOUR, "partly": PARTLY_COLOUR, "wrong": WRONG_COLOUR}


def _feedback_lines(item: QuizItem, result: Result, levels: dict[str, str]) -> str:
    """Feedback on each part of the learner's answer, their own choices first (escaped HTML)."""
    options = {o.id: o for o in item.options}
    steps = {s.id: s for s in item.steps}
    pairs = {p.id: p for p in item.pairs}
    lines: list[tuple[int, str]] = []  # (0 for the learner's own choices, else 1; html)
    rubric: list[str] = []
    model = ""
    for fb in result.feedback:
        mark = "✔ " if fb.right else "✘ "
        if item.type == "triage" and fb.target == "level":
            assert item.triage is not None
            chosen = result.answer["level"] if isinstance(result.answer, dict) else result.answer
            head = f"✔ Action level: {levels.get(chosen, chosen)}"
            if not fb.right:
                key = levels.get(item.triage.level, item.triage.level)
                head = f"✘ Action level: you chose {levels.get(chosen, chosen)}; the right level is {key}"
            lines.append((0, _li(head, fb.text)))
        elif item.type == "triage" and fb.target in ("over-triage", "under-triage"):
            lines.append((0, _li("More urgent than needed" if fb.target == "over-triage" else "Too slow", fb.text)))
        elif item.type == "day-window":
            heads = {"window": mark + "The window", "early": "Too early", "late": "Too late"}
            lines.append((0, _li(heads.get(fb.target, fb.target), fb.text)))
        elif item.type == "free-text":
            if fb.target == "model-answer":
                model = f'<p style="{_TEXT_CSS}"><strong>A model answer:</strong> {escape(fb.text)}</p>'
            else:
                rubric.append(_li(fb.text))
        elif fb.target in steps:
            lines.append((0, _li(f"✘ The first step out of place: {steps[fb.target].text}", fb.text)))
        elif fb.target in pairs:
            pair = pairs[fb.target]
            chosen = result.answer.get(pair.id) if isinstance(result.answer, dict) else None
            head = f"✔ {pair.prompt} → {chosen}"
            if not fb.right:
                head = f"✘ {pair.prompt} → you chose {chosen}; the match is {pair.match}"
            lines.append((0, _li(head, fb.text)))
        elif fb.target in options:
            option = options[fb.target]
            if item.type == "multi-select":
                verb = "You ticked" if fb.chosen else "You left out"
                note = "" if fb.chosen else (" (rightly)" if fb.right else " (it fits too)")
                head = f"{mark}{verb}: {option.text}{note}"
            elif fb.chosen:
                head = f"{mark}Your choice: {option.text}"
            elif option.correct:
                head = f"The right answer: {option.text}"
            else:
                head = f"Another option: {option.text}"
            if item.type == "triage":
                head = "Whom to contact. " + head
            lines.append((0 if fb.chosen else 1, _li(head, fb.text)))
    html = _ul(line for _, line in sorted(lines, key=lambda pair: pair[0])) if lines else ""
    if item.type == "ordering" and not result.correct:
        html += key_html(item, levels)
    html += model
    if rubric:
        html += f'<p style="{_TEXT_CSS}"><strong>Check your answer against this list:</strong></p>' + _ul(rubric)
    return html


def feedback_html(item: QuizItem, result: Result, levels: dict[str, str], stage: str, lesson: str | None = None) -> str:
    """The feedback box after a submission.

    ``stage`` is ``"hint"`` (formative, first wrong answer: the verdict and a
    hint, nothing that gives the answer away) or ``"explained"`` (the verdict,
    the summary and feedback on every part of the answer).
    """
    icon, words, kind = _verdict(result)
    colour = _VERDICT_COLOUR[kind]
    summary = result.summary
    if stage == "hint" and kind == "partly":
        head = f"{icon} {summary}"
        summary = ""
    elif stage == "hint":
        head = f"{icon} {words}."
        summary = ""
    elif summary.startswith(words):
        head, summary = f"{icon} {summary}", ""
    else:
        head = f"{icon} {words}."
    parts = [f'<p style="margin:0.2em 0;font-weight:bold;color:{colour};font-size:1.1em">{escape(head)}</p>']
    if summary:
        parts.append(f'<p style="{_TEXT_CSS}">{escape(summary)}</p>')
    if result.critical:
        reason = (
            "The level you chose could delay care for a problem that cannot wait."
            if stage == "hint"
            else (result.critical_reason or "")
        )
        parts.append(box("critical", f'<p style="{_TEXT_CSS}"><strong>⚠ Critical error.</strong> {escape(reason)}</p>'))
    if result.certainty is not None and result.cbm_mark is not None:
        line = f"Certainty {result.certainty}: {result.cbm_mark:+d} mark{'' if abs(result.cbm_mark) == 1 else 's'}."
        if not result.correct and result.certainty >= 2 and item.must_pass:
            line += " You were sure, but this is a must-pass (red-flag) question: read the explanation carefully."
        parts.append(f'<p style="{_TEXT_CSS}">{escape(line)}</p>')
    if stage == "hint":
        hint = item.hint or "Read the question again: which detail in it matters most?"
        parts.append(f'<p style="{_TEXT_CSS}"><strong>Hint:</strong> {escape(hint)}</p>')
        parts.append(
            f'<p style="{_TEXT_CSS}">Change your answer and press Submit again, or press Show the explanation.</p>'
        )
    else:
        parts.append(_feedback_lines(item, result, levels))
    parts.append(read_again_html(item, lesson))
    return box(kind, "".join(parts), role="status")


# --- Answer controls, one kind per item type -------------------------------------------


class _Answer:
    """The controls for one item; ``answer()`` returns what :func:`course.quiz.grade` takes."""

    controls: list[widgets.Widget]

    def answer(self) -> Any:
        raise NotImplementedError

    def disable(self) -> None:
        for control in self._inputs():
            control.disabled = True

    def _inputs(self) -> list[widgets.Widget]:
        return [c for c in self.controls if hasattr(c, "disabled")]


def _radio(description: str, options: Sequence[tuple[str, Any]]) -> widgets.RadioButtons:
    return widgets.RadioButtons(
        options=list(options),
        value=None,
        description=description,
        style={"description_width": "initial"},
        layout=_wide(),
    )


class _SingleChoice(_Answer):
    def __init__(self, item: QuizItem, order: Sequence[str]) -> None:
        options = {o.id: o for o in item.options}
        self.choice = _radio("Your answer", [(options[i].text, i) for i in order])
        self.controls = [self.choice]

    def answer(self) -> Any:
        return self.choice.value


class _MultiSelect(_Answer):
    def __init__(self, item: QuizItem, order: Sequence[str]) -> None:
        options = {o.id: o for o in item.options}
        self.boxes = {
            i: widgets.Checkbox(value=False, description=options[i].text, indent=False, layout=_wide()) for i in order
        }
        self.controls = list(self.boxes.values())

    def answer(self) -> Any:
        return [i for i, checkbox in self.boxes.items() if checkbox.value]


class _Ordering(_Answer):
    """Move up / Move down buttons beside each step (WCAG 2.5.7: no dragging needed)."""

    def __init__(self, item: QuizItem, order: Sequence[str]) -> None:
        self.texts = {s.id: s.text for s in item.steps}
        self.order = list(order)
        self.labels = [widgets.Label(layout=widgets.Layout(flex="1 1 auto", width="auto")) for _ in self.order]
        self.ups = [widgets.Button(description="Move up", layout=widgets.Layout(width="auto")) for _ in self.order]
        self.downs = [widgets.Button(description="Move down", layout=widgets.Layout(width="auto")) for _ in self.order]
        self.status = widgets.Label(value="")
        self.locked = False
        for position, (up, down) in enumerate(zip(self.ups, self.downs, strict=True)):
            up.on_click(self._mover(position, -1))
            down.on_click(self._mover(position, +1))
        rows = [
            widgets.HBox([up, down, label], layout=widgets.Layout(align_items="center", flex_flow="row wrap"))
            for up, down, label in zip(self.ups, self.downs, self.labels, strict=True)
        ]
        self.controls = [*rows, self.status]
        self._show()

    def _mover(self, position: int, step: int) -> Callable[[widgets.Button], None]:
        def _on_move_click(button: widgets.Button) -> None:
            self.move(position, step)

        return _on_move_click

    def move(self, position: int, step: int) -> None:
        target = position + step
        if self.locked or not 0 <= target < len(self.order):
            return
        moved = self.order[position]
        self.order[position], self.order[target] = self.order[target], moved
        self._show()
        self.status.value = f"‘{self.texts[moved]}’ is now step {target + 1} of {len(self.order)}."

    def _show(self) -> None:
        last = len(self.order) - 1
        for position, step in enumerate(self.order):
            text = self.texts[step]
            self.labels[position].value = f"{position + 1}. {text}"
            self.ups[position].tooltip = f"Move ‘{text}’ up"
            self.downs[position].tooltip = f"Move ‘{text}’ down"
            self.ups[position].disabled = position == 0
            self.downs[position].disabled = position == last

    def answer(self) -> Any:
        return list(self.order)

    def disable(self) -> None:
        self.locked = True
        for button in (*self.ups, *self.downs):
            button.disabled = True


class _Matching(_Answer):
    def __init__(self, item: QuizItem, order: Sequence[str], choices: Sequence[str]) -> None:
        pairs = {p.id: p for p in item.pairs}
        options = [("Choose a match", _NO_MATCH), *((c, c) for c in choices)]
        self.dropdowns = {
            i: widgets.Dropdown(
                options=options,
                value=_NO_MATCH,
                description=pairs[i].prompt,
                style={"description_width": "initial"},
                layout=_wide(),
            )
            for i in order
        }
        self.controls = list(self.dropdowns.values())

    def answer(self) -> Any:
        return {i: d.value for i, d in self.dropdowns.items()}


_DAY_PATTERN = re.compile(r"(?:day\s*)?([0-9]+(?:[.,][0-9]+)?)", re.IGNORECASE)


def parse_day(text: str) -> float | None:
    """A day typed by the learner ("7", "7.5", "7,5", "day 7"); None if empty.

    Raises :class:`course.quiz.NoAnswer` with a plain message if it is not a number.
    """
    text = text.strip()
    if not text:
        return None
    match = _DAY_PATTERN.fullmatch(text)
    if match is None:
        raise NoAnswer(f"Write the day as a number from 0 up, such as 7 (you wrote ‘{text}’).")
    return float(match.group(1).replace(",", "."))


class _DayWindow(_Answer):
    def __init__(self, item: QuizItem) -> None:
        assert item.window is not None
        self.form = item.window.answer_form
        names = ("Day",) if self.form == "day" else ("First day", "Last day")
        self.fields = [
            widgets.Text(
                value="", description=name, placeholder="a number, such as 7", style={"description_width": "initial"}
            )
            for name in names
        ]
        self.controls = list(self.fields)

    def answer(self) -> Any:
        days = [parse_day(f.value) for f in self.fields]
        if self.form == "day":
            return days[0]
        return None if all(d is None for d in days) else days


class _Triage(_Answer):
    def __init__(self, item: QuizItem, order: Sequence[str], levels: dict[str, str]) -> None:
        self.level = _radio("Action level", [(levels.get(level, level), level) for level in TRIAGE_LEVELS])
        self.controls = [self.level]
        self.recipient: widgets.RadioButtons | None = None
        if item.options:
            options = {o.id: o for o in item.options}
            self.recipient = _radio("Whom to contact", [(options[i].text, i) for i in order])
            self.controls.append(self.recipient)

    def answer(self) -> Any:
        if self.recipient is None:
            return self.level.value
        return {"level": self.level.value, "recipient": self.recipient.value}


class _FreeText(_Answer):
    def __init__(self) -> None:
        self.text = widgets.Textarea(
            value="",
            description="Your answer",
            placeholder="Write a few sentences.",
            rows=5,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", max_width="48em"),
        )
        self.controls = [self.text]

    def answer(self) -> Any:
        return self.text.value


def answer_controls(item: QuizItem, learner_id: str, attempt: int, levels: dict[str, str]) -> _Answer:
    """The controls for ``item``, options in the seeded order for this learner and attempt."""
    order = presentation_order(item, learner_id, attempt)
    if item.type == "single-choice":
        return _SingleChoice(item, order)
    if item.type == "multi-select":
        return _MultiSelect(item, order)
    if item.type == "ordering":
        return _Ordering(item, order)
    if item.type == "matching":
        return _Matching(item, order, matching_choices(item, learner_id, attempt))
    if item.type == "day-window":
        return _DayWindow(item)
    if item.type == "triage":
        return _Triage(item, order, levels)
    return _FreeText()


# --- One question ---------------------------------------------------------------------


class QuestionView(widgets.VBox):
    """One item: number, stem, controls, certainty, Submit, feedback and what to do next."""

    def __init__(self, quiz: QuizWidget, slot: int, item: QuizItem, attempt: int) -> None:
        self.quiz, self.slot, self.item, self.attempt = quiz, slot, item, attempt
        self.started_at = timestamp()
        self.hinted = False
        self.done = False
        self.result: Result | None = None
        self.heading = widgets.HTML(self._heading_html())
        self.answer = answer_controls(item, quiz.learner_id, attempt, quiz.levels)
        self.certainty: widgets.RadioButtons | None = None
        if quiz.confidence and item.type != "free-text":
            self.certainty = _radio("How sure are you?", CERTAINTY_OPTIONS)
        self.submit = widgets.Button(description="Submit", tooltip="Check your answer", style={"font_weight": "bold"})
        self.message = widgets.Label(value="")
        self.feedback = widgets.HTML(value="")
        self.explain = widgets.Button(description="Show the explanation", layout=widgets.Layout(display="none"))
        self.retry = widgets.Button(description="Try a parallel question", layout=widgets.Layout(display="none"))
        self.submit.on_click(self._on_submit_click)
        self.explain.on_click(self._on_explain_click)
        self.retry.on_click(self._on_retry_click)
        children: list[widgets.Widget] = [self.heading, *self.answer.controls]
        if self.certainty is not None:
            children.append(self.certainty)
        children += [self.submit, self.message, self.feedback, widgets.HBox([self.explain, self.retry])]
        super().__init__(children, layout=widgets.Layout(padding="0.2em 0"))

    def _heading_html(self) -> str:
        number = f"Question {self.slot + 1} of {len(self.quiz.slots)}"
        if self.attempt > 1:
            number += f" (parallel version, try {self.attempt})"
        flag = ""
        if self.item.must_pass:
            flag = (
                f'<p style="{_TEXT_CSS}"><strong>⚑ Must-pass question (red flag):</strong>'
                " answer it correctly to complete the lesson.</p>"
            )
        return (
            f'<h4 style="margin:0.4em 0 0.2em">{escape(number)}</h4>{flag}'
            f'<p style="{_TEXT_CSS};font-size:1.05em">{escape(self.item.stem)}</p>'
            f'<p style="{_TEXT_CSS};font-style:italic">{escape(instruction(self.item))}</p>' + _media_html(self.item)
        )

    def _on_submit_click(self, button: widgets.Button) -> None:
        if self.done:
            self.message.value = "This answer is saved. Go to the next question, or try a parallel question."
            return
        try:
            answer = self.answer.answer()
            certainty = self.certainty.value if self.certainty is not None else None
            if self.certainty is not None and certainty is None:
                grade(self.item, answer)  # any message about the answer itself comes first
                raise NoAnswer("Choose how sure you are: 1, 2 or 3.")
            result = grade(self.item, answer, certainty)
        except (NoAnswer, InvalidAnswer) as err:
            text = str(err)
            self.message.value = "⚠ " + text[:1].upper() + text[1:]
            return
        self.message.value = ""
        self.result = result
        self.quiz.save(self, result)
        formative = self.quiz.mode == "formative"
        if formative and result.auto_scored and not result.correct and not self.hinted:
            self.hinted = True
            self.feedback.value = feedback_html(self.item, result, self.quiz.levels, "hint", self.quiz.lesson)
            self.explain.layout.display = None
        else:
            self._finish()

    def _on_explain_click(self, button: widgets.Button) -> None:
        if self.result is not None and not self.done:
            self._finish()

    def _on_retry_click(self, button: widgets.Button) -> None:
        self.quiz.retry(self.slot)

    def _finish(self) -> None:
        assert self.result is not None
        self.done = True
        self.answer.disable()
        if self.certainty is not None:
            self.certainty.disabled = True
        self.feedback.value = feedback_html(self.item, self.result, self.quiz.levels, "explained", self.quiz.lesson)
        self.explain.layout.display = "none"
        if self.quiz.mode == "formative" and self.result.auto_scored and not self.result.correct:
            self.retry.layout.display = None
        self.quiz.update_status()


def _media_html(item: QuizItem) -> str:
    figures = []
    for media in item.media:
        # Only files next to the notebook: never a script, and never a request to another site.
        if (
            re.match(r"^[A-Za-z0-9_./-]+$", media.src)
            and not media.src.startswith(("/", "//"))
            and ".." not in media.src
        ):
            caption = f"<figcaption>{escape(media.caption)}</figcaption>" if media.caption else ""
            figures.append(
                f'<figure style="margin:0.4em 0"><img src="{escape(media.src)}" alt="{escape(media.alt)}"'
                f' style="max-width:100%;height:auto">{caption}</figure>'
            )
        else:
            figures.append(f'<p style="{_TEXT_CSS}">[Image: {escape(media.alt)}]</p>')
    return "".join(figures)


# --- The quiz ---------------------------------------------------------------------------


@dataclass
class Slot:
    """One place in the quiz: the item shown there now, its attempt number and its view (built on first visit)."""

    item: QuizItem
    attempt: int = 1
    view: QuestionView | None = None


class QuizWidget(StaticForm, widgets.VBox):
    """A bank's questions one at a time, with Previous / Next, saving each answer as it is submitted."""

    def __init__(
        self,
        bank: QuestionBank,
        course: Course,
        items: str | int | Sequence[str] | None = None,
        learner: str | None = None,
        mode: str = "formative",
        confidence: bool = False,
        progress_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}; got {mode!r}")
        self.bank, self.course, self.mode, self.confidence = bank, course, mode, bool(confidence)
        self.progress_dir = progress_dir
        self.follows_current_learner = learner is None
        self.learner_id = check_learner_id(learner) if learner is not None else current_learner_id(progress_dir)
        assert self.learner_id is not None
        self.levels = level_labels(course)
        self.lesson = next((lesson.title for lesson in course.lessons if lesson.id == bank.lesson), None)
        self.items = select_items(bank, items, self.learner_id)
        self.slots = [Slot(item) for item in self.items]
        self.position = 0
        loaded = load_progress(self.learner_id, progress_dir)
        self.header = widgets.HTML(self._header_html())
        self.message = widgets.HTML(message_html(loaded.message, "wrong") if loaded.message else "")
        self.question = widgets.VBox()
        self.previous = widgets.Button(description="← Previous", tooltip="Go to the previous question")
        self.next = widgets.Button(description="Next →", tooltip="Go to the next question")
        self.counter = widgets.Label(value="")
        self.status = widgets.Label(value="")
        self.previous.on_click(self._on_previous_click)
        self.next.on_click(self._on_next_click)
        navigation = widgets.HBox(
            [self.previous, self.counter, self.next],
            layout=widgets.Layout(align_items="center", flex_flow="row wrap", margin="0.6em 0 0 0"),
        )
        children: list[widgets.Widget] = [
            style_widget(),
            self.header,
            self.message,
            self.question,
            navigation,
            self.status,
        ]
        if any(i.type == "triage" for i in bank.items):
            children.append(widgets.HTML(notice(course, scope=True).html))
        super().__init__(children, layout=widgets.Layout(max_width="64em"))
        self.add_class(WIDGET_CLASS)
        self._show()
        self.update_status()

    # The questions and the learner

    def _header_html(self) -> str:
        kind = "Practice quiz" if self.mode == "formative" else "Quiz"
        count = len(self.slots)
        saving = (
            "Your answers are saved as you submit them, under the learner id"
            f" <strong>{escape(self.learner_id)}</strong> (a pseudonym: no name or email is stored)."
        )
        if self.mode == "formative":
            how = (
                "A wrong first answer brings a hint and a second go; then the explanation,"
                " and you can try a parallel question."
            )
        else:
            how = "Each question takes one answer; the feedback follows when you submit."
        return (
            f'<h3 style="margin:0.3em 0">{escape(kind)}: {escape(self.bank.title)}</h3>'
            f'<p style="{_TEXT_CSS}">{count} question{"" if count == 1 else "s"}, one at a time. {escape(how)}</p>'
            f'<p style="{_TEXT_CSS}">{saving}</p>'
        )

    def _view(self, slot: int) -> QuestionView:
        place = self.slots[slot]
        if place.view is None:
            place.view = QuestionView(self, slot, place.item, place.attempt)
        return place.view

    def _show(self) -> None:
        self.question.children = [self._view(self.position)]
        self.counter.value = f"Question {self.position + 1} of {len(self.slots)}"
        self.previous.disabled = self.position == 0
        self.next.disabled = self.position == len(self.slots) - 1

    def _on_previous_click(self, button: widgets.Button) -> None:
        self.go_to(self.position - 1)

    def _on_next_click(self, button: widgets.Button) -> None:
        self.go_to(self.position + 1)

    def go_to(self, slot: int) -> None:
        self.position = max(0, min(len(self.slots) - 1, slot))
        self._show()

    @property
    def current(self) -> QuestionView:
        """The question shown now."""
        return self._view(self.position)

    def retry(self, slot: int) -> None:
        """Replace the question in ``slot`` with a parallel one (the next attempt)."""
        place = self.slots[slot]
        place.attempt += 1
        place.item = next_parallel_item(self.bank, place.item, place.attempt)
        place.view = None
        if slot == self.position:
            self._show()
        self.update_status()

    def save(self, view: QuestionView, result: Result) -> None:
        """Save one graded answer; show any problem with the progress file in plain words."""
        if self.follows_current_learner:
            learner = current_learner_id(self.progress_dir)
            assert learner is not None
            if learner != self.learner_id:  # an import in the dashboard switched learner
                self.learner_id = learner
                self.header.value = self._header_html()
        try:
            saved = save_response(
                self.learner_id, self.bank.id, result, view.attempt, view.started_at, self.progress_dir
            )
        except OSError as err:
            reason = err.strerror or str(err)
            self.message.value = message_html(
                f"Your answer could not be saved ({reason}). Use Export progress in the dashboard to keep a copy.",
                "wrong",
            )
            return
        if saved.message:
            self.message.value = message_html(saved.message, "wrong")

    def update_status(self) -> None:
        views = [s.view for s in self.slots if s.view is not None and s.view.done and s.view.result is not None]
        correct = sum(1 for v in views if v.result is not None and v.result.auto_scored and v.result.correct)
        self.status.value = f"Finished {len(views)} of {len(self.slots)} questions; {correct} answered correctly."

    # Static forms

    def static_html(self) -> str:
        """Every question with its options, and its answer under "Show the answer": for pages without a kernel."""
        parts = [
            f'<section aria-label="{escape(self.bank.title)}: questions and answers">',
            f'<h3 style="margin:0.3em 0">Questions: {escape(self.bank.title)}</h3>',
            f'<p style="{_TEXT_CSS}">The printable form of this quiz. Run the cell in Jupyter to answer the'
            " questions one at a time, with feedback. Decide on your answer first, then open Show the answer.</p>",
        ]
        for number, item in enumerate(self.items, 1):
            parts.append(self._static_item(number, item))
        if any(item.type == "triage" for item in self.items):
            # Its answers show urgency levels: the notice and scope reminder go with them.
            parts.append(notice(self.course, scope=True).html)
        parts.append("</section>")
        return "".join(parts)

    def _static_item(self, number: int, item: QuizItem) -> str:
        order = presentation_order(item, self.learner_id, 1)
        body = ""
        if item.type in ("single-choice", "multi-select"):
            options = {o.id: o.text for o in item.options}
            body = _ul(f"<li>{escape(options[i])}</li>" for i in order)
        elif item.type == "ordering":
            steps = {s.id: s.text for s in item.steps}
            body = _ul(f"<li>{escape(steps[i])}</li>" for i in order)
        elif item.type == "matching":
            pairs = {p.id: p.prompt for p in item.pairs}
            choices = "; ".join(matching_choices(item, self.learner_id, 1))
            body = _ul(f"<li>{escape(pairs[i])}</li>" for i in order) + (
                f'<p style="{_TEXT_CSS}">{escape("Choose from: " + choices + ".")}</p>'
            )
        elif item.type == "triage":
            body = f'<p style="{_TEXT_CSS}"><strong>Action levels:</strong></p>' + _ul(
                f"<li>{escape(self.levels.get(level, level))}</li>" for level in TRIAGE_LEVELS
            )
            if item.options:
                options = {o.id: o.text for o in item.options}
                body += f'<p style="{_TEXT_CSS}"><strong>Whom to contact:</strong></p>' + _ul(
                    f"<li>{escape(options[i])}</li>" for i in order
                )
        flag = " (must-pass, red flag)" if item.must_pass else ""
        return (
            f'<h4 style="margin:0.8em 0 0.2em">Question {number} of {len(self.slots)}{escape(flag)}</h4>'
            f'<p style="{_TEXT_CSS}">{escape(item.stem)}</p>'
            f'<p style="{_TEXT_CSS};font-style:italic">{escape(instruction(item))}</p>'
            f"{_media_html(item)}{body}"
            "<details><summary>Show the answer</summary>"
            f'<div style="padding:0.2em 0 0.4em 1em">{key_html(item, self.levels)}'
            f"{read_again_html(item, self.lesson)}</div>"
            "</details>"
        )

    def __repr__(self) -> str:
        return (
            f"Quiz: {self.bank.title}, question {self.position + 1} of {len(self.slots)} ({self.mode};"
            " run the cell in Jupyter to answer)"
        )


def select_items(bank: QuestionBank, items: str | int | Sequence[str] | None, learner_id: str) -> tuple[QuizItem, ...]:
    """The items a quiz shows: ``None`` (one version of each question), a count per objective, or item ids."""
    if items is None:
        chosen = draw_items(bank, learner_id)
    elif isinstance(items, int) and not isinstance(items, bool):
        chosen = draw_items(bank, learner_id, per_objective=items)
    else:
        ids = [items] if isinstance(items, str) else list(items)
        chosen = []
        for item_id in ids:
            try:
                item = bank.item(item_id)
            except KeyError as err:
                raise ValueError(err.args[0]) from None
            if item.status == "retired":
                raise ValueError(f"item '{item_id}' of bank '{bank.id}' is retired; choose another")
            chosen.append(item)
    if not chosen:
        raise ValueError(f"no items to show from bank '{bank.id}'")
    return tuple(chosen)


def find_bank(course: Course, bank_id: str) -> QuestionBank:
    """The bank ``bank_id``; ``ValueError`` naming the banks there are."""
    banks = {bank.id: bank for bank in course.of_kind("quiz")}
    if bank_id not in banks:
        known = ", ".join(sorted(banks)) or "(none yet)"
        raise ValueError(f"unknown question bank {bank_id!r}; banks: {known}")
    return banks[bank_id]


def show_quiz(
    bank_id: str,
    items: str | int | Sequence[str] | None = None,
    learner: str | None = None,
    mode: str = "formative",
    confidence: bool = False,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    progress_dir: str | os.PathLike[str] | None = None,
) -> QuizWidget:
    """The questions of ``data/quizzes/<bank_id>.yaml``, one at a time.

    ``data_dir`` and ``progress_dir`` point at other content and another progress folder (for tests).
    """
    course = load_course(data_dir)
    return QuizWidget(find_bank(course, bank_id), course, items, learner, mode, confidence, progress_dir)
