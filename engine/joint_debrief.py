"""The joint operation's debrief: each team rated on its own work, the operation as one, and
the connections the teams missed between them.

A regional operation is judged twice: each country's NEST on what it did (its seizures,
its arrests, the notices it asked for, the network it mapped, how early it acted — the very
measures and score of single play, ``engine.scoring``, counted on the team's own side:
``Simulation.credit`` says whose work each arrest and seizure was), and the operation as a
whole (every arrest and seizure, the network any team mapped, every team's budget).

What a joint debrief teaches that a single one cannot is the **missed connection**: one
team held what another needed and the two never met. Three rules find them, each with the
day, the teams, what and why it mattered:

* ``held_not_shared`` — a load got through (it was never seized, delivered under control
  or stopped by arrests) after passing a country team A plays, and team B knew the load
  or one of its handlers (the courier, the transporter...) by the day the load last was
  in A's country, while A did not know it by then: B never shared it in time.
* ``looked_for`` — team A acted on a member of the network (asked intelligence, a notice,
  a diffusion, a warrant or an arrest on them) and team B held a real link of that member
  A never got before the case ended.
* ``request_waiting`` — a request between teams was still unanswered when the load it was
  about (or any load, for an inspection of a place) passed the place or country it named:
  it waited longer than it took the load to go by.

A country whose team nobody played (no trainee was seated in it: ``simulated``) is played
by the simulation, like a partner country no team plays: it is not rated, it is neither
blamed for what it held nor owed anything in a missed connection (nobody could have shared
or asked), its file does not count as the operation's knowledge or means, and the debrief
says it was simulated. Its exchanges with the teams stay on the timeline — they happened.

The information-flow timeline lists every exchange between countries: each share (and
each share refused for a handling code), request, answer — a team's by hand, a simulated
partner's drawn (read from the asking side's inbox) — and notice circulated by the General
Secretariat, with its day, from, to and kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from engine.fates import SEIZED, shipment_records
from engine.meetings import MeetingReview, review
from engine.prosecution import case_records
from engine.records import Debrief, MemberRecord, Record, ScoreComponent
from engine.scoring import Side, components, measures, ratings, total

if TYPE_CHECKING:
    from engine.simulation import Simulation

GOT_THROUGH = ("missed", "in_transit")  # loads nobody stopped
LOOKED_FOR = ("request_intel", "request_notice", "request_diffusion", "request_warrant",
              "arrest")
FLOW_KINDS = ("share", "share_refused", "request", "accepted", "declined", "notice", "diffusion")
PARTNER_REQUESTS = ("inspection", "seizure", "arrest", "controlled_delivery", "freeze_assets")


@dataclass(frozen=True)
class TeamRating(Record):
    """One team's (or the operation's: ``country`` "joint") measures, score and ratings."""

    country: str
    measures: dict[str, float]
    components: list[ScoreComponent]
    score: float
    ratings: dict[str, str]  # objective id -> P/S/M/U
    seized: list[str]  # shipments it seized, delivered under control or kept from leaving
    arrested: list[str]  # members it arrested
    withheld: int  # shares refused for a 'do not share' handling code


@dataclass(frozen=True)
class MissedConnection(Record):
    """One team held (or was asked for) what another needed, and it never reached them."""

    kind: str  # held_not_shared | looked_for | request_waiting
    day: float  # when it mattered: the load last in A's country, or the request's load passing
    holder: str  # team B: held it, or was asked
    needed_by: str  # team A
    subjects: list[str]  # entity ids B held (or the request's subject)
    labels: list[str]  # their names (the truth is out)
    shipment: str | None = None
    place: str | None = None  # the place's name where the load passed
    request: str | None = None  # a request's id (request_waiting)
    since: float | None = None  # when B first held it / the request was sent
    kinds: list[str] = field(default_factory=list)  # each subject's type: a reader names a
    # shipment in its own words ("Envoi S737"), the others by their labels
    place_names: dict[str, str] = field(default_factory=dict)  # the place per language

    def place_in(self, lang: str) -> str:
        """The place's name in ``lang`` (its English name when it has none there)."""
        return self.place_names.get(lang) or self.place or ""


@dataclass(frozen=True)
class Flow(Record):
    """One exchange between two countries."""

    day: float
    from_country: str
    to_country: str
    kind: str  # FLOW_KINDS
    detail: str  # a request's kind, a notice's colour, a share's item count


