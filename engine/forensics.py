"""Sending seized goods and phones to the laboratory, and what comes back.

A seizure the trainee holds can go to a laboratory for one of the analyses the scenario
offers (``engine.laboratory``): the result confirms what the goods are (tying everyone
who handled the load to the charge), matches them with other seizures from the same
population or consignment chain, or traces them to their source — the place and the
members who supplied the load. The phone of a person in custody, seized at the arrest,
gives its contacts (the members its holder calls) and its messages (the consignments
discussed, with their timings). Every result files exhibits in the case file
(``sim.case_file``) and adds to the graded evidence a warrant needs.

Results take a triangular number of days and cost budget; an INTERPOL Operational
Support Team on the ground halves the wait (``speedup``), strengthens every exhibit
(``weight_bonus``) and follows more of a phone's contacts (``extra_links``).
"""

from __future__ import annotations

from typing import Any

from engine import actions as A
from engine import messages as M
from engine.evidence import ExhibitKind
from engine.intel import person_attrs
from engine.laboratory import Analysis, Examines, analyses, support_team
from engine.records import Outcome
from engine.requests import _known, _pay, _spend, ok, refuse
from engine.simulation import Simulation
from engine.world import triangular_at

HELD = ("seized", "controlled_delivery")  # a load in the authorities' hands
SUPPLY_ROLES = ("harvester", "collector", "processor")  # who a load's origin points to
CUSTODY_RULE = (
    "Chain of custody: a laboratory examines only what was lawfully seized — goods from a "
    "seizure, the phone of a person arrested"
)
PHONE_CONTACTS = 4  # contacts a phone analysis follows (more with the support team)
SHIPMENTS_PER_PHONE = 3  # consignments its messages reveal


def _analysis(sim: Simulation, analysis_id: str) -> Analysis | None:
    return next((x for x in analyses(sim.scenario) if x.id == analysis_id), None)


def _label(an: Analysis) -> dict[str, Any]:
    return M.localized("analysis", an.label)


def request_forensics(sim: Simulation, a: A.RequestForensics) -> Outcome:
    an = _analysis(sim, a.analysis)
    if an is None:
        return refuse(
            "forensic.unknown_analysis",
            f"the laboratory offers no analysis '{a.analysis}' in this exercise",
            offered=[x.id for x in analyses(sim.scenario)],
        )
    k, lab = sim.knowledge, sim.lab
    if an.examines == Examines.goods:
        ship = sim.ships.get(a.item)
        if not _known(sim, a.item, "shipment") or ship is None or ship.status not in HELD:
            return refuse(
                "forensic.not_seized",
                f"'{a.item}' is not a seizure you hold: only seized goods go to a laboratory",
                CUSTODY_RULE,
            )
        item = k.entities[a.item].label
    else:
        if not _known(sim, a.item, "person") or a.item not in sim.arrested:
            return refuse(
                "forensic.not_in_custody",
                f"'{a.item}' is not a person in custody: only a seized phone can be examined",
                CUSTODY_RULE,
            )
        item = k.entities[a.item].label
    if (an.id, a.item) in lab.requested:
        return refuse("forensic.duplicate", "this analysis of this item was already requested")
    if (r := _pay(sim, an.cost)) is not None:
        return r
    _spend(sim, an.cost)
    lab.requested.add((an.id, a.item))
    now = sim.env.now
    team = lab.team_on(now)
    spec = support_team(sim.scenario)
    delay = triangular_at(sim.draw("forensic", an.id, a.item), an.delay_days)
    if team:
        delay *= spec.speedup
    weight = min(1.0, an.weight + (spec.weight_bonus if team else 0.0))
    extra = spec.extra_links if team else 0
    sim.answer(
        delay,
        lambda: _result(sim, an, a.item, weight, extra, team),
        "forensic",
        **_label(an),
        item=item,
    )
    return ok(
        "forensic.requested",
        f"{an.label['en']} requested on {item} (cost {an.cost:g}); result expected around "
        f"day {now + delay:.1f}",
        cost=an.cost,
        eta_day=round(now + delay, 3),
        support_team=team,
    )


