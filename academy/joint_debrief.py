"""The joint operation's debrief on the platform: who may read it, when, and its AAR/IP.

The debrief tells the truth — the hidden network, every team's file and ratings — so a
trainee reads it only once the operation has ended: its clock reached the scenario's end,
whether played out day by day or because the control cell ended it (``end``: the clock
runs to the end, the network playing out its last days unhindered, as after a real
operation's close). Then a trainee sees every team's results, not only their own: the
lesson is in the connections between teams. The workshop's instructors read it always
(during the operation it is the picture so far). Anyone without a seat is told "not found".

The after-action report and improvement plan (AAR/IP) for the whole operation follows the
shape of the workshop's AAR (``academy.aar``): ratings (each team and the operation),
missed connections, the information-flow timeline, then the improvement plan — items the
missed connections call for, and, for instructors, the facilitator's notes.

A team nobody was seated in (nobody of it came: "Nobody is seated yet in …" on the control
cell) did not play: the simulation answered for its country, as for a partner country no
team plays. Decided (QA trial: Mozambique NEST, empty, was rated and blamed, and Kenya told
to share with it): such a team is not rated, is in no missed connection — neither as the
team that held something nor as the one that needed it — and so in no improvement item,
and the debrief says its country was played by the simulation
(``engine.joint_debrief``, ``simulated``). Its exchanges stay on the timeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from academy import catalogs, control_cell, hotwash, joint, wording
from academy.errors import AcademyError
from academy.models import FacilitatorNote, JointOperation, OperationTeam, User
from academy.operation_log import fresh, record_of
from academy.pdf import Report
from academy.scenarios import get_version, parse
from academy.wording import listed
from academy.workshops import can_manage
from engine.joint_debrief import Flow, JointDebrief, MissedConnection
from engine.messages import country_name
from engine.scenario import Scenario


@dataclass(frozen=True)
class OperationDebrief:
    """What the debrief page reads: the engine's joint debrief and the names around it."""

    operation: JointOperation
    scenario: Scenario
    debrief: JointDebrief
    teams: list[OperationTeam]
    ended: bool
    instructor: bool
    my_country: str | None  # the reader's team's country (None: an instructor)

    def team_name(self, country: str, lang: str) -> str:
        """A team as people call it: its workshop name and the country it plays."""
        name = next((t.name for t in self.teams if t.country == country), "")
        place = country_name(country, lang)  # CLDR, in the reader's language, as the desks
        return f"{name} ({place})" if name else place


def ended(session: Session, operation: JointOperation) -> bool:
    return record_of(session, operation).finished


def read(session: Session, *, user: User, operation_id: int) -> OperationDebrief:
    """The operation's debrief for ``user``: an instructor of its workshop always, a trainee
    with a seat once it has ended (``joint_debrief_locked`` before), anyone else not found."""
    operation = joint.get(session, operation_id)
    instructor = can_manage(session, user=user, workshop_id=operation.workshop_id)
    mine = None
    if not instructor:
        mine = joint.my_team(session, user=user, operation_id=operation_id).team.country
        if not ended(session, operation):
            raise AcademyError("joint_debrief_locked")
    scenario = parse(get_version(session, version_id=operation.scenario_version_id).text)
    live = fresh(session, operation).live
    teams, seated = joint.teams_of(session, operation_id), joint.seated_teams(session, operation_id)
    simulated = [t.country for t in teams if t.id not in seated]
    return OperationDebrief(operation, scenario, live.joint_debrief(simulated), teams,
                            ended(session, operation), instructor, mine)


def simulated_line(od: OperationDebrief, lang: str) -> str | None:
    """Which teams the simulation played (nobody was seated in them), None when none."""
    if not od.debrief.simulated:
        return None
    return catalogs.say("joint_debrief.simulated", lang, teams=listed(
        [od.team_name(c, lang) for c in od.debrief.simulated], lang))


