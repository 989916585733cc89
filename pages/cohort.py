"""Cohort debrief: the hot-wash after play, facilitator notes and the after-action report."""

import streamlit as st

from academy import hotwash
from ui import cohort, lms, session
from ui.choice import prompt
from ui.i18n import current_language, t
from ui.state import db
from ui.workshop_pick import choose, me

user = session.require("instructor", "admin")
st.title(t("hotwash.title"))
lms.packages(user)  # learning paths for the centre's LMS, beside this page's exports
workshop = choose(user)
if workshop is None:
    st.stop()

with db() as s:
    played = hotwash.scenarios_played(s, user=me(user), workshop_id=workshop.id)
if not played:
    st.info(t("hotwash.nothing"))
    st.stop()
scenario_id = st.selectbox(t("hotwash.scenario"), list(played), key="hotwash.scenario",
                           format_func=lambda i: played[i].title.get(current_language())
                           or played[i].title["en"], placeholder=prompt(list(played)))
scenario = played[scenario_id]
running = st.toggle(t("hotwash.include_running"), key="hotwash.running")
found = cohort.load(user, workshop, scenario_id, running)

results, side_by_side, notes = st.tabs([t("hotwash.tab_results"), t("hotwash.tab_compare"),
                                        t("hotwash.tab_notes")])
with results:
    if found:
        cohort.overview(found, scenario)
    else:
        st.info(t("hotwash.none_finished"))
with side_by_side:
    if found:
        cohort.compare(found)
with notes:
    stored = cohort.notes(user, workshop)
st.divider()
cohort.exports(user, workshop, scenario, found, stored)
