"""The quiz as a learner uses it: answer each type of question, read the feedback, retry, and have it saved."""

from __future__ import annotations

import dataclasses
import re
import typing

import ipywidgets as widgets
import pytest
import yaml

from course import progress as pg
from course.content import check, load_course
from course.models import PAYLOAD_RULES, QuestionType
from course.quiz import GRADERS, presentation_order
from course.render.quiz import QUESTION_MARKUP
from course.stats import ITEM_MINUTES
from course.widgets.quiz import ANSWER_CONTROLS, QuizWidget, parse_day, show_quiz
from tests.conftest import REPO, TEST_DATA, text_of

LEARNER = "learner-abc123"
BANK_ID = "01-skin-healing"


@pytest.fixture
def progress_dir(tmp_path):
    return tmp_path / "progress"


@pytest.fixture
def make_quiz(progress_dir):
    def make(items=None, **options) -> QuizWidget:
        options.setdefault("learner", LEARNER)
        return show_quiz(BANK_ID, items, data_dir=TEST_DATA / "valid", progress_dir=progress_dir, **options)

    return make


def saved(progress_dir, learner=LEARNER) -> tuple[pg.Response, ...]:
    loaded = pg.load_progress(learner, progress_dir)
    assert loaded.message is None
    return loaded.progress.responses


def put_in_order(view, key: list[str]) -> None:
    """Use only the Move up buttons, as a keyboard user would, until the steps are in ``key`` order."""
    for target, step in enumerate(key):
        while (position := view.answer.order.index(step)) > target:
            view.answer.ups[position].click()


# --- One seam for question types -----------------------------------------------------------


def test_every_question_type_has_an_entry_in_every_layer():
    """A question type is one entry per layer: payload rule, grader, answer controls, markup,
    and the minutes the lesson-time model gives it."""
    types = set(typing.get_args(QuestionType))
    assert len(types) == 7
    for registry in (PAYLOAD_RULES, GRADERS, ANSWER_CONTROLS, QUESTION_MARKUP, ITEM_MINUTES):
        assert set(registry) == types


#: A branch on a question type's name: ``item.type == "triage"``, ``self.type != "multi-select"``,
#: ``item.type in ("single-choice", ...)``.
_TYPE_NAMES = "|".join(typing.get_args(QuestionType))
TYPE_BRANCH = re.compile(rf"\.type\s*(?:==|!=|(?:not\s+)?in)\s*[(\[{{]?\s*[\"'](?:{_TYPE_NAMES})[\"']")


def test_no_module_branches_on_a_question_type():
    """What differs between types lives in the registries above, so a new type touches no other code."""
    branches = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted((REPO / "course").rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if TYPE_BRANCH.search(line)
    ]
    assert branches == []


def test_the_branch_check_finds_a_branch():
    assert TYPE_BRANCH.search('if item.type == "free-text":')
    assert TYPE_BRANCH.search("elif correct > 1 and self.type != 'multi-select':")
    assert TYPE_BRANCH.search('item.type in ("single-choice", "triage")')
    assert not TYPE_BRANCH.search('if cell.cell_type == "markdown":')


# --- Single choice, hints, explanations and parallel retries ------------------------------


def test_a_right_answer_says_correct_in_words_and_icon_with_the_option_feedback(make_quiz):
    view = make_quiz(["milia-what-a"]).current
    view.answer.choice.value = "milia"
    view.submit.click()
    feedback = text_of(view.feedback.value)
    assert feedback.startswith("✔ Correct.")
    assert "✔ Your choice: Milia, small keratin cysts with no opening" in feedback
    assert "Right. Milia are keratin cysts with no opening" in feedback
    assert "Another option: Whiteheads" in feedback  # every option carries its explanation
    assert 'role="status"' in view.feedback.value
    assert view.retry.layout.display == "none"
    assert feedback.endswith("To read again: the section “Milia” of the lesson “Skin healing”.")


