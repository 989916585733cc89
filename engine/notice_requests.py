"""Asking INTERPOL for a notice, and what an accepted notice does to the world.

The request is checked against the rules (``engine.notices``) on what the trainee's case
holds on the subject (``basis``: their knowledge and the case file, never the ground
truth) and logged either way. A Red, Green or Purple Notice is published after the
General Secretariat's review (``legal.notice_review_days``); then it acts: a Purple Notice
exposes the concealment method to every member country (and the network changes method
after a while), and Green and Red Notices flag the person's border crossings (see
``engine.interdiction``). A Blue Notice brings back where the person is after a few days,
a Silver Notice traces their assets and payments (their answer delays include the review).
Nothing takes effect in a country outside INTERPOL (``engine.circulation``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from engine import actions as A
from engine import messages as M
from engine.evidence import ExhibitKind
from engine.intel import person_attrs
from engine.notices import Basis, NoticeCheck, Thresholds, check_notice
from engine.records import NoticeRecord, Outcome
from engine.requests import refuse
from engine.simulation import Simulation
from engine.tariff import notice_delay
from engine.world import triangular_at

REVIEWED = ("red", "green", "purple")  # take effect once published, after review
RECORD_KINDS = {k for k in ExhibitKind if k != ExhibitKind.report}  # exhibits, not intelligence


def believed_in(sim: Simulation, subject: str) -> str | None:
    """The country the trainee's knowledge places ``subject`` in: the last border crossing
    seen, else a location known from a report or a Blue Notice, else the country their
    reports give as the person's base; None when nothing does."""
    k = sim.knowledge
    for m in reversed(k.movements):
        if m.subject == subject and m.destination in sim.locs:
            return sim.locs[m.destination].country
    ent = k.entities.get(subject)
    if ent is None:
        return None
    where = ent.attributes.get("located")
    if where in sim.locs:
        return sim.locs[where].country
    if where in sim.countries:
        return str(where)
    country = ent.attributes.get("country")
    return str(country) if country in sim.countries else None


def basis(sim: Simulation, subject: str) -> Basis:
    """What the trainee's case holds on ``subject`` (see ``engine.notices.Basis``)."""
    k = sim.knowledge
    links = [x for x in k.links.values() if subject in (x.a, x.b)]
    exhibits = [e for e in sim.case_file.on(subject) if e.custody_kept]
    return Basis(
        evidence=k.evidence.get(subject, 0.0),
        record=subject in sim.arrested or any(e.kind in RECORD_KINDS for e in exhibits),
        # in the chart, or named by a graded report of this case (a tip-off, an informant)
        linked=bool(links) or k.evidence.get(subject, 0.0) > 0,
        account=any(
            x.a == subject
            and x.relation == "holds"
            and x.b in k.entities
            and k.entities[x.b].type == "account"
            for x in links
        ),
        financial=any(e.kind == ExhibitKind.financial for e in exhibits),
        believed_in=believed_in(sim, subject),
        non_members=sim.non_members,
    )


def subject_kind(sim: Simulation, subject: str) -> str | None:
    k = sim.knowledge
    if subject in k.concealments:
        return "concealment"
    return k.entities[subject].type if subject in k.entities else None


def check(sim: Simulation, colour: str, purpose: str, grounds: str, subject: str) -> NoticeCheck:
    """``check_notice`` on what the trainee's case holds; a diffusion asks the same."""
    legal = sim.scenario.legal
    return check_notice(
        colour,
        purpose,
        grounds,
        subject_kind(sim, subject),
        has_warrant=subject in sim.warrants,
        identifiers=sim.knowledge.identifiers(subject),
        min_identifiers=legal.min_identifiers,
        max_penalty_years=legal.max_penalty_years,
        basis=basis(sim, subject),
        thresholds=Thresholds(
            legal.notice_evidence, legal.blue_min_identifiers, sim.acting
        ),
    )


def named(sim: Simulation, subject: str) -> dict[str, object]:
    """The ``subject`` param of a message: a name, or a concealment's label in every language."""
    k = sim.knowledge
    if subject in k.entities:
        return {"subject": k.entities[subject].label}
    if subject in sim.conceal:
        return M.localized("subject", sim.conceal[subject].label)
    return {"subject": subject}