@dataclass(frozen=True)
class JointDebrief(Record):
    scenario: str
    seed: int
    day: float
    teams: list[str]  # countries played, in the order they joined
    per_team: list[TeamRating]
    joint: TeamRating
    missed: list[MissedConnection]
    flows: list[Flow]
    handling_refused: dict[str, int]
    world: Debrief  # the hidden network revealed (members known: by any team), for panels
    known_by: dict[str, list[str]]  # member -> the teams that knew it at the end
    # each closed case meeting's agreed target list beside the real network
    meetings: list[MeetingReview] = field(default_factory=list)
    simulated: list[str] = field(default_factory=list)  # joined, but nobody played them


def team_side(sim: Simulation, country: str) -> Side:
    """What ``country``'s team did and knows: the arrests and finds credited to it."""
    credit = sim.credit
    arrested = {m: d for m, d in sim.arrested.items() if credit.get(m) == country}
    ships = {sid for sid, st in sim.ships.items()
             if (st.status in SEIZED and credit.get(sid) == country)
             or (st.status == "prevented" and any(m in arrested for m in st.blocked))}
    k, funds = sim.knowledge_of[country], sim.funds_of[country]
    return Side(arrested, ships, k.entities, own_notices(k), funds.spent, funds.total,
                [m for m in sim.wrongful if credit.get(m) == country])


def joint_side(sim: Simulation, teams: list[str] | None = None) -> Side:
    """The operation as one: every arrest and find, what any team knows, every team's means
    (``teams``: the countries people played; default every team's)."""
    sides = teams or sim.played or [sim.home]
    known: set[str] = set()
    notices = []
    for c in sides:
        known |= set(sim.knowledge_of[c].entities)
        notices += own_notices(sim.knowledge_of[c])
    return Side(sim.arrested, None, known, notices,
                sum(sim.funds_of[c].spent for c in sides),
                sum(sim.funds_of[c].total for c in sides), sim.wrongful)


def own_notices(k: Any) -> list[Any]:
    """The notices a side asked for (not the ones circulated to it)."""
    return [n for n in k.notices if n.code != "notice.circulated"]


def rating(sim: Simulation, country: str, side: Side) -> TeamRating:
    m = measures(sim, side)
    parts = components(sim, m, side.wrongful)
    ships = sorted(side.ships) if side.ships is not None else sorted(
        sid for sid, st in sim.ships.items() if st.status in (*SEIZED, "prevented"))
    withheld = (sim.withheld.get(country, 0) if country != "joint"
                else sum(sim.withheld.values()))
    return TeamRating(country, {k: round(v, 4) for k, v in m.items()}, parts, total(parts),
                      ratings(sim, m), ships, sorted(side.arrested), withheld)


def joint_debrief(sim: Simulation, scenario_id: str, seed: int,
                  simulated: tuple[str, ...] | list[str] = ()) -> JointDebrief:
    """``simulated``: countries that joined as teams but nobody played (see the module's
    story): left out of the ratings, the missed connections and the operation's sums."""
    gone = [c for c in sim.played if c in simulated]
    teams = [c for c in sim.played if c not in gone]
    per_team = [rating(sim, c, team_side(sim, c)) for c in teams]
    joint = rating(sim, "joint", joint_side(sim, teams))
    if gone:  # the operation's shares refused: only the played teams'
        joint = replace(joint, withheld=sum(sim.withheld.get(c, 0) for c in teams))
    w = sim.world
    known_by = {m: [c for c in teams if m in sim.knowledge_of[c].entities] for m in w.members}
    members = [
        MemberRecord(x, w.entities[x].label, w.entities[x].role or "", w.entities[x].group or "",
                     w.entities[x].country, round(w.betweenness.get(x, 0.0), 4),
                     x in sim.arrested, bool(known_by[x]))
        for x in w.members
    ]
    world = Debrief(
        scenario=scenario_id, seed=seed, members=members, edges=list(w.edges),
        shipments=shipment_records(sim), missed=[], ratings=joint.ratings,
        measures=joint.measures, components=joint.components, score=joint.score,
        wrongful_arrests=list(sim.wrongful), decisions=[], prosecutions=case_records(sim),
        handling_refused={c: n for c, n in sim.withheld.items() if c not in gone},
    )
    missed = sorted((m for m in held_not_shared(sim) + looked_for(sim) + requests_waiting(sim)
                     if m.holder not in gone and m.needed_by not in gone),
                    key=lambda x: (x.day, x.kind, x.needed_by, x.holder))
    return JointDebrief(scenario_id, seed, round(sim.env.now, 4), teams, per_team, joint,
                        missed, flows(sim),
                        {c: n for c, n in sim.withheld.items() if c not in gone}, world,
                        known_by, review(sim), gone)


