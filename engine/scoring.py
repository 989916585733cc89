"""How well did the trainee do? Measures, a documented score, and P/S/M/U ratings.

The debrief compares what the trainee did with what really happened. Measures, each 0..1:

* seized_share — quantity seized (including on controlled delivery) over all quantity
  that left or was prevented from leaving, read from the debrief's shipment records
  (``engine.fates``);
* prevented_share — quantity that never left because arrests left nobody to do a job
  before the network recruited a replacement (``adaptation.replacement_days``);
* interdicted_share — the two together: the flow stopped before the market;
* convictions_leaders — organisers and financiers (brokers, financiers) convicted, over
  all of them; one charged and still at trial at the end counts half (``engine.prosecution``).
  Dismantling a network is convicting its organisers, not arresting its couriers;
* disruption — arrested members weighted by betweenness (networkx) plus a small equal
  share, because research on trafficking networks (DOMAIN.md) finds that removing a few
  well-placed brokers disrupts far more than many peripheral arrests;
* notices — notices accepted over notices requested (0 when none);
* resources — share of the available budget left unspent;
* timeliness — how early the first seizure or arrest came (1 on day 0, 0 at the end);
* key_arrests — share of the three most central members arrested;
* network_mapped — share of the real members that appear in the trainee's chart;
* case_meeting — 1 when a regional case meeting took place.

The score rewards investigation, not thrift: its 100 points go to the flow seized, the
flow prevented (less: goods held back by arrests may move later, and bring no evidence),
the network disrupted, its leaders convicted, the network mapped, timeliness and notices. Unspent budget earns nothing —
a trainee who hoards analyst-days and learns little scored like a bot clicking at random
when it did; ``resources`` stays a measure an objective may rate.

Objectives map one measure to P/S/M/U with the scenario's thresholds (HSEEP-style ratings).
"""

from __future__ import annotations

from collections.abc import Collection, Container
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.fates import CAUGHT, PREVENTED, SEIZED, flow_share, in_time, shipment_records
from engine.prosecution import leaders_convicted
from engine.records import Missed, NoticeRecord, ScoreComponent

if TYPE_CHECKING:
    from engine.simulation import Simulation

WEIGHTS = {
    "seized_share": 25.0,
    "prevented_share": 10.0,
    "disruption": 20.0,
    "convictions_leaders": 10.0,
    "timeliness": 15.0,
    "notices": 10.0,
    "network_mapped": 10.0,
}
WRONGFUL_PENALTY = 5.0
EXPLAIN = {
    "seized_share": "share of the flow seized or delivered under control",
    "prevented_share": "share of the flow that never left because arrests stopped it",
    "convictions_leaders": "organisers and financiers convicted (a trial still under way counts half)",
    "disruption": "arrested members weighted by betweenness centrality (+ an equal share each)",
    "timeliness": "how early in the exercise the first seizure or arrest came",
    "notices": "notices accepted over notices requested",
    "network_mapped": "share of the network's real members identified in your chart",
}


@dataclass(frozen=True)
class Side:
    """What one rating counts: a country's team in a joint operation
    (``engine.joint_debrief``), or the whole exercise (``whole``, single play)."""

    arrested: dict[str, float]  # member -> day arrested
    ships: Collection[str] | None  # shipments seized or prevented by this side (None: all)
    known: Container[str]  # entity ids in the side's chart
    notices: list[NoticeRecord]  # the notices it asked for
    spent: float
    budget_total: float
    wrongful: list[str]


def whole(sim: Simulation) -> Side:
    """The exercise as single play rates it: every arrest and find, the acting side's file."""
    return Side(sim.arrested, None, sim.knowledge.entities, sim.knowledge.notices, sim.spent,
                sim.budget_total, sim.wrongful)