def test_a_first_wrong_answer_gets_a_hint_that_does_not_give_the_answer_away(make_quiz):
    view = make_quiz(["milia-what-a"]).current
    view.answer.choice.value = "whitehead"
    view.submit.click()
    feedback = text_of(view.feedback.value)
    assert feedback.startswith("✘ Not quite.") and "Hint:" in feedback
    assert "The answer is milia" not in feedback and "Your choice" not in feedback
    assert view.explain.layout.display is None  # "Show the explanation" is offered
    assert not view.answer.choice.disabled  # answer until correct
    view.answer.choice.value = "milia"
    view.submit.click()
    assert text_of(view.feedback.value).startswith("✔ Correct.")
    assert view.answer.choice.disabled


def test_the_bank_hint_is_shown_when_the_item_has_one(progress_dir):
    course = load_course(TEST_DATA / "valid")
    bank = course.of_kind("quiz")[0]
    hinted = dataclasses.replace(bank.item("milia-what-a"), hint="Think about whether it has an opening.")
    bank = dataclasses.replace(bank, items=tuple(hinted if i.id == hinted.id else i for i in bank.items))
    view = QuizWidget(bank, course, ["milia-what-a"], LEARNER, progress_dir=progress_dir).current
    view.answer.choice.value = "pustule"
    view.submit.click()
    assert "Hint: Think about whether it has an opening." in text_of(view.feedback.value)


def test_a_second_wrong_answer_explains_and_offers_a_parallel_question(make_quiz, progress_dir):
    quiz = make_quiz(["milia-what-a"])
    view = quiz.current
    for wrong in ("whitehead", "pustule"):
        view.answer.choice.value = wrong
        view.submit.click()
    feedback = text_of(view.feedback.value)
    assert "✘ Your choice: Pustules, small raised pockets filled with pus" in feedback
    assert "The right answer: Milia, small keratin cysts with no opening" in feedback
    assert "The answer is milia" in feedback
    assert view.retry.layout.display is None and view.retry.description == "Try a parallel question"

    view.retry.click()
    again = quiz.current
    assert again is not view and again.item.id == "milia-what-b"  # the other version of the group
    assert "Question 1 of 1 (parallel version, try 2)" in text_of(again.heading.value)
    assert again.answer.choice.value is None and again.feedback.value == ""
    again.answer.choice.value = "cyst"
    again.submit.click()
    assert text_of(again.feedback.value).startswith("✔ Correct.")
    assert [(r.item_id, r.attempt, r.correct) for r in saved(progress_dir)] == [
        ("milia-what-a", 1, False),
        ("milia-what-a", 1, False),
        ("milia-what-b", 2, True),
    ]


def test_show_the_explanation_skips_the_second_go(make_quiz):
    view = make_quiz(["milia-what-a"]).current
    view.answer.choice.value = "whitehead"
    view.submit.click()
    view.explain.click()
    assert "The right answer: Milia" in text_of(view.feedback.value)
    assert view.explain.layout.display == "none" and view.retry.layout.display is None


def test_options_appear_in_the_seeded_order_for_the_learner_and_attempt(make_quiz):
    quiz = make_quiz(["milia-what-a", "milia-features"])
    bank = load_course(TEST_DATA / "valid").of_kind("quiz")[0]
    values = [value for _, value in quiz.current.answer.choice.options]
    assert tuple(values) == presentation_order(bank.item("milia-what-a"), LEARNER, 1)
    quiz.next.click()
    assert tuple(quiz.current.answer.boxes) == presentation_order(bank.item("milia-features"), LEARNER, 1)
    fixed = make_quiz(["milia-when"]).current.answer.choice.options
    assert [value for _, value in fixed] == ["day-1", "week-1", "month-6"]  # day options keep their order


def test_submitting_nothing_says_what_is_missing_and_saves_nothing(make_quiz, progress_dir):
    view = make_quiz(["milia-what-a"]).current
    view.submit.click()
    assert view.message.value == "⚠ Choose an option."
    assert view.feedback.value == ""
    assert not progress_dir.exists() or not any(progress_dir.glob("*.json"))