# --- missed connections ------------------------------------------------------------------
def _label(sim: Simulation, eid: str) -> str:
    ent = sim.world.entities.get(eid)
    if ent is None and eid in sim.ships:  # a load, as the teams' files name it
        return f"Shipment {eid}"  # (engine.reports: Knowledge.learn of a found load)
    return ent.label if ent is not None else eid


def _kinds(sim: Simulation, eids: list[str]) -> list[str]:
    """What each subject is, so that a reader names a load in its own language."""
    w = sim.world.entities
    return [w[x].type if x in w else "shipment" if x in sim.ships else "" for x in eids]


def _knew_by(k: Any, eid: str, day: float) -> float | None:
    """The day a side first held ``eid``, if it did by ``day``."""
    ent = k.entities.get(eid)
    return ent.first_seen if ent is not None and ent.first_seen <= day + 1e-9 else None


def held_not_shared(sim: Simulation) -> list[MissedConnection]:
    out = []
    teams = list(sim.played)
    for sid, st in sim.ships.items():
        if st.status not in GOT_THROUGH or not st.passed:
            continue
        subjects = [sid, *dict.fromkeys(st.handlers.values())]
        for a in teams:
            here = [(loc, day) for loc, day in st.passed if sim.locs[loc].country == a]
            if not here:
                continue
            place, day = max(here, key=lambda p: p[1])  # the last day it was in A's country
            ka = sim.knowledge_of[a]
            for b in teams:
                if b == a:
                    continue
                kb = sim.knowledge_of[b]
                held = {x: t for x in subjects
                        if (t := _knew_by(kb, x, day)) is not None and _knew_by(ka, x, day) is None}
                if held:
                    out.append(MissedConnection(
                        "held_not_shared", round(day, 3), b, a, list(held),
                        [_label(sim, x) for x in held], sid, sim.locs[place].name_en, None,
                        round(min(held.values()), 3), _kinds(sim, list(held)),
                        sim.locs[place].names))
    return out


def looked_for(sim: Simulation) -> list[MissedConnection]:
    out = []
    teams, w = list(sim.played), sim.world
    real = set(w.members) | set(sim.ships)
    for a in teams:
        first: dict[str, float] = {}
        for d in sim.decisions_of[a]:
            subject = d.params.get("subject") or d.params.get("target")
            if d.kind in LOOKED_FOR and subject in w.members and subject not in first:
                first[subject] = d.t
        ka = sim.knowledge_of[a]
        for m, t_a in first.items():
            for b in teams:
                if b == a:
                    continue
                links = [ln for key, ln in sim.knowledge_of[b].links.items()
                         if m in key[:2] and key not in ka.links
                         and (key[1] if key[0] == m else key[0]) in real]
                if links:
                    others = list(dict.fromkeys(x.b if x.a == m else x.a for x in links))
                    since = min(ln.t for ln in links)
                    out.append(MissedConnection(
                        "looked_for", round(max(t_a, since), 3), b, a, [m, *others],
                        [_label(sim, x) for x in (m, *others)], None, None, None,
                        round(since, 3), _kinds(sim, [m, *others])))
    return out


def requests_waiting(sim: Simulation) -> list[MissedConnection]:
    out = []
    now = sim.env.now
    for r in sim.team_requests:
        until = r.answered_t if r.answered_t is not None else now
        subject = r.params.get("subject")
        if r.params.get("shipment"):
            ships = [r.params["shipment"]]
        elif r.kind == "arrest":
            ships = [sid for sid, st in sim.ships.items() if subject in st.handlers.values()]
        elif r.kind == "inspection":
            ships = list(sim.ships)
        else:
            continue
        place = r.params.get("location")
        passes = []
        for sid in ships:
            st = sim.ships.get(sid)
            if st is None:
                continue
            for loc, day in st.passed:
                at = loc == place if place else sim.locs[loc].country == r.to_country
                caught = st.status in SEIZED and st.where == loc
                if at and r.t - 1e-9 <= day < until - 1e-9 and not caught:
                    passes.append((day, sid, loc))
        if passes:
            day, sid, loc = min(passes)
            subjects = [subject] if subject else [sid]
            out.append(MissedConnection(
                "request_waiting", round(day, 3), r.to_country, r.from_country, subjects,
                [_label(sim, x) for x in subjects], sid, sim.locs[loc].name_en, r.id, r.t,
                _kinds(sim, subjects), sim.locs[loc].names))
    return out


