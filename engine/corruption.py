"""Corrupt officials: the loads they wave through, and the controls they give away.

A corrupt official sits at a post (its group's ``location``) and may cover other places
(``covers``). At each of them it waves through a share of the routine finds (``corruption``
on its group, else the scenario's ``tuning.corruption_share``: 0.7 by default, the engine's
old fixed cut) — a targeted control a partner runs on the trainee's request is not its to
wave through. It may also learn of such a control when the partner agrees to it and tip
the network off (``leak``, else ``tuning.leak_probability``: 0.3 by default): the network
then holds back every load that would reach the place while the window is open, and lets
it go once the window has closed. The debrief names the official. An arrested official
does neither. The instructor's ``corruption`` override multiplies both figures.

These figures are engine assumptions (``engine.tuning``), not published rates: DOMAIN.md
names corrupt officials at a border post waving shipments through as a modus operandi; that
an insider may also give a planned control away is the engine's assumption of what such an
official can do, and neither comes with a rate an engine could use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.state import Tip

if TYPE_CHECKING:
    from engine.scenario import Scenario
    from engine.simulation import ShipmentState, Simulation
    from engine.world import World

HOLD_MARGIN = 0.5  # days: a tipped-off network lets a load arrive this long after the window


def corrupt_officials(
    scenario: Scenario, world: World, overrides: Any
) -> tuple[dict[str, float], dict[str, float]]:
    """Each corrupt official's share of routine finds waved through at its post, and its
    probability of tipping off the network about a control there — the group's own figures
    or the scenario's tuning, times the instructor's corruption override (capped at 1)."""
    tune, groups = scenario.tuning, {g.id: g for g in scenario.network.groups}
    share: dict[str, float] = {}
    leak: dict[str, float] = {}
    for m in world.members:
        e = world.entities[m]
        if e.role != "corrupt_official":
            continue
        g = groups[e.group or ""]
        c = tune.corruption_share if g.corruption is None else g.corruption
        p = tune.leak_probability if g.leak is None else g.leak
        share[m] = min(1.0, c * overrides.corruption)
        leak[m] = min(1.0, p * overrides.corruption)
    return share, leak


def official_posts(scenario: Scenario, world: World) -> dict[str, list[str]]:
    """Place -> the corrupt officials posted at it or covering it (``covers``)."""
    covers = {g.id: g.covers for g in scenario.network.groups}
    out: dict[str, list[str]] = {}
    for m in world.members:
        e = world.entities[m]
        if e.role != "corrupt_official":
            continue
        post = e.attributes.get("location")
        for loc in dict.fromkeys([post, *covers.get(e.group or "", [])]):
            if loc is not None:
                out.setdefault(loc, []).append(m)
    return out


def tip_off(sim: Simulation, location: str, start: float, end: float, shipment: str | None) -> None:
    """A control was agreed at ``location``: a corrupt official posted there may tell the
    network (drawn from its own stream, so replay and other draws are untouched)."""
    for m in sim.officials_at.get(location, ()):
        if m in sim.arrested or sim.leaks.get(m, 0.0) <= 0.0:
            continue
        u = sim.draw("leak", m, location, round(start, 3), shipment)
        if u < sim.leaks[m]:
            sim.tips.append(Tip(location, start, end, m, sim.env.now))
            return


def hold(sim: Simulation, ship: ShipmentState, to: str, travel: float) -> float:
    """Days a load waits before a leg to ``to`` so that it arrives after every window the
    network was tipped off about there (0: go now)."""
    wait, now = 0.0, sim.env.now
    for _ in range(len(sim.tips)):  # a later window may need a longer wait: settle
        arrive, moved = now + wait + travel, False
        for tip in sim.tips:
            if tip.location == to and tip.start - HOLD_MARGIN <= arrive <= tip.end:
                wait, moved = tip.end + HOLD_MARGIN - now - travel, True
                ship.tipped_at, ship.tipped_by = to, tip.official
        if not moved:
            break
    return max(wait, 0.0)