def _result(
    sim: Simulation, an: Analysis, item: str, weight: float, extra: int, team: bool
) -> None:
    filed: set[str] = set()
    ahead: list[str] = []  # consignments still to come that a phone's messages announce
    ref = f"{an.id}:{item}"
    if an.examines == Examines.goods:
        facts = _goods(sim, an, item, weight, ref, filed)
    else:
        facts = _phone(sim, an, item, weight, extra, ref, filed, ahead)
    if not facts:
        facts = [M.message("fact.forensic_nothing")]
    who = M.sender("support_team") if team else M.sender("laboratory")
    t = sim.env.now
    iid = sim.knowledge.item(
        t,
        who,
        "A1",
        "forensic.result",
        {
            **_label(an),
            "item": sim.knowledge.entities[item].label,
            "exhibits": len(filed),
            **M.joined("facts", facts),
        },
        "forensic",
    )
    sim.knowledge.pointers += [(iid, sid, t) for sid in ahead]
    sim.emit("forensic_result")


def _file(
    sim: Simulation, member: str, kind: ExhibitKind, weight: float, ref: str, filed: set[str]
) -> None:
    """An exhibit on a member the trainee knows, once per result; it counts for a warrant."""
    if member in filed or member not in sim.knowledge.entities:
        return
    filed.add(member)
    sim.case_file.add(member, kind, weight, sim.env.now, ref)
    k = sim.knowledge
    k.evidence[member] = k.evidence.get(member, 0.0) + weight


def _learn(sim: Simulation, member: str, source: str) -> None:
    ent = sim.world.entities[member]
    keys = ("name", "date_of_birth", "nationality") if ent.type == "person" else ("name",)
    sim.knowledge.learn(member, ent.type, ent.label, person_attrs(ent, keys), sim.env.now,
                        source, "A1")


def _goods(
    sim: Simulation, an: Analysis, sid: str, weight: float, ref: str, filed: set[str]
) -> list[M.Message]:
    k, w, t = sim.knowledge, sim.world, sim.env.now
    ship, out = sim.ships[sid], []
    crew = sorted(set(ship.handlers.values()))
    source = "Forensic laboratory"
    if "identity" in an.finds:
        for m in crew:
            _file(sim, m, ExhibitKind.forensic, weight, ref, filed)
        out.append(
            M.message(
                "fact.forensic_identity",
                **M.localized("commodity", sim.scenario.commodity),
                handlers=sum(1 for m in crew if m in k.entities),
            )
        )
    suppliers = [m for m in crew if w.entities[m].role in SUPPLY_ROLES] or crew[:1]
    if "seizures" in an.finds:
        for other_id, other in sorted(sim.ships.items()):
            if other_id == sid or other.status not in HELD or other_id not in k.entities:
                continue
            shared = sorted(set(suppliers) & set(other.handlers.values()))
            if not shared:
                continue
            k.link(sid, other_id, "same_source", t, source, "A1")
            for m in shared + sorted(set(other.handlers.values())):  # one chain: both crews
                _file(sim, m, ExhibitKind.forensic, weight, ref, filed)
            out.append(M.message("fact.forensic_same_source", other=other_id))
    if "source" in an.finds:
        route = sim.routes[ship.route or sim.route]
        origin = route.legs[0].from_
        names = []
        for m in suppliers:
            _learn(sim, m, source)
            k.link(m, sid, "supplied", t, source, "A1")
            _file(sim, m, ExhibitKind.forensic, weight, ref, filed)
            names.append(w.entities[m].label)
        k.learn(sid, "shipment", k.entities[sid].label, {"origin": origin}, t, source, "A1")
        out.append(
            M.message(
                "fact.forensic_source",
                **sim.place("place", origin),
                names=", ".join(names),
            )
        )
    return out


