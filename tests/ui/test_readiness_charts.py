"""The readiness radar names every dimension in the reader's language, line by line: the
PDF's PNG renderer (vl-convert) draws a line break inside an Arabic text mark on top of
itself, so a long label is several one-line rows stacked at its spoke."""

from __future__ import annotations

import pytest

from academy.guidance import load_framework
from ui.readiness_charts import radar


def rim_rows(spec: dict) -> list[dict]:
    text = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text")
    assert "lineBreak" not in text["mark"]
    return spec["datasets"][text["data"]["name"]]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_radar_labels_are_one_line_rows_stacked_at_their_spoke(lang):
    labels = [d.title.get(lang) for d in load_framework().dimensions]
    rows = rim_rows(radar(labels, {"Round 1": [1.0] * len(labels)}, size=380).to_dict())
    assert all("\n" not in row["label"] for row in rows)
    for spoke, label in enumerate(labels):
        lines = [row for row in rows if row["spoke"] == spoke]
        assert " ".join(row["label"] for row in lines) == label.split(" — ")[0]
        heights = [row["y"] for row in lines]
        assert heights == sorted(heights, reverse=True) and len(set(heights)) == len(lines)
    assert any(sum(row["spoke"] == s for row in rows) > 1 for s in range(len(labels)))


# what Streamlit's chart theme sets on every axis (streamlit/static/.../CustomTheme.*.js)
STREAMLIT_AXIS = {"labelOverlap": True, "labelLimit": 100, "labelFontSize": 12}


def test_the_regional_heat_map_names_every_dimension_and_the_whole_country():
    """Under Streamlit's theme, Vega hid every other slanted dimension name as overlapping
    and cut the country's name to a few letters."""
    import re

    import vl_convert

    from ui.readiness_charts import maturity_heatmap

    labels = [d.title.get("en") for d in load_framework().dimensions]
    country = "KE · Demo NEST team (Kenya)"
    rows = [{"country": country, "dimension": label, "score": 2.0} for label in labels]
    spec = maturity_heatmap(rows, x_title="Dimension", y_title="Country team",
                            colour_title="Score").properties(width=600).to_dict()
    spec["config"] = {"axis": STREAMLIT_AXIS}
    svg = vl_convert.vegalite_to_svg(spec)
    shown = re.findall(r'<text text-anchor="end"[^>]*opacity="1">([^<]*)</text>', svg)
    for label in labels:
        assert any(text.startswith(label[:18]) for text in shown), label
    assert country in shown
