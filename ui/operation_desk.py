"""The team desk of a joint operation: the single-player desk's panels on the team's view.

A trainee sits in one team (a country's NEST) of the workshop's operation. The tab keeps
the replayed engine in its own session state (never module state) and asks the server for
the team's desk on every run (``academy.joint.team_view``: only the team's own country,
whoever asks). Actions go through ``academy.joint.act`` with the day the desk showed, so a
click decided before the control cell moved the clock is still played, and the trainee
told. The panels (header, inbox, chart, map, notices, action forms) are ``ui.desk``'s and
``ui.action_forms``'s, not copies; what is new is here: the requests between teams, the
channel and the team's "ready" flag.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from academy import channels, joint, pulse
from academy.accounts import get_user
from academy.errors import AcademyError
from academy.models import User
from academy.scenarios import get_version, parse
from engine.messages import country_name
from engine.records import Outcome
from engine.scenario import Scenario
from ui import bounded, drafts
from ui.choice import prompt
from ui.desk import RESULT_KEYS, named
from ui.i18n import current_language, num, t
from ui.session import CurrentUser
from ui.state import db
from ui.text import plain

HELD = "op.held"  # (operation id, Played): the engine this tab drew the desk with
PULSE = "op.pulse"  # (operation id, pulse): what the watch compares with
SCENARIO = "op.scenario"
MOVED = "op.moved"  # the day an action was carried out on after the clock moved
SHOWN = "op.shown"  # (operation id, the day this tab's desk last showed)
DECIDED = "op.decided"  # the day the trainee saw when they clicked (the previous run's)
RESULTS_OF = "op.results_of"  # the operation the pending results below belong to
SENT = "op.msg.sent"  # "message sent" (set by ``channel``)
CHANNEL_SEEN = "op.channel_seen"  # (operation id, ids of the messages the tab has shown)
WATCH_SECONDS = 1


def _me(s: Any, user: CurrentUser) -> User:
    record = get_user(s, user_id=user.id)
    if record is None:
        raise AcademyError("not_found")
    return record


def operation_id(user: CurrentUser) -> int | None:
    """The operation in the URL, else the newest one the trainee has a seat in."""
    raw = st.query_params.get("operation")
    if raw is None:
        with db() as s:
            found = joint.for_trainee(s, user=_me(s, user))
        return found.id if found is not None else None
    try:
        return int(raw)
    except ValueError:
        return None


def load(user: CurrentUser, operation: int) -> joint.Desk:
    """The team's desk as the operation's log now is; the tab keeps its engine.

    A click reaches the server as a new run, which reads the log afresh: the day the
    trainee decided on is the one the *previous* run showed (``DECIDED``), not the day this
    run is about to draw — so a click that crossed a move of the clock is told so."""
    own_results(operation)
    held = st.session_state.get(HELD)
    with db() as s:
        desk = joint.team_view(s, user=_me(s, user), operation_id=operation,
                               held=held[1] if held and held[0] == operation else None)
        st.session_state[PULSE] = (operation, pulse.team_pulse(
            s, user_id=user.id, operation_id=operation))
    st.session_state[HELD] = (operation, desk.played)
    shown = st.session_state.get(SHOWN)
    st.session_state[DECIDED] = shown[1] if shown and shown[0] == operation else desk.view.day
    st.session_state[SHOWN] = (operation, desk.view.day)
    return desk


def own_results(operation: int) -> None:
    """The results waiting on the desk (an action's outcome or refusal, "the clock moved",
    "message sent") belong to the operation they came from: a desk drawn for another
    operation (a new one started, another picked in the URL) starts without them — the QA
    trial saw operation 2's "the exercise has ended" on operation 3's fresh desk."""
    if st.session_state.get(RESULTS_OF) != operation:
        for key in (*RESULT_KEYS, MOVED, SENT):
            st.session_state.pop(key, None)
        st.session_state[RESULTS_OF] = operation


def changed(user: CurrentUser, operation: int) -> bool:
    """Has anything this desk shows moved since it was drawn (the clock, an action of
    anyone, a message, the pause, the phase, the ready flag)? One small query."""
    drawn = st.session_state.get(PULSE)
    if drawn is None:
        return False  # never drawn (refused): nothing to watch
    try:
        with db() as s:
            now = pulse.team_pulse(s, user_id=user.id, operation_id=operation)
    except AcademyError:  # the seat is gone: one full redraw says why
        return st.session_state.pop(PULSE, None) is not None
    return drawn != (operation, now)


def scenario(operation: joint.JointOperation) -> Scenario:
    """The operation's scenario; a version never changes, so the tab keeps it."""
    kept = st.session_state.get(SCENARIO)
    if kept is None or kept[0] != operation.scenario_version_id:
        with db() as s:
            version = get_version(s, version_id=operation.scenario_version_id)
            kept = (operation.scenario_version_id, parse(version.text))
        st.session_state[SCENARIO] = kept
    return kept[1]


