"""What the trainee knows, and how intelligence reaches them.

The trainee never sees the ground truth. They see reports: each from a source, graded on
the Admiralty code — source reliability A (completely reliable) to F (cannot be judged)
and information credibility 1 (confirmed) to 6 (cannot be judged) — and each adding
entities (persons, companies, phones, accounts, vessels, shipments) and links to their
chart. Some reports are false leads: they name an innocent look-alike or a shipment that
does not exist, and they are graded like the rest, so the trainee learns to weigh grades
and corroborate before acting. Evidence for a warrant accumulates from graded reports.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engine import messages as M
from engine.records import InboxItem, KnownEntity, KnownLink, Movement, NoticeRecord

if TYPE_CHECKING:
    from engine.simulation import Simulation


def evidence_weight(reliability: str, credibility: int) -> float:
    """Evidence a prosecutor gives one report (a scenario-independent assumption of ours)."""
    if reliability in "AB" and credibility <= 2:
        return 1.0
    if reliability in "ABC" and credibility <= 3:
        return 0.5
    return 0.25


@dataclass
class Knowledge:
    """The trainee's side of the exercise: everything here came through a graded channel."""

    entities: dict[str, KnownEntity] = field(default_factory=dict)
    links: dict[tuple[str, str, str], KnownLink] = field(default_factory=dict)
    inbox: list[InboxItem] = field(default_factory=list)
    evidence: dict[str, float] = field(default_factory=dict)
    movements: list[Movement] = field(default_factory=list)
    notices: list[NoticeRecord] = field(default_factory=list)
    concealments: set[str] = field(default_factory=set)
    pointers: list[tuple[str, str, float]] = field(
        default_factory=list
    )  # (item id, shipment id, t)

    def item(
        self,
        t: float,
        source: str | M.Message,
        grade: str,
        code: str,
        params: dict[str, Any],
        kind: str,
    ) -> str:
        """File a report: its English text comes from the template of ``code``; a fixed
        sender (``M.sender``) is kept in the params as ``source_msg``."""
        iid = f"I{len(self.inbox) + 1:03d}"
        if code not in M.TEMPLATES:
            raise KeyError(f"no inbox template {code!r}")
        if not isinstance(source, str):
            params = {**params, **M.nested("source", source)}
            source = params["source"]
        self.inbox.append(
            InboxItem(iid, round(t, 3), source, grade[0], int(grade[1]), kind, code, params)
        )
        return iid

    def learn(
        self,
        eid: str,
        typ: str,
        label: str,
        attrs: dict[str, Any],
        t: float,
        source: str,
        grade: str,
    ) -> None:
        old = self.entities.get(eid)
        if old is None:
            self.entities[eid] = KnownEntity(
                eid, typ, label, dict(attrs), round(t, 3), source, grade
            )
        elif any(old.attributes.get(k) != v for k, v in attrs.items()):
            merged = {**old.attributes, **attrs}
            self.entities[eid] = KnownEntity(
                eid, typ, label, merged, old.first_seen, old.source, min(old.grade, grade)
            )

    def link(self, a: str, b: str, relation: str, t: float, source: str, grade: str) -> None:
        key = (a, b, relation)
        if key not in self.links:
            self.links[key] = KnownLink(a, b, relation, source, grade, round(t, 3))

    def support(self, eid: str, grade: str) -> None:
        self.evidence[eid] = self.evidence.get(eid, 0.0) + evidence_weight(grade[0], int(grade[1]))

    def identifiers(self, eid: str) -> int:
        ent = self.entities.get(eid)
        if ent is None:
            return 0
        return sum(
            1
            for k in ("name", "date_of_birth", "nationality", "passport", "phone")
            if ent.attributes.get(k)
        )


def _grade(rng: random.Random, reliability: str, true: bool) -> str:
    # True reports skew towards confirmed/probably true; false ones towards doubtful, but overlap.
    pool = (
        ([1, 2, 2, 3, 3] if reliability in "AB" else [2, 2, 3, 3, 4])
        if true
        else [2, 3, 3, 4, 4, 5]
    )
    return f"{reliability}{rng.choice(pool)}"


