"""The regional case meeting and the coordinated action day, as panels for the team desk
and the control cell (the pages place them; issue 12).

A team proposes a meeting, puts on the table what it chooses from its own file and the
targets it will own, and reads the shared file and the agreed target list once the
control cell closes the meeting; it schedules its arrests and seizures for the action day
and follows its plan. The control cell convenes and closes meetings, sets the action day
and sees what every team tabled and planned.

Every action goes through the ``act`` callable the page holds (the team's:
``academy.joint.act`` for the signed-in trainee; the control cell's: ``control_actions``
below): it takes an engine action (a dict) and returns the engine's ``Outcome``, or None
when the platform refused it (the page shows that error as for any action). The panel shows
the outcome under the form that sent it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from academy import catalogs, control_cell
from academy.control_cell import ControlDesk
from academy.errors import AcademyError
from academy.joint import Desk
from academy.wording import listed
from engine.actions import RATIONALE_MAX
from engine.meetings import TARGET_TYPES
from engine.records import Outcome
from ui import bounded
from ui.choice import prompt
from ui.desk import entity_label, inbox_source, inbox_text, message_text, named, outcome_message
from ui.i18n import country, current_language, num, t
from ui.messages import show_error
from ui.session import CurrentUser
from ui.state import db
from ui.tables import table
from ui.text import plain

Act = Callable[[dict[str, Any]], Any]
RESULT = "jm.result"  # session key: the last outcome, per panel
SHOWN_MEETINGS = 3  # the latest meetings in full; the older ones' tables are in the file


def _send(act: Act, action: dict[str, Any], key: str, clear: tuple[str, ...] = ()) -> None:
    """Send ``action``; once accepted, the form's choices ``clear`` start empty again (the
    same arrest could be scheduled twice with a second click)."""
    out = st.session_state[f"{RESULT}.{key}"] = act(action)
    if isinstance(out, Outcome) and out.accepted:
        for widget in clear:
            st.session_state.pop(widget, None)


def _result(key: str) -> None:
    """The outcome of the action this panel sent last: it stays until the panel's next
    action (a teammate's click or the clock redraws the desk at any moment)."""
    out = st.session_state.get(f"{RESULT}.{key}")
    if isinstance(out, Outcome):
        outcome_message(out)


def _tabled(meeting: Any) -> dict[str, str]:
    """What was put on the table, named in the reader's language: the engine keeps each
    entity's label and kind, a load's label being English ("Shipment S737")."""
    kinds = meeting.kinds
    return {e: named(e, kinds.get(e, ""), label) for e, label in meeting.labels.items()}


def _labels(desk: Desk, meeting: Any) -> dict[str, str]:
    return {**_tabled(meeting), **{e.id: entity_label(e) for e in desk.view.entities}}


def _target(x: Any) -> str:
    """A target of the agreed list (or of a plan) by its name in the reader's language."""
    return named(x.target, x.kind, x.label)


def _report(item: Any) -> str:
    """An inbox report as a reader knows it: who sent it, the day, its first words."""
    said = inbox_text(item)
    short = said if len(said) <= 90 else said[:89].rstrip() + "…"
    return t("jm.meeting.report", source=inbox_source(item), day=num(item.t, ".1f"), text=short)


def _status(meeting: Any) -> str:
    return t(f"jm.status.{meeting.status}")


def _heading(meeting: Any) -> str:
    return t("jm.meeting.heading", meeting=meeting.id, status=_status(meeting),
             countries=listed([country(c) for c in meeting.countries], current_language()))


def _targets(meeting: Any) -> None:
    if not meeting.targets:
        st.caption(t("jm.meeting.no_targets"))
        return
    table([{t("jm.col.target"): plain(_target(x)), t("jm.col.action"): t(f"jm.action.{x.action}"),
            t("jm.col.owner"): country(x.owner)} for x in meeting.targets])


def _table(meeting: Any, labels: dict[str, str]) -> None:
    rows = [{t("jm.col.what"): plain(labels.get(e, e)), t("jm.col.source"): country(c)}
            for c, x in meeting.tabled.items() for e in x.entities]
    rows += [{t("jm.col.what"): plain(f"{labels.get(a, a)} — {labels.get(b, b)}"),
              t("jm.col.source"): country(c)}
             for c, x in meeting.tabled.items() for a, b, _rel in x.links]
    reports = getattr(meeting, "reports", {})
    rows += [{t("jm.col.what"): plain(_report(reports[i])) if i in reports else i,
              t("jm.col.source"): country(c)}
             for c, x in meeting.tabled.items() for i in x.items]
    if rows:
        table(rows)
    else:
        st.caption(t("jm.meeting.nothing_tabled"))


# --- the team's desk ---------------------------------------------------------------------
def team_meeting_panel(desk: Desk, act: Act) -> None:
    """Propose a meeting; at an open one, table from the team's file and own targets; the
    shared file and the agreed list once closed."""
    st.subheader(t("jm.meeting.title"))
    _result("meeting")
    mine = desk.seat.team.country
    others = [c for c in desk.played.live.teams if c != mine]
    with st.form("jm.propose"):
        invite = st.multiselect(t("jm.meeting.invite"), others, default=others,
                                format_func=country, key="jm.invite", placeholder=prompt(others))
        agenda = bounded.text_area(t("jm.meeting.agenda"), limit=RATIONALE_MAX, key="jm.agenda")
        if st.form_submit_button(t("jm.meeting.propose")) and bounded.fits((agenda, RATIONALE_MAX)):
            _send(act, {"kind": "propose_meeting", "countries": invite,
                        "rationale": agenda.strip() or None}, "meeting")
            st.rerun()
    if not desk.meetings:
        st.caption(t("jm.meeting.none"))
    latest = list(reversed(desk.meetings))
    if len(latest) > SHOWN_MEETINGS:  # what older meetings put on the table is in the file
        st.caption(t("jm.meeting.earlier", n=len(latest) - SHOWN_MEETINGS))
    for meeting in latest[:SHOWN_MEETINGS]:
        with st.container(border=True):
            st.markdown(f"**{plain(_heading(meeting))}**")
            labels = _labels(desk, meeting)
            if meeting.status == "open":
                _table_form(desk, meeting, act)
                _target_form(desk, meeting, labels, act)
                st.markdown(f"**{t('jm.meeting.on_table')}**")
            elif meeting.status == "closed":
                st.markdown(f"**{t('jm.meeting.shared')}**")
            if meeting.status != "proposed":
                _table(meeting, labels)
                st.markdown(f"**{t('jm.meeting.targets')}**")
                _targets(meeting)
            if meeting.status == "open":
                _withdraw_form(meeting, mine, act)


def _table_form(desk: Desk, meeting: Any, act: Act) -> None:
    view = desk.view
    names = {e.id: entity_label(e) for e in view.entities}
    lang = current_language()
    links = {f"{k.a}|{k.b}": f"{names.get(k.a, k.a)} — {catalogs.relation(k.relation, lang)} — "
                             f"{names.get(k.b, k.b)}" for k in view.links}
    items = {i.id: _report(i) for i in view.inbox}
    with st.form(f"jm.table.{meeting.id}"):
        st.markdown(t("jm.meeting.table"))
        ents = st.multiselect(t("jm.meeting.entities"), list(names), format_func=lambda e: names.get(e, e),
                              key=f"jm.ents.{meeting.id}", placeholder=prompt(names))
        chosen = st.multiselect(t("jm.meeting.links"), list(links), format_func=lambda e: links.get(e, e),
                                key=f"jm.links.{meeting.id}", placeholder=prompt(links))
        its = st.multiselect(t("jm.meeting.items"), list(items), format_func=lambda e: items.get(e, e),
                             key=f"jm.items.{meeting.id}", placeholder=prompt(items))
        if st.form_submit_button(t("jm.meeting.table_button")):
            _send(act, {"kind": "table_items", "meeting": meeting.id, "entities": ents,
                        "links": [c.split("|") for c in chosen], "items": its}, "meeting",
                  clear=(f"jm.ents.{meeting.id}", f"jm.links.{meeting.id}",
                         f"jm.items.{meeting.id}"))
            st.rerun()


def _target_form(desk: Desk, meeting: Any, labels: dict[str, str], act: Act) -> None:
    """Own a target: a person to arrest, a shipment to seize, from the file or the table.
    The action is chosen first, outside the form, so that the list offers what that action
    can take (a company is never offered: only a person can be arrested)."""
    kinds = {e.id: e.type for e in desk.view.entities}
    for e, kind in meeting.kinds.items():
        kinds.setdefault(e, kind)
    what = st.radio(t("jm.col.action"), ["arrest", "seizure"], horizontal=True,
                    format_func=lambda a: t(f"jm.action.{a}"), key=f"jm.what.{meeting.id}")
    wanted = TARGET_TYPES[what]
    offered = [e for e, kind in kinds.items() if kind in wanted]
    with st.form(f"jm.target.{meeting.id}"):
        target = st.selectbox(t("jm.meeting.target"), offered, index=None,
                              format_func=lambda e: labels.get(e, e), key=f"jm.tg.{meeting.id}",
                              placeholder=prompt(offered))
        if st.form_submit_button(t("jm.meeting.own")):
            if target is None:
                st.warning(t("jm.meeting.choose_target"))
                return
            _send(act, {"kind": "propose_target", "meeting": meeting.id, "target": target,
                        "action": what}, "meeting")
            st.rerun()


def _withdraw_form(meeting: Any, mine: str, act: Act) -> None:
    """Take back a target the team owns while the meeting is open (a mistake undone)."""
    owned = {x.target: x for x in meeting.targets if x.owner == mine}
    if not owned:
        return
    with st.form(f"jm.withdraw.{meeting.id}"):
        target = st.selectbox(
            t("jm.meeting.withdraw_pick"), list(owned), index=None,
            format_func=lambda e: f"{_target(owned[e])} ({t(f'jm.action.{owned[e].action}')})",
            key=f"jm.wd.{meeting.id}", placeholder=prompt(owned))
        if st.form_submit_button(t("jm.meeting.withdraw")):
            if target is None:
                st.warning(t("jm.meeting.withdraw_choose"))
                return
            _send(act, {"kind": "withdraw_target", "meeting": meeting.id, "target": target},
                  "meeting")
            st.rerun()


def team_action_day_panel(desk: Desk, act: Act) -> None:
    """Schedule the team's arrests and seizures (in its own country) for the action day or
    a day of its choosing, and follow the plan."""
    st.subheader(t("jm.day.title"))
    _result("day")
    day = desk.action_day
    st.info(t("jm.day.is", day=num(day, "g")) if day is not None else t("jm.day.not_set"),
            icon=":material/event:")
    view, mine = desk.view, desk.seat.team.country
    names = {e.id: entity_label(e) for e in view.entities}
    people = [e.id for e in view.entities if e.type == "person"]
    loads = [e.id for e in view.entities if e.type == "shipment"]
    places = {loc.id: loc.name_in(current_language()) for loc in view.locations
              if loc.country == mine}
    with st.form("jm.schedule"):
        what = st.radio(t("jm.col.action"), ["arrest", "seizure"], horizontal=True,
                        format_func=lambda a: t(f"jm.action.{a}"), key="jm.day.what")
        person = st.selectbox(t("jm.day.person"), people, index=None, format_func=lambda e: names.get(e, e),
                              key="jm.day.person", placeholder=prompt(people))
        load = st.selectbox(t("jm.day.shipment"), loads, index=None, format_func=lambda e: names.get(e, e),
                            key="jm.day.load", placeholder=prompt(loads))
        place = st.selectbox(t("jm.day.location"), list(places), index=None,
                             format_func=lambda e: places.get(e, e), key="jm.day.place",
                             placeholder=prompt(places))
        # keyed by the action day and today: a form first drawn before the control cell set
        # the day (or yesterday) starts again on it, instead of keeping its old choice
        on_day = st.checkbox(t("jm.day.on_action_day"), value=day is not None,
                             key=f"jm.day.on.{day}")
        chosen = st.number_input(t("jm.day.day"), min_value=0, max_value=400,
                                 value=int(view.day) + 1, step=1,
                                 key=f"jm.day.n.{int(view.day)}")
        if st.form_submit_button(t("jm.day.schedule")):
            target = person if what == "arrest" else load
            if target is None:
                st.warning(t("jm.day.choose"))
                return
            action: dict[str, Any] = {"kind": "schedule_action", "what": what,
                                      "target": target, "day": None if on_day
                                      else float(chosen)}
            if what == "seizure":
                action["location"] = place
            _send(act, action, "day", clear=("jm.day.person", "jm.day.load", "jm.day.place"))
            st.rerun()
    _plan(desk.plan, names, view.locations)
    _cancel_form(desk.plan, names, act)


def _cancel_form(plan: list[Any], names: dict[str, str], act: Act) -> None:
    """Cancel one of the team's actions not yet carried out (a mistake undone)."""
    planned = {p.id: p for p in plan if p.status == "planned"}
    if not planned:
        return

    def option(pid: str) -> str:
        p = planned[pid]
        day = t("jm.day.on_day", day=num(p.day, "g")) if p.day is not None \
            else t("jm.day.the_day")
        return t("jm.day.cancel_option", action=t(f"jm.action.{p.what}"),
                 target=names.get(p.target) or _target(p), day=day)

    with st.form("jm.cancel"):
        chosen = st.selectbox(t("jm.day.cancel_pick"), list(planned), index=None,
                              format_func=option, key="jm.cancel.plan",
                              placeholder=prompt(planned))
        if st.form_submit_button(t("jm.day.cancel")):
            if chosen is None:
                st.warning(t("jm.day.cancel_choose"))
                return
            _send(act, {"kind": "cancel_action", "plan": chosen}, "day")
            st.rerun()


def _plan(plan: list[Any], names: dict[str, str], locations: list[Any],
          owners: bool = False) -> None:
    if not plan:
        st.caption(t("jm.day.empty"))
        return
    place = {loc.id: loc.name_in(current_language()) for loc in locations}
    # a static table: each action's result is a sentence, wrapped whole rather than cut
    st.table([{**({t("jm.col.owner"): country(p.country)} if owners else {}),
               t("jm.col.action"): t(f"jm.action.{p.what}"),
               t("jm.col.target"): plain(names.get(p.target) or _target(p)),
               t("jm.day.location"): plain(place.get(p.location or "", "")),
               t("jm.day.day"): num(p.day, "g") if p.day is not None else t("jm.day.the_day"),
               t("jm.col.status"): t(f"jm.plan.{p.status}"),
               t("jm.col.result"): plain(_said(p))} for p in plan], hide_index=True)


def _said(p: Any) -> str:
    """What happened to a planned action, in the reader's language (the engine's line when
    the plan carries no code)."""
    if getattr(p, "code", None):
        return message_text(p.code, p.params, p.result or "")
    return p.result or ""


# --- the control cell --------------------------------------------------------------------
def control_actions(user: CurrentUser, operation_id: int) -> Act:
    """The control cell's ``act`` for ``control_meeting_panel``: each action through
    ``academy.control_cell`` (which checks the user sits in the control cell)."""
    calls = {
        "convene_meeting": lambda s, u, a: control_cell.convene_meeting(
            s, user=u, operation_id=operation_id, meeting=a["meeting"]),
        "close_meeting": lambda s, u, a: control_cell.close_meeting(
            s, user=u, operation_id=operation_id, meeting=a["meeting"]),
        "set_action_day": lambda s, u, a: control_cell.set_action_day(
            s, user=u, operation_id=operation_id, day=a["day"]),
    }

    def act(action: dict[str, Any]) -> Any:
        from academy.accounts import get_user

        try:
            with db() as s:
                return calls[action["kind"]](s, get_user(s, user_id=user.id), action)
        except AcademyError as error:
            show_error(error)
            return None

    return act


def control_meeting_panel(desk: ControlDesk, act: Act) -> None:
    """Set the action day, convene and close meetings, see what every team tabled, owns
    and planned."""
    st.subheader(t("jm.day.title"))
    _result("control")
    day = desk.action_day
    st.caption(t("jm.day.is", day=num(day, "g")) if day is not None else t("jm.day.not_set"))
    live = desk.played.live
    with st.form("jm.set_day"):
        chosen = st.number_input(t("jm.day.day"), min_value=0, max_value=400,
                                 value=int(day if day is not None else live.day + 7), step=1,
                                 key="jm.control.day")
        if st.form_submit_button(t("jm.control.set_day")):
            _send(act, {"kind": "set_action_day", "day": float(chosen)}, "control")
            st.rerun()
    names = {m["id"]: m["label"] for m in desk.summary.members}
    _plan(desk.plan, names, list(live.scenario.locations), owners=True)
    st.subheader(t("jm.meeting.title"))
    if not desk.meetings:
        st.caption(t("jm.meeting.none"))
    for meeting in reversed(desk.meetings):
        with st.container(border=True):
            st.markdown(f"**{plain(_heading(meeting))}**")
            st.caption(t("jm.control.proposed_by", country=country(meeting.proposed_by),
                         day=num(meeting.proposed_t, ".1f")))
            if meeting.agenda:
                st.caption(plain(meeting.agenda))
            if meeting.status == "proposed" and st.button(
                    t("jm.control.convene"), key=f"jm.convene.{meeting.id}"):
                _send(act, {"kind": "convene_meeting", "meeting": meeting.id}, "control")
                st.rerun()
            if meeting.status == "open" and st.button(
                    t("jm.control.close"), key=f"jm.close.{meeting.id}"):
                _send(act, {"kind": "close_meeting", "meeting": meeting.id}, "control")
                st.rerun()
            if meeting.status != "proposed":
                _table(meeting, {**names, **_tabled(meeting)})
                st.markdown(f"**{t('jm.meeting.targets')}**")
                _targets(meeting)
