"""A workshop's roster and teams, as the instructor prepares them.

Before a workshop the organiser sends a spreadsheet of participants: one line per person,
a name and the team they will sit with. The instructor uploads it as CSV, sees a preview
with every problem named by its line, and imports only what is valid. Blank lines (a
spreadsheet's empty rows, ``;;`` included) are passed over; a name that comes twice is
kept once, at its first line, and the later line is shown as skipped: the instructor
imports the rest with one click that says so. A line that cannot be read (an open quote,
a name with markup) still stops the import: it may mean the whole file was misread.
Trainees still join with the code, their name and a PIN they choose; a joined trainee
whose name matches a roster line plays in that line's team (an instructor may move
anyone to another team afterwards). Names and team names are stored as plain text and
shown as text: a roster cell holding HTML is just a strange name. A trainee whose name
someone has been guessing at waits before each new try from that machine; their
instructor can lift the wait at once (``unlock_trainee``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from academy import throttle
from academy.accounts import clean_name, name_problem
from academy.errors import AcademyError
from academy.models import Membership, Role, RosterEntry, User, Workshop
from academy.workshops import can_manage, trainees_of, workshops_of

# One limit, stated in the help text and enforced twice: the uploader refuses bigger files
# in the browser (``max_upload_size``), parse_roster refuses them on the server.
MAX_ROSTER_MB = 1
MAX_ROSTER_BYTES = MAX_ROSTER_MB * 1024 * 1024
DELIMITERS = (";", ",", "\t")
MAX_ROSTER_LINES = 200
NAME_HEADERS = ("name", "nom", "nombre", "الاسم")
TEAM_HEADERS = ("team", "équipe", "equipe", "equipo", "الفريق")


def check_manage(session: Session, *, user: User | None, workshop_id: int) -> Workshop:
    """The workshop if ``user`` runs it (or is an admin); refuses everyone else alike."""
    workshop = session.get(Workshop, workshop_id)
    if user is None or workshop is None or not can_manage(
        session, user=user, workshop_id=workshop_id
    ):
        raise AcademyError("forbidden")
    return workshop


def managed_workshops(session: Session, *, user: User) -> list[Workshop]:
    """The workshops a user may run: all for an admin, their own for an instructor."""
    if user.role == Role.admin:
        return list(session.exec(select(Workshop).order_by(Workshop.id.desc())).all())  # type: ignore[union-attr]
    if user.role != Role.instructor:
        return []
    return [w for w in workshops_of(session, user_id=user.id or 0)
            if can_manage(session, user=user, workshop_id=w.id or 0)]


@dataclass(frozen=True)
class RosterLine:
    line: int
    name: str
    team: str | None


@dataclass
class RosterPreview:
    """What an upload would import, what it passes over (``skipped``: a name already on an
    earlier line) and what is wrong with it (``problems``: nothing is imported until fixed),
    line by line."""

    lines: list[RosterLine] = field(default_factory=list)
    problems: list[tuple[int, str, dict[str, object]]] = field(default_factory=list)
    skipped: list[tuple[int, str, dict[str, object]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.lines) and not self.problems


def _delimiter(first_line: str) -> str:
    """The separator of a roster: whichever of ``;`` ``,`` tab the first line holds most
    (a French Excel export uses ``;``); a comma when the line holds none."""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _cells(line: str, delimiter: str) -> list[str] | None:
    """One line's cells, without the empty ones a spreadsheet leaves at the end; None when
    a quote is left open (each line is read on its own, so an open quote never swallows
    the next line)."""
    try:
        row = next(csv.reader([line], delimiter=delimiter, strict=True), [])
    except csv.Error:
        return None
    while row and not row[-1].strip():
        row.pop()
    return row


def _header(cells: list[str]) -> tuple[int, int] | None:
    """(name column, team column or -1) when a line is a header row, in any language or case."""
    keys = [c.strip().casefold() for c in cells]
    name_col = next((i for i, c in enumerate(keys) if c in NAME_HEADERS), -1)
    team_col = next((i for i, c in enumerate(keys) if c in TEAM_HEADERS), -1)
    if name_col < 0 and team_col < 0:
        return None
    if name_col < 0:
        name_col = 1 if team_col == 0 else 0
    return name_col, team_col


def parse_roster(data: bytes) -> RosterPreview:
    """Read a roster CSV (``name``, optional ``team``; header row optional; separated by
    ``;`` ``,`` or tabs). Every line that cannot be read is named, with why."""
    preview = RosterPreview()
    if len(data) > MAX_ROSTER_BYTES:
        preview.problems.append((0, "roster_too_big", {"mb": MAX_ROSTER_MB}))
        return preview
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        preview.problems.append((0, "roster_encoding", {}))
        return preview
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not numbered:
        preview.problems.append((0, "roster_empty", {}))
        return preview
    delimiter = _delimiter(numbered[0][1])
    name_col, team_col, width = 0, 1, 2
    first = _cells(numbered[0][1], delimiter)
    header = _header(first) if first is not None else None
    if header is not None:
        name_col, team_col = header
        width = max(len(first or ()), 1)
        numbered = numbered[1:]
    seen: dict[str, int] = {}
    for count, (number, line) in enumerate(numbered, start=1):
        if count > MAX_ROSTER_LINES:
            preview.problems.append((number, "roster_too_long", {"max": MAX_ROSTER_LINES}))
            break
        row = _cells(line, delimiter)
        if row is None:
            preview.problems.append((number, "roster_open_quote", {}))
            continue
        if not any(cell.strip() for cell in row):
            continue  # an empty spreadsheet row (";;"): nothing to import, nothing wrong
        if len(row) > width:
            preview.problems.append((number, "roster_too_many_fields",
                                     {"found": len(row), "max": width}))
            continue
        raw = row[name_col] if name_col < len(row) else ""
        raw_team = row[team_col] if 0 <= team_col < len(row) else ""
        team = clean_name(raw_team)
        problem = name_problem(raw)
        if problem:
            preview.problems.append((number, problem, {}))
            continue
        name = clean_name(raw)
        if len(team) > 60 or (raw_team.strip() and not team):
            preview.problems.append((number, "team_invalid", {}))
            continue
        if name.casefold() in seen:
            preview.skipped.append((number, "roster_duplicate", {"first": seen[name.casefold()]}))
            continue
        seen[name.casefold()] = number
        preview.lines.append(RosterLine(number, name, team or None))
    if not preview.lines and not preview.problems:
        preview.problems.append((0, "roster_empty", {}))
    return preview


def import_roster(
    session: Session, *, user: User, workshop_id: int, preview: RosterPreview
) -> int:
    """Store every line of a preview without problems (replacing earlier entries of the
    same name); its skipped lines stay out."""
    check_manage(session, user=user, workshop_id=workshop_id)
    if not preview.ok:
        raise AcademyError("roster_invalid")
    existing = {e.name_key: e for e in entries(session, workshop_id=workshop_id)}
    joined = {u.display_name.casefold(): m for u, m in trainees_of(session, workshop_id=workshop_id)}
    for line in preview.lines:
        key = line.name.casefold()
        entry = existing.get(key) or RosterEntry(workshop_id=workshop_id, name=line.name,
                                                 name_key=key)
        entry.name, entry.team = line.name, line.team
        session.add(entry)
        if key in joined and line.team:
            joined[key].team = line.team
            session.add(joined[key])
    session.flush()
    return len(preview.lines)


def entries(session: Session, *, workshop_id: int) -> list[RosterEntry]:
    return list(session.exec(
        select(RosterEntry).where(RosterEntry.workshop_id == workshop_id)
        .order_by(RosterEntry.name_key)
    ).all())


def teams(session: Session, *, workshop_id: int) -> dict[int, str | None]:
    """Each joined trainee's team: set on the membership, else from the roster."""
    roster = {e.name_key: e.team for e in entries(session, workshop_id=workshop_id)}
    return {u.id or 0: m.team or roster.get(u.display_name.casefold())
            for u, m in trainees_of(session, workshop_id=workshop_id)}