def person_attrs(ent: Any, keys: tuple[str, ...] = ("name",)) -> dict[str, Any]:
    out = {k: ent.attributes[k] for k in keys if k in ent.attributes}
    out["country"] = ent.country
    return out


def gather(sim: Simulation, source_id: str, target: str, rng: random.Random) -> None:
    """Deliver one intelligence report about ``target`` from ``source_id`` into the inbox."""
    w, k, t = sim.world, sim.knowledge, sim.env.now
    src = next(s for s in sim.scenario.intel_sources if s.id == source_id)
    label = src.label["en"]
    false_lead = rng.random() < src.false_lead_rate
    true_member = target in w.entities and w.entities[target].group is not None
    at_location = any(loc.id == target for loc in sim.scenario.locations)
    if false_lead or not (true_member or at_location or target in w.vessels):
        if not false_lead:
            grade = _grade(rng, src.reliability, True)
            k.item(
                t,
                label,
                grade,
                "intel.nothing",
                {**M.localized("source", src.label), "target": _name(sim, target)},
                "intel",
            )
            return
        _false_lead(sim, src, target, rng)
        return
    grade = _grade(rng, src.reliability, True)
    facts: list[M.Message] = []
    new_links: list[tuple[str, str, str]] = []
    shipments: list[str] = []
    subjects = (
        [target]
        if not at_location
        else [m for m in w.members if w.entities[m].attributes.get("location") == target]
    )
    if target in w.vessels:  # a vessel leads to its operator
        subjects = [w.entities[target].attributes["operator"]]
        new_links.append((subjects[0], target, "operates"))
    for reveal in src.reveals:
        for subj in subjects[:3]:
            facts += _reveal(sim, reveal.value, subj, rng, grade, label, new_links, shipments)
        if reveal.value == "shipments" and at_location:
            for ship in sim.upcoming(through=target):
                shipments.append(ship.id)
                facts.append(sim.describe_shipment(ship.id, label, grade))
    if not facts:
        facts = [M.message("fact.nothing_new", target=_name(sim, target))]
    iid = k.item(t, label, grade, "intel.report", _report(src, _name(sim, target), facts), "intel")
    for a, b, rel in new_links:
        k.link(a, b, rel, t, label, grade)
        for e in (a, b):
            if w.entities.get(e) is not None and w.entities[e].type in ("person", "company"):
                k.support(e, grade)
    k.pointers += [(iid, s, t) for s in shipments]


def _report(src: Any, target: str, facts: list[M.Message]) -> dict[str, Any]:
    return {**M.localized("source", src.label), "target": target, **M.joined("facts", facts)}


def _name(sim: Simulation, eid: str) -> str:
    ent = sim.knowledge.entities.get(eid)
    if ent is not None:
        return ent.label
    loc = next((loc for loc in sim.scenario.locations if loc.id == eid), None)
    return loc.name if loc else eid


