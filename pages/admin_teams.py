"""Admin: country teams, their join codes and members, and a form for a new team."""

import streamlit as st

from academy.errors import AcademyError
from academy.teams import create_team, members_of, teams_visible_to
from ui import bounded, session
from ui.i18n import country, t
from ui.messages import show_error
from ui.state import db

user = session.require("admin")
st.title(t("teams.title"))
st.write(t("teams.intro"))
with db() as s:
    teams = teams_visible_to(s, acting_user_id=user.id)
    members = {team.id: members_of(s, acting_user_id=user.id, team_id=team.id or 0) for team in teams}
if not teams:
    st.info(t("teams.none"))
for team in teams:
    with st.container(border=True):
        left, right = st.columns([3, 1])
        left.text(f"{country(team.country)} · {team.name}")
        left.caption(t("teams.member_count", count=len(members[team.id])))
        right.metric(t("teams.join_code"), team.join_code)

with st.expander(t("teams.new"), icon=":material/add:"), st.form("teams.new_form"):
    country = st.text_input(t("teams.country"), max_chars=2, key="teams.country",
                            help=t("teams.country_help"))
    name = bounded.text_input(t("teams.name"), limit=120, key="teams.name")
    if st.form_submit_button(t("teams.create"), type="primary") and bounded.fits((name, 120)):
        try:
            with db() as s:
                created = create_team(s, acting_user_id=user.id, country=country, name=name)
            st.success(t("teams.created", code=created.join_code))
            st.rerun()
        except AcademyError as error:
            show_error(error)
