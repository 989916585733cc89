"""The control cell's screen: start a joint operation, run its clock and script, watch it all.

The control cell is the workshop's instructors. They map each workshop team to one of the
scenario's countries and start the operation; then they move the one clock (a day, a week,
to a day, or by itself when every team is ready), pause the teams, set the phase from the
MSEL, send injects to a team, a role or a person, and see the whole world beside what each
team holds — who knows which member of the network, which requests wait and for how long,
every message on the channels. Every call is checked on the server
(``academy.control_cell``); this module only draws.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic
from typing import Any

import altair as alt
import streamlit as st

from academy import catalogs, channels, joint, pulse
from academy import control_cell as cell
from academy.accounts import get_user
from academy.actors import ROLES
from academy.errors import AcademyError
from academy.models import User, Workshop
from academy.roster import teams
from academy.scenarios import get_version, latest, parse
from academy.wording import listed
from academy.workshops import trainees_of
from engine.messages import country_name
from engine.records import Outcome
from ui import bounded, drafts
from ui.choice import choice, prompt
from ui.figures import figure
from ui.i18n import RTL, current_language, num, t
from ui.messages import reason, show_error
from ui.operation_desk import role_name, show_lines
from ui.session import CurrentUser
from ui.state import db
from ui.text import plain

HELD = "cc.held"
LAST_ADVANCE = "cc.last_advance"  # when this screen last moved the clock (monotonic s)
PULSE = "cc.pulse"
ERROR = "cc.error"
REFUSED = "cc.refused"  # an action the server stored but the engine refused: its outcome
DONE = "cc.done"
MSG, INJ = "cc.msg", "cc.inj"  # the send forms (their drafts: ``ui.drafts``)
WATCH_SECONDS = 1
ROLE_CHOICES: list[str | None] = ["auto", None, *ROLES]


def _me(s: Any, user: CurrentUser) -> User:
    record = get_user(s, user_id=user.id)
    if record is None:
        raise AcademyError("not_found")
    return record


def run(user: CurrentUser, call: Callable[..., Any], done: str | None = None, **kw: Any) -> Any:
    """Call a control-cell service as ``user``; a refusal is kept to be shown on the redraw —
    a refusal of the server, or of the engine (an outcome not accepted: stored in the log,
    but it did nothing), which is never called done."""
    try:
        with db() as s:
            result = call(s, user=_me(s, user), **kw)
    except AcademyError as error:
        st.session_state[ERROR] = error
        return None
    if isinstance(result, Outcome) and not result.accepted:
        st.session_state[REFUSED] = result
        return None
    if done:
        st.session_state[DONE] = done
    return result


DOUBLE_CLICK_S = 1.0  # a second "Advance" this soon after one from the same screen


def advance(user: CurrentUser, call: Callable[..., Any], **kw: Any) -> None:
    """Move the clock, unless this screen moved it a moment ago: the second click of a double
    click runs the callback the redraw registered, with the new day as ``from_day``, so only
    the time between the two clicks tells it from a deliberate second advance. The moment is
    counted from when the clock moved, not from the click: on a loaded server the advance
    itself can take longer than the window, and the second click waits for it."""
    if monotonic() - st.session_state.get(LAST_ADVANCE, -DOUBLE_CLICK_S) < DOUBLE_CLICK_S:
        st.session_state[ERROR] = AcademyError("joint_double_click")
        return
    if run(user, call, **kw) is not None:  # moved: a refusal moved nothing
        st.session_state[LAST_ADVANCE] = monotonic()


def notices() -> None:
    if (error := st.session_state.pop(ERROR, None)) is not None:
        show_error(error)
    if (refused := st.session_state.pop(REFUSED, None)) is not None:
        st.error(reason(refused.code, refused.params), icon=":material/error:")
    if (done := st.session_state.pop(DONE, None)) is not None:
        st.success(done, icon=":material/check_circle:")


def pick(user: CurrentUser, workshop: Workshop) -> int | None:
    """The workshop's operation to run (newest first), None when it has none yet."""
    with db() as s:
        operations = joint.of_workshop(s, user=_me(s, user), workshop_id=workshop.id or 0)
    if not operations:
        return None
    ids = [o.id or 0 for o in operations]
    stamps = {o.id: o.created_at.strftime("%Y-%m-%d %H:%M") for o in operations}
    return choice(t("cc.operation"), ids, key=f"cc.pick.{workshop.id}",
                  format_func=lambda i: t("cc.operation_line", id=i, at=stamps[i]))


