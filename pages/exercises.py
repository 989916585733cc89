"""My exercises: resume one, or start a scenario from the workshop's catalogue."""

import streamlit as st

from academy import exercises
from academy.accounts import get_user
from academy.assignments import assigned_first
from academy.errors import AcademyError
from academy.scenarios import parse
from ui import assigned, desk, session
from ui.i18n import countries_listed, current_language, num, t
from ui.messages import show_error
from ui.state import db
from ui.text import plain, show_authored

user = session.require("trainee")
lang = current_language()
st.title(t("exercises.title"))

with db() as s:
    me = get_user(s, user_id=user.id)
    mine = exercises.mine_with_scenarios(s, user_id=user.id)
    catalogue = [(v, parse(v.text)) for v in exercises.available(s, user=me)]
    workshop = exercises.workshop_of(s, user_id=user.id)
given = assigned.of(user.id)
by_id = {v.scenario_id: (v, sc) for v, sc in catalogue}
catalogue = [by_id[i] for i in assigned_first(list(by_id), given.scenarios)]  # assigned first

st.header(t("exercises.mine"))
if not mine:
    st.info(t("exercises.none"))
for record, scenario in mine:
    with st.container(border=True):
        left, right = st.columns([4, 1])
        left.markdown(f"**{plain(scenario.text(scenario.title, lang))}**")
        if scenario.id in given.scenarios:
            with left:
                assigned.badge()
        state = t("exercises.finished") if record.finished else t("exercises.running")
        left.caption(t("exercises.meta", day=num(record.day, ".1f"), days=scenario.duration_days,
                       score=num(record.score, ".1f"), state=state))
        if right.button(t("exercises.open"), key=f"exercises.open.{record.id}"):
            desk.open_exercise(record.id)
            st.switch_page("pages/debrief.py" if record.finished else "pages/desk.py")

st.header(t("exercises.start_new"))
assigned.scenarios_progress(given)
if not catalogue:
    st.info(t("exercises.catalogue_empty"))
for version, scenario in catalogue:
    with st.container(border=True):
        st.markdown(f"**{plain(scenario.text(scenario.title, lang))}**")
        if version.scenario_id in given.scenarios:
            assigned.badge()
        st.caption(t("exercises.scenario_meta", area=t(f"area.{scenario.crime_area.value}"),
                     difficulty=t(f"difficulty.{scenario.difficulty}"),
                     days=scenario.duration_days,
                     countries=plain(countries_listed(scenario.countries))))
        show_authored(scenario.text(scenario.briefing, lang)[:400] + "…")
        if st.button(t("exercises.start"), key=f"exercises.start.{version.id}", type="primary"):
            try:
                with db() as s:
                    record = exercises.start(s, user=get_user(s, user_id=user.id),
                                             scenario_version_id=version.id,
                                             workshop_id=workshop.id if workshop else None)
                desk.open_exercise(record.id)
                st.switch_page("pages/desk.py")
            except AcademyError as error:
                show_error(error)
