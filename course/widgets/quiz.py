"""The quiz: questions from a bank, one at a time, with feedback and saved answers.

A thin view over :class:`course.quiz.QuizSession` (which question is where, grading,
hints, explanations, parallel retries), :mod:`course.render.quiz` (all the markup) and
:mod:`course.progress` (saving). One question is shown at a time, with Previous and
Next below it; every control is a stock, labelled ipywidget, so the quiz works with the
keyboard alone (Tab, Space, the arrow keys) and no dragging.

The widgets here only forward clicks to the session and put what :mod:`course.render.quiz`
returns into HTML widgets. Bank text goes into widgets that show plain text (labels,
option lists, descriptions) or is escaped by the rendering layer. Handlers only set
widget values and children; nothing is displayed from a callback.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as widgets

from course.content import Course, load_course
from course.models import TRIAGE_LEVELS, QuestionBank, QuestionType, QuizItem
from course.progress import check_learner_id, current_learner_id, load_progress, save_response, timestamp
from course.quiz import (
    AlreadyAnswered,
    InvalidAnswer,
    NoAnswer,
    Outcome,
    QuizSession,
    Result,
    SlotState,
    check_mode,
    find_bank,
    select_items,
)
from course.render import quiz as markup
from course.widgets._base import StaticForm
from course.widgets._common import WIDGET_CLASS, style_widget
from course.widgets._looks import Looks

__all__ = [
    "ANSWER_CONTROLS",
    "CERTAINTY_OPTIONS",
    "QuestionView",
    "QuizWidget",
    "find_bank",  # now in course.quiz; still importable from here
    "parse_day",
    "select_items",  # now in course.quiz; still importable from here
    "show_quiz",
]

CERTAINTY_OPTIONS = (
    ("1: not sure (right +1, wrong 0)", 1),
    ("2: fairly sure (right +2, wrong −2)", 2),
    ("3: very sure (right +3, wrong −6)", 3),
)
_NO_MATCH = ""


# --- Answer controls, one kind per item type -------------------------------------------


class _Answer:
    """The controls for one item; ``answer()`` returns what :func:`course.quiz.grade` takes.

    Every kind is built from the item, the ids of its options, steps or pairs in the
    order to show them, the matching choices in order, the action levels' names, and the
    quiz's shared layouts and styles.
    """

    controls: list[widgets.Widget]

    def answer(self) -> object:
        raise NotImplementedError

    def disable(self) -> None:
        for control in self._inputs():
            control.disabled = True

    def _inputs(self) -> list[widgets.Widget]:
        return [c for c in self.controls if hasattr(c, "disabled")]


class _SingleChoice(_Answer):
    def __init__(
        self, item: QuizItem, order: Sequence[str], choices: Sequence[str], levels: Mapping[str, str], looks: Looks
    ):
        options = {o.id: o for o in item.options}
        self.choice = looks.radio("Your answer", [(options[i].text, i) for i in order])
        self.controls = [self.choice]

    def answer(self) -> object:
        return self.choice.value


class _MultiSelect(_Answer):
    def __init__(
        self, item: QuizItem, order: Sequence[str], choices: Sequence[str], levels: Mapping[str, str], looks: Looks
    ):
        options = {o.id: o for o in item.options}
        self.boxes = {i: looks.checkbox(options[i].text, layout=looks.wide) for i in order}
        self.controls = list(self.boxes.values())

    def answer(self) -> object:
        return [i for i, checkbox in self.boxes.items() if checkbox.value]


class _Ordering(_Answer):
    """Move up / Move down buttons beside each step (WCAG 2.5.7: no dragging needed)."""

    def __init__(
        self, item: QuizItem, order: Sequence[str], choices: Sequence[str], levels: Mapping[str, str], looks: Looks
    ):
        self.texts = {s.id: s.text for s in item.steps}
        self.order = list(order)
        self.labels = [looks.label(layout=looks.flexible) for _ in self.order]
        self.ups = [looks.button("Move up", "") for _ in self.order]
        self.downs = [looks.button("Move down", "") for _ in self.order]
        self.status = looks.label()
        self.locked = False
        for position, (up, down) in enumerate(zip(self.ups, self.downs, strict=True)):
            up.on_click(self._mover(position, -1))
            down.on_click(self._mover(position, +1))
        rows = [
            looks.row([up, down, label], layout=looks.centred_wrap)
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

    def answer(self) -> object:
        return list(self.order)

    def disable(self) -> None:
        self.locked = True
        for button in (*self.ups, *self.downs):
            button.disabled = True


class _Matching(_Answer):
    def __init__(
        self, item: QuizItem, order: Sequence[str], choices: Sequence[str], levels: Mapping[str, str], looks: Looks
    ):
        pairs = {p.id: p for p in item.pairs}
        options = [("Choose a match", _NO_MATCH), *((c, c) for c in choices)]
        self.dropdowns = {i: looks.dropdown(options, _NO_MATCH, pairs[i].prompt, layout=looks.wide) for i in order}
        self.controls = list(self.dropdowns.values())

    def answer(self) -> object:
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
    def __init__(
        self, item: QuizItem, order: Sequence[str], choices: Sequence[str], levels: Mapping[str, str], looks: Looks
    ):
        assert item.window is not None
        self.form = item.window.answer_form
        names = ("Day",) if self.form == "day" else ("First day", "Last day")
        self.fields = [
            widgets.Text(
                value="",
                description=name,
                placeholder="a number, such as 7",
                style=looks.described_text,
                layout=looks.plain,
            )
            for name in names
        ]
        self.controls = list(self.fields)

    def answer(self) -> object:
        days = [parse_day(f.value) for f in self.fields]
        if self.form == "day":
            return days[0]
        return None if all(d is None for d in days) else days


class _Triage(_Answer):
    def __init__(
        self, item: QuizItem, order: Sequence[str], choices: Sequence[str], levels: Mapping[str, str], looks: Looks
    ):
        self.level = looks.radio("Action level", [(levels.get(level, level), level) for level in TRIAGE_LEVELS])
        self.controls = [self.level]
        self.recipient: widgets.RadioButtons | None = None
        if item.options:
            options = {o.id: o for o in item.options}
            self.recipient = looks.radio("Whom to contact", [(options[i].text, i) for i in order])
            self.controls.append(self.recipient)

    def answer(self) -> object:
        if self.recipient is None:
            return self.level.value
        return {"level": self.level.value, "recipient": self.recipient.value}


class _FreeText(_Answer):
    def __init__(
        self, item: QuizItem, order: Sequence[str], choices: Sequence[str], levels: Mapping[str, str], looks: Looks
    ):
        self.text = widgets.Textarea(
            value="",
            description="Your answer",
            placeholder="Write a few sentences.",
            rows=5,
            style=looks.described_text,
            layout=widgets.Layout(width="100%", max_width="48em"),
        )
        self.controls = [self.text]

    def answer(self) -> object:
        return self.text.value


#: Builds the controls of one item from the item, its presentation order, its matching choices, the level
#: names and the quiz's shared layouts and styles.
AnswerControls = Callable[[QuizItem, Sequence[str], Sequence[str], Mapping[str, str], Looks], _Answer]

#: The answer controls of each question type. A new type adds one entry here (and one per
#: layer: the payload rule in course.models, the grader in course.quiz.GRADERS, the markup
#: in course.render.quiz, the minutes in course.stats.ITEM_MINUTES).
ANSWER_CONTROLS: Mapping[QuestionType, AnswerControls] = {
    "single-choice": _SingleChoice,
    "multi-select": _MultiSelect,
    "ordering": _Ordering,
    "matching": _Matching,
    "day-window": _DayWindow,
    "triage": _Triage,
    "free-text": _FreeText,
}


# --- One question ---------------------------------------------------------------------


class QuestionView(widgets.VBox):
    """One item: number, stem, controls, certainty, Submit, feedback and what to do next."""

    def __init__(self, quiz: QuizWidget, slot: int) -> None:
        session = quiz.session
        state = session.slots[slot]
        self.quiz, self.slot, self.item, self.attempt = quiz, slot, state.item, state.attempt
        looks = quiz.looks
        self.heading = looks.html(str(markup.heading(session, slot)))
        controls = ANSWER_CONTROLS[self.item.type]
        self.answer = controls(self.item, session.order(slot), session.choices(slot), session.levels, looks)
        self.certainty: widgets.RadioButtons | None = None
        if session.asks_certainty(slot):
            self.certainty = looks.radio("How sure are you?", CERTAINTY_OPTIONS)
        self.submit = looks.button("Submit", "Check your answer", layout=looks.plain, bold=True)
        self.message = looks.label()
        self.feedback = looks.html()
        # Shown and hidden, so each has a layout of its own.
        self.explain = widgets.Button(
            description="Show the explanation",
            layout=widgets.Layout(display="none", width="auto"),  # as wide as its words
            style=looks.button_style,
        )
        self.retry = widgets.Button(
            description="Try a parallel question",
            layout=widgets.Layout(display="none", width="auto"),
            style=looks.button_style,
        )
        self.submit.on_click(self._on_submit_click)
        self.explain.on_click(self._on_explain_click)
        self.retry.on_click(self._on_retry_click)
        children: list[widgets.Widget] = [self.heading, *self.answer.controls]
        if self.certainty is not None:
            children.append(self.certainty)
        children += [self.submit, self.message, self.feedback, looks.row([self.explain, self.retry], looks.plain)]
        super().__init__(children, layout=looks.padded)

    @property
    def state(self) -> SlotState:
        """The session's record of this question (its result, whether it is explained)."""
        return self.quiz.session.slots[self.slot]

    @property
    def done(self) -> bool:
        return self.state.done

    @property
    def result(self) -> Result | None:
        return self.state.result

    def _on_submit_click(self, button: widgets.Button) -> None:
        try:
            certainty = self.certainty.value if self.certainty is not None else None
            outcome = self.quiz.session.submit(self.slot, self.answer.answer(), certainty)
        except (NoAnswer, InvalidAnswer, AlreadyAnswered) as err:
            self.message.value = markup.answer_problem(err)
            return
        self.message.value = ""
        self._show(outcome)

    def _on_explain_click(self, button: widgets.Button) -> None:
        outcome = self.quiz.session.explain(self.slot)
        if outcome is not None:
            self._show(outcome)

    def _on_retry_click(self, button: widgets.Button) -> None:
        self.quiz.retry(self.slot)

    def _show(self, outcome: Outcome) -> None:
        session = self.quiz.session
        self.feedback.value = str(
            markup.feedback(self.item, outcome.result, outcome.stage, session.levels, session.lesson)
        )
        if outcome.next == "hint":
            self.explain.layout.display = None
            return
        self.answer.disable()
        if self.certainty is not None:
            self.certainty.disabled = True
        self.explain.layout.display = "none"
        if outcome.next == "retry-offered":
            self.retry.layout.display = None
        self.quiz.update_status()


