"""Country teams: the national group of agencies building a NEST, and who may see its work.

An admin creates a team for a country and gives it a join code. Its members come in like
trainees do — the code, their name and a PIN on the "Join a workshop" form — and get the
``country`` role. A team's guide progress, agency map and assessments belong to it: every
function that reads or writes them takes the acting user's id and refuses anyone who is
neither a member of that team nor an admin, whatever id they typed.

The checklist of the setup guide is ticked per team; each tick remembers who and when.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from academy.db import is_row_id
from academy.errors import AcademyError
from academy.models import ChecklistTick, CountryTeam, Role, TeamMember, User, Workshop, utcnow
from academy.workshops import CODE_ALPHABET

COUNTRY_CODE_LEN = 2


def _code_taken(session: Session, code: str) -> bool:
    return bool(
        session.exec(select(Workshop.id).where(Workshop.join_code == code)).first()
        or session.exec(select(CountryTeam.id).where(CountryTeam.join_code == code)).first()
    )


def new_team_code(session: Session, length: int = 6) -> str:
    """A join code no workshop and no team uses."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
        if not _code_taken(session, code):
            return code


def create_team(session: Session, *, acting_user_id: int, country: str, name: str,
                join_code: str | None = None, is_demo: bool = False) -> CountryTeam:
    """A new country team (admins only) with a join code unique across workshops and teams."""
    _require_admin(session, acting_user_id)
    country = country.strip().upper()
    if len(country) != COUNTRY_CODE_LEN or not country.isalpha():
        raise AcademyError("country_invalid")
    name = " ".join(name.split())
    if not name or len(name) > 120:
        raise AcademyError("title_invalid")
    code = (join_code or new_team_code(session)).strip().upper()
    if _code_taken(session, code):
        raise AcademyError("code_taken")
    team = CountryTeam(country=country, name=name, join_code=code, is_demo=is_demo,
                       created_by=acting_user_id)
    session.add(team)
    session.flush()
    return team


def team_by_code(session: Session, *, code: str) -> CountryTeam | None:
    return session.exec(select(CountryTeam).where(CountryTeam.join_code == code)).first()


def add_member(session: Session, *, team_id: int, user_id: int, agency: str = "") -> TeamMember:
    member = TeamMember(team_id=team_id, user_id=user_id, agency=agency)
    session.add(member)
    session.flush()
    return member


def _require_admin(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or user.role != Role.admin:
        raise AcademyError("forbidden")
    return user


def require_team(session: Session, *, acting_user_id: int, team_id: int) -> CountryTeam:
    """The team if the acting user is one of its members or an admin; refused otherwise."""
    if not is_row_id(team_id):  # ?team= in the URL can say anything
        raise AcademyError("team_forbidden")
    user = session.get(User, acting_user_id)
    team = session.get(CountryTeam, team_id)
    if user is None or team is None:
        raise AcademyError("team_forbidden")
    if user.role == Role.admin:
        return team
    member = session.exec(select(TeamMember).where(
        TeamMember.team_id == team_id, TeamMember.user_id == acting_user_id)).first()
    if member is None or user.role != Role.country:
        raise AcademyError("team_forbidden")
    return team


def teams_visible_to(session: Session, *, acting_user_id: int) -> list[CountryTeam]:
    """Every team for an admin; a member's own team(s) otherwise."""
    user = session.get(User, acting_user_id)
    if user is None:
        return []
    query = select(CountryTeam).order_by(col(CountryTeam.country), col(CountryTeam.name))
    if user.role != Role.admin:
        query = query.join(TeamMember, col(TeamMember.team_id) == col(CountryTeam.id)).where(
            TeamMember.user_id == acting_user_id)
    return list(session.exec(query).all())


@dataclass(frozen=True)
class MemberRow:
    user_id: int
    name: str
    agency: str


def members_of(session: Session, *, acting_user_id: int, team_id: int) -> list[MemberRow]:
    require_team(session, acting_user_id=acting_user_id, team_id=team_id)
    rows = session.exec(
        select(User, TeamMember).join(TeamMember, col(TeamMember.user_id) == col(User.id))
        .where(TeamMember.team_id == team_id).order_by(col(User.display_name))
    ).all()
    return [MemberRow(u.id or 0, u.display_name, m.agency) for u, m in rows]


def member_agency(session: Session, *, user_id: int, team_id: int) -> str:
    member = session.exec(select(TeamMember).where(
        TeamMember.team_id == team_id, TeamMember.user_id == user_id)).first()
    return member.agency if member else ""


def set_member_agency(session: Session, *, acting_user_id: int, team_id: int, agency: str) -> None:
    """A member says which agency they represent (used on their assessment sheets)."""
    require_team(session, acting_user_id=acting_user_id, team_id=team_id)
    member = session.exec(select(TeamMember).where(
        TeamMember.team_id == team_id, TeamMember.user_id == acting_user_id)).first()
    if member is not None:
        member.agency = agency[:40]
        session.add(member)
        session.flush()


# --- the setup guide's checklist ----------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    item_id: str
    done: bool
    by: str
    at: datetime


def ticks_of(session: Session, *, acting_user_id: int, team_id: int) -> dict[str, Tick]:
    """The team's checklist state by item id: done or not, who changed it last, when."""
    require_team(session, acting_user_id=acting_user_id, team_id=team_id)
    rows = session.exec(
        select(ChecklistTick, User).join(User, col(User.id) == col(ChecklistTick.by_user_id))
        .where(ChecklistTick.team_id == team_id)
    ).all()
    return {t.item_id: Tick(t.item_id, t.done, u.display_name, t.at) for t, u in rows}


def set_tick(session: Session, *, acting_user_id: int, team_id: int, item_id: str,
             done: bool, valid_items: frozenset[str] | None = None) -> None:
    """Tick or untick a checklist item for the team, recording who and when."""
    require_team(session, acting_user_id=acting_user_id, team_id=team_id)
    if valid_items is not None and item_id not in valid_items:
        raise AcademyError("item_unknown")
    tick = session.exec(select(ChecklistTick).where(
        ChecklistTick.team_id == team_id, ChecklistTick.item_id == item_id)).first()
    tick = tick or ChecklistTick(team_id=team_id, item_id=item_id, by_user_id=acting_user_id)
    tick.done, tick.by_user_id, tick.at = done, acting_user_id, utcnow()
    session.add(tick)
    session.flush()


def progress(done_ids: set[str], item_ids: list[str]) -> float:
    """The share (0–1) of ``item_ids`` that are done."""
    return sum(i in done_ids for i in item_ids) / len(item_ids) if item_ids else 0.0
