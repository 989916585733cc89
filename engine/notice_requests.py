"""Asking INTERPOL for a notice, and what an accepted notice does to the world.

The request is checked against the rules (``engine.notices``) and logged either way.
Once published, a notice acts: a Blue Notice brings back where the person is after a few
days, a Silver Notice traces their assets and payments, a Purple Notice exposes the
concealment method to every country (and the network changes method after a while), and
Green and Red Notices flag the person's border crossings (see ``engine.interdiction``).
"""

from __future__ import annotations

from engine import actions as A
from engine import messages as M
from engine.notices import check_notice
from engine.records import NoticeRecord, Outcome
from engine.requests import refuse
from engine.simulation import Simulation
from engine.tariff import notice_delay
from engine.world import triangular_at


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
    label = k.entities[a.subject].label if a.subject in k.entities else a.subject
    if a.colour == "blue":
        delay = triangular_at(rng.random(), notice_delay("blue"))
        sim.answer(delay, lambda: _blue_answer(sim, a.subject), "blue", subject=label)
    elif a.colour == "purple":
        sim.purple_published(a.subject)
    elif a.colour == "silver":
        delay = triangular_at(rng.random(), notice_delay("silver"))
        sim.answer(delay, lambda: gather_assets(sim, a.subject), "silver", subject=label)
    sim.emit("notice_accepted")
    return Outcome(True, check.code, check.reason, {"colour": a.colour}, check.rule)


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
        M.sender("blue_notice"),
        "B2",
        "notice.blue",
        {
            "subject": ent.label,
            "nationality": ent.attributes["nationality"],
            "place": sim.locs[where].name if where in sim.locs else where,
        },
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
        M.sender("silver_notice"),
        "B2",
        "notice.silver",
        {"subject": ent.label, "account": acc.label, "payments": len(flows), "total": total},
        "notice",
    )
