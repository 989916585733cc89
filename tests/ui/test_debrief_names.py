"""A debrief names what it shows: places, sources, concealments and objectives by their
names, in the reader's language; CSV exports keep the ids and add the names."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from academy import debriefs
from engine.exercise import Exercise
from engine.loader import load_scenario
from engine.messages import country_name

WILDLIFE = Path(__file__).resolve().parents[2] / "scenarios" / "wildlife-ivory-corridor.yaml"


def finished():
    scenario = load_scenario(WILDLIFE)
    live = Exercise(scenario, 1)
    live.apply({"kind": "request_intel", "source": "customs-data", "target": "C01"})
    while not live.finished:
        live.apply({"kind": "advance", "days": 7})
    return scenario, live.debrief()


def test_names_cover_places_sources_concealments_and_objectives():
    scenario, debrief = finished()
    names = debriefs.names(debrief, scenario, "fr")
    place = scenario.locations[0]
    country = country_name(place.country, "fr")  # "Tanzanie": the reader's name, not the code
    assert country != place.country
    assert names[place.id] == f"{place.name_in('fr')} ({country})"  # a country by its name, not its code
    assert names[place.country] == country
    assert all(names[s.id] == scenario.text(s.label, "fr") for s in scenario.intel_sources)
    assert names["customs-data"] != "customs-data"
    assert all(names[c.id] == scenario.text(c.label, "fr") for c in scenario.concealments)
    assert all(names[o.id] == scenario.text(o.text, "fr") for o in scenario.objectives)


def test_csv_exports_keep_ids_and_add_names():
    scenario, debrief = finished()
    rows = list(csv.DictReader(io.StringIO(debriefs.shipments_csv(debrief, scenario))))
    first = rows[0]
    assert first["where"] and "-" in first["where"]  # the id stays for spreadsheets
    assert first["where_name"] != first["where"]
    assert first["concealment_name"] != first["concealment"]
    assert not any(p.id in first["route_names"] for p in scenario.locations)
    decisions = list(csv.DictReader(io.StringIO(debriefs.decisions_csv(debrief, scenario))))
    assert "customs-data" in decisions[0]["action"]
    assert "customs-data" not in decisions[0]["decision"]


def test_a_shipment_in_transit_runs_to_the_last_day():
    from ui.debrief import shipment_rows

    scenario, debrief = finished()
    rows = shipment_rows(debrief, scenario)
    moving = [r for r in rows if r["id"] in {s.id for s in debrief.shipments
                                             if s.fate == "in_transit"}]
    assert moving, "seed 1 leaves shipments in transit at the end"
    assert all(r["end"] == scenario.duration_days > r["start"] for r in moving)
    assert all(r["start"] == round(r["start"], 1) for r in rows)


def rows_page(path: str, lang: str) -> None:  # runs inside AppTest: it imports what it uses
    import streamlit as st

    from engine.exercise import Exercise
    from engine.loader import load_scenario
    from ui.debrief import prosecution_rows
    from ui.i18n import set_language

    set_language(lang)
    scenario = load_scenario(path)
    live = Exercise(scenario, 1)
    courier = next(m for m in live.world.members if live.world.entities[m].role == "transporter")
    live.sim.arrest(courier, {"code": "arrest.by_home", "params": {}})
    while not live.finished:
        live.apply({"kind": "advance", "days": 7})
    st.session_state["rows"] = prosecution_rows(live.debrief(), lang, scenario)


def test_the_prosecution_table_names_roles_and_countries_in_the_readers_language():
    """A user trial read "broker (org…" on a French debrief and "transporter" and "Kenya" on
    an Arabic one."""
    from streamlit.testing.v1 import AppTest

    for lang, transporter, kenya in (("fr", "transporteur", "Kenya"), ("ar", None, "كينيا")):
        at = AppTest.from_function(rows_page, args=(str(WILDLIFE), lang), default_timeout=60).run()
        assert not at.exception, at.exception
        rows = at.session_state["rows"]
        assert rows
        said = " ".join(str(v) for row in rows for v in row.values())
        assert "transporter" not in said and "broker" not in said, said
        assert kenya in said, said
        if transporter:
            assert transporter in said, said
