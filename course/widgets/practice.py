"""A first widget to practise on: a day slider whose text follows it.

It teaches the course's day convention (the treatment day is day 0, "day 3"
is about 72 hours later) while showing a learner how a widget responds.
"""

from __future__ import annotations

import ipywidgets as widgets


def day_sentence(day: float) -> str:
    """What ``day`` means in hours, in words."""
    if day == 0:
        return "Day 0 is the treatment day itself."
    hours = round(day * 24)
    unit = "day" if day == 1 else "days"
    return f"Day {day:g} is about {hours} hours after the treatment ({day:g} {unit} later)."


def practice_widget() -> widgets.VBox:
    slider = widgets.FloatSlider(
        value=3,
        min=0,
        max=14,
        step=0.5,
        description="Day",
        readout_format=".1f",
        continuous_update=True,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="26em"),
    )
    # Plain text, not HTML: the sentence is data, never markup.
    sentence = widgets.Label(value=day_sentence(slider.value))

    def _on_slider_value(change: dict) -> None:
        sentence.value = day_sentence(change["new"])

    slider.observe(_on_slider_value, names="value")
    return widgets.VBox([slider, sentence], layout=widgets.Layout(padding="0.25em 0"))
