"""What an open joint-operation screen polls every second: one query for a team desk, a
different answer as soon as anything it shows moves, "not found" for anyone without a
seat, "forbidden" for a trainee asking for the control cell's."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlmodel import Session

from academy import channels, control_cell, joint, pulse
from academy.db import session_scope
from academy.errors import AcademyError
from academy.models import User
from tests.academy.test_joint_operation import INTEL, op, user  # noqa: F401 - fixture

pytestmark = pytest.mark.postgres


def statements(engine, run) -> int:  # type: ignore[no-untyped-def]
    """How many SQL statements ``run()`` sends."""
    sent = []

    def count(*_args) -> None:  # type: ignore[no-untyped-def]
        sent.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(sent)


def test_a_team_desk_polls_with_one_query_and_sees_every_change(engine, op):  # noqa: F811
    kenya = op["Kenya One"]

    def now() -> tuple:
        with Session(engine) as s:
            return pulse.team_pulse(s, user_id=kenya, operation_id=op["op"])

    first = now()
    with Session(engine) as s:
        assert statements(engine, lambda: pulse.team_pulse(
            s, user_id=kenya, operation_id=op["op"])) == 1
    with session_scope(engine) as s:  # another team's action that changes nothing for Kenya
        joint.act(s, user=user(s, op, "Tanzania One"), operation_id=op["op"],
                  action={**INTEL, "target": "C03"}, seen_day=0.0)
    assert now() == first  # redraws no Kenyan desk (30 desks would otherwise redraw per click)
    seen = [first]
    with session_scope(engine) as s:  # Kenya's own action: its decision log grew
        joint.act(s, user=user(s, op, "Kenya One"), operation_id=op["op"],
                  action={**INTEL, "target": "C03"}, seen_day=0.0)
    seen.append(now())
    with session_scope(engine) as s:  # the control cell moves the clock: every desk
        control_cell.advance(s, user=user(s, op, "instructor"), operation_id=op["op"], days=1)
    seen.append(now())
    with session_scope(engine) as s:  # a message to Kenya
        channels.post(s, user=user(s, op, "Tanzania One"), operation_id=op["op"], body="hi",
                      to_team_id=op["team"]["KE"])
    seen.append(now())
    with session_scope(engine) as s:  # the pause, then the phase
        control_cell.set_paused(s, user=user(s, op, "instructor"), operation_id=op["op"],
                                paused=True)
    seen.append(now())
    with session_scope(engine) as s:
        control_cell.set_phase(s, user=user(s, op, "instructor"), operation_id=op["op"],
                               phase="ranger-tip")
    seen.append(now())
    assert len(set(seen)) == len(seen)  # each change shows in the pulse
    with session_scope(engine) as s:  # a message between two other teams does not
        channels.post(s, user=user(s, op, "Tanzania One"), operation_id=op["op"], body="hi",
                      to_team_id=op["team"]["MZ"])
    assert now() == seen[-1]


def test_the_pulse_is_refused_to_anyone_without_a_seat(engine, op):  # noqa: F811
    with Session(engine) as s:
        for who in ("Nobody Teamless", "instructor"):
            with pytest.raises(AcademyError) as refused:
                pulse.team_pulse(s, user_id=op[who], operation_id=op["op"])
            assert refused.value.code == "not_found"
        with pytest.raises(AcademyError) as refused:
            pulse.team_pulse(s, user_id=op["Kenya One"], operation_id=op["op"] + 1)
        assert refused.value.code == "not_found"
        with pytest.raises(AcademyError) as refused:
            pulse.control_pulse(s, user=s.get(User, op["Kenya One"]), operation_id=op["op"])
        assert refused.value.code == "forbidden"
        assert pulse.control_pulse(s, user=s.get(User, op["instructor"]),
                                   operation_id=op["op"])[-1] == (False, False, False)