def test_summative_mode_explains_straight_away_and_offers_no_retry(make_quiz):
    view = make_quiz(["milia-what-a"], mode="summative").current
    view.answer.choice.value = "whitehead"
    view.submit.click()
    feedback = text_of(view.feedback.value)
    assert "Hint:" not in feedback and "The right answer: Milia" in feedback
    assert view.retry.layout.display == "none" and view.answer.choice.disabled
    view.submit.click()
    assert "already" not in feedback and "saved" in view.message.value


# --- Every other type of question -----------------------------------------------------------


def test_multi_select_partial_credit_and_per_option_feedback(make_quiz):
    view = make_quiz(["milia-features"]).current
    view.answer.boxes["white"].value = True
    view.submit.click()
    assert text_of(view.feedback.value).startswith("◐ Partly right: 1 of 2.")
    view.explain.click()
    feedback = text_of(view.feedback.value)
    assert "✔ You ticked: White or yellowish" in feedback
    assert "✘ You left out: Firm to the touch (it fits too)" in feedback
    assert "✔ You left out: Painful and hot (rightly)" in feedback


def test_multi_select_all_right(make_quiz):
    view = make_quiz(["milia-features"]).current
    for option in ("white", "firm"):
        view.answer.boxes[option].value = True
    view.submit.click()
    assert text_of(view.feedback.value).startswith("✔ Correct.")


def test_ordering_with_move_buttons_only(make_quiz):
    view = make_quiz(["healing-order"]).current
    ordering = view.answer
    assert ordering.ups[0].disabled and ordering.downs[-1].disabled
    assert ordering.order != ["inflammation", "proliferation", "remodelling"]  # never shown solved
    position = ordering.order.index("remodelling")
    if position < 2:
        ordering.downs[position].click()
        assert ordering.status.value == f"‘Remodelling’ is now step {position + 2} of 3."
    put_in_order(view, ["inflammation", "proliferation", "remodelling"])
    assert [label.value for label in ordering.labels] == ["1. Inflammation", "2. Proliferation", "3. Remodelling"]
    assert ordering.ups[1].tooltip == "Move ‘Proliferation’ up"
    view.submit.click()
    assert text_of(view.feedback.value).startswith("✔ Correct: every step is in the right place.")
    assert all(button.disabled for button in (*ordering.ups, *ordering.downs))


def test_ordering_feedback_names_the_first_step_out_of_place(make_quiz):
    view = make_quiz(["healing-order"], mode="summative").current
    put_in_order(view, ["proliferation", "inflammation", "remodelling"])
    view.submit.click()
    feedback = text_of(view.feedback.value)
    assert "✘ The first step out of place: Proliferation" in feedback
    assert "The right order: Inflammation" in feedback


def test_matching_with_a_dropdown_per_prompt(make_quiz):
    view = make_quiz(["lesion-match"], mode="summative").current
    dropdowns = view.answer.dropdowns
    assert {d.description for d in dropdowns.values()} == {"Milium", "Pustule", "Vesicle"}
    assert dropdowns["milium"].options[0][0] == "Choose a match"
    dropdowns["milium"].value = "Keratin"
    view.submit.click()
    assert view.message.value.startswith("⚠ Choose a match for every item. Still to match:")
    dropdowns["pustule"].value = "Pus"
    dropdowns["vesicle"].value = "Blood"
    view.submit.click()
    feedback = text_of(view.feedback.value)
    assert feedback.startswith("◐ Partly right: 2 of 3.")
    assert "✘ Vesicle → you chose Blood; the match is Clear fluid" in feedback
    assert "✔ Milium → Keratin" in feedback


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("", "", "⚠ Give a first and a last day."),
        ("7", "", "⚠ Give both a first and a last day."),
        ("soon", "40", "⚠ Write the day as a number from 0 up, such as 7 (you wrote ‘soon’)."),
        ("9", "7", "⚠ The first day (9) is after the last day (7)"),
    ],
)
def test_day_window_input_problems_are_plain_messages(make_quiz, first, last, message):
    view = make_quiz(["milia-window"]).current
    view.answer.fields[0].value, view.answer.fields[1].value = first, last
    view.submit.click()
    assert view.message.value == message and view.feedback.value == ""


