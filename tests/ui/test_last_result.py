"""An action's result stays on the desk until a run that showed it gets to its end.

A run is cut short whenever the next redraw starts (a teammate's click, the clock, an
inject reaching the desk's watch); when the result was dropped as soon as it was drawn, a
trainee in Chromium never saw "Request sent" after a teammate acted at the same moment."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def desk_page() -> None:  # runs inside AppTest: it imports what it uses
    import streamlit as st

    from engine.records import Outcome
    from ui import desk

    if st.session_state.pop("act", False):  # the click: its result, for the next run
        st.session_state["desk.last"] = Outcome(True, "intel.requested", "request sent")
        st.rerun()
    desk.last_result()
    if st.session_state.pop("act_late", False):  # an action taken further down this run
        st.session_state["desk.last"] = Outcome(True, "intel.requested", "second request sent")
    if st.session_state.pop("cut_short", False):  # the next redraw interrupted this run
        st.stop()
    desk.results_shown()


def shown(at: AppTest) -> list[str]:
    return [s.value for s in at.success]


def test_a_result_stays_until_a_run_that_showed_it_completes():
    at = AppTest.from_function(desk_page, default_timeout=30)
    at.session_state["act"] = True
    at.session_state["cut_short"] = True
    at.run()
    assert shown(at) == ["Request sent"]  # drawn, but the run did not get to its end
    at.run()
    assert shown(at) == ["Request sent"]  # so the next run shows it again, and completes
    at.run()
    assert shown(at) == []  # seen: gone


def test_a_result_stored_after_the_display_waits_for_the_next_run():
    at = AppTest.from_function(desk_page, default_timeout=30)
    at.session_state["act"] = True
    at.session_state["act_late"] = True
    at.run()
    assert shown(at) == ["Request sent"]
    at.run()
    assert shown(at) == ["Second request sent"]
    at.run()
    assert shown(at) == []
