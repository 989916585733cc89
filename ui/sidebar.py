"""The sidebar on every page: language, who is signed in, sign out."""

from __future__ import annotations

import streamlit as st

from academy.accounts import set_language as remember_language
from ui import session
from ui.choice import prompt
from ui.i18n import LANGUAGES, current_language, set_language, t
from ui.state import db
from ui.text import plain

LANG_KEY = "sidebar.language"


def _language_changed() -> None:
    choice = st.session_state[LANG_KEY]
    set_language(choice)
    user = session.current_user()
    if user:
        with db() as s:
            remember_language(s, user_id=user.id, language=choice)


def render() -> None:
    st.session_state[LANG_KEY] = current_language()
    with st.sidebar:
        st.selectbox(
            t("sidebar.language"),
            options=list(LANGUAGES),
            format_func=LANGUAGES.__getitem__,
            key=LANG_KEY,
            on_change=_language_changed, placeholder=prompt(list(LANGUAGES))
        )
        user = session.current_user()
        if user:
            st.caption(t("sidebar.signed_in_as", name=plain(user.name), role=t(f"role.{user.role}")))
            if st.button(t("sidebar.sign_out"), key="sidebar.sign_out", icon=":material/logout:"):
                session.end()
                st.switch_page("pages/sign_in.py")
        st.caption(t("app.disclaimer"))
