"""What the depth explorer says for a layer, and where its buttons step, decided in course.skin."""

from __future__ import annotations

import pytest

from course.skin import at_depth, lesions_starting_in, procedures_reaching, skin_model, step_layer


def test_at_depth_gathers_the_layer_what_reaches_it_and_what_starts_there():
    for layer in skin_model().layers:
        view = at_depth(layer.id)
        assert view.layer == layer
        assert view.reaching == procedures_reaching(layer.id)
        assert view.lesions == lesions_starting_in(layer.id)


def test_unknown_layer_lists_the_valid_ones():
    with pytest.raises(ValueError, match="unknown skin layer 'bone'; valid layers, from the surface down: epidermis"):
        at_depth("bone")


def test_steps_move_one_layer_and_stop_at_the_surface_and_the_bottom():
    ids = [layer.id for layer in skin_model().layers]
    assert step_layer(ids[0], -1) == ids[0]
    assert step_layer(ids[0], 1) == ids[1]
    assert step_layer(ids[-1], 1) == ids[-1]
    assert step_layer(ids[-1], -1) == ids[-2]
