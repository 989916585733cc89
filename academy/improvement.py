"""From the exercise back: a workshop's after-action items become a country's improvement plan.

A workshop made for a country team (``Workshop.country_team_id``, set when an instructor
turns the team's training request into a workshop) ends with a hot-wash. The instructor
writes the after-action report and improvement plan (AAR/IP) the HSEEP way: strengths,
areas for improvement and corrective actions, each bearing on one of the team's readiness
indicators (ids of ``guidance/framework.yaml``). A corrective action names an owner and a
due date, so that somebody answers for it.

The items belong to the country from then on. Its members (and admins) see every item of
every workshop made for the team, grouped by indicator, and track each corrective action to
closure — open, in progress, done — with who changed it and when. The next assessment round
shows the items under their indicators as evidence ("From exercises: …"), so the team
scores with its exercises' findings in front of it.

Isolation: an item is reached by its id, and an id can come from a URL. Whoever is neither a
member of the item's team nor an admin gets the same refusal for an item that exists as for
one that does not, so nobody learns which ids are taken.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from academy.assessments import get_assessment
from academy.db import is_row_id
from academy.errors import AcademyError
from academy.models import CountryTeam, FacilitatorNote, User, Workshop, utcnow
from academy.roster import check_manage
from academy.teams import require_team

ITEM_KINDS = ("strength", "improvement", "action")
STATUSES = ("open", "in_progress", "done")
MAX_TEXT = 2000
MAX_OWNER = 120


@dataclass(frozen=True)
class Item:
    """One AAR/IP item as the country team reads it."""

    id: int
    workshop_id: int
    workshop: str  # the workshop's title
    kind: str  # strength | improvement | action
    text: str
    indicator_id: str
    owner: str
    due_on: date | None
    status: str  # open | in_progress | done (only actions move)
    status_by: str  # who changed the status last ("" when never changed)
    status_at: datetime | None
    created_at: datetime

    @property
    def is_action(self) -> bool:
        return self.kind == "action"


@dataclass(frozen=True)
class Progress:
    """Corrective actions counted by status."""

    by_status: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def done(self) -> int:
        return self.by_status.get("done", 0)


def team_of_workshop(session: Session, *, user: User | None,
                     workshop_id: int) -> CountryTeam | None:
    """The country team a workshop was made for (its instructors and admins ask), if any."""
    workshop = check_manage(session, user=user, workshop_id=workshop_id)
    if workshop.country_team_id is None:
        return None
    return session.get(CountryTeam, workshop.country_team_id)


def add_item(session: Session, *, user: User | None, workshop_id: int, kind: str, text: str,
             indicator_id: str, valid_ids: Collection[str], owner: str = "",
             due_on: date | None = None) -> FacilitatorNote:
    """An item of the workshop's improvement plan on one of its country team's indicators
    (an instructor of the workshop or an admin); an action needs an owner and a due date."""
    workshop = check_manage(session, user=user, workshop_id=workshop_id)
    if workshop.country_team_id is None:
        raise AcademyError("item_no_team")
    text, owner = text.strip(), " ".join(owner.split())
    if kind not in ITEM_KINDS or not text or len(text) > MAX_TEXT:
        raise AcademyError("note_invalid")
    if indicator_id not in valid_ids:
        raise AcademyError("item_unknown")
    if kind == "action" and (not owner or len(owner) > MAX_OWNER or due_on is None):
        raise AcademyError("action_invalid")
    if kind != "action":
        owner, due_on = "", None
    note = FacilitatorNote(workshop_id=workshop_id, author_id=user.id or 0,  # type: ignore[union-attr]
                           kind=kind, text=text, indicator_id=indicator_id, owner=owner,
                           due_on=due_on)
    session.add(note)
    session.flush()
    return note


def _items(session: Session, team_id: int, before: datetime | None = None) -> list[Item]:
    query = (select(FacilitatorNote, Workshop)
             .join(Workshop, col(Workshop.id) == col(FacilitatorNote.workshop_id))
             .where(Workshop.country_team_id == team_id,
                    col(FacilitatorNote.kind).in_(ITEM_KINDS),
                    FacilitatorNote.indicator_id != "")
             .order_by(col(FacilitatorNote.id)))
    if before is not None:
        query = query.where(col(FacilitatorNote.created_at) < before)
    rows = session.exec(query).all()
    changers = {u.id: u.display_name for u in session.exec(select(User).where(
        col(User.id).in_({n.status_by for n, _ in rows if n.status_by is not None}))).all()}
    return [Item(n.id or 0, w.id or 0, w.title, n.kind, n.text, n.indicator_id, n.owner,
                 n.due_on, n.status, changers.get(n.status_by, ""), n.status_at, n.created_at)
            for n, w in rows]


def _grouped(items: list[Item]) -> dict[str, list[Item]]:
    """Items by indicator id (ids in order), each group strengths, areas, actions."""
    out: dict[str, list[Item]] = {}
    for item in sorted(items, key=lambda i: (i.indicator_id, ITEM_KINDS.index(i.kind), i.id)):
        out.setdefault(item.indicator_id, []).append(item)
    return out


def improvement_plan(session: Session, *, acting_user_id: int,
                     team_id: int) -> dict[str, list[Item]]:
    """Every item of every workshop made for the team, by indicator (members and admins)."""
    require_team(session, acting_user_id=acting_user_id, team_id=team_id)
    return _grouped(_items(session, team_id))


def evidence(session: Session, *, acting_user_id: int,
             assessment_id: int) -> dict[str, list[Item]]:
    """What the team's exercises found before this round began, by indicator: the evidence
    a round shows under each indicator (a later finding belongs to the next round)."""
    round_ = get_assessment(session, acting_user_id=acting_user_id, assessment_id=assessment_id)
    return _grouped(_items(session, round_.team_id, before=round_.created_at))


def set_status(session: Session, *, acting_user_id: int, item_id: int,
               status: str) -> FacilitatorNote:
    """Move a corrective action to ``status``, recording who and when (the item's team's
    members or an admin; anyone else is refused as for an id that does not exist)."""
    if not is_row_id(item_id):  # an id typed in a URL can say anything
        raise AcademyError("team_forbidden")
    note = session.get(FacilitatorNote, item_id)
    workshop = session.get(Workshop, note.workshop_id) if note is not None else None
    if note is None or workshop is None or workshop.country_team_id is None \
            or note.kind not in ITEM_KINDS or not note.indicator_id:
        raise AcademyError("team_forbidden")
    require_team(session, acting_user_id=acting_user_id, team_id=workshop.country_team_id)
    if note.kind != "action":
        raise AcademyError("status_not_action")
    if status not in STATUSES:
        raise AcademyError("status_invalid")
    note.status, note.status_by, note.status_at = status, acting_user_id, utcnow()
    session.add(note)
    session.flush()
    return note


def progress(plan: dict[str, list[Item]]) -> Progress:
    """The plan's corrective actions by status (every status present, zero or not)."""
    counts = Counter(i.status for items in plan.values() for i in items if i.is_action)
    return Progress({status: counts.get(status, 0) for status in STATUSES})


def actions_by_team(session: Session, *, team_ids: Collection[int]) -> dict[int, Progress]:
    """Corrective actions by status for each of ``team_ids`` (every id answered, zeros
    where none). No rights are checked here: the caller has decided which teams the reader
    may compare (the regional view: the teams that opted in)."""
    rows = session.exec(
        select(Workshop.country_team_id, FacilitatorNote.status)
        .join(Workshop, col(Workshop.id) == col(FacilitatorNote.workshop_id))
        .where(col(Workshop.country_team_id).in_(list(team_ids)),
               FacilitatorNote.kind == "action", FacilitatorNote.indicator_id != "")).all()
    counts: dict[int, Counter[str]] = {team_id: Counter() for team_id in team_ids}
    for team_id, status in rows:
        counts[team_id or 0][status] += 1
    return {team_id: Progress({s: c.get(s, 0) for s in STATUSES})
            for team_id, c in counts.items()}


def only_open(plan: dict[str, list[Item]]) -> dict[str, list[Item]]:
    """The corrective actions not yet done, by indicator (indicators with none left out)."""
    kept = {iid: [i for i in items if i.is_action and i.status != "done"]
            for iid, items in plan.items()}
    return {iid: items for iid, items in kept.items() if items}
