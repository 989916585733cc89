"""Live dashboard: the room refreshing by itself, injects and pauses, one trainee's desk."""

import streamlit as st

from ui import dashboard, session
from ui.i18n import t
from ui.workshop_pick import choose

user = session.require("instructor", "admin")
st.title(t("dash.title"))
workshop = choose(user)
if workshop is None:
    st.stop()

options = st.columns([1, 1, 2])
stuck = options[0].number_input(t("dash.stuck_after"), 1, 120, 10, key="dash.stuck_minutes")
per_team = options[1].toggle(t("dash.per_team"), key="dash.per_team")


@st.fragment(run_every=dashboard.REFRESH_SECONDS)
def board() -> None:
    """One fragment, one snapshot per refresh: every panel moves on together."""
    dashboard.board(user, workshop, int(stuck), per_team)


board()
