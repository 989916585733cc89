"""The oracle bot: knows the ground truth, and still plays by the trainee's rules.

It knows when and where every load will pass, who the central members are and which
groups a shipment cannot do without; it scouts the route's first control point so the
coming loads are in its case file, asks partners to seize them (or to inspect, for loads
it has not heard of) just in time, flags known couriers and transporters with Green
Notices once the case holds their basis, publishes Purple Notices only where the
network's switch of method would not hide its loads better, and pursues the most wanted
members through warrants, identifiers and, abroad, an arrest diffusion to the country it
knows they are in (at once, where a Red Notice waits for review). It pays the same costs, waits for the same partners and is refused by
the same rules: it shows how well a scenario can be played, which is what calibration
compares the others with.

It sends the phone of every member in custody to the laboratory (contacts and messages
name the rest of the crew and the next loads) and the goods of a seizure whose suppliers
it has not yet identified; it asks the FIU about a member on file who trades money with
a wanted member it cannot yet name. It asks for a controlled delivery of a known load only
where that pays: the load's buyer is still free, and it knows surveillance will hold (the
same draw ``engine.interdiction`` makes) — otherwise seizing on the spot, with the
couriers arrested and the network lying low, is worth more.
"""

from __future__ import annotations

from engine import actions as A
from engine.analyst import _src
from engine.circulation import in_force
from engine.exercise import Exercise
from engine.laboratory import analyses
from engine.notice_requests import check


