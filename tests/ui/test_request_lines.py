"""A request from another team names what it is about as the asking team's file names it —
a person, an account by its number, a load in the reader's words — even when the team
that answers does not hold it (``ui.operation_desk``): never "Arrest · P07"."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

SCENARIO = str(Path(__file__).resolve().parents[2] / "scenarios" / "wildlife-ivory-corridor.yaml")


def lines_page(path: str, lang: str) -> None:  # runs inside AppTest: it imports what it uses
    import streamlit as st

    from engine.exercise import Exercise
    from engine.joint import Actor
    from engine.scenario import load_scenario
    from ui import desk
    from ui.i18n import set_language
    from ui.operation_desk import _describe

    set_language(lang)
    ex = Exercise(load_scenario(path), 3)
    control, kenya = Actor(role="control", user=1), Actor(team="KE", user=10, role="ncb")
    for c in ("KE", "TZ"):
        ex.apply({"kind": "team_joins", "country": c}, control)
    w, tz_file = ex.world, {e.id for e in ex.view("TZ").entities}
    person = next(m for m in w.members if w.entities[m].type == "person"
                  and w.entities[m].country == "TZ" and m not in tz_file)
    account = next(a for a in w.accounts.values()  # an account held in Tanzania
                   if w.entities[a].country == "TZ" and a not in tz_file)
    load = next(s for s in ex.sim.ships if s not in tz_file)
    for eid in (person, account):
        e = w.entities[eid]
        ex.sim.knowledge_of["KE"].learn(eid, e.type, e.label, {}, 0.0, "test", "A1")
    ex.sim.record_shipment(load, "test", "A1")  # Kenya's file (the home side)
    ex.sim.warrants_of["KE"].add(person)
    ex.sim.notices[("red", person)] = 0.0  # a Red Notice in force: Tanzania may arrest
    ex.sim.money.traced[account] = 1000.0
    asked = [ex.apply({"kind": "arrest", "subject": person}, kenya),
             ex.apply({"kind": "seizure", "shipment": load, "location": "unity-bridge",
                       "start_day": 1}, kenya),
             ex.apply({"kind": "freeze_assets", "account": account}, kenya)]
    names = desk.labels(ex.view("TZ"))
    st.session_state["lines"] = {r.kind: _describe(r, names) for r in ex.requests("TZ")}
    st.session_state["codes"] = [o.code for o in asked]
    st.session_state["ids"] = {"person": person, "account": account, "load": load}
    st.session_state["said"] = {"person": w.entities[person].label,
                                "account": w.entities[account].label}


@pytest.mark.parametrize(("lang", "load"), [("en", "Shipment"), ("fr", "Envoi"),
                                            ("es", "Cargamento")])
def test_a_request_names_what_the_answering_team_does_not_hold(lang, load):
    at = AppTest.from_function(lines_page, args=(SCENARIO, lang), default_timeout=30).run()
    assert not at.exception, at.exception
    lines, ids, said = (at.session_state[k] for k in ("lines", "ids", "said"))
    assert at.session_state["codes"] == ["request.sent_to_team"] * 3
    assert said["person"] in lines["arrest"] and ids["person"] not in lines["arrest"], lines
    assert f"{load} {ids['load']}" in lines["seizure"], lines
    assert said["account"] in lines["freeze_assets"], lines
    assert ids["account"] not in lines["freeze_assets"].replace(said["account"], ""), lines
