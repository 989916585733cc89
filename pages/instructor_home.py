"""An instructor's home: their workshops with join codes, and a form for a new one."""

import streamlit as st

from academy.accounts import get_user
from academy.errors import AcademyError
from academy.workshops import create_workshop, trainees_of, workshops_of
from ui import bounded, session
from ui.choice import prompt
from ui.i18n import LANGUAGES, t
from ui.messages import show_error
from ui.state import db
from ui.text import plain

user = session.require("instructor", "admin")
st.title(t("instructor.title"))

with db() as s:
    workshops = workshops_of(s, user_id=user.id)
    rosters = {w.id: trainees_of(s, workshop_id=w.id) for w in workshops}
if not workshops:
    st.info(t("instructor.none"))
for workshop in workshops:
    with st.container(border=True):
        left, right = st.columns([3, 1])
        left.markdown(f"**{plain(workshop.title)}**")
        left.caption(plain(workshop.location) or "—")
        right.metric(t("instructor.join_code"), workshop.join_code)
        st.caption(t("instructor.trainee_count", count=len(rosters[workshop.id])))

with st.expander(t("instructor.new"), icon=":material/add:"), st.form("instructor.new_form"):
    title = bounded.text_input(t("instructor.field_title"), limit=120, key="instructor.title")
    location = bounded.text_input(t("instructor.field_location"), limit=120, key="instructor.loc")
    language = st.selectbox(t("instructor.field_language"), list(LANGUAGES),
                            format_func=LANGUAGES.__getitem__, key="instructor.lang",
                            placeholder=prompt(list(LANGUAGES)))
    starts, ends = st.columns(2)
    starts_on = starts.date_input(t("ws.starts"), value=None, key="instructor.starts")
    ends_on = ends.date_input(t("ws.ends"), value=None, key="instructor.ends")
    if (st.form_submit_button(t("instructor.create"), type="primary")
            and bounded.fits((title, 120), (location, 120))):
        try:
            with db() as s:
                me = get_user(s, user_id=user.id)
                created = create_workshop(s, title=title, instructor=me, location=location,
                                          language=language, starts_on=starts_on,
                                          ends_on=ends_on)
            st.success(t("instructor.created", code=created.join_code))
            st.rerun()
        except AcademyError as error:
            show_error(error)
