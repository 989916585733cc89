"""A French trainee reads the debrief and the inbox senders in French (AppTest via app.py)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from academy import exercises
from academy.db import make_engine, session_scope
from academy.models import User
from academy.scenarios import sync_shipped
from tests.pages.helpers import as_trainee, reopen_desk, texts

WILDLIFE = "wildlife-ivory-corridor"


@pytest.fixture
def played(app_db):
    """The demo trainee tasked customs data on the company they know, then let the
    exercise run to its end: shipments that report pointed at got through."""
    engine = make_engine(app_db)
    with session_scope(engine) as s:
        version = next(v for v in sync_shipped(s) if v.scenario_id == WILDLIFE)
        trainee = s.exec(select(User).where(User.role == "trainee")).one()
        record = exercises.start(s, user=trainee, scenario_version_id=version.id, workshop_id=1)
        held = exercises.play(s, exercise_id=record.id, user_id=trainee.id, held=None, action={
            "kind": "request_intel", "source": "customs-data", "target": "C02"})
        while not held.live.finished:
            held = exercises.play(s, exercise_id=record.id, user_id=trainee.id, held=held,
                                  action={"kind": "advance", "days": 7})
        missed = held.live.debrief().missed
        exercise_id = record.id
    engine.dispose()
    assert missed, "this log should leave a missed opportunity in the debrief"
    return exercise_id, missed


def open_debrief(exercise_id: int, lang: str, tab: str | None = None):
    at = as_trainee()
    at.session_state["i18n.lang"] = lang
    at.session_state["desk.exercise"] = exercise_id
    if tab:
        at.session_state["debrief.tab"] = tab
    at.switch_page("pages/debrief.py").run()
    assert not at.exception
    return at


def test_a_french_trainee_reads_missed_opportunities_in_french(played):
    exercise_id, missed = played
    english = [w.value for w in open_debrief(exercise_id, "en", "Shipments").warning]
    assert any(missed[0].text in w for w in english)  # the engine's own sentence in English
    at = open_debrief(exercise_id, "fr", "Envois")
    warnings = [w.value for w in at.warning]
    assert warnings, texts(at)
    assert warnings[0].startswith("Jour ")
    assert "Déclarations en douane" in warnings[0] or " au sujet de " in warnings[0], warnings
    assert not any(m.text in w for m in missed for w in warnings)


def test_a_french_trainee_reads_how_the_score_is_computed_in_french(played):
    exercise_id, _ = played
    page = texts(open_debrief(exercise_id, "fr"))
    assert "part du budget non dépensée" in page
    assert "share of the budget left unspent" not in page


def start_wildlife():
    at = as_trainee()
    at.switch_page("pages/exercises.py").run()
    cards = [m.value for m in at.markdown if m.value.startswith("**")]
    buttons = [b for b in at.button if b.key and b.key.startswith("exercises.start.")]
    buttons[cards.index("**The Ivory Corridor: Niassa to Hai Phong**")].click().run()
    at.switch_page("pages/desk.py").run()
    return at


@pytest.mark.usefixtures("app_db")
def test_a_refused_notice_gives_its_reason_in_french():
    at = start_wildlife()
    at.session_state["desk.tab"] = "Actions"
    at.run()
    at.radio(key="actions.kind").set_value("request_notice").run()
    at.selectbox(key="actions.notice.colour").set_value("red").run()
    at.selectbox(key="actions.notice.subject").set_value("C02").run()
    at.button(key="actions.submit.request_notice").click().run()
    at = reopen_desk("fr", "Notices INTERPOL")
    assert not at.exception
    reason = at.dataframe[0].value["Motif"][0]
    assert reason.startswith("Refusé"), reason
    assert "known person" not in reason


@pytest.mark.usefixtures("app_db")
def test_inbox_senders_are_in_the_trainee_language():
    at = start_wildlife()
    at.session_state["desk.tab"] = "Actions"
    at.run()
    at.radio(key="actions.kind").set_value("share_intel").run()
    at.selectbox(key="actions.share.country").set_value("TZ").run()
    at.button(key="actions.submit.share_intel").click().run()
    at.button(key="desk.advance.7").click().run()
    at.session_state["desk.tab"] = "Inbox"
    at.run()
    headers = [m.value for m in at.markdown]
    assert any("**NCB TZ**" in h for h in headers), headers
    at = reopen_desk("fr", "Boîte de réception")
    assert not at.exception
    headers = [m.value for m in at.markdown]
    assert any("**BCN TZ**" in h for h in headers), headers
    assert any("**Coordinateur NEST**" in h for h in headers), headers
    assert not any("**NCB TZ**" in h for h in headers)
