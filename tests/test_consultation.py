"""The client-card risk simulator: its data, its logic, and the widget as a learner uses it."""

from __future__ import annotations

import shutil

import pytest

from course.consultation import (
    DECISIONS,
    card_ids,
    card_set,
    check_card,
    decide,
    expected_decision_problems,
    get_card,
    grade_decision,
    grade_ticks,
    history_items,
    mark_flags,
    most_cautious,
)
from course.content import ContentError, check, default_data_dir, load_course
from course.widgets.consultation import (
    CHOOSE_FIRST,
    FLAG_MARK,
    NOT_FLAG_MARK,
    TICK_FIRST,
    ClientCardWidget,
    show_client_card,
)
from tests.conftest import text_of

# The items the clinical fact base does not support may only send the client to her prescriber or injector.
NOT_IN_THE_FACT_BASE = {"keloids", "isotretinoin", "blood-thinner", "immune-medicine", "recent-filler"}


# --- The data ---------------------------------------------------------------------


def test_the_cards_load_and_every_expected_decision_follows_from_the_clients_items():
    assert 3 <= len(card_ids()) <= 4
    assert expected_decision_problems() == []
    assert {get_card(c).expected for c in card_ids()} == set(DECISIONS)  # every decision is taught


def test_items_the_fact_base_does_not_support_only_refer_and_are_approximate():
    items = {i.id: i for i in history_items()}
    assert NOT_IN_THE_FACT_BASE <= set(items)
    for item_id in NOT_IN_THE_FACT_BASE:
        item = items[item_id]
        assert item.flag and item.decision == "refer" and item.evidence == "A", item_id
        assert "FACTSHEET" in item.refs, item_id
    assert not {"pregnancy", "pregnant"} & set(items)


def test_every_item_cites_real_references_and_the_cold_sore_items_cite_the_prophylaxis_sources():
    references = load_course().references
    for item in history_items():
        assert item.refs and all(key in references for key in item.refs)
    items = {i.id: i for i in history_items()}
    for item_id in ("active-cold-sore", "cold-sore-history"):
        assert {"VAGHELA21", "GILBERT01"} <= set(items[item_id].refs)
        assert items[item_id].decision == "refer"
    assert items["own-serum"].flag and {"SOLTANI14", "FRIEDMANN24"} <= set(items["own-serum"].refs)


def _broken_copy(tmp_path, old: str, new: str):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    path = data / "client-cards.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return data


def test_a_card_that_names_an_unknown_item_is_reported(tmp_path):
    data = _broken_copy(
        tmp_path, "items: [acne-prone, brown-marks, own-serum]", "items: [acne-prone, brown-marks, glitter]"
    )
    problems = "\n".join(map(str, check(data)))
    assert "cards[1].items[2]: unknown history-item 'glitter'; known: acne-prone" in problems
    with pytest.raises(ContentError):
        load_course(data)


def test_a_card_without_feedback_for_every_decision_is_reported(tmp_path):
    feedback = (
        "      - decision: defer\n        text: >-\n          Half right. Postponing today is right, but a peel can"
        " wake the virus again next time.\n          She should ask a prescriber about preventive antivirals"
        ' before she rebooks, and that\n          referral makes the decision "refer".\n'
    )
    data = _broken_copy(tmp_path, feedback, "")
    problems = "\n".join(map(str, check(data)))
    assert "cards[0].feedback: give feedback for every decision; missing: defer" in problems