# --- the information-flow timeline -------------------------------------------------------
def _asked(sim: Simulation, side: str, d: Any) -> list[str]:
    """The simulated partner countries an accepted request of ``side`` went to."""
    p = d.params
    if d.kind == "controlled_delivery":
        req = sim.cd_asked.get(p.get("shipment", ""))
        states = list(req.countries) if req is not None else []
    elif d.kind in ("inspection", "seizure"):
        loc = sim.locs.get(p.get("location", ""))
        states = [loc.country] if loc is not None else []
    else:
        ent = sim.world.entities.get(p.get("subject") or p.get("account") or "")
        states = [ent.country] if ent is not None else []
    return [c for c in states if c != side and c not in sim.played]


# A simulated partner's answer to a request, as the asking side's inbox has it: the message
# code -> (flow kind, the request's kind). (A team's answers are its answered requests.)
ANSWERS = {
    "partner.inspection_agreed": ("accepted", "inspection"),
    "partner.inspection_declined": ("declined", "inspection"),
    "partner.seizure_agreed": ("accepted", "seizure"),
    "partner.seizure_declined": ("declined", "seizure"),
    "partner.cd_state_agreed": ("accepted", "controlled_delivery"),
    "partner.cd_state_refused": ("declined", "controlled_delivery"),
    "partner.arrest_failed": ("declined", "arrest"),
    "finance.frozen": ("accepted", "freeze_assets"),
    "finance.freeze_declined": ("declined", "freeze_assets"),
}


def _answered(i: Any) -> tuple[str, str, str] | None:
    """(country, flow kind, request kind) when inbox item ``i`` is a partner's answer to a
    request; an arrest made on request is told as the arrest (``arrest.on_request``)."""
    if i.code == "partner.arrest":
        how = i.params.get("how_msg") or {}
        if how.get("code") != "arrest.on_request":
            return None  # caught with a load, on a Red Notice at a border: no answer
        return str(how["params"].get("country", "")), "accepted", "arrest"
    said = ANSWERS.get(i.code)
    return None if said is None else (str(i.params.get("country", "")), *said)


def flows(sim: Simulation) -> list[Flow]:
    out = []
    for side, k in sim.knowledge_of.items():  # the answers of partners no team plays
        for i in k.inbox:
            if (answer := _answered(i)) is not None:
                country, kind, what = answer
                if country and country != side and country not in sim.played:
                    out.append(Flow(i.t, country, side, kind, what))
    for side, decisions in sim.decisions_of.items():
        for d in decisions:
            if d.kind != "share_intel" or not d.params.get("country"):
                continue
            if d.accepted:
                n = len(d.params.get("items") or ())
                out.append(Flow(d.t, side, d.params["country"], "share", str(n) if n else "file"))
            elif d.code == "handling.not_shareable":
                out.append(Flow(d.t, side, d.params["country"], "share_refused",
                                str(len(d.params.get("items") or ()))))
        for d in decisions:  # requests to a partner no team plays (its answer is drawn)
            if d.accepted and d.kind in PARTNER_REQUESTS and d.code != "request.sent_to_team":
                for to in _asked(sim, side, d):
                    out.append(Flow(d.t, side, to, "request", d.kind))
        for sent in sim.knowledge_of[side].notices:
            if sent.via == "diffusion" and sent.status == "accepted":
                out += [Flow(sent.t, side, c, "diffusion", sent.colour) for c in sent.countries]
    for r in sim.team_requests:
        out.append(Flow(r.t, r.from_country, r.to_country, "request", r.kind))
        if r.answered_t is not None:
            out.append(Flow(r.answered_t, r.to_country, r.from_country, r.status, r.kind))
    for side, k in sim.knowledge_of.items():  # each circulated notice files a record and
        records = [n for n in k.notices if n.code == "notice.circulated"]  # an inbox line
        items = [i for i in k.inbox if i.code == "notice.circulated"]  # together, in order
        for rec, i in zip(records, items, strict=False):
            out.append(Flow(rec.t, str(i.params.get("country", "")), side, "notice", rec.colour))
    return sorted(out, key=lambda f: (f.day, FLOW_KINDS.index(f.kind), f.from_country,
                                      f.to_country))
