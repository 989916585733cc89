"""Agency mapping: which of the country's agencies covers which crime area and function.

A NEST draws on each agency's mandate. The team lists its agencies (a type from
``guidance/agencies.yaml`` and the agency's own name) with the crime areas and functions
each covers. Crossing them gives, for every (crime area, function) pair, the number of
agencies that cover it — a zero is a gap, e.g. nobody investigates fisheries crime. An
agency is counted for every pair of its crime areas and its functions (we do not ask for a
finer matrix per agency: teams found one list each easier to fill in).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from academy.errors import AcademyError
from academy.guidance import Agencies
from academy.models import TeamAgency
from academy.teams import require_team


@dataclass(frozen=True)
class AgencyEntry:
    id: int
    agency_type: str
    name: str
    crime_areas: tuple[str, ...]
    functions: tuple[str, ...]


def _split(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.split(",") if v)


def _entry(row: TeamAgency) -> AgencyEntry:
    return AgencyEntry(row.id or 0, row.agency_type, row.name, _split(row.crime_areas),
                       _split(row.functions))


def add_agency(session: Session, *, acting_user_id: int, team_id: int, agency_type: str,
               name: str, crime_areas: list[str], functions: list[str],
               catalogue: Agencies) -> AgencyEntry:
    """Add one agency to the team's map after checking every id against the catalogue."""
    require_team(session, acting_user_id=acting_user_id, team_id=team_id)
    if agency_type not in {a.id for a in catalogue.agency_types}:
        raise AcademyError("agency_invalid")
    if not set(crime_areas) <= {a.id for a in catalogue.crime_areas} or not set(functions) <= {
            f.id for f in catalogue.functions}:
        raise AcademyError("agency_invalid")
    name = " ".join(name.split()) or catalogue.label("agency_types", agency_type, "en")
    if len(name) > 120:
        raise AcademyError("name_invalid")
    row = TeamAgency(team_id=team_id, agency_type=agency_type, name=name,
                     crime_areas=",".join(dict.fromkeys(crime_areas)),  # each id once: fits 300
                     functions=",".join(dict.fromkeys(functions)))
    session.add(row)
    session.flush()
    return _entry(row)


def agencies_of(session: Session, *, acting_user_id: int, team_id: int) -> list[AgencyEntry]:
    require_team(session, acting_user_id=acting_user_id, team_id=team_id)
    rows = session.exec(select(TeamAgency).where(TeamAgency.team_id == team_id)
                        .order_by(col(TeamAgency.created_at), col(TeamAgency.id))).all()
    return [_entry(r) for r in rows]


def remove_agency(session: Session, *, acting_user_id: int, agency_id: int) -> None:
    row = session.get(TeamAgency, agency_id)
    if row is None:
        raise AcademyError("team_forbidden")
    require_team(session, acting_user_id=acting_user_id, team_id=row.team_id)
    session.delete(row)
    session.flush()


def coverage(entries: list[AgencyEntry], crime_areas: list[str],
             functions: list[str]) -> dict[tuple[str, str], int]:
    """How many agencies cover each (crime area, function) pair; every pair present."""
    counts = {(a, f): 0 for a in crime_areas for f in functions}
    for entry in entries:
        for area in entry.crime_areas:
            for function in entry.functions:
                if (area, function) in counts:
                    counts[(area, function)] += 1
    return counts


def gaps(counts: dict[tuple[str, str], int]) -> list[tuple[str, str]]:
    """The pairs nobody covers, in catalogue order."""
    return [pair for pair, n in counts.items() if n == 0]
