"""The depth explorer: which layers each procedure reaches, the chart, the widget."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")


import pytest
from matplotlib.figure import Figure

from course._skin_plot import draw_skin_section, skin_alt_text
from course.content import load_course
from course.skin import depth_of, lesions_starting_in, procedures_reaching, skin_model
from course.widgets.depth import DepthExplorer
from tests.conftest import text_of


def test_every_procedure_has_a_reach_and_layers_run_from_the_surface_down():
    model = skin_model()
    assert {r.procedure for r in model.reaches} == set(load_course().procedures)
    assert model.layers[0].id == "epidermis"
    assert depth_of("muscle") == len(model.layers) - 1


def test_filler_is_placed_deep_and_not_in_the_epidermis():
    reach = next(r for r in skin_model().reaches if r.procedure == "lip-filler")
    assert depth_of(reach.deepest_layer) > depth_of("deep-dermis")
    assert [r.procedure for r in procedures_reaching("subcutis")] == ["lip-filler"]


def test_every_procedure_passes_through_the_epidermis():
    assert len(procedures_reaching("epidermis")) == len(skin_model().reaches)


def test_secondary_milia_start_in_the_epidermis_with_sources():
    (milia,) = [o for o in lesions_starting_in("epidermis") if o.id == "secondary-milia"]
    assert milia.refs == ("STATPEARLS-MILIA", "RODRIGUEZ-ALAM") and milia.evidence == "A"


def test_unknown_layer_names_the_value_and_the_valid_ones():
    with pytest.raises(
        ValueError, match=r"unknown skin layer 'dermis'; valid layers, from the surface down: epidermis"
    ):
        procedures_reaching("dermis")


def test_chart_labels_every_layer_and_every_reach():
    figure = Figure(figsize=(10, 6.5))
    artists = draw_skin_section(figure.add_subplot(), highlight="deep-dermis")
    assert [layer_id for layer_id, _, _ in artists.layers] == [layer.id for layer in skin_model().layers]
    assert all(text.get_text() for _, _, text in artists.layers + artists.reaches)
    assert artists.highlight is not None
    chosen = [text.get_text() for layer_id, _, text in artists.layers if layer_id == "deep-dermis"]
    assert chosen == ["Deep dermis (chosen depth)"]


def test_alt_text_names_the_layers_the_reaches_and_the_chosen_depth():
    text = skin_alt_text("upper-dermis")
    assert text.startswith("Schematic cross-section of skin, not to scale.")
    assert "lip filler to the muscle" in text and "chemical peel to the upper dermis" in text
    assert "The upper dermis is outlined as the chosen depth" in text


def test_moving_the_depth_control_updates_what_the_learner_reads():
    explorer = DepthExplorer()
    assert "At this depth: Epidermis" in text_of(explorer.text.value)
    assert "Secondary milia" in text_of(explorer.text.value)
    explorer.deeper.click()
    explorer.deeper.click()
    read = text_of(explorer.text.value)
    assert "At this depth: Deep dermis" in read
    assert "chemical peel" not in read.split("Procedures that reach this depth")[1]
    assert "microneedling" in read
    assert 'alt="Schematic cross-section' in explorer.chart.value and "deep dermis is outlined" in explorer.chart.value
    explorer.shallower.click()
    assert explorer.depth.value == "upper-dermis"


def test_table_lists_every_procedure_with_evidence_and_references():
    explorer = DepthExplorer()
    table = explorer.table.value
    for reach in skin_model().reaches:
        assert load_course().procedures[reach.procedure].short_title in table
    assert "approximate" in table and "[TAN21]" in table and "not to scale" in table
