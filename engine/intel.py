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
from engine.credibility import Claim, Holdings, credibility
from engine.messages import TEMPLATES
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


# Inbox ids I001 .. I999, made once: an id is formatted for every report of every run.
_ITEM_IDS = tuple(f"I{n:03d}" for n in range(1, 1000))
# An Admiralty grade ("B2") as the item keeps it: reliability "B", credibility 2.
_GRADES = {f"{r}{c}": (r, c) for r in "ABCDEF" for c in range(1, 7)}


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
    # entities another team gave under 'do not share': kept out of a whole-file share
    restricted: set[str] = field(default_factory=set)
    pointers: list[tuple[str, str, float]] = field(
        default_factory=list
    )  # (item id, shipment id, t)
    held: Holdings = field(default_factory=Holdings)  # who said what, to grade what comes next

    def item(
        self,
        t: float,
        source: str | M.Message,
        grade: str,
        code: str,
        params: dict[str, Any],
        kind: str,
        handling: str = "share",
    ) -> str:
        """File a report: its English text comes from the template of ``code``; a fixed
        sender (``M.sender``) is kept in the params as ``source_msg``."""
        inbox = self.inbox
        n = len(inbox)
        iid = _ITEM_IDS[n] if n < 999 else f"I{n + 1:03d}"
        if code not in TEMPLATES:
            raise KeyError(f"no inbox template {code!r}")
        if not isinstance(source, str):
            params = {**params, **M.source_said(source)}
            source = params["source"]
        graded = _GRADES.get(grade) or (grade[0], int(grade[1]))
        inbox.append(
            InboxItem(iid, round(t, 3), source, graded[0], graded[1], kind, code, params, handling)
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
        attrs = dict(attrs)  # the file's own copy, as the report said it
        self.held.entity(eid, attrs, source)
        old = self.entities.get(eid)
        if old is None:
            self.entities[eid] = KnownEntity(eid, typ, label, attrs, round(t, 3), source, grade)
        elif any(old.attributes.get(k) != v for k, v in attrs.items()):
            merged = {**old.attributes, **attrs}
            self.entities[eid] = KnownEntity(
                eid, typ, label, merged, old.first_seen, old.source, min(old.grade, grade)
            )

    def link(self, a: str, b: str, relation: str, t: float, source: str, grade: str) -> None:
        self.held.link(a, b, relation, source)
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


def person_attrs(ent: Any, keys: tuple[str, ...] = ("name",)) -> dict[str, Any]:
    out = {k: ent.attributes[k] for k in keys if k in ent.attributes}
    out["country"] = ent.country
    return out


class _Report:
    """A report being written: what it says is held back until it is graded against the
    case file (``engine.credibility``), then filed with that grade."""

    def __init__(self, sim: Simulation, src: Any) -> None:
        self.sim, self.src, self.label = sim, src, src.label["en"]
        self.entities: list[tuple[str, str, str, dict[str, Any]]] = []
        self.links: list[tuple[str, str, str]] = []  # filed, and evidence on persons/companies
        self.loose: list[tuple[str, str, str]] = []  # filed, not evidence (a false lead's tie)
        self.shipments: list[str] = []
        self.backed: list[str] = []  # entities the report counts as evidence against
        self.absent: list[str] = []  # "nothing on them"
        self.subject: str | None = None

    def learn(self, eid: str, typ: str, label: str, attrs: dict[str, Any]) -> None:
        self.entities.append((eid, typ, label, dict(attrs)))

    def claims(self) -> list[Claim]:
        out = [Claim("subject", self.subject)] if self.subject else []
        out += [Claim("absent", e) for e in self.absent]
        described = [(sid, self.sim.shipment_attrs(sid)) for sid in self.shipments]
        for eid, _typ, _label, attrs in [*self.entities, *((s, "", "", a) for s, a in described)]:
            out.append(Claim("subject", eid))
            out += [Claim("attr", eid, k, v) for k, v in attrs.items()]
        out += [Claim("link", a, b, rel) for a, b, rel in (*self.links, *self.loose)]
        return out

    def grade(self) -> str:
        k, rel = self.sim.knowledge, self.src.reliability
        return f"{rel}{credibility(k.held, self.claims(), self.label, rel)}"

    def file(self, code: str, params: dict[str, Any], facts: list[M.Message | str]) -> str:
        """Grade, learn what the report says, and put it in the inbox; a ``str`` among the
        facts is a shipment described once graded."""
        sim, k, t = self.sim, self.sim.knowledge, self.sim.env.now
        grade = self.grade()
        for eid, typ, label, attrs in self.entities:
            k.learn(eid, typ, label, attrs, t, self.label, grade)
        said = [sim.describe_shipment(f, self.label, grade) if isinstance(f, str) else f for f in facts]
        if code == "intel.report":
            params = {**params, **M.joined("facts", said)}
        iid = k.item(t, self.label, grade, code, params, "intel")
        for a, b, rel in self.links:
            k.link(a, b, rel, t, self.label, grade)
            for e in (a, b):
                if sim.world.entities.get(e) is not None and sim.world.entities[e].type in (
                    "person",
                    "company",
                ):
                    k.support(e, grade)
        for a, b, rel in self.loose:
            k.link(a, b, rel, t, self.label, grade)
        for e in self.backed:
            k.support(e, grade)
        k.pointers += [(iid, s, t) for s in self.shipments]
        return iid


def gather(sim: Simulation, source_id: str, target: str, rng: random.Random) -> None:
    """Deliver one intelligence report about ``target`` from ``source_id`` into the inbox."""
    w = sim.world
    src = next(s for s in sim.scenario.intel_sources if s.id == source_id)
    rep = _Report(sim, src)
    false_lead = rng.random() < src.false_lead_rate
    true_member = target in w.entities and w.entities[target].group is not None
    at_location = any(loc.id == target for loc in sim.scenario.locations)
    if false_lead or not (true_member or at_location or target in w.vessels):
        if not false_lead:
            rep.absent.append(target)
            rep.file(
                "intel.nothing",
                {**M.localized("source", src.label), **_name(sim, target)},
                [],
            )
            return
        _false_lead(sim, rep, target, rng)
        return
    rep.subject = target
    facts: list[M.Message | str] = []
    subjects = (
        [target]
        if not at_location
        else [m for m in w.members if w.entities[m].attributes.get("location") == target]
    )
    if target in w.vessels:  # a vessel leads to its operator, whom the report names
        vessel = w.entities[target]
        subjects = [vessel.attributes["operator"]]
        operator = w.entities[subjects[0]]
        rep.learn(operator.id, operator.type, operator.label, person_attrs(operator))
        rep.links.append((subjects[0], target, "operates"))
        facts.append(M.message("fact.vessel", subject=operator.label, vessel=vessel.label,
                               imo=vessel.attributes["imo"]))
    for reveal in src.reveals:
        if at_location and reveal.value == "shipments":
            subjects_here: list[str] = []  # the loads through the place, not who handles them
        else:
            subjects_here = subjects[:3]
        for subj in subjects_here:
            facts += _reveal(sim, reveal.value, subj, rng, rep)
        if reveal.value == "shipments" and at_location:
            for ship in sim.upcoming(through=target):
                if ship.id not in rep.shipments:  # named once, however many handle it
                    rep.shipments.append(ship.id)
                    facts.append(ship.id)
    if not facts:
        facts = [M.message("fact.nothing_new", **_name(sim, target))]
    rep.file("intel.report", _report(src, _name(sim, target)), facts)


def _report(src: Any, target: dict[str, Any]) -> dict[str, Any]:
    return {**M.localized("source", src.label), **target}


def _name(sim: Simulation, eid: str, param: str = "target") -> dict[str, Any]:
    """The params naming ``eid``: a known entity by its label, a place in the reader's words."""
    ent = sim.knowledge.entities.get(eid)
    if ent is not None:
        return {param: ent.label}
    return sim.place(param, eid) if eid in sim.locs else {param: eid}


def _reveal(
    sim: Simulation, what: str, subj: str, rng: random.Random, rep: _Report
) -> list[M.Message | str]:
    w, k = sim.world, sim.knowledge
    ent = w.entities[subj]
    links = rep.links
    out: list[M.Message | str] = []
    first = len(rep.entities)  # the subject goes in the file first, if the report names them
    if what == "associates":
        neigh = w.outgoing(subj)  # the same order as ``neighbours``: the same draws
        for nid, rel, acts in rng.sample(neigh, min(2, len(neigh))):
            n = w.entities[nid]
            rep.learn(nid, n.type, n.label, person_attrs(n))
            links.append((subj, nid, rel))
            out.append(
                M.message(
                    # who pays, bribes or instructs whom, as the scenario has it
                    "fact.associate" if acts else "fact.associate_by",
                    subject=ent.label,
                    **M.relation("relation", rel),
                    other=n.label,
                    country=n.country,
                )
            )
    elif what == "identifiers" and ent.type == "person":
        keys = ("name", "date_of_birth", "nationality", "passport")
        rep.learn(subj, "person", ent.label, person_attrs(ent, keys))
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
        rep.learn(subj, ent.type, ent.label, {"located": where})
        out.append(M.message("fact.location", subject=ent.label, **_name(sim, where, "place"))
                   if where != ent.country  # a place; else the country, named by the reader
                   else M.message("fact.location_country", subject=ent.label, country=where))
    elif what == "phones" and subj in w.phones:
        ph = w.entities[w.phones[subj]]
        rep.learn(ph.id, "phone", ph.label, {"number": ph.label})
        rep.learn(subj, "person", ent.label, {"phone": ph.label})
        links.append((subj, ph.id, "uses"))
        called = sorted(
            {b for a, b in sim.calls if a == subj} | {a for a, b in sim.calls if b == subj}
        )
        for other in [c for c in called if c in w.phones][:4]:
            oph = w.entities[w.phones[other]]
            rep.learn(oph.id, "phone", oph.label, {"number": oph.label})
            links.append((ph.id, oph.id, "calls"))
            o = w.entities[other]
            rep.learn(other, "person", o.label, {**person_attrs(o), "phone": oph.label})
            links.append((other, oph.id, "uses"))
        out.append(
            M.message("fact.phone_contacts", subject=ent.label, phone=ph.label, contacts=len(called))
            if called
            else M.message("fact.phone", subject=ent.label, phone=ph.label)
        )
    elif what == "accounts":
        acc = w.entities[w.accounts[subj]]
        rep.learn(acc.id, "account", acc.label, {"number": acc.label})
        links.append((subj, acc.id, "holds"))
        for payer, payee, _amount in sim.payments:
            if subj in (payer, payee):
                other = payee if payer == subj else payer
                oacc, o = w.entities[w.accounts[other]], w.entities[other]
                rep.learn(oacc.id, "account", oacc.label, {"number": oacc.label})
                rep.learn(other, o.type, o.label, person_attrs(o))
                links += [(w.accounts[payer], w.accounts[payee], "pays"), (other, oacc.id, "holds")]
        out.append(M.message("fact.account", subject=ent.label, account=acc.label))
    elif what == "vessels":
        for vid in w.vessels:
            v = w.entities[vid]
            if v.attributes.get("operator") == subj:
                keys = ("name", "flag", "imo", "mmsi")
                said = {x: v.attributes[x] for x in keys if x in v.attributes}
                rep.learn(vid, "vessel", v.label, said)
                links.append((subj, vid, "operates"))
                out.append(
                    M.message(
                        "fact.vessel", subject=ent.label, vessel=v.label, imo=v.attributes["imo"]
                    )
                )
    elif what == "shipments":
        for ship in sim.upcoming(handler=subj):
            links.append((subj, ship.id, "handles"))
            if ship.id not in rep.shipments:  # a load several members handle: named once
                rep.shipments.append(ship.id)
                out.append(ship.id)
    if (out or subj == rep.subject) and subj not in k.entities and ent.type in ("person", "company"):
        rep.entities.insert(first, (subj, ent.type, ent.label, person_attrs(ent)))
    return out


def _false_lead(sim: Simulation, rep: _Report, target: str, rng: random.Random) -> None:
    """A report as convincing as a true one, about an innocent look-alike or a phantom
    shipment. It is graded by the same rules as any report, so only corroboration tells
    it apart: never "confirmed" unless another source already said the same. On a person,
    a firm or a vessel, the look-alike is "in regular contact" with it; on a place, it is
    linked to recent activity there (a port is in contact with nobody). The wording is
    chosen after the draws, so a false lead draws the same numbers in the same order."""
    w, k, src = sim.world, sim.knowledge, rep.src
    decoy = w.entities[rng.choice(w.decoys)] if w.decoys else None
    rep.subject = target
    facts: list[M.Message | str] = []
    if "shipments" in [r.value for r in src.reveals] and rng.random() < 0.5:
        sid = sim.phantom_shipment(rng)
        rep.shipments.append(sid)
        facts.append(sid)
        if target in k.entities:
            rep.loose.append((target, sid, "handles"))
    elif decoy is not None:
        rep.learn(decoy.id, decoy.type, decoy.label, person_attrs(decoy))
        if target in k.entities:
            rep.loose.append((target, decoy.id, "associates_with"))
        rep.backed.append(decoy.id)
        place = target in sim.locs  # a port, a market, a border post
        facts.append(
            M.message(
                "fact.place_contact" if place else "fact.contact",
                **_name(sim, target), other=decoy.label, country=decoy.country,
            )
        )
    else:
        facts.append(M.message("fact.nothing_new", **_name(sim, target)))
    rep.file("intel.report", _report(src, _name(sim, target)), facts)
