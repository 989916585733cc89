"""Scenario studio: the catalogue, a world in omniscient mode, the editor, calibration."""

import streamlit as st

from academy import studio as domain
from academy.errors import AcademyError
from academy.scenarios import sync_shipped
from ui import session, studio
from ui.choice import prompt
from ui.i18n import t
from ui.messages import show_error
from ui.state import db
from ui.workshop_pick import me

user = session.require("instructor", "admin")
st.title(t("studio.title"))
try:
    with db() as s:
        sync_shipped(s)
        entries = domain.catalogue(s, user=me(user))
except AcademyError as error:
    show_error(error)
    st.stop()

studio.listing(entries)
by_id = {e.scenario.id: e for e in entries}
chosen = st.selectbox(t("studio.open"), list(by_id), key="studio.pick",
                      format_func=lambda i: by_id[i].scenario.title["en"],
                      placeholder=prompt(list(by_id)))
if st.session_state.get("studio.editing") != chosen:  # a new scenario: a fresh draft
    st.session_state["studio.editing"] = chosen
    st.session_state.pop(studio.EDIT_KEY, None)
    st.session_state.pop(studio.FILE_KEY, None)  # its problems are named scenario.yaml again
entry = by_id[chosen]
st.caption(t("studio.version", version=entry.scenario.version, n=entry.versions,
             when=entry.version.created_at.strftime("%Y-%m-%d %H:%M")))

overview, world, edit, calibrate = st.tabs([t("studio.tab_overview"), t("studio.tab_world"),
                                            t("studio.tab_edit"), t("studio.tab_calibrate")])
with overview:
    studio.overview(entry.scenario)
with world:
    studio.world(entry.scenario, entry.version.text)
with edit:
    studio.guide()
    studio.editor(user, entry.version.text)
with calibrate:
    studio.calibrate(user, entry.version.id, entry.scenario.id)
