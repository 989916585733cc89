"""Altair charts of an exercise: link chart, map, timeline, score and the debrief reveal.

Charts take the engine's flat records (or plain dicts) and return Altair charts; they
compute nothing the engine should. The world map works offline: the Natural Earth
110m TopoJSON from the `world-atlas` npm package (public domain) ships in ``ui/assets``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import altair as alt
import networkx as nx
import pandas as pd

from ui.i18n import t
from ui.map_labels import FONT_SIZE, PLACEMENTS, Label, place_labels, placements, spread

WORLD = Path(__file__).resolve().parent / "assets" / "countries-110m.json"
TYPE_COLOURS = {
    "person": "#1f77b4", "company": "#ff7f0e", "vessel": "#17becf", "vehicle": "#8c564b",
    "phone": "#9467bd", "account": "#2ca02c", "location": "#7f7f7f", "shipment": "#d62728",
}
FATE_COLOURS = {"seized": "#2ca02c", "controlled_delivery": "#1f77b4", "missed": "#d62728",
                "in_transit": "#ff7f0e", "prevented": "#9467bd", "not_sent": "#bbbbbb"}


NO_LAND = {"Antarctica"}  # reaches the pole, where Mercator's y is infinite


def world_topology() -> dict[str, Any]:
    """The land the map draws: every country but Antarctica. Its outline runs to latitude
    -90°, which Mercator sends to infinity: the browser got a path of "NaN" coordinates and
    logged an error on every map (and no scenario happens there)."""
    world = json.loads(WORLD.read_text())
    countries = world["objects"]["countries"]
    countries["geometries"] = [g for g in countries["geometries"]
                               if g.get("properties", {}).get("name") not in NO_LAND]
    return world


def _world() -> alt.InlineData:
    return alt.InlineData(values=world_topology(),
                          format=alt.DataFormat(type="topojson", feature="countries"))


def _layout(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    if not nodes:
        return {}
    positions = nx.spring_layout(graph, seed=7, k=1.2 / math.sqrt(max(len(nodes), 1)))
    return {n: (float(x), float(y)) for n, (x, y) in positions.items()}


# the fields a link chart's tooltips show, and the catalog key of each one's title
NETWORK_TIPS = {
    "label": "figure.col_name", "type": "figure.col_type", "role": "figure.col_role",
    "country": "map.country", "status": "debrief.col_status", "source": "figure.col_source",
    "grade": "figure.col_grade", "relation": "figure.col_relation", "t": "map.day",
    "hypothesis": "desk.hypothesis_label", "your_hypothesis": "desk.hypothesis_label",
    "betweenness": "debrief_pdf.betweenness",
}
NODE_SIZE = 260  # a node's area in px² (radius about 9 px)
NODE_LABEL_SPOTS = placements(12.0)  # a name clear of its node
NODE_FONT = 11
NETWORK_FRAME = (640.0, 480.0)  # px the names are laid out for: a wider chart spreads them


def _frame(pos: dict[str, tuple[float, float]]) -> tuple[list[float], list[float]]:
    """The x and y domains of the link chart: the layout and a margin for the names."""
    xs = [x for x, _ in pos.values()] or [0.0]
    ys = [y for _, y in pos.values()] or [0.0]
    pad_x = max(max(xs) - min(xs), 0.5) * 0.15
    pad_y = max(max(ys) - min(ys), 0.5) * 0.08
    return [min(xs) - pad_x, max(xs) + pad_x], [min(ys) - pad_y, max(ys) + pad_y]


def network(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], colour: str = "type",
            title: str = "", legend: str | None = None, focus: str | None = None,
            tips: Mapping[str, str] | None = None,
            palette: Mapping[str, str] | None = None) -> alt.Chart:
    """A link chart. nodes: id, label, type (+ any tooltip fields); edges: a, b, relation.
    ``legend`` titles the colour legend in the reader's language (default: the field);
    ``focus``: the id of a node to ring (one opened from the inbox); ``tips``: the fields
    the tooltips show, each with its title in the reader's language (default: those of
    ``NETWORK_TIPS``; an id is never shown); ``palette``: the colour of each value of ``colour`` (default for "type":
    ``TYPE_COLOURS``, whose keys a caller translates with the values it gives)."""
    pos = _layout([n["id"] for n in nodes], [(e["a"], e["b"]) for e in edges])
    node_df = pd.DataFrame([{**n, "x": pos[n["id"]][0], "y": pos[n["id"]][1]} for n in nodes])
    edge_rows = [{**e, "x": pos[e["a"]][0], "y": pos[e["a"]][1], "x2": pos[e["b"]][0],
                  "y2": pos[e["b"]][1]} for e in edges if e["a"] in pos and e["b"] in pos]
    axis = alt.Axis(title=None, labels=False, ticks=False, grid=False, domain=False)
    (x0, x1), (y0, y1) = domain_x, domain_y = _frame(pos)
    x = alt.X("x:Q", axis=axis, scale=alt.Scale(domain=domain_x, zero=False, nice=False))
    y = alt.Y("y:Q", axis=axis, scale=alt.Scale(domain=domain_y, zero=False, nice=False))
    base = alt.Chart(title=title).properties(height=NETWORK_FRAME[1])
    layers: list[alt.Chart] = []
    titles = tips if tips is not None else {f: t(key) for f, key in NETWORK_TIPS.items()}

    def tooltip(fields: list[str]) -> list[Any]:
        return [alt.Tooltip(f, title=titles[f]) for f in fields if f in titles]

    if edge_rows:
        edge_tips = tooltip([c for c in ("relation", "source", "grade", "t") if c in edge_rows[0]])
        layers.append(base.mark_rule(color="#999", strokeWidth=1.5).encode(
            x=x, y=y, x2="x2:Q", y2="y2:Q",
            tooltip=edge_tips).properties(data=pd.DataFrame(edge_rows)))
    if not node_df.empty:
        node_tips = tooltip([c for c in node_df.columns if c not in ("x", "y")])
        colours = palette if palette is not None else TYPE_COLOURS if colour == "type" else None
        scale = (alt.Scale(domain=list(colours), range=list(colours.values()))
                 if colours is not None else alt.Scale(scheme="tableau10"))
        points = base.mark_circle(size=NODE_SIZE, opacity=0.9).encode(
            x=x, y=y,
            color=alt.Color(f"{colour}:N", scale=scale,
                            **({"title": legend} if legend is not None else {})),
            tooltip=node_tips).properties(data=node_df)
        layers.append(points)
        # names laid out in the chart's pixels (y downwards), each in the first free spot
        width, height = NETWORK_FRAME
        named = [(str(n["label"]), (pos[n["id"]][0] - x0) / (x1 - x0) * width,
                  (y1 - pos[n["id"]][1]) / (y1 - y0) * height) for n in nodes]
        spots = spread(named, NODE_LABEL_SPOTS, NODE_FONT, math.sqrt(NODE_SIZE / math.pi))
        rows = [{"label": text, "x": pos[n["id"]][0], "y": pos[n["id"]][1], "px": px, "py": py,
                 "placement": spot} for n, (text, px, py), spot in zip(nodes, named, spots, strict=True)]
        for placement, mark in NODE_LABEL_SPOTS.items():
            here = [r for r in rows if r["placement"] == placement]
            if here:
                layers.append(base.mark_text(**mark, fontSize=NODE_FONT).encode(
                    x=x, y=y, text="label:N").properties(data=pd.DataFrame(here)))
        ring = node_df[node_df["id"] == focus] if focus is not None else node_df.iloc[0:0]
        if not ring.empty:
            layers.append(base.mark_circle(size=900, filled=False, stroke="#d62728",
                                           strokeWidth=3).encode(x=x, y=y)
                          .properties(data=ring))
    if not layers:
        return base.mark_point()
    # the legend under the chart: beside it, it takes half a phone's width from the network
    return (alt.layer(*layers).configure_view(strokeWidth=0)
            .configure_legend(orient="bottom", direction="horizontal", columns=4))


def label_scale(locations: list[dict[str, Any]], height: int = 460) -> float:
    """Pixels per radian of the map the place names are laid out for: the scenario's
    places framed in 760 × ``height`` px."""
    lons = [p["lon"] for p in locations] or [0.0]
    lats = [p["lat"] for p in locations] or [0.0]
    span_lon = max(max(lons) - min(lons), 10.0)
    span_lat = max(max(lats) - min(lats), 8.0)
    return min(760 / math.radians(span_lon * 1.3), height / math.radians(span_lat * 2.2))


def world_map(locations: list[dict[str, Any]], movements: list[dict[str, Any]],
              height: int = 460) -> alt.LayerChart:
    """Known places and movements on an offline world map, framed on the scenario."""
    lons = [p["lon"] for p in locations] or [0.0]
    lats = [p["lat"] for p in locations] or [0.0]
    span_lon = max(max(lons) - min(lons), 10.0)
    span_lat = max(max(lats) - min(lats), 8.0)
    scale = label_scale(locations, height)
    mid_lon, mid_lat = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    # the frame is fitted to whatever width the chart gets (a phone's 360 px as a wide
    # screen's 1000); ``scale`` is the one the place names are laid out for (760 px: a
    # wider map only spreads them further apart)
    frame = [[mid_lon + dx * span_lon * 0.65, max(-80.0, min(80.0, mid_lat + dy * span_lat * 1.1))]
             for dx in (-1, 1) for dy in (-1, 1)]
    projection = {"type": "mercator", "center": [mid_lon, mid_lat],
                  "fit": {"type": "Feature", "properties": {},
                          "geometry": {"type": "MultiPoint", "coordinates": frame}}}
    # the land is backdrop, not content: hidden from screen readers (aria=False), which
    # otherwise meet an unnamed picture; the places and movements are in a table beside
    land = alt.Chart(_world()).mark_geoshape(
        fill="#eef2ea", stroke="#b9c2b0", aria=False).project(**projection)
    layers: list[Any] = [land]
    if movements:
        legs = pd.DataFrame([{**m, "mode": mode(str(m["mode"]))} for m in movements])
        layers.append(alt.Chart(legs).mark_rule(strokeWidth=2, opacity=0.7).encode(
            longitude="lon:Q", latitude="lat:Q", longitude2="lon2:Q", latitude2="lat2:Q",
            color=alt.Color("mode:N", title=None),
            tooltip=[alt.Tooltip("label:N", title=t("map.movement")),
                     alt.Tooltip("mode:N", title=t("map.mode")),
                     alt.Tooltip("day:Q", title=t("map.day"), format=".1f")],
        ).project(**projection))
    if locations:
        frame = pd.DataFrame(locations)
        layers.append(alt.Chart(frame).mark_circle(size=70, color="#1b6b4a", opacity=0.85).encode(
            longitude="lon:Q", latitude="lat:Q",
            tooltip=[alt.Tooltip("name:N", title=t("map.place")),
                     alt.Tooltip("kind:N", title=t("map.kind")),
                     alt.Tooltip("country:N", title=t("map.country"))]).project(**projection))
        ends = [(m[lon], m[lat]) for m in movements
                for lon, lat in (("lon", "lat"), ("lon2", "lat2"))]
        labels = place_labels([(p["name"], p["lon"], p["lat"]) for p in locations],
                              scale=scale, first=ends)
        layers += _label_layers(labels, projection)
    return alt.layer(*layers).properties(height=height, width="container")


def mode(mode: str) -> str:
    """A transport mode in the user's language (the legend and tooltips show it)."""
    key = f"map.mode_{mode}"
    text = t(key)
    return mode if text == key else text


