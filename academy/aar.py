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

from academy import catalogs
from academy.debriefs import names
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
               notes: list[FacilitatorNote], lang: str = "en") -> bytes:
    """The workshop's after-action report with its improvement plan, in ``lang``: places,
    reasons and decisions in words and names; an improvement plan nobody wrote says so."""

    def say(key: str, **values: object) -> str:
        return catalogs.say(f"aar_pdf.{key}", lang, **values)

    scores = [r.debrief.score for r in found]
    when = " – ".join(str(d) for d in (workshop.starts_on, workshop.ends_on) if d)
    report = Report(say("title", workshop=workshop.title),
                    subtitle=" · ".join(x for x in (workshop.location, when,
                                                     scenario.text(scenario.title, lang)) if x),
                    footer=catalogs.footer(lang), lang=lang)
    report.heading(say("summary"))
    if scores:
        report.paragraph(say("scores", n=len(scores), median=f"{median(scores):.1f}",
                             mean=f"{fmean(scores):.1f}", low=f"{min(scores):.1f}",
                             high=f"{max(scores):.1f}"))
    else:
        report.paragraph(say("no_exercise"))
    report.heading(say("objectives"))
    report.paragraph(catalogs.say("debrief.rating_scale", lang))
    report.table([say("objective"), "P", "S", "M", "U"],
                 [[r["text"], r["P"], r["S"], r["M"], r["U"]]
                  for r in ratings_table(found, scenario, lang)])
    report.heading(say("missed"))
    places = {loc.id: loc.name_in(lang) for loc in scenario.locations}
    missed = missed_shipments(found, places)[:10]
    if missed:
        report.table([say("shipment"), say("missed_by"), say("route")],
                     [[m["shipment"], say("of", n=m["missed_by"], total=m["of"]), m["route"]]
                      for m in missed])
    else:
        report.paragraph(say("none_missed"))
    report.heading(say("refused"))
    refused = refused_notices(found)[:10]
    if refused:
        named = {**(names(found[0].debrief, scenario, lang) if found else {})}
        report.table([say("reason"), say("count"), say("example")],
                     [[catalogs.reason(str(r["code"]), lang, r["result"]),  # type: ignore[arg-type]
                       r["count"],
                       catalogs.decision_text(str(r["kind"]), r["params"],  # type: ignore[arg-type]
                                              str(r["example"]), lang, named)]
                      for r in refused])
    else:
        report.paragraph(say("none_refused"))
    report.heading(say("plan"))
    def item(note: FacilitatorNote) -> str:  # an action names who does it by when
        if note.kind == "action" and note.owner and note.due_on:
            return f"{note.text} — {say('owner_due', owner=note.owner, due=note.due_on.isoformat())}"
        return note.text

    plan = [(kind, [item(n) for n in notes if n.kind == kind])
            for kind in ("strength", "improvement", "action")]
    if not any(texts for _, texts in plan):
        report.paragraph(say("no_plan"))
    for kind, texts in plan:
        if texts:
            report.paragraph(say(f"plan_{kind}"))
            report.bullets(texts)
    other = [n.text for n in notes if n.kind == "note"]
    if other:
        report.heading(say("notes"))
        report.bullets(other)
    report.heading(say("results"))
    report.table([say("trainee"), say("team"), say("score"), say("performed")],
                 [[r.name, r.team or "", f"{r.debrief.score:.1f}",
                   say("of", n=sum(r.debrief.ratings.get(o.id) in ("P", "S")
                                   for o in scenario.objectives),
                       total=len(scenario.objectives))]
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
