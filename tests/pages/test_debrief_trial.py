"""What a user trial found on the debrief and the desk, through app.py (AppTest): the
shipments tab in words and names in every language, names instead of ids, a what-if that
validates on Replay and says why an edited decision was refused, Arabic kept in order."""

from __future__ import annotations

import json

import pytest

from tests.pages.helpers import KNOWN_COMPANY, as_trainee, play_to_end, start_wildlife, texts
from tests.pages.test_debrief_i18n_pages import open_debrief, played

__all__ = ["played"]  # the fixture, shared with the debrief i18n page tests

IDS = ("customs-data", "dar-es-salaam-port", "hanoi-market", "cashew-nuts", "niassa-reserve",
       "disrupt-network")
FSI, PDI = "\u2068", "\u2069"


def chart_specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def table(at, column: str):
    """The dataframe on the page that has ``column`` (every tab is drawn)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def shipments_chart(at) -> dict:
    return next(s for s in chart_specs(at) if s.get("encoding", {}).get("x2"))


def test_the_shipments_tab_is_in_french(played):
    exercise_id, _ = played
    at = open_debrief(exercise_id, "fr", "Envois")
    table_ = table(at, "Envoi")
    assert list(table_.columns) == ["Envoi", "Sort", "Pourquoi", "Quantité", "Itinéraire",
                                   "Dissimulation", "Lieu", "Départ (jour)"]
    spec = shipments_chart(at)
    colour = spec["encoding"]["color"]
    assert colour["title"] == "Sort"
    assert "missed" not in colour["scale"]["domain"] and "n'a pas été intercepté" not in str(spec)
    fates = set(table_["Sort"])
    assert fates <= set(colour["scale"]["domain"]), (fates, colour)


def test_the_english_legend_says_what_the_table_says(played):
    exercise_id, _ = played
    at = open_debrief(exercise_id, "en", "Shipments")
    spec = shipments_chart(at)
    domain = spec["encoding"]["color"]["scale"]["domain"]
    assert "got through" in domain and "missed" not in domain
    assert "got through" in set(table(at, "Fate")["Fate"])


def test_the_debrief_names_places_concealments_and_sources(played):
    exercise_id, _ = played
    at = open_debrief(exercise_id, "en", "Shipments")
    shipments = table(at, "Route")
    shown = " ".join(str(v) for c in ("Route", "Concealment", "Where") for v in shipments[c])
    assert not any(i in shown for i in IDS), shown
    assert "Hanoi" in shown
    starts = [str(v) for v in shipments["Left on day"]]
    assert all(len(s.split(".")[-1]) <= 1 for s in starts if "." in s), starts
    at = open_debrief(exercise_id, "en", "Decision log")
    decisions = " ".join(str(v) for v in table(at, "Decision")["Decision"])
    assert "customs-data" not in decisions and "Customs" in decisions, decisions


def test_the_real_network_legend_is_translated(played):
    exercise_id, _ = played
    at = open_debrief(exercise_id, "fr", "Le réseau réel")
    titles = [layer["encoding"]["color"].get("title") for s in chart_specs(at)
              for layer in s.get("layer", []) if "color" in layer.get("encoding", {})]
    assert "Statut" in titles, titles


def test_a_missed_opportunity_shows_its_report_once(played):
    exercise_id, missed = played
    at = open_debrief(exercise_id, "en", "Shipments")
    boxes = [w.value for w in at.warning]
    report = missed[0].text
    assert sum(b.count(report) for b in boxes) == 1, boxes


def whatif(exercise_id: int):
    at = open_debrief(exercise_id, "en", "What if")
    assert at.button(key="debrief.whatif.run")
    return at


def test_what_if_shows_the_decision_in_the_desk_fields_by_name(played):
    exercise_id, _ = played
    at = whatif(exercise_id)
    assert not at.text_area, "no box of raw fields: the desk's own fields"
    source = at.selectbox(key="debrief.whatif.0.intel.source")
    assert source.value == "customs-data" and "Customs" in source.format_func(source.value)
    target = at.selectbox(key="debrief.whatif.0.intel.target")
    assert target.value == KNOWN_COMPANY and KNOWN_COMPANY not in target.format_func(target.value)
    assert len(at.metric) == 1  # the real score only: nothing was replayed yet
    at.button(key="debrief.whatif.run").click().run()
    assert not at.exception
    assert len(at.metric) == 3  # the real score, and the two side by side
    assert "Your changed decision" in texts(at)


def test_what_if_without_the_decision_replays_it_removed(played):
    exercise_id, _ = played
    at = whatif(exercise_id)
    at.toggle(key="debrief.whatif.0.remove").set_value(True).run()
    at.button(key="debrief.whatif.run").click().run()
    assert not at.exception
    assert "Your changed decision" not in texts(at)
    assert len(at.metric) == 3


def test_what_if_ratings_and_picker_use_names(played):
    exercise_id, _ = played
    at = whatif(exercise_id)
    picker = at.selectbox(key="debrief.whatif.index")
    assert "customs-data" not in str(picker.options), picker.options
    at.button(key="debrief.whatif.run").click().run()
    captions = " ".join(c.value for c in at.caption)
    assert "disrupt-network" not in captions, captions


def test_arabic_debrief_keeps_the_english_title_and_reports_in_order(played):
    exercise_id, _ = played
    at = open_debrief(exercise_id, "ar")
    assert FSI in at.title[0].value and PDI in at.title[0].value
    at = open_debrief(exercise_id, "ar", "الشحنات")
    assert any(FSI in w.value for w in at.warning), [w.value for w in at.warning]


@pytest.mark.usefixtures("app_db")
def test_the_empty_timeline_says_no_decisions_yet():
    at = start_wildlife(as_trainee())
    at.session_state["desk.tab"] = "Timeline"
    at.run()
    assert not at.exception
    assert any(i.value.startswith("No decisions yet") for i in at.info), texts(at)
    assert not at.dataframe


def test_the_real_network_says_who_does_what_to_whom(app_db):
    """A trial: the real network's table said only "Linked to Marie Johnson" of a corrupt
    official. Each member's ties are said as the scenario has them, with their relation:
    "<who> bribes <whom>", in the reader's language."""
    exercise_id, ex = play_to_end(app_db, {"kind": "advance", "days": 1})
    live = ex.debrief()
    label = {m.id: m.label for m in live.members}
    said = {f"{label[a]} {r.replace('_', ' ')} {label[b]}" for a, b, r in live.edges}
    at = open_debrief(exercise_id, "en", "The real network")
    rows = next(tb.value for tb in at.table if "Ties" in tb.value.columns)
    shown = {tie for cell in rows["Ties"] for tie in str(cell).split("; ") if tie}
    assert shown and shown <= said and said <= shown
    assert "Linked to" not in rows.columns