def not_joined(session: Session, *, workshop_id: int) -> list[RosterEntry]:
    """Roster names nobody has joined with yet (who is missing this morning)."""
    joined = {u.display_name.casefold() for u, _ in trainees_of(session, workshop_id=workshop_id)}
    return [e for e in entries(session, workshop_id=workshop_id) if e.name_key not in joined]


def set_team(
    session: Session, *, user: User, workshop_id: int, trainee_id: int, team: str | None
) -> None:
    """Move a joined trainee to a team (None or blank: no team)."""
    check_manage(session, user=user, workshop_id=workshop_id)
    membership = session.exec(select(Membership).where(
        Membership.workshop_id == workshop_id, Membership.user_id == trainee_id,
        Membership.role == Role.trainee)).first()
    if membership is None:
        raise AcademyError("not_found")
    team = clean_name(team or "")
    if len(team) > 60:
        raise AcademyError("team_invalid")
    membership.team = team or None
    session.add(membership)


def unlock_trainee(session: Session, *, user: User | None, workshop_id: int,
                   trainee_id: int) -> int:
    """Let a trainee of the workshop sign in again at once from any machine (their
    instructor or an admin only); how many clients were being slowed down."""
    workshop = check_manage(session, user=user, workshop_id=workshop_id)
    trainee = session.get(User, trainee_id)
    member = session.exec(select(Membership).where(
        Membership.workshop_id == workshop_id, Membership.user_id == trainee_id,
        Membership.role == Role.trainee)).first()
    if trainee is None or member is None:
        raise AcademyError("not_found")
    return throttle.clear(session, account=throttle.join_account(workshop.join_code,
                                                                 trainee.display_name))


def slowed_trainees(session: Session, *, user: User | None, workshop_id: int,
                    now: datetime | None = None) -> set[int]:
    """The workshop's trainees some client must currently wait to try (instructor or admin)."""
    workshop = check_manage(session, user=user, workshop_id=workshop_id)
    now = now or datetime.now(UTC)
    trainees = session.exec(select(User).join(Membership, col(Membership.user_id) == col(User.id))
                            .where(Membership.workshop_id == workshop_id,
                                   Membership.role == Role.trainee)).all()
    return {t.id or 0 for t in trainees if throttle.waiting(
        session, account=throttle.join_account(workshop.join_code, t.display_name), now=now)}
