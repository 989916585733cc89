"""Workshop setup: details and dates, join code, roster, teams, modules, scenarios."""

import streamlit as st

from ui import session, workshop_setup
from ui.i18n import t
from ui.text import plain
from ui.workshop_pick import choose

user = session.require("instructor", "admin")
st.title(t("ws.page_title"))
workshop = choose(user)
if workshop is None:
    st.stop()

head = st.columns([3, 1])
head[0].header(plain(workshop.title))
head[1].metric(t("instructor.join_code"), workshop.join_code)

details, people, modules, scenarios = st.tabs(
    [t("ws.tab_details"), t("ws.tab_people"), t("ws.tab_modules"), t("ws.tab_scenarios")])
with details:
    workshop_setup.details(user, workshop)
with people:
    st.header(t("ws.roster"))
    workshop_setup.roster_upload(user, workshop)
    st.header(t("ws.teams"))
    workshop_setup.team_editor(user, workshop)
    workshop_setup.sign_in_waits(user, workshop)
with modules:
    workshop_setup.modules(user, workshop)
with scenarios:
    workshop_setup.scenarios(user, workshop)
