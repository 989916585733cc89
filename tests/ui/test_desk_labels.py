"""The desk names the places a trainee reads in choices and logs with their country's name
in the reader's language, not its code ("Port de Mombasa (Kenya)", not "(KE)")."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

SCENARIO = str(Path(__file__).resolve().parents[2] / "scenarios" / "wildlife-ivory-corridor.yaml")


def labels_page(path: str, lang: str) -> None:  # runs inside AppTest: it imports what it uses
    import streamlit as st

    from engine.exercise import Exercise
    from engine.scenario import load_scenario
    from ui import desk
    from ui.i18n import set_language

    set_language(lang)
    view = Exercise(load_scenario(path), 1).view()
    st.session_state["labels"] = {loc.id: desk.labels(view)[loc.id] for loc in view.locations}
    st.session_state["places"] = {loc.id: (loc.name_in(lang), loc.country) for loc in view.locations}


@pytest.mark.parametrize(("lang", "kenya"), [("en", "Kenya"), ("es", "Kenia"),
                                             ("ar", "كينيا")])
def test_a_place_is_labelled_with_its_countrys_name(lang, kenya):
    at = AppTest.from_function(labels_page, args=(SCENARIO, lang), default_timeout=30).run()
    assert not at.exception, at.exception
    labels, places = at.session_state["labels"], at.session_state["places"]
    kenyan = [pid for pid, (_name, code) in places.items() if code == "KE"]
    assert kenyan
    for pid in kenyan:
        assert labels[pid] == f"{places[pid][0]} ({kenya})"
    assert not any(f"({code})" in labels[pid] for pid, (_n, code) in places.items())


def shipment_page(path: str, lang: str) -> None:  # runs inside AppTest
    import streamlit as st

    from engine.exercise import Exercise
    from engine.scenario import load_scenario
    from ui import desk
    from ui.i18n import set_language

    set_language(lang)
    ex = Exercise(load_scenario(path), 1)
    sid = next(iter(ex.sim.ships))
    ex.sim.record_shipment(sid, "Customs TZ", "A1")  # a load the case file now knows
    view = ex.view()
    known = next(e for e in view.entities if e.id == sid)
    st.session_state["sid"] = sid
    st.session_state["label"] = desk.labels(view)[sid]
    st.session_state["named"] = desk.entity_label(known)


@pytest.mark.parametrize(("lang", "word"), [("en", "Shipment"), ("fr", "Envoi"),
                                            ("es", "Cargamento"), ("ar", "الشحنة")])
def test_a_shipment_is_named_in_the_readers_language(lang, word):
    """A known load reads "Envoi S737" in French, not the engine's English "Shipment S737",
    in choices, the link chart and the inbox's buttons (``desk.entity_label``)."""
    at = AppTest.from_function(shipment_page, args=(SCENARIO, lang), default_timeout=30).run()
    assert not at.exception, at.exception
    sid, label, named = (at.session_state[k] for k in ("sid", "label", "named"))
    assert word in named and sid in named and label == named
    if lang != "en":
        assert "Shipment" not in label