def start_form(user: CurrentUser, workshop: Workshop, existing: bool = False) -> None:
    """Scenario, each workshop team -> a country (or not playing), roles per trainee;
    ``existing``: the workshop has an operation already, which a new one replaces on
    every desk."""
    lang = current_language()
    with db() as s:
        versions = {v.id or 0: v for v in latest(s)}
        team_names = sorted(joint.workshop_teams(s, workshop_id=workshop.id or 0))
        team_of = teams(s, workshop_id=workshop.id or 0)  # membership, else the roster's
        people = [(u.id or 0, u.display_name, team_of.get(u.id or 0)) for u, _ in
                  trainees_of(s, workshop_id=workshop.id or 0)
                  if team_of.get(u.id or 0) in team_names]
    if len(team_names) < joint.MIN_TEAMS:
        st.info(t("cc.need_teams", n=joint.MIN_TEAMS))
        return
    if existing:  # trainees' desks show the newest operation (academy.joint.for_trainee)
        st.warning(t("cc.new_moves_desks"), icon=":material/warning:")
    version_id = st.selectbox(t("cc.scenario"), list(versions), key="cc.start.scenario",
                              format_func=lambda i: versions[i].title,
                              placeholder=prompt(list(versions)))
    scenario = parse(versions[version_id].text)
    codes = [""] + [c.code for c in scenario.countries]
    st.caption(t("cc.teams_help", low=joint.MIN_TEAMS, high=joint.MAX_TEAMS))
    countries: dict[str, str] = {}
    cols = st.columns(2)
    for i, name in enumerate(team_names):
        code = cols[i % 2].selectbox(
            plain(name), codes, key=f"cc.start.country.{version_id}.{name}",
            index=min(i + 1, len(codes) - 1) if i < len(codes) - 1 else 0,
            format_func=lambda c: country_name(c, lang) if c else t("cc.not_playing"),
                                     placeholder=prompt(codes))
        if code:
            countries[name] = code
    roles: dict[int, str | None] = {}
    with st.expander(t("cc.roles"), icon=":material/badge:"):
        for uid, name, team in people:
            role = st.selectbox(f"{plain(name)} · {plain(team)}", ROLE_CHOICES,
                                key=f"cc.start.role.{uid}",
                                format_func=lambda r: t("cc.role_auto") if r == "auto"
                                else role_name(r), placeholder=prompt(ROLE_CHOICES))
            if role != "auto":
                roles[uid] = role
    if st.button(t("cc.start"), type="primary", key="cc.start.go"):
        started = run(user, joint.start, t("cc.started"), workshop_id=workshop.id or 0,
                      scenario_version_id=version_id, countries=countries, roles=roles)
        if started is not None:
            st.session_state[f"cc.pick.{workshop.id}"] = started.id
        st.rerun()


def load(user: CurrentUser, operation: int) -> tuple[cell.ControlDesk, list[cell.Seated], list[Any]]:
    held = st.session_state.get(HELD)
    with db() as s:
        me = _me(s, user)
        desk = cell.control_view(s, user=me, operation_id=operation,
                                 held=held[1] if held and held[0] == operation else None)
        seating = cell.seating(s, user=me, operation_id=operation)
        lines = channels.lines(s, user=me, operation_id=operation)
        st.session_state[PULSE] = (operation, pulse.control_pulse(s, user=me,
                                                                 operation_id=operation))
    st.session_state[HELD] = (operation, desk.played)
    return desk, seating, lines


def changed(user: CurrentUser, operation: int) -> bool:
    drawn = st.session_state.get(PULSE)
    if drawn is None:
        return False
    try:
        with db() as s:
            now = pulse.control_pulse(s, user=_me(s, user), operation_id=operation)
    except AcademyError:
        return st.session_state.pop(PULSE, None) is not None
    return drawn != (operation, now)