def request_notice(sim: Simulation, a: A.RequestNotice) -> Outcome:
    k, t = sim.knowledge, sim.env.now
    key = (a.colour, a.subject)
    if key in sim.notices or key in sim.notices_pending:
        return refuse(
            "notice.duplicate", f"a {a.colour.title()} Notice on this subject is already published"
        )
    verdict = check(sim, a.colour, a.purpose, a.grounds, a.subject)
    review = sim.scenario.legal.notice_review_days
    reviewed = verdict.accepted and a.colour in REVIEWED and review > 0
    record = NoticeRecord(
        a.colour,
        a.subject,
        "accepted" if verdict.accepted else "refused",
        verdict.code,
        verdict.reason,
        round(t, 3),
        params=dict(verdict.params),
    )
    if reviewed:  # the row says "under review" until the notice is published
        record = replace(
            record, code="notice.under_review", params={"day": round(t + review, 3)},
            reason=f"{a.colour.title()} Notice under review; published around day"
                   f" {t + review:.1f}")
    k.notices.append(record)
    if not verdict.accepted:
        return Outcome(False, verdict.code, verdict.reason,
                       {"colour": a.colour, **verdict.params}, verdict.rule)
    label = named(sim, a.subject)
    sim.emit("notice_accepted")
    if reviewed:
        sim.notices_pending.add(key)

        def published() -> None:
            _publish(sim, a.colour, a.subject)
            at = k.notices.index(record)  # the asker's file: now published
            k.notices[at] = replace(record, code=verdict.code, reason=verdict.reason,
                                    params={"day": round(sim.env.now, 3)})

        sim.answer(review, published, f"{a.colour}_published", **label)
        return Outcome(
            True,
            "notice.under_review",
            f"{a.colour.title()} Notice accepted for review; published around day {t + review:.1f}",
            {"colour": a.colour, "day": round(t + review, 3)},
        )
    _publish(sim, a.colour, a.subject)
    answer = {"blue": _blue_answer, "silver": gather_assets}.get(a.colour)
    if answer is None:
        return Outcome(True, verdict.code, verdict.reason, {"colour": a.colour}, verdict.rule)
    # A Blue or Silver Notice is known by its answer, whose delay includes the review.
    rng = sim.rng("notice", a.colour, a.subject)
    delay = triangular_at(rng.random(), notice_delay(a.colour))
    sim.answer(delay, lambda: answer(sim, a.subject), a.colour, **label)
    day = round(t + delay, 3)
    return Outcome(
        True, "notice.answer_due",
        f"{a.colour.title()} Notice accepted; after the General Secretariat's review, the"
        f" answer is due around day {day:.1f}",
        {"colour": a.colour, "day": day}, verdict.rule,
    )


def _publish(sim: Simulation, colour: str, subject: str) -> None:
    sim.notices_pending.discard((colour, subject))
    sim.notices[(colour, subject)] = sim.env.now
    if colour == "purple":
        sim.purple_published(subject)
    if sim.played:
        circulate(sim, colour, subject)


IDENTIFIERS = {"person": ("name", "date_of_birth", "nationality", "passport"),
               "company": ("name", "registration"), "vessel": ("name", "imo")}


def circulate(sim: Simulation, colour: str, subject: str) -> None:
    """A joint operation: the General Secretariat circulates a published notice to every
    member country, so every other team's file gets it, its subject's identifiers (or the
    method, for a Purple Notice) and a word in the inbox."""
    t, asked, ent = sim.env.now, sim.acting, sim.world.entities.get(subject)
    for side in list(sim.knowledge_of):
        if side == asked or side in sim.non_members:
            continue
        with sim.acting_as(side):
            k = sim.knowledge
            if ent is not None and ent.type in IDENTIFIERS:
                k.learn(subject, ent.type, ent.label, person_attrs(ent, IDENTIFIERS[ent.type]),
                        t, "INTERPOL notice", "B2")
            elif subject in sim.conceal:
                k.concealments.add(subject)
            k.notices.append(NoticeRecord(colour, subject, "accepted", "notice.circulated",
                                          "circulated by the General Secretariat", round(t, 3)))
            k.item(t, M.sender("general_secretariat"), "B2", "notice.circulated",
                   {"country": asked, **named(sim, subject)}, "notice")


def whereabouts(sim: Simulation, subject: str) -> tuple[Any, str, str] | None:
    """Where a person really is — (entity, place or country, country) — for the answers to
    a Blue Notice or a locate diffusion; None for anything but a person."""
    ent = sim.world.entities.get(subject)
    if ent is None or ent.type != "person":
        return None
    where = ent.attributes.get("location") or ent.country
    return ent, where, sim.locs[where].country if where in sim.locs else where


def _blue_answer(sim: Simulation, subject: str) -> None:
    k, t = sim.knowledge, sim.env.now
    if (found := whereabouts(sim, subject)) is None:
        return
    ent, where, country = found
    if country in sim.non_members:  # no NCB there: the notice was not circulated
        k.item(t, M.sender("blue_notice"), "B2", "notice.blue_no_trace", {"subject": ent.label},
               "notice")
        return
    k.learn(
        subject,
        "person",
        ent.label,
        {"located": where, "nationality": ent.attributes["nationality"]},
        t,
        "Blue Notice",
        "B2",
    )
    suffix, at = located(sim, where)
    k.item(t, M.sender("blue_notice"), "B2", f"notice.blue{suffix}",
           {"subject": ent.label, "nationality": ent.attributes["nationality"], **at}, "notice")


def located(sim: Simulation, where: str) -> tuple[str, dict[str, str]]:
    """How an answer says where a person is: a place by its name, or (known only by
    country) the country, which the reader names — the message code's suffix and params."""
    if where in sim.locs:
        return "", sim.place("place", where)
    return "_country", {"country": where}


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
