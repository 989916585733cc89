"""Training requests: country teams' plans, each made into a workshop in one click."""

import streamlit as st

from academy.training_plan import requests_for
from ui import session
from ui.guidance import content_lang, framework
from ui.i18n import t
from ui.state import db
from ui.training import staff_request
from ui.workshop_pick import me

user = session.require("instructor", "admin")
st.title(t("requests.title"))
st.caption(t("requests.help"))
with db() as s:
    rows = requests_for(s, user=me(user))
if not rows:
    st.info(t("requests.none"))
fw, lang = framework(), content_lang()
for request, team in rows:
    staff_request(user, request, team, fw, lang)
