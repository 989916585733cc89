"""Charts that fit a phone: the map frames the scenario in whatever width it is given, the
link chart's legend sits under the network instead of taking half its width."""

from __future__ import annotations

from pathlib import Path

import pytest

from academy.studio import route_lines
from engine.scenario import load_scenario
from ui import charts

SCENARIOS = sorted(Path(__file__).resolve().parents[2].glob("scenarios/*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_the_map_is_fitted_to_its_width_around_every_place(path):
    places, legs = route_lines(load_scenario(path))
    spec = charts.world_map(places, legs).to_dict()
    projections = [layer["projection"] for layer in spec["layer"]]
    assert all(p == projections[0] for p in projections)  # one frame for land, dots, names
    corners = projections[0]["fit"]["geometry"]["coordinates"]
    lons, lats = [c[0] for c in corners], [c[1] for c in corners]
    for place in places:  # the fitted frame holds every place, with a margin
        assert min(lons) < place["lon"] < max(lons) and min(lats) < place["lat"] < max(lats)
    assert "scale" not in projections[0]  # no fixed zoom: the frame follows the width
    assert spec["width"] == "container"


def test_the_link_chart_legend_is_under_the_network():
    nodes = [{"id": "a", "label": "A", "type": "person"}, {"id": "b", "label": "B", "type": "company"}]
    spec = charts.network(nodes, [{"a": "a", "b": "b", "relation": "owns"}]).to_dict()
    assert spec["config"]["legend"]["orient"] == "bottom"
