"""The control cell: start a joint operation for a workshop, then run its clock and script."""

import streamlit as st

from academy.errors import AcademyError
from ui import control_desk as cc
from ui import joint_meeting, session
from ui.i18n import t
from ui.messages import show_error
from ui.workshop_pick import choose

user = session.require("instructor", "admin")
st.title(t("cc.title"))
workshop = choose(user)
if workshop is None:
    st.stop()

operation = cc.pick(user, workshop)
with st.expander(t("cc.new"), expanded=operation is None, icon=":material/add_circle:"):
    cc.start_form(user, workshop, existing=operation is not None)
if operation is None:
    cc.notices()
    st.stop()


@st.fragment
def control() -> None:
    """The control cell redraws alone when it acts; rights are checked on every call."""
    try:
        desk, seated, lines = cc.load(user, operation)
    except AcademyError as error:
        show_error(error)
        return
    scenario = cc.scenario_of(desk.operation)
    cc.notices()
    cc.clock(user, operation, desk, scenario.duration_days)
    if desk.operation.paused:
        st.warning(t("cc.paused_note"), icon=":material/pause_circle:")
    cc.seating(user, operation, seated)
    cc.phase(user, operation, desk, scenario.msel)
    world, requests, channel, injects, together = st.tabs(
        [t("cc.tab_world"), t("cc.tab_requests"),
         t("cc.tab_channel"), t("cc.tab_inject"), t("cc.tab_together")],
        key="cc.tab", on_change="rerun")
    if world.open:
        with world:
            cc.world(desk)
    if requests.open:
        with requests:
            cc.requests(desk)
    if channel.open:
        with channel:
            cc.channel(user, operation, lines, seated)
    if injects.open:
        with injects:
            cc.inject(user, operation, seated, desk.played.live.finished)
    if together.open:  # convene and close the case meeting, set the action day
        with together:
            joint_meeting.control_meeting_panel(desk, joint_meeting.control_actions(user, operation))


@st.fragment(run_every=cc.WATCH_SECONDS)
def watch() -> None:
    """A team's request, message or ready flag shows up without a click."""
    if cc.changed(user, operation):
        st.rerun()


control()
watch()
