"""The analyst's desk: one exercise, played in simulated days."""

import streamlit as st

from academy.errors import AcademyError
from ui import action_forms, clock, desk, session
from ui.i18n import countries_listed, current_language, labelled, t
from ui.messages import show_error
from ui.text import plain, show_authored

user = session.require("trainee")
lang = current_language()
exercise = desk.exercise_id(resume_for=user)
if exercise is None:
    st.info(t("desk.choose_first"))
    st.page_link("pages/exercises.py", label=t("nav.exercises"), icon=":material/list:")
    st.stop()


@st.fragment
def desk_view() -> None:
    """Acting redraws the desk alone, not the menu and sidebar around it: 30 trainees click
    at once in a workshop. The exercise's owner is checked again on every redraw."""
    try:
        record, played = desk.load(user, exercise)
        scenario = desk.scenario(record)
    except AcademyError as error:
        show_error(error)
        return

    view = played.live.view()
    names = desk.labels(view) | desk.scenario_names(scenario, view, lang)
    st.title(plain(scenario.text(scenario.title, lang)))
    desk.header(view)
    if record.paused:
        st.warning(t("desk.paused"), icon=":material/pause_circle:")
    desk.engine_note(record)

    clock.advance_buttons(user, exercise, view, played.live.agenda())
    desk.last_result()
    if view.finished:
        st.success(t("desk.finished"), icon=":material/flag:")
        st.page_link("pages/debrief.py", label=t("desk.to_debrief"), icon=":material/insights:")

    briefing, inbox, chart, world, timeline, notices, actions = st.tabs(
        [t("desk.tab_briefing"), t("desk.tab_inbox"), t("desk.tab_chart"), t("desk.tab_map"),
         t("desk.tab_timeline"), t("desk.tab_notices"), t("desk.tab_actions")],
        key="desk.tab", on_change="rerun")  # stateful: only the open tab runs
    if briefing.open:
        with briefing:
            show_authored(scenario.text(scenario.briefing, lang))
            show_authored("\n".join(f"- {scenario.text(o.text, lang)}" for o in scenario.objectives))
            st.caption(labelled(t("desk.partners"), plain(countries_listed(scenario.countries))))
    if inbox.open:
        with inbox:
            desk.inbox(view, f"desk.seen.{exercise}")
    if chart.open:
        with chart:
            desk.link_chart(view, record.hypotheses)
            desk.hypothesis_form(user, exercise, view, names)
    if world.open:
        with world:
            last = int(view.duration_days)
            days = st.slider(t("desk.map_days"), 0, last, (0, last), step=1, format="%d",
                             key="desk.map_days")
            desk.world(view, days)
    if timeline.open:
        with timeline:
            desk.timeline(view, names)
    if notices.open:
        with notices:
            desk.notices(view, names)
    action_forms.keep()  # a half-filled form survives a look at the inbox or the chart
    if actions.open and not view.finished:
        with actions:
            action_forms.render(view, names, lambda action: desk.act(user, exercise, action),
                                played.live.quote)
    desk.results_shown()  # the run got to its end: the result above was on screen


@st.fragment(run_every=desk.WATCH_SECONDS)
def news() -> None:
    """An inject or the trainee's other tab shows up without a click."""
    if desk.moved_on(user, exercise):
        st.rerun()


desk_view()
news()
