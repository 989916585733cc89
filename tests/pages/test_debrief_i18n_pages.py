"""A French trainee reads the debrief and the inbox senders in French (AppTest via app.py)."""

from __future__ import annotations

import pytest

from tests.pages.helpers import (
    KNOWN_COMPANY,
    act,
    as_trainee,
    play_to_end,
    reopen_desk,
    start_wildlife,
    texts,
)


@pytest.fixture
def played(app_db):
    """The demo trainee tasked customs data on the company they know, then let the
    exercise run to its end: shipments that report pointed at got through."""
    exercise_id, live = play_to_end(app_db, {
        "kind": "request_intel", "source": "customs-data", "target": KNOWN_COMPANY})
    missed = live.debrief().missed
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
    assert "Déclarations et manifestes douaniers sur " in warnings[0], warnings
    assert not any(m.text in w for m in missed for w in warnings)


def test_a_french_trainee_reads_how_the_score_is_computed_in_french(played):
    exercise_id, _ = played
    page = texts(open_debrief(exercise_id, "fr"))
    assert "part des membres réels du réseau identifiés dans votre graphe" in page
    assert "share of the network's real members identified" not in page


@pytest.mark.usefixtures("app_db")
def test_a_refused_notice_gives_its_reason_in_french():
    at = start_wildlife(as_trainee())
    act(at, "request_notice", {"notice.colour": "silver", "notice.subject.silver": KNOWN_COMPANY})
    at = reopen_desk("fr", "Notices INTERPOL")
    assert not at.exception
    reason = at.dataframe[0].value["Motif"][0]
    assert reason.startswith("Refusé"), reason
    assert "no known account or asset" not in reason


@pytest.mark.usefixtures("app_db")
def test_inbox_senders_are_in_the_trainee_language():
    at = start_wildlife(as_trainee())
    act(at, "share_intel", {"share.country": "TZ"})
    at.button(key="desk.advance.7").click().run()
    at.session_state["desk.tab"] = "Inbox"
    at.run()
    headers = [m.value for m in at.markdown]
    assert any("**NCB Tanzania**" in h for h in headers), headers
    at = reopen_desk("fr", "Boîte de réception")
    assert not at.exception
    headers = [m.value for m in at.markdown]
    assert any("**BCN Tanzanie**" in h for h in headers), headers
    assert any("**Coordinateur NEST**" in h for h in headers), headers
    assert not any("**NCB Tanzania**" in h for h in headers)
