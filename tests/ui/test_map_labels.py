"""Place names on the world map: grouped, placed around their dots, never piled up."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from academy.studio import route_lines
from engine.scenario import load_scenario
from ui import charts
from ui.map_labels import MAX_CHARS, Box, overlaps, place_labels, project, shorten

SCENARIOS = sorted(Path(__file__).resolve().parents[2].glob("scenarios/*.yaml"))
SCALE = 250.0  # pixels per radian: a map spanning about two continents


def text_layers(chart) -> list[dict]:  # type: ignore[no-untyped-def]
    """The text layers that draw letters (not their white halos), as Vega-Lite dicts."""
    spec = chart.to_dict()
    return [layer | {"rows": spec["datasets"][layer["data"]["name"]]}
            for layer in spec["layer"]
            if layer["mark"]["type"] == "text" and "stroke" not in layer["mark"]]


def test_places_on_the_same_spot_share_one_label_that_counts_them():
    places = [(f"Warehouse {i}", 4.40, 51.26) for i in range(5)]
    [label] = place_labels(places, scale=SCALE)
    assert label.text == "Warehouse 0 +4" and len(label.names) == 5


def test_movement_ends_are_labelled_first():
    places = [("Collection yard near Antwerp", 4.38, 51.26),
              ("Port of Antwerp-Bruges", 4.32, 51.27)]
    [label] = place_labels(places, scale=SCALE, first=[(4.32, 51.27)])
    assert label.names[0] == "Port of Antwerp-Bruges" and label.text.endswith("+1")


def test_long_names_are_cut_at_a_word_with_an_ellipsis():
    long = "Unity Bridge border post (Negomano–Mtambaswala)"
    assert shorten(long) == "Unity Bridge border post…" and len(shorten(long)) <= MAX_CHARS + 1
    assert shorten("Port Klang") == "Port Klang"


def test_a_crowded_line_of_places_gets_no_overlapping_labels():
    places = [(f"Border post number {i}", 10.0 + 0.5 * i, 5.0) for i in range(12)]
    labels = place_labels(places, scale=SCALE)
    for a, b in itertools.combinations(labels, 2):
        assert not overlaps(a.box, b.box), (a.text, b.text)
    named = [n for label in labels for n in label.names]
    assert len(named) == len(set(named))  # one label per place at most


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario_maps_have_one_label_per_spot_and_every_name_in_a_tooltip(path):
    places, legs = route_lines(load_scenario(path))
    chart = charts.world_map(places, legs)
    layers = text_layers(chart)
    rows = [row for layer in layers for row in layer["rows"]]
    spots = [(row["lon"], row["lat"]) for row in rows]
    assert len(spots) == len(set(spots))  # no two names written on the same spot
    assert all(layer["mark"]["fontSize"] <= 10 for layer in layers)
    assert all(len(row["label"]) <= MAX_CHARS + 5 for row in rows)  # shortened, "+N" aside
    spec = chart.to_dict()
    dots = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "circle")
    dot_names = {p["name"] for p in spec["datasets"][dots["data"]["name"]]}
    assert dot_names == {p["name"] for p in places}
    assert "name" in [tip["field"] for tip in dots["encoding"]["tooltip"]]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_scenario_labels_do_not_overlap(path):
    places, _ = route_lines(load_scenario(path))
    labels = place_labels([(p["name"], p["lon"], p["lat"]) for p in places], scale=SCALE)
    for a, b in itertools.combinations(labels, 2):
        assert not overlaps(a.box, b.box), (a.text, b.text)


def drawn_boxes(chart, scale: float) -> list[tuple[str, Box]]:  # type: ignore[no-untyped-def]
    """The pixels every drawn name covers at ``scale``, read back from the chart spec."""
    boxes = []
    for layer in text_layers(chart):
        mark = layer["mark"]
        size, field = mark.get("fontSize", 11), layer["encoding"]["text"]["field"]
        for row in layer["rows"]:
            x, y = project(row["lon"], row["lat"], scale)
            x, y = x + mark.get("dx", 0), y + mark.get("dy", 0)
            width, height = 0.55 * size * len(row[field]), 1.1 * size
            x0 = {"center": x - width / 2, "left": x, "right": x - width}[
                mark.get("align", "center")]
            y0 = {"middle": y - height / 2, "top": y, "bottom": y - height}[
                mark.get("baseline", "middle")]
            boxes.append((row[field], (x0, y0, x0 + width, y0 + height)))
    return boxes


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_no_two_names_drawn_on_a_scenario_map_overlap(path):
    places, legs = route_lines(load_scenario(path))
    boxes = drawn_boxes(charts.world_map(places, legs), charts.label_scale(places))
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not overlaps(box_a, box_b), (a, b)


def test_a_map_with_no_place_still_draws():
    chart = charts.world_map([], [])
    assert not text_layers(chart)


def test_map_tooltips_and_legend_speak_the_catalog_not_field_names():
    places, legs = route_lines(load_scenario(SCENARIOS[0]))
    spec = charts.world_map(places, legs).to_dict()
    titles = {tip["field"]: tip.get("title") for layer in spec["layer"]
              for tip in layer.get("encoding", {}).get("tooltip", [])}
    assert titles == {"name": "Place", "kind": "Kind", "country": "Country",
                      "places": "Places here", "label": "Movement", "mode": "Mode", "day": "Day"}
    rule = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rule")
    modes = {row["mode"] for row in spec["datasets"][rule["data"]["name"]]}
    assert modes and modes <= {"road", "sea", "air", "river"}  # the catalog's English words
