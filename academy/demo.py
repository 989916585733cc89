"""The demo that `python3 dev.py run` starts with, so a newcomer can click around at once.

Made only when the database has no users, and marked ``is_demo`` everywhere so an
instructor can tell it apart from real records. The credentials are printed in README.md.
The demo workshop also runs a joint operation on the wildlife scenario (``seed_demo_operation``):
its three teams play Kenya, Tanzania and Mozambique; the demo trainee sits in the Kenyan
team, and whoever joins the workshop under a roster name below sits in that name's team.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from academy.accounts import create_user, join_workshop
from academy.db import setup_lock
from academy.models import JointOperation, Role, User, Workshop
from academy.teams import create_team
from academy.workshops import create_workshop

DEMO_ADMIN = ("admin", "nest-admin-2026")
DEMO_INSTRUCTOR = ("instructor", "nest-demo-2026")
DEMO_WORKSHOP_CODE = "DEMO26"
DEMO_TRAINEE = ("Demo Trainee", "2468")
DEMO_SCENARIO = "wildlife-ivory-corridor"
# the joint operation's workshop teams, the country each plays and a roster name in each
DEMO_OPERATION_TEAMS = {"Kenya NEST": ("KE", DEMO_TRAINEE[0]),
                        "Tanzania NEST": ("TZ", "Amani Mushi"),
                        "Mozambique NEST": ("MZ", "Luisa Macuacua")}
DEMO_TEAM_CODE = "NEST26"  # country team (Kenya): members join with this code, a name, a PIN


def seed_demo(session: Session) -> bool:
    """Create the demo admin, instructor, workshop, trainee and country team; False if users exist.

    Two servers may seed one new database at once: the second waits, then finds the users."""
    setup_lock(session)
    if session.exec(select(User)).first() is not None:
        return False
    admin = create_user(
        session,
        username=DEMO_ADMIN[0],
        display_name="Demo Admin",
        role=Role.admin,
        password=DEMO_ADMIN[1],
        is_demo=True,
    )
    instructor = create_user(
        session,
        username=DEMO_INSTRUCTOR[0],
        display_name="Demo Instructor",
        role=Role.instructor,
        password=DEMO_INSTRUCTOR[1],
        is_demo=True,
    )
    create_workshop(
        session,
        title="Demo workshop (regional NEST training)",
        instructor=instructor,
        location="Nairobi",
        join_code=DEMO_WORKSHOP_CODE,
        is_demo=True,
    )
    join_workshop(session, new=True, code=DEMO_WORKSHOP_CODE, name=DEMO_TRAINEE[0], pin=DEMO_TRAINEE[1])
    create_team(session, acting_user_id=admin.id or 0, country="KE",
                name="Demo NEST team (Kenya)", join_code=DEMO_TEAM_CODE, is_demo=True)
    return True


def seed_demo_operation(session: Session) -> bool:
    """The demo workshop's ready joint operation; False if it has one (or no demo workshop)."""
    from academy import joint
    from academy.roster import import_roster, parse_roster
    from academy.scenarios import sync_shipped

    setup_lock(session)
    workshop = session.exec(select(Workshop).where(
        Workshop.join_code == DEMO_WORKSHOP_CODE, col(Workshop.is_demo).is_(True))).first()
    if workshop is None or session.exec(select(JointOperation.id).where(
            JointOperation.workshop_id == workshop.id)).first() is not None:
        return False
    instructor = session.exec(select(User).where(User.username == DEMO_INSTRUCTOR[0])).one()
    roster = "name,team\n" + "".join(f"{name},{team}\n"
                                      for team, (_, name) in DEMO_OPERATION_TEAMS.items())
    import_roster(session, user=instructor, workshop_id=workshop.id or 0,
                  preview=parse_roster(roster.encode()))
    version = {v.scenario_id: v for v in sync_shipped(session)}[DEMO_SCENARIO]
    joint.start(session, user=instructor, workshop_id=workshop.id or 0,
                scenario_version_id=version.id or 0,
                countries={team: country for team, (country, _) in DEMO_OPERATION_TEAMS.items()})
    return True
