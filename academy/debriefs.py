"""The after-action review of one exercise: the truth beside what the trainee did.

Nothing here is shown before the exercise has ended: ``truth`` refuses a running
exercise. "What if" replays the same scenario and seed with one decision removed or
changed, so the only difference between the two outcomes is that decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from academy import catalogs, exercises, wording
from academy.errors import AcademyError
from academy.models import ExerciseRecord, User
from academy.pdf import Report
from academy.scenarios import get_version, parse
from academy.spreadsheet import csv_text
from engine.exercise import Exercise, Overrides
from engine.records import Debrief, Missed, Outcome, ScoreComponent, TraineeView
from engine.scenario import Scenario

QUIET = ("advance", "advance_to_next_event")


def truth(session: Session, *, exercise_id: int, user: User) -> tuple[ExerciseRecord, Debrief]:
    """The debrief of a finished exercise the user may see."""
    record = finished(session, exercise_id=exercise_id, user=user)
    played = exercises.replay(session, record)
    return record, played.live.debrief()


def finished(session: Session, *, exercise_id: int, user: User) -> ExerciseRecord:
    """The exercise if the user may see it and it has ended (nothing is shown before)."""
    record = exercises.get(session, exercise_id=exercise_id, user=user)
    if not record.finished:
        raise AcademyError("debrief_locked")
    return record


def decisions(session: Session, *, exercise_id: int) -> list[tuple[int, dict[str, Any]]]:
    """(log index, action) of every decision a what-if may change (not time advances)."""
    log = exercises.log_of(session, exercise_id=exercise_id)
    return [(i, e["action"]) for i, e in enumerate(log)
            if e["action"].get("kind") not in QUIET + ("instructor_inject",)]


@dataclass(frozen=True)
class WhatIf:
    """A what-if replay: its debrief, and what the engine said of the changed decision
    (None when the decision was removed)."""

    debrief: Debrief
    outcome: Outcome | None


def what_if(
    session: Session, *, exercise_id: int, user: User, index: int,
    replacement: dict[str, Any] | None,
) -> Debrief:
    """The debrief had decision ``index`` been ``replacement`` (None: not taken at all)."""
    return replay_changed(session, exercise_id=exercise_id, user=user, index=index,
                          replacement=replacement).debrief


def replay_changed(
    session: Session, *, exercise_id: int, user: User, index: int,
    replacement: dict[str, Any] | None,
) -> WhatIf:
    """The exercise replayed with decision ``index`` changed to ``replacement`` (None: not
    taken at all), to the end of the scenario as the real one was; a changed decision the
    engine refuses (an unknown id) says why in ``outcome``."""
    log, live = _replayable(session, exercise_id=exercise_id, user=user, index=index)
    outcome: Outcome | None = None
    for i, action in enumerate(log):
        if i != index:
            live.apply(action)
        elif replacement:
            outcome = live.apply(replacement)
    while not live.finished:
        live.apply({"kind": "advance", "days": 7})
    return WhatIf(live.debrief(), outcome)


def view_before(session: Session, *, exercise_id: int, user: User, index: int) -> TraineeView:
    """What the trainee knew just before decision ``index`` (the choices a what-if offers:
    the ones they had then), replayed from the log of a finished exercise."""
    log, live = _replayable(session, exercise_id=exercise_id, user=user, index=index)
    for action in log[:index]:
        live.apply(action)
    return live.view()


def _replayable(session: Session, *, exercise_id: int, user: User,
                index: int) -> tuple[list[dict[str, Any]], Exercise]:
    """The log of a finished exercise and a new engine at its start, if ``index`` is a
    decision of that log."""
    record = finished(session, exercise_id=exercise_id, user=user)
    log = [e["action"] for e in exercises.log_of(session, exercise_id=exercise_id)]
    if not 0 <= index < len(log) or log[index].get("kind") in QUIET + ("instructor_inject",):
        raise AcademyError("not_found")
    version = get_version(session, version_id=record.scenario_version_id)
    return log, Exercise(parse(version.text), record.seed, Overrides(**record.overrides))


def scenario_of(session: Session, record: ExerciseRecord) -> Scenario:
    return parse(get_version(session, version_id=record.scenario_version_id).text)


def names(debrief: Debrief, scenario: Scenario | None, lang: str = "en") -> dict[str, str]:
    """What a debrief may name, by id (the truth is out): every member of the real network
    and, from the scenario, its places (name and country), countries (by their codes),
    intelligence sources, concealments and objectives, in ``lang``."""
    found = {m.id: m.label for m in debrief.members}
    if scenario is None:
        return found
    countries = catalogs.scenario_countries(scenario.countries, lang)  # as the desk names them
    found.update({loc.id: f"{loc.name_in(lang)} ({countries.get(loc.country, loc.country)})"
                  for loc in scenario.locations})
    found.update(countries)
    found.update({s.id: scenario.text(s.label, lang) for s in scenario.intel_sources})
    found.update({c.id: scenario.text(c.label, lang) for c in scenario.concealments})
    found.update({o.id: scenario.text(o.text, lang) for o in scenario.objectives})
    return found


def route_names(route: list[str], scenario: Scenario | None, sep: str = " › ",
                lang: str = "en") -> str:
    """A route as its places' names in ``lang`` (without their countries: a route lists
    several)."""
    places = {loc.id: loc.name_in(lang) for loc in scenario.locations} if scenario else {}
    return sep.join(places.get(p, p) for p in route)


def shipments_csv(debrief: Debrief, scenario: Scenario | None = None, lang: str = "en") -> str:
    """Shipments with their ids (for a spreadsheet) and, beside them, the names."""
    named = names(debrief, scenario, lang)
    return csv_text(["shipment", "quantity", "route", "concealment", "depart_day", "fate",
                     "fate_day", "where", "route_names", "concealment_name", "where_name",
                     "cause", "cause_text"],
                    ([s.id, s.quantity, " > ".join(s.route), s.concealment or "",
                      s.depart_day, s.fate, s.fate_day, s.where or "",
                      route_names(s.route, scenario, " > ", lang),
                      named.get(s.concealment or "", s.concealment or ""),
                      named.get(s.where or "", s.where or ""), s.cause,
                      catalogs.engine_text(s.cause, s.cause_params, s.cause_text, lang)
                      if s.cause else ""] for s in debrief.shipments))


def decisions_csv(debrief: Debrief, scenario: Scenario | None = None, lang: str = "en") -> str:
    """The decision log: the engine's summary (ids) and the decision in words and names."""
    named = names(debrief, scenario, lang)
    return csv_text(["day", "action", "accepted", "code", "rationale", "decision"],
                    ([round(d.t, 3), d.summary, d.accepted, d.code, d.rationale or "",
                      catalogs.decision_text(d.kind, d.params, d.summary, lang, named)]
                     for d in debrief.decisions))


