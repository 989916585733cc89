"""Chart specs and Arabic text the user trial found wrong: days as whole numbers, every
shipment labelled and the ones in transit drawn, long labels kept, charts left-to-right on
an Arabic page, and ids, numbers and units kept in order inside Arabic sentences."""

from __future__ import annotations

import json

from academy import catalogs
from engine import messages
from ui import charts, i18n

FSI, PDI = "\u2068", "\u2069"


def ship(i: int, fate: str, start: float, end: float) -> dict:
    return {"id": f"S{i}", "fate": fate, "quantity": 10, "route": "A › B", "concealment": "x",
            "where": "B", "start": start, "end": end}


def test_every_shipment_has_its_own_labelled_row():
    rows = [ship(i, "got through", i, i + 20) for i in range(9)]
    spec = charts.shipments(rows, {"got through": "#d62728"}, {"fate": "Fate"}).to_dict()
    assert spec["height"] == {"step": charts.ROW}
    axis = spec["encoding"]["y"]["axis"]
    assert axis["labelOverlap"] is False
    assert spec["encoding"]["color"]["title"] == "Fate"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["got through"]
    assert spec["encoding"]["x"]["axis"]["format"] == "d"


def test_timeline_days_are_whole_numbers():
    spec = charts.timeline([{"day": 0.0, "lane": "x", "text": "y"}]).to_dict()
    assert spec["encoding"]["x"]["axis"]["format"] == "d"


def test_score_labels_have_room():
    spec = charts.score_bars([{"label": "نسبة التدفق المضبوط", "points": 1.0, "weight": 2,
                               "explanation": ""}]).to_dict()
    assert all(layer["encoding"]["y"]["axis"]["labelLimit"] >= 300 for layer in spec["layer"])


def test_network_legend_title_in_the_reader_language():
    spec = charts.network([{"id": "a", "label": "A", "status": "x"}], [], colour="status",
                          legend="Statut").to_dict()
    colours = [layer["encoding"]["color"] for layer in spec["layer"]
               if "color" in layer.get("encoding", {})]
    assert colours and colours[0]["title"] == "Statut"


def test_charts_stay_left_to_right_on_an_arabic_page(monkeypatch):
    written: list[str] = []
    monkeypatch.setattr(i18n, "current_language", lambda: "ar")
    monkeypatch.setattr(i18n.st, "html", written.append)
    i18n.apply_direction()
    css = "".join(written)
    assert "[data-testid='stVegaLiteChart']" in css and ".vega-embed" in css
    assert css.index("direction: ltr", css.index("stVegaLiteChart")) > 0


def test_arabic_inbox_keeps_ids_and_quantities_in_order():
    params = {"shipment": "S648", "quantity": 278.0, "unit": "kg", "day": 12.0, "via": "Pemba"}
    english = messages.TEMPLATES["fact.shipment"].format(**params)
    plain = catalogs.engine_text("fact.shipment", params, english, "ar")
    assert FSI not in plain
    text = catalogs.engine_text("fact.shipment", params, english, "ar", isolate=True)
    assert f"{FSI}S648{PDI}" in text
    assert f"{FSI}278 kg{PDI}" in text
    assert f"{FSI}Pemba{PDI}" in text
    assert text.count(FSI) == text.count(PDI)


def test_timeline_axis_reaches_today_not_only_the_last_event():
    """User trial: on day 7 with the last event on day 3.5, the axis stopped at 3.5."""
    spec = charts.timeline([{"day": 0.0, "lane": "x", "text": "y"},
                            {"day": 3.5, "lane": "x", "text": "z"}], until=7.0).to_dict()
    assert spec["encoding"]["x"]["scale"]["domain"] == [0, 7.0]


def test_the_map_draws_no_land_mercator_cannot_project():
    """User trial: the browser logged `<path> attribute d: Expected number, "…M0,NaN…"` on
    every map: Antarctica's outline reaches latitude -90, which Mercator sends to infinity."""
    world = charts.world_topology()
    scale, shift = world["transform"]["scale"], world["transform"]["translate"]
    used = set()

    def arcs(nested):  # polygons' arc indexes, ~i for an arc read backwards
        for item in nested:
            if isinstance(item, list):
                arcs(item)
            else:
                used.add(item if item >= 0 else ~item)

    for geometry in world["objects"]["countries"]["geometries"]:
        arcs(geometry.get("arcs", []))
    lowest = 90.0
    for index in used:
        y = 0
        for _, dy in world["arcs"][index]:  # quantized, delta-encoded
            y += dy
            lowest = min(lowest, y * scale[1] + shift[1])
    assert lowest > -85.0
    spec = charts.world_map([{"name": "A", "lon": 39.7, "lat": -4.0, "kind": "port",
                              "country": "KE"}], []).to_dict()
    assert "Antarctica" not in json.dumps(spec) and "Kenya" in json.dumps(spec)
