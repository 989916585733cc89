"""A regional case meeting between the teams of a joint operation.

INTERPOL's regional investigative and analytical case meetings put the investigators of
several countries round one table: each says what it holds on the case, the meeting leaves
with one shared picture and a list of targets, each with the country that will act on it.
Here any team's NCB officer proposes a meeting (``propose_meeting``, with the teams it
invites); the control cell convenes it (``convene_meeting``) and closes it
(``close_meeting``). While it is open each invited team puts on the table what it chooses
from its own file (``table_items``: entities, links and inbox items it holds) — an item it
received under 'do not share', or an entity it got in a 'do not share' case file, stays
off the table (``handling.not_shareable``, the 3x5x2 rule) — and proposes the targets it
will own (``propose_target``: a person to arrest, a shipment to seize, from its file or
from the table; one owner per target — a company is no person: it cannot be arrested), or
takes one of its own back while the meeting is open (``withdraw_target``: another team may
then own it). The targets proposed when the meeting
closes are the agreed list: an agreement by commitment, as at a real meeting where each
country says what it will do and the chair reads the list back. On closing, what was tabled
reaches every participant's file, credited to the country that tabled it.

The single-player ``case_meeting`` (simulated partners, ``engine.cooperation``) is a
different action and is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engine import actions as A
from engine import messages as M
from engine.cooperation import shareable
from engine.joint import HANDLING_RULE
from engine.network import LEADING_ROLES
from engine.records import InboxItem, Outcome, Record
from engine.requests import not_a_person, ok, refuse

if TYPE_CHECKING:
    from engine.simulation import Simulation

MEETING_RULE = "Regional case meeting: the control cell convenes and closes it; only the" \
    " teams invited take part"
TARGET_TYPES = {"arrest": ("person",), "seizure": ("shipment",)}  # a company: its loads


@dataclass
class Target(Record):
    """One line of the agreed target list: what, the action, the team that owns it."""

    target: str
    label: str  # the name a file gives it (a shipment's is English: readers use ``kind``)
    action: str  # arrest | seizure
    owner: str  # the country of the team that will act
    t: float
    kind: str = ""  # person | shipment: how a reader's desk names it (``M.entity``)

    def named(self, name: str = "target") -> dict[str, Any]:
        return M.entity(name, self.target, self.kind, self.label)


@dataclass
class Tabled(Record):
    """What one team put on the table."""

    entities: list[str] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass
class Meeting(Record):
    id: str
    proposed_by: str
    proposed_t: float
    countries: list[str]  # participants: the proposer first, then the teams invited
    agenda: str | None
    status: str = "proposed"  # proposed | open | closed
    convened_t: float | None = None
    closed_t: float | None = None
    tabled: dict[str, Tabled] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # tabled entity -> label
    reports: dict[str, InboxItem] = field(default_factory=dict)  # tabled inbox item id -> the item
    kinds: dict[str, str] = field(default_factory=dict)  # tabled entity -> its type

    def copy(self) -> Meeting:
        return Meeting(self.id, self.proposed_by, self.proposed_t, list(self.countries),
                       self.agenda, self.status, self.convened_t, self.closed_t,
                       {c: Tabled(list(x.entities), list(x.links), list(x.items))
                        for c, x in self.tabled.items()},
                       list(self.targets), dict(self.labels), dict(self.reports),
                       dict(self.kinds))


def _joint_only(sim: Simulation) -> Outcome | None:
    if not sim.played:
        return refuse("meeting.joint_only", "a regional case meeting between teams needs a"
                      " joint operation (single play: case meeting)", MEETING_RULE)
    return None


def _find(sim: Simulation, mid: str) -> Meeting | None:
    return next((m for m in sim.meetings if m.id == mid), None)


def propose_meeting(sim: Simulation, a: A.ProposeMeeting) -> Outcome:
    if (r := _joint_only(sim)) is not None:
        return r
    invited = list(dict.fromkeys(sim.played if a.countries is None else a.countries))
    bad = [c for c in invited if c not in sim.played]
    if bad:
        return refuse("meeting.not_a_team", f"no team plays {', '.join(bad)}", MEETING_RULE,
                      countries=", ".join(bad))
    countries = [sim.acting, *(c for c in invited if c != sim.acting)]
    if len(countries) < 2:
        return refuse("meeting.alone", "a case meeting needs at least one other team",
                      MEETING_RULE)
    waiting = next((m for m in sim.meetings
                    if m.status == "proposed" and m.proposed_by == sim.acting), None)
    if waiting is not None:  # one proposal at a time: the control cell has one to answer
        return refuse("meeting.already_proposed",
                      f"your proposal {waiting.id} waits for the control cell", MEETING_RULE,
                      meeting=waiting.id)
    mid = f"M{len(sim.meetings) + 1:03d}"
    sim.meetings.append(Meeting(mid, sim.acting, round(sim.env.now, 6), countries, a.rationale))
    return ok("meeting.proposed", f"meeting {mid} proposed to the control cell with"
              f" {', '.join(countries[1:])}", meeting=mid,
              countries=", ".join(countries[1:]))  # the others, as the English says


def convene_meeting(sim: Simulation, a: A.ConveneMeeting) -> Outcome:
    if (r := _joint_only(sim)) is not None:
        return r
    m = _find(sim, a.meeting)
    if m is None:
        return refuse("meeting.unknown", f"no meeting {a.meeting}", meeting=a.meeting)
    if m.status != "proposed":
        return refuse("meeting.not_proposed", f"meeting {m.id} is already {m.status}",
                      MEETING_RULE, meeting=m.id)
    if any(x.status == "open" for x in sim.meetings):
        return refuse("meeting.one_at_a_time", "another meeting is open: close it first",
                      MEETING_RULE, meeting=m.id)
    m.status, m.convened_t = "open", round(sim.env.now, 6)
    for c in m.countries:
        sim.knowledge_of[c].item(sim.env.now, M.sender("case_meeting"), "A1",
                                 "meeting.convened",
                                 {"meeting": m.id, "countries": ", ".join(m.countries)},
                                 "partner")
    return ok("meeting.convened_teams", f"meeting {m.id} is open", meeting=m.id)


def _open_for(sim: Simulation, mid: str) -> Meeting | Outcome:
    if (r := _joint_only(sim)) is not None:
        return r
    m = _find(sim, mid)
    if m is None or sim.acting not in m.countries:  # another team's meeting: not named
        return refuse("meeting.not_invited", f"your team does not sit in meeting {mid}",
                      MEETING_RULE, meeting=mid)
    if m.status != "open":
        return refuse("meeting.not_open", f"meeting {mid} is not open", MEETING_RULE,
                      meeting=mid)
    return m


def table_items(sim: Simulation, a: A.TableItems) -> Outcome:
    m = _open_for(sim, a.meeting)
    if isinstance(m, Outcome):
        return m
    k = sim.knowledge
    inbox = {i.id: i for i in k.inbox}
    wanted_links = []
    missing = [e for e in a.entities if e not in k.entities]
    missing += [i for i in a.items if i not in inbox]
    for x, y in a.links:
        held = [key for key in k.links if {key[0], key[1]} == {x, y}]
        if not held:
            missing.append(f"{x}-{y}")
        wanted_links += held
    if missing:
        return refuse("meeting.not_in_file", f"not in your file: {', '.join(missing)}",
                      items=", ".join(missing))
    barred = _barred(k, [inbox[i] for i in a.items if not shareable(inbox[i])],
                     [e for e in a.entities if e in k.restricted],
                     [key for key in wanted_links if {key[0], key[1]} & k.restricted])
    if barred:
        sim.withheld[sim.acting] = sim.withheld.get(sim.acting, 0) + 1
        said = M.joined("items", barred)  # named as the team reads them, not "I002, P07"
        return refuse(
            "handling.not_shareable",
            f"{said['items']} came from another country under 'do not share': it may not"
            " be tabled without the originator's consent",
            HANDLING_RULE,
            **said,
        )
    if not (a.entities or a.items or a.links):
        return refuse("meeting.nothing_tabled", "choose what to put on the table",
                      meeting=m.id)
    mine = m.tabled.setdefault(sim.acting, Tabled())
    for e in a.entities:
        if e not in mine.entities:
            mine.entities.append(e)
            m.labels[e] = k.entities[e].label
            m.kinds[e] = k.entities[e].type  # what it is: what it can be a target for
    for key in wanted_links:
        if key not in mine.links:
            mine.links.append(key)
    for i in a.items:
        if i not in mine.items:
            mine.items.append(i)
            m.reports[i] = inbox[i]  # the participants read the report, not its number
    n = len(a.entities) + len(wanted_links) + len(a.items)
    return ok("meeting.tabled", f"{n} element(s) put on the table of meeting {m.id}",
              meeting=m.id, n=n)


def _barred(k: Any, items: list[InboxItem], entities: list[str],
            links: list[tuple[str, str, str]]) -> list[M.Message]:
    """What may not be tabled, each named as the team's desk names it: a report by its day
    and sender, an entity by its name (a load in the reader's words), a link by its ends."""
    def ends(eid: str) -> tuple[str, str, str]:
        ent = k.entities.get(eid)
        return (eid, ent.type, ent.label) if ent is not None else (eid, "", eid)

    return ([M.report_listed(i.t, i.source, i.params) for i in items]
            + [M.listed(*ends(e)) for e in entities]
            + [M.link_listed(ends(x), rel, ends(y)) for x, y, rel in links])


def on_table(m: Meeting) -> set[str]:
    return {e for x in m.tabled.values() for e in x.entities}


def _named(sim: Simulation, m: Meeting, eid: str) -> dict[str, Any]:
    """``eid`` as the ``target`` of a message, named as the acting team knows it: from its
    file, else from the meeting's table (a load in the reader's words, ``M.entity``). One it
    holds neither way keeps the id it gave: a name from the world would tell what the team
    has not learnt."""
    ent = sim.knowledge.entities.get(eid)
    if ent is not None:
        return M.entity("target", eid, ent.type, ent.label)
    if eid in m.labels:
        return M.entity("target", eid, m.kinds.get(eid, ""), m.labels[eid])
    return {"target": eid}


def propose_target(sim: Simulation, a: A.ProposeTarget) -> Outcome:
    m = _open_for(sim, a.meeting)
    if isinstance(m, Outcome):
        return m
    ent = sim.knowledge.entities.get(a.target)
    if ent is None and a.target in on_table(m):
        ent = next(sim.knowledge_of[c].entities[a.target] for c, x in m.tabled.items()
                   if a.target in x.entities)
    if ent is not None and a.action == "arrest" and (r := not_a_person(ent)) is not None:
        return r  # the rule of every arrest (engine.requests), not "not in your file"
    if ent is None or ent.type not in TARGET_TYPES[a.action]:
        named = _named(sim, m, a.target)  # a name, where the team has one
        return refuse("meeting.bad_target", f"'{named['target']}' is not a"
                      f" {' or '.join(TARGET_TYPES[a.action])} in your file or on the table",
                      **named)
    said = M.entity("target", a.target, ent.type, ent.label)  # "Envoi S737" in French
    taken = next((x for x in m.targets if x.target == a.target), None)
    if taken is not None and taken.owner == sim.acting:  # its own: "your team", not "Kenya"
        return refuse("meeting.already_yours", f"your team already owns {ent.label}", **said)
    if taken is not None:
        return refuse("meeting.target_taken", f"{taken.owner} already owns {ent.label}",
                      **said, country=taken.owner)
    m.targets.append(Target(a.target, ent.label, a.action, sim.acting, round(sim.env.now, 6),
                            ent.type))
    return ok("meeting.target_owned", f"{ent.label} on the target list for {a.action},"
              f" owned by {sim.acting}", **said, country=sim.acting)


def withdraw_target(sim: Simulation, a: A.WithdrawTarget) -> Outcome:
    """The owner takes a target off the open meeting's list: a mistake undone, the target
    free for another team to own. Once the meeting is closed the list is agreed."""
    m = _open_for(sim, a.meeting)
    if isinstance(m, Outcome):
        return m
    x = next((x for x in m.targets if x.target == a.target), None)
    if x is None:  # (a teammate's other tab may have withdrawn it): said by its name
        named = _named(sim, m, a.target)
        return refuse("meeting.not_on_list", f"'{named['target']}' is not on the target list"
                      f" of meeting {m.id}", **named, meeting=m.id)
    if x.owner != sim.acting:
        return refuse("meeting.not_your_target", f"{x.owner} owns {x.label}: only the team"
                      " that owns a target withdraws it", **x.named(), country=x.owner)
    m.targets.remove(x)
    return ok("meeting.target_withdrawn", f"{x.label} withdrawn from the target list of"
              f" meeting {m.id}", **x.named(), meeting=m.id)


def close_meeting(sim: Simulation, a: A.CloseMeeting) -> Outcome:
    if (r := _joint_only(sim)) is not None:
        return r
    m = _find(sim, a.meeting)
    if m is None:
        return refuse("meeting.unknown", f"no meeting {a.meeting}", meeting=a.meeting)
    if m.status != "open":
        return refuse("meeting.not_open", f"meeting {m.id} is not open", MEETING_RULE,
                      meeting=m.id)
    m.status, m.closed_t = "closed", round(sim.env.now, 6)
    t = sim.env.now
    for src, tabled in m.tabled.items():
        mine = sim.knowledge_of[src]
        source = f"Case meeting {m.id}: NCB {src}"
        for to in m.countries:
            if to == src:
                continue
            theirs = sim.knowledge_of[to]
            for e in tabled.entities:
                k = mine.entities[e]
                theirs.learn(e, k.type, k.label, dict(k.attributes), t, source, "B2")
            for x, y, rel in tabled.links:
                theirs.link(x, y, rel, t, source, "B2")
            for iid in tabled.items:
                item = next(i for i in mine.inbox if i.id == iid)
                theirs.item(t, item.source, f"{item.reliability}{item.credibility}", item.code,
                            {**item.params, "shared_by": src}, item.kind, item.handling)
    targets = [M.message("meeting.target", **x.named(), country=x.owner,
                         **M.term("action", f"target.{x.action}", M.TERMS[f"target.{x.action}"]))
               for x in m.targets]  # "X (arrest, Kenya)" in the reader's language
    for c in m.countries:
        sim.knowledge_of[c].item(
            t, M.sender("case_meeting"), "A1", "meeting.closed",
            {"meeting": m.id, "n": sum(len(x.entities) + len(x.links) + len(x.items)
                                       for x in m.tabled.values()),
             **(M.joined("targets", targets) if targets else {"targets": "-"})}, "partner")
    return ok("meeting.closed", f"meeting {m.id} closed: {len(m.targets)} target(s) agreed",
              meeting=m.id, n=len(m.targets))


@dataclass(frozen=True)
class TargetReview(Record):
    target: str
    label: str
    action: str
    owner: str
    real: bool  # a member of the network / a real shipment
    role: str  # the member's role in the network ("" when not a member)
    done: bool  # arrested / seized by the end
    kind: str = ""  # person | shipment: how a reader names it


@dataclass(frozen=True)
class MeetingReview(Record):
    """The agreed target list set beside the real network, for the debrief."""

    meeting: str
    countries: list[str]
    targets: list[TargetReview]
    leaders_missed: list[str]  # organisers and financiers nobody put on the list (labels)


def review(sim: Simulation) -> list[MeetingReview]:
    w, out = sim.world, []
    for m in sim.meetings:
        if m.status != "closed":
            continue
        rows = []
        for x in m.targets:
            member = x.target in w.members
            ship = sim.ships.get(x.target)
            rows.append(TargetReview(
                x.target, x.label, x.action, x.owner, member or ship is not None,
                (w.entities[x.target].role or "") if member else "",
                x.target in sim.arrested if x.action == "arrest"
                else ship is not None and ship.status == "seized", x.kind))
        listed = {x.target for x in m.targets}
        missed = [w.entities[e].label for e in w.members
                  if w.entities[e].role in LEADING_ROLES and w.entities[e].type == "person"
                  and e not in listed]
        out.append(MeetingReview(m.id, list(m.countries), rows, missed))
    return out
