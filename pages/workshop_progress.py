"""An instructor's view of a workshop's curriculum: who passed what, which questions trip people up."""

from textwrap import shorten

import pandas as pd
import streamlit as st

from academy.accounts import get_user
from academy.cohort import workshop_progress
from academy.errors import AcademyError
from academy.workshops import can_manage, workshops_of
from ui import curriculum, session
from ui.choice import prompt
from ui.figures import figure
from ui.i18n import num, t
from ui.messages import show_error
from ui.state import db

user = session.require("instructor", "admin")
st.title(t("cohort.title"))
with db() as s:
    me = get_user(s, user_id=user.id)
    workshops = [w for w in workshops_of(s, user_id=user.id)
                 if can_manage(s, user=me, workshop_id=w.id)]
if not workshops:
    st.info(t("cohort.no_workshops"))
    st.stop()
titles = {w.id: f"{w.title} ({w.join_code})" for w in workshops}
workshop_id = st.selectbox(t("cohort.workshop"), list(titles), format_func=titles.__getitem__,
                           key="cohort.workshop", placeholder=prompt(list(titles)))
ids = curriculum.module_ids()
try:
    with db() as s:
        report = workshop_progress(s, actor_id=user.id, workshop_id=workshop_id, module_ids=ids)
except AcademyError as error:
    show_error(error)
    st.stop()

st.caption(t("cohort.trainees", count=len(report.trainee_names)))
table = pd.DataFrame([{
    t("cohort.col_module"): curriculum.title_of(row.module_id),
    t("cohort.col_started"): row.started,
    t("cohort.col_passed"): len(row.passed),
    t("cohort.col_average"): "—" if row.average_best is None else str(row.average_best),
    t("cohort.col_who"): ", ".join(row.passed),
} for row in report.modules])
st.header(t("cohort.by_module"))
if any(r.passed for r in report.modules):
    figure(curriculum.bar_chart(  # the table under it has the same figures
        [curriculum.title_of(r.module_id) for r in report.modules],
        [len(r.passed) for r in report.modules],
        x_title=t("cohort.col_passed"), y_title=t("cohort.col_module")),
        title=t("cohort.by_module"), width="content")
else:
    st.info(t("cohort.nobody_passed"))
st.dataframe(table, hide_index=True, key="cohort.table")

st.header(t("cohort.hardest"))
st.caption(t("cohort.hardest_intro"))
tried = [m for m in ids if report.hardest(m)]
if not tried:
    st.info(t("cohort.no_attempts"))
    st.stop()
module_id = st.selectbox(t("cohort.module"), tried, format_func=curriculum.title_of,
                         key="cohort.module", placeholder=prompt(tried))
quiz = curriculum.view(module_id)[0].quiz
named = {q.id: f"{n}. {shorten(q.prompt, 70, placeholder='…')}" for n, q in enumerate(quiz, start=1)}
rows = report.hardest(module_id)
labels = [named.get(row.question_id, row.question_id) for row in rows]
figure(curriculum.bar_chart(
    labels, [row.share_wrong for row in rows],
    x_title=t("cohort.col_wrong"), y_title=t("cohort.col_question"), percent=True),
    title=t("cohort.hardest"), width="content")
st.dataframe(pd.DataFrame([{
    t("cohort.col_question"): label,
    t("cohort.col_wrong"): num(row.share_wrong, ".0%"),  # "100 %" in French, as the page writes numbers
    t("cohort.col_count"): f"{row.wrong}/{row.first_attempts}",
} for label, row in zip(labels, rows, strict=True)]), hide_index=True, key="cohort.hard_table")