def act(user: CurrentUser, operation: int, action: dict[str, Any]) -> Outcome | None:
    """Carry out one action for the team, decided on the day the desk showed; a
    teammate's click since is told, not lost; a move of the clock since is told. The result
    stays on the desk until the trainee's next action (the desk redraws whenever a teammate
    acts or the clock moves: a result dropped once drawn was gone before it was read)."""
    _replace_result()
    held = st.session_state.get(HELD)
    try:
        with db() as s:
            acted = joint.act(s, user=_me(s, user), operation_id=operation, action=action,
                              seen_day=float(st.session_state.get(DECIDED, 0.0)),
                              held=held[1] if held and held[0] == operation else None)
            # the desk's own click is no news for its watch: no second redraw
            st.session_state[PULSE] = (operation, pulse.team_pulse(
                s, user_id=user.id, operation_id=operation))
    except AcademyError as error:
        st.session_state.pop(HELD, None)
        st.session_state["desk.error"] = error  # shown by ui.desk.last_result
        return None
    st.session_state[HELD] = (operation, acted.played)
    st.session_state["desk.last"] = acted.played.outcome
    if acted.clock_moved:
        st.session_state[MOVED] = acted.day
    return acted.played.outcome


def _replace_result() -> None:
    """A new click of the trainee's: the previous result on the shared desk (which stays
    through the redraws others cause, see ``act``) makes way for this one's."""
    for shown in ("desk.last", "desk.error"):
        st.session_state.pop(shown, None)


def act_quietly(user: CurrentUser, operation: int, action: dict[str, Any]) -> Outcome | None:
    """``act`` for a panel that shows the outcome under its own form (ui.joint_meeting)."""
    outcome = act(user, operation, action)
    st.session_state.pop("desk.last", None)
    return outcome


def clock_moved() -> None:
    """Once, after an action the control cell's clock overtook."""
    if (day := st.session_state.pop(MOVED, None)) is not None:
        st.warning(t("joint.clock_moved", day=num(day, ".1f")), icon=":material/schedule:")


def ended() -> None:
    """The operation is over: said once, with the way to the joint debrief (which opens to
    the teams now); the desk asks for no action any more."""
    st.success(t("op.ended"), icon=":material/flag:")
    st.page_link("pages/operation_debrief.py", label=t("op.ended_debrief"),
                 icon=":material/assignment:")


def role_name(role: str | None) -> str:
    return t(f"joint.role.{role or 'every'}")


def who(desk: joint.Desk) -> None:
    """The team's country, its name and the trainee's role."""
    lang = current_language()
    st.markdown(t("op.seat", country=country_name(desk.seat.team.country, lang),
                  team=plain(desk.seat.team.name), role=role_name(desk.seat.role)))


def phase(operation: joint.JointOperation, scenario: Scenario) -> None:
    if not operation.phase:
        return
    inject = next((i for i in scenario.msel if i.id == operation.phase), None)
    day = f" · {t('desk.day')} {num(inject.at_day, 'g')}" if inject and inject.at_day else ""
    st.caption(t("op.phase", phase=plain(operation.phase)) + day)


