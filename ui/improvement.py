"""Blocks of the improvement plan page, and the exercises' findings under an indicator.

The plan is the country team's own data: it is read per run for the acting user (never from
a cache shared between users); its PDF is made only when asked for. A status box always
shows the stored status: a change another member made since shows on the next run, and a
refused change springs back.
Everything typed (findings, owners, workshop titles) is shown as typed (``ui.text.plain``).
"""

from __future__ import annotations

from functools import partial

import altair as alt
import pandas as pd
import streamlit as st

from academy import improvement, improvement_report
from academy.errors import AcademyError
from academy.guidance import Framework
from academy.improvement import STATUSES, Item
from academy.models import CountryTeam
from ui.choice import prompt
from ui.figures import figure
from ui.i18n import current_language, t
from ui.messages import show_error
from ui.session import CurrentUser
from ui.state import db
from ui.text import plain_values

STATUS_KEY = "improve.status"
ERROR_KEY = "improve.error"
COLOURS = ("#c0392b", "#e6a23c", "#1b6b4a")  # open, in progress, done


def load(user: CurrentUser, team: CountryTeam) -> dict[str, list[Item]]:
    with db() as s:
        return improvement.improvement_plan(s, acting_user_id=user.id, team_id=team.id or 0)


def evidence_for(user: CurrentUser, assessment_id: int) -> dict[str, list[Item]]:
    """The exercises' findings a round shows, by indicator."""
    with db() as s:
        return improvement.evidence(s, acting_user_id=user.id, assessment_id=assessment_id)


def status_label(status: str) -> str:
    return t(f"improve.status_{status}")


def line(item: Item) -> str:
    """One finding in words: its kind and text, and for an action owner, due date, status."""
    kind = t(f"improve.kind_{item.kind}")
    if not item.is_action:
        return t("improve.evidence_item", **plain_values({"kind": kind, "text": item.text}))
    return t("improve.evidence_action", **plain_values({
        "kind": kind, "text": item.text, "owner": item.owner,
        "due": item.due_on.isoformat() if item.due_on else "—",
        "status": status_label(item.status)}))


def evidence(items: list[Item]) -> None:
    """"From exercises: …" under an indicator of an assessment round (nothing when none)."""
    if items:
        st.caption(t("improve.evidence", items="; ".join(line(i) for i in items)),
                   help=", ".join(sorted({i.workshop for i in items})))


def progress_panel(plan: dict[str, list[Item]]) -> None:
    """Done out of all corrective actions, and a bar of actions per status."""
    counted = improvement.progress(plan)
    left, right = st.columns([1, 2])
    left.metric(t("improve.progress"), t("improve.progress_value", done=counted.done,
                                         total=counted.total))
    if counted.total:
        left.progress(counted.done / counted.total)
    labels = [status_label(s) for s in STATUSES]
    data = pd.DataFrame({"status": labels, "count": list(counted.by_status.values())})
    chart = alt.Chart(data, title=t("improve.by_status")).mark_bar().encode(
        y=alt.Y("status:N", sort=labels, title=t("improve.chart_status")),
        x=alt.X("count:Q", title=t("improve.chart_count"), axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("status:N", scale=alt.Scale(domain=labels, range=list(COLOURS)),
                        legend=None)).properties(height=alt.Step(34))
    with right:
        figure(chart, title=t("improve.by_status"),
               tables=[[{t("improve.chart_status"): label, t("improve.chart_count"): count}
                        for label, count in zip(labels, counted.by_status.values(), strict=True)]])


def _change(user: CurrentUser, item_id: int) -> None:
    try:
        with db() as s:
            improvement.set_status(s, acting_user_id=user.id, item_id=item_id,
                                   status=st.session_state[f"{STATUS_KEY}.{item_id}"])
    except AcademyError as error:
        st.session_state[ERROR_KEY] = error


def items(user: CurrentUser, framework: Framework, plan: dict[str, list[Item]], lang: str,
          *, open_only: bool) -> None:
    """The plan by indicator (framework order); each action with its status box."""
    if error := st.session_state.pop(ERROR_KEY, None):
        show_error(error)
    shown = improvement.only_open(plan) if open_only else plan
    if not shown:
        st.success(t("improve.none_open"))
    for indicator_id, found in improvement_report.ordered(framework, shown):
        indicator = framework.indicators.get(indicator_id)
        with st.container(border=True):
            st.markdown(f"**{indicator.title.get(lang) if indicator else indicator_id}**")
            if indicator:
                st.caption(framework.dimension_of(indicator_id).title.get(lang))
            for item in found:
                _item(user, item)


def _item(user: CurrentUser, item: Item) -> None:
    text, control = st.columns([3, 1])
    text.markdown(t("improve.evidence_item", kind=f"**{t(f'improve.kind_{item.kind}')}**",
                    **plain_values({"text": item.text})))
    text.caption(t("improve.from_workshop", **plain_values({"workshop": item.workshop})))
    if not item.is_action:
        return
    text.caption(t("improve.owner_due", **plain_values({
        "owner": item.owner, "due": item.due_on.isoformat() if item.due_on else "—"})))
    if item.status_by and item.status_at:
        text.caption(t("improve.changed", **plain_values({
            "name": item.status_by, "at": f"{item.status_at:%Y-%m-%d %H:%M}"})))
    key = f"{STATUS_KEY}.{item.id}"
    st.session_state[key] = item.status  # the stored status, whatever this tab last chose
    control.selectbox(t("improve.status"), STATUSES, key=key, format_func=status_label,
                      on_change=_change, args=(user, item.id), placeholder=prompt(STATUSES))


def exports(framework: Framework, plan: dict[str, list[Item]], team: CountryTeam) -> None:
    """Download buttons: the plan as PDF (in the reader's language) and as CSV. The PDF is
    made when the button is clicked, on Streamlit's download thread: shaping 60 items takes
    seconds, which every status change would otherwise pay."""
    lang = current_language()
    left, right = st.columns(2)
    left.download_button(t("improve.export_pdf"),
                         partial(improvement_report.to_pdf, framework, plan, lang, team=team.name),
                         f"improvement-plan-{team.country}.pdf", "application/pdf",
                         key="improve.pdf_button", icon=":material/picture_as_pdf:")
    right.download_button(t("improve.export_csv"),
                          improvement_report.to_csv(framework, plan, lang),
                          f"improvement-plan-{team.country}.csv", "text/csv",
                          key="improve.csv_button", icon=":material/table:")
