"""Grading, seeded shuffles, retries, certainty-based marking and the question-bank schema."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course import quiz
from course._schema import validate
from course.content import check, load_course
from course.models import TRIAGE_LEVELS, QuestionBank, QuizItem, QuizOption
from course.quiz import InvalidAnswer, NoAnswer, RatedAnswer, grade
from tests.conftest import REPO, TEST_DATA

BANK: QuestionBank = load_course(TEST_DATA / "valid").of_kind("quiz")[0]
ITEMS = {item.id: item for item in BANK.items}
LEARNERS = st.from_regex(r"learner-[0-9a-f]{6}", fullmatch=True)


def item(item_id: str, **changes) -> QuizItem:
    return dataclasses.replace(ITEMS[item_id], **changes)


# --- The bank loads as typed objects ---------------------------------------------


def test_the_test_bank_loads_with_every_type_of_item():
    assert BANK.lesson == "skin-healing"
    assert {i.type for i in BANK.items} == {
        "single-choice",
        "multi-select",
        "ordering",
        "matching",
        "day-window",
        "triage",
        "free-text",
    }
    assert ITEMS["milia-when"].options[1].day == 7.0
    assert ITEMS["dusky-lip"].must_pass and ITEMS["dusky-lip"].triage.level == "emergency"
    with pytest.raises(KeyError, match="milia-what-a"):
        BANK.item("nope")


# --- Single choice ------------------------------------------------------------------


def test_single_choice_right_and_wrong():
    right = grade(ITEMS["milia-what-a"], "milia")
    assert (right.score, right.max_score, right.correct, right.summary) == (1, 1, True, "Correct.")
    wrong = grade(ITEMS["milia-what-a"], "whitehead")
    assert (wrong.score, wrong.correct, wrong.summary) == (0, False, "Not quite.")
    chosen = [f for f in wrong.feedback if f.chosen]
    assert [(f.target, f.right) for f in chosen] == [("whitehead", False)]
    assert "The answer is milia" in chosen[0].text
    # Every option's explanation comes back, each marked chosen or not.
    assert [f.target for f in wrong.feedback] == ["milia", "whitehead", "pustule"]


# --- Multi-select -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("selected", "score", "correct"),
    [
        (["white", "firm"], 2, True),
        (["white"], 1, False),
        (["white", "firm", "painful"], 1, False),
        (["white", "painful"], 0, False),
        (["painful", "spreading"], 0, False),  # floored at 0, not -2
    ],
)
def test_multi_select_partial_credit_is_right_minus_wrong_floored_at_zero(selected, score, correct):
    result = grade(ITEMS["milia-features"], selected)
    assert (result.score, result.max_score, result.correct) == (score, 2, correct)


def test_multi_select_all_or_nothing():
    strict = item("milia-features", scoring="all-or-nothing")
    assert grade(strict, ["white", "firm"]).score == 1
    assert (grade(strict, ["white"]).score, grade(strict, ["white"]).max_score) == (0, 1)


def test_multi_select_feedback_covers_selected_and_unselected_options():
    result = grade(ITEMS["milia-features"], {"white", "painful"})
    marks = {f.target: (f.chosen, f.right) for f in result.feedback}
    assert marks == {
        "white": (True, True),
        "firm": (False, False),  # a correct option left out
        "painful": (True, False),
        "spreading": (False, True),  # a wrong option rightly left out
    }
    assert result.answer == ["white", "painful"]  # canonical: authored order, JSON-friendly


# --- Ordering ----------------------------------------------------------------------


def test_ordering_right_order_scores_every_pair():
    result = grade(ITEMS["healing-order"], ["inflammation", "proliferation", "remodelling"])
    assert (result.score, result.max_score, result.correct, result.feedback) == (2, 2, True, ())


def test_ordering_gives_adjacent_pair_credit_and_feedback_on_first_step_out_of_place():
    result = grade(ITEMS["healing-order"], ["proliferation", "remodelling", "inflammation"])
    assert (result.score, result.max_score, result.correct) == (1, 2, False)  # proliferation→remodelling holds
    assert [(f.target, f.right) for f in result.feedback] == [("proliferation", False)]
    assert result.feedback[0].text.startswith("Proliferation")
    assert "position 1" in result.summary


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (["inflammation", "proliferation"], "missing 'remodelling'"),
        (["inflammation", "inflammation", "remodelling"], "repeated 'inflammation'"),
        (["inflammation", "scarring", "remodelling"], "'scarring' is not a step"),
        ("inflammation", "expected a list of step ids"),
    ],
)
def test_ordering_rejects_answers_that_are_not_a_permutation(answer, message):
    with pytest.raises(InvalidAnswer, match=re.escape(message)):
        grade(ITEMS["healing-order"], answer)


# --- Matching ----------------------------------------------------------------------


def test_matching_scores_and_explains_every_pair():
    answer = {"milium": "Keratin", "pustule": "Blood", "vesicle": "Clear fluid"}
    result = grade(ITEMS["lesion-match"], answer)
    assert (result.score, result.max_score, result.correct) == (2, 3, False)
    assert [(f.target, f.right) for f in result.feedback] == [("milium", True), ("pustule", False), ("vesicle", True)]
    assert result.summary == "Partly right: 2 of 3."


def test_matching_choices_include_distractors_and_are_seeded():
    assert quiz.matching_choices(ITEMS["lesion-match"]) == ("Keratin", "Pus", "Clear fluid", "Blood")
    shuffled = quiz.matching_choices(ITEMS["lesion-match"], "learner-abc123", 1)
    assert sorted(shuffled) == sorted(quiz.matching_choices(ITEMS["lesion-match"]))
    assert shuffled == quiz.matching_choices(ITEMS["lesion-match"], "learner-abc123", 1)
    fixed = item("lesion-match", option_order_fixed=True)
    assert quiz.matching_choices(fixed, "learner-abc123", 1) == ("Keratin", "Pus", "Clear fluid", "Blood")


def test_matching_names_the_prompts_still_to_match():
    with pytest.raises(NoAnswer, match="Still to match: Pustule, Vesicle"):
        grade(ITEMS["lesion-match"], {"milium": "Keratin", "pustule": ""})


def test_matching_rejects_unknown_pairs_and_choices():
    with pytest.raises(InvalidAnswer, match=r"'papule' is not a pair.*'milium', 'pustule', 'vesicle'"):
        grade(ITEMS["lesion-match"], {"papule": "Keratin"})
    with pytest.raises(InvalidAnswer, match=r"'Sebum' \(for pair 'pustule'\) is not a choice.*'Blood'"):
        grade(ITEMS["lesion-match"], {"milium": "Keratin", "pustule": "Sebum", "vesicle": "Pus"})


# --- Day window ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "correct"),
    [([7, 42], True), ([4, 45], True), ([10, 39], True), ([3, 42], False), ([7, 46], False), ([0, 90], False)],
)
def test_day_range_is_right_within_tolerance_of_both_ends(answer, correct):
    result = grade(ITEMS["milia-window"], answer)  # days 7 to 42, tolerance 3
    assert (result.correct, result.score, result.max_score) == (correct, 1 if correct else 0, 1)


def test_day_range_feedback_says_too_early():
    result = grade(ITEMS["milia-window"], [1, 3])
    assert result.summary == "Not quite: you gave days 1 to 3; the answer is days 7 to 42."
    assert [f.target for f in result.feedback] == ["window", "early"]
    assert "flare" in result.feedback[1].text


def test_single_day_answer_counts_inside_the_window():
    window = dataclasses.replace(ITEMS["milia-window"].window, answer_form="day", tolerance_days=0)
    day_item = item("milia-window", window=window)
    assert grade(day_item, 7).correct and grade(day_item, 42.0).correct
    assert not grade(day_item, 6.5).correct
    assert grade(day_item, 50).summary.startswith("Not quite: you gave day 50")
    with pytest.raises(InvalidAnswer, match="expected a day"):
        grade(day_item, [7, 42])


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ([9, 8], "the first day (9) is after the last day (8)"),
        ([-1, 8], "a day is a number from 0 up"),
        ([float("nan"), 8], "a day is a number from 0 up"),
        (["7", 8], "expected a day"),
        ([True, 8], "expected a day"),
        ([1, 2, 3], "expected [first day, last day]"),
    ],
)
def test_day_range_rejects_invalid_days(answer, message):
    with pytest.raises(InvalidAnswer, match=re.escape(message)):
        grade(ITEMS["milia-window"], answer)


# --- Triage ---------------------------------------------------------------------------


def test_triage_right_level_and_recipient():
    result = grade(ITEMS["dusky-lip"], {"level": "emergency", "recipient": "injector"})
    assert (result.score, result.max_score, result.correct, result.critical) == (2, 2, True, False)
    assert result.answer == {"level": "emergency", "recipient": "injector"}


def test_under_triage_of_an_emergency_is_a_critical_error_apart_from_the_score():
    result = grade(ITEMS["dusky-lip"], {"level": "routine", "recipient": "injector"})
    assert result.critical and not result.correct
    assert result.score == 1  # the recipient mark still counts; the flag is separate
    assert result.critical_reason.startswith("This needs emergency action. Choosing routine could delay care")
    assert [f.target for f in result.feedback][:2] == ["level", "under-triage"]


def test_over_triage_is_a_minor_deduction_and_not_critical():
    urgent = item("dusky-lip", triage=dataclasses.replace(ITEMS["dusky-lip"].triage, level="urgent"), options=())
    over = grade(urgent, "emergency")
    assert (over.score, over.max_score, over.correct, over.critical) == (0.75, 1, False, False)
    assert over.summary == "More urgent than needed: this needs urgent action, not emergency."
    assert grade(urgent, "urgent").score == 1
    assert grade(urgent, "same-day").critical


def test_under_triage_of_a_routine_presentation_is_wrong_but_not_critical():
    same_day = item("dusky-lip", triage=dataclasses.replace(ITEMS["dusky-lip"].triage, level="same-day"), options=())
    result = grade(same_day, "monitor")
    assert (result.score, result.critical) == (0, False)


def test_triage_wrong_recipient_loses_that_mark_only():
    result = grade(ITEMS["dusky-lip"], {"level": "emergency", "recipient": "gp-next-week"})
    assert (result.score, result.max_score, result.correct) == (1, 2, False)
    assert result.summary == "The level is right, but not whom to contact."


@pytest.mark.parametrize(
    ("answer", "error", "message"),
    [
        ("emergency", NoAnswer, "Choose whom to contact."),
        ({"level": "asap", "recipient": "injector"}, InvalidAnswer, "'asap' is not an action level; valid levels:"),
        ({"level": "urgent", "recipient": "police"}, InvalidAnswer, "'police' is not an option for whom to contact"),
        ({"level": "urgent", "who": "x"}, InvalidAnswer, "'who' is not part of a triage answer"),
    ],
)
def test_triage_answer_problems(answer, error, message):
    with pytest.raises(error, match=re.escape(message)):
        grade(ITEMS["dusky-lip"], answer)


# --- Free text ----------------------------------------------------------------------


def test_free_text_is_submitted_not_scored_and_shows_model_answer_and_rubric():
    result = grade(ITEMS["explain-bumps"], "  They are milia; leave them alone.  ")
    assert (result.score, result.max_score, result.correct, result.auto_scored) == (1, 1, True, False)
    assert result.answer == "They are milia; leave them alone."
    assert result.feedback[0].target == "model-answer"
    assert result.feedback[0].text == ITEMS["explain-bumps"].model_answer
    assert [f.text for f in result.feedback[1:]] == list(ITEMS["explain-bumps"].rubric)


def test_free_text_takes_no_certainty():
    with pytest.raises(ValueError, match="not marked for certainty"):
        grade(ITEMS["explain-bumps"], "milia", certainty=2)


# --- Empty and invalid answers, for every type ----------------------------------------


EMPTY = [
    ("milia-what-a", None, "Choose an option."),
    ("milia-what-a", "", "Choose an option."),
    ("milia-features", [], "Select at least one option."),
    ("healing-order", [], "Put the steps in order first."),
    ("lesion-match", {}, "Choose a match for each item."),
    ("milia-window", None, "Give a first and a last day."),
    ("milia-window", [7, None], "Give both a first and a last day."),
    ("dusky-lip", None, "Choose an action level."),
    ("dusky-lip", {"level": "", "recipient": "injector"}, "Choose an action level."),
    ("explain-bumps", "   \n", "Write your answer first."),
]


@pytest.mark.parametrize(("item_id", "answer", "message"), EMPTY)
def test_an_empty_answer_raises_no_answer_with_a_plain_message(item_id, answer, message):
    with pytest.raises(NoAnswer) as raised:
        grade(ITEMS[item_id], answer)
    assert str(raised.value).startswith(message)
    assert isinstance(raised.value, ValueError)


def test_every_type_has_an_empty_answer_case():
    assert {ITEMS[i].type for i, _, _ in EMPTY} == {i.type for i in BANK.items}


INVALID = [
    ("milia-what-a", "cold-sore", "'cold-sore' is not an option of item 'milia-what-a'"),
    ("milia-what-a", 3, "3 is not an option"),
    ("milia-features", ["white", "oily"], "'oily' is not an option"),
    ("milia-features", "white", "expected a list of option ids"),
    ("healing-order", ["inflammation", "x", "remodelling"], "'x' is not a step"),
    ("lesion-match", ["Keratin"], "expected {pair id: answer}"),
    ("milia-window", "a week", "expected [first day, last day]"),
    ("dusky-lip", {"level": "soon", "recipient": "injector"}, "'soon' is not an action level"),
    ("explain-bumps", ["milia"], "expected text"),
]


@pytest.mark.parametrize(("item_id", "answer", "message"), INVALID)
def test_an_invalid_answer_names_the_bad_value(item_id, answer, message):
    with pytest.raises(InvalidAnswer, match=re.escape(message)):
        grade(ITEMS[item_id], answer)


def test_invalid_option_error_lists_the_valid_options():
    with pytest.raises(ValueError, match=re.escape("valid options: 'milia', 'whitehead', 'pustule'")):
        grade(ITEMS["milia-what-a"], "cold-sore")


# --- Certainty-based marking ------------------------------------------------------------


@pytest.mark.parametrize(("certainty", "right", "wrong"), [(1, 1, 0), (2, 2, -2), (3, 3, -6)])
def test_cbm_marks(certainty, right, wrong):
    assert quiz.cbm_mark(True, certainty) == right
    assert quiz.cbm_mark(False, certainty) == wrong
    assert grade(ITEMS["milia-what-a"], "milia", certainty=certainty).cbm_mark == right
    assert grade(ITEMS["milia-what-a"], "pustule", certainty=certainty).cbm_mark == wrong


@pytest.mark.parametrize("certainty", [0, 4, True, "3", 2.5])
def test_cbm_rejects_other_certainties(certainty):
    with pytest.raises(ValueError, match="certainty must be 1, 2 or 3"):
        grade(ITEMS["milia-what-a"], "milia", certainty=certainty)


def test_calibration_reports_accuracy_per_level_and_confident_wrong_must_pass_items():
    answers = [
        RatedAnswer("a", 3, True),
        RatedAnswer("b", 3, False, must_pass=True),
        RatedAnswer("c", 3, True),
        RatedAnswer("d", 1, True),
        RatedAnswer("e", 1, False, must_pass=True),  # unsure: not "confident wrong"
        RatedAnswer("f", 2, False, must_pass=True),
    ]
    summary = quiz.calibrate(answers)
    one, two, three = summary.levels
    assert (three.answered, three.correct, three.marks) == (3, 2, 0)
    assert three.accuracy == pytest.approx(2 / 3)
    assert "right 67% of the time" in three.advice and "choose a lower one" in three.advice
    assert one.accuracy == 0.5 and one.advice.endswith("Well calibrated.")
    assert two.accuracy == 0.0
    assert summary.total_marks == 0 + 1 - 2
    assert summary.answered == 6
    assert summary.confident_wrong_must_pass == ("b", "f")


def test_calibration_of_nothing():
    summary = quiz.calibrate([])
    assert summary.answered == 0 and all(level.accuracy is None for level in summary.levels)
    assert summary.levels[0].advice == "You did not use certainty 1."


def test_an_under_confident_learner_is_told_so():
    summary = quiz.calibrate([RatedAnswer(str(n), 1, True) for n in range(5)])
    assert summary.levels[0].advice.endswith("You could have chosen a higher certainty.")


# --- Property tests: scores stay in range -----------------------------------------------


def answers_for(it: QuizItem) -> st.SearchStrategy:
    """Any valid answer to ``it``."""
    option_ids = [o.id for o in it.options]
    if it.type == "single-choice":
        return st.sampled_from(option_ids)
    if it.type == "multi-select":
        return st.lists(st.sampled_from(option_ids), min_size=1, unique=True)
    if it.type == "ordering":
        return st.permutations([s.id for s in it.steps])
    if it.type == "matching":
        choices = quiz.matching_choices(it)
        return st.fixed_dictionaries({p.id: st.sampled_from(choices) for p in it.pairs})
    if it.type == "day-window":
        days = st.floats(min_value=0, max_value=120, allow_nan=False)
        return st.tuples(days, days).map(sorted)
    if it.type == "triage":
        return st.fixed_dictionaries(
            {"level": st.sampled_from(TRIAGE_LEVELS), "recipient": st.sampled_from(option_ids)}
        )
    return st.text(min_size=1).filter(str.strip)


@st.composite
def graded(draw):
    it = draw(st.sampled_from(BANK.items))
    if it.type == "multi-select":
        it = dataclasses.replace(it, scoring=draw(st.sampled_from(["partial", "all-or-nothing"])))
    certainty = None if it.type == "free-text" else draw(st.none() | st.sampled_from([1, 2, 3]))
    return it, grade(it, draw(answers_for(it)), certainty)


@settings(max_examples=400, deadline=None)
@given(graded())
def test_scores_stay_between_zero_and_the_maximum(case):
    it, result = case
    assert 0 <= result.score <= result.max_score
    assert result.correct == (result.score == result.max_score) or it.type == "triage"
    if result.cbm_mark is not None:
        assert -6 <= result.cbm_mark <= 3
        assert result.cbm_mark == quiz.cbm_mark(result.correct, result.certainty)
    json.dumps(result.answer)  # what progress stores is plain JSON


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(TRIAGE_LEVELS), st.sampled_from(TRIAGE_LEVELS))
def test_triage_critical_exactly_when_an_urgent_or_emergency_case_is_under_triaged(key, chosen):
    it = item("dusky-lip", triage=dataclasses.replace(ITEMS["dusky-lip"].triage, level=key), options=())
    result = grade(it, chosen)
    under = TRIAGE_LEVELS.index(chosen) > TRIAGE_LEVELS.index(key)
    assert result.critical == (under and key in ("emergency", "urgent"))
    assert 0 <= result.score <= 1


# --- Property tests: seeded shuffles ----------------------------------------------------

SHUFFLED = [i for i in BANK.items if (i.options or i.steps or i.pairs) and not i.option_order_fixed]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(BANK.items), LEARNERS, st.integers(min_value=1, max_value=50))
def test_presentation_order_is_a_reproducible_permutation(it, learner, attempt):
    order = quiz.presentation_order(it, learner, attempt)
    ids = [o.id for o in it.options] or [s.id for s in it.steps] or [p.id for p in it.pairs]
    assert sorted(order) == sorted(ids)
    assert order == quiz.presentation_order(it, learner, attempt)
    if it.option_order_fixed:
        assert list(order) == ids
    if it.steps:
        assert list(order) != ids  # an ordering task is never shown solved


@settings(max_examples=50, deadline=None)
@given(LEARNERS)
def test_attempts_bring_new_orders(learner):
    for it in SHUFFLED:
        assert len({quiz.presentation_order(it, learner, attempt) for attempt in range(1, 11)}) > 1, it.id


def test_most_items_are_shuffled_differently_on_the_next_attempt():
    learners = [f"learner-{n:06x}" for n in range(200)]
    changed = [
        quiz.presentation_order(it, learner, 1) != quiz.presentation_order(it, learner, 2)
        for it in SHUFFLED
        for learner in learners
    ]
    assert len(SHUFFLED) >= 5
    assert sum(changed) / len(changed) > 0.7  # 3 options: 5 in 6 differ by chance alone


def test_a_session_seed_changes_the_order_for_the_whole_class():
    it = ITEMS["milia-features"]
    orders = {quiz.presentation_order(it, "learner-abc123", 1, session_seed=f"class-{n}") for n in range(10)}
    assert len(orders) > 1


def test_the_seed_does_not_depend_on_pythons_salted_hash():
    code = "from course.quiz import seed_for\nprint(seed_for('learner-7f3a9c', 'milia-what-a', 2))"
    seeds = set()
    for salt in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": salt, "PYTHONPATH": str(REPO)}
        run = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
        )
        seeds.add(run.stdout.strip())
    assert seeds == {str(quiz.seed_for("learner-7f3a9c", "milia-what-a", 2))}


def test_item_order_is_seeded_and_leaves_out_retired_items():
    retired = dataclasses.replace(BANK, items=(item("milia-what-b", status="retired"), *BANK.items[2:]))
    order = quiz.item_order(retired, "learner-abc123", 1)
    assert "milia-what-b" not in [i.id for i in order]
    assert order == quiz.item_order(retired, "learner-abc123", 1)
    assert sorted(i.id for i in order) == sorted(i.id for i in BANK.items[2:])


# --- Retries and must-pass --------------------------------------------------------------


def test_a_retry_uses_the_other_parallel_version():
    assert quiz.next_parallel_item(BANK, ITEMS["milia-what-a"], 2).id == "milia-what-b"
    assert quiz.next_parallel_item(BANK, ITEMS["milia-what-b"], 3).id == "milia-what-a"


def test_without_a_group_a_retry_uses_another_item_of_the_objective_same_type_first():
    retry = quiz.next_parallel_item(BANK, ITEMS["milia-when"], 2)
    assert retry.id != "milia-when" and retry.type == "single-choice"
    seen = {quiz.next_parallel_item(BANK, ITEMS["milia-when"], n).id for n in range(2, 6)}
    assert seen == {"milia-what-a", "milia-what-b"}  # taken in turn


def test_a_lone_item_comes_back_and_retired_items_are_never_chosen():
    lone = dataclasses.replace(BANK, items=(ITEMS["milia-what-a"], item("milia-what-b", status="retired")))
    assert quiz.next_parallel_item(lone, ITEMS["milia-what-a"], 2).id == "milia-what-a"
    with pytest.raises(ValueError, match="attempt counts from 1"):
        quiz.next_parallel_item(BANK, ITEMS["milia-what-a"], 0)


def test_must_pass_items_decide_completion_whatever_the_score():
    assert quiz.open_must_pass(BANK, []) == ("dusky-lip",)
    everything_but = [i.id for i in BANK.items if i.id != "dusky-lip"]
    assert not quiz.lesson_complete(BANK, everything_but)
    assert quiz.lesson_complete(BANK, ["dusky-lip"])


def test_any_parallel_version_meets_a_must_pass_requirement():
    grouped = dataclasses.replace(
        BANK, items=(item("milia-what-a", must_pass=True), item("milia-what-b", must_pass=True), *BANK.items[2:])
    )
    assert quiz.open_must_pass(grouped, ["dusky-lip"]) == ("milia-what-a",)
    assert quiz.lesson_complete(grouped, ["dusky-lip", "milia-what-b"])


# --- Plain text only, pure module ---------------------------------------------------------


def test_grading_returns_the_banks_text_unchanged_and_adds_no_markup():
    marked = item(
        "milia-what-a",
        options=tuple(
            dataclasses.replace(o, feedback=f"<b>{o.feedback}</b> & <script>x</script>")
            for o in ITEMS["milia-what-a"].options
        ),
    )
    result = grade(marked, "whitehead")
    assert [f.text for f in result.feedback] == [o.feedback for o in marked.options]  # not escaped, not wrapped


@settings(max_examples=200, deadline=None)
@given(graded())
def test_results_hold_plain_text_only(case):
    _, result = case
    texts = [result.summary, result.critical_reason or "", *(f.text for f in result.feedback)]
    assert not any(re.search(r"<[a-zA-Z/]|&[a-z]+;", t) for t in texts)


def test_quiz_and_progress_source_write_no_html_tags():
    # Each may be a module or a package of modules.
    sources = [path for name in ("quiz", "progress") for path in (REPO / "course").glob(f"{name}.py")]
    sources += [path for name in ("quiz", "progress") for path in (REPO / "course" / name).glob("*.py")]
    assert any(path.parent.name == "quiz" for path in sources)
    for path in sources:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"<(b|i|p|div|span|br|strong|em|a|ul|li|script)\b", source), path


@pytest.mark.parametrize("module", ["course.quiz", "course.progress"])
def test_logic_imports_without_widgets_or_plots(module):
    views = ("ipywidgets", "matplotlib")
    code = f"import json, sys, {module}\nprint(json.dumps([m for m in sys.modules if m.split('.')[0] in {views!r}]))"
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == []


# --- Schema rules beyond the broken fixtures ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("All of the above", True),
        ("NONE OF THE ABOVE.", True),
        ("all of these", True),
        ("None of these!", True),
        ("All the above", True),
        ("All three layers of the skin", False),
        ("None: it needs no treatment", False),
        ("Above the lip border", False),
    ],
)
def test_catch_all_options_are_rejected_in_any_spelling(text, flagged):
    option = {"id": "x", "text": text, "feedback": "Because."}
    _, issues, _ = validate(option, QuizOption)
    assert bool(issues) == flagged
    if flagged:
        assert issues[0].field == "text"


def test_a_sourced_item_must_cite_a_published_source(valid_data):
    bank = valid_data / "quizzes" / "01-skin-healing.yaml"
    bank.write_text(
        bank.read_text().replace(
            "    refs: [FACTSHEET]\n    evidence: A\n", "    refs: [FACTSHEET]\n    evidence: S\n", 1
        )
    )
    problems = check(valid_data)
    assert [(p.line, p.field) for p in problems] == [(52, "items[2].refs")]
    assert "must cite a published source" in problems[0].message


def test_retired_items_do_not_count_towards_the_three_per_objective(valid_data):
    bank = valid_data / "quizzes" / "01-skin-healing.yaml"
    text = bank.read_text()
    kept, _, _ = text.partition("  - id: milia-features")
    retired = kept.replace("    version: 2\n", "    version: 2\n    status: retired\n")
    bank.write_text(retired)
    problems = check(valid_data)
    assert [(p.line, p.field) for p in problems] == [(4, "lesson")]
    assert problems[0].message.startswith("objective L1.O1 has 2 items in this bank")


# --- Drawing the items of one sitting -------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(LEARNERS)
def test_a_sitting_has_one_version_of_each_parallel_group(learner):
    items = quiz.draw_items(BANK, learner)
    ids = {i.id for i in items}
    assert len(ids & {"milia-what-a", "milia-what-b"}) == 1
    assert len(items) == len(BANK.items) - 1
    assert quiz.draw_items(BANK, learner) == items  # seeded: the same every time


def test_a_sitting_draws_n_items_per_objective_without_replacement():
    items = quiz.draw_items(BANK, "learner-7f3a9c", per_objective=2)
    assert len(items) == 2 and len({i.id for i in items}) == 2
    assert all(i.parallel_group is None or i.parallel_group != items[0].parallel_group for i in items[1:])
    with pytest.raises(ValueError, match="per_objective is a number of items from 1 up"):
        quiz.draw_items(BANK, "learner-7f3a9c", per_objective=0)


def test_retired_items_are_never_drawn():
    retired = dataclasses.replace(
        BANK, items=tuple(item(i.id, status="retired") for i in BANK.items[:3]) + BANK.items[3:]
    )
    drawn = {i.id for i in quiz.draw_items(retired, "learner-7f3a9c")}
    assert drawn.isdisjoint({i.id for i in BANK.items[:3]})