def test_day_window_range(make_quiz):
    view = make_quiz(["milia-window"], mode="summative").current
    assert [f.description for f in view.answer.fields] == ["First day", "Last day"]
    view.answer.fields[0].value, view.answer.fields[1].value = "day 2", "5"
    view.submit.click()
    feedback = text_of(view.feedback.value)
    assert "Not quite: you gave days 2 to 5; the answer is days 7 to 42." in feedback
    assert "Too early" in feedback and "more often a flare" in feedback


def test_day_window_right_within_tolerance(make_quiz):
    view = make_quiz(["milia-window"]).current
    view.answer.fields[0].value, view.answer.fields[1].value = "5,5", "44"
    view.submit.click()
    assert text_of(view.feedback.value).startswith("✔ Correct: days 7 to 42.")


def test_parse_day():
    assert parse_day(" 7 ") == 7 and parse_day("Day 3.5") == 3.5 and parse_day("") is None


def test_triage_under_triage_is_flagged_critical_and_saved(make_quiz, progress_dir):
    view = make_quiz(["dusky-lip"]).current
    assert view.answer.level.options[0][0] == "Emergency"
    assert view.answer.recipient.description == "Whom to contact"
    view.answer.level.value = "routine"
    view.submit.click()
    assert view.message.value == "⚠ Choose whom to contact."
    view.answer.recipient.value = "gp-next-week"
    view.submit.click()
    hint = text_of(view.feedback.value)
    assert "⚠ Critical error. The level you chose could delay care" in hint
    assert "emergency" not in hint.lower()  # the hint does not give the level away
    view.explain.click()
    feedback = text_of(view.feedback.value)
    assert "Too slow: this needs emergency action, not routine." in feedback
    assert "⚠ Critical error. This needs emergency action." in feedback
    assert "✘ Action level: you chose Routine; the right level is Emergency" in feedback
    assert "Whom to contact. ✘ Your choice: The client's GP, next week" in feedback
    assert "Waiting risks lasting skin damage." in feedback
    assert "Educational use only" in view.quiz.children[-1].value  # the notice comes with triage questions
    (response,) = saved(progress_dir)
    assert response.critical and response.answer == {"level": "routine", "recipient": "gp-next-week"}


def test_triage_right(make_quiz):
    view = make_quiz(["dusky-lip"]).current
    view.answer.level.value, view.answer.recipient.value = "emergency", "injector"
    view.submit.click()
    assert text_of(view.feedback.value).startswith("✔ Correct.")


def test_free_text_shows_the_model_answer_and_rubric_after_submitting(make_quiz, progress_dir):
    view = make_quiz(["explain-bumps"], confidence=True).current
    assert view.certainty is None  # reflections are not rated for certainty
    view.submit.click()
    assert view.message.value == "⚠ Write your answer first."
    view.answer.text.value = "Probably milia; harmless, don't squeeze."
    view.submit.click()
    feedback = text_of(view.feedback.value)
    assert feedback.startswith("✎ Submitted. Compare your answer with the model answer")
    assert "A model answer: They are probably milia" in feedback
    assert "Check your answer against this list: Names milia as the likely cause." in feedback
    assert view.retry.layout.display == "none" and view.answer.text.disabled
    assert saved(progress_dir)[0].auto_scored is False


# --- Certainty, progress and learners ------------------------------------------------------


