"""The link chart names every node, and no two names overlap where there is room: each
label takes the first free spot around its node (above, below, right, left) in the chart's
pixels, as the map's place names do."""

from __future__ import annotations

import itertools

from ui import charts
from ui.map_labels import overlaps, text_box


def _labels(spec: dict) -> list[tuple[str, float, float, str]]:
    """(text, x, y, placement) of every node name drawn, from the chart's own spec."""
    data = spec["datasets"]
    out = []
    for layer in spec["layer"]:
        mark = layer["mark"]
        if isinstance(mark, dict) and mark.get("type") == "text":
            rows = data[layer["data"]["name"]]
            out += [(r["label"], r["px"], r["py"], r["placement"]) for r in rows]
    return out


def _overlapping(boxes: list) -> list:
    return [pair for pair in itertools.combinations(boxes, 2) if overlaps(*pair)]


def test_close_nodes_get_names_that_do_not_overlap():
    # two organisers paying the same twelve people: a spring layout packs the twelve close
    nodes = [{"id": f"hub{h}", "label": f"Organiser {h}", "type": "person"} for h in (1, 2)] + [
        {"id": f"n{i}", "label": f"Courier Number {i}", "type": "person"} for i in range(12)]
    edges = [{"a": f"hub{h}", "b": f"n{i}", "relation": "pays"} for h in (1, 2) for i in range(12)]
    labels = _labels(charts.network(nodes, edges).to_dict())
    assert sorted(text for text, *_ in labels) == sorted(n["label"] for n in nodes)
    above = [text_box(x, y, text, "above", spots=charts.NODE_LABEL_SPOTS)
             for text, x, y, _ in labels]
    assert _overlapping(above)  # every name above its node would collide: a real test
    placed = [text_box(x, y, text, placement, spots=charts.NODE_LABEL_SPOTS)
              for text, x, y, placement in labels]
    assert not _overlapping(placed)


def test_a_crowded_node_keeps_its_name():
    nodes = [{"id": str(i), "label": "A long company name, Ltd", "type": "company"}
             for i in range(30)]
    labels = _labels(charts.network(nodes, []).to_dict())
    assert len(labels) == 30
