"""A joint operation on the platform: one exercise, several teams, one clock, every read and
write checked on the server. Real SQLite (and PostgreSQL when ``TEST_DATABASE_URL`` is set).
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import inspect
from sqlmodel import Session, col, select

from academy import actors, channels, control_cell, exercises, joint, operation_log
from academy.accounts import join_workshop
from academy.db import session_scope
from academy.demo import DEMO_WORKSHOP_CODE, seed_demo, seed_demo_operation
from academy.errors import AcademyError
from academy.models import (
    ExerciseAction,
    JointOperation,
    Membership,
    OperationMember,
    User,
    Workshop,
)
from academy.roster import set_team
from academy.scenarios import sync_shipped

pytestmark = pytest.mark.postgres

WILDLIFE = "wildlife-ivory-corridor"
TEAMS = {"Kenya NEST": "KE", "Tanzania NEST": "TZ", "Mozambique NEST": "MZ"}
INTEL = {"kind": "request_intel", "source": "customs-data", "target": "C02"}
KNOWN_INTEL = {**INTEL, "target": "C01"}  # on Kenya's case file from day 0: accepted
PROPOSE = {"kind": "propose_meeting"}  # the NCB officer's (Kenya Two): accepted


def _class(s: Session) -> dict:
    """The demo workshop with Kenya (two trainees), Tanzania, Mozambique and one trainee
    in no team; ids by name."""
    seed_demo(s)
    version = {v.scenario_id: v for v in sync_shipped(s)}[WILDLIFE]
    workshop = s.exec(select(Workshop).where(Workshop.join_code == DEMO_WORKSHOP_CODE)).one()
    instructor = s.exec(select(User).where(User.username == "instructor")).one()
    people = {}
    for name, team in (("Kenya One", "Kenya NEST"), ("Kenya Two", "Kenya NEST"),
                       ("Tanzania One", "Tanzania NEST"), ("Mozambique One", "Mozambique NEST"),
                       ("Nobody Teamless", None)):
        trainee = join_workshop(s, new=True, code=DEMO_WORKSHOP_CODE, name=name, pin="1234")
        if team:
            set_team(s, user=instructor, workshop_id=workshop.id, trainee_id=trainee.id, team=team)
        people[name] = trainee.id
    s.flush()
    return {"version": version.id, "workshop": workshop.id, "instructor": instructor.id, **people}


@pytest.fixture
def op(engine) -> dict:  # type: ignore[no-untyped-def]
    with session_scope(engine) as s:
        ids = _class(s)
        operation = joint.start(s, user=s.get(User, ids["instructor"]),
                                workshop_id=ids["workshop"],
                                scenario_version_id=ids["version"], countries=TEAMS)
        ids["op"] = operation.id
        ids["team"] = {t.country: t.id for t in joint.teams_of(s, operation.id)}
    return ids


def user(s: Session, ids: dict, name: str) -> User:
    return s.get(User, ids[name])


def stored(s: Session, ids: dict) -> list[ExerciseAction]:
    operation = s.get(JointOperation, ids["op"])
    return list(s.exec(select(ExerciseAction).where(
        ExerciseAction.exercise_id == operation.exercise_id).order_by(col(ExerciseAction.seq))))


# --- starting an operation --------------------------------------------------------------


def test_start_refuses_a_bad_mapping_with_clear_codes(session):
    ids = _class(session)
    instructor = user(session, ids, "instructor")

    def start(countries, who=instructor):  # type: ignore[no-untyped-def]
        with pytest.raises(AcademyError) as refused:
            joint.start(session, user=who, workshop_id=ids["workshop"],
                        scenario_version_id=ids["version"], countries=countries)
        return refused.value.code

    assert start({"Kenya NEST": "KE"}) == "joint_team_count"
    assert start({f"T{n}": "KE" for n in range(6)}) == "joint_team_count"
    assert start({"Kenya NEST": "KE", "Tanzania NEST": "FR"}) == "joint_country_unknown"
    assert start({"Kenya NEST": "KE", "Tanzania NEST": "KE"}) == "joint_country_twice"
    assert start({"Kenya NEST": "KE", "Atlantis NEST": "TZ"}) == "joint_team_unknown"
    assert start(TEAMS, who=user(session, ids, "Kenya One")) == "forbidden"
    assert session.exec(select(JointOperation)).all() == []


def test_members_take_roles_from_their_workshop_team(engine, op):
    with Session(engine) as s:
        roles = {m.user_id: m.role for m in s.exec(select(OperationMember))}
        seat = joint.my_team(s, user=user(s, op, "Kenya Two"), operation_id=op["op"])
    # a team of one holds every role (None); of two, the first every role, the second the NCB
    assert roles == {op["Kenya One"]: None, op["Kenya Two"]: "ncb",
                     op["Tanzania One"]: None, op["Mozambique One"]: None}
    assert (seat.team.country, seat.team.name, seat.role) == ("KE", "Kenya NEST", "ncb")
    assert joint.default_roles(4) == ["analyst", "ncb", "prosecutor_liaison", "analyst"]


def test_the_instructor_chooses_roles_at_the_start_and_later(engine):
    with session_scope(engine) as s:
        ids = _class(s)
        instructor = user(s, ids, "instructor")
        with pytest.raises(AcademyError) as refused:
            joint.start(s, user=instructor, workshop_id=ids["workshop"],
                        scenario_version_id=ids["version"], countries=TEAMS,
                        roles={ids["Nobody Teamless"]: "ncb"})
        assert refused.value.code == "joint_member_unknown"
        with pytest.raises(AcademyError) as refused:
            joint.start(s, user=instructor, workshop_id=ids["workshop"],
                        scenario_version_id=ids["version"], countries=TEAMS,
                        roles={ids["Kenya One"]: "chief"})
        assert refused.value.code == "joint_role_invalid"
        assert s.exec(select(JointOperation)).all() == []  # refused before anything is written
    with session_scope(engine) as s:
        operation = joint.start(s, user=user(s, ids, "instructor"), workshop_id=ids["workshop"],
                                scenario_version_id=ids["version"], countries=TEAMS,
                                roles={ids["Kenya One"]: "analyst"})
        control_cell.set_role(s, user=user(s, ids, "instructor"), operation_id=operation.id,
                              trainee_id=ids["Tanzania One"], role="prosecutor_liaison")
        with pytest.raises(AcademyError) as refused:
            control_cell.set_role(s, user=user(s, ids, "instructor"), operation_id=operation.id,
                                  trainee_id=ids["Nobody Teamless"], role="ncb")
        assert refused.value.code == "not_found"
    with session_scope(engine) as s:
        joint.act(s, user=user(s, ids, "Tanzania One"), operation_id=operation.id,
                  action=INTEL, seen_day=0.0)
        last = s.exec(select(ExerciseAction).order_by(col(ExerciseAction.id).desc())).first()
        assert last.by == {"team": "TZ", "user": ids["Tanzania One"],
                           "role": "prosecutor_liaison"}
        assert joint.my_team(s, user=user(s, ids, "Kenya One"),
                             operation_id=operation.id).role == "analyst"


def test_a_trainee_who_joins_the_team_later_is_seated_with_a_free_role(engine, op):
    with session_scope(engine) as s:
        late = join_workshop(s, new=True, code=DEMO_WORKSHOP_CODE, name="Kenya Late", pin="1234")
        set_team(s, user=user(s, op, "instructor"), workshop_id=op["workshop"],
                 trainee_id=late.id, team="Kenya NEST")
        seat = joint.my_team(s, user=late, operation_id=op["op"])
    assert (seat.team.country, seat.role) == ("KE", "analyst")


def test_the_operation_is_one_exercise_whose_log_starts_with_the_teams_joining(engine, op):
    with Session(engine) as s:
        rows = stored(s, op)
        log = exercises.log_of(s, exercise_id=s.get(JointOperation, op["op"]).exercise_id)
    assert [r.action["kind"] for r in rows] == ["team_joins"] * 3
    assert [r.action["country"] for r in rows] == ["KE", "TZ", "MZ"]
    control = {"team": None, "user": op["instructor"], "role": "control"}
    assert all(r.actor == "instructor" and r.by == control for r in rows)
    assert [e["actor"] for e in log] == [control] * 3


# --- acting ---------------------------------------------------------------------------


def test_an_action_is_stored_with_who_took_it(engine, op):
    with session_scope(engine) as s:
        acted = joint.act(s, user=user(s, op, "Kenya Two"), operation_id=op["op"],
                          action=INTEL, seen_day=0.0)
    assert acted.played.outcome is not None and acted.clock_moved is False
    with Session(engine) as s:
        last = stored(s, op)[-1]
    assert (last.actor, last.action["kind"]) == ("trainee", "request_intel")
    assert last.by == {"team": "KE", "user": op["Kenya Two"], "role": "ncb"}


def test_two_trainees_of_one_team_racing_one_is_stored_the_other_told(engine, op):
    with Session(engine) as s:
        operation = s.get(JointOperation, op["op"])
        desk_one = operation_log.fresh(s, operation)
        desk_two = operation_log.fresh(s, operation)  # both decide on the same picture
    with session_scope(engine) as s:
        acted = joint.act(s, user=user(s, op, "Kenya One"), operation_id=op["op"],
                          action=KNOWN_INTEL, seen_day=0.0, held=desk_one)
    assert acted.played.outcome.accepted
    with session_scope(engine) as s, pytest.raises(AcademyError) as raced:
        joint.act(s, user=user(s, op, "Kenya Two"), operation_id=op["op"],
                  action=PROPOSE, seen_day=0.0, held=desk_two)
    assert raced.value.code == "team_conflict"  # a teammate, not "another tab or window"
    with Session(engine) as s:
        assert [r.action["kind"] for r in stored(s, op)][3:] == ["request_intel"]
        assert stored(s, op)[-1].by["user"] == op["Kenya One"]


def test_two_teammates_clicking_at_the_same_moment_one_lands_one_is_told(engine, op):
    with Session(engine) as s:
        operation = s.get(JointOperation, op["op"])
        desks = {"Kenya One": operation_log.fresh(s, operation),
                 "Kenya Two": operation_log.fresh(s, operation)}
    barrier, landed, told, errors = threading.Barrier(2), [], [], []

    def click(name: str, action: dict) -> None:
        barrier.wait()
        try:
            with session_scope(engine) as s:
                acted = joint.act(s, user=user(s, op, name), operation_id=op["op"],
                                  action=action, seen_day=0.0, held=desks[name])
            assert acted.played.outcome.accepted  # each would change the world
            landed.append(name)
        except AcademyError as refused:
            told.append(refused.code)
        except BaseException as error:  # noqa: BLE001 - asserted below
            errors.append(error)

    threads = [threading.Thread(target=click, args=("Kenya One", KNOWN_INTEL)),
               threading.Thread(target=click, args=("Kenya Two", PROPOSE))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(landed) == 1 and told == ["team_conflict"]
    with Session(engine) as s:
        (entry,) = stored(s, op)[3:]
    assert entry.by["user"] == op[landed[0]]


def test_a_teammates_refused_action_is_no_conflict_it_changed_nothing(engine, op):
    """A refusal is logged but changes nothing the desk decided on: the teammate whose
    desk did not yet show it is not told to repeat their action (the CI's load smoke
    test found every click after a teammate's refused one bounced)."""
    with Session(engine) as s:
        operation = s.get(JointOperation, op["op"])
        desk_one = operation_log.fresh(s, operation)
        desk_two = operation_log.fresh(s, operation)
    with session_scope(engine) as s:
        refused = joint.act(s, user=user(s, op, "Kenya One"), operation_id=op["op"],
                            action={**INTEL, "target": "NOBODY"}, seen_day=0.0, held=desk_one)
    assert refused.played.outcome.accepted is False
    with session_scope(engine) as s:
        acted = joint.act(s, user=user(s, op, "Kenya Two"), operation_id=op["op"],
                          action=PROPOSE, seen_day=0.0, held=desk_two)
    assert acted.played.outcome.accepted is True
    with Session(engine) as s:
        assert [(r.by["user"], r.accepted) for r in stored(s, op)][3:] == [
            (op["Kenya One"], False), (op["Kenya Two"], True)]


def test_another_teams_action_is_no_conflict_it_is_played_after(engine, op):
    with Session(engine) as s:
        operation = s.get(JointOperation, op["op"])
        kenya, tanzania = operation_log.fresh(s, operation), operation_log.fresh(s, operation)
    with session_scope(engine) as s:
        joint.act(s, user=user(s, op, "Kenya One"), operation_id=op["op"], action=INTEL,
                  seen_day=0.0, held=kenya)
    with session_scope(engine) as s:
        acted = joint.act(s, user=user(s, op, "Tanzania One"), operation_id=op["op"],
                          action=INTEL, seen_day=0.0, held=tanzania)
    assert acted.played.seen == 5
    with Session(engine) as s:
        assert [r.by["team"] for r in stored(s, op)][3:] == ["KE", "TZ"]


def test_several_teams_acting_at_once_lose_nothing(engine, op):
    clicks, errors = 3, []
    names = ("Kenya One", "Tanzania One", "Mozambique One")
    barrier = threading.Barrier(len(names) + 1)

    def team(name: str) -> None:
        barrier.wait()
        for n in range(clicks):
            try:
                with session_scope(engine) as s:
                    joint.act(s, user=user(s, op, name), operation_id=op["op"],
                              action={**INTEL, "target": f"C0{n + 2}"}, seen_day=0.0)
            except BaseException as error:  # noqa: BLE001 - asserted below
                errors.append(error)

    def control() -> None:
        barrier.wait()
        try:
            with session_scope(engine) as s:
                control_cell.advance(s, user=user(s, op, "instructor"), operation_id=op["op"])
        except BaseException as error:  # noqa: BLE001 - asserted below
            errors.append(error)

    threads = [threading.Thread(target=team, args=(n,)) for n in names]
    threads.append(threading.Thread(target=control))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Session(engine) as s:
        rows = stored(s, op)
    assert [r.seq for r in rows] == list(range(3 + clicks * len(names) + 1))
    teams = sorted(r.by["team"] for r in rows if r.actor == "trainee")
    assert teams == sorted(["KE", "TZ", "MZ"] * clicks)


def test_an_action_after_the_clock_moved_is_applied_and_the_trainee_told(engine, op):
    with session_scope(engine) as s:
        assert control_cell.advance(s, user=user(s, op, "instructor"),
                                    operation_id=op["op"]) == 1.0
    with session_scope(engine) as s:
        acted = joint.act(s, user=user(s, op, "Tanzania One"), operation_id=op["op"],
                          action=INTEL, seen_day=0.0)
    assert acted.clock_moved is True and acted.day == 1.0
    with Session(engine) as s:
        last = stored(s, op)[-1]
    assert (last.t, last.by["team"]) == (1.0, "TZ")


def test_two_control_screens_advancing_at_once_move_the_clock_once(engine, op):
    """Two instructors (or two tabs) both see day 0 and click "Advance a day": the clock
    moves one day, and the later click is told it had already moved — not a second day."""
    barrier, moved, told, errors = threading.Barrier(2), [], [], []

    def click() -> None:
        barrier.wait()
        try:
            with session_scope(engine) as s:
                moved.append(control_cell.advance(s, user=user(s, op, "instructor"),
                                                  operation_id=op["op"], from_day=0.0))
        except AcademyError as refused:
            told.append((refused.code, refused.params))
        except BaseException as error:  # noqa: BLE001 - asserted below
            errors.append(error)

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and moved == [1.0]
    assert told == [("joint_clock_moved", {"day": 1.0})]
    with Session(engine) as s:
        assert [(r.action["kind"], r.action["days"]) for r in stored(s, op)[3:]] == [
            ("advance", 1)]
    with session_scope(engine) as s:  # a screen that shows the day now moves it on
        assert control_cell.advance(s, user=user(s, op, "instructor"), operation_id=op["op"],
                                    from_day=1.0) == 2.0


def test_the_clock_is_the_control_cells_only(engine, op):
    for kind in ({"kind": "advance", "days": 1}, {"kind": "advance_to_next_event"},
                 {"kind": "instructor_inject", "message": "x"},
                 {"kind": "team_joins", "country": "VN"}):
        with session_scope(engine) as s, pytest.raises(AcademyError) as refused:
            joint.act(s, user=user(s, op, "Kenya One"), operation_id=op["op"], action=kind,
                      seen_day=0.0)
        assert refused.value.code == "joint_control_only"
    with Session(engine) as s:
        assert len(stored(s, op)) == 3


def test_a_paused_operation_takes_no_team_action(engine, op):
    with session_scope(engine) as s:
        control_cell.set_paused(s, user=user(s, op, "instructor"), operation_id=op["op"],
                                paused=True)
    with session_scope(engine) as s, pytest.raises(AcademyError) as refused:
        joint.act(s, user=user(s, op, "Kenya One"), operation_id=op["op"], action=INTEL,
                  seen_day=0.0)
    assert refused.value.code == "exercise_paused"


# --- authorization ---------------------------------------------------------------------


def test_a_trainee_cannot_use_the_control_cell(engine, op):
    calls = [
        lambda s, u: control_cell.advance(s, user=u, operation_id=op["op"]),
        lambda s, u: control_cell.advance_to(s, user=u, operation_id=op["op"], day=5),
        lambda s, u: control_cell.advance_when_ready(s, user=u, operation_id=op["op"],
                                                     armed=True),
        lambda s, u: control_cell.set_paused(s, user=u, operation_id=op["op"], paused=True),
        lambda s, u: control_cell.set_phase(s, user=u, operation_id=op["op"],
                                            phase="ranger-tip"),
        lambda s, u: control_cell.set_role(s, user=u, operation_id=op["op"],
                                           trainee_id=u.id, role=None),
        lambda s, u: control_cell.inject(s, user=u, operation_id=op["op"], message="hi"),
        lambda s, u: control_cell.control_view(s, user=u, operation_id=op["op"]),
        lambda s, u: control_cell.messages(s, user=u, operation_id=op["op"]),
    ]
    for call in calls:
        with session_scope(engine) as s, pytest.raises(AcademyError) as refused:
            call(s, user(s, op, "Kenya One"))
        assert refused.value.code == "forbidden"
    with Session(engine) as s:
        operation = s.get(JointOperation, op["op"])
        assert (operation.paused, operation.phase, operation.advance_when_ready) == (
            False, "", False)
        assert len(stored(s, op)) == 3


def test_another_workshops_instructor_is_not_the_control_cell(engine, op):
    from academy.accounts import create_user

    with session_scope(engine) as s:
        other = create_user(s, username="other-instructor", display_name="Other",
                            role="instructor", password="another-long-pass-2026")
        with pytest.raises(AcademyError) as refused:
            control_cell.advance(s, user=other, operation_id=op["op"])
    assert refused.value.code == "forbidden"


def test_a_non_member_is_told_not_found_everywhere(engine, op):
    calls = [
        lambda s, u: joint.my_team(s, user=u, operation_id=op["op"]),
        lambda s, u: joint.act(s, user=u, operation_id=op["op"], action=INTEL, seen_day=0.0),
        lambda s, u: joint.team_view(s, user=u, operation_id=op["op"]),
        lambda s, u: joint.set_ready(s, user=u, operation_id=op["op"]),
        lambda s, u: channels.post(s, user=u, operation_id=op["op"], body="hello",
                                   to_team_id=op["team"]["KE"]),
        lambda s, u: channels.read(s, user=u, operation_id=op["op"]),
    ]
    for name in ("Nobody Teamless", "Demo Trainee"):
        for call in calls:
            with session_scope(engine) as s, pytest.raises(AcademyError) as refused:
                who = s.exec(select(User).where(User.display_name == name)).one()
                call(s, who)
            assert refused.value.code == "not_found"
    with Session(engine) as s:
        assert len(stored(s, op)) == 3
        assert joint.of_workshop(s, user=s.exec(select(User).where(
            User.display_name == "Nobody Teamless")).one(), workshop_id=op["workshop"]) == []


def test_another_teams_desk_is_refused(engine, op):
    with Session(engine) as s, pytest.raises(AcademyError) as refused:
        joint.team_view(s, user=user(s, op, "Kenya One"), operation_id=op["op"], country="TZ")
    assert refused.value.code == "not_found"


def test_an_unknown_operation_is_not_found(engine, op):
    with Session(engine) as s:
        for operation_id in (0, 999, 2**40):
            with pytest.raises(AcademyError) as refused:
                joint.my_team(s, user=user(s, op, "Kenya One"), operation_id=operation_id)
            assert refused.value.code == "not_found"


def test_the_control_cell_lists_the_seating_and_a_trainee_finds_their_operation(engine, op):
    with Session(engine) as s:
        seating = control_cell.seating(s, user=user(s, op, "instructor"), operation_id=op["op"])
        with pytest.raises(AcademyError):
            control_cell.seating(s, user=user(s, op, "Kenya One"), operation_id=op["op"])
        found = joint.for_trainee(s, user=user(s, op, "Tanzania One"))
        nobody = joint.for_trainee(s, user=user(s, op, "Nobody Teamless"))
    assert [(t.name, t.country, t.ready) for t in seating] == [
        ("Kenya NEST", "KE", False), ("Tanzania NEST", "TZ", False),
        ("Mozambique NEST", "MZ", False)]
    assert seating[0].members == [("Kenya One", op["Kenya One"], None),
                                  ("Kenya Two", op["Kenya Two"], "ncb")]
    assert found is not None and found.id == op["op"]
    assert nobody is None


# --- channels -------------------------------------------------------------------------


def test_a_team_reads_only_messages_to_or_from_it_and_control_reads_all(engine, op):
    html = '<script>alert("x")</script> **bold** & <b>seize</b>'
    with session_scope(engine) as s:
        channels.post(s, user=user(s, op, "Kenya One"), operation_id=op["op"], body=html,
                      to_team_id=op["team"]["TZ"])
        channels.post(s, user=user(s, op, "Mozambique One"), operation_id=op["op"],
                      body="to control", to_team_id=None)
        channels.post(s, user=user(s, op, "instructor"), operation_id=op["op"],
                      body="to Mozambique", to_team_id=op["team"]["MZ"])
    with Session(engine) as s:
        def bodies(name: str) -> list[str]:
            return [m.body for m in channels.read(s, user=user(s, op, name),
                                                  operation_id=op["op"])]

        assert bodies("Kenya Two") == [html]  # a teammate sees what the team sent
        assert bodies("Tanzania One") == [html]  # kept as typed: the page escapes it
        assert bodies("Mozambique One") == ["to control", "to Mozambique"]
        assert bodies("instructor") == [html, "to control", "to Mozambique"]
        kenya = channels.lines(s, user=user(s, op, "Kenya Two"), operation_id=op["op"])
        assert [(m.sender, m.from_team, m.to_team, m.body) for m in kenya] == [
            ("Kenya One", "Kenya NEST", "Tanzania NEST", html)]
        control = channels.lines(s, user=user(s, op, "instructor"), operation_id=op["op"])
        assert [(m.from_team, m.to_team) for m in control] == [
            ("Kenya NEST", "Tanzania NEST"), ("Mozambique NEST", None), (None, "Mozambique NEST")]
        messages = control_cell.messages(s, user=user(s, op, "instructor"),
                                         operation_id=op["op"])
        assert [(m.from_team_id, m.to_team_id) for m in messages] == [
            (op["team"]["KE"], op["team"]["TZ"]), (op["team"]["MZ"], None),
            (None, op["team"]["MZ"])]


def test_a_message_is_checked_before_it_is_stored(engine, op):
    cases = [
        ("Kenya One", {"body": "   ", "to_team_id": None}, "message_empty"),
        ("Kenya One", {"body": "x" * 2001, "to_team_id": None}, "message_too_long"),
        ("Kenya One", {"body": "hi", "to_team_id": op["team"]["KE"]}, "joint_team_required"),
        ("Kenya One", {"body": "hi", "to_team_id": 10**6}, "not_found"),
        ("Kenya One", {"body": "hi", "to_team_id": None, "to_role": "ncb"}, "forbidden"),
        ("instructor", {"body": "hi", "to_team_id": None}, "joint_team_required"),
    ]
    for name, kwargs, code in cases:
        with session_scope(engine) as s, pytest.raises(AcademyError) as refused:
            channels.post(s, user=user(s, op, name), operation_id=op["op"], **kwargs)
        assert refused.value.code == code
    with session_scope(engine) as s:
        kept = channels.post(s, user=user(s, op, "Kenya One"), operation_id=op["op"],
                             body="x" * 2000, to_team_id=None)
    assert len(kept.body) == 2000


def test_an_inject_to_a_role_or_a_person_reaches_only_them(engine, op):
    with session_scope(engine) as s:
        me = user(s, op, "instructor")
        control_cell.inject(s, user=me, operation_id=op["op"], message="for the NCB",
                            team_id=op["team"]["KE"], role="ncb")
        control_cell.inject(s, user=me, operation_id=op["op"], message="for Kenya One",
                            to_user_id=op["Kenya One"])
        with pytest.raises(AcademyError) as refused:
            control_cell.inject(s, user=me, operation_id=op["op"], event="ranger-tip",
                                to_user_id=op["Kenya One"])
        assert refused.value.code == "joint_event_to_team"
    with Session(engine) as s:
        def bodies(name: str) -> list[str]:
            return [m.body for m in channels.read(s, user=user(s, op, name),
                                                  operation_id=op["op"])]

        assert bodies("Kenya One") == ["for the NCB", "for Kenya One"]  # holds every role
        assert bodies("Kenya Two") == ["for the NCB"]
        assert bodies("Tanzania One") == []


def test_an_inject_to_a_team_is_an_entry_of_the_log(engine, op):
    with session_scope(engine) as s:
        control_cell.inject(s, user=user(s, op, "instructor"), operation_id=op["op"],
                            message="Tip for Tanzania", team_id=op["team"]["TZ"])
    with Session(engine) as s:
        last = stored(s, op)[-1]
    assert (last.action["kind"], last.action["team"]) == ("instructor_inject", "TZ")
    assert last.actor == "instructor"
    assert last.by == {"team": None, "user": op["instructor"], "role": "control"}


# --- the control cell ------------------------------------------------------------------


def test_the_clock_moves_when_every_team_is_ready(engine, op):
    with session_scope(engine) as s:
        assert control_cell.advance_when_ready(s, user=user(s, op, "instructor"),
                                               operation_id=op["op"], armed=True) is False
    for name, moved in (("Kenya Two", False), ("Tanzania One", False), ("Mozambique One", True)):
        with session_scope(engine) as s:
            assert joint.set_ready(s, user=user(s, op, name), operation_id=op["op"]) is moved
    with Session(engine) as s:
        last = stored(s, op)[-1]
        assert (last.action["kind"], last.action["days"]) == ("advance", 1)
        assert last.by == {"team": None, "user": None, "role": "control"}
        assert [t.ready for t in joint.teams_of(s, op["op"])] == [False] * 3  # a new day
        assert operation_log.record_of(s, s.get(JointOperation, op["op"])).day == 1.0


def test_a_ready_flag_sent_for_a_day_the_clock_has_left_is_refused(engine, op):
    """A ready flag is for the day the trainee saw: a stale tab (drawn before the clock
    moved) that sends "ready" afterwards is refused, and the new day's flag stays down —
    else the team would be taken as ready for a day it never saw, and the clock would move
    again without it."""
    with session_scope(engine) as s:
        control_cell.advance_when_ready(s, user=user(s, op, "instructor"),
                                        operation_id=op["op"], armed=True)
    for name in ("Kenya One", "Tanzania One", "Mozambique One"):
        with session_scope(engine) as s:
            joint.set_ready(s, user=user(s, op, name), operation_id=op["op"], seen_day=0.0)
    with pytest.raises(AcademyError) as refused, session_scope(engine) as s:
        joint.set_ready(s, user=user(s, op, "Kenya Two"), operation_id=op["op"], seen_day=0.0)
    assert refused.value.code == "joint_ready_stale"
    with Session(engine) as s:
        assert [t.ready for t in joint.teams_of(s, op["op"])] == [False] * 3
        assert operation_log.record_of(s, s.get(JointOperation, op["op"])).day == 1.0
    with session_scope(engine) as s:  # decided on the day it now is: taken
        assert joint.set_ready(s, user=user(s, op, "Kenya Two"), operation_id=op["op"],
                               seen_day=1.0) is False
        assert joint.my_team(s, user=user(s, op, "Kenya Two"), operation_id=op["op"]).team.ready


def test_a_team_nobody_sits_in_does_not_hold_the_clock(engine, op):
    """A team with no trainee seated (nobody of it came, as Mozambique in the demo) cannot
    say it is ready: "when every team is ready" waits for the teams that have someone."""
    with session_scope(engine) as s:
        for member in s.exec(select(OperationMember).where(
                OperationMember.team_id == op["team"]["MZ"])).all():
            s.delete(member)
    with session_scope(engine) as s:
        assert joint.seated_teams(s, op["op"]) == {op["team"]["KE"], op["team"]["TZ"]}
        control_cell.advance_when_ready(s, user=user(s, op, "instructor"),
                                        operation_id=op["op"], armed=True)
    for name, moved in (("Kenya Two", False), ("Tanzania One", True)):
        with session_scope(engine) as s:
            assert joint.set_ready(s, user=user(s, op, name), operation_id=op["op"]) is moved
    with Session(engine) as s:
        assert operation_log.record_of(s, s.get(JointOperation, op["op"])).day == 1.0


def test_a_paused_operation_waits_for_the_resume_to_move_the_clock(engine, op):
    with session_scope(engine) as s:
        me = user(s, op, "instructor")
        control_cell.advance_when_ready(s, user=me, operation_id=op["op"], armed=True)
        control_cell.set_paused(s, user=me, operation_id=op["op"], paused=True)
    for name in ("Kenya One", "Tanzania One", "Mozambique One"):
        with session_scope(engine) as s:
            assert joint.set_ready(s, user=user(s, op, name), operation_id=op["op"]) is False
    with session_scope(engine) as s:
        assert control_cell.set_paused(s, user=user(s, op, "instructor"),
                                       operation_id=op["op"], paused=False) is True
    with Session(engine) as s:
        assert [r.action["kind"] for r in stored(s, op)][3:] == ["advance"]


def test_the_control_cell_advances_to_a_day_and_sets_the_phase(engine, op):
    with session_scope(engine) as s:
        me = user(s, op, "instructor")
        assert control_cell.advance_to(s, user=me, operation_id=op["op"], day=9) == 9.0
        with pytest.raises(AcademyError) as refused:
            control_cell.advance_to(s, user=me, operation_id=op["op"], day=9)
        assert refused.value.code == "joint_day_invalid"
        control_cell.set_phase(s, user=me, operation_id=op["op"], phase="ranger-tip")
        with pytest.raises(AcademyError) as refused:
            control_cell.set_phase(s, user=me, operation_id=op["op"], phase="no-such-inject")
        assert refused.value.code == "joint_phase_unknown"
    with Session(engine) as s:
        assert [r.action["days"] for r in stored(s, op)[3:]] == [7, 1, 1]
        assert s.get(JointOperation, op["op"]).phase == "ranger-tip"


# --- restart and schema ----------------------------------------------------------------


def test_a_restart_rebuilds_the_operation_equal_to_the_live_one(engine, op):
    with session_scope(engine) as s:
        joint.act(s, user=user(s, op, "Kenya One"), operation_id=op["op"], action=INTEL,
                  seen_day=0.0)
        control_cell.advance(s, user=user(s, op, "instructor"), operation_id=op["op"], days=7)
        acted = joint.act(s, user=user(s, op, "Tanzania One"), operation_id=op["op"],
                          action={**INTEL, "target": "C03"}, seen_day=7.0)
    live = acted.played.live
    engine.dispose()  # the server restarts: nothing but the database is left
    with Session(engine) as s:
        rebuilt = operation_log.fresh(s, s.get(JointOperation, op["op"])).live
        log = exercises.log_of(s, exercise_id=s.get(JointOperation, op["op"]).exercise_id)
    assert rebuilt.log == live.log
    assert (rebuilt.day, rebuilt.score()) == (live.day, live.score())
    assert [e["actor"]["team"] for e in log] == [None] * 3 + ["KE", None, "TZ"]


def test_the_migrations_build_the_joint_tables_the_models_describe(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    joint_tables = {"joint_operation", "operation_team", "operation_member", "channel_message"}
    assert joint_tables <= set(inspect(engine).get_table_names())
    assert "by" in {c["name"] for c in inspect(engine).get_columns("exercise_action")}
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_the_demo_has_a_ready_joint_operation_on_the_wildlife_countries(engine):
    with session_scope(engine) as s:
        seed_demo(s)
        assert seed_demo_operation(s) is True
        assert seed_demo_operation(s) is False  # made once
    with Session(engine) as s:
        operation = s.exec(select(JointOperation)).one()
        teams = {t.name: t.country for t in joint.teams_of(s, operation.id)}
        assert set(teams.values()) <= {"KE", "TZ", "MZ", "MY", "VN"} and len(teams) >= 3
        trainee = s.exec(select(User).where(User.display_name == "Demo Trainee")).one()
        seat = joint.my_team(s, user=trainee, operation_id=operation.id)
        assert (seat.team.country, seat.role) == ("KE", None)
        membership = s.exec(select(Membership).where(Membership.user_id == trainee.id)).one()
        assert membership.team == seat.team.name


# --- the engine's views and replay through the platform ----------------------------------


def test_the_engine_logs_the_actor_the_platform_stored(engine, op):
    with session_scope(engine) as s:
        acted = joint.act(s, user=user(s, op, "Kenya Two"), operation_id=op["op"],
                          action=INTEL, seen_day=0.0)
    with Session(engine) as s:
        rows = stored(s, op)
    assert [e.get("actor") for e in acted.played.live.log] == [r.by for r in rows]
    assert all(r.accepted for r in rows[:3])  # the teams joined
    assert sorted(acted.played.live.teams) == ["KE", "MZ", "TZ"]


def test_a_team_desk_shows_only_its_own_country(engine, op):
    with session_scope(engine) as s:
        joint.act(s, user=user(s, op, "Kenya One"), operation_id=op["op"], action=INTEL,
                  seen_day=0.0)
    with Session(engine) as s:
        kenya = joint.team_view(s, user=user(s, op, "Kenya One"), operation_id=op["op"])
        tanzania = joint.team_view(s, user=user(s, op, "Tanzania One"), operation_id=op["op"])
        live = kenya.played.live
    assert kenya.view == actors.team_view(live, "KE")
    assert tanzania.view == actors.team_view(live, "TZ")
    kenya_decisions = [d.kind for d in kenya.view.decisions]
    assert "request_intel" in kenya_decisions
    assert "request_intel" not in [d.kind for d in tanzania.view.decisions]


def test_the_control_view_needs_the_control_cell_and_sees_every_team(engine, op):
    with Session(engine) as s:
        desk = control_cell.control_view(s, user=user(s, op, "instructor"),
                                         operation_id=op["op"])
    assert desk.summary is not None
    assert [t.country for t in desk.teams] == ["KE", "TZ", "MZ"]


def test_teams_ready_at_the_same_moment_move_the_clock_exactly_once(engine, op):
    with session_scope(engine) as s:
        control_cell.advance_when_ready(s, user=user(s, op, "instructor"),
                                        operation_id=op["op"], armed=True)
    names = ("Kenya One", "Tanzania One", "Mozambique One")
    barrier, errors, moved = threading.Barrier(len(names)), [], []

    def ready(name: str) -> None:
        barrier.wait()
        try:
            with session_scope(engine) as s:
                moved.append(joint.set_ready(s, user=user(s, op, name), operation_id=op["op"]))
        except BaseException as error:  # noqa: BLE001 - asserted below
            errors.append(error)

    threads = [threading.Thread(target=ready, args=(n,)) for n in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(moved) == [False, False, True]
    with Session(engine) as s:
        assert [r.action["kind"] for r in stored(s, op)][3:] == ["advance"]


def test_an_inject_to_one_team_reaches_only_its_file(engine, op):
    with session_scope(engine) as s:
        outcome = control_cell.inject(s, user=user(s, op, "instructor"), operation_id=op["op"],
                                      message="Tip for Tanzania only", team_id=op["team"]["TZ"])
    assert outcome.accepted
    with Session(engine) as s:
        def inbox(name: str) -> str:
            desk = joint.team_view(s, user=user(s, op, name), operation_id=op["op"])
            return " ".join(item.text for item in desk.view.inbox)

        assert "Tip for Tanzania only" in inbox("Tanzania One")
        assert "Tip for Tanzania only" not in inbox("Kenya One")


def test_a_roles_limits_hold_through_the_platform(engine, op):
    with session_scope(engine) as s:  # the NCB officer does not task sources
        acted = joint.act(s, user=user(s, op, "Kenya Two"), operation_id=op["op"],
                          action=INTEL, seen_day=0.0)
    assert (acted.played.outcome.accepted, acted.played.outcome.code) == (
        False, "role.not_allowed")
    with Session(engine) as s:
        assert stored(s, op)[-1].accepted is False  # refused, and on the record


def test_a_request_to_another_team_waits_in_its_queue_and_its_answer_acts(engine, op):
    ask = {"kind": "inspection", "location": "dar-es-salaam-port", "start_day": 2, "days": 5,
           "rationale": "Our source says the load leaves via Dar"}
    with session_scope(engine) as s:
        out = joint.act(s, user=user(s, op, "Kenya Two"), operation_id=op["op"], action=ask,
                        seen_day=0.0).played.outcome
    assert (out.accepted, out.code) == (True, "request.sent_to_team")
    with session_scope(engine) as s:
        control_cell.advance(s, user=user(s, op, "instructor"), operation_id=op["op"])
    with Session(engine) as s:
        waiting = control_cell.control_view(s, user=user(s, op, "instructor"),
                                            operation_id=op["op"]).summary.pending
        queue = joint.team_view(s, user=user(s, op, "Tanzania One"), operation_id=op["op"])
        other = joint.team_view(s, user=user(s, op, "Mozambique One"), operation_id=op["op"])
    assert [(p.id, p.waiting_days) for p in waiting] == [(out.params["request"], 1.0)]
    assert [(r.from_country, r.status, r.message) for r in queue.requests] == [
        ("KE", "pending", ask["rationale"])]
    assert other.requests == []
    answer = {"kind": "answer_request", "request": out.params["request"], "accept": True,
              "reason": "Our customs will be there"}
    with session_scope(engine) as s:
        acted = joint.act(s, user=user(s, op, "Tanzania One"), operation_id=op["op"],
                          action=answer, seen_day=1.0)
    assert acted.played.outcome.code == "request.accepted"
    with Session(engine) as s:
        (request,) = joint.team_view(s, user=user(s, op, "Kenya One"),
                                     operation_id=op["op"]).requests
    assert (request.status, request.answered_by) == ("accepted", op["Tanzania One"])


def test_a_restart_rebuilds_every_teams_desk_and_the_control_view(engine, op):
    with session_scope(engine) as s:
        joint.act(s, user=user(s, op, "Kenya One"), operation_id=op["op"], action=INTEL,
                  seen_day=0.0)
        control_cell.inject(s, user=user(s, op, "instructor"), operation_id=op["op"],
                            message="Tip for Mozambique", team_id=op["team"]["MZ"])
        control_cell.advance(s, user=user(s, op, "instructor"), operation_id=op["op"], days=7)
        acted = joint.act(s, user=user(s, op, "Tanzania One"), operation_id=op["op"],
                          action={**INTEL, "target": "C03"}, seen_day=7.0)
    live = acted.played.live
    engine.dispose()
    with Session(engine) as s:
        rebuilt = operation_log.fresh(s, s.get(JointOperation, op["op"])).live
    for country in ("KE", "TZ", "MZ"):
        assert actors.team_view(rebuilt, country) == actors.team_view(live, country)
        assert actors.requests(rebuilt, country) == actors.requests(live, country)
    assert actors.control_view(rebuilt) == actors.control_view(live)
