"""A trainee's home: the workshops they joined and what to do next."""

import streamlit as st

from academy.workshops import workshops_of
from ui import session
from ui.i18n import t
from ui.state import db

user = session.require("trainee")
st.title(t("trainee.title", name=user.name))
with db() as s:
    workshops = workshops_of(s, user_id=user.id)
st.subheader(t("trainee.workshops"))
for workshop in workshops:
    with st.container(border=True):
        st.markdown(f"**{workshop.title}**")
        st.caption(t("trainee.workshop_meta", location=workshop.location or "—",
                     code=workshop.join_code))
st.subheader(t("trainee.modules"))
st.info(t("trainee.no_modules"))
st.subheader(t("trainee.exercises"))
st.info(t("trainee.no_exercises"))