def _phone(
    sim: Simulation,
    an: Analysis,
    holder: str,
    weight: float,
    extra: int,
    ref: str,
    filed: set[str],
    ahead: list[str],
) -> list[M.Message]:
    k, w, t = sim.knowledge, sim.world, sim.env.now
    source, out = "Digital forensics", []
    ent = w.entities[holder]
    ph = w.entities[w.phones[holder]] if holder in w.phones else None
    if ph is not None:
        k.learn(ph.id, "phone", ph.label, {"number": ph.label}, t, source, "A1")
        k.learn(holder, "person", ent.label, {"phone": ph.label}, t, source, "A1")
        k.link(holder, ph.id, "uses", t, source, "A1")
    _file(sim, holder, ExhibitKind.phone, weight, ref, filed)
    if "contacts" in an.finds:
        called = sorted(
            {b for a, b in sim.calls if a == holder} | {a for a, b in sim.calls if b == holder}
        )
        shown = called[: PHONE_CONTACTS + extra]
        for other in shown:
            _learn(sim, other, source)
            oph = w.entities[w.phones[other]] if other in w.phones else None
            if ph is not None and oph is not None:
                k.learn(oph.id, "phone", oph.label, {"number": oph.label}, t, source, "A1")
                k.link(other, oph.id, "uses", t, source, "A1")
                k.link(ph.id, oph.id, "calls", t, source, "A1")
            else:
                k.link(holder, other, "calls", t, source, "A1")
        if shown:
            out.append(M.message("fact.forensic_contacts", subject=ent.label, contacts=len(shown)))
    if "messages" in an.finds:
        # earlier loads are evidence against the crew; loads still to come are intelligence
        done = [s for s in sim.ships.values()
                if holder in s.handlers.values() and s.status not in ("planned", "in_transit")]
        for s in done:
            for m in sorted(set(s.handlers.values()) - {holder}):
                _file(sim, m, ExhibitKind.phone, weight * 0.5, ref, filed)
        if done:
            out.append(M.message("fact.forensic_past", subject=ent.label, n=len(done)))
        coming = [s for s in sim.ships.values()
                  if s.status == "in_transit" and holder in s.handlers.values()]
        for s in (coming + sim.upcoming(handler=holder))[: SHIPMENTS_PER_PHONE + extra]:
            k.link(holder, s.id, "handles", t, source, "A1")
            out.append(sim.describe_shipment(s.id, source, "A1"))
            ahead.append(s.id)
    return out


def request_support_team(sim: Simulation, a: A.RequestSupportTeam) -> Outcome:
    """Ask INTERPOL to deploy an Operational Support Team (one at a time)."""
    lab, now = sim.lab, sim.env.now
    if lab.team_until is not None and now < lab.team_until:
        return refuse(
            "support_team.already",
            "an Operational Support Team is already deployed or on its way",
            until=round(lab.team_until, 3),
        )
    spec = support_team(sim.scenario)
    if (r := _pay(sim, spec.cost)) is not None:
        return r
    _spend(sim, spec.cost)
    delay = triangular_at(sim.draw("support-team", round(now, 3)), spec.deploy_days)
    lab.team_from, lab.team_until = now + delay, now + delay + spec.stays_days

    def arrive() -> None:
        sim.knowledge.item(
            sim.env.now,
            M.sender("support_team"),
            "A1",
            "partner.support_team",
            {"until": round(lab.team_until or 0.0, 1)},
            "partner",
        )

    sim.answer(delay, arrive, "support_team")
    return ok(
        "support_team.requested",
        f"an INTERPOL Operational Support Team will deploy in about {delay:.1f} days and stay "
        f"{spec.stays_days:g} days (cost {spec.cost:g})",
        cost=spec.cost,
        eta_day=round(now + delay, 3),
        days=spec.stays_days,
    )