def clock(user: CurrentUser, operation: int, desk: cell.ControlDesk, duration: float) -> None:
    """The one clock: a day, a week, to a day; armed "when every team is ready"; pause."""
    op, day, finished = desk.operation, desk.summary.day, desk.played.live.finished
    row = st.container(horizontal=True)
    row.metric(t("desk.day"), _ratio(num(day, ".1f"), num(duration)))
    if not finished:  # once ended, a request left waiting asks nobody for anything
        row.metric(t("cc.pending"), len(desk.summary.pending))
    playing = [tm for tm in desk.teams if tm.id in desk.seated]  # the rest: nobody came
    row.metric(t("cc.teams_ready"), _ratio(num(sum(tm.ready for tm in playing)),
                                           num(len(playing))))
    if finished:  # the clock is at its end: nothing to move, pause or arm
        ended(day, duration)
        return
    if empty := [tm.name for tm in desk.teams if tm.id not in desk.seated]:
        st.caption(t("cc.empty_teams", teams=plain(listed(empty, current_language()))))
    buttons = st.container(horizontal=True)
    for label, days in ((t("desk.advance_day"), 1), (t("desk.advance_week"), 7)):
        # from_day: another screen's advance since is told; a double click: ``advance``
        buttons.button(label, key=f"cc.advance.{days}",
                       on_click=advance, args=(user, cell.advance),
                       kwargs={"operation_id": operation, "days": days, "from_day": day})
    first, last = int(day) + 1, int(duration)
    if first <= last:  # a day to advance to, within the scenario (the server refuses past it)
        target = buttons.number_input(t("cc.to_day"), min_value=first, value=first,
                                      max_value=last, step=1,
                                      key=f"cc.to_day.{operation}.{int(day)}",
                                      label_visibility="collapsed")
        buttons.button(t("cc.advance_to"), key="cc.advance_to",
                       on_click=advance, args=(user, cell.advance_to),
                       kwargs={"operation_id": operation, "day": int(target), "from_day": day})
    flags = st.container(horizontal=True)
    _toggle(flags, t("cc.when_ready"), f"cc.armed.{operation}", op.advance_when_ready,
            lambda on: run(user, cell.advance_when_ready, operation_id=operation, armed=on))
    _toggle(flags, t("cc.pause"), f"cc.paused.{operation}", op.paused,
            lambda on: run(user, cell.set_paused, operation_id=operation, paused=on))


def ended(day: float, duration: float) -> None:
    """The operation has ended: say so, and where its joint debrief is."""
    st.info(t("cc.ended", day=num(day, ".0f"), days=num(duration)), icon=":material/flag:")
    st.page_link("pages/operation_debrief.py", label=t("cc.debrief_link"),
                 icon=":material/diversity_3:")


def _ratio(part: str, whole: str) -> str:
    """"8.0 / 60" in its own order on a right-to-left page too (as the desk's header)."""
    text = f"{part} / {whole}"
    return f"\u2066{text}\u2069" if current_language() in RTL else text


def _toggle(where: Any, label: str, key: str, stored: bool, change: Callable[[bool], Any]) -> None:
    st.session_state[key] = stored  # as stored now (another instructor may have changed it)
    where.toggle(label, key=key, on_change=lambda: change(bool(st.session_state[key])))


def seating(user: CurrentUser, operation: int, seated: list[cell.Seated]) -> None:
    """Each team, its country, its ready flag and its members' roles; a role changed."""
    lang = current_language()
    st.dataframe([{t("cc.col_team"): s.name, t("cc.col_country"): country_name(s.country, lang),
                   t("cc.col_ready"): "✔" if s.ready else t("cc.not_ready"),
                   t("cc.col_members"): "; ".join(f"{n} ({role_name(r)})" for n, _, r in s.members)}
                  for s in seated], hide_index=True, width="stretch")
    people = {uid: f"{name} · {s.name}" for s in seated for name, uid, _ in s.members}
    if not people:
        return
    roles: list[str | None] = [None, *ROLES]
    with st.expander(t("cc.change_role"), icon=":material/badge:"):
        cols = st.columns([2, 2, 1], vertical_alignment="bottom")
        who = cols[0].selectbox(t("cc.person"), list(people), format_func=lambda i: people[i],
                                key="cc.role.who", placeholder=prompt(list(people)))
        role = cols[1].selectbox(t("cc.role"), roles, format_func=role_name, key="cc.role.new",
                                 placeholder=prompt(roles))
        cols[2].button(t("cc.role_save"), key="cc.role.save", on_click=run,
                       args=(user, cell.set_role, t("cc.role_changed")),
                       kwargs={"operation_id": operation, "trainee_id": who, "role": role})


