"""The control cell's sends on the server: a draft sent twice (a double click) is one
message or one inject, and the second is told; an inject whose targets reach nobody is
refused with the reason. Real SQLite (and PostgreSQL when ``TEST_DATABASE_URL`` is set)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from academy import channels, control_cell, joint_debrief
from academy.db import session_scope
from academy.errors import AcademyError
from academy.models import ChannelMessage, ExerciseAction, JointOperation
from tests.academy.test_joint_operation import op, user  # noqa: F401  (op: a fixture)

pytestmark = pytest.mark.postgres


def messages(engine) -> list[str]:  # type: ignore[no-untyped-def]
    with Session(engine) as s:
        return [m.body for m in s.exec(select(ChannelMessage).order_by(col(ChannelMessage.id)))]


def injects(engine, ids: dict) -> list[str]:  # type: ignore[no-untyped-def]
    with Session(engine) as s:
        operation = s.get(JointOperation, ids["op"])
        rows = s.exec(select(ExerciseAction).where(
            ExerciseAction.exercise_id == operation.exercise_id)).all()
        return [r.action.get("message") for r in rows if r.action.get("kind") == "instructor_inject"]


def refused(engine, fn, who: str, ids: dict, **kw) -> AcademyError:  # type: ignore[no-untyped-def]
    with session_scope(engine) as s, pytest.raises(AcademyError) as caught:
        fn(s, user=user(s, ids, who), operation_id=ids["op"], **kw)
    return caught.value


@pytest.mark.parametrize("who", ["Kenya One", "instructor"])
def test_a_message_sent_twice_with_one_draft_token_is_stored_once_and_told(engine, op, who):  # noqa: F811
    to = None if who == "Kenya One" else op["team"]["KE"]
    with session_scope(engine) as s:
        channels.post(s, user=user(s, op, who), operation_id=op["op"], body="We hold the phone",
                      to_team_id=to, token="draft-1")
    again = refused(engine, channels.post, who, op, body="We hold the phone", to_team_id=to,
                    token="draft-1")
    assert again.code == "joint_sent_twice"
    assert messages(engine) == ["We hold the phone"]
    with session_scope(engine) as s:  # another draft with the same words is another message
        channels.post(s, user=user(s, op, who), operation_id=op["op"], body="We hold the phone",
                      to_team_id=to, token="draft-2")
    assert messages(engine) == ["We hold the phone"] * 2


def test_an_inject_sent_twice_with_one_draft_token_is_one_inject_and_told(engine, op):  # noqa: F811
    tz = op["team"]["TZ"]
    with session_scope(engine) as s:
        control_cell.inject(s, user=user(s, op, "instructor"), operation_id=op["op"],
                            message="Tip for Tanzania", team_id=tz, token="inj-1")
    again = refused(engine, control_cell.inject, "instructor", op, message="Tip for Tanzania",
                    team_id=tz, token="inj-1")
    assert again.code == "joint_sent_twice"
    assert injects(engine, op) == ["Tip for Tanzania"]
    with session_scope(engine) as s:  # to a person: a message on the channel, same guard
        control_cell.inject(s, user=user(s, op, "instructor"), operation_id=op["op"],
                            message="For you", to_user_id=op["Kenya One"], token="inj-2")
    assert refused(engine, control_cell.inject, "instructor", op, message="For you",
                   to_user_id=op["Kenya One"], token="inj-2").code == "joint_sent_twice"
    assert messages(engine) == ["For you"]


def test_a_refused_send_keeps_its_token_for_the_corrected_draft(engine, op):  # noqa: F811
    ke = op["team"]["KE"]
    assert refused(engine, channels.post, "instructor", op, body="  ", to_team_id=ke,
                   token="draft-1").code == "message_empty"
    with session_scope(engine) as s:
        channels.post(s, user=user(s, op, "instructor"), operation_id=op["op"], body="Now",
                      to_team_id=ke, token="draft-1")
    assert messages(engine) == ["Now"]


def test_an_inject_to_a_person_without_the_chosen_role_is_refused(engine, op):  # noqa: F811
    # Kenya Two is Kenya's NCB officer: "analysts, and only Kenya Two" reaches nobody
    error = refused(engine, control_cell.inject, "instructor", op, message="x",
                    team_id=op["team"]["KE"], role="analyst", to_user_id=op["Kenya Two"])
    assert (error.code, error.params) == ("joint_inject_role_mismatch", {"person": "Kenya Two"})
    assert messages(engine) == []
    with session_scope(engine) as s:  # Kenya One holds every role: the analyst's reach them
        control_cell.inject(s, user=user(s, op, "instructor"), operation_id=op["op"],
                            message="for you as analyst", role="analyst",
                            to_user_id=op["Kenya One"])
    assert messages(engine) == ["for you as analyst"]


def test_an_inject_to_a_person_of_another_team_is_refused_with_why(engine, op):  # noqa: F811
    error = refused(engine, control_cell.inject, "instructor", op, message="x",
                    team_id=op["team"]["KE"], to_user_id=op["Tanzania One"])
    assert (error.code, error.params) == ("joint_inject_not_in_team",
                                          {"person": "Tanzania One", "team": "Kenya NEST"})


def test_an_inject_to_a_role_nobody_in_the_team_holds_is_refused(engine, op):  # noqa: F811
    with session_scope(engine) as s:  # Kenya: One every role -> analyst; Two the NCB officer
        control_cell.set_role(s, user=user(s, op, "instructor"), operation_id=op["op"],
                              trainee_id=op["Kenya One"], role="analyst")
    error = refused(engine, control_cell.inject, "instructor", op, message="x",
                    team_id=op["team"]["KE"], role="prosecutor_liaison")
    assert (error.code, error.params) == ("joint_inject_role_empty", {"team": "Kenya NEST"})


def test_an_inject_after_the_end_is_refused_not_stored_as_sent(engine, op):  # noqa: F811
    with session_scope(engine) as s:
        joint_debrief.end(s, user=user(s, op, "instructor"), operation_id=op["op"])
    assert refused(engine, control_cell.inject, "instructor", op, message="too late",
                   team_id=op["team"]["KE"]).code == "joint_operation_ended"
    assert refused(engine, control_cell.inject, "instructor", op, message="too late",
                   to_user_id=op["Kenya One"]).code == "joint_operation_ended"
    assert injects(engine, op) == [] and messages(engine) == []
