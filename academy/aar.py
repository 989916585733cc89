"""What leaves the workshop: the after-action report and the learning records.

The after-action report follows the usual exercise-evaluation shape — a summary of
performance, then an improvement plan of strengths, areas for improvement and actions —
taken from the facilitator's notes. Learning records are xAPI statements (actor, verb,
object, result) that a learning record store accepts as they are: one per exercise and,
when the curriculum keeps progress, one per assigned module.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from statistics import fmean, median

from academy.hotwash import Result, missed_shipments, ratings_table, refused_notices
from academy.models import FacilitatorNote, Workshop
from academy.pdf import Report
from engine.scenario import Scenario

HOME = "https://nest-academy.example"
VERBS = {
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "attempted": "http://adlnet.gov/expapi/verbs/attempted",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
}


def report_pdf(workshop: Workshop, scenario: Scenario, found: list[Result],
               notes: list[FacilitatorNote]) -> bytes:
    """The workshop's after-action report with its improvement plan."""
    scores = [r.debrief.score for r in found]
    when = " – ".join(str(d) for d in (workshop.starts_on, workshop.ends_on) if d)
    report = Report(f"{workshop.title} — after-action report",
                    subtitle=" · ".join(x for x in (workshop.location, when,
                                                     scenario.title["en"]) if x))
    report.heading("Summary")
    if scores:
        report.paragraph(f"{len(scores)} exercises. Score median {median(scores):.1f}, mean "
                         f"{fmean(scores):.1f}, range {min(scores):.1f}–{max(scores):.1f} / 100.")
    else:
        report.paragraph("No finished exercise yet.")
    report.heading("Objectives (trainees rated P / S / M / U)")
    report.table(["Objective", "P", "S", "M", "U"],
                 [[r["text"], r["P"], r["S"], r["M"], r["U"]]
                  for r in ratings_table(found, scenario)])
    report.heading("Shipments most trainees missed")
    report.table(["Shipment", "Missed by", "Route"],
                 [[m["shipment"], f"{m['missed_by']}/{m['of']}", m["route"]]
                  for m in missed_shipments(found)[:10]] or [["—", "", ""]])
    report.heading("Most common refused notices")
    report.table(["Reason", "Count", "Example"],
                 [[r["code"], r["count"], r["example"]] for r in refused_notices(found)[:10]]
                 or [["—", "", ""]])
    report.heading("Improvement plan")
    for kind, title in (("strength", "Strengths"), ("improvement", "Areas for improvement"),
                        ("action", "Actions")):
        report.paragraph(title)
        report.bullets([n.text for n in notes if n.kind == kind] or ["—"])
    other = [n.text for n in notes if n.kind == "note"]
    if other:
        report.heading("Facilitator notes")
        report.bullets(other)
    report.heading("Results")
    report.table(["Trainee", "Team", "Score", "Ratings"],
                 [[r.name, r.team or "", f"{r.debrief.score:.1f}",
                   " ".join(f"{k}:{v}" for k, v in sorted(r.debrief.ratings.items()))]
                  for r in found])
    return report.render()


def _actor(name: str, user_id: int) -> dict[str, object]:
    return {"objectType": "Agent", "name": name,
            "account": {"homePage": HOME, "name": f"user-{user_id}"}}


def statements(workshop: Workshop, scenario: Scenario, found: list[Result],
               modules: dict[int, dict[str, str]] | None = None,
               names: dict[int, str] | None = None, now: datetime | None = None) -> str:
    """xAPI statements (JSON array) for every exercise and every module record."""
    stamp = (now or datetime.now(timezone.utc)).isoformat()
    context = {"platform": "NEST Academy", "language": workshop.language,
               "contextActivities": {"grouping": [{"id": f"{HOME}/workshops/{workshop.id}",
                                                   "objectType": "Activity"}]}}
    out = []
    for r in found:
        out.append({
            "actor": _actor(r.name, r.user_id),
            "verb": {"id": VERBS["completed" if r.finished else "attempted"],
                     "display": {"en-US": "completed" if r.finished else "attempted"}},
            "object": {"objectType": "Activity", "id": f"{HOME}/scenarios/{scenario.id}",
                       "definition": {"name": {"en-US": scenario.title["en"]},
                                      "type": "http://adlnet.gov/expapi/activities/simulation"}},
            "result": {"score": {"raw": round(r.debrief.score, 1), "min": 0, "max": 100,
                                 "scaled": round(r.debrief.score / 100, 3)},
                       "completion": r.finished,
                       "extensions": {f"{HOME}/xapi/ratings": r.debrief.ratings}},
            "context": context, "timestamp": stamp,
        })
    for user_id, progress in (modules or {}).items():
        for module_id, state in progress.items():
            verb = "passed" if state == "done" else "attempted"
            out.append({
                "actor": _actor((names or {}).get(user_id, f"user-{user_id}"), user_id),
                "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
                "object": {"objectType": "Activity", "id": f"{HOME}/modules/{module_id}",
                           "definition": {"type": "http://adlnet.gov/expapi/activities/module"}},
                "result": {"completion": state == "done"},
                "context": context, "timestamp": stamp,
            })
    return json.dumps(out, indent=2, ensure_ascii=False)
