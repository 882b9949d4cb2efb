"""The practice widget of the start notebook, as a learner uses it."""

from __future__ import annotations

from course.widgets.practice import day_sentence, practice_widget


def test_moving_the_slider_changes_the_sentence():
    slider, sentence = practice_widget().children
    assert sentence.value == "Day 3 is about 72 hours after the treatment (3 days later)."
    slider.value = 0.5
    assert sentence.value == "Day 0.5 is about 12 hours after the treatment (0.5 days later)."
    slider.value = 0
    assert sentence.value == "Day 0 is the treatment day itself."


def test_the_slider_has_an_accessible_name_and_keyboard_steps():
    slider, _ = practice_widget().children
    assert slider.description == "Day"
    assert slider.step == 0.5 and slider.min == 0


def test_one_day_is_singular():
    assert day_sentence(1) == "Day 1 is about 24 hours after the treatment (1 day later)."
