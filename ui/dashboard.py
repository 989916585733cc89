"""Panels of the live dashboard: the room at a glance, injects and pauses, one desk.

Every panel draws from one ``live.Snapshot`` taken at the start of each refresh, and the
page runs them all in one timed fragment: the room, the inject panel and the drilled desk
move on together (an inject panel drawn once at the page's load would still say nobody is
playing while the room shows the trainees at work)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import streamlit as st

from academy import live
from academy.errors import AcademyError
from academy.models import Workshop
from ui import bounded, curriculum, desk, tables
from ui.choice import prompt
from ui.i18n import current_language, num, t
from ui.messages import decision, decision_result, show_error
from ui.session import CurrentUser
from ui.state import db
from ui.text import plain, plain_values
from ui.workshop_pick import me

REFRESH_SECONDS = 5
DRILL = "dash.drill"
FLASH = "dash.flash"


def board(user: CurrentUser, workshop: Workshop, stuck_minutes: int, per_team: bool) -> None:
    """The whole dashboard from one snapshot; the page wraps this in one timed fragment."""
    try:
        with db() as s:
            seen = live.snapshot(s, user=me(user), workshop_id=workshop.id or 0,
                                 stuck_after=timedelta(minutes=stuck_minutes),
                                 drill_exercise=st.session_state.get(DRILL),
                                 lang=current_language())
    except AcademyError as error:
        show_error(error)
        return
    room(seen, workshop, per_team)
    left, right = st.columns([1, 2])
    with left, st.container(border=True):
        st.header(t("dash.control"))
        control(user, workshop, seen)
    with right, st.container(border=True):
        if pick_exercise(seen) is not None and seen.drill is not None:
            drill(seen.drill)


def room(seen: live.Snapshot, workshop: Workshop, per_team: bool) -> None:
    """Every trainee's (or team's) exercise."""
    table = seen.rows
    counts = live.counts(table)
    cols = st.columns(4)
    for column, name in zip(cols, ("trainees", "playing", "finished", "stuck"), strict=True):
        column.metric(t(f"dash.{name}"), counts[name])
    if not table:
        st.info(t("ws.no_trainees", code=workshop.join_code))
        return
    if per_team:
        tables.table([_team_line(row) for row in live.by_team(table)])
    else:
        tables.table([_line(r) for r in table])
    if seen.progress is not None:
        st.caption(t("dash.modules"))
        names = {r.user_id: r.name for r in table}
        st.dataframe([{t("dash.col_name"): names.get(uid, "?"),
                       **{curriculum.title_of(m): t(f"dash.module_{p.get(m, 'none')}")
                          for m in seen.modules}}
                      for uid, p in seen.progress.items()], hide_index=True, width="stretch")
    st.caption(t("dash.refreshes", seconds=REFRESH_SECONDS))


def _line(r: live.Row) -> dict[str, object]:
    state = (t("dash.state_finished") if r.finished else t("dash.state_paused") if r.paused
             else t("dash.state_stuck") if r.stuck else t("dash.state_playing")
             if r.exercise_id else t("dash.state_waiting"))
    return {t("dash.col_name"): r.name, t("dash.col_team"): r.team or "",
            t("dash.col_scenario"): r.scenario, t("dash.col_state"): state,
            t("dash.col_day"): f"{num(r.day, '.1f')} / {num(r.duration)}" if r.exercise_id else "",
            t("dash.col_score"): num(r.score, ".1f"), t("dash.col_actions"): r.actions,
            t("dash.col_accepted"): r.accepted, t("dash.col_refused"): r.refused,
            t("dash.col_last"): r.last_activity.strftime("%H:%M:%S UTC") if r.last_activity
            else ""}


def _team_line(row: dict[str, object]) -> dict[str, object]:
    """One team's line: its means written the reader's way ("8,9" in Spanish)."""
    def cell(k: str, v: object) -> object:
        if k == "team":
            return v or t("dash.no_team")
        return num(v, ".1f") if k in ("mean_day", "mean_score") else v  # type: ignore[arg-type]
    return {t(f"dash.col_{k}"): cell(k, v) for k, v in row.items()}


def control(user: CurrentUser, workshop: Workshop, seen: live.Snapshot) -> None:
    """Send an inject, or pause and resume, for everyone, one team or one trainee. The
    buttons act in callbacks, before the refresh they cause takes its snapshot, so the room
    already shows what they did."""
    flash = st.session_state.pop(FLASH, None)
    if flash is not None:
        (st.success if flash[0] else st.error)(flash[1])
    table, events = seen.rows, seen.events
    playing = {r.exercise_id: r.name for r in table if r.exercise_id and not r.finished}
    teams = sorted({r.team or "" for r in table if r.exercise_id})
    scope = st.radio(t("dash.scope"), ["all", "team", "trainee"], horizontal=True,
                     format_func=lambda x: t(f"dash.scope_{x}"), key="dash.scope")
    team = st.selectbox(t("dash.col_team"), teams, key="dash.team",
                        format_func=lambda x: x or t("dash.no_team"),
                        placeholder=prompt(teams)) if scope == "team" else None
    one = st.selectbox(t("dash.col_name"), list(playing), format_func=playing.get,
                       key="dash.one",
                       placeholder=prompt(list(playing))) if scope == "trainee" else None
    chosen = live.targets(table, scope=scope, team=team, exercise_id=one)
    st.caption(t("dash.reaches", n=len(chosen)))
    wid, actor = workshop.id or 0, user
    # not cleared on submit: a message refused (too long) stays to be shortened; a delivered
    # one is emptied by ``_inject``
    with st.form("dash.inject"):
        bounded.text_area(t("dash.message"), key="dash.message", limit=live.MAX_INJECT)
        st.selectbox(t("dash.event"), [""] + list(events), key="dash.event",
                     format_func=lambda e: f"{e} — {events[e][:80]}" if e else t("dash.no_event"),
                     placeholder=prompt([''] + list(events)))
        left, right = st.columns(2)  # a free message's grade; an event keeps its author's
        left.selectbox(t("dash.reliability"), list("ABCDEF"), key="dash.reliability",
                       format_func=lambda g: t(f"dash.grade_{g}"),
                       placeholder=prompt(list('ABCDEF')))
        right.selectbox(t("dash.credibility"), list("123456"), key="dash.credibility",
                        format_func=lambda g: t(f"dash.grade_{g}"),
                        placeholder=prompt(list('123456')))
        st.form_submit_button(t("dash.send"), type="primary", disabled=not chosen,
                              on_click=_inject, args=(actor, wid, chosen))
    left, right = st.columns(2)
    left.button(t("dash.pause"), key="dash.pause", disabled=not chosen,
                icon=":material/pause:", on_click=_pause, args=(actor, wid, chosen, True))
    right.button(t("dash.resume"), key="dash.resume", disabled=not chosen,
                 icon=":material/play_arrow:", on_click=_pause, args=(actor, wid, chosen, False))


def _inject(user: CurrentUser, workshop_id: int, chosen: list[int]) -> None:
    message, event = st.session_state.get("dash.message", ""), st.session_state.get("dash.event")
    grade = st.session_state.get("dash.reliability", "A") + st.session_state.get("dash.credibility", "1")
    if not bounded.fits((message, live.MAX_INJECT)):
        return  # the box keeps the text and says, under it, how much too long it is
    if _do(lambda s: live.inject(s, user=me(user), workshop_id=workshop_id, exercise_ids=chosen,
                                 message=message or "", event=event or None, grade=grade),
           "dash.sent"):
        st.session_state["dash.message"], st.session_state["dash.event"] = "", ""


def _pause(user: CurrentUser, workshop_id: int, chosen: list[int], paused: bool) -> None:
    _do(lambda s: live.pause(s, user=me(user), workshop_id=workshop_id, exercise_ids=chosen,
                             paused=paused), "dash.paused" if paused else "dash.resumed")


def _do(action: Callable[[Any], int | tuple[int, int]], key: str) -> bool:
    """Carry out an inject or a pause; what it did (or why not) is shown on the redraw.
    True when it was carried out."""
    try:
        with db() as s:
            result = action(s)
    except AcademyError as error:
        st.session_state[FLASH] = (False, t(f"error.{error.code}", **plain_values(error.params)))
        return False
    done, refused = result if isinstance(result, tuple) else (result, 0)
    st.session_state[FLASH] = (True, t(key, n=done, refused=refused))
    return True


def drill(seen: live.Drill) -> None:
    """One trainee's desk as they see it, and their decision log."""
    st.header(t("dash.desk_of", name=plain(seen.trainee)))
    desk.header(seen.view)
    inbox, chart, decisions = st.tabs([t("desk.tab_inbox", n=len(seen.view.inbox)),
                                       t("desk.tab_chart"), t("dash.decision_log")])
    with inbox:
        for item in reversed(seen.view.inbox):
            st.markdown(f"**{plain(desk.inbox_source(item))}** · `{item.reliability}{item.credibility}`"
                        f" · {t('desk.day')} {num(item.t, '.1f')}")
            st.text(desk.inbox_text(item))
    with chart:
        desk.link_chart(seen.view, seen.record.hypotheses)
    with decisions:
        if not seen.decisions:
            st.info(t("hotwash.no_decisions"), icon=":material/info:")
        else:
            names = desk.labels(seen.view)
            st.dataframe([{t("desk.day"): num(d.t, ".1f"), t("desk.col_action"): decision(d, names),
                           t("desk.col_result"): decision_result(d.accepted, d.code, d.result),
                           t("desk.col_rationale"): d.rationale or ""} for d in seen.decisions],
                         hide_index=True, width="stretch")


def pick_exercise(seen: live.Snapshot) -> int | None:
    """A trainee to drill into (their latest exercise): the one the snapshot drilled."""
    playing = seen.playing
    if not playing:
        st.info(t("dash.nobody_playing"))
        return None
    options = list(playing)
    return st.selectbox(t("dash.drill"), options, format_func=playing.get, key=DRILL,
                        index=options.index(seen.drilled) if seen.drilled in options else 0,
                        placeholder=prompt(options))