def pdf(debrief: Debrief, *, scenario: Scenario, trainee: str, lang: str = "en") -> bytes:
    """The debrief as a printable after-action review, in ``lang``: words and names only
    (fates, score components, roles, reasons for a refusal and ratings from the catalogs,
    places, members and countries by name), each missed opportunity once."""

    def say(key: str, **values: object) -> str:
        return catalogs.say(f"debrief_pdf.{key}", lang, **values)

    def num(value: float, spec: str = "") -> str:
        return wording.number(value, lang, spec)

    named = names(debrief, scenario, lang)
    countries = catalogs.scenario_countries(scenario.countries, lang)
    report = Report(say("title", scenario=scenario.text(scenario.title, lang)),
                    subtitle=say("subtitle", trainee=trainee, seed=debrief.seed,
                                 score=num(debrief.score, ".1f")),
                    footer=catalogs.footer(lang), lang=lang)
    report.heading(say("objectives"))
    report.table([say("objective"), say("rating")],
                 [[scenario.text(o.text, lang), catalogs.rating(debrief.ratings.get(o.id, "U"), lang)]
                  for o in scenario.objectives])
    report.heading(say("score"))
    report.table([say("component"), say("points"), say("of"), say("how")],
                 [[catalogs.word(f"score.{c.id}", lang, c.id.replace("_", " ")),
                   num(c.points, ".1f"), num(c.weight), explanation(c, lang)]
                  for c in debrief.components])
    report.heading(say("shipments"))
    report.table([say("shipment"), say("qty"), say("fate"), say("where"), say("route")],
                 [[s.id, num(s.quantity),
                   catalogs.engine_text(s.cause, s.cause_params, s.cause_text, lang)
                   if s.cause else catalogs.word(f"fate.{s.fate}", lang, s.fate.replace("_", " ")),
                   named.get(s.where or "", s.where or ""), route_names(s.route, scenario, " > ", lang)]
                  for s in debrief.shipments])
    report.heading(say("missed"))
    report.bullets([say("missed_line", day=num(group[0].t, ".1f"),
                        shipment=", ".join(ids := list(dict.fromkeys(m.shipment for m in group))),
                        count=len(ids),
                        text=catalogs.engine_text(group[0].code, group[0].params, group[0].text,
                                                  lang))
                    for group in missed_groups(debrief)] or [say("none")])
    report.heading(say("decisions"))
    report.table([say("day"), say("decision"), say("result"), say("rationale")],
                 [[num(d.t, ".1f"), catalogs.decision_text(d.kind, d.params, d.summary, lang, named),
                   say("accepted") if d.accepted else catalogs.reason(d.code, lang, d.result),
                   d.rationale or ""] for d in debrief.decisions])
    report.heading(say("network"))
    report.table([say("member"), say("role"), say("country"), say("betweenness"),
                  say("arrested"), say("found")],
                 [[m.label, catalogs.role(m.role, lang), countries.get(m.country, m.country),
                   num(m.betweenness, ".3f"), catalogs.yes_no(m.arrested, lang),
                   catalogs.yes_no(m.known, lang)] for m in debrief.members])
    return report.render()


def missed_groups(debrief: Debrief) -> list[list[Missed]]:
    """Missed opportunities by the report the trainee held (one report may point at several
    shipments that got through): each report is told once, with all its shipments."""
    groups: dict[str, list[Missed]] = {}
    for m in debrief.missed:
        groups.setdefault(m.intel or m.text, []).append(m)
    return list(groups.values())


def explanation(component: ScoreComponent, lang: str) -> str:
    """How a score component is computed: the engine's sentence in English, the catalog's
    ``debrief.explain.<id>`` otherwise (the wrongful-arrest penalty as a value)."""
    if lang == "en":
        return component.explanation
    key = f"debrief.explain.{component.id}"
    said = catalogs.say(key, lang, penalty=wording.number(abs(component.weight), lang))
    return component.explanation if said == key else said
