"""User trial (The Ivory Corridor, demo trainee): the debrief's shipment totals did not add
up (8 shipments, one in transit, "1 · 0 · 6"), and "you held intelligence pointing at
shipment S737, S383, S494" spoke of three loads in the singular (French too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from academy.catalogs import say
from engine.loader import load_scenario
from engine.policies import run_policy
from ui.debrief import flow_split

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_the_summary_counts_every_shipment_once(path):
    debrief = run_policy(load_scenario(path), 1, "heuristic").debrief()
    split = flow_split(debrief)
    assert split["total"] == len(debrief.shipments)
    assert sum(v for k, v in split.items() if k != "total") == split["total"]
    for lang in ("en", "fr", "es", "ar"):
        line = say("debrief.flow_split", lang, **split)
        assert "{" not in line and str(split["in_transit"]) in line


def test_a_shipment_still_in_transit_is_in_the_summary():
    split = flow_split(type("D", (), {"shipments": [type("S", (), {"fate": f})() for f in (
        "seized", "missed", "missed", "in_transit", "not_sent", "prevented",
        "controlled_delivery")]})())
    assert split == {"total": 7, "seized": 2, "prevented": 1, "missed": 2, "in_transit": 1,
                     "not_sent": 1}
    line = say("debrief.flow_split", "en", **split)
    assert line.startswith("7 shipments planned") and "still in transit at the end: 1" in line


@pytest.mark.parametrize(("lang", "one", "three"), [
    ("en", "pointing at shipment S737, which got through",
     "pointing at 3 shipments (S737, S383, S494), which got through"),
    ("fr", "concernant l'envoi S737, qui n'a pas été intercepté",
     "concernant 3 envois (S737, S383, S494), qui n'ont pas été interceptés"),
    ("es", "sobre el cargamento S737, que no fue interceptado",
     "sobre 3 cargamentos (S737, S383, S494), que no fueron interceptados"),
    ("ar", "الشحنة S737، لكنها أفلتت", "3 شحنات (S737, S383, S494)"),
])
def test_missed_opportunities_name_one_shipment_or_several(lang, one, three):
    assert one in say("debrief.missed_line", lang, day="9,6", shipment="S737", count=1)
    several = say("debrief.missed_line", lang, day="9,6", shipment="S737, S383, S494", count=3)
    assert three in several
    pdf = say("debrief_pdf.missed_line", lang, day="9,6", text="…", shipment="S737, S383",
              count=2)
    assert "S737, S383" in pdf and "{" not in pdf


def test_the_summary_calls_a_load_that_got_through_what_the_chart_calls_it():
    """A second trial: the French chart's legend said "non intercepté", its summary "passés"."""
    from academy.catalogs import say

    for lang in ("en", "fr", "es", "ar"):
        summary = say("debrief.flow_split", lang, total=8, seized=1, prevented=0, missed=6,
                      in_transit=1, not_sent=0)
        assert say("fate.missed", lang) in summary, (lang, summary)
