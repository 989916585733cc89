"""Admin: every account, and a form to add an instructor or admin."""

import streamlit as st

from academy.accounts import MAX_PASSWORD, add_staff, list_users
from academy.errors import AcademyError
from ui import session
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
with st.form("admin.new_form", clear_on_submit=True):
    name = st.text_input(t("admin.col_name"), max_chars=80, key="admin.name")
    username = st.text_input(t("admin.col_username"), max_chars=40, key="admin.username")
    role = st.selectbox(t("admin.col_role"), ["instructor", "admin", "regional"],
                        format_func=lambda r: t(f"role.{r}"), key="admin.role")
    password = st.text_input(t("signin.password"), type="password", max_chars=MAX_PASSWORD,
                             key="admin.password")
    if st.form_submit_button(t("admin.create"), type="primary"):
        try:
            with db() as s:
                add_staff(s, acting_user_id=admin.id, username=username, display_name=name,
                          role=role, password=password)
            st.success(t("admin.created", username=username))
        except AcademyError as error:
            show_error(error)