def ready_toggle(user: CurrentUser, operation: int, desk: joint.Desk) -> None:
    """The team's flag for the control cell: ready for the clock to move on — for the day
    this desk shows. The toggle is a new widget each day (its key holds the day) and its
    click carries that day: a tab drawn before the clock moved (a second tab, a browser
    re-sending the old toggle's value) is refused by the server, never taken as ready for
    the new day (``joint.set_ready``)."""
    day = desk.view.day
    key = f"op.ready.{operation}.{day:g}"

    def flip() -> None:
        _replace_result()
        try:
            with db() as s:
                joint.set_ready(s, user=_me(s, user), operation_id=operation,
                                ready=bool(st.session_state[key]), seen_day=day)
        except AcademyError as error:
            st.session_state["desk.error"] = error

    st.session_state[key] = desk.seat.team.ready  # as stored now
    st.toggle(t("op.ready"), key=key, on_change=flip, help=t("op.ready_help"))


def _describe(request: Any, names: dict[str, str]) -> str:
    params = ", ".join(_named(k, str(v), request.params, names)
                       for k, v in request.params.items()
                       if k in ("location", "shipment", "subject", "account") and v)
    return f"{t('actions.' + request.kind)}" + (f" · {params}" if params else "")


def _named(key: str, value: str, params: dict[str, Any], names: dict[str, str]) -> str:
    """What a request is about, by the reader's name for it, else as the asking team's file
    names it (the team answering may not hold it): a person by the name it sent, an account
    by its number, a load in the reader's words — never the engine's id ("P07")."""
    if value in names:
        return names[value]
    if key == "shipment":
        return named(value, "shipment", "")
    said = {"subject": ("label", "person"), "account": ("number", "account")}.get(key)
    if said is not None and params.get(said[0]):
        return f"{params[said[0]]} ({t('entity.' + said[1])})"
    if key == "location":  # the place by the name it was sent with, in the reader's language
        texts = params.get("place_i18n")
        return str((texts.get(current_language()) if isinstance(texts, dict) else None)
                   or params.get("place") or value)
    return value


def requests(user: CurrentUser, operation: int, desk: joint.Desk, names: dict[str, str]) -> None:
    """Requests other teams sent to this team's country (to answer), and the team's own."""
    lang, mine, day = current_language(), desk.seat.team.country, desk.view.day
    incoming = [r for r in desk.requests if r.to_country == mine]
    outgoing = [r for r in desk.requests if r.from_country == mine]
    st.subheader(t("op.incoming"))
    if not incoming:
        st.info(t("op.no_incoming"))
    for r in reversed(incoming):
        with st.container(border=True):
            st.markdown(f"**{r.id}** · {t('op.from', country=country_name(r.from_country, lang))}"
                        f" · {t('desk.day')} {num(r.t, '.1f')} · {plain(_describe(r, names))}")
            if r.message:
                st.markdown(plain(r.message))
            if r.status != "pending":
                st.caption(_status(r, lang))
                continue
            if desk.view.finished:  # an answer now would only be refused
                st.caption(t("op.not_answered_ended"))
                continue
            st.caption(t("op.waiting", days=num(day - r.t, ".1f")))
            bounded.text_input(t("op.reason"), key=f"op.reason.{r.id}", limit=REASON_MAX)
            yes, no = st.columns(2)
            for column, accept, label in ((yes, True, t("op.accept")), (no, False, t("op.decline"))):
                # a callback: the click is carried out even when the redraw it starts no longer
                # draws this button (a teammate answered meanwhile), and the trainee is told
                column.button(label, key=f"op.answer.{r.id}.{accept}",
                              type="primary" if accept else "secondary", width="stretch",
                              on_click=_answer, args=(user, operation, r.id, accept))
    st.subheader(t("op.outgoing"))
    if not outgoing:
        st.info(t("op.no_outgoing"))
        return
    st.dataframe([{t("op.col_request"): r.id, t("op.col_to"): country_name(r.to_country, lang),
                   t("op.col_what"): _describe(r, names), t("desk.day"): num(r.t, ".1f"),
                   t("op.col_status"): t(f"op.status_{r.status}"),
                   t("op.col_waited"): num((r.answered_t if r.answered_t is not None else day)
                                           - r.t, ".1f"),
                   t("op.col_reason"): r.reason or ""} for r in outgoing],
                 hide_index=True, width="stretch")


REASON_MAX = 500  # a reason is a sentence or two (the engine would take 2,000)


