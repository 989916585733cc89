"""The demo that `python3 dev.py run` starts with, so a newcomer can click around at once.

Made only when the database has no users, and marked ``is_demo`` everywhere so an
instructor can tell it apart from real records. The credentials are printed in README.md.
"""

from __future__ import annotations

from sqlmodel import Session, select

from academy.accounts import create_user, join_workshop
from academy.db import setup_lock
from academy.models import Role, User
from academy.teams import create_team
from academy.workshops import create_workshop

DEMO_ADMIN = ("admin", "nest-admin-2026")
DEMO_INSTRUCTOR = ("instructor", "nest-demo-2026")
DEMO_WORKSHOP_CODE = "DEMO26"
DEMO_TRAINEE = ("Demo Trainee", "2468")
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
