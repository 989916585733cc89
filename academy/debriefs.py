"""The after-action review of one exercise: the truth beside what the trainee did.

Nothing here is shown before the exercise has ended: ``truth`` refuses a running
exercise. "What if" replays the same scenario and seed with one decision removed or
changed, so the only difference between the two outcomes is that decision.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from sqlmodel import Session

from academy import exercises
from academy.errors import AcademyError
from academy.models import ExerciseRecord, User
from academy.pdf import Report
from academy.scenarios import get_version, parse
from engine.exercise import Exercise, Overrides
from engine.records import Debrief
from engine.scenario import Scenario

QUIET = ("advance", "advance_to_next_event")


def truth(session: Session, *, exercise_id: int, user: User) -> tuple[ExerciseRecord, Debrief]:
    """The debrief of a finished exercise the user may see."""
    record = exercises.get(session, exercise_id=exercise_id, user=user)
    if not record.finished:
        raise AcademyError("debrief_locked")
    played = exercises.replay(session, record)
    return record, played.live.debrief()


def decisions(session: Session, *, exercise_id: int) -> list[tuple[int, dict[str, Any]]]:
    """(log index, action) of every decision a what-if may change (not time advances)."""
    log = exercises.log_of(session, exercise_id=exercise_id)
    return [(i, e["action"]) for i, e in enumerate(log)
            if e["action"].get("kind") not in QUIET + ("instructor_inject",)]


def what_if(
    session: Session, *, exercise_id: int, user: User, index: int,
    replacement: dict[str, Any] | None,
) -> Debrief:
    """The debrief had decision ``index`` been ``replacement`` (None: not taken at all).

    The changed log is replayed to the end of the scenario, as the real one was.
    """
    record, _ = truth(session, exercise_id=exercise_id, user=user)
    log = [e["action"] for e in exercises.log_of(session, exercise_id=exercise_id)]
    if not 0 <= index < len(log) or log[index].get("kind") in QUIET:
        raise AcademyError("not_found")
    changed = log[:index] + ([replacement] if replacement else []) + log[index + 1:]
    version = get_version(session, version_id=record.scenario_version_id)
    live = Exercise(parse(version.text), record.seed, Overrides(**record.overrides))
    for action in changed:
        live.apply(action)
    while not live.finished:
        live.apply({"kind": "advance", "days": 7})
    return live.debrief()


def scenario_of(session: Session, record: ExerciseRecord) -> Scenario:
    return parse(get_version(session, version_id=record.scenario_version_id).text)


def shipments_csv(debrief: Debrief) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["shipment", "quantity", "route", "concealment", "depart_day", "fate",
                     "fate_day", "where"])
    for s in debrief.shipments:
        writer.writerow([s.id, s.quantity, " > ".join(s.route), s.concealment or "",
                         s.depart_day, s.fate, s.fate_day, s.where or ""])
    return out.getvalue()


def decisions_csv(debrief: Debrief) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["day", "action", "accepted", "code", "rationale"])
    for d in debrief.decisions:
        writer.writerow([round(d.t, 3), d.summary, d.accepted, d.code, d.rationale or ""])
    return out.getvalue()


def pdf(debrief: Debrief, *, scenario: Scenario, trainee: str, lang: str = "en") -> bytes:
    """The debrief as a printable after-action review."""
    report = Report(f"{scenario.text(scenario.title, lang)} — after-action review",
                    subtitle=f"{trainee} · seed {debrief.seed} · score {debrief.score:.1f}/100")
    report.heading("Objectives")
    report.table(["Objective", "Rating"],
                 [[scenario.text(o.text, lang), debrief.ratings.get(o.id, "")]
                  for o in scenario.objectives])
    report.heading("Score breakdown")
    report.table(["Component", "Points", "Of", "How it is computed"],
                 [[c.id, f"{c.points:.1f}", f"{c.weight:g}", c.explanation]
                  for c in debrief.components])
    report.heading("Shipments")
    report.table(["Shipment", "Qty", "Fate", "Where", "Route"],
                 [[s.id, f"{s.quantity:g}", s.fate, s.where or "", " > ".join(s.route)]
                  for s in debrief.shipments])
    report.heading("Missed opportunities")
    report.bullets([f"Day {m.t:.1f}: {m.text} (shipment {m.shipment})" for m in debrief.missed]
                   or ["None"])
    report.heading("Decision log")
    report.table(["Day", "Decision", "Result", "Rationale"],
                 [[f"{d.t:.1f}", d.summary, "accepted" if d.accepted else f"refused: {d.code}",
                   d.rationale or ""] for d in debrief.decisions])
    report.heading("The network")
    report.table(["Member", "Role", "Country", "Betweenness", "Arrested", "Found"],
                 [[m.label, m.role, m.country, f"{m.betweenness:.3f}", m.arrested, m.known]
                  for m in debrief.members])
    return report.render()
