"""A trainee's home: the workshops they joined and what to do next."""

import streamlit as st

from academy.assignments import assigned_to
from academy.exercises import mine_with_scenarios
from academy.progress import progress_of
from academy.scenarios import latest, parse
from academy.workshops import workshops_of
from ui import assigned, curriculum, session
from ui.i18n import arrow, current_language, num, t
from ui.state import db
from ui.text import plain

user = session.require("trainee")
lang = current_language()
st.title(t("trainee.title", name=plain(user.name)))
with db() as s:
    workshops = workshops_of(s, user_id=user.id)
    progress = progress_of(s, actor_id=user.id, user_id=user.id)
    exercises = mine_with_scenarios(s, user_id=user.id)
    given = assigned_to(s, user_id=user.id)
    to_play = {v.scenario_id: v for v in latest(s) if v.scenario_id in given.scenarios}
st.header(t("trainee.workshops"))
for workshop in workshops:
    with st.container(border=True):
        st.markdown(f"**{plain(workshop.title)}**")
        st.caption(t("trainee.workshop_meta", location=plain(workshop.location) or "—",
                     code=workshop.join_code))
st.header(t("trainee.modules"))
ids = curriculum.module_ids()
if given.modules:
    st.caption(t("assigned.heading"))
    assigned.modules_progress(given)
    for module_id in given.modules:
        passed = module_id in progress and progress[module_id].completed_at
        st.page_link("pages/module.py", label=curriculum.title_of(module_id),
                     icon=":material/check_circle:" if passed else ":material/assignment:",
                     query_params={"module": module_id})
done = [m for m in ids if m in progress and progress[m].completed_at]
st.progress(len(done) / len(ids) if ids else 0.0,
            text=t("modules.overall", done=len(done), total=len(ids)))
open_rows = sorted((r for r in progress.values() if not r.completed_at and r.module_id in ids),
                   key=lambda r: r.last_seen_at, reverse=True)
for row in open_rows[:3]:
    st.page_link("pages/module.py", label=t("trainee.continue_module", title=curriculum.title_of(row.module_id)),
                 icon=arrow("forward"), query_params={"module": row.module_id})
if not progress:
    st.caption(t("trainee.no_module_started"))
st.page_link("pages/modules.py", label=t("trainee.all_modules"), icon=":material/menu_book:")
st.header(t("trainee.exercises"))
if given.scenarios:
    st.caption(t("assigned.heading"))
    assigned.scenarios_progress(given)
    for scenario_id in given.scenarios:
        if scenario_id in to_play:
            scenario = parse(to_play[scenario_id].text)
            title = scenario.text(scenario.title, lang)
            st.markdown(f"{assigned.mark()} {title}")
if not exercises:
    st.info(t("trainee.no_exercises"))
for record, scenario in exercises[:3]:
    st.caption(t("trainee.exercise_line", title=plain(scenario.text(scenario.title, lang)),
                 day=num(record.day, ".1f"), score=num(record.score, ".1f")))
st.page_link("pages/exercises.py", label=t("nav.exercises"), icon=":material/travel_explore:")