def measures(sim: Simulation, side: Side | None = None) -> dict[str, float]:
    s = side or whole(sim)
    w, ids = sim.world, s.ships
    done = {"seized", "controlled_delivery"}
    n = max(len(w.members), 1)
    weight = {m: w.betweenness.get(m, 0.0) + 1.0 / n for m in w.members}
    disruption = sum(weight[m] for m in s.arrested) / sum(weight.values())
    notices = s.notices
    accepted = sum(1 for x in notices if x.status == "accepted")
    firsts = [
        st.fate_day for sid, st in sim.ships.items() if st.status in done
        and st.fate_day is not None and (ids is None or sid in ids)
    ]
    firsts += list(s.arrested.values())
    top = sorted(w.members, key=lambda m: (-w.betweenness.get(m, 0.0), m))[:3]
    records = shipment_records(sim)
    return {
        "seized_share": flow_share(records, SEIZED, ids),
        "prevented_share": flow_share(records, PREVENTED, ids),
        "interdicted_share": flow_share(records, CAUGHT, ids),
        "convictions_leaders": leaders_convicted(sim, None if side is None else s.arrested),
        "disruption": disruption,
        "notices": accepted / len(notices) if notices else 0.0,
        "resources": max(0.0, 1 - s.spent / s.budget_total) if s.budget_total else 1.0,
        "timeliness": max(0.0, 1 - min(firsts) / sim.scenario.duration_days) if firsts else 0.0,
        "key_arrests": sum(1 for m in top if m in s.arrested) / max(len(top), 1),
        "network_mapped": sum(1 for m in w.members if m in s.known) / n,
        "case_meeting": 1.0 if any(name == "case_meeting" for name, _ in sim.happened) else 0.0,
    }


def components(sim: Simulation, m: dict[str, float],
               wrongful: list[str] | None = None) -> list[ScoreComponent]:
    """The score's parts; ``wrongful``: the innocents this side arrested (default: all)."""
    wrong = sim.wrongful if wrongful is None else wrongful
    out = [
        ScoreComponent(k, round(m[k], 4), wt, round(m[k] * wt, 2), EXPLAIN[k])
        for k, wt in WEIGHTS.items()
    ]
    if wrong:
        pts = -WRONGFUL_PENALTY * len(wrong)
        out.append(
            ScoreComponent(
                "wrongful_arrests",
                float(len(wrong)),
                -WRONGFUL_PENALTY,
                pts,
                "innocent persons arrested on false leads (minus 5 points each)",
            )
        )
    return out


def total(parts: list[ScoreComponent]) -> float:
    return round(min(100.0, max(0.0, sum(c.points for c in parts))), 2)


def rate(value: float, p: float, s: float, m: float) -> str:
    return "P" if value >= p else "S" if value >= s else "M" if value >= m else "U"


def ratings(sim: Simulation, m: dict[str, float]) -> dict[str, str]:
    return {
        o.id: rate(m[o.measure.value], o.thresholds.P, o.thresholds.S, o.thresholds.M)
        for o in sim.scenario.objectives
    }


def missed_opportunities(sim: Simulation) -> list[Missed]:
    """Intelligence the trainee held about a shipment that then got through, in time to
    stop it.

    A report pointing at a load (``knowledge.pointers``: item, shipment, day received)
    counts only if a control asked for on the day it came could still have met the load:
    some place the load reached later (``ShipmentState.passed``, the end of each leg, its
    destination included: any of them can hold an inspection or a seizure) was reached at
    least the fastest answer of that place's country after the report
    (``partner.response_days.min``: no partner, nor the team's own services, opens a
    window sooner). A report that came after the load had passed its last such place — or
    too close to it for any answer — pointed at a load nobody could have stopped any more:
    a fair instructor does not count it as a missed opportunity. A load already on its way
    still counts when the report left time to stop it further down its route."""
    items = {i.id: i for i in sim.knowledge.inbox}
    out = []
    for iid, sid, t in sim.knowledge.pointers:
        ship = sim.ships.get(sid)
        if ship is not None and ship.status == "missed" and in_time(sim, ship, t):
            item = items[iid]
            out.append(Missed(sid, iid, round(t, 3), item.text, item.code, item.params))
    return out


