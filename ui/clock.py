"""The desk's clock: letting time pass, what the trainee is waiting for, and the end.

Time moves a day, a week, or to the next event the trainee knows of — an answer due, a
departure a report announced, a control window, the weekly top-up (``engine.agenda``).
A step that would end the exercise is held until the trainee confirms it: an analyst
never finds the exercise over because they pressed "next" once too often.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from engine.records import AgendaItem, TraineeView
from ui.desk import act, message_text
from ui.i18n import num, t
from ui.session import CurrentUser

CONFIRM_KEY = "desk.confirm_end"  # the step held until the trainee confirms the end


def advance_buttons(user: CurrentUser, exercise: int, view: TraineeView,
                    agenda: list[AgendaItem]) -> None:
    """Let time pass: a day, a week, or to the next event the trainee knows of. A step that
    would end the exercise asks first (for "next event" the engine refuses to end it
    unasked, too)."""
    upcoming = agenda[0]
    row = st.container(horizontal=True)  # wraps on a phone (columns would stack)
    for label, action in [
        (t("desk.advance_day"), {"kind": "advance", "days": 1}),
        (t("desk.advance_week"), {"kind": "advance", "days": 7}),
        (t("desk.advance_event"), {"kind": "advance_to_next_event"}),
    ]:
        asks = (upcoming.code == "agenda.end" if action["kind"] == "advance_to_next_event"
                else view.day + action["days"] >= view.duration_days - 1e-9)
        row.button(label, key=f"desk.{action['kind']}.{action.get('days', '')}",
                      disabled=view.finished, width="stretch",
                      on_click=ask_end if asks else act,  # acts before the rerun
                      args=(action,) if asks else (user, exercise, action))
    if not view.finished:
        what = message_text(upcoming.code, upcoming.params, upcoming.text)
        st.caption(t("desk.next_event", day=num(upcoming.day, ".1f"), what=what))
        with st.expander(t("desk.agenda", n=len(agenda)), icon=":material/event:"):
            st.markdown("\n".join(
                f"- {t('desk.day')} {num(a.day, '.1f')} — {message_text(a.code, a.params, a.text)}"
                for a in agenda))
    if st.session_state.get(CONFIRM_KEY) and not view.finished:
        with st.container(border=True):
            st.warning(t("desk.confirm_end"), icon=":material/flag:")
            yes, no = st.columns(2)
            yes.button(t("desk.confirm_end_yes"), key="desk.confirm_end.yes", type="primary",
                       on_click=end_exercise, args=(user, exercise))
            no.button(t("desk.confirm_end_no"), key="desk.confirm_end.no", on_click=cancel_end)


def ask_end(action: dict[str, Any]) -> None:
    """Hold the step that would end the exercise until the trainee confirms it."""
    st.session_state[CONFIRM_KEY] = action


def cancel_end() -> None:
    st.session_state.pop(CONFIRM_KEY, None)


def end_exercise(user: CurrentUser, exercise: int) -> None:
    action = dict(st.session_state.pop(CONFIRM_KEY, None) or {"kind": "advance_to_next_event"})
    if action["kind"] == "advance_to_next_event":
        action["confirm_end"] = True
    act(user, exercise, action)