def end(session: Session, *, user: User, operation_id: int) -> float:
    """The control cell ends the operation: the clock runs to the scenario's last day (an
    entry of the log, like every clock move), which opens the debrief to the teams."""
    operation = control_cell.require(session, user=user, operation_id=operation_id)
    if ended(session, operation):
        return record_of(session, operation).day
    duration = parse(get_version(session, version_id=operation.scenario_version_id).text
                     ).duration_days
    return control_cell.advance_to(session, user=user, operation_id=operation_id,
                                   day=int(duration))


def operations_for(session: Session, *, user: User) -> list[JointOperation]:
    """The operations whose debrief ``user`` may open, newest first: those of the workshops
    they run, and those they have a seat in."""
    out = []
    for operation in session.exec(select(JointOperation).order_by(
            col(JointOperation.id).desc())).all():
        if can_manage(session, user=user, workshop_id=operation.workshop_id):
            out.append(operation)
            continue
        try:
            joint.my_team(session, user=user, operation_id=operation.id or 0)
        except AcademyError:
            continue
        out.append(operation)
    return out


def titles(session: Session, operations: list[JointOperation], lang: str) -> dict[int, str]:
    """Each operation's scenario title in ``lang``, to tell them apart in a list."""
    out = {}
    for operation in operations:
        scenario = parse(get_version(session, version_id=operation.scenario_version_id).text)
        out[operation.id or 0] = scenario.text(scenario.title, lang)
    return out


def improvements(od: OperationDebrief, lang: str) -> list[str]:
    """The improvement items the missed connections and refused shares call for, one per
    pair of teams and kind (the most telling first)."""
    items: dict[tuple[str, str, str], str] = {}
    for m in od.debrief.missed:
        key = (m.kind, m.holder, m.needed_by)
        if key not in items:
            items[key] = catalogs.say(f"joint_debrief.improve.{m.kind}", lang,
                                      holder=od.team_name(m.holder, lang),
                                      needed_by=od.team_name(m.needed_by, lang))
    for country, n in od.debrief.handling_refused.items():
        if n:
            items[("handling", country, "")] = catalogs.say(
                "joint_debrief.improve.handling", lang, team=od.team_name(country, lang), count=n)
    return list(items.values())


def names(m: MissedConnection, lang: str) -> list[str]:
    """What a missed connection was about, named for a reader of ``lang``: a load by its id
    in the reader's words ("Envoi S737"), the others by their labels."""
    kinds = m.kinds or [""] * len(m.subjects)
    return [catalogs.entity_name(x, kind, label, lang)
            for x, kind, label in zip(m.subjects, kinds, m.labels, strict=False)]


def missed_text(od: OperationDebrief, m: MissedConnection, lang: str) -> str:
    """One missed connection in words: who held what, who needed it, when and why."""
    return catalogs.say(f"joint_debrief.missed.{m.kind}", lang,
                        holder=od.team_name(m.holder, lang), needed_by=od.team_name(m.needed_by, lang),
                        names=wording.listed(names(m, lang), lang), shipment=m.shipment or "",
                        place=m.place_in(lang), request=m.request or "",
                        day=wording.number(m.day, lang, ".1f"),
                        since=wording.number(m.since or 0.0, lang, ".1f"))


def missed_lines(od: OperationDebrief, lang: str) -> list[str]:
    """The missed connections in words, in the order they mattered; the same holder keeping
    the same names from the same team over several loads is told once, with every load."""
    groups: dict[tuple[object, ...], list[MissedConnection]] = {}
    for m in od.debrief.missed:
        key: tuple[object, ...] = (m.kind, m.holder, m.needed_by, tuple(m.subjects))
        if m.kind != "held_not_shared":
            key = (*key, m.day, m.request)
        groups.setdefault(key, []).append(m)
    out = []
    for group in groups.values():
        if len(group) == 1:
            out.append(missed_text(od, group[0], lang))
            continue
        m = group[0]
        out.append(catalogs.say(
            "joint_debrief.missed.held_not_shared_loads", lang,
            holder=od.team_name(m.holder, lang), needed_by=od.team_name(m.needed_by, lang),
            names=wording.listed(names(m, lang), lang),
            since=wording.number(m.since or 0.0, lang, ".1f"),
            day=wording.number(m.day, lang, ".1f"),
            shipments=wording.listed([f"{x.shipment} ({wording.number(x.day, lang, '.1f')})"
                                      for x in group], lang)))
    return out


