"""Consensus: every assessor's score side by side, the disagreements, the agreed scores."""

import streamlit as st

from academy.assessments import MAX_NOTE, agree, agree_unanimous, consensus
from academy.errors import AcademyError
from academy.readiness import DISAGREEMENT
from ui import bounded, session
from ui.choice import prompt
from ui.guidance import assessment_for, content_lang, content_notice, framework, team_for
from ui.i18n import t
from ui.improvement import evidence, evidence_for
from ui.messages import show_error
from ui.state import db

user = session.require("country", "admin")
st.title(t("consensus.title"))
team = team_for(user)
fw, lang = framework(), content_lang()
content_notice()
round_ = assessment_for(user, team)
if round_ is None:
    st.stop()
ids = list(fw.indicators)
with db() as s:
    rows = consensus(s, acting_user_id=user.id, assessment_id=round_.id or 0, indicator_ids=ids)
assessors = sorted({label for row in rows for label in row.levels})
if not assessors:
    st.info(t("consensus.none"))
    st.stop()
st.write(t("consensus.intro", count=len(assessors)))
disputed = [r for r in rows if r.spread is not None and r.spread >= DISAGREEMENT]
agreed = sum(r.agreed is not None for r in rows)
left, right = st.columns(2)
left.metric(t("consensus.disagreements"), len(disputed))
right.metric(t("consensus.agreed"), f"{agreed}/{len(rows)}")

col_spread, col_flag = t("consensus.col_spread"), t("consensus.col_flag")
table = [{t("consensus.col_indicator"): fw.heading(r.indicator_id, lang),
          **{name: r.levels.get(name) for name in assessors},
          col_spread: r.spread, col_flag: "⚠" if r in disputed else "",
          t("consensus.col_agreed"): r.agreed, t("consensus.col_note"): r.note} for r in rows]
st.dataframe(table, hide_index=True, width="stretch",
             column_config={col_spread: st.column_config.ProgressColumn(
                 col_spread, min_value=0, max_value=3, format="%d")})

if st.button(t("consensus.accept_unanimous"), key="consensus.unanimous", icon=":material/done_all:"):
    with db() as s:
        count = agree_unanimous(s, acting_user_id=user.id, assessment_id=round_.id or 0,
                                indicator_ids=ids)
    st.session_state["consensus.flash"] = count
    st.rerun()
if (count := st.session_state.pop("consensus.flash", None)) is not None:
    st.success(t("consensus.accepted", count=count))

st.header(t("consensus.agree_title"))
order = sorted(rows, key=lambda r: (r.agreed is not None, -(r.spread or 0)))
pick = st.selectbox(t("consensus.indicator"), order, key="consensus.pick",
                    format_func=lambda r: f"{'⚠ ' if r in disputed else ''}"
                                          f"{fw.heading(r.indicator_id, lang)}",
                    placeholder=prompt(order))
indicator = fw.indicators[pick.indicator_id]
evidence(evidence_for(user, round_.id or 0).get(pick.indicator_id, []))
with st.form("consensus.agree_form"):  # keys name the round: another round's values never stay
    level = st.radio(t("assess.level"), [0, 1, 2, 3], key=f"consensus.level.{round_.id}.{pick.indicator_id}",
                     index=pick.agreed if pick.agreed is not None else None,
                     format_func=lambda n: f"{n} — {indicator.levels[n].get(lang)}")
    note = bounded.text_area(t("consensus.note"), value=pick.note, limit=MAX_NOTE,
                             key=f"consensus.note.{round_.id}.{pick.indicator_id}")
    if st.form_submit_button(t("consensus.save"), type="primary") and bounded.fits((note, MAX_NOTE)):
        try:
            if level is None:
                raise AcademyError("level_invalid")
            with db() as s:
                agree(s, acting_user_id=user.id, assessment_id=round_.id or 0,
                      indicator_id=pick.indicator_id, level=level, note=note, valid_ids=ids)
            st.rerun()
        except AcademyError as error:
            show_error(error)