def _label_layers(labels: list[Label], projection: dict[str, Any]) -> list[alt.Chart]:
    """One text layer per placement (dx, dy and align are mark properties), each drawn over
    a white halo so a name stays readable across borders and movement lines."""
    layers = []
    for placement, spot in PLACEMENTS.items():
        rows = [{"lon": g.lon, "lat": g.lat, "label": g.text, "places": " · ".join(g.names)}
                for g in labels if g.placement == placement]
        if not rows:
            continue
        base = alt.Chart(pd.DataFrame(rows)).encode(
            longitude="lon:Q", latitude="lat:Q", text="label:N",
            tooltip=[alt.Tooltip("places:N", title=t("map.places"))])
        for halo in (True, False):
            mark = {**spot, "fontSize": FONT_SIZE,
                    **({"stroke": "white", "strokeWidth": 3, "strokeOpacity": 0.9}
                       if halo else {"color": "#243024"})}
            layers.append(base.mark_text(**mark).project(**projection))
    return layers


DAY_AXIS = {"format": "d", "tickMinStep": 1}  # days read as 0, 10, 20 — never 0.000000
LABEL_LIMIT = 320  # room for a long category label (an Arabic score line) before "…"


def timeline(events: list[dict[str, Any]], title: str = "", until: float = 0.0) -> alt.Chart:
    """Events on a day axis, one lane per kind. events: day, lane, text. The axis runs from
    day 0 to ``until`` (the exercise's day now, or its end) or the last event if later: on
    day 7 with nothing since day 3.5 the axis still reaches day 7."""
    frame = pd.DataFrame(events or [{"day": 0.0, "lane": "", "text": ""}])
    last = max([until, *frame["day"]])
    return alt.Chart(frame, title=title).mark_circle(size=110).encode(
        x=alt.X("day:Q", title=None, axis=alt.Axis(**DAY_AXIS),
                scale=alt.Scale(domain=[0, max(last, 1.0)], nice=False)),
        y=alt.Y("lane:N", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        color=alt.Color("lane:N", legend=None),
        tooltip=[alt.Tooltip("day:Q", format=".1f"), "lane:N", "text:N"],
    ).properties(height=max(140, 38 * frame["lane"].nunique()))


def score_bars(components: list[dict[str, Any]]) -> alt.LayerChart:
    """Points earned against the points available, per score component."""
    frame = pd.DataFrame(components)
    base = alt.Chart(frame).encode(y=alt.Y(
        "label:N", title=None, sort=None,
        axis=alt.Axis(labelLimit=LABEL_LIMIT, labelPadding=6, labelOverlap=False)))
    return (base.mark_bar(color="#e3e7e3").encode(x=alt.X("weight:Q", title=None))
            + base.mark_bar(color="#1b6b4a").encode(x="points:Q",
                                                      tooltip=["label", "points", "weight",
                                                               "explanation"]))


ROW = 24  # pixels per shipment: every row keeps its label


def shipments(rows: list[dict[str, Any]], colours: dict[str, str] | None = None,
              titles: dict[str, str] | None = None) -> alt.Chart:
    """Every shipment on the day axis from its departure to its fate (or the last day, for
    one still in transit), coloured by its fate. ``colours`` maps each fate as shown to its
    colour; ``titles`` names the fields in the reader's language."""
    frame = pd.DataFrame(rows)
    colours = colours or FATE_COLOURS
    titles = titles or {}
    tips = [alt.Tooltip(f"{c}:{'Q' if c in ('quantity', 'start') else 'N'}",
                        title=titles.get(c, c)) for c in
            ("id", "fate", "cause", "quantity", "route", "concealment", "where", "start")
            if c in frame]
    return alt.Chart(frame).mark_bar(height=ROW - 8).encode(
        x=alt.X("start:Q", title=None, axis=alt.Axis(**DAY_AXIS)), x2="end:Q",
        y=alt.Y("id:N", title=None, sort=None,
                axis=alt.Axis(labelOverlap=False, labelLimit=LABEL_LIMIT)),
        color=alt.Color("fate:N", title=titles.get("fate", "fate"),
                        scale=alt.Scale(domain=list(colours), range=list(colours.values()))),
        tooltip=tips,
    ).properties(height=alt.Step(ROW))