class OracleBot:
    """Knows the truth; plays by the same rules."""

    def __init__(self, seed: int) -> None:
        self.covered: set[tuple[str, int]] = set()
        self.asked: dict[tuple[str, str], int] = {}
        self.done: set[tuple[str, str]] = set()
        self.ranked: list[str] | None = None  # every member person, most wanted first
        self.lead: dict[str, float] = {}  # location -> longest response delay of its country

    def _rank(self, ex: Exercise) -> list[str]:
        w, s = ex.world, ex.scenario
        involved = {g: len(w.by_group(g)) for g in s.shipments.involves}

        def priority(m: str) -> float:  # central people, and the few a shipment cannot do without
            group = w.entities[m].group or ""
            return w.betweenness.get(m, 0.0) + (0.5 if involved.get(group, 99) <= 2 else 0.0)

        people = [m for m in w.members if w.entities[m].type == "person"]
        return sorted(people, key=lambda m: (-priority(m), m))

    def step(self, ex: Exercise) -> None:
        sim, v = ex.sim, ex.view()
        if v.day == 0:
            for c in v.actions.partner_countries:
                ex.apply(A.ShareIntel(country=c))
        self._scout(ex)
        self._notices(ex, v.actions.concealments)
        self._intercept(ex)
        s = ex.scenario
        if self.ranked is None:
            self.ranked = self._rank(ex)
        targets = [m for m in self.ranked if m not in sim.arrested]
        if (
            v.day >= 10
            and ("meeting", "") not in self.done
            and sim.budget >= s.resources.case_meeting_cost + 3
        ):
            self.done.add(("meeting", ""))
            ex.apply(A.CaseMeeting(countries=v.actions.partner_countries))
        self._deliver(ex)
        self._laboratory(ex, targets[:8])
        self._money(ex, targets[:5])
        for m in targets[:5]:
            self._pursue(ex, m)

    def _deliver(self, ex: Exercise) -> None:
        """A controlled delivery of a known load whose buyer is free and whose surveillance
        will hold (the oracle reads the draw the interdiction module will make)."""
        sim, w = ex.sim, ex.world
        loss = ex.scenario.legal.controlled_delivery_loss
        for p in w.plan:
            ship = sim.ships[p.id]
            if (p.id in sim.cd_requests or ("cd", p.id) in self.done
                    or ship.status not in ("planned", "in_transit")
                    or p.id not in sim.knowledge.entities):
                continue
            buyers = [m for m in (ship.handlers or p.handlers).values()
                      if w.entities[m].role == "buyer" and m not in sim.arrested]
            if not buyers or sim.draw("cd", p.id) < loss:
                continue
            self.done.add(("cd", p.id))
            ex.apply(A.ControlledDelivery(shipment=p.id))
            return

    def _laboratory(self, ex: Exercise, targets: list[str]) -> None:
        """Send a phone or seized goods to the laboratory only when it will name a wanted
        member still unknown (the oracle knows whom the holder calls and who supplied)."""
        sim, w = ex.sim, ex.world
        k = sim.knowledge.entities
        hidden = {m for m in targets if m not in k}
        if not hidden:
            return
        custody = [m for m in sim.arrested if m in k]
        held = [sid for sid, st in sim.ships.items()
                if st.status in ("seized", "controlled_delivery") and sid in k]
        calls = sim.calls
        for an in analyses(ex.scenario):
            if sim.budget < an.cost + 3:
                continue
            phone = an.examines.value == "phone"
            for item in custody if phone else held:
                if ("lab", f"{an.id}:{item}") in self.done:
                    continue
                if phone:
                    names = {b for a, b in calls if a == item} | {a for a, b in calls if b == item}
                elif "source" in an.finds:
                    names = {m for m in sim.ships[item].handlers.values()
                             if w.entities[m].role in ("harvester", "collector", "processor")}
                else:
                    continue
                if names & hidden:
                    self.done.add(("lab", f"{an.id}:{item}"))
                    ex.apply(A.RequestForensics(analysis=an.id, item=item))
                    return

    def _money(self, ex: Exercise, targets: list[str]) -> None:
        """FIU reports on a member on file who trades money with a wanted, unnamed member."""
        sim, k = ex.sim, ex.sim.knowledge
        if sim.budget < ex.scenario.finance.fiu_cost + 2:
            return
        hidden = {m for m in targets if m not in k.entities}
        if not hidden:
            return
        for payer, payee, _amount in sim.payments:
            for known, other in ((payer, payee), (payee, payer)):
                if other in hidden and known in k.entities and ("fiu", known) not in self.done:
                    self.done.add(("fiu", known))
                    ex.apply(A.RequestFiu(subject=known))
                    return

    def _notices(self, ex: Exercise, seen: list[str]) -> None:
        """Purple Notices that make loads easier to find; Green Notices on known travellers.

        A Purple Notice on the method in use makes the network switch to the next method
        nobody has flagged: the oracle publishes it only when that switch does not leave
        loads harder to find. A Green Notice on a courier or transporter in the case file
        gets their loads a secondary inspection at every control.
        """
        sim, s = ex.sim, ex.scenario
        mult = sim.multiplier
        for c in seen:
            if ("purple", c) in self.done:
                continue
            if c == sim.concealment and s.adaptation.change_concealment_after_purple:
                free = [
                    x
                    for x in s.shipments.concealments
                    if x != c and ("purple", x) not in sim.notices
                ]
                if free and mult.get(free[0], 1.0) < mult.get(c, 1.0):
                    continue  # the switch would hide the loads better: keep quiet
            self.done.add(("purple", c))
            ex.apply(A.RequestNotice(colour="purple", subject=c, purpose="modus_operandi"))
        w, k = ex.world, sim.knowledge
        for m in w.members:
            ent = w.entities[m]
            if (
                ent.role in ("transporter", "courier")
                and m in k.entities
                and ("green", m) not in self.done
                and m not in sim.arrested
                and check(sim, "green", "warn", "ordinary_crime", m).accepted
            ):  # only once the case holds a basis: a refused request earns nothing
                self.done.add(("green", m))
                ex.apply(A.RequestNotice(colour="green", subject=m, purpose="warn"))

    def _scout(self, ex: Exercise) -> None:
        """Every ten days, ask about the loads passing the route's first control point.

        The answer puts the coming shipments in the case file, which a seizure request and
        a controlled delivery both need.
        """
        sim, day = ex.sim, int(ex.day)
        if day % 10:
            return
        src = _src(ex, "shipments", "location")
        legs = sim.legs[sim.route]
        stop = next((lp.to for lp in legs if lp.routine > 0), legs[0].to)
        if src is not None and sim.budget >= src.cost + 2:
            ex.apply(A.RequestIntel(source=src.id, target=stop))

    def _intercept(self, ex: Exercise) -> None:
        """Inspect each leg end just in time: the oracle knows when every load will pass."""
        sim, now = ex.sim, ex.day
        corrupt = {  # places where a corrupt official would wave loads through or talk
            loc for loc, ms in sim.officials_at.items() if any(m not in sim.arrested for m in ms)
        }
        if not self.lead:
            self.lead = {
                x: sim.countries[loc.country].partner.response_days.max
                for x, loc in sim.locs.items()
            }
        s_tune = ex.scenario.tuning
        for p in ex.world.plan:
            ship = sim.ships[p.id]
            if ship.status == "in_transit":
                route, t = ship.route or sim.route, ship.depart_day or 0.0
            elif ship.status == "planned":
                routes = ex.scenario.shipments.routes
                route = sim.route
                if p.route_u < s_tune.alternate_route_share and len(routes) > 1:
                    route = routes[(routes.index(sim.route) + 1) % len(routes)]
                t = max(p.depart_day, sim.lie_low_until)
            else:
                continue
            for i, lp in enumerate(sim.legs[route]):
                t += lp.days(p.leg_days[i])
                lead = self.lead[lp.to]
                if (p.id, i) in self.covered or lp.to in corrupt or not lead <= t - now < lead + 1:
                    continue
                start = max(now, t - 0.5)
                known = sim.knowledge.entities.get(p.id)
                if known is not None and known.type == "shipment":  # a seizure aims at the load
                    out = ex.apply(
                        A.Seizure(shipment=p.id, location=lp.to, start_day=start, days=1)
                    )
                else:
                    out = ex.apply(A.Inspection(location=lp.to, start_day=start, days=1))
                if out.accepted:
                    self.covered.add((p.id, i))

    def _ask(self, ex: Exercise, reveal: str, target: str, typ: str) -> None:
        src = _src(ex, reveal, typ)
        if src is None or ex.sim.budget < src.cost + 1:
            return
        key = (src.id, target)
        if self.asked.get(key, 0) >= 3:
            return
        self.asked[key] = self.asked.get(key, 0) + 1
        ex.apply(A.RequestIntel(source=src.id, target=target))

    def _pursue(self, ex: Exercise, m: str) -> None:
        sim, k = ex.sim, ex.sim.knowledge
        if m not in k.entities:
            known = [n for n, _ in ex.world.neighbours(m) if n in k.entities]
            if known:
                self._ask(ex, "associates", known[0], k.entities[known[0]].type)
            return
        ent = ex.world.entities[m]
        if ent.type != "person":
            return
        if m not in sim.warrants:
            if k.evidence.get(m, 0.0) >= ex.scenario.legal.warrant_evidence:
                ex.apply(A.RequestWarrant(subject=m))
            else:
                self._ask(ex, "associates", m, "person")
            return
        abroad = ent.country != ex.scenario.home_country
        if abroad and not in_force(sim, "red", m, ent.country):
            if k.identifiers(m) < ex.scenario.legal.min_identifiers:
                self._ask(ex, "identifiers", m, "person")
            elif ("diffusion", m) not in self.done:
                # it knows where the person is: an arrest diffusion to that country acts
                # at once, where a Red Notice waits for the General Secretariat's review
                self.done.add(("diffusion", m))
                ex.apply(A.RequestDiffusion(purpose="arrest", subject=m, countries=[ent.country]))
            return
        if ("arrest", m) not in self.done and ex.apply(A.Arrest(subject=m)).accepted:
            self.done.add(("arrest", m))
