"""A widget takes its value from a default or from Session State, never both. User trial:
the server logged `The widget with key "actions.seize.start" was created with a default value
but also had its value set via the Session State API` on opening the desk's Seizure form
(the form's values are set again as state on every run, and the day box also had value=)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit.elements.lib import policies

from tests.pages.helpers import act, as_trainee, start_wildlife
from ui.action_forms import FORMS


@pytest.fixture
def doubled(monkeypatch):
    """The keys Streamlit would warn about. Its check is skipped where no server runtime
    exists (AppTest) and speaks once per process: both are lifted here."""
    found: list[str] = []
    monkeypatch.setattr(policies, "runtime", SimpleNamespace(exists=lambda: True))
    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    monkeypatch.setattr(policies, "_LOGGER", SimpleNamespace(
        warning=lambda _msg, key, **_: (found.append(key),
                                        setattr(policies, "_shown_default_value_warning", False))))
    return found


@pytest.mark.usefixtures("app_db")
def test_no_action_form_sets_a_widget_both_ways(doubled):
    at = start_wildlife(as_trainee())
    at.session_state["desk.tab"] = "Actions"
    at.run()
    for kind in FORMS:  # every form, drawn twice
        at.radio(key="actions.kind").set_value(kind).run()
        at.run()
        assert not at.exception, kind
    assert doubled == []


@pytest.mark.usefixtures("app_db")
def test_the_seizure_window_starts_today_and_follows_the_clock(doubled):
    at = start_wildlife(as_trainee())
    act(at, "request_intel", {"intel.source": "customs-data", "intel.target": "dar-es-salaam-port"})
    at.radio(key="actions.kind").set_value("seizure").run()
    assert at.number_input(key="actions.seize.start").value == 0.0
    at.button(key="desk.advance.7").click().run()
    at.session_state["desk.tab"] = "Actions"
    at.run()
    assert not at.exception
    assert at.number_input(key="actions.seize.start").value >= 7.0  # not a day gone by
    assert doubled == []


@pytest.mark.usefixtures("app_db")
def test_the_seizure_window_sent_as_offered_is_accepted_at_an_odd_hour():
    """A user trial: at day 8.63 the form offered "8.60" and the engine refused it ("the
    window must start between now (day 8.6) and the end")."""
    at = start_wildlife(as_trainee())
    act(at, "request_intel", {"intel.source": "customs-data", "intel.target": "dar-es-salaam-port"})
    at.button(key="desk.advance_to_next_event.").click().run()  # the report: an odd hour
    at.session_state["desk.tab"] = "Actions"
    at.run()
    at.radio(key="actions.kind").set_value("seizure").run()
    at.selectbox(key="actions.seize.ship").select_index(0).run()
    at.selectbox(key="actions.seize.loc").set_value("mombasa-port").run()
    offered = at.number_input(key="actions.seize.start").value
    at.button(key="actions.submit.seizure").click().run()
    said = " ".join(x.value for x in [*at.error, *at.warning, *at.success, *at.info])
    assert "must start between now" not in said, (offered, said)
    assert not at.exception