def phase(user: CurrentUser, operation: int, desk: cell.ControlDesk, msel: list[Any]) -> None:
    options = [""] + [i.id for i in msel]
    days = {i.id: i.at_day for i in msel}
    key = f"cc.phase.{operation}"
    st.session_state[key] = desk.operation.phase if desk.operation.phase in options else ""
    st.selectbox(t("cc.phase"), options, key=key,
                 format_func=lambda p: (f"{p} · {t('desk.day')} {num(days[p], 'g')}"
                                        if p and days.get(p) is not None else p or "—"),
                 on_change=lambda: run(user, cell.set_phase, operation_id=operation,
                                       phase=st.session_state[key]), placeholder=prompt(options))


def inject(user: CurrentUser, operation: int, seated: list[cell.Seated],
           finished: bool = False) -> None:
    """An inject to every team, one team, a role in a team or one person of the team chosen.

    Each draft has its own widgets (``ui.drafts``): once sent, the team, role, person and
    text all start again, and a second click of a double click is one inject."""
    if finished:
        st.info(t("error.joint_operation_ended"), icon=":material/flag:")
        return
    number, token = drafts.of(INJ)
    teams = {0: t("cc.every_team"), **{s.team_id: s.name for s in seated}}
    roles: list[str | None] = [None, *ROLES]
    team_key = drafts.key(INJ, number, "team")
    team = st.selectbox(t("cc.inj_team"), list(teams), format_func=lambda i: teams[i],
                        key=team_key, placeholder=prompt(list(teams)))  # redraws the people
    people = {0: "—", **{uid: name if team else f"{name} · {s.name}" for s in seated
                         if not team or s.team_id == team for name, uid, _ in s.members}}
    person_key = drafts.key(INJ, number, f"person.{team or 0}")  # the team's own list
    role_key, message_key = drafts.key(INJ, number, "role"), drafts.key(INJ, number, "message")

    def send(number: int, token: str) -> None:
        get = st.session_state.get
        if not bounded.fits((get(message_key, ""), channels.MAX_BODY)):
            return  # kept in the box, which says how much too long it is
        outcome = run(user, cell.inject, t("cc.injected"), operation_id=operation,
                      message=get(message_key, ""), team_id=get(team_key) or None,
                      role=get(role_key), to_user_id=get(person_key) or None, token=token)
        if outcome is not None:
            drafts.sent(INJ, number)
        elif REFUSED in st.session_state:  # stored, but the engine refused it: correct it
            drafts.retry(INJ, number)

    # a refused draft stays to be corrected; a sent one gives way to a new, empty draft
    with st.form(drafts.key(INJ, number)):
        cols = st.columns(2)
        cols[0].selectbox(t("cc.inj_role"), roles, key=role_key,
                          format_func=lambda r: role_name(r) if r else "—",
                          placeholder=prompt(roles))
        cols[1].selectbox(t("cc.inj_person"), list(people), format_func=lambda i: people[i],
                          key=person_key, placeholder=prompt(list(people)))
        # a message to a role or a person goes on the channel: the channel's limit for all
        bounded.text_area(t("cc.inj_message"), key=message_key, limit=channels.MAX_BODY,
                          height=80)
        st.form_submit_button(t("cc.inj_send"), on_click=send, args=(number, token))


def world(desk: cell.ControlDesk) -> None:
    """The omniscient world beside each team's knowledge: counts, and who knows whom."""
    lang, summary = current_language(), desk.summary
    played = [s for s in summary.sides if s.played]
    st.dataframe([{t("cc.col_country"): country_name(s.country, lang), t("cc.col_inbox"): s.inbox,
                   t("cc.col_entities"): s.entities, t("cc.col_links"): s.links,
                   t("cc.col_decisions"): s.decisions, t("cc.col_budget"): s.budget,
                   t("cc.col_withheld"): s.withheld} for s in played],
                 hide_index=True, width="stretch")
    figure(known_chart(summary.members, [s.country for s in played], lang),
           title=t("cc.known_title"),
           tables=[[{t("cc.col_member"): m["label"],
                     t("cc.col_role"): catalogs.role(m["role"], lang) if m["role"] else "—",
                     t("cc.col_country"): country_name(m["country"], lang),
                     t("cc.col_known_by"): listed([country_name(c, lang) for c in m["known_by"]], lang)
                     or "—", t("cc.col_arrested"): "✔" if m["arrested"] else ""}
                    for m in summary.members]])


