"""The joint debrief's panels: ratings per team, missed connections, the information flow.

Charts are Altair, built from the engine's flat records (``engine.joint_debrief``); every
word goes through the catalogs; teams by their workshop names and countries.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from academy.joint_debrief import (
    OperationDebrief,
    flow_detail,
    improvements,
    missed_lines,
    simulated_line,
)
from academy.wording import listed
from engine.messages import country_name
from ui.charts import LABEL_LIMIT
from ui.desk import named
from ui.figures import figure
from ui.i18n import current_language, num, t
from ui.text import plain


def _team(od: OperationDebrief, country: str) -> str:
    if country == "joint":
        return t("joint_debrief.pdf.joint")
    return od.team_name(country, current_language())


def ratings(od: OperationDebrief) -> None:
    """Each team's score and the operation's, as bars, and each objective's rating."""
    jd, lang = od.debrief, current_language()
    frame = pd.DataFrame([{"team": _team(od, r.country), "score": r.score,
                           "joint": r.country == "joint"} for r in [*jd.per_team, jd.joint]])
    chart = alt.Chart(frame, title=t("operation_debrief.scores")).mark_bar().encode(
        x=alt.X("score:Q", title=t("joint_debrief.pdf.score"), scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("team:N", title=None, sort=None,
                axis=alt.Axis(labelLimit=LABEL_LIMIT, labelOverlap=False)),
        color=alt.Color("joint:N", legend=None,
                        scale=alt.Scale(domain=[False, True], range=["#1b6b4a", "#0b3d91"])),
        tooltip=[alt.Tooltip("team:N", title=t("joint_debrief.pdf.team")),
                 alt.Tooltip("score:Q", title=t("joint_debrief.pdf.score"), format=".1f")],
    ).properties(height=alt.Step(36))
    figure(chart, title=t("operation_debrief.scores"))  # the table below says it in full
    rows = [*jd.per_team, jd.joint]
    st.dataframe([{t("joint_debrief.pdf.team"): _team(od, r.country),
                   t("joint_debrief.pdf.score"): num(r.score, ".1f"),
                   t("joint_debrief.pdf.seized"): len(r.seized),
                   t("joint_debrief.pdf.arrested"): len(r.arrested),
                   t("joint_debrief.pdf.mapped"):
                       f"{num(r.measures.get('network_mapped', 0) * 100, '.0f')} %",
                   t("joint_debrief.pdf.withheld"): r.withheld} for r in rows],
                 hide_index=True, key="operation_debrief.ratings_table")
    # each objective is a sentence: one row each, read whole, a column per team
    st.table([{t("debrief_pdf.objective"): plain(od.scenario.text(o.text, lang)),
               **{_team(od, r.country): r.ratings.get(o.id, "U") for r in rows}}
              for o in od.scenario.objectives], hide_index=True)
    st.caption(t("debrief.rating_scale"))
    if (simulated := simulated_line(od, lang)) is not None:
        st.info(plain(simulated), icon=":material/smart_toy:")


def missed(od: OperationDebrief) -> None:
    lang = current_language()
    st.caption(t("operation_debrief.missed_intro"))
    if not od.debrief.missed:
        st.success(t("joint_debrief.pdf.none_missed"))
    for line in missed_lines(od, lang):
        st.warning(plain(line), icon=":material/link_off:")
    st.subheader(t("operation_debrief.plan"))
    plan = improvements(od, lang) or [t("joint_debrief.pdf.no_plan")]
    st.markdown("\n".join(f"- {plain(x)}" for x in plan))


def timeline_rows(od: OperationDebrief) -> list[dict[str, Any]]:
    lang = current_language()
    return [{"day": f.day, "from": country_name(f.from_country, lang),
             "to": country_name(f.to_country, lang), "kind": t(f"joint_debrief.pdf.flow.{f.kind}"),
             "detail": flow_detail(f, lang)} for f in od.debrief.flows]


def timeline(od: OperationDebrief) -> None:
    """Every exchange between countries: days on x, the sending country on y, kind as colour,
    with the table beside it."""
    rows = timeline_rows(od)
    if not rows:
        st.info(t("joint_debrief.pdf.no_flow"))
        return
    frame = pd.DataFrame(rows)
    chart = alt.Chart(frame, title=t("operation_debrief.timeline_chart")).mark_point(
        filled=True, size=140, opacity=0.85).encode(
        x=alt.X("day:Q", title=t("joint_debrief.pdf.day"), axis=alt.Axis(format="d", tickMinStep=1),  # as ui.charts.DAY_AXIS
                scale=alt.Scale(domain=[0, od.scenario.duration_days])),
        y=alt.Y("from:N", title=t("joint_debrief.pdf.from"),
                axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        color=alt.Color("kind:N", title=t("joint_debrief.pdf.kind")),
        shape=alt.Shape("kind:N", title=t("joint_debrief.pdf.kind")),
        tooltip=[alt.Tooltip("day:Q", title=t("joint_debrief.pdf.day"), format=".1f"),
                 *(alt.Tooltip(f"{k}:N", title=t(f"joint_debrief.pdf.{k}"))
                   for k in ("from", "to", "kind", "detail"))],
    ).properties(height=alt.Step(48))
    left, right = st.columns([3, 2])
    with left:
        figure(chart, title=t("operation_debrief.timeline_chart"))  # the table beside says it
    with right:
        st.dataframe([{t(f"joint_debrief.pdf.{k}"): (num(r[k], ".1f") if k == "day" else r[k])
                       for k in ("day", "from", "to", "kind", "detail")} for r in rows],
                     hide_index=True, key="operation_debrief.flow_table")


def known_by(od: OperationDebrief) -> None:
    """Which team knew each member of the real network at the end."""
    lang = current_language()
    rows = [{t("joint_debrief.pdf.member"): m.label,
             t("joint_debrief.pdf.country"): country_name(m.country, lang),
             t("joint_debrief.pdf.known_by"): ", ".join(
                 od.team_name(c, lang) for c in od.debrief.known_by.get(m.id, [])) or "—"}
            for m in od.debrief.world.members]
    st.dataframe(rows, hide_index=True, key="operation_debrief.known_by")


def meetings(od: OperationDebrief) -> None:
    """Each closed case meeting's agreed target list beside the real network: which targets
    were real, their role, whether the owner acted, and the leaders nobody listed."""
    reviews = od.debrief.meetings
    st.caption(t("operation_debrief.meetings_intro"))
    if not reviews:
        st.info(t("operation_debrief.no_meeting"))
    for r in reviews:
        st.subheader(t("operation_debrief.meeting", id=r.meeting,
                       teams=listed([_team(od, c) for c in r.countries], current_language())))
        st.dataframe([{t("operation_debrief.target"): plain(named(x.target, x.kind, x.label)),
                       t("operation_debrief.target_action"): t(f"operation_debrief.do_{x.action}"),
                       t("operation_debrief.owner"): _team(od, x.owner),
                       t("operation_debrief.real"): "✔" if x.real else "✘",
                       t("operation_debrief.role"): x.role or "—",
                       t("operation_debrief.done"): "✔" if x.done else "✘"}
                      for x in r.targets], hide_index=True, key=f"operation_debrief.m.{r.meeting}")
        if r.leaders_missed:
            st.warning(t("operation_debrief.leaders_missed",
                         names=plain(", ".join(r.leaders_missed))), icon=":material/person_search:")
