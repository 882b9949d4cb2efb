"""A first widget to practise on: a day slider whose text follows it.

It teaches the course's day convention (the treatment day is day 0, "day 3"
is about 72 hours later; :func:`course.timeline.day_sentence` says it in words)
while showing a learner how a widget responds.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from course.timeline import day_sentence

# day_sentence is imported from here by older code and tests.
__all__ = ["day_sentence", "practice_widget"]


def practice_widget() -> widgets.VBox:
    """A day slider and the sentence that says what the day means."""
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

    def _on_slider_value(change: dict[str, Any]) -> None:
        sentence.value = day_sentence(change["new"])

    slider.observe(_on_slider_value, names="value")
    return widgets.VBox([slider, sentence], layout=widgets.Layout(padding="0.25em 0"))
