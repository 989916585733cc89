"""Improvement plan: what the team's exercises found, by indicator, each action tracked to closure."""

import streamlit as st

from ui import improvement, session
from ui.guidance import content_lang, content_notice, framework, team_for
from ui.i18n import t

user = session.require("country", "admin")
st.title(t("improve.title"))
team = team_for(user)
fw, lang = framework(), content_lang()
content_notice()
st.caption(t("improve.intro"))
plan = improvement.load(user, team)
if not plan:
    st.info(t("improve.none"))
    st.stop()

improvement.progress_panel(plan)
open_only = st.toggle(t("improve.open_only"), key="improve.open_only")
improvement.items(user, fw, plan, lang, open_only=open_only)

st.header(t("improve.export"))
improvement.exports(fw, plan, team)
