"""The case meeting and the action day through the platform: teams act through
``joint.act``, the control cell convenes, closes and sets the day through ``control_cell``;
who may do what is checked on the server. Real SQLite (and PostgreSQL when
``TEST_DATABASE_URL`` is set)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from academy import control_cell, joint
from academy.accounts import create_user
from academy.db import session_scope
from academy.errors import AcademyError
from academy.models import User
from tests.academy.test_joint_operation import op, stored  # noqa: F401 - the fixture

pytestmark = pytest.mark.postgres


def act(engine, ids: dict, name: str, action: dict):  # type: ignore[no-untyped-def]
    with session_scope(engine) as s:
        u = s.get(User, ids[name])
        day = joint.team_view(s, user=u, operation_id=ids["op"]).view.day
        return joint.act(s, user=u, operation_id=ids["op"], action=action,
                         seen_day=day).played.outcome


def control(engine, ids: dict, call, **kw):  # type: ignore[no-untyped-def]
    with session_scope(engine) as s:
        return call(s, user=s.get(User, ids["instructor"]), operation_id=ids["op"], **kw)


def desk(engine, ids: dict, name: str) -> joint.Desk:
    with session_scope(engine) as s:
        return joint.team_view(s, user=s.get(User, ids[name]), operation_id=ids["op"])


def test_a_case_meeting_is_proposed_by_a_team_convened_and_closed_by_the_control_cell(
        engine, op):  # noqa: F811
    out = act(engine, op, "Tanzania One", {"kind": "propose_meeting", "countries": ["KE"]})
    assert out.code == "meeting.proposed"
    mid = out.params["meeting"]
    assert [m.status for m in desk(engine, op, "Kenya One").meetings] == ["proposed"]
    assert desk(engine, op, "Mozambique One").meetings == []  # not invited: not shown
    out = control(engine, op, control_cell.convene_meeting, meeting=mid)
    assert out.code == "meeting.convened_teams"
    control(engine, op, control_cell.advance, days=7)  # Kenya's file then names people
    known = [e.id for e in desk(engine, op, "Kenya One").view.entities
             if e.type == "person"][:1]  # only a person can be arrested
    assert known
    assert act(engine, op, "Kenya One", {"kind": "table_items", "meeting": mid,
                                         "entities": known}).code == "meeting.tabled"
    assert act(engine, op, "Tanzania One", {"kind": "propose_target", "meeting": mid,
                                            "target": known[0], "action": "arrest"}).accepted
    out = control(engine, op, control_cell.close_meeting, meeting=mid)
    assert out.code == "meeting.closed"
    tz = desk(engine, op, "Tanzania One")
    assert known[0] in {e.id for e in tz.view.entities}
    assert [(t.target, t.owner) for t in tz.meetings[0].targets] == [(known[0], "TZ")]
    with session_scope(engine) as s:
        cell = control_cell.control_view(s, user=s.get(User, op["instructor"]),
                                         operation_id=op["op"])
        assert cell.meetings[0].tabled["KE"].entities == known
        roles = [r.actor for r in stored(s, op)]
        assert roles.count("instructor") >= 5  # three teams joined, convened, closed


def test_the_control_cell_sets_the_action_day_and_teams_schedule_for_it(engine, op):  # noqa: F811
    assert control(engine, op, control_cell.set_action_day, day=5).code == "action_day.set"
    assert desk(engine, op, "Kenya One").action_day == 5
    out = act(engine, op, "Kenya One", {"kind": "schedule_action", "what": "arrest",
                                        "target": "P999"})
    assert out.code == "arrest.unknown_subject"  # the engine's rule, stored as refused
    assert desk(engine, op, "Kenya One").plan == []
    with session_scope(engine) as s:
        cell = control_cell.control_view(s, user=s.get(User, op["instructor"]),
                                         operation_id=op["op"])
        assert cell.action_day == 5 and cell.plan == []


def test_only_the_control_cell_convenes_closes_and_sets_the_day(engine, op):  # noqa: F811
    mid = act(engine, op, "Tanzania One", {"kind": "propose_meeting"}).params["meeting"]
    for kind in ({"kind": "convene_meeting", "meeting": mid},
                 {"kind": "close_meeting", "meeting": mid},
                 {"kind": "set_action_day", "day": 4}):
        with session_scope(engine) as s, pytest.raises(AcademyError) as refused:
            joint.act(s, user=s.get(User, op["Tanzania One"]), operation_id=op["op"],
                      action=kind, seen_day=0.0)
        assert refused.value.code == "joint_control_only"
    calls = [
        lambda s, u: control_cell.convene_meeting(s, user=u, operation_id=op["op"], meeting=mid),
        lambda s, u: control_cell.close_meeting(s, user=u, operation_id=op["op"], meeting=mid),
        lambda s, u: control_cell.set_action_day(s, user=u, operation_id=op["op"], day=4),
    ]
    with session_scope(engine) as s:
        other = create_user(s, username="other-instructor", display_name="Other",
                            role="instructor", password="another-long-pass-2026")
        other_id = other.id
    for who in (op["Kenya One"], other_id):
        for call in calls:
            with session_scope(engine) as s, pytest.raises(AcademyError) as refused:
                call(s, s.get(User, who))
            assert refused.value.code == "forbidden"
    with Session(engine) as s:
        assert len(stored(s, op)) == 4  # three teams joined, one proposal


def test_a_teams_role_limits_what_it_does_at_the_meeting(engine, op):  # noqa: F811
    with session_scope(engine) as s:
        control_cell.set_role(s, user=s.get(User, op["instructor"]), operation_id=op["op"],
                              trainee_id=op["Kenya Two"], role="prosecutor_liaison")
    out = act(engine, op, "Kenya Two", {"kind": "propose_meeting"})
    assert out.code == "role.not_allowed" and "ncb" in out.message
    assert act(engine, op, "Kenya One", {"kind": "propose_meeting"}).accepted  # every role
