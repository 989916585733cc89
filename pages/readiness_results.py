"""Readiness results: scores, maturity, radar, priorities, trend, comparison, exports."""

import streamlit as st

from academy.assessments import assessments_of, round_scores
from academy.readiness import compare, results
from ui import session
from ui.choice import prompt
from ui.figures import figure
from ui.guidance import assessment_for, content_lang, content_notice, framework, guide, team_for
from ui.i18n import num, t
from ui.readiness_charts import radar, trend
from ui.readiness_view import cell, exports, priorities, team_sections
from ui.state import db

user = session.require("country", "admin")
st.title(t("results.title"))
team = team_for(user)
fw, g, lang = framework(), guide(), content_lang()
content_notice()
st.caption(fw.source_note.get(lang))
round_ = assessment_for(user, team)
if round_ is None:
    st.stop()
ids = list(fw.indicators)
with db() as s:
    history = [(r, round_scores(s, acting_user_id=user.id, assessment_id=r.id or 0, indicator_ids=ids))
               for r in assessments_of(s, acting_user_id=user.id, team_id=round_.team_id)]
scores = next(sc for r, sc in history if r.id == round_.id)
summary = results(fw, scores.scores)


if summary.overall is None:
    st.info(t("results.none"))
    team_sections(user, team, fw, lang, history, shown=round_.id or 0)
    st.stop()

overall, percent, level = st.columns(3)
overall.metric(t("results.overall"), f"{num(summary.overall, '.2f')} / 3")
percent.metric(t("results.percent"), num(summary.percent / 100, ".0%"))
level.metric(t("results.maturity"), summary.maturity.label.get(lang))
st.info(summary.maturity.meaning.get(lang), icon=":material/flag:")
if scores.provisional:
    st.warning(t("results.provisional", count=len(scores.provisional)))
if summary.missing:
    st.warning(t("results.missing", count=len(summary.missing)))

labels = [d.title.get(lang) for d in fw.dimensions]
averages = [d.average for d in summary.dimensions]
chart_col, table_col = st.columns([3, 2])
with chart_col:  # the table beside it has the same figures
    figure(radar(labels, {round_.title: averages}), title=t("report.dimensions"), width="content")
table_col.dataframe([{t("report.dimension"): label, t("report.score"): cell(d.average),
                      "%": cell(d.percent, 1), t("report.scored"): f"{d.scored}/{d.total}"}
                     for label, d in zip(labels, summary.dimensions, strict=True)],
                    hide_index=True, width="stretch")

st.header(t("results.weakest"))
priorities(fw, g, scores, lang)

st.header(t("results.trend"))
if len(history) < 2:
    st.info(t("results.trend_needs_two"))
else:
    points = []
    for order, (r, sc) in enumerate(history):
        res = results(fw, sc.scores)
        name = f"{r.title} ({r.created_at:%Y-%m-%d})"
        points.append({"round": name, "order": order, "series": t("results.overall"),
                       "score": res.overall})
        points += [{"round": name, "order": order, "series": label, "score": d.average}
                   for label, d in zip(labels, res.dimensions, strict=True)]
    figure(trend(points, x_title=t("results.round"), y_title=t("report.score")),
           title=t("results.trend"), tables=[[
               {t("figure.col_round"): p["round"], t("figure.col_series"): p["series"],
                t("report.score"): cell(p["score"])} for p in points]])
    st.header(t("results.compare"))
    names = {r.id: r.title for r, _ in history}
    left, right = st.columns(2)
    first = left.selectbox(t("results.first"), list(names), format_func=names.get,
                           index=len(names) - 2, key="results.first",
                           placeholder=prompt(list(names)))
    second = right.selectbox(t("results.second"), list(names), format_func=names.get,
                             index=len(names) - 1, key="results.second",
                             placeholder=prompt(list(names)))
    by_id = {r.id: sc.scores for r, sc in history}
    rows = compare(fw, by_id[first], by_id[second])
    st.dataframe([{t("report.dimension"): label, names[first]: cell(a), names[second]: cell(b),
                   t("results.change"): cell(None if a is None or b is None else b - a)}
                  for label, (_, a, b) in zip(labels, rows, strict=True)],
                 hide_index=True, width="stretch")
    figure(radar(labels, {names[first]: [a for _, a, _ in rows],  # the table above
                          names[second]: [b for _, _, b in rows]}, size=360),
           title=t("results.compare"), width="content")

team_sections(user, team, fw, lang, history, shown=round_.id or 0)

st.header(t("results.export"))
exports(fw, g, scores, lang, round_id=round_.id or 0, team=team.name, title=round_.title,
        radar_labels=labels, radar_scores=averages)