def test_an_item_that_is_not_a_flag_cannot_change_the_decision(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    path = data / "client-cards.yaml"
    text = path.read_text()
    marker = "  - id: fordyce-spots\n    label: Tiny pale-yellow dots on the lip border, also seen in old photos\n"
    assert marker in text
    start = text.index(marker)
    end = text.index("decision: treat", start)
    path.write_text(text[:end] + "decision: defer" + text[end + len("decision: treat") :])
    problems = "\n".join(map(str, check(data)))
    assert "items[2].decision: an item that is not a flag cannot change the decision; use treat" in problems


# --- The logic --------------------------------------------------------------------


def test_the_most_cautious_decision_wins():
    assert most_cautious([]) == "treat"
    assert most_cautious(["treat", "defer"]) == "defer"
    assert most_cautious(["defer", "refer", "treat"]) == "refer"
    assert decide([]).decision == "treat"
    assert decide(["fordyce-spots", "settled-redness"]).decision == "treat"
    assert decide(["brown-marks", "own-serum"]).decision == "treat"
    assert decide(["brown-marks", "metal-allergy"]).decision == "defer"
    result = decide(["metal-allergy", "isotretinoin", "own-serum", "settled-redness"])
    assert result.decision == "refer"
    assert [i.id for i in result.deciding] == ["isotretinoin"]
    assert [i.id for i in result.plan_changes] == ["own-serum"]
    assert [i.id for i in result.not_flags] == ["settled-redness"]


def test_ticking_one_more_item_never_makes_the_decision_less_cautious():
    ids = [i.id for i in history_items()]
    rank = {d: r for r, d in enumerate(DECISIONS)}
    for first in ids:
        for second in ids:
            assert rank[decide([first, second]).decision] <= rank[decide([first]).decision]


def test_unknown_items_and_decisions_are_value_errors_listing_the_valid_ones():
    with pytest.raises(ValueError, match="unknown history item\\(s\\) 'glitter'; valid items: active-cold-sore"):
        decide(["glitter"])
    with pytest.raises(ValueError, match="not one string"):
        decide("active-cold-sore")
    card = get_card("jess-cold-sore-on-peel-day")
    with pytest.raises(ValueError, match="valid decisions, most cautious first: refer, defer, treat"):
        grade_decision(card, "wait")
    with pytest.raises(ValueError, match="choose treat, defer or refer first"):
        grade_decision(card, "")


def test_unknown_card_id_is_a_value_error_listing_the_valid_ids():
    with pytest.raises(ValueError, match="unknown client card 'z'; valid cards: ") as error:
        get_card("z")
    for card_id in card_ids():
        assert card_id in str(error.value)


def test_grading_treat_when_the_card_needs_refer_is_critical():
    card = get_card("jess-cold-sore-on-peel-day")
    treat = grade_decision(card, "treat")
    assert treat.verdict == "less-cautious" and treat.steps == 2 and treat.critical
    assert treat.feedback.startswith("Unsafe.")
    defer = grade_decision(card, "defer")
    assert defer.verdict == "less-cautious" and not defer.critical
    assert grade_decision(card, "refer").correct


def test_grading_more_caution_than_needed_is_a_minor_error():
    card = get_card("adaeze-acne-marks")
    refer = grade_decision(card, "refer")
    assert refer.verdict == "more-cautious" and not refer.critical and not refer.correct
    assert grade_decision(card, "treat").correct


def test_ticks_are_compared_with_the_clients_story():
    card = get_card("priya-filler-and-tablets")
    ticks = grade_ticks(card, ["isotretinoin", "own-serum"])
    assert [i.id for i in ticks.found] == ["isotretinoin"]
    assert [i.id for i in ticks.missed] == ["fordyce-spots", "recent-filler"]
    assert [i.id for i in ticks.missed_flags] == ["recent-filler"]
    assert [i.id for i in ticks.extra] == ["own-serum"]
    assert grade_ticks(card, card.items).all_found


def test_check_card_combines_ticks_and_decision():
    result = check_card("lena-spots-and-earrings", ["settled-redness"], "treat")
    assert result.from_ticks.decision == "treat" and result.from_card.decision == "defer"
    assert result.grade.critical and result.approximate
    assert result.ticks_disagree
    assert not check_card("lena-spots-and-earrings", get_card("lena-spots-and-earrings").items, "defer").ticks_disagree


def test_show_flags_marks_the_ticked_items_in_card_order_and_compares_them_with_the_story():
    card = get_card("jess-cold-sore-on-peel-day")
    assert mark_flags(card, []).empty
    marks = mark_flags(card, ["fordyce-spots", "active-cold-sore"])
    assert not marks.empty
    order = [i.id for i in history_items()]
    assert [i.id for i in marks.ticked] == sorted(["fordyce-spots", "active-cold-sore"], key=order.index)
    assert [i.flag for i in marks.ticked] == [i.id == "active-cold-sore" for i in marks.ticked]
    assert len(marks.ticks.missed) == 2 and [i.id for i in marks.ticks.extra] == ["fordyce-spots"]
    with pytest.raises(ValueError, match="unknown history item"):
        mark_flags(card, ["nonsense"])


def test_a_decision_is_approximate_when_any_of_its_items_is():
    assert decide(["isotretinoin"]).approximate
    assert not decide([]).approximate


# --- The widget, as a learner uses it ---------------------------------------------


@pytest.fixture
def jess() -> ClientCardWidget:
    return show_client_card("jess-cold-sore-on-peel-day")


def tick(widget: ClientCardWidget, *item_ids: str) -> None:
    for item_id in item_ids:
        widget.items[item_id].value = True


def test_the_card_shows_the_story_and_every_item_as_a_plain_checkbox(jess):
    assert "Client card: A cold sore on peel day" in text_of(jess.header.value)
    assert "a small crusting sore sits at the corner of her mouth" in text_of(jess.header.value)
    assert set(jess.items) == {i.id for i in history_items()}
    assert all(
        not box.value and box.description == label
        for box, label in zip(jess.items.values(), [i.label for i in history_items()], strict=True)
    )
    assert [label for label, _ in jess.decision.options][1:] == [
        "Refer: another professional advises before any treatment",
        "Defer: not today; rebook when the problem has settled",
        "Treat: go ahead, with the changes the flags call for",
    ]


def test_show_flags_marks_ticked_items_in_words_and_with_an_icon(jess):
    jess.show_flags.click()
    assert text_of(jess.flags.value).strip() == TICK_FIRST
    tick(jess, "active-cold-sore", "fordyce-spots")
    jess.show_flags.click()
    assert jess.items["active-cold-sore"].description.startswith(FLAG_MARK)
    assert jess.items["fordyce-spots"].description.startswith(NOT_FLAG_MARK)
    assert jess.items["cold-sore-history"].description == "Gets cold sores around the mouth, but has none today"
    flags = jess.flags.value
    assert "<svg" in flags and 'aria-label="Warning"' in flags  # an icon with a text alternative
    shown = text_of(flags)
    assert "Flag: A cold sore (blisters or a crust) on or near the area today" in shown
    assert "Not a flag: Tiny pale-yellow dots" in shown
    assert "2 items true for her are not ticked, and 1 ticked item is not in her story" in shown
    # Changing a tick clears the marks: every answer is a fresh commitment.
    jess.items["fordyce-spots"].value = False
    assert jess.flags.value == ""
    assert jess.items["active-cold-sore"].description == "A cold sore (blisters or a crust) on or near the area today"


def test_check_asks_for_a_decision_first(jess):
    tick(jess, "active-cold-sore")
    jess.check.click()
    assert text_of(jess.result.value).strip() == CHOOSE_FIRST


def test_the_right_decision_is_confirmed_with_reasons_references_and_the_scope_reminder(jess):
    tick(jess, "active-cold-sore", "cold-sore-history", "settled-redness")
    jess.show_flags.click()
    assert "Your ticks match her story." in text_of(jess.flags.value)
    jess.decision.value = "refer"
    jess.check.click()
    feedback = text_of(jess.result.value)
    assert "Your decision: Refer: another professional advises before any treatment" in feedback
    assert "Right: your decision is the course’s decision." in feedback
    assert "Critical error" not in feedback and "Why the course decides this" not in feedback
    assert "Flag: A cold sore (blisters or a crust) on or near the area today (on its own: Refer)." in feedback
    assert "[KING-HSV17][VAGHELA21][GILBERT01]" in feedback
    assert "True for her, but not flags" in feedback and "You ticked 3 of the 3 items true for her." in feedback
    assert "Rebook once the sore has fully healed" in feedback
    assert "Educational use only." in feedback and "Scope of practice." in feedback


def test_treating_a_client_who_needs_referral_is_flagged_unsafe_with_the_reason(jess):
    tick(jess, "settled-redness", "fordyce-spots")
    jess.decision.value = "treat"
    jess.check.click()
    feedback = text_of(jess.result.value)
    assert 'role="alert"' in jess.result.value
    assert "Critical error: unsafe to treat today." in feedback
    assert "because of: A cold sore (blisters or a crust) on or near the area today;" in feedback
    assert "Why the course decides this: Right. No peel today" in feedback
    assert "Missed (true for her, not ticked): A cold sore" in feedback
    assert "Ticked, but not in her story: Tiny pale-yellow dots" in feedback
    assert "Your ticks on their own call for “Treat: go ahead" in feedback
    # Changing the decision clears the result.
    jess.decision.value = "refer"
    assert "Critical error" not in text_of(jess.result.value)


def test_a_more_cautious_decision_is_a_minor_note():
    widget = show_client_card("adaeze-acne-marks")
    tick(widget, "acne-prone", "brown-marks", "own-serum")
    widget.decision.value = "defer"
    widget.check.click()
    feedback = text_of(widget.result.value)
    assert "More cautious than this client needs: a minor error" in feedback and "Critical error" not in feedback
    assert "The course’s decision: Treat: go ahead" in feedback


@pytest.mark.parametrize("card_id", card_ids())
def test_static_form_has_the_story_the_card_and_the_decision_in_a_reveal_block(card_id):
    widget = show_client_card(card_id)
    bundle = widget._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    html = data["text/html"]
    card = get_card(card_id)
    assert html.count("<details><summary>Show the expected decision</summary>") == 1
    before, hidden = html.split("<details>", 1)
    assert "The course’s decision" not in before and "The course’s decision" in hidden
    for item in history_items():
        assert text_of(item.label) in text_of(before)
    assert text_of(card.plan) in text_of(hidden)
    assert "Scope of practice." in text_of(html)
    assert data["text/plain"] == f"Client card: {card.title} (0 of {len(history_items())} items ticked)"
    assert "\n" not in data["text/plain"]


def test_unknown_card_in_the_widget_is_a_value_error():
    with pytest.raises(ValueError, match="valid cards: jess-cold-sore-on-peel-day"):
        show_client_card("nobody")


def test_card_text_is_escaped(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    path = data / "client-cards.yaml"
    text = path.read_text()
    text = text.replace("title: A cold sore on peel day", "title: \"Peel <script>alert('x')</script>\"", 1)
    text = text.replace("Jess gets cold sores", "Jess <img src=x onerror=alert(1)> gets cold sores", 1)
    text = text.replace(
        "label: Tiny pale-yellow dots on the lip border, also seen in old photos",
        "label: Tiny <b>pale</b> dots on the lip border, also seen in old photos",
        1,
    )
    path.write_text(text)
    monkeypatch.setenv("COURSE_DATA", str(data))
    assert card_set().cards[0].title == "Peel <script>alert('x')</script>"
    widget = ClientCardWidget("jess-cold-sore-on-peel-day")
    tick(widget, "fordyce-spots")
    widget.show_flags.click()
    widget.decision.value = "treat"
    widget.check.click()
    for html in (widget.header.value, widget.flags.value, widget.result.value, widget.static_html()):
        assert "<script>" not in html and "<img src=x" not in html and "<b>pale</b>" not in html
    assert "&lt;script&gt;" in widget.header.value and "&lt;img src=x" in widget.header.value
    assert "&lt;b&gt;pale&lt;/b&gt;" in widget.flags.value