# --- The quiz ---------------------------------------------------------------------------


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
        check_mode(mode)
        self.bank, self.course, self.progress_dir = bank, course, progress_dir
        self.follows_current_learner = learner is None
        learner_id = check_learner_id(learner) if learner is not None else current_learner_id(progress_dir)
        assert learner_id is not None
        self.session = QuizSession(
            bank, learner_id, items, course=course, mode=mode, confidence=confidence, save=self._save, clock=timestamp
        )
        self._views: dict[int, QuestionView] = {}
        looks = self.looks = Looks()
        loaded = load_progress(learner_id, progress_dir)
        self.header = looks.html(str(markup.header(self.session)))
        self.message = looks.html(str(markup.warning(loaded.message)) if loaded.message else "")
        self.question = widgets.VBox(layout=looks.plain)
        self.previous = looks.button("← Previous", "Go to the previous question", layout=looks.plain)
        self.next = looks.button("Next →", "Go to the next question", layout=looks.plain)
        self.counter = looks.label()
        self.status = looks.label()
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
        if markup.needs_notice(bank.items):
            children.append(looks.html(str(markup.notice(course))))
        super().__init__(children, layout=widgets.Layout(max_width="64em"))
        self.add_class(WIDGET_CLASS)
        self._show()
        self.update_status()

    # What the session holds, by its old names

    @property
    def learner_id(self) -> str:
        return self.session.learner_id

    @property
    def mode(self) -> str:
        return self.session.mode

    @property
    def items(self) -> tuple[QuizItem, ...]:
        return self.session.items

    @property
    def slots(self) -> list[SlotState]:
        return self.session.slots

    @property
    def position(self) -> int:
        return self.session.position

    # Showing the session

    def _view(self, slot: int) -> QuestionView:
        if slot not in self._views:
            self._views[slot] = QuestionView(self, slot)
        return self._views[slot]

    def _show(self) -> None:
        self.question.children = [self._view(self.session.position)]
        self.counter.value = markup.counter(self.session)
        self.previous.disabled = self.session.at_start
        self.next.disabled = self.session.at_end

    def _on_previous_click(self, button: widgets.Button) -> None:
        self.go_to(self.session.position - 1)

    def _on_next_click(self, button: widgets.Button) -> None:
        self.go_to(self.session.position + 1)

    def go_to(self, slot: int) -> None:
        self.session.go_to(slot)
        self._show()

    @property
    def current(self) -> QuestionView:
        """The question shown now."""
        return self._view(self.session.position)

    def retry(self, slot: int) -> None:
        """Replace the question in ``slot`` with a parallel one (the next attempt)."""
        self.session.retry(slot)
        self._views.pop(slot, None)
        if slot == self.session.position:
            self._show()
        self.update_status()

    def update_status(self) -> None:
        self.status.value = markup.status(self.session)

    def _save(self, result: Result, attempt: int, started_at: str | None) -> None:
        """Save one graded answer (the session calls this); show any problem with the progress file."""
        if self.follows_current_learner:
            learner = current_learner_id(self.progress_dir)
            assert learner is not None
            if learner != self.session.learner_id:  # an import in the dashboard switched learner
                self.session.learner_id = learner
                self.header.value = str(markup.header(self.session))
        try:
            saved = save_response(self.session.learner_id, self.bank.id, result, attempt, started_at, self.progress_dir)
        except OSError as err:
            self.message.value = str(markup.save_failed(err.strerror or str(err)))
            return
        if saved.message:
            self.message.value = str(markup.warning(saved.message))

    # Static forms

    def static_html(self) -> str:
        """Every question with its options, and its answer under "Show the answer": for pages without a kernel."""
        return str(markup.static_form(self.session, self.course))

    def __repr__(self) -> str:
        return (
            f"Quiz: {self.bank.title}, question {self.session.position + 1} of {len(self.session.slots)}"
            f" ({self.session.mode}; run the cell in Jupyter to answer)"
        )


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
    course = load_course(os.fspath(data_dir) if data_dir is not None else None)
    return QuizWidget(find_bank(course, bank_id), course, items, learner, mode, confidence, progress_dir)
