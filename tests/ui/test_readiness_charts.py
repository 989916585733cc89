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
