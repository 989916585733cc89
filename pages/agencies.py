"""Agency mapping: the team's agencies, what each covers, and where nobody does."""

import streamlit as st

from academy.agency_map import add_agency, agencies_of, coverage, gaps, remove_agency
from academy.errors import AcademyError
from ui import bounded, session
from ui.choice import prompt
from ui.figures import figure
from ui.guidance import agencies, content_lang, content_notice, team_for
from ui.i18n import t
from ui.messages import show_error
from ui.readiness_charts import coverage_heatmap
from ui.state import db

user = session.require("country", "admin")
st.title(t("agencies.title"))
team = team_for(user)
catalogue, lang = agencies(), content_lang()
content_notice()
st.write(t("agencies.intro"))
areas = {a.id: a.label.get(lang) for a in catalogue.crime_areas}
functions = {f.id: f.label.get(lang) for f in catalogue.functions}
types = {a.id: a.label.get(lang) for a in catalogue.agency_types}

bounded.apply_resets()  # the form starts empty again once an agency was added
with st.expander(t("agencies.add"), icon=":material/add:"), \
        st.form("agencies.add_form"):  # emptied once added; a refused name stays
    kind = st.selectbox(t("agencies.type"), list(types), format_func=types.__getitem__,
                        key="agencies.type", placeholder=prompt(list(types)))
    name = bounded.text_input(t("agencies.name"), limit=120, key="agencies.name")
    chosen_areas = st.multiselect(t("agencies.areas"), list(areas), format_func=areas.__getitem__,
                                  key="agencies.areas", placeholder=prompt(areas))
    chosen_functions = st.multiselect(t("agencies.functions"), list(functions),
                                      format_func=functions.__getitem__, key="agencies.functions",
                                      placeholder=prompt(functions))
    if st.form_submit_button(t("agencies.save"), type="primary") and bounded.fits((name, 120)):
        try:
            with db() as s:
                add_agency(s, acting_user_id=user.id, team_id=team.id or 0, agency_type=kind,
                           name=name, crime_areas=chosen_areas, functions=chosen_functions,
                           catalogue=catalogue)
            bounded.empty_next("agencies.name")
            bounded.reset_next(**{"agencies.type": next(iter(types)), "agencies.areas": [],
                                  "agencies.functions": []})
            st.rerun()
        except AcademyError as error:
            show_error(error)

with db() as s:
    entries = agencies_of(s, acting_user_id=user.id, team_id=team.id or 0)
if not entries:
    st.info(t("agencies.none"))
else:
    st.dataframe([{t("agencies.name"): e.name, t("agencies.type"): types.get(e.agency_type, ""),
                   t("agencies.areas"): ", ".join(areas.get(a, a) for a in e.crime_areas),
                   t("agencies.functions"): ", ".join(functions.get(f, f) for f in e.functions)}
                  for e in entries], hide_index=True, width="stretch")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    gone = left.selectbox(t("agencies.remove_which"), entries, format_func=lambda e: e.name,
                          key="agencies.remove_pick", placeholder=prompt(entries))
    if right.button(t("agencies.remove"), key="agencies.remove", icon=":material/delete:"):
        with db() as s:
            remove_agency(s, acting_user_id=user.id, agency_id=gone.id)
        st.rerun()

counts = coverage(entries, list(areas), list(functions))
st.header(t("agencies.heatmap"))
figure(coverage_heatmap(counts, areas, functions, x_title=t("agencies.functions"),
                        y_title=t("agencies.areas"), count_title=t("agencies.count")),
       title=t("agencies.heatmap"), tables=[[
           {t("figure.col_area"): areas[a], t("figure.col_function"): functions[f],
            t("agencies.count"): n} for (a, f), n in counts.items()]])
st.header(t("agencies.gaps"))
if missing := gaps(counts):
    st.warning(t("agencies.gap_count", count=len(missing), total=len(counts)))
    for area in areas:
        if uncovered := [functions[f] for a, f in missing if a == area]:
            st.text(t("agencies.gap_item", area=areas[area], functions=", ".join(uncovered)))
else:
    st.success(t("agencies.no_gaps"))
