"""What a trial found on the desk and the debrief, through app.py (AppTest): "next event"
ended the exercise unasked, actions showed no price, names in the inbox led nowhere, and
the debrief's shipments said what but not why (trust issue items 8, 12, 13, 14)."""

from __future__ import annotations

import re

import pytest

from tests.pages.helpers import (
    KNOWN_COMPANY,
    as_trainee,
    play_to_end,
    reopen_desk,
    start_wildlife,
    texts,
)
from tests.pages.test_debrief_i18n_pages import open_debrief


def day(at) -> str:
    return {m.label: m.value for m in at.metric}["Day"]


def to_day_84(app_db: str) -> None:
    """The demo trainee's wildlife exercise, a week at a time to day 84 (straight through
    academy, as the desk would store it): nothing left on their agenda but the end."""
    from sqlmodel import select

    from academy import exercises
    from academy.db import make_engine, session_scope
    from academy.models import User
    from academy.scenarios import sync_shipped

    engine = make_engine(app_db)
    with session_scope(engine) as s:
        version = next(v for v in sync_shipped(s) if v.scenario_id == "wildlife-ivory-corridor")
        trainee = s.exec(select(User).where(User.role == "trainee")).one()
        record = exercises.start(s, user=trainee, scenario_version_id=version.id, workshop_id=1)
        held = None
        for _ in range(12):
            held = exercises.play(s, exercise_id=record.id, user_id=trainee.id, held=held,
                                  action={"kind": "advance", "days": 7})
    engine.dispose()


def test_next_event_asks_before_it_ends_the_exercise(app_db):
    to_day_84(app_db)
    at = as_trainee().switch_page("pages/desk.py").run()
    assert day(at) == "84.0 / 90"
    assert "Next known event: day 84.0" not in texts(at)  # that day's top-up has come
    at.button(key="desk.advance_to_next_event.").click().run()
    assert not at.exception
    assert day(at) == "84.0 / 90"  # nothing happened yet: the desk asks first
    asked = [w.value for w in at.warning]
    assert any("this ends the exercise — continue?" in w for w in asked), asked
    at.button(key="desk.confirm_end.no").click().run()
    assert day(at) == "84.0 / 90" and not any("this ends" in w.value for w in at.warning)
    assert "Next known event: day 90.0 — end of the exercise" in texts(at)
    assert [e.label for e in at.expander if "waiting for" in e.label] == [
        "What you are waiting for (1)"]
    at.button(key="desk.advance.7").click().run()  # a week from day 84 ends it too: asked
    assert day(at) == "84.0 / 90" and any("this ends" in w.value for w in at.warning)
    at.button(key="desk.confirm_end.no").click().run()
    for _ in range(5):  # a top-up due on day 84 may still come first: news stops time
        if day(at) == "90.0 / 90":
            break
        at.button(key="desk.advance_to_next_event.").click().run()
        at.button(key="desk.confirm_end.yes").click().run()
    assert day(at) == "90.0 / 90"
    assert "The exercise has ended" in texts(at) or at.success


@pytest.mark.usefixtures("app_db")
def test_the_action_form_shows_cost_and_delay_before_sending():
    at = start_wildlife(as_trainee())
    at.session_state["desk.tab"] = "Actions"
    at.run()
    at.radio(key="actions.kind").set_value("inspection").run()
    at.selectbox(key="actions.insp.loc").set_value("mombasa-port").run()
    captions = [c.value for c in at.caption]
    assert "Cost: 1 analyst-day · answer in 0.5–2 days (most likely 1)" in captions, captions
    at.radio(key="actions.kind").set_value("case_meeting").run()
    assert "Cost: 4 analyst-days · answer in 3 days" in [c.value for c in at.caption]
    at.radio(key="actions.kind").set_value("request_warrant").run()
    assert "Cost: 0 analyst-days · decided at once" in [c.value for c in at.caption]
    at.radio(key="actions.kind").set_value("request_intel").run()
    source = at.selectbox(key="actions.intel.source").value
    from engine.scenario import load_scenario
    from tests.pages.helpers import APP

    scenario = load_scenario(APP.replace("app.py", "scenarios/wildlife-ivory-corridor.yaml"))
    src = next(s for s in scenario.intel_sources if s.id == source)
    d = src.delay_days
    want = f"Cost: {src.cost:g} analyst-days · answer in {d.min:g}–{d.max:g} days"
    assert any(c.value.startswith(want) for c in at.caption), [c.value for c in at.caption]


