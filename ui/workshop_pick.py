"""Which workshop the instructor is working on, shared by the instructor's pages.

The choice is kept in the tab's session state (``ws.current``) and in the URL
(``?workshop=``), so a link to the dashboard opens the same workshop. The list holds only
the workshops the user may run; a typed id of another workshop is simply not offered.
"""

from __future__ import annotations

import streamlit as st

from academy.accounts import get_user
from academy.db import typed_id
from academy.models import User, Workshop
from academy.roster import managed_workshops
from ui.choice import prompt
from ui.i18n import t
from ui.session import CurrentUser
from ui.state import db

KEY = "ws.current"


def me(user: CurrentUser) -> User:
    """The acting user's record, for academy calls that check rights."""
    with db() as s:
        record = get_user(s, user_id=user.id)
    assert record is not None  # require() has just read it
    return record


def choose(user: CurrentUser) -> Workshop | None:
    """A workshop selector in the sidebar; None (with a hint) when the user runs none."""
    with db() as s:
        workshops = managed_workshops(s, user=me(user))
    if not workshops:
        st.info(t("ws.none"))
        return None
    by_id = {w.id: w for w in workshops}
    wanted = st.session_state.get(KEY) or st.query_params.get("workshop")
    chosen = typed_id(wanted) if typed_id(wanted) in by_id else workshops[0].id
    picked = st.sidebar.selectbox(t("ws.pick"), list(by_id), index=list(by_id).index(chosen),
                                  key="ws.pick",
                                  format_func=lambda i: f"{by_id[i].title} · {by_id[i].join_code}",
                                  placeholder=prompt(list(by_id)))
    st.session_state[KEY] = picked
    st.query_params["workshop"] = str(picked)
    return by_id[picked]
