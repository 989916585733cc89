"""Charts of the NEST pages: readiness radar, trend over rounds, agency coverage heat map.

Altair has no polar line mark, so the radar is drawn on plain x/y: each dimension is a
spoke at an angle, a score is a distance from the centre, and the polygon is a line
through the points in spoke order, closed by repeating the first. Rings at 1, 2 and 3 and
labels at the rim make it readable; it renders the same in the browser and, through
vl-convert, as a PNG for the PDF report.
"""

from __future__ import annotations

import math
import textwrap

import altair as alt
import pandas as pd
import vl_convert

RING_COLOUR = "#c8c8c8"
GAP_COLOUR = "#e8604c"


def _point(index: int, count: int, radius: float) -> tuple[float, float]:
    angle = 2 * math.pi * index / count
    return radius * math.sin(angle), radius * math.cos(angle)


def radar(labels: list[str], series: dict[str, list[float | None]], *, title: str = "",
          size: int = 480) -> alt.LayerChart:
    """A radar of scores 0–3 per dimension; one coloured polygon per series."""
    n = max(len(labels), 3)
    rings = pd.DataFrame([
        {"ring": r, "order": i, "x": _point(i % n, n, r)[0], "y": _point(i % n, n, r)[1]}
        for r in (1, 2, 3) for i in range(n + 1)])
    spokes = pd.DataFrame([{"x": 0.0, "y": 0.0, "x2": _point(i, n, 3)[0], "y2": _point(i, n, 3)[1]}
                           for i in range(len(labels))])
    # one row per line of a label, stacked around its rim point: a line break inside a text
    # mark is drawn on top of itself in Arabic by vl-convert (the PDF's PNG renderer)
    line = 13 * (2 * 5.4) / size  # a 13 px line in data units
    rim = pd.DataFrame([{"spoke": i, "label": text,
                         "x": _point(i, n, 3.9)[0],
                         "y": _point(i, n, 3.9)[1] - line * (k - (len(lines) - 1) / 2)}
                        for i, label in enumerate(labels)
                        for lines in [textwrap.wrap(label.split(" — ")[0], 18)]
                        for k, text in enumerate(lines)])
    points = pd.DataFrame([
        {"series": name, "order": i, "dimension": labels[i % len(labels)],
         "score": scores[i % len(labels)] or 0.0,
         "x": _point(i % len(labels), n, scores[i % len(labels)] or 0.0)[0],
         "y": _point(i % len(labels), n, scores[i % len(labels)] or 0.0)[1]}
        for name, scores in series.items() for i in range(len(labels) + 1)])
    scale = alt.Scale(domain=[-5.4, 5.4])
    x = alt.X("x:Q", scale=scale, axis=None)
    y = alt.Y("y:Q", scale=scale, axis=None)
    ring_layer = alt.Chart(rings).mark_line(color=RING_COLOUR, strokeWidth=1).encode(
        x=x, y=y, detail="ring:N", order="order:Q")
    spoke_layer = alt.Chart(spokes).mark_rule(color=RING_COLOUR).encode(x=x, y=y, x2="x2", y2="y2")
    rim_layer = alt.Chart(rim).mark_text(fontSize=11, color="#333").encode(x=x, y=y, text="label:N")
    colour = alt.Color("series:N", legend=alt.Legend(title=None, orient="bottom"))
    shape = alt.Chart(points).mark_line(point=True, strokeWidth=2.5).encode(
        x=x, y=y, order="order:Q", color=colour,
        tooltip=["series:N", "dimension:N", alt.Tooltip("score:Q", format=".2f")])
    return alt.layer(ring_layer, spoke_layer, rim_layer, shape).properties(
        width=size, height=size, title=title).configure_view(strokeWidth=0)


def trend(rows: list[dict[str, object]], *, x_title: str, y_title: str) -> alt.Chart:
    """Scores over assessment rounds; rows hold ``round``, ``order``, ``series``, ``score``."""
    data = pd.DataFrame(rows)
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("round:N", sort=alt.SortField("order"), title=x_title),
        y=alt.Y("score:Q", scale=alt.Scale(domain=[0, 3]), title=y_title),
        color=alt.Color("series:N", legend=alt.Legend(title=None)),
        tooltip=["round:N", "series:N", alt.Tooltip("score:Q", format=".2f")],
    ).properties(height=320)


def coverage_heatmap(counts: dict[tuple[str, str], int], area_labels: dict[str, str],
                     function_labels: dict[str, str], *, x_title: str, y_title: str,
                     count_title: str) -> alt.LayerChart:
    """Crime area × function, coloured by how many agencies cover it; gaps stand out in red."""
    data = pd.DataFrame([
        {"area": area_labels[a], "function": function_labels[f], "count": n, "gap": n == 0}
        for (a, f), n in counts.items()])
    base = alt.Chart(data).encode(
        x=alt.X("function:N", sort=list(function_labels.values()), title=x_title,
                axis=alt.Axis(labelAngle=-30)),
        y=alt.Y("area:N", sort=list(area_labels.values()), title=y_title))
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.condition(alt.datum.count == 0, alt.value(GAP_COLOUR),
                            alt.Color("count:Q", scale=alt.Scale(scheme="greens", domainMin=0),
                                      title=count_title,
                                      legend=alt.Legend(format="d", tickMinStep=1))),
        tooltip=["area:N", "function:N", alt.Tooltip("count:Q", title=count_title)])
    text = base.mark_text(fontSize=14, fontWeight="bold").encode(
        text="count:Q",
        color=alt.condition(alt.datum.count >= 3, alt.value("white"), alt.value("black")))
    return alt.layer(cells, text).properties(height=300)


def png(chart: alt.TopLevelMixin) -> bytes:
    """The chart as a PNG for a PDF, rendered offline."""
    return vl_convert.vegalite_to_png(chart.to_json(), scale=2)


def maturity_heatmap(rows: list[dict[str, object]], *, x_title: str, y_title: str,
                     colour_title: str) -> alt.LayerChart:
    """Countries (rows) × dimensions (columns), coloured by score 0–3, the score written in."""
    frame = pd.DataFrame(rows)
    base = alt.Chart(frame).encode(
        # every name shown: Streamlit's theme hides "overlapping" labels and cuts at 100 px
        x=alt.X("dimension:N", title=x_title, sort=None,
                axis=alt.Axis(labelAngle=-30, labelLimit=160, labelOverlap=False)),
        y=alt.Y("country:N", title=y_title, sort=None,
                axis=alt.Axis(labelLimit=260, labelOverlap=False)))
    cells = base.mark_rect().encode(
        color=alt.Color("score:Q", title=colour_title, scale=alt.Scale(domain=[0, 3], scheme="blues")),
        tooltip=["country:N", "dimension:N", alt.Tooltip("score:Q", format=".2f")])
    text = base.mark_text(fontSize=12).encode(
        text=alt.Text("score:Q", format=".1f"),
        color=alt.condition("datum.score >= 1.8", alt.value("white"), alt.value("black")))
    return (cells + text).properties(height=alt.Step(36))
