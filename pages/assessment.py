"""My assessment sheet: score each indicator 0–3 with evidence; drafts save as you go."""

import streamlit as st

from academy.assessments import (
    MAX_NOTE,
    SUBMITTED,
    my_sheet,
    save_score,
    set_sheet_agency,
    sheet_scores,
    submit_sheet,
)
from academy.errors import AcademyError
from ui import bounded, session
from ui.choice import prompt
from ui.guidance import agencies, assessment_for, content_lang, content_notice, framework, team_for
from ui.i18n import t
from ui.improvement import evidence, evidence_for
from ui.messages import show_error
from ui.state import db

user = session.require("country", "admin")
st.title(t("assess.title"))
team = team_for(user)
fw, lang = framework(), content_lang()
content_notice()
st.info(fw.source_note.get(lang), icon=":material/info:")
round_ = assessment_for(user, team, allow_new=True)
if round_ is None:
    st.stop()
ids = list(fw.indicators)
with db() as s:
    sheet = my_sheet(s, acting_user_id=user.id, assessment_id=round_.id or 0)
    scores = sheet_scores(s, sheet_id=sheet.id or 0)
found = evidence_for(user, round_.id or 0)  # what the team's exercises found before this round
locked = sheet.status in SUBMITTED
st.caption(t(f"assess.status_{sheet.status}"))
types = {a.id: a.label.get(lang) for a in agencies().agency_types}


def _agency() -> None:
    with db() as s:
        set_sheet_agency(s, acting_user_id=user.id, assessment_id=round_.id or 0,
                         agency=st.session_state["assess.agency"])


def _save(indicator_id: str) -> None:
    prefix = f"assess.{round_.id}.{indicator_id}"
    if not bounded.fits((st.session_state[f"{prefix}.evidence"], MAX_NOTE)):
        return  # kept in the box, which says how much too long it is
    try:
        with db() as s:
            save_score(s, acting_user_id=user.id, assessment_id=round_.id or 0,
                       indicator_id=indicator_id, level=st.session_state[f"{prefix}.level"],
                       evidence=st.session_state[f"{prefix}.evidence"], valid_ids=ids)
    except AcademyError as error:
        st.session_state["assess.error"] = error


st.selectbox(t("assess.agency"), list(types), format_func=types.__getitem__, on_change=_agency,
             index=list(types).index(sheet.agency) if sheet.agency in types else None,
             key="assess.agency", disabled=locked, placeholder=prompt(list(types)))
if error := st.session_state.pop("assess.error", None):
    show_error(error)
done = sum(1 for r in scores.values() if r.level is not None)
st.progress(done / len(ids), text=t("assess.scored", done=done, total=len(ids)))
for dim in fw.dimensions:
    scored = sum(1 for i in dim.indicators if i.id in scores and scores[i.id].level is not None)
    with st.expander(dim.title.get(lang)):  # stable label: a changing one closes the section
        st.caption(t("assess.dimension", done=scored, total=len(dim.indicators)))
        for ind in dim.indicators:
            row, prefix = scores.get(ind.id), f"assess.{round_.id}.{ind.id}"
            st.markdown(f"**{fw.heading(ind.id, lang)}**")
            st.write(ind.question.get(lang))
            evidence(found.get(ind.id, []))
            st.radio(t("assess.level"), [0, 1, 2, 3], key=f"{prefix}.level", disabled=locked,
                     index=row.level if row and row.level is not None else None,
                     format_func=lambda n, ind=ind: f"{n} — {ind.levels[n].get(lang)}",
                     on_change=_save, args=(ind.id,))
            bounded.text_area(t("assess.evidence"), value=row.evidence if row else "",
                              limit=MAX_NOTE, key=f"{prefix}.evidence", disabled=locked,
                              on_change=_save, args=(ind.id,), height=68,
                              help=ind.evidence.get(lang) if ind.evidence else None)

if not locked:
    if st.button(t("assess.submit"), type="primary", key="assess.submit"):
        try:
            with db() as s:
                submit_sheet(s, acting_user_id=user.id, assessment_id=round_.id or 0, indicator_ids=ids)
            st.rerun()
        except AcademyError as error:
            st.session_state.pop("assess.confirm", None)
            if error.code != "incomplete_confirm":
                show_error(error)
            else:
                st.session_state["assess.confirm"] = error.params.get("missing")
    if missing := st.session_state.get("assess.confirm"):
        st.warning(t("assess.confirm_text", missing=missing))
        if st.button(t("assess.confirm_button"), key="assess.confirm_button"):
            st.session_state.pop("assess.confirm")
            try:
                with db() as s:
                    submit_sheet(s, acting_user_id=user.id, assessment_id=round_.id or 0,
                                 indicator_ids=ids, confirm_incomplete=True)
                st.rerun()
            except AcademyError as error:
                show_error(error)
