"""The controlled delivery form names every state on the chosen load's route."""

from __future__ import annotations

import pytest

from tests.pages.helpers import act, as_trainee, start_wildlife

pytestmark = pytest.mark.usefixtures("app_db")


def test_the_form_names_every_state_that_must_agree():
    at = act(start_wildlife(as_trainee()), "request_intel",
             {"intel.source": "customs-data", "intel.target": "dar-es-salaam-port"})
    assert not at.error
    for _ in range(3):
        at.button(key="desk.advance.7").click().run()
    at.session_state["desk.tab"] = "Actions"
    at.run()
    at.radio(key="actions.kind").set_value("controlled_delivery").run()
    box = at.selectbox(key="actions.cd.ship")
    assert box.options, "the customs report put a shipment in the case file"
    box.select_index(0).run()
    shown = [c.value for c in at.caption]
    states = next(c for c in shown if c.startswith("States to be asked (all must agree): "))
    assert "Tanzania" in states and "Vietnam" in states, states  # by CLDR, as pickers
    at.button(key="actions.submit.controlled_delivery").click().run()
    assert not at.exception
    assert "all must agree" in at.success[0].value
