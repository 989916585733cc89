"""What each trainee action does to the world — or why it is refused.

Every handler checks first and changes nothing on refusal; it then commits the cost
and schedules the consequence: an intelligence report after the source's delay, a
partner's answer after that country's response delay (and only with its probability of
acting, raised by sharing intelligence and case meetings), a notice's effect. Reason codes
are machine-readable (``intel.unknown_target``, ``red.no_warrant``); messages are English.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine import actions as A
from engine.intel import gather, person_attrs
from engine.notices import RPD, check_notice
from engine.records import NoticeRecord, Outcome
from engine.simulation import Control, Simulation
from engine.world import triangular_at

WARRANT_RULE = "Prosecutor: reasonable grounds from graded evidence (threshold: scenario assumption legal.warrant_evidence)"


def refuse(code: str, message: str, rule: str | None = None, **params: Any) -> Outcome:
    return Outcome(False, code, message, params, rule)


def ok(code: str, message: str, **params: Any) -> Outcome:
    return Outcome(True, code, message, params, None)


def _n(sim: Simulation, *key: object) -> int:
    k = ":".join(map(str, key))
    sim.counts[k] = sim.counts.get(k, 0) + 1
    return sim.counts[k]


def _pay(sim: Simulation, cost: float) -> Outcome | None:
    if sim.budget + 1e-9 < cost:
        return refuse(
            "resources.insufficient",
            f"needs {cost:g} {sim.scenario.resources.unit}, {sim.budget:g} left",
            cost=cost,
            budget=round(sim.budget, 3),
        )
    return None


def _spend(sim: Simulation, cost: float) -> None:
    sim.budget -= cost
    sim.spent += cost


def _known(sim: Simulation, eid: str, *types: str) -> bool:
    ent = sim.knowledge.entities.get(eid)
    return ent is not None and (not types or ent.type in types)


def request_intel(sim: Simulation, a: A.RequestIntel) -> Outcome:
    src = next((s for s in sim.scenario.intel_sources if s.id == a.source), None)
    if src is None:
        return refuse("intel.unknown_source", f"no intelligence source '{a.source}'")
    ent = sim.knowledge.entities.get(a.target)
    kind = "location" if a.target in sim.locs else (ent.type if ent else None)
    if kind is None:
        return refuse("intel.unknown_target", f"'{a.target}' is not in your case file")
    if kind not in [t.value for t in src.targets]:
        return refuse(
            "intel.bad_target",
            f"{src.label['en']} cannot report on a {kind}",
            allowed=[t.value for t in src.targets],
        )
    if (r := _pay(sim, src.cost)) is not None:
        return r
    _spend(sim, src.cost)
    rng = sim.rng("intel", a.source, a.target, _n(sim, "intel", a.source, a.target))
    delay = triangular_at(rng.random(), src.delay_days)
    sim.later(delay, lambda: gather(sim, a.source, a.target, rng))
    return ok(
        "intel.requested",
        f"{src.label['en']} tasked; answer expected around day {sim.env.now + delay:.1f}",
        cost=src.cost,
        eta_day=round(sim.env.now + delay, 3),
    )


def request_warrant(sim: Simulation, a: A.RequestWarrant) -> Outcome:
    if not _known(sim, a.subject, "person"):
        return refuse("warrant.unknown_subject", f"'{a.subject}' is not a person in your case file")
    if a.subject in sim.warrants:
        return refuse("warrant.exists", "a warrant for this person already exists")
    have, need = sim.knowledge.evidence.get(a.subject, 0.0), sim.scenario.legal.warrant_evidence
    if have + 1e-9 < need:
        return refuse(
            "warrant.insufficient_evidence",
            f"the prosecutor finds {have:g} points of graded evidence, {need:g} needed: corroborate with "
            "reliable sources (A/B, credibility 1-2) or a seizure",
            WARRANT_RULE,
            evidence=have,
            needed=need,
        )
    sim.warrants.add(a.subject)
    return ok(
        "warrant.granted",
        f"arrest warrant issued for {sim.knowledge.entities[a.subject].label}",
        evidence=have,
    )


def request_notice(sim: Simulation, a: A.RequestNotice) -> Outcome:
    k, t = sim.knowledge, sim.env.now
    kind = (
        "concealment"
        if a.subject in k.concealments
        else (k.entities[a.subject].type if a.subject in k.entities else None)
    )
    if (a.colour, a.subject) in sim.notices:
        return refuse(
            "notice.duplicate", f"a {a.colour.title()} Notice on this subject is already published"
        )
    legal = sim.scenario.legal
    check = check_notice(
        a.colour,
        a.purpose,
        a.grounds,
        kind,
        has_warrant=a.subject in sim.warrants,
        identifiers=k.identifiers(a.subject),
        min_identifiers=legal.min_identifiers,
        max_penalty_years=legal.max_penalty_years,
    )
    k.notices.append(
        NoticeRecord(
            a.colour,
            a.subject,
            "accepted" if check.accepted else "refused",
            check.code,
            check.reason,
            round(t, 3),
        )
    )
    if not check.accepted:
        return Outcome(False, check.code, check.reason, {"colour": a.colour}, check.rule)
    sim.notices[(a.colour, a.subject)] = t
    rng = sim.rng("notice", a.colour, a.subject)
    if a.colour == "blue":
        sim.later(triangular_at(rng.random(), _tri(2, 4, 8)), lambda: _blue_answer(sim, a.subject))
    elif a.colour == "purple":
        sim.purple_published(a.subject)
    elif a.colour == "silver":
        sim.later(
            triangular_at(rng.random(), _tri(5, 9, 15)), lambda: gather_assets(sim, a.subject)
        )
    sim.emit("notice_accepted")
    return Outcome(True, check.code, check.reason, {"colour": a.colour}, check.rule)


class _tri:  # a small triangular distribution for engine-side delays
    def __init__(self, lo: float, mode: float, hi: float) -> None:
        self.min, self.mode, self.max = lo, mode, hi


def _blue_answer(sim: Simulation, subject: str) -> None:
    ent = sim.world.entities.get(subject)
    k, t = sim.knowledge, sim.env.now
    if ent is None or ent.type != "person":
        return
    where = ent.attributes.get("location") or ent.country
    k.learn(
        subject,
        "person",
        ent.label,
        {"located": where, "nationality": ent.attributes["nationality"]},
        t,
        "Blue Notice",
        "B2",
    )
    k.item(
        t,
        "Blue Notice",
        "B2",
        f"Blue Notice answer: {ent.label} ({ent.attributes['nationality']}) is located in "
        f"{sim.locs[where].name if where in sim.locs else where}.",
        "notice",
    )


def gather_assets(sim: Simulation, subject: str) -> None:
    ent = sim.world.entities.get(subject)
    if ent is None:
        return
    k, t, w = sim.knowledge, sim.env.now, sim.world
    acc = w.entities[w.accounts[subject]]
    k.learn(acc.id, "account", acc.label, {"number": acc.label}, t, "Silver Notice", "B2")
    k.link(subject, acc.id, "holds", t, "Silver Notice", "B2")
    flows = [(p, q, amt) for p, q, amt in sim.payments if subject in (p, q)]
    total = sum(amt for *_, amt in flows)
    k.item(
        t,
        "Silver Notice",
        "B2",
        f"Silver Notice answer: {ent.label} holds {acc.label}; {len(flows)} payments "
        f"totalling {total:,.0f} USD traced.",
        "notice",
    )


def _control(
    sim: Simulation, location: str, start: float, days: float, shipment: str | None, what: str
) -> Outcome:
    if location not in sim.locs:
        return refuse(f"{what}.unknown_location", f"no location '{location}'")
    now, end = sim.env.now, start + days
    if start < now - 1e-9 or start > sim.scenario.duration_days:
        return refuse(
            f"{what}.bad_window",
            f"the window must start between now (day {now:.1f}) and the end of the exercise",
        )
    busy = [e for e in sim.teams_busy if e > now]
    teams = int(sim.scenario.resources.inspection_teams * sim.ov.resources)
    if len(busy) >= teams:
        return refuse(
            "resources.no_team", f"all {teams} inspection teams are committed", teams=teams
        )
    cost = sim.scenario.resources.inspection_cost
    if (r := _pay(sim, cost)) is not None:
        return r
    _spend(sim, cost)
    sim.teams_busy = busy + [end]
    country = sim.locs[location].country
    rng = sim.rng(what, location, shipment, _n(sim, what, location, shipment))
    partner = next(c for c in sim.scenario.countries if c.code == country).partner
    delay = triangular_at(rng.random(), partner.response_days)
    acts = rng.random() < sim._act(country)

    def answer() -> None:
        t = sim.env.now
        name = sim.locs[location].name
        if acts:
            sim.controls.append(Control(location, max(start, t), end, shipment))
            sim.knowledge.item(
                t,
                f"NCB {country}",
                "B2",
                f"{country} agrees: {what} at {name} from day "
                f"{max(start, t):.1f} to {end:.1f}"
                + (f" for shipment {shipment}" if shipment else "")
                + ".",
                "partner",
            )
        else:
            if end in sim.teams_busy:
                sim.teams_busy.remove(end)
            sim.knowledge.item(
                t,
                f"NCB {country}",
                "B2",
                f"{country} declines the {what} at {name} (no capacity).",
                "partner",
            )

    sim.later(delay, answer)
    return ok(
        f"{what}.requested",
        f"request sent to {country}; answer expected in about {delay:.1f} days",
        country=country,
        eta_day=round(now + delay, 3),
    )


def inspection(sim: Simulation, a: A.Inspection) -> Outcome:
    return _control(sim, a.location, a.start_day, a.days, None, "inspection")


def seizure(sim: Simulation, a: A.Seizure) -> Outcome:
    if not _known(sim, a.shipment, "shipment"):
        return refuse(
            "seizure.unknown_shipment", f"'{a.shipment}' is not a shipment in your case file"
        )
    return _control(sim, a.location, a.start_day, a.days, a.shipment, "seizure")


def controlled_delivery(sim: Simulation, a: A.ControlledDelivery) -> Outcome:
    if not _known(sim, a.shipment, "shipment"):
        return refuse("cd.unknown_shipment", f"'{a.shipment}' is not a shipment in your case file")
    ship = sim.ships.get(a.shipment)
    if a.shipment in sim.cd_requests or (
        ship is not None and ship.status not in ("planned", "in_transit")
    ):
        return refuse(
            "cd.too_late", "this shipment can no longer be placed under controlled delivery"
        )
    dest = sim.phantoms.get(a.shipment, {}).get("route") or sim.describe_route(a.shipment)
    country = sim.locs[dest[-1]].country
    rng = sim.rng("cd-request", a.shipment)
    if rng.random() < sim._act(country):
        sim.cd_requests.add(a.shipment)
        return ok(
            "cd.agreed",
            f"{country} agrees to a controlled delivery of {a.shipment}",
            country=country,
        )
    return refuse(
        "cd.partner_declined",
        f"{country} will not run a controlled delivery of {a.shipment} on its territory",
        country=country,
    )


def arrest(sim: Simulation, a: A.Arrest) -> Outcome:
    k = sim.knowledge
    if not _known(sim, a.subject, "person"):
        return refuse("arrest.unknown_subject", f"'{a.subject}' is not a person in your case file")
    if a.subject not in sim.warrants:
        return refuse(
            "arrest.no_warrant",
            "an arrest needs a warrant from the prosecutor",
            "Due process: a valid arrest warrant",
        )
    if a.subject in sim.arrested or a.subject in sim.wrongful:
        return refuse("arrest.already", "this person is already in custody or was released")
    country = sim.world.entities[a.subject].country
    if country != sim.scenario.home_country and ("red", a.subject) not in sim.notices:
        return refuse(
            "arrest.needs_red_notice",
            f"the person is in {country}: a provisional arrest abroad needs a Red Notice",
            RPD + ": locate and provisionally arrest pending extradition",
        )
    rng = sim.rng("arrest", a.subject, _n(sim, "arrest", a.subject))
    partner = next(c for c in sim.scenario.countries if c.code == country).partner
    delay, acts = (
        triangular_at(rng.random(), partner.response_days),
        rng.random() < sim._act(country),
    )

    def answer() -> None:
        if a.subject in sim.arrested:
            return
        if acts:
            sim.arrest(a.subject, f"arrested by {country} on your request")
        else:
            k.item(
                sim.env.now,
                f"NCB {country}",
                "B2",
                f"{country} could not arrest {k.entities[a.subject].label}.",
                "partner",
            )

    sim.later(delay, answer)
    return ok(
        "arrest.requested",
        f"arrest requested from {country}",
        country=country,
        eta_day=round(sim.env.now + delay, 3),
    )


def _partner_shares(sim: Simulation, country: str, limit: int, source: str) -> int:
    c = next(c for c in sim.scenario.countries if c.code == country)
    w, k, t = sim.world, sim.knowledge, sim.env.now
    rng = sim.rng("partner-knowledge", country)
    local = [m for m in w.members if w.entities[m].country == country]
    held = [m for m in local if rng.random() < c.partner.knowledge]
    fresh = [m for m in held if m not in k.entities][:limit]
    for m in fresh:
        e = w.entities[m]
        k.learn(m, e.type, e.label, person_attrs(e), t, source, "B3")
        k.support(m, "B3")
    for a, b, rel in w.edges:
        if a in held and b in held:
            k.link(a, b, rel, t, source, "B3")
    return len(fresh)


def share_intel(sim: Simulation, a: A.ShareIntel) -> Outcome:
    if a.country not in sim.partner_codes or a.country == sim.scenario.home_country:
        return refuse(
            "share.bad_country", f"'{a.country}' is not a partner country in this exercise"
        )
    if any(name == f"shared:{a.country}" for name, _ in sim.happened):
        return refuse("share.already", f"you already shared your case file with {a.country}")
    sim.emit(f"shared:{a.country}")
    sim.emit(f"trust:{a.country}")

    def reply() -> None:
        n = _partner_shares(sim, a.country, 1, f"NCB {a.country}")
        sim.knowledge.item(
            sim.env.now,
            f"NCB {a.country}",
            "B3",
            f"{a.country} thanks you and shares {n} name(s) from its files.",
            "partner",
        )

    sim.later(2, reply)
    return ok(
        "share.sent",
        f"case file shared with {a.country}; their cooperation improves",
        country=a.country,
    )


def case_meeting(sim: Simulation, a: A.CaseMeeting) -> Outcome:
    bad = [c for c in a.countries if c not in sim.partner_codes]
    if bad:
        return refuse("meeting.bad_country", f"not in this exercise: {', '.join(bad)}")
    last = [d for name, d in sim.happened if name == "case_meeting_called"]
    if last and sim.env.now - last[-1] < 30:
        return refuse(
            "meeting.too_soon", "a regional case meeting was convened less than 30 days ago"
        )
    cost = sim.scenario.resources.case_meeting_cost
    if (r := _pay(sim, cost)) is not None:
        return r
    _spend(sim, cost)
    sim.emit("case_meeting_called")

    def meet() -> None:
        n = sum(
            _partner_shares(sim, c, 99, "Regional case meeting") for c in sorted(set(a.countries))
        )
        for c in sorted(set(a.countries)):
            sim.emit(f"trust:{c}")
        sim.knowledge.item(
            sim.env.now,
            "Regional case meeting",
            "B3",
            f"Regional investigative and analytical case "
            f"meeting held with {', '.join(sorted(set(a.countries)))}: {n} new names shared.",
            "partner",
        )
        sim.emit("case_meeting")

    sim.later(3, meet)
    return ok("meeting.convened", "the meeting will take place in 3 days", cost=cost)


HANDLERS: dict[str, Callable[[Simulation, Any], Outcome]] = {
    "request_intel": request_intel,
    "request_warrant": request_warrant,
    "request_notice": request_notice,
    "inspection": inspection,
    "seizure": seizure,
    "controlled_delivery": controlled_delivery,
    "arrest": arrest,
    "share_intel": share_intel,
    "case_meeting": case_meeting,
}