def _reveal(
    sim: Simulation,
    what: str,
    subj: str,
    rng: random.Random,
    grade: str,
    label: str,
    links: list[tuple[str, str, str]],
    shipments: list[str],
) -> list[M.Message]:
    w, k, t = sim.world, sim.knowledge, sim.env.now
    ent = w.entities[subj]
    out: list[M.Message] = []
    if subj not in k.entities and ent.type in ("person", "company"):
        k.learn(subj, ent.type, ent.label, person_attrs(ent), t, label, grade)
    if what == "associates":
        neigh = w.neighbours(subj)
        for nid, rel in rng.sample(neigh, min(2, len(neigh))):
            n = w.entities[nid]
            k.learn(nid, n.type, n.label, person_attrs(n), t, label, grade)
            links.append((subj, nid, rel))
            out.append(
                M.message(
                    "fact.associate",
                    subject=ent.label,
                    **M.relation("relation", rel),
                    other=n.label,
                    country=n.country,
                )
            )
    elif what == "identifiers" and ent.type == "person":
        k.learn(
            subj,
            "person",
            ent.label,
            person_attrs(ent, ("name", "date_of_birth", "nationality", "passport")),
            t,
            label,
            grade,
        )
        out.append(
            M.message(
                "fact.identifiers",
                subject=ent.label,
                born=ent.attributes["date_of_birth"],
                nationality=ent.attributes["nationality"],
                passport=ent.attributes["passport"],
            )
        )
    elif what == "location":
        where = ent.attributes.get("location") or ent.country
        k.learn(subj, ent.type, ent.label, {"located": where}, t, label, grade)
        place = _name(sim, where) if where != ent.country else where
        out.append(M.message("fact.location", subject=ent.label, place=place))
    elif what == "phones" and subj in w.phones:
        ph = w.entities[w.phones[subj]]
        k.learn(ph.id, "phone", ph.label, {"number": ph.label}, t, label, grade)
        k.learn(subj, "person", ent.label, {"phone": ph.label}, t, label, grade)
        links.append((subj, ph.id, "uses"))
        called = sorted(
            {b for a, b in sim.calls if a == subj} | {a for a, b in sim.calls if b == subj}
        )
        for other in [c for c in called if c in w.phones][:4]:
            oph = w.entities[w.phones[other]]
            k.learn(oph.id, "phone", oph.label, {"number": oph.label}, t, label, grade)
            links.append((ph.id, oph.id, "calls"))
            o = w.entities[other]
            k.learn(
                other, "person", o.label, {**person_attrs(o), "phone": oph.label}, t, label, grade
            )
            links.append((other, oph.id, "uses"))
        out.append(
            M.message("fact.phone_contacts", subject=ent.label, phone=ph.label, contacts=len(called))
            if called
            else M.message("fact.phone", subject=ent.label, phone=ph.label)
        )
    elif what == "accounts":
        acc = w.entities[w.accounts[subj]]
        k.learn(acc.id, "account", acc.label, {"number": acc.label}, t, label, grade)
        links.append((subj, acc.id, "holds"))
        for payer, payee, _amount in sim.payments:
            if subj in (payer, payee):
                other = payee if payer == subj else payer
                oacc, o = w.entities[w.accounts[other]], w.entities[other]
                k.learn(oacc.id, "account", oacc.label, {"number": oacc.label}, t, label, grade)
                k.learn(other, o.type, o.label, person_attrs(o), t, label, grade)
                links += [(w.accounts[payer], w.accounts[payee], "pays"), (other, oacc.id, "holds")]
        out.append(M.message("fact.account", subject=ent.label, account=acc.label))
    elif what == "vessels":
        for vid in w.vessels:
            v = w.entities[vid]
            if v.attributes.get("operator") == subj:
                k.learn(
                    vid,
                    "vessel",
                    v.label,
                    {x: v.attributes[x] for x in ("name", "flag", "imo", "mmsi")},
                    t,
                    label,
                    grade,
                )
                links.append((subj, vid, "operates"))
                out.append(
                    M.message(
                        "fact.vessel", subject=ent.label, vessel=v.label, imo=v.attributes["imo"]
                    )
                )
    elif what == "shipments":
        for ship in sim.upcoming(handler=subj):
            shipments.append(ship.id)
            links.append((subj, ship.id, "handles"))
            out.append(sim.describe_shipment(ship.id, label, grade))
    return out


def _false_lead(sim: Simulation, src: Any, target: str, rng: random.Random) -> None:
    """A report as convincing as a true one, about an innocent look-alike or a phantom shipment."""
    w, k, t = sim.world, sim.knowledge, sim.env.now
    label = src.label["en"]
    grade = _grade(rng, src.reliability, False)
    decoy = w.entities[rng.choice(w.decoys)] if w.decoys else None
    facts: list[M.Message] = []
    if "shipments" in [r.value for r in src.reveals] and rng.random() < 0.5:
        sid = sim.phantom_shipment(rng)
        facts.append(sim.describe_shipment(sid, label, grade))
        if target in k.entities:
            k.link(target, sid, "handles", t, label, grade)
    elif decoy is not None:
        k.learn(decoy.id, decoy.type, decoy.label, person_attrs(decoy), t, label, grade)
        if target in k.entities:
            k.link(target, decoy.id, "associates_with", t, label, grade)
        k.support(decoy.id, grade)
        facts.append(
            M.message(
                "fact.contact", target=_name(sim, target), other=decoy.label, country=decoy.country
            )
        )
    else:
        facts.append(M.message("fact.nothing_new", target=_name(sim, target)))
    k.item(t, label, grade, "intel.report", _report(src, _name(sim, target), facts), "intel")
