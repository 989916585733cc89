"""Prosecution: from an arrest to a charge, a verdict and a sentence — or a case pending.

An arrest is not the end of a case. A prosecutor weighs the exhibits held on the person
(``engine.evidence``: seizures they handled, graded reports naming them, forensic, phone
and financial results other work files) and charges only on enough *usable* evidence —
a seizure whose chain of custody was broken counts for nothing. A court then convicts
or acquits, and sentences within the penalty of the country that tries the case.

Where the case is tried depends on where and how the person was arrested:

* at home: the home prosecutor (``legal.court.charge_days``);
* abroad, caught in the act (a seizure, a controlled delivery): the state where the
  offence was found tries it under its own law (territorial jurisdiction);
* abroad on a Red Notice: extradition to the home (requesting) state first
  (``extradition_days``) — unless the person is a national of the arresting state and
  that state does not extradite its nationals (``Country.extradites_nationals: false``;
  e.g. Basic Law of Germany art. 16(2), Constitution of Brazil art. 5 LI, Constitution of
  Russia art. 61(1), Extradition Law of the People's Republic of China (2000) art. 8(1)).
  Then the principle *aut dedere aut judicare* (UN Convention against Transnational
  Organized Crime, art. 16(10)) obliges it to submit the case to its own prosecutors on
  the requesting state's request: the case runs there, under its penalties, later
  (``transfer_days``).

Engine assumptions (no law states them; named here so nobody mistakes them for rules):
a charge needs a usable weight of ``CHARGE_AT``; graded reports count a quarter of their
warrant points, at most 0.5 — half a charge: intelligence is not evidence, though
corroborated reports can become testimony, so a case needs at least one exhibit besides them; a court convicts with probability ``1 - exp(-weight)`` capped at
0.95, drawn from the exercise's own ``verdict`` stream; the sentence range grows with the
evidence and is halved for members in a minor role (sentencing practice treats a leading
role as aggravating). A seizure needs a warrant only where ``legal.court.search_warrant_inland``
says so, away from frontiers; a controlled delivery whose surveillance was lost has no
chain of custody for the goods.
"""

from __future__ import annotations

import math
from collections.abc import Container
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from engine import messages as M
from engine.evidence import Exhibit, ExhibitKind
from engine.network import LEADING_ROLES
from engine.records import CaseRecord, ExhibitRecord

if TYPE_CHECKING:
    from engine.simulation import Simulation
    from engine.state import ShipmentState

CHARGE_AT = 1.0  # usable weight a prosecutor needs to charge (engine assumption)
REPORT_SHARE = 0.25  # a report exhibit's weight per warrant point of graded reports
REPORT_CAP = 0.5  # below CHARGE_AT: intelligence alone never charges anyone
CONVICT_CAP = 0.95  # no case is certain
SEIZURE_POINTS = 2.0  # warrant points a seizure link adds (engine.interdiction)
FRONTIER = frozenset({"border_post", "seaport", "airport"})  # customs' border-search powers
MINOR_ROLE = 0.5  # share of the sentence a member not in a leading role gets
CAUGHT_ABROAD = ("arrest.caught", "arrest.receiving")  # arrests in the act: tried there
OUTCOMES = ("pending", "not_charged", "charged", "convicted", "acquitted")


@dataclass
class Case:
    """One arrested member's prosecution; ``status`` moves on as the days pass."""

    member: str
    arrested_day: float
    arrested_in: str  # the country that made the arrest
    forum: str  # the country whose court tries the case
    path: str  # home | local | extradition | prosecution_request
    charge_day: float
    verdict_day: float
    status: str = "pending"  # pending | not_charged | charged | convicted | acquitted
    strength: float = 0.0  # usable weight at the last decision
    sentence: tuple[float, float] | None = None  # years, low..high


def open_case(sim: Simulation, member: str, how: M.Message) -> Case:
    """Send an arrested member to prosecution: where, by whom and when it is decided."""
    t, sc = sim.env.now, sim.scenario
    court, home = sc.legal.court, sc.home_country
    ent = sim.world.entities[member]
    where = arrest_country(sim, member, how)
    nationality = ent.attributes.get("nationality", ent.country)
    delay, forum, path = court.charge_days, where, "local"
    if where == home:
        path = "home"
    elif how["code"] not in CAUGHT_ABROAD:  # abroad on a Red Notice
        state = sim.countries.get(where)
        if nationality == where and state is not None and not state.extradites_nationals:
            path, delay = "prosecution_request", court.transfer_days + court.charge_days
        else:
            path, forum, delay = "extradition", home, court.extradition_days + court.charge_days
    case = Case(member, round(t, 3), where, forum, path, round(t + delay, 3),
                round(t + delay + court.trial_days, 3))
    sim.cases[member] = case
    if path in ("extradition", "prosecution_request"):
        sim.knowledge.item(t, M.sender("ncb", country=where), "A1", f"prosecution.{path}",
                           {"subject": ent.label, "country": where, "day": round(case.charge_day, 1)},
                           "partner")
    sim.later(delay, lambda: _charge(sim, case))
    return case


