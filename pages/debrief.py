"""After-action review: what really happened, beside what you did."""

import streamlit as st

from academy import debriefs, exercises
from academy.accounts import get_user
from academy.errors import AcademyError
from ui import debrief as panels
from ui import desk, session
from ui.i18n import current_language, isolated, t
from ui.messages import show_error
from ui.state import db
from ui.text import plain

user = session.require("trainee", "instructor", "admin")
lang = current_language()
exercise = desk.exercise_id()
if exercise is None and user.role == "trainee":  # from the menu: their latest that ended
    with db() as s:
        exercise = exercises.latest(s, user_id=user.id, finished=True)
    if exercise is None:
        st.info(t("error.debrief_locked"), icon=":material/lock_clock:")
        st.page_link("pages/exercises.py", label=t("nav.exercises"), icon=":material/travel_explore:")
        st.stop()
try:
    with db() as s:
        me = get_user(s, user_id=user.id)
        record, truth = debriefs.truth(s, exercise_id=exercise or 0, user=me)
        scenario = debriefs.scenario_of(s, record)
        choices = debriefs.decisions(s, exercise_id=record.id)
except AcademyError as error:
    show_error(error)
    st.stop()

st.title(t("debrief.title", scenario=isolated(plain(scenario.text(scenario.title, lang)))))
desk.engine_note(record)
tabs = st.tabs([t("debrief.tab_ratings"), t("debrief.tab_network"), t("debrief.tab_shipments"),
                t("debrief.tab_prosecution"), t("debrief.tab_decisions"), t("debrief.tab_whatif"),
                t("debrief.tab_export")],
               key="debrief.tab", on_change="rerun")
with tabs[0]:
    panels.ratings(truth, scenario, lang)
    panels.score(truth)
with tabs[1]:
    panels.network(truth, record.hypotheses)
with tabs[2]:
    panels.shipments(truth, scenario)
    panels.missed(truth)
with tabs[3]:
    panels.prosecutions(truth, scenario)
with tabs[4]:
    panels.decisions(truth, scenario)
with tabs[5]:
    panels.what_if(record.id or 0, user.id, choices, truth, scenario)
with tabs[6]:
    st.download_button(t("debrief.pdf"), debriefs.pdf(truth, scenario=scenario, trainee=user.name,
                                                      lang=lang),
                       file_name=f"debrief-{scenario.id}.pdf", mime="application/pdf",
                       key="debrief.pdf")
    st.download_button(t("debrief.csv_shipments"), debriefs.shipments_csv(truth, scenario, lang),
                       file_name=f"shipments-{scenario.id}.csv", mime="text/csv",
                       key="debrief.csv1")
    st.download_button(t("debrief.csv_decisions"), debriefs.decisions_csv(truth, scenario, lang),
                       file_name=f"decisions-{scenario.id}.csv", mime="text/csv",
                       key="debrief.csv2")