def _answer(user: CurrentUser, operation: int, request: str, accept: bool) -> None:
    reason = str(st.session_state.get(f"op.reason.{request}", "")).strip()
    if not bounded.fits((reason, REASON_MAX)):
        return  # kept in the box, which says how much too long it is
    act(user, operation, {"kind": "answer_request", "request": request, "accept": accept,
                          "reason": reason})


def _status(r: Any, lang: str) -> str:
    said = t(f"op.status_{r.status}")
    when = f" · {t('desk.day')} {num(r.answered_t, '.1f')}" if r.answered_t is not None else ""
    return said + when + (f" — {plain(r.reason)}" if r.reason else "")


def channel(user: CurrentUser, operation: int, desk: joint.Desk) -> None:
    """Messages to and from the team (and the control cell's); a form to write one."""
    with db() as s:
        lines = channels.lines(s, user=_me(s, user), operation_id=operation)
        teams = [(tm.id, tm.name) for tm in joint.teams_of(s, operation)
                 if tm.id != desk.seat.team.id]
    if st.session_state.pop(SENT, False):
        st.success(t("op.sent"), icon=":material/send:")
    show_lines(lines)
    targets: dict[int, str] = {0: t("joint.control_cell"), **{i or 0: n for i, n in teams}}
    # each draft its own widgets and token (ui.drafts): a double click sends it once
    number, token = drafts.of("op.msg")
    to_key, body_key = drafts.key("op.msg", number, "to"), drafts.key("op.msg", number, "body")

    def send(number: int, token: str) -> None:
        _replace_result()
        body = st.session_state.get(body_key, "")
        to = st.session_state.get(to_key, 0)
        if not bounded.fits((body, channels.MAX_BODY)):
            return  # kept in the box, which says how much too long it is
        try:
            with db() as s:
                channels.post(s, user=_me(s, user), operation_id=operation, body=body,
                              to_team_id=to or None, token=token)
        except AcademyError as error:
            st.session_state["desk.error"] = error
            return
        drafts.sent("op.msg", number)  # a new, empty draft
        st.session_state[SENT] = True

    with st.form(drafts.key("op.msg", number), border=True):
        st.selectbox(t("op.to"), list(targets), format_func=lambda i: targets[i], key=to_key,
                     placeholder=prompt(list(targets)))
        bounded.text_area(t("op.message"), key=body_key, limit=channels.MAX_BODY, height=90)
        st.form_submit_button(t("op.send"), on_click=send, args=(number, token), type="primary")


def channel_news(user: CurrentUser, operation: int, where: Any, open_now: bool) -> None:
    """A banner in ``where`` while messages for the trainee (not their own) have come in
    that this tab has not shown on its Channel tab — as ``op.to_answer`` does for requests.
    What was shown is kept in the tab's session (per operation): a new tab, or a reload,
    counts every message it has not shown yet."""
    with db() as s:
        ids = {m.id for m in channels.read(s, user=_me(s, user), operation_id=operation)
               if m.from_user_id != user.id}
    kept = st.session_state.get(CHANNEL_SEEN)
    seen: set[int | None] = kept[1] if kept and kept[0] == operation else set()
    if open_now:  # drawn on the open tab now: seen
        st.session_state[CHANNEL_SEEN] = (operation, seen | ids)
    elif new := len(ids - seen):
        where.info(t("op.new_messages", n=new), icon=":material/forum:")


def show_lines(lines: list[channels.Line]) -> None:
    """Channel messages, newest first; everything a person typed shown as text."""
    if not lines:
        st.info(t("op.no_messages"))
    for line in reversed(lines):
        to = (plain(line.to_team) if line.to_team else t("joint.control_cell"))
        if line.to_role:
            to += f" ({role_name(line.to_role)})"
        if line.to_user:
            to += f" ({plain(line.to_user)})"
        origin = plain(line.from_team) if line.from_team else t("joint.control_cell")
        with st.container(border=True):
            st.markdown(f"**{plain(line.sender)}** · {origin} → {to} · "
                        f"{t('desk.day')} {num(line.day, '.1f')}")
            st.markdown(plain(line.body))

