"""Panels of the live dashboard: the room at a glance, injects and pauses, one desk."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from academy import assignments, live
from academy.errors import AcademyError
from academy.models import Workshop
from ui import curriculum, desk, tables
from ui.i18n import t
from ui.messages import decision, decision_result, show_error
from ui.session import CurrentUser
from ui.state import db
from ui.text import plain
from ui.workshop_pick import me

REFRESH_SECONDS = 5


def _rows(user: CurrentUser, workshop: Workshop, stuck_minutes: int) -> list[live.Row]:
    with db() as s:
        return live.rows(s, user=me(user), workshop_id=workshop.id,
                         stuck_after=timedelta(minutes=stuck_minutes))


def room(user: CurrentUser, workshop: Workshop, stuck_minutes: int, per_team: bool) -> None:
    """Every trainee's (or team's) exercise; the caller wraps this in a timed fragment."""
    table = _rows(user, workshop, stuck_minutes)
    playing = [r for r in table if r.exercise_id is not None]
    cols = st.columns(4)
    cols[0].metric(t("dash.trainees"), len(table))
    cols[1].metric(t("dash.playing"), len(playing))
    cols[2].metric(t("dash.finished"), sum(r.finished for r in playing))
    cols[3].metric(t("dash.stuck"), sum(r.stuck for r in playing))
    if not table:
        st.info(t("ws.no_trainees", code=workshop.join_code))
        return
    if per_team:
        tables.table([{t(f"dash.col_{k}"): (v or t("dash.no_team")) if k == "team" else v
                       for k, v in row.items()} for row in live.by_team(table)])
    else:
        tables.table([_line(r) for r in table])
    with db() as s:
        modules = assignments.modules_of(s, workshop_id=workshop.id)
        progress = live.module_progress(s, user=me(user), workshop_id=workshop.id,
                                        module_ids=modules)
    if progress is not None:
        st.caption(t("dash.modules"))
        names = {r.user_id: r.name for r in table}
        st.dataframe([{t("dash.col_name"): names.get(uid, "?"),
                       **{curriculum.title_of(m): t(f"dash.module_{p.get(m, 'none')}")
                          for m in modules}}
                      for uid, p in progress.items()], hide_index=True, width="stretch")
    st.caption(t("dash.refreshes", seconds=REFRESH_SECONDS))


def _line(r: live.Row) -> dict[str, object]:
    state = (t("dash.state_finished") if r.finished else t("dash.state_paused") if r.paused
             else t("dash.state_stuck") if r.stuck else t("dash.state_playing")
             if r.exercise_id else t("dash.state_waiting"))
    return {t("dash.col_name"): r.name, t("dash.col_team"): r.team or "",
            t("dash.col_scenario"): r.scenario, t("dash.col_state"): state,
            t("dash.col_day"): f"{r.day:.1f} / {r.duration:g}" if r.exercise_id else "",
            t("dash.col_score"): round(r.score, 1), t("dash.col_actions"): r.actions,
            t("dash.col_accepted"): r.accepted, t("dash.col_refused"): r.refused,
            t("dash.col_last"): r.last_activity.strftime("%H:%M:%S UTC") if r.last_activity
            else ""}


def control(user: CurrentUser, workshop: Workshop) -> None:
    """Send an inject, or pause and resume, for everyone, one team or one trainee."""
    table = _rows(user, workshop, 10**6)
    with db() as s:
        events = live.events_of(s, user=me(user), workshop_id=workshop.id)
    playing = {r.exercise_id: r.name for r in table if r.exercise_id and not r.finished}
    teams = sorted({r.team or "" for r in table if r.exercise_id})
    scope = st.radio(t("dash.scope"), ["all", "team", "trainee"], horizontal=True,
                     format_func=lambda x: t(f"dash.scope_{x}"), key="dash.scope")
    team = st.selectbox(t("dash.col_team"), teams, key="dash.team",
                        format_func=lambda x: x or t("dash.no_team")) if scope == "team" else None
    one = st.selectbox(t("dash.col_name"), list(playing), format_func=playing.get,
                       key="dash.one") if scope == "trainee" else None
    chosen = live.targets(table, scope=scope, team=team, exercise_id=one)
    st.caption(t("dash.reaches", n=len(chosen)))
    with st.form("dash.inject", clear_on_submit=True):
        message = st.text_area(t("dash.message"), max_chars=1000, key="dash.message")
        event = st.selectbox(t("dash.event"), [""] + list(events), key="dash.event",
                             format_func=lambda e: f"{e} — {events[e][:80]}" if e else
                             t("dash.no_event"))
        if st.form_submit_button(t("dash.send"), type="primary", disabled=not chosen):
            _do(lambda s: live.inject(s, user=me(user), workshop_id=workshop.id,
                                      exercise_ids=chosen, message=message, event=event or None),
                "dash.sent")
    left, right = st.columns(2)
    if left.button(t("dash.pause"), key="dash.pause", disabled=not chosen,
                   icon=":material/pause:"):
        _do(lambda s: live.pause(s, user=me(user), workshop_id=workshop.id,
                                 exercise_ids=chosen, paused=True), "dash.paused")
    if right.button(t("dash.resume"), key="dash.resume", disabled=not chosen,
                    icon=":material/play_arrow:"):
        _do(lambda s: live.pause(s, user=me(user), workshop_id=workshop.id,
                                 exercise_ids=chosen, paused=False), "dash.resumed")


def _do(action, key: str) -> None:  # type: ignore[no-untyped-def]
    try:
        with db() as s:
            result = action(s)
    except AcademyError as error:
        show_error(error)
        return
    done, refused = result if isinstance(result, tuple) else (result, 0)
    st.success(t(key, n=done, refused=refused))


def drill(user: CurrentUser, workshop: Workshop, exercise_id: int) -> None:
    """One trainee's desk as they see it, and their decision log."""
    try:
        with db() as s:
            seen = live.drill(s, user=me(user), workshop_id=workshop.id, exercise_id=exercise_id)
    except AcademyError as error:
        show_error(error)
        return
    st.subheader(t("dash.desk_of", name=plain(seen.trainee)))
    desk.header(seen.view)
    inbox, chart, decisions = st.tabs([t("desk.tab_inbox", n=len(seen.view.inbox)),
                                       t("desk.tab_chart"), t("dash.decision_log")])
    with inbox:
        for item in reversed(seen.view.inbox):
            st.markdown(f"**{plain(desk.inbox_source(item))}** · `{item.reliability}{item.credibility}` · "
                        f"{t('desk.day')} {item.t:.1f}")
            st.text(desk.inbox_text(item))
    with chart:
        desk.link_chart(seen.view, seen.record.hypotheses)
    with decisions:
        if not seen.decisions:
            st.info(t("hotwash.no_decisions"), icon=":material/info:")
        else:
            names = desk.labels(seen.view)
            st.dataframe([{t("desk.day"): round(d.t, 2), t("desk.col_action"): decision(d, names),
                           t("desk.col_result"): decision_result(d.accepted, d.code),
                           t("desk.col_rationale"): d.rationale or ""} for d in seen.decisions],
                         hide_index=True, width="stretch")


def pick_exercise(user: CurrentUser, workshop: Workshop) -> int | None:
    """A trainee to drill into (their latest exercise)."""
    playing = {r.exercise_id: r.name for r in _rows(user, workshop, 10**6) if r.exercise_id}
    if not playing:
        st.info(t("dash.nobody_playing"))
        return None
    return st.selectbox(t("dash.drill"), list(playing), format_func=playing.get,
                        key="dash.drill")
