"""The team desk of a joint operation: one country's NEST on the workshop's shared clock."""

import streamlit as st

from academy.errors import AcademyError
from engine.messages import country_name
from ui import action_forms, desk, joint_meeting, session
from ui import operation_desk as op
from ui.i18n import current_language, t
from ui.messages import show_error
from ui.text import plain, show_authored

user = session.require("trainee")
lang = current_language()
operation = op.operation_id(user)
if operation is None:
    st.title(t("nav.operation"))
    st.info(t("op.none"))
    st.stop()


@st.fragment
def team_desk() -> None:
    """Acting redraws the desk alone; the seat is checked again on every redraw."""
    try:
        desk_now = op.load(user, operation)
    except AcademyError as error:
        show_error(error)
        return
    view, scenario = desk_now.view, op.scenario(desk_now.seat.operation)
    names = desk.labels(view) | desk.scenario_names(scenario, view, lang)
    st.title(plain(scenario.text(scenario.title, lang)))
    op.who(desk_now)
    desk.header(view)
    op.phase(desk_now.seat.operation, scenario)
    if desk_now.seat.operation.paused:
        st.warning(t("op.paused"), icon=":material/pause_circle:")
    desk.last_result()
    op.clock_moved()
    if not view.finished:  # after the end no clock is left to move
        op.ready_toggle(user, operation, desk_now)
    if view.finished:  # nothing left to answer or do: the debrief is where to go
        op.ended()

    pending = sum(r.status == "pending" and r.to_country == desk_now.seat.team.country
                  for r in desk_now.requests)
    if pending and not view.finished:
        st.info(t("op.to_answer", n=pending), icon=":material/move_to_inbox:")
    news = st.container()  # "new messages in the channel": known once the open tab is
    briefing, inbox, chart, world, notices, requests, channel, together, actions = st.tabs(
        [t("desk.tab_briefing"), t("desk.tab_inbox"), t("desk.tab_chart"), t("desk.tab_map"),
         t("desk.tab_notices"), t("op.tab_requests"), t("op.tab_channel"),
         t("op.tab_together"), t("desk.tab_actions")],
        key="op.tab", on_change="rerun")  # stateful: only the open tab runs
    op.channel_news(user, operation, news, open_now=channel.open)
    if briefing.open:
        with briefing:  # each team is told its own country (the text is the home's)
            mine = desk_now.seat.team.country
            st.info(t("op.briefing_seat_home" if mine == scenario.home_country
                      else "op.briefing_seat", country=country_name(mine, lang),
                      home=country_name(scenario.home_country, lang)), icon=":material/flag:")
            show_authored(scenario.text(scenario.briefing, lang))
    if inbox.open:
        with inbox:
            desk.inbox(view, f"op.seen.{operation}", tabs_key="op.tab")
    if chart.open:
        with chart:
            desk.link_chart(view, {})
    if world.open:
        with world:
            desk.world(view, (0, int(view.duration_days)))
    if notices.open:
        with notices:
            desk.notices(view, names)
    if requests.open:
        with requests:
            op.requests(user, operation, desk_now, names)
    if channel.open:
        with channel:
            op.channel(user, operation, desk_now)
    if together.open:  # the regional case meeting and the coordinated action day
        with together:
            joint_meeting.team_meeting_panel(desk_now, lambda a: op.act_quietly(user, operation, a))
            joint_meeting.team_action_day_panel(
                desk_now, lambda a: op.act_quietly(user, operation, a))
    action_forms.keep()  # a half-filled form survives a look at the inbox or the chart
    if actions.open and not view.finished:
        with actions:
            action_forms.render(
                view, names, lambda action: op.act(user, operation, action),
                desk_now.played.live.quote, joint=True)
    # no results_shown(): on a shared desk every teammate's click and every move of the
    # clock redraws it, so the team's own last result stays until its next action


@st.fragment(run_every=op.WATCH_SECONDS)
def watch() -> None:
    """The shared clock, a request, a message: the desk redraws without a click."""
    if op.changed(user, operation):
        st.rerun()


team_desk()
watch()
