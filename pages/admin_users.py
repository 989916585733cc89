"""Admin: every account, and a form to add an instructor or admin."""

import streamlit as st

from academy.accounts import MAX_PASSWORD, add_staff, list_users
from academy.errors import AcademyError
from ui import bounded, session
from ui.choice import prompt
from ui.i18n import t
from ui.messages import show_error
from ui.state import db

admin = session.require("admin")
st.title(t("admin.title"))
with db() as s:
    users = list_users(s, acting_user_id=admin.id)
st.dataframe(
    [
        {
            t("admin.col_name"): u.display_name,
            t("admin.col_username"): u.username,
            t("admin.col_role"): t(f"role.{u.role}"),
            t("admin.col_demo"): u.is_demo,
            t("admin.col_created"): u.created_at,
        }
        for u in users
    ],
    hide_index=True,
    width="stretch",
)

st.header(t("admin.new"))
if created := st.session_state.pop("admin.created", None):  # the form below starts empty
    st.success(t("admin.created", username=created))
    for key in ("admin.username", "admin.password"):
        st.session_state[key] = ""
    st.session_state["admin.role"] = "instructor"
with st.form("admin.new_form"):  # not cleared on submit: a refused entry stays to be corrected
    name = bounded.text_input(t("admin.col_name"), limit=80, key="admin.name")
    username = st.text_input(t("admin.col_username"), max_chars=40, key="admin.username")
    role = st.selectbox(t("admin.col_role"), ["instructor", "admin", "regional"],
                        format_func=lambda r: t(f"role.{r}"), key="admin.role",
                        placeholder=prompt(['instructor', 'admin', 'regional']))
    password = st.text_input(t("signin.password"), type="password", max_chars=MAX_PASSWORD,
                             key="admin.password")
    if st.form_submit_button(t("admin.create"), type="primary") and bounded.fits((name, 80)):
        try:
            with db() as s:
                add_staff(s, acting_user_id=admin.id, username=username, display_name=name,
                          role=role, password=password)
            st.session_state["admin.created"] = username
            bounded.empty_next("admin.name")
            st.rerun()
        except AcademyError as error:
            show_error(error)