@pytest.mark.usefixtures("app_db")
def test_a_name_in_the_inbox_opens_it_in_the_link_chart():
    at = start_wildlife(as_trainee())
    at.button(key="desk.advance.7").click().run()  # the rangers' tip (day 2) names a driver
    at.session_state["desk.tab"] = "Inbox"
    at.run()
    tip = next(t.value for t in at.text if "named a driver" in t.value)
    links = [b for b in at.button if b.key and b.key.startswith("desk.inbox.")]
    named = [b for b in links if b.label in tip]
    assert named, (tip, [b.label for b in links])
    name = named[0].label
    named[0].click().run()
    assert not at.exception
    assert at.session_state["desk.tab"] == "Link chart"
    assert any(name in i.value for i in at.info), [i.value for i in at.info]
    assert at.get("vega_lite_chart")
    top_ups = [t.value for t in at.text if "Weekly budget allocation" in t.value]
    assert not top_ups  # the chart tab is open now, not the inbox


@pytest.fixture
def played(app_db):
    exercise_id, live = play_to_end(app_db, {
        "kind": "request_intel", "source": "customs-data", "target": KNOWN_COMPANY})
    return exercise_id, live


def test_the_debrief_lists_every_shipment_with_why(played):
    exercise_id, live = played
    at = open_debrief(exercise_id, "en", "Shipments")
    rows = next(d.value for d in at.dataframe if "Why" in d.value.columns)
    assert list(rows["Shipment"]) == [p.id for p in live.world.plan]  # never sent ones too
    assert all(w for w in rows["Why"]), list(rows["Why"])
    got_through = rows[rows["Fate"] == "got through"]
    assert all(w.startswith("got through: ") for w in got_through["Why"])
    at = open_debrief(exercise_id, "fr", "Envois")
    why = next(d.value for d in at.dataframe if "Pourquoi" in d.value.columns)["Pourquoi"]
    assert not any(w.startswith("got through") for w in why)


PRICE = {"fr": "Coût", "es": "Coste", "ar": "التكلفة"}  # actions.cost, the action's price
NEXT = {"fr": "Prochain événement", "es": "Próximo evento", "ar": "الحدث المعروف التالي"}


@pytest.mark.parametrize(("lang", "tab", "word"), [
    ("fr", "Mesures", "jours-analyste"), ("es", "Acciones", "días-analista"),
    ("ar", "الإجراءات", "أيام عمل المحلّلين")])
def test_the_budget_unit_is_said_in_the_readers_language(app_db, lang, tab, word):
    """The scenario's budget unit ("analyst-days") in the next known event, a weekly top-up
    in the inbox and an action's price, in the trainee's language (it was English in all)."""
    from sqlmodel import select

    from academy import exercises
    from academy.db import make_engine, session_scope
    from academy.models import ExerciseRecord, User

    start_wildlife(as_trainee())
    engine = make_engine(app_db)
    with session_scope(engine) as s:  # past the first weekly top-up
        trainee = s.exec(select(User).where(User.role == "trainee")).one()
        record = s.exec(select(ExerciseRecord).where(ExerciseRecord.user_id == trainee.id)).one()
        exercises.play(s, exercise_id=record.id, user_id=trainee.id, held=None,
                       action={"kind": "advance", "days": 8})
    engine.dispose()
    at = reopen_desk(lang, tab)
    assert not at.exception
    said = texts(at)
    assert "analyst-days" not in said
    next_event = [c.value for c in at.caption if c.value.startswith(NEXT[lang])]
    assert next_event and all(word in c for c in next_event), next_event
    if lang in ("fr", "es"):  # the day written the language's way too: "7,0", not "7.0"
        assert all(re.search(r"\d,0 ", c) for c in next_event), next_event
    prices = [c.value for c in at.caption if c.value.startswith(PRICE[lang])]
    assert prices and all(word in p for p in prices), [c.value for c in at.caption]
    inbox = reopen_desk(lang, {"fr": "Boîte de réception", "es": "Bandeja de entrada",
                               "ar": "البريد الوارد"}[lang])
    assert any(word in m for m in [m.value for m in inbox.markdown]), "the weekly top-up"
