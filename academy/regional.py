"""The regional view: countries that chose to share, compared side by side.

A regional coordinator (``Role.regional``, granted by an admin; admins too) sees, for each
country team that opted in (``CountryTeam.regional_opt_in``, switched by the team itself),
its latest round's maturity by dimension and its open corrective actions. A team that has
not opted in does not exist for the coordinator: asking for it by id gets the same refusal
as an id that was never used.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from academy.db import is_row_id
from academy.errors import AcademyError
from academy.guidance import Framework
from academy.improvement import actions_by_team
from academy.models import CountryTeam, Role, User
from academy.readiness import Results, results
from academy.teams import require_team
from academy.training_plan import latest_scores

VIEWERS = (Role.regional, Role.admin)


@dataclass(frozen=True)
class CountryRow:
    team_id: int
    country: str
    name: str
    round_title: str | None
    summary: Results | None
    open_actions: int


def _viewer(session: Session, acting_user_id: int) -> User:
    user = session.get(User, acting_user_id)
    if user is None or user.role not in VIEWERS:
        raise AcademyError("forbidden")
    return user


def set_opt_in(session: Session, *, acting_user_id: int, team_id: int, opt_in: bool) -> None:
    """The team (a member or an admin) shares its results with coordinators, or stops."""
    team = require_team(session, acting_user_id=acting_user_id, team_id=team_id)
    team.regional_opt_in = bool(opt_in)
    session.add(team)
    session.flush()


def _row(session: Session, team: CountryTeam, framework: Framework) -> CountryRow:
    found = latest_scores(session, team_id=team.id or 0, framework=framework)
    return CountryRow(team.id or 0, team.country, team.name,
                      found[0].title if found else None,
                      results(framework, found[1]) if found else None,
                      _open_actions(session, team.id or 0))


def _open_actions(session: Session, team_id: int) -> int:
    """The team's corrective actions (on its indicators) not yet done."""
    counted = actions_by_team(session, team_ids=[team_id])[team_id]
    return counted.total - counted.done


def countries(session: Session, *, acting_user_id: int, framework: Framework) -> list[CountryRow]:
    """Every opted-in team, by country, with its latest maturity and open actions."""
    _viewer(session, acting_user_id)
    shared = session.exec(select(CountryTeam).where(col(CountryTeam.regional_opt_in).is_(True))
                          .order_by(col(CountryTeam.country), col(CountryTeam.name))).all()
    return [_row(session, team, framework) for team in shared]


def country(session: Session, *, acting_user_id: int, team_id: int,
            framework: Framework) -> CountryRow:
    """One opted-in team; a team that has not opted in is refused like a missing one."""
    _viewer(session, acting_user_id)
    team = session.get(CountryTeam, team_id) if is_row_id(team_id) else None
    if team is None or not team.regional_opt_in:
        raise AcademyError("not_found")
    return _row(session, team, framework)
