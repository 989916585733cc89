"""What happened to a planned action is said in the reader's language (the plan table of
ui/joint_meeting.py), on a real exercise's action day."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

SCENARIO = str(Path(__file__).resolve().parents[2] / "scenarios" / "wildlife-ivory-corridor.yaml")


def plan_page(path: str, lang: str, cancel: bool) -> None:  # runs inside AppTest: it
    import streamlit as st  # imports what it uses

    from engine.exercise import Exercise
    from engine.joint import Actor
    from engine.scenario import load_scenario
    from ui import joint_meeting
    from ui.i18n import set_language

    set_language(lang)
    control, ke = Actor(role="control", user=1), Actor(team="KE", user=10)
    scenario = load_scenario(path)
    ex = Exercise(scenario, 3)
    for c in ("KE", "TZ"):
        ex.apply({"kind": "team_joins", "country": c}, control)
    load = next(iter(ex.sim.ships))
    ex.sim.knowledge_of["KE"].learn(load, "shipment", f"Shipment {load}", {}, ex.day, "test",
                                    "A1")
    port = next(loc.id for loc in scenario.locations if loc.country == "KE")
    seizure = {"kind": "schedule_action", "what": "seizure", "target": load, "location": port}
    if cancel:  # scheduled for day 3, cancelled on day 1
        plan = ex.apply({**seizure, "day": 3}, ke).params["plan"]
        ex.apply({"kind": "advance", "days": 1}, control)
        assert ex.apply({"kind": "cancel_action", "plan": plan}, ke).accepted
    else:  # on the action day, day 2, carried out
        ex.apply({"kind": "set_action_day", "day": 2}, control)
        assert ex.apply(seizure, ke).accepted
        for _ in range(3):
            assert ex.apply({"kind": "advance", "days": 1}, control).accepted
    st.session_state["label"] = f"Shipment {load}"
    view = ex.view("KE")
    joint_meeting._plan(ex.action_plan(), {x.id: x.label for x in view.entities},
                        view.locations, owners=cancel)


def test_a_seizure_on_the_action_day_is_told_in_the_readers_language():
    at = AppTest.from_function(plan_page, args=(SCENARIO, "fr", False), default_timeout=30).run()
    assert not at.exception, at.exception
    (row,) = at.table[0].value.values.tolist()
    result = str(row[-1])
    assert result.startswith("Journée d'action\u202f:"), result
    load = at.session_state["label"].split()[-1]  # the load in French: "Envoi S…"
    assert f"Envoi {load}" in result and "Shipment" not in result and "watched" not in result


@pytest.mark.parametrize(("lang", "status", "said"), [
    ("en", "cancelled", "Cancelled by the team on day 1"),
    ("fr", "annulée", "Annulée par l'équipe le jour 1"),
    ("es", "cancelada", "Cancelada por el equipo el día 1"),
    ("ar", "ملغى", "ألغاه الفريق في اليوم"),
])
def test_a_cancelled_action_is_said_cancelled_in_the_readers_language(lang, status, said):
    at = AppTest.from_function(plan_page, args=(SCENARIO, lang, True), default_timeout=30).run()
    assert not at.exception, at.exception
    (row,) = at.table[0].value.values.tolist()
    assert str(row[-2]) == status and said in str(row[-1]), row  # Arabic: isolated