def arrest_country(sim: Simulation, member: str, how: M.Message) -> str:
    """The country that made an arrest, read from the message telling how it was made."""
    p = how.get("params", {})
    if "country" in p:
        return str(p["country"])
    if "shipment" in p and (st := sim.ships.get(p["shipment"])) is not None and st.where:
        return sim.locs[st.where].country
    if "place" in p:
        for loc in sim.locs.values():
            if loc.name_en == p["place"]:
                return loc.country
    return sim.world.entities[member].country


def _charge(sim: Simulation, case: Case) -> None:
    file_exhibits(sim, case.member)
    case.strength = usable_weight(sim, case.member, sim.env.now)
    label = sim.world.entities[case.member].label
    params = {"subject": label, "country": case.forum, "strength": round(case.strength, 2)}
    if case.strength + 1e-9 < CHARGE_AT:
        case.status = "not_charged"
        _tell(sim, case, "prosecution.not_charged", {**params, "needed": CHARGE_AT})
        return
    case.status = "charged"
    _tell(sim, case, "prosecution.charged", {**params, "day": round(case.verdict_day, 1)})
    sim.later(case.verdict_day - sim.env.now, lambda: _verdict(sim, case))


def _verdict(sim: Simulation, case: Case) -> None:
    file_exhibits(sim, case.member)
    case.strength = usable_weight(sim, case.member, sim.env.now)
    label = sim.world.entities[case.member].label
    params = {"subject": label, "country": case.forum, "strength": round(case.strength, 2)}
    if sim.draw("verdict", case.member) < conviction_chance(case.strength):
        case.status = "convicted"
        case.sentence = sentence(sim, case.member, case.forum, case.strength)
        low, high = case.sentence
        _tell(sim, case, "prosecution.convicted", {**params, "low": low, "high": high})
    else:
        case.status = "acquitted"
        _tell(sim, case, "prosecution.acquitted", params)


def _tell(sim: Simulation, case: Case, code: str, params: dict[str, Any]) -> None:
    who = (M.sender("prosecutor") if case.forum == sim.scenario.home_country
           else M.sender("ncb", country=case.forum))
    sim.knowledge.item(sim.env.now, who, "A1", code, params, "partner")


def conviction_chance(strength: float) -> float:
    return min(CONVICT_CAP, 1 - math.exp(-max(strength, 0.0)))


def max_years(sim: Simulation, country: str) -> float:
    """The penalty where the case is tried; the scenario's own law where a country says none."""
    c = sim.countries.get(country)
    if c is not None and c.penalties is not None:
        return c.penalties.max_years
    return sim.scenario.legal.max_penalty_years


def sentence(sim: Simulation, member: str, forum: str, strength: float) -> tuple[float, float]:
    """A range of years: the stronger the case, the nearer the maximum; a minor role halves it."""
    role = sim.world.entities[member].role
    factor = 1.0 if role in LEADING_ROLES else MINOR_ROLE
    high = round(max_years(sim, forum) * min(1.0, strength / 3) * factor, 1)
    return round(high / 2, 1), high


# --- the exhibits on one person --------------------------------------------------------
def candidate_exhibits(sim: Simulation, member: str) -> list[Exhibit]:
    """Exhibits the work so far supports on ``member`` that are not yet in the case file:
    seizures of shipments the case links them to, and the graded reports naming them."""
    k, filed, old = sim.knowledge, set(), 0.0
    for e in sim.case_file.on(member):  # what is filed, and the reports' weight in it
        filed.add((e.kind, e.ref))
        if e.kind == ExhibitKind.report:
            old += e.weight
    linked: dict[str, bool] = {}  # shipment -> linked by customs or an NCB (a seizure link)
    for (a, b, _), link in k.links.items():
        if a == member:
            linked[b] = linked.get(b, False) or link.source.startswith(("Customs ", "NCB "))
    out, seized_links = [], 0
    ships = sim.ships  # the linked ones, in the order of the network's plan
    linked_ships = sorted((ships[b] for b in linked if b in ships),
                          key=attrgetter("plan_index"))
    for st in linked_ships:
        if st.status in ("seized", "controlled_delivery"):
            seized_links += linked[st.id]
            custody = lawful(sim, st)
        elif st.lost_at is not None:
            custody = False  # found, then lost under surveillance: no goods to show a court
        else:
            continue
        if (ExhibitKind.seizure, st.id) not in filed:
            out.append(Exhibit(member, ExhibitKind.seizure, 1.0, round(st.fate_day or 0.0, 3),
                               st.id, custody))
    points = max(0.0, k.evidence.get(member, 0.0) - SEIZURE_POINTS * seized_links)
    weight = round(min(REPORT_CAP, REPORT_SHARE * points), 3)
    if weight - old > 1e-9:  # new reports since the last look: their added weight
        out.append(Exhibit(member, ExhibitKind.report, round(weight - old, 3),
                           round(sim.env.now, 3), f"reports@{round(sim.env.now, 1):g}"))
    return out


