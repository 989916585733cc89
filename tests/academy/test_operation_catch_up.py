"""An open desk behind the operation's log catches up by applying only the entries written
since, and ends exactly where a full replay of the log ends: every team's view, requests,
the control view, the log itself."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from academy import actors, control_cell, joint, operation_log
from academy.db import session_scope
from academy.models import JointOperation
from tests.academy.test_joint_operation import INTEL, op, user  # noqa: F401 - fixture

pytestmark = pytest.mark.postgres


def test_a_desk_behind_the_log_catches_up_to_what_a_replay_gives(engine, op):  # noqa: F811
    with Session(engine) as s:
        held = joint.team_view(s, user=user(s, op, "Kenya One"), operation_id=op["op"]).played
    behind = held.live
    with session_scope(engine) as s:  # meanwhile: two teams act, an inject, the clock moves
        joint.act(s, user=user(s, op, "Tanzania One"), operation_id=op["op"],
                  action={**INTEL, "target": "C03"}, seen_day=0.0)
        joint.act(s, user=user(s, op, "Kenya Two"), operation_id=op["op"],
                  action={"kind": "inspection", "location": "dar-es-salaam-port",
                          "start_day": 2, "days": 5}, seen_day=0.0)
        control_cell.inject(s, user=user(s, op, "instructor"), operation_id=op["op"],
                            message="Tip for Mozambique", team_id=op["team"]["MZ"])
        control_cell.advance(s, user=user(s, op, "instructor"), operation_id=op["op"], days=7)
    with Session(engine) as s:
        operation = s.get(JointOperation, op["op"])
        caught = operation_log.fresh(s, operation, held)
        replayed = operation_log.fresh(s, operation)
    assert caught.live is behind  # caught up in place, not rebuilt
    assert caught.seen == replayed.seen == len(replayed.live.log)
    assert caught.live.log == replayed.live.log
    assert caught.live.day == replayed.live.day == 7
    for country in ("KE", "TZ", "MZ"):
        assert actors.team_view(caught.live, country) == actors.team_view(replayed.live, country)
        assert actors.requests(caught.live, country) == actors.requests(replayed.live, country)
    assert actors.control_view(caught.live) == actors.control_view(replayed.live)
