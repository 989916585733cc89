"""Regional view: the countries that share their readiness results, side by side."""

import streamlit as st

from academy.db import typed_id
from academy.errors import AcademyError
from academy.regional import countries, country
from engine.messages import country_name
from ui import session
from ui.choice import prompt
from ui.guidance import content_lang, content_notice, framework
from ui.i18n import current_language, t
from ui.messages import show_error
from ui.regional import detail, overview
from ui.state import db

user = session.require("regional", "admin")
st.title(t("regional.title"))
st.caption(t("regional.help"))
fw, lang = framework(), content_lang()
content_notice()
with db() as s:
    rows = countries(s, acting_user_id=user.id, framework=fw)
wanted = typed_id(st.query_params.get("team"))
if "team" in st.query_params:  # a typed ?team= of a country that does not share is not found
    try:
        with db() as s:
            country(s, acting_user_id=user.id, framework=fw, team_id=wanted or 0)
    except AcademyError as error:
        show_error(error)
        st.stop()
if not rows:
    st.info(t("regional.none"))
    st.stop()
overview(rows, fw, lang)
st.header(t("regional.detail"))
by_id = {r.team_id: r for r in rows}
picked = st.selectbox(t("regional.country"), list(by_id),
                      index=list(by_id).index(wanted) if wanted in by_id else 0,
                      format_func=lambda i: f"{country_name(by_id[i].country, current_language())} · {by_id[i].name}",
                      key="regional.pick", placeholder=prompt(list(by_id)))
st.query_params["team"] = str(picked)
detail(by_id[picked], rows, fw, lang)