def test_certainty_is_asked_for_marked_and_saved(make_quiz, progress_dir):
    view = make_quiz(["dusky-lip"], confidence=True).current
    assert view.certainty.description == "How sure are you?"
    view.answer.level.value, view.answer.recipient.value = "same-day", "injector"
    view.submit.click()
    assert view.message.value == "⚠ Choose how sure you are: 1, 2 or 3."
    view.certainty.value = 3
    view.submit.click()
    feedback = text_of(view.feedback.value)
    assert "Certainty 3: -6 marks. You were sure, but this is a must-pass (red-flag) question" in feedback
    assert saved(progress_dir)[0].confidence == 3


def test_answers_are_saved_atomically_as_they_are_submitted(make_quiz, progress_dir):
    quiz = make_quiz(["milia-what-a", "healing-order"])
    quiz.current.answer.choice.value = "milia"
    quiz.current.submit.click()
    (first,) = saved(progress_dir)
    assert (first.bank_id, first.item_id, first.answer, first.correct, first.attempt) == (
        BANK_ID,
        "milia-what-a",
        "milia",
        True,
        1,
    )
    assert first.started_at is not None and first.started_at <= first.answered_at
    assert sorted(p.name for p in progress_dir.iterdir()) == [f"{LEARNER}.json"]  # no temporary files left


def test_two_quizzes_open_at_once_keep_each_others_answers(make_quiz, progress_dir):
    one, two = make_quiz(["milia-what-a"]), make_quiz(["milia-what-b"])
    one.current.answer.choice.value = "milia"
    one.current.submit.click()
    two.current.answer.choice.value = "cyst"
    two.current.submit.click()
    assert [r.item_id for r in saved(progress_dir)] == ["milia-what-a", "milia-what-b"]


def test_without_a_learner_id_a_stored_default_is_made_shown_and_reused(make_quiz, progress_dir):
    quiz = make_quiz(learner=None)
    learner = (progress_dir / ".current-learner").read_text().strip()
    pg.check_learner_id(learner)
    assert quiz.learner_id == learner and learner in quiz.header.value
    assert make_quiz(learner=None).learner_id == learner


def test_a_corrupted_progress_file_is_reported_in_plain_words(make_quiz, progress_dir):
    progress_dir.mkdir()
    (progress_dir / f"{LEARNER}.json").write_text("{not json")
    quiz = make_quiz(["milia-what-a"])
    message = text_of(quiz.message.value)
    assert message.startswith("Your progress file could not be read, so it was kept as progress/")
    assert "a fresh one was started" in message
    quiz.current.answer.choice.value = "milia"
    quiz.current.submit.click()
    assert len(saved(progress_dir)) == 1


def test_a_save_that_fails_says_so(make_quiz, progress_dir, monkeypatch):
    quiz = make_quiz(["milia-what-a"])

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("course.widgets.quiz.save_response", disk_full)
    quiz.current.answer.choice.value = "milia"
    quiz.current.submit.click()
    assert "could not be saved (No space left on device)" in text_of(quiz.message.value)


# --- The quiz as a whole -------------------------------------------------------------------


def test_one_question_at_a_time_with_previous_and_next(make_quiz):
    quiz = make_quiz()
    count = len(quiz.slots)
    assert quiz.counter.value == f"Question 1 of {count}" and quiz.previous.disabled
    first = quiz.current
    first.answer  # noqa: B018 - built
    quiz.next.click()
    assert quiz.counter.value == f"Question 2 of {count}" and quiz.current is not first
    assert text_of(quiz.current.heading.value).startswith(f"Question 2 of {count}")
    quiz.previous.click()
    assert quiz.current is first  # what the learner entered is still there
    quiz.go_to(count - 1)
    assert quiz.next.disabled


def test_by_default_one_version_of_each_question(make_quiz):
    ids = [slot.item.id for slot in make_quiz().slots]
    assert len(ids) == 8 and len({"milia-what-a", "milia-what-b"} & set(ids)) == 1


def test_items_by_id_or_by_count_per_objective(make_quiz):
    assert [s.item.id for s in make_quiz(["healing-order", "milia-when"]).slots] == ["healing-order", "milia-when"]
    assert [s.item.id for s in make_quiz("milia-when").slots] == ["milia-when"]
    assert len(make_quiz(3).slots) == 3


