"""Who is signed in to this browser tab, and what they may see.

The signed-in user lives in Streamlit's server-side session state, never in the browser.
Every page starts with ``require(...)``: it re-reads the user from the database (a role
changed or an account removed takes effect at once) and stops the page with a clear
message for anyone else, whatever URL they typed.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from academy.accounts import get_user
from academy.models import User
from ui.i18n import set_language, t
from ui.state import db

KEY = "auth.user"
PAGE = "auth.page"  # the url path of the page this run draws (app.py records it)
RETURN_TO = "auth.return_to"  # the page asked for while signed out: signing in leads there


@dataclass(frozen=True)
class CurrentUser:
    id: int
    role: str
    name: str
    username: str


def client_address() -> str:
    """Who is asking, for the sign-in throttle: the browser's IP address as the server's
    WebSocket sees it, or "local" for the laptop itself and for tests. Behind the centre's
    nginx (``deploy/``) every connection comes from 127.0.0.1: nginx passes the browser's
    address in ``X-Forwarded-For`` and Streamlit's server (uvicorn) takes it from there,
    trusting that header only from 127.0.0.1 (``FORWARDED_ALLOW_IPS`` names another proxy)."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else "local"


def current_user() -> CurrentUser | None:
    return st.session_state.get(KEY)


def start(user: User) -> None:
    """Remember ``user`` as signed in to this tab, in their language."""
    st.session_state[KEY] = CurrentUser(
        id=user.id or 0, role=user.role, name=user.display_name, username=user.username
    )
    set_language(user.language)


def end() -> None:
    """Sign out: forget everything this tab held, except the language on screen."""
    lang = st.session_state.get("i18n.lang")
    st.session_state.clear()
    if lang:
        set_language(lang)


def require(*roles: str) -> CurrentUser:
    """The signed-in user if their role is one of ``roles``; otherwise stop the page."""
    user = current_user()
    if user is None:
        st.session_state[RETURN_TO] = st.session_state.get(PAGE)
        st.warning(t("access.sign_in_first"))
        st.caption(t("access.why_signed_out"))
        st.page_link("pages/sign_in.py", label=t("nav.sign_in"), icon=":material/login:")
        st.stop()
    with db() as session:
        record = get_user(session, user_id=user.id)
    if record is None:
        end()
        st.warning(t("access.sign_in_first"))
        st.stop()
    if record.role not in roles:
        st.error(t("access.denied"))
        st.stop()
    return user
