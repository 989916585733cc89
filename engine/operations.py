"""What each trainee action does to the world — or why it is refused.

Every handler checks first and changes nothing on refusal; it then commits the cost
and schedules the consequence: an intelligence report after the source's delay, a
partner's answer after that country's response delay (and only with its probability of
acting, raised by sharing intelligence and case meetings), a notice's effect. Reason codes
are machine-readable (``intel.unknown_target``, ``red.no_warrant``); messages are English.

Here: tasking intelligence sources and asking the prosecutor for a warrant, and the table
of every handler. Notices are in ``engine.notice_requests``, diffusions in ``engine.diffusions``, requests to partner
countries (inspections, seizures, controlled deliveries, arrests) in
``engine.interventions``, sharing and case meetings in ``engine.cooperation``, the laboratory and the Operational
Support Team in ``engine.forensics``, the money in ``engine.finance``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine import actions as A
from engine.action_day import cancel_action, schedule_action, set_action_day
from engine.cooperation import case_meeting, share_intel
from engine.diffusions import request_diffusion
from engine.finance import confiscate_assets, freeze_assets, request_fiu, trace_assets
from engine.forensics import request_forensics, request_support_team
from engine.intel import gather
from engine.interventions import arrest, controlled_delivery, inspection, seizure
from engine.meetings import (
    close_meeting,
    convene_meeting,
    propose_meeting,
    propose_target,
    table_items,
    withdraw_target,
)
from engine.messages import localized
from engine.notice_requests import gather_assets, request_notice
from engine.records import Outcome
from engine.requests import WARRANT_RULE, _known, _n, _pay, _spend, ok, refuse
from engine.simulation import Simulation
from engine.world import triangular_at

__all__ = [
    "HANDLERS",
    "WARRANT_RULE",
    "arrest",
    "case_meeting",
    "controlled_delivery",
    "gather_assets",
    "inspection",
    "ok",
    "refuse",
    "request_intel",
    "request_diffusion",
    "request_notice",
    "request_warrant",
    "seizure",
    "share_intel",
]


def request_intel(sim: Simulation, a: A.RequestIntel) -> Outcome:
    src = next((s for s in sim.scenario.intel_sources if s.id == a.source), None)
    if src is None:
        return refuse("intel.unknown_source", f"no intelligence source '{a.source}'")
    ent = sim.knowledge.entities.get(a.target)
    kind = "location" if a.target in sim.locs else (ent.type if ent else None)
    if kind is None:
        return refuse("intel.unknown_target", f"'{a.target}' is not in your case file")
    if kind not in [t.value for t in src.targets]:
        return refuse(
            "intel.bad_target",
            f"{src.label['en']} cannot report on a {kind}",
            allowed=[t.value for t in src.targets],
        )
    if (r := _pay(sim, src.cost)) is not None:
        return r
    _spend(sim, src.cost)
    rng = sim.rng("intel", a.source, a.target, _n(sim, "intel", a.source, a.target))
    delay = triangular_at(rng.random(), src.delay_days)
    target = (sim.place("target", a.target) if a.target in sim.locs
              else {"target": ent.label if ent else a.target})
    sim.answer(
        delay,
        lambda: gather(sim, a.source, a.target, rng),
        "intel",
        **localized("source", src.label),
        **target,
    )
    return ok(
        "intel.requested",
        f"{src.label['en']} tasked; answer expected around day {sim.env.now + delay:.1f}",
        cost=src.cost,
        eta_day=round(sim.env.now + delay, 3),
    )


def request_warrant(sim: Simulation, a: A.RequestWarrant) -> Outcome:
    if not _known(sim, a.subject, "person"):
        return refuse("warrant.unknown_subject", f"'{a.subject}' is not a person in your case file")
    if a.subject in sim.warrants:
        return refuse("warrant.exists", "a warrant for this person already exists")
    have, need = sim.knowledge.evidence.get(a.subject, 0.0), sim.scenario.legal.warrant_evidence
    if have + 1e-9 < need:
        return refuse(
            "warrant.insufficient_evidence",
            f"the prosecutor finds {have:g} points of graded evidence, {need:g} needed: corroborate with "
            "reliable sources (A/B, credibility 1-2) or a seizure",
            WARRANT_RULE,
            evidence=have,
            needed=need,
        )
    sim.warrants.add(a.subject)
    return ok(
        "warrant.granted",
        f"arrest warrant issued for {sim.knowledge.entities[a.subject].label}",
        evidence=have,
    )


HANDLERS: dict[str, Callable[[Simulation, Any], Outcome]] = {
    "request_intel": request_intel,
    "request_warrant": request_warrant,
    "request_notice": request_notice,
    "request_diffusion": request_diffusion,
    "inspection": inspection,
    "seizure": seizure,
    "controlled_delivery": controlled_delivery,
    "arrest": arrest,
    "share_intel": share_intel,
    "case_meeting": case_meeting,
    "request_forensics": request_forensics,
    "request_support_team": request_support_team,
    "request_fiu": request_fiu,
    "trace_assets": trace_assets,
    "freeze_assets": freeze_assets,
    "confiscate_assets": confiscate_assets,
    # the joint operation's case meeting (engine.meetings) and action day (engine.action_day)
    "propose_meeting": propose_meeting,
    "convene_meeting": convene_meeting,
    "table_items": table_items,
    "propose_target": propose_target,
    "withdraw_target": withdraw_target,
    "close_meeting": close_meeting,
    "set_action_day": set_action_day,
    "schedule_action": schedule_action,
    "cancel_action": cancel_action,
}
