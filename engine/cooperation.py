"""Working with partners: sharing the case file and regional case meetings.

Sharing intelligence with a partner builds trust (its agencies act more often on later
requests) and brings back a name from its files. A regional investigative and analytical
case meeting, at a cost and at most once a month, pools what the partners hold on
members based in their countries.
"""

from __future__ import annotations

from engine import actions as A
from engine import messages as M
from engine.events import Event
from engine.intel import person_attrs
from engine.joint import HANDLING_RULE
from engine.records import InboxItem, Outcome
from engine.requests import _pay, _spend, ok, refuse
from engine.simulation import Simulation
from engine.tariff import MEETING_DAYS, SHARE_REPLY_DAYS


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
    if a.country not in sim.partner_codes or a.country == sim.acting:
        return refuse(
            "share.bad_country", f"'{a.country}' is not a partner country in this exercise"
        )
    k = sim.knowledge
    inbox = {i.id: i for i in k.inbox}
    missing = [i for i in a.items or () if i not in inbox]
    if missing:
        return refuse("share.unknown_item", f"not in your inbox: {', '.join(missing)}",
                      items=", ".join(missing))
    barred = [inbox[i] for i in a.items or () if not shareable(inbox[i])]
    if barred:
        sim.withheld[sim.acting] = sim.withheld.get(sim.acting, 0) + 1
        # each report by its day and sender, as the desk shows it (never its number)
        said = M.joined("items", [M.report_listed(i.t, i.source, i.params) for i in barred])
        return refuse(
            "handling.not_shareable",
            f"{said['items']} came from another country under 'do not share': it may not"
            " be passed on without the originator's consent",
            HANDLING_RULE,
            **said,
        )
    if sim.played_by_team(a.country):
        return _share_with_team(sim, a)
    if a.country in sim.trust.shared:
        return refuse("share.already", f"you already shared your case file with {a.country}")
    sim.trust.share(a.country)

    def reply() -> None:
        n = _partner_shares(sim, a.country, 1, f"NCB {a.country}")
        sim.knowledge.item(
            sim.env.now,
            M.sender("ncb", country=a.country),
            "B3",
            "partner.share_reply",
            {"country": a.country, "n": n},
            "partner",
        )

    sim.answer(SHARE_REPLY_DAYS, reply, "share", country=a.country)
    return ok(
        "share.sent",
        f"case file shared with {a.country}; their cooperation improves",
        country=a.country,
    )


def shareable(item: InboxItem) -> bool:
    """May this inbox item be passed on? Not when another country gave it under
    'do not share' (its own reports its country may share as it likes)."""
    return not (item.handling == "no_share" and "shared_by" in item.params)


def _share_with_team(sim: Simulation, a: A.ShareIntel) -> Outcome:
    """The case file (or chosen items) lands in the inbox of the team playing the country,
    under the handling code the sender chose; an item received under 'do not share' stays."""
    mine, theirs, t = sim.knowledge, sim.knowledge_of[a.country], sim.env.now
    handling = a.handling or "share"
    who = sim.acting
    if a.items:
        wanted = set(a.items)
        for item in mine.inbox:
            if item.id in wanted:
                params = {**item.params, "shared_by": who}
                theirs.item(t, item.source, f"{item.reliability}{item.credibility}", item.code,
                            params, item.kind, handling)
        n = len(wanted)
    else:
        source = f"NCB {who}"
        restricted = mine.restricted
        n = 0
        for eid, e in mine.entities.items():
            if eid in restricted:
                continue
            theirs.learn(eid, e.type, e.label, dict(e.attributes), t, source, "B2")
            n += 1
            if handling == "no_share":
                theirs.restricted.add(eid)
        for (x, y, rel) in mine.links:
            if x not in restricted and y not in restricted:
                theirs.link(x, y, rel, t, source, "B2")
    theirs.item(t, M.sender("ncb", country=who), "B2", "partner.team_shared",
                {"country": who, "n": n, **M.nested("handling", M.message(f"handling.{handling}")),
                 "shared_by": who}, "partner",
                handling)
    return ok(
        "share.sent_to_team",
        f"shared with the team playing {a.country} ({n} item(s), handling: {handling})",
        country=a.country,
        n=n,
    )


def case_meeting(sim: Simulation, a: A.CaseMeeting) -> Outcome:
    bad = [c for c in a.countries if c not in sim.partner_codes]
    if bad:
        return refuse("meeting.bad_country", f"not in this exercise: {', '.join(bad)}")
    last = sim.event_log.last_day(Event.case_meeting_called)
    gap = sim.tuning.case_meeting_interval_days
    if last is not None and sim.env.now - last < gap:
        return refuse(
            "meeting.too_soon",
            f"a regional case meeting was convened less than {gap:g} days ago",
            days=gap,
        )
    cost = sim.scenario.resources.case_meeting_cost
    if (r := _pay(sim, cost)) is not None:
        return r
    _spend(sim, cost)
    sim.emit(Event.case_meeting_called)

    def meet() -> None:
        n = sum(
            _partner_shares(sim, c, 99, "Regional case meeting") for c in sorted(set(a.countries))
        )
        for c in sorted(set(a.countries)):
            sim.trust.raise_(c)
        sim.knowledge.item(
            sim.env.now,
            M.sender("case_meeting"),
            "B3",
            "partner.case_meeting",
            {"countries": ", ".join(sorted(set(a.countries))), "n": n},
            "partner",
        )
        sim.emit(Event.case_meeting)

    sim.answer(MEETING_DAYS, meet, "meeting", countries=", ".join(sorted(set(a.countries))))
    return ok(
        "meeting.convened",
        f"the meeting will take place in {MEETING_DAYS:g} days",
        cost=cost,
        days=MEETING_DAYS,
    )