def known_chart(members: list[dict[str, Any]], countries: list[str], lang: str) -> alt.Chart:
    """A grid: each member of the real network (rows) against each team (columns), filled
    where the team's file holds them — the gaps are what the teams could share."""
    rows = [{"member": (f"{m['label']} ({catalogs.role(m['role'], lang)})" if m["role"]
                        else m["label"]),
             "team": country_name(c, lang), "known": t("cc.known") if c in m["known_by"]
             else t("cc.unknown"), "arrested": m["arrested"]}
            for m in members for c in countries]
    return alt.Chart(alt.Data(values=rows)).mark_rect(stroke="white").encode(
        x=alt.X("team:N", title=t("cc.col_team"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("member:N", title=t("cc.col_member"),
                axis=alt.Axis(labelLimit=320, labelOverlap=False)),
        color=alt.Color("known:N", title=None, scale=alt.Scale(
            domain=[t("cc.known"), t("cc.unknown")], range=["#1f6f8b", "#e8e8e8"])),
        tooltip=["member:N", "team:N", "known:N"],
    ).properties(height=alt.Step(22))  # one readable row per member, however many


def requests(desk: cell.ControlDesk) -> None:
    lang, summary = current_language(), desk.summary
    if not summary.requests:
        st.info(t("cc.no_requests"))
        return
    waiting = {p.id: p.waiting_days for p in summary.pending}
    st.dataframe([{t("op.col_request"): r.id,
                   t("cc.col_from"): country_name(r.from_country, lang),
                   t("op.col_to"): country_name(r.to_country, lang),
                   t("op.col_what"): t(f"actions.{r.kind}"), t("desk.day"): num(r.t, ".1f"),
                   t("op.col_status"): t(f"op.status_{r.status}"),
                   t("op.col_waited"): num(waiting.get(r.id, (r.answered_t or r.t) - r.t), ".1f"),
                   t("op.col_reason"): r.reason or "", t("cc.col_message"): r.message or ""}
                  for r in summary.requests], hide_index=True, width="stretch")


def channel(user: CurrentUser, operation: int, lines: list[Any], seated: list[cell.Seated]) -> None:
    """Every message of the operation; the control cell writes to a team. Each draft has its
    own widgets (``ui.drafts``): a second click of a double click is one message."""
    teams = {s.team_id: s.name for s in seated}
    number, token = drafts.of(MSG)
    to_key, body_key = drafts.key(MSG, number, "to"), drafts.key(MSG, number, "body")

    def send(number: int, token: str) -> None:
        body = st.session_state.get(body_key, "")
        if not bounded.fits((body, channels.MAX_BODY)):
            return  # kept in the box, which says how much too long it is
        if run(user, channels.post, t("op.sent"), operation_id=operation, body=body,
               to_team_id=st.session_state.get(to_key), token=token) is not None:
            drafts.sent(MSG, number)

    with st.form(drafts.key(MSG, number)):  # a new draft once sent, kept when refused
        st.selectbox(t("op.to"), list(teams), format_func=lambda i: teams[i], key=to_key,
                     placeholder=prompt(list(teams)))
        bounded.text_area(t("op.message"), key=body_key, limit=channels.MAX_BODY, height=80)
        st.form_submit_button(t("op.send"), on_click=send, args=(number, token))
    show_lines(lines)


def scenario_of(operation: Any) -> Any:
    kept = st.session_state.get("cc.scenario")
    if kept is None or kept[0] != operation.scenario_version_id:
        with db() as s:
            kept = (operation.scenario_version_id,
                    parse(get_version(s, version_id=operation.scenario_version_id).text))
        st.session_state["cc.scenario"] = kept
    return kept[1]