def flow_detail(f: Flow, lang: str) -> str:
    """What was exchanged, in words: a request's kind, a notice's colour, a share's size."""
    if f.detail.isdigit():
        return catalogs.say("joint_debrief.detail.items", lang, count=int(f.detail))
    return catalogs.word(f"joint_debrief.detail.{f.detail}", lang, f.detail.replace("_", " "))


def notes(session: Session, *, user: User, od: OperationDebrief) -> list[FacilitatorNote]:
    """The facilitator's notes of the workshop, for its instructors (none for a trainee)."""
    if not od.instructor:
        return []
    return hotwash.notes_of(session, user=user, workshop_id=od.operation.workshop_id)


def pdf(od: OperationDebrief, *, lang: str = "en",
        facilitator: list[FacilitatorNote] | None = None) -> bytes:
    """The AAR/IP of the whole operation, in ``lang``: every name and word in the reader's
    language, teams by their names and countries."""

    def say(key: str, **values: object) -> str:
        return catalogs.say(f"joint_debrief.pdf.{key}", lang, **values)

    def num(value: float, spec: str = "") -> str:
        return wording.number(value, lang, spec)

    jd, scenario = od.debrief, od.scenario
    report = Report(say("title", scenario=scenario.text(scenario.title, lang)),
                    subtitle=say("subtitle", teams=len(jd.teams), day=num(jd.day, ".0f"),
                                 score=num(jd.joint.score, ".1f")),
                    footer=catalogs.footer(lang), lang=lang)
    rows = [*jd.per_team, jd.joint]
    report.heading(say("ratings"))
    report.paragraph(catalogs.say("debrief.rating_scale", lang))
    if (simulated := simulated_line(od, lang)) is not None:
        report.paragraph(simulated)
    report.table([say("objective"), *(say("joint") if r.country == "joint"
                                      else od.team_name(r.country, lang) for r in rows)],
                 [[scenario.text(o.text, lang),
                   *(catalogs.rating(r.ratings.get(o.id, "U"), lang) for r in rows)]
                  for o in scenario.objectives])
    report.table([say("team"), say("score"), say("seized"), say("arrested"), say("mapped"),
                  say("withheld")],
                 [[say("joint") if r.country == "joint" else od.team_name(r.country, lang),
                   num(r.score, ".1f"), num(len(r.seized)), num(len(r.arrested)),
                   num(r.measures.get("network_mapped", 0.0) * 100, ".0f") + " %",
                   num(r.withheld)] for r in rows])
    report.heading(say("missed"))
    report.bullets(missed_lines(od, lang) or [say("none_missed")])
    report.heading(say("timeline"))
    if jd.flows:
        report.table([say("day"), say("from"), say("to"), say("kind"), say("detail")],
                     [[num(f.day, ".1f"), country_name(f.from_country, lang),
                       country_name(f.to_country, lang), say(f"flow.{f.kind}"),
                       flow_detail(f, lang)]
                      for f in jd.flows])
    else:
        report.paragraph(say("no_flow"))
    report.heading(say("plan"))
    plan = improvements(od, lang)
    report.bullets(plan or [say("no_plan")])
    written = [n.text for n in facilitator or []]
    if written:
        report.paragraph(say("facilitator"))
        report.bullets(written)
    report.heading(say("network"))
    known_by = jd.known_by
    report.table([say("member"), say("role"), say("country"), say("arrested"), say("known_by")],
                 [[m.label, catalogs.role(m.role, lang), country_name(m.country, lang),
                   catalogs.yes_no(m.arrested, lang),
                   listed([country_name(c, lang) for c in known_by.get(m.id, [])], lang) or "—"]
                  for m in jd.world.members])
    return report.render()