def test_the_status_line_counts_finished_questions(make_quiz):
    quiz = make_quiz(["milia-what-a", "milia-when"])
    quiz.current.answer.choice.value = "milia"
    quiz.current.submit.click()
    assert quiz.status.value == "Finished 1 of 2 questions; 1 answered correctly."


def test_bad_arguments_are_value_errors(make_quiz):
    with pytest.raises(ValueError, match="unknown question bank 'nope'; banks: 01-skin-healing"):
        show_quiz("nope", data_dir=TEST_DATA / "valid")
    with pytest.raises(ValueError, match="no item 'nope' in bank"):
        make_quiz(["nope"])
    with pytest.raises(ValueError, match="mode must be one of formative, summative"):
        make_quiz(mode="exam")
    with pytest.raises(ValueError, match="learner id looks like"):
        make_quiz(learner="jane@example.com")


def test_controls_are_labelled(make_quiz):
    quiz = make_quiz(confidence=True)
    for slot in range(len(quiz.slots)):
        quiz.go_to(slot)
        for widget in walk(quiz.current):
            if isinstance(widget, (widgets.RadioButtons, widgets.Dropdown, widgets.Text, widgets.Textarea)):
                assert widget.description, f"{type(widget).__name__} without a label"
            if isinstance(widget, (widgets.Checkbox, widgets.Button)):
                assert widget.description


def test_static_form_lists_every_question_with_its_answer_hidden(make_quiz):
    quiz = make_quiz()
    bundle = quiz._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    html, text = data["text/html"], data["text/plain"]
    assert html.count("<details><summary>Show the answer</summary>") == len(quiz.slots) == 8
    assert "Question 8 of 8" in html
    shown = text_of(html)
    assert "Select every feature that fits milia." in shown and "The right answers: White or yellowish" in shown
    assert "A model answer: They are probably milia" in shown and "The right order: Inflammation" in shown
    assert "\n" not in text and text.startswith("Quiz: Skin healing (test bank), question 1 of 8")
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == quiz.model_id


# --- Bank text is never markup --------------------------------------------------------------

