"""The cohort's hot-wash: what the whole workshop did on one scenario, side by side.

After play the instructor gathers the room. Because a cohort plays the same world (one
seed per workshop and scenario), their results compare directly: the spread of scores,
how each objective was rated across trainees, which shipments most of them let through,
which notice requests were refused most often and why, and two teams' decision logs side
by side. The facilitator's notes — strengths, areas for improvement, actions — become the
workshop's after-action report and improvement plan (PDF); results leave as CSV and as
xAPI statements for the organisation's learning record store.

Debriefs reveal the truth, so only finished exercises are included unless the instructor
asks for the running ones too, and only an instructor of the workshop (or an admin) may
read any of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import Session, col, select

from academy import exercises
from academy.errors import AcademyError
from academy.models import FacilitatorNote, User
from academy.roster import check_manage, teams
from academy.scenarios import get_version, parse
from academy.spreadsheet import csv_text
from academy.workshops import trainees_of
from engine.records import Debrief, DecisionRecord
from engine.scenario import Scenario

NOTE_KINDS = ("note", "strength", "improvement", "action")


@dataclass(frozen=True)
class Result:
    """One trainee's exercise on the scenario, with its full debrief."""

    exercise_id: int
    user_id: int
    name: str
    team: str | None
    finished: bool
    debrief: Debrief


def scenarios_played(session: Session, *, user: User, workshop_id: int) -> dict[str, Scenario]:
    """Scenario id → scenario, for every scenario the workshop has exercises on."""
    check_manage(session, user=user, workshop_id=workshop_id)
    found: dict[str, Scenario] = {}
    for record in exercises.of_workshop(session, workshop_id=workshop_id, user=user):
        scenario = parse(get_version(session, version_id=record.scenario_version_id).text)
        found.setdefault(scenario.id, scenario)
    return found


def results(session: Session, *, user: User, workshop_id: int, scenario_id: str,
            include_running: bool = False) -> list[Result]:
    """Each trainee's debrief on ``scenario_id`` (finished exercises unless asked)."""
    check_manage(session, user=user, workshop_id=workshop_id)
    names = {u.id: u.display_name for u, _ in trainees_of(session, workshop_id=workshop_id)}
    team_of = teams(session, workshop_id=workshop_id)
    out = []
    for record in exercises.of_workshop(session, workshop_id=workshop_id, user=user):
        if record.user_id not in names or not (record.finished or include_running):
            continue
        version = get_version(session, version_id=record.scenario_version_id)
        if version.scenario_id != scenario_id:
            continue
        debrief = exercises.replay(session, record).live.debrief()
        out.append(Result(record.id or 0, record.user_id, names[record.user_id],
                          team_of.get(record.user_id), record.finished, debrief))
    return sorted(out, key=lambda r: ((r.team or "").casefold(), r.name.casefold()))


def ratings_table(found: list[Result], scenario: Scenario,
                  lang: str = "en") -> list[dict[str, object]]:
    """Per objective (its text in ``lang``, else English): trainees rated P, S, M and U."""
    rows = []
    for objective in scenario.objectives:
        counts = Counter(r.debrief.ratings.get(objective.id, "U") for r in found)
        rows.append({"objective": objective.id,
                     "text": objective.text.get(lang) or objective.text["en"],
                     **{grade: counts.get(grade, 0) for grade in "PSMU"}})
    return rows


def missed_shipments(found: list[Result],
                     places: Mapping[str, str] | None = None) -> list[dict[str, object]]:
    """Shipments by how many trainees let them through, most missed first; the route by
    place name when ``places`` (location id → name) is given."""
    missed: Counter[str] = Counter()
    details: dict[str, tuple[float, str]] = {}
    names = places or {}
    for r in found:
        for s in r.debrief.shipments:
            if s.fate == "missed":
                missed[s.id] += 1
                details[s.id] = (s.quantity, " > ".join(names.get(p, p) for p in s.route))
    return [{"shipment": sid, "missed_by": n, "of": len(found), "quantity": details[sid][0],
             "route": details[sid][1]} for sid, n in missed.most_common()]


def refused_notices(found: list[Result]) -> list[dict[str, object]]:
    """Refused notice (and diffusion) requests grouped by their reason code, most common
    first: a diffusion is refused on the rules of the notice of its colour."""
    refused: Counter[str] = Counter()
    example: dict[str, DecisionRecord] = {}
    for r in found:
        for d in r.debrief.decisions:
            if d.kind in ("request_notice", "request_diffusion") and not d.accepted:
                refused[d.code] += 1
                example.setdefault(d.code, d)
    return [{"code": code, "count": n, "example": example[code].summary,
             "kind": example[code].kind, "params": example[code].params,
             "result": example[code].result}  # the example's values, for its reason
            for code, n in refused.most_common()]


def decision_log(found: list[Result], *, who: str) -> list[dict[str, object]]:
    """The decisions of one trainee (``u:<id>``) or one team (``t:<name>``), by day."""
    kind, _, key = who.partition(":")
    chosen = [r for r in found if (kind == "u" and str(r.user_id) == key)
              or (kind == "t" and (r.team or "") == key)]
    rows = [{"day": round(d.t, 1), "trainee": r.name, "decision": d.summary,
             "kind": d.kind, "params": d.params,
             "names": {m.id: m.label for m in r.debrief.members},
             "accepted": d.accepted, "code": d.code, "result": d.result,
             "rationale": d.rationale or ""} for r in chosen for d in r.debrief.decisions]
    return sorted(rows, key=lambda x: x["day"])  # type: ignore[arg-type,return-value]


def add_note(session: Session, *, user: User, workshop_id: int, kind: str,
             text: str) -> FacilitatorNote:
    check_manage(session, user=user, workshop_id=workshop_id)
    text = text.strip()
    if kind not in NOTE_KINDS or not text or len(text) > 2000:
        raise AcademyError("note_invalid")
    note = FacilitatorNote(workshop_id=workshop_id, author_id=user.id or 0, kind=kind, text=text)
    session.add(note)
    session.flush()
    return note


def notes_of(session: Session, *, user: User, workshop_id: int) -> list[FacilitatorNote]:
    check_manage(session, user=user, workshop_id=workshop_id)
    return list(session.exec(select(FacilitatorNote)
                             .where(FacilitatorNote.workshop_id == workshop_id)
                             .order_by(col(FacilitatorNote.id))).all())


def delete_note(session: Session, *, user: User, workshop_id: int, note_id: int) -> None:
    check_manage(session, user=user, workshop_id=workshop_id)
    note = session.get(FacilitatorNote, note_id)
    if note is None or note.workshop_id != workshop_id:
        raise AcademyError("not_found")
    session.delete(note)


def results_csv(found: list[Result], scenario: Scenario) -> str:
    objectives = [o.id for o in scenario.objectives]

    def row(r: Result) -> list[object]:
        d = r.debrief
        return [r.name, r.team or "", r.exercise_id, r.finished, f"{d.score:.1f}",
                *[d.ratings.get(o, "") for o in objectives],
                sum(s.fate in ("seized", "controlled_delivery") for s in d.shipments),
                sum(s.fate == "missed" for s in d.shipments),
                sum(m.arrested for m in d.members), len(d.wrongful_arrests), len(d.decisions)]

    return csv_text(["trainee", "team", "exercise", "finished", "score", *objectives,
                     "seized", "missed", "arrests", "wrongful_arrests", "decisions"],
                    (row(r) for r in found))
