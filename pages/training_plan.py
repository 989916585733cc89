"""Training plan: what the team's weakest indicators call for, and asking for it."""

import streamlit as st

from academy.errors import AcademyError
from academy.training_plan import plan_for_team, request_training, requests_of_team
from ui import session
from ui.guidance import content_lang, content_notice, framework, team_for
from ui.i18n import t
from ui.messages import show_error
from ui.state import db
from ui.text import plain
from ui.training import show_plan, team_requests

user = session.require("country", "admin")
st.title(t("plan.title"))
team = team_for(user)
fw, lang = framework(), content_lang()
content_notice()
with db() as s:
    found = plan_for_team(s, acting_user_id=user.id, team_id=team.id or 0, framework=fw)
if found is None:
    st.info(t("plan.no_round"))
    st.stop()
assessment, plan = found
if not plan.weakest:
    st.success(t("results.no_weak"))
    st.stop()
st.caption(t("plan.based_on", round=plain(assessment.title), count=len(plan.weakest)))
show_plan(plan, fw, lang)

st.header(t("plan.ask"))
st.caption(t("plan.ask_help"))
if st.button(t("plan.request"), type="primary", icon=":material/send:", key="plan.request"):
    try:
        with db() as s:
            request_training(s, acting_user_id=user.id, team_id=team.id or 0, framework=fw)
        st.toast(t("plan.requested"), icon=":material/check:")
    except AcademyError as error:
        show_error(error)
with db() as s:
    team_requests(requests_of_team(s, acting_user_id=user.id, team_id=team.id or 0))