HOSTILE = (
    " <script>alert(document.cookie)</script> <img src=x onerror=alert(document.domain)>"
    " **bold** <b>bold</b> [link](javascript:alert(document.cookie)) &amp;"
)
RAW = ("<script", "</script", "<img", "<b>bold")  # tags from the bank; escaped they are harmless text


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def _poison(node, key=None):
    texts = {"stem", "text", "feedback", "prompt", "match", "model_answer", "early_feedback", "under_feedback"}
    if isinstance(node, dict):
        return {k: _poison(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_poison(v, key) for v in node]
    if isinstance(node, str) and key in texts | {"rubric", "distractors", "title"}:
        return node + HOSTILE
    return node


@pytest.fixture
def hostile_data(valid_data):
    path = valid_data / "quizzes" / f"{BANK_ID}.yaml"
    document = _poison(yaml.safe_load(path.read_text()))
    for item in document["items"]:
        item["hint"] = "Look again." + HOSTILE
        item["section"] = "javascript:alert(document.cookie)"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    assert check(valid_data) == []
    return valid_data


def test_markup_in_a_bank_never_reaches_an_html_widget_unescaped(hostile_data, tmp_path):
    quiz = show_quiz(BANK_ID, learner=LEARNER, data_dir=hostile_data, progress_dir=tmp_path, confidence=True)
    html_values = [quiz.static_html()]
    for slot in range(len(quiz.slots)):
        quiz.go_to(slot)
        view = quiz.current
        answer = view.answer
        html_values.append(view.heading.value)
        # A wrong (or incomplete) answer first, for the hint; then the explanation.
        if hasattr(answer, "choice"):
            answer.choice.value = answer.choice.options[0][1]
        elif hasattr(answer, "boxes"):
            next(iter(answer.boxes.values())).value = True
        elif hasattr(answer, "dropdowns"):
            for dropdown in answer.dropdowns.values():
                dropdown.value = dropdown.options[1][1]
        elif hasattr(answer, "fields"):
            answer.fields[0].value, answer.fields[1].value = "1", "2"
        elif hasattr(answer, "level"):
            answer.level.value, answer.recipient.value = "monitor", answer.recipient.options[0][1]
        elif hasattr(answer, "text"):
            answer.text.value = "<script>alert(document.cookie)</script>"
        if view.certainty is not None:
            view.certainty.value = 3
        view.submit.click()
        assert view.message.value == "", view.message.value
        html_values.append(view.feedback.value)
        view.explain.click()
        html_values.append(view.feedback.value)
        for widget in walk(quiz):
            if isinstance(widget, (widgets.HTML, widgets.HTMLMath)):
                html_values.append(widget.value)
            if isinstance(widget, widgets.widget_description.DescriptionWidget):
                assert widget.description_allow_html is False
    assert any("&lt;script&gt;" in value for value in html_values)  # the text is there, escaped
    for value in html_values:
        for raw in RAW:
            assert raw not in value
        assert 'href="javascript' not in value
    # Plain-text widgets show the text as it is written, not double-escaped.
    quiz.go_to(0)
    labels = [label for w in walk(quiz) if isinstance(w, widgets.RadioButtons) for label, _ in w.options]
    assert any("<b>bold</b>" in label for label in labels) and not any("&lt;" in label for label in labels)


# --- Every real bank works in the widget ------------------------------------------------------


def answer_with_the_key(view) -> None:
    item, answer = view.item, view.answer
    if item.type == "single-choice":
        answer.choice.value = next(o.id for o in item.options if o.correct)
    elif item.type == "multi-select":
        for option in item.options:
            answer.boxes[option.id].value = option.correct
    elif item.type == "ordering":
        put_in_order(view, [s.id for s in item.steps])
    elif item.type == "matching":
        for pair in item.pairs:
            answer.dropdowns[pair.id].value = pair.match
    elif item.type == "day-window":
        days = [item.window.start_day, item.window.end_day][: len(answer.fields)]
        for field, day in zip(answer.fields, days, strict=True):
            field.value = f"{day:g}"
    elif item.type == "triage":
        answer.level.value = item.triage.level
        if answer.recipient is not None:
            answer.recipient.value = next(o.id for o in item.options if o.correct)
    else:
        answer.text.value = "My own words."


REAL_BANKS = [bank.id for bank in load_course().of_kind("quiz")]


@pytest.mark.parametrize("bank_id", REAL_BANKS)
def test_every_question_of_a_real_bank_can_be_answered_right(bank_id, tmp_path):
    (bank,) = [b for b in load_course().of_kind("quiz") if b.id == bank_id]
    items = [i.id for i in bank.items if i.status != "retired"]
    quiz = show_quiz(bank_id, items, learner=LEARNER, progress_dir=tmp_path, confidence=True)
    assert quiz.static_html().count("<summary>Show the answer</summary>") == len(items)
    for slot in range(len(items)):
        quiz.go_to(slot)
        view = quiz.current
        answer_with_the_key(view)
        if view.certainty is not None:
            view.certainty.value = 2
        view.submit.click()
        assert view.message.value == "", f"{view.item.id}: {view.message.value}"
        assert text_of(view.feedback.value)[0] in "✔✎", f"{view.item.id}: {text_of(view.feedback.value)[:200]}"


def test_static_form_of_triage_questions_carries_the_notice_and_scope_reminder(tmp_path):
    """Its answers show urgency levels, so the notice goes with them; other quizzes do without."""
    triage = show_quiz("07-triage-referral", ["vision-emergency-a"], learner=LEARNER, progress_dir=tmp_path)
    assert "Educational use only" in triage.static_html() and "Scope of practice" in triage.static_html()
    plain = show_quiz("01-skin-healing", 1, learner=LEARNER, progress_dir=tmp_path)
    assert "Scope of practice" not in plain.static_html()