def file_exhibits(sim: Simulation, member: str) -> None:
    for e in candidate_exhibits(sim, member):  # made as ``CaseFile.add`` would make them
        sim.case_file.file(e)


def usable_weight(sim: Simulation, member: str, day: float) -> float:
    """Weight of the lawful exhibits filed by ``day``. Exhibit days are rounded to 3 decimals
    (as the case's charge and verdict days are), so compare with the rounded day: an exhibit
    filed at the charge itself must count, as the debrief's case record shows it does."""
    until = round(day, 3) + 1e-9
    return round(sum(e.weight for e in sim.case_file.on(member)
                     if e.custody_kept and e.day <= until), 3)


def lawful(sim: Simulation, st: ShipmentState) -> bool:
    """Was this seizure lawfully made (its chain of custody starts intact)?"""
    if not sim.scenario.legal.court.search_warrant_inland or st.found_by in (None, "routine"):
        return True
    if sim.locs[st.where or ""].kind.value in FRONTIER:
        return True
    handlers = set(st.handlers.values())
    return any(d.kind == "request_warrant" and d.accepted and d.params.get("subject") in handlers
               and d.t <= (st.fate_day or 0.0) for d in sim.decisions)


def broken_why(sim: Simulation, e: Exhibit) -> str:
    """Why an exhibit cannot be used (a code the debrief words)."""
    st = sim.ships.get(e.ref)
    if st is not None and st.lost_at is not None:
        return "cd_lost"
    if st is not None:
        return "no_warrant"
    return "custody"


# --- the debrief ---------------------------------------------------------------------------
def case_records(sim: Simulation) -> list[CaseRecord]:
    """Every arrested member's case in arrest order, with its exhibits and why it ended so.

    A case still pending shows the exhibits it would be weighed on today (nothing is filed:
    reading the debrief changes no state)."""
    now = sim.env.now
    out = []
    for case in sorted(sim.cases.values(), key=lambda c: (c.arrested_day, c.member)):
        ent = sim.world.entities[case.member]
        decided = case.status != "pending"
        last = case.verdict_day if case.status in ("convicted", "acquitted") else (
            case.charge_day if decided else now)
        exhibits = sim.case_file.on(case.member)
        if not decided:
            exhibits = exhibits + candidate_exhibits(sim, case.member)
        rows = [ExhibitRecord(e.kind.value, e.weight, e.day, e.ref,
                              e.custody_kept and e.day <= last + 1e-9,
                              "" if e.custody_kept and e.day <= last + 1e-9 else
                              ("later" if e.custody_kept else broken_why(sim, e)))
                for e in exhibits]
        strength = case.strength if decided else round(sum(r.weight for r in rows if r.usable), 3)
        params: dict[str, Any] = {"strength": strength}
        if case.status == "pending":
            params |= {"day": round(case.charge_day, 1), "needed": CHARGE_AT}
        elif case.status == "charged":
            params |= {"day": round(case.verdict_day, 1)}
        elif case.status == "not_charged":
            params |= {"needed": CHARGE_AT}
        elif case.status == "convicted" and case.sentence:
            params |= {"low": case.sentence[0], "high": case.sentence[1],
                       "max": max_years(sim, case.forum), "country": case.forum}
        out.append(CaseRecord(
            case.member, ent.label, ent.role or "", ent.role in LEADING_ROLES,
            case.arrested_day, case.arrested_in, case.forum, case.path, case.status,
            case.charge_day, case.verdict_day, strength, case.sentence, rows,
            f"case.{case.status}", params,
        ))
    return out


def leaders_convicted(sim: Simulation, only: Container[str] | None = None) -> float:
    """Organisers and financiers convicted, over all of them in the network (a case charged
    and still at trial when the exercise ends counts half: engine assumption). ``only``:
    the cases of these members count (one team's arrests, in a joint operation)."""
    w = sim.world
    leaders = [m for m in w.members
               if w.entities[m].role in LEADING_ROLES and w.entities[m].type == "person"]
    if not leaders:
        return 0.0
    got = {"convicted": 1.0, "charged": 0.5}
    return sum(got.get(c.status, 0.0) for m, c in sim.cases.items()
               if m in leaders and (only is None or m in only)) / len(leaders)
