"""The joint operation's debrief: every team's ratings, the connections they missed, the
information that flowed between their countries, the network revealed, the AAR/IP."""

import streamlit as st

from academy import joint_debrief
from academy.accounts import get_user
from academy.errors import AcademyError
from ui import debrief as panels
from ui import operation_debrief as joint_panels
from ui import session
from ui.choice import choice
from ui.i18n import current_language, num, t
from ui.messages import show_error
from ui.state import db

user = session.require("trainee", "instructor", "admin")
lang = current_language()
st.title(t("operation_debrief.title"))
with db() as s:
    me = get_user(s, user_id=user.id)
    choices = joint_debrief.operations_for(s, user=me)
    titles = joint_debrief.titles(s, choices, lang)
if not choices:
    st.info(t("operation_debrief.none"))
    st.stop()
chosen = choice(t("operation_debrief.pick"), [o.id for o in choices],
                format_func=lambda i: t("operation_debrief.option", id=i, scenario=titles[i]),
                key="operation_debrief.operation") if len(choices) > 1 else choices[0].id
try:
    with db() as s:
        od = joint_debrief.read(s, user=me, operation_id=chosen or 0)
        facilitator = joint_debrief.notes(s, user=me, od=od)
except AcademyError as error:
    if error.code == "joint_debrief_locked":  # the normal state of a running operation
        st.info(t("error.joint_debrief_locked"), icon=":material/schedule:")
    else:
        show_error(error)
    st.stop()

if od.ended:
    st.caption(t("operation_debrief.ended", day=num(od.debrief.day, ".0f")))
else:
    st.info(t("operation_debrief.running", day=num(od.debrief.day, ".0f")))
    if st.button(t("operation_debrief.end"), help=t("operation_debrief.end_help"),
                 key="operation_debrief.end"):
        with db() as s:
            joint_debrief.end(s, user=me, operation_id=od.operation.id or 0)
        st.rerun()
tabs = st.tabs([t("operation_debrief.tab_ratings"), t("operation_debrief.tab_missed"),
                t("operation_debrief.tab_timeline"), t("operation_debrief.tab_meetings"),
                t("operation_debrief.tab_network"),
                t("operation_debrief.tab_export")], key="operation_debrief.tab", on_change="rerun")
with tabs[0]:
    joint_panels.ratings(od)
with tabs[1]:
    joint_panels.missed(od)
with tabs[2]:
    joint_panels.timeline(od)
with tabs[3]:
    joint_panels.meetings(od)
with tabs[4]:
    panels.network(od.debrief.world, {}, words="operation_debrief")  # found by any team
    joint_panels.known_by(od)
    panels.shipments(od.debrief.world, od.scenario)
with tabs[5]:
    st.download_button(t("operation_debrief.pdf"),
                       joint_debrief.pdf(od, lang=lang, facilitator=facilitator),
                       file_name=f"joint-debrief-{od.scenario.id}.pdf", mime="application/pdf",
                       key="operation_debrief.pdf")
