"""Asking partner countries to act: inspections, seizures, controlled deliveries, arrests.

Each request goes to the country holding the place or the person. It answers after its
response delay and acts only with its probability of acting (raised by trust: shared
intelligence and case meetings). An inspection or seizure commits one of the trainee's
inspection teams for its window only (``engine.teams``); a controlled delivery, once every
state on the load's route has agreed, lets a detected load run on under surveillance; an
arrest needs a warrant, and abroad a Red Notice (or an arrest diffusion addressed to that
country) — and no arrest can be asked of a country outside INTERPOL.
"""

from __future__ import annotations

from engine import actions as A
from engine.circulation import in_force
from engine.controls import report_when_closed
from engine.corruption import tip_off
from engine.deliveries import route_states
from engine.joint import TeamRequest, send
from engine.messages import message, nested, sender
from engine.notices import NCB, RPD
from engine.records import Outcome
from engine.requests import _known, _n, _pay, _spend, not_a_person, ok, refuse
from engine.simulation import ControlRequest, DeliveryRequest, Simulation
from engine.world import triangular_at

TEAM_RULE = (
    "Resources: one inspection team per control window, committed from its first day to its"
    " last (engine assumption)"
)


def _control(
    sim: Simulation, location: str, start: float, days: float, shipment: str | None, what: str
) -> Outcome:
    if location not in sim.locs:
        return refuse(f"{what}.unknown_location", f"no location '{location}'")
    now, end = sim.env.now, start + days
    if start < now - 1e-9 or start > sim.scenario.duration_days:
        return refuse(
            f"{what}.bad_window",
            f"the window must start between now (day {now:.1f}) and the end of the exercise",
        )
    teams = sim.teams.count
    if not sim.teams.free_for(start, end):
        return refuse(
            "resources.no_team",
            f"all {teams} inspection teams are committed between day {start:g} and day {end:g}",
            TEAM_RULE,
            teams=teams,
        )
    cost = sim.scenario.resources.inspection_cost
    if (r := _pay(sim, cost)) is not None:
        return r
    _spend(sim, cost)
    booking = sim.teams.book(start, end)
    country = sim.locs[location].country
    rng = sim.rng(what, location, shipment, _n(sim, what, location, shipment))
    partner = next(c for c in sim.scenario.countries if c.code == country).partner
    delay = triangular_at(rng.random(), partner.response_days)
    acts = rng.random() < sim._act(country)

    own = country == sim.acting  # booked with the team's own services, not "sent to" it
    by, said = (sender("national"), "home") if own else (sender("ncb", country=country), "partner")

    def answer(acts: bool, record: bool = True) -> None:
        """The effect of the partner's answer (drawn, or a team's: ``record`` it then)."""
        t = sim.env.now
        if record:
            sim.requests.append(
                ControlRequest(what, location, shipment, country, acts, max(start, t), end, own)
            )
        name = sim.place("place", location)
        if acts:
            c = sim.controls.open(location, max(start, t), end, shipment, sim.acting)
            tip_off(sim, location, max(start, t), end, shipment)  # a corrupt official may talk
            report_when_closed(sim, c, by, f"{said}.{what}_closed",
                               lambda: {"country": country, **name, "end": round(end, 1)}
                               | ({"shipment": shipment} if shipment else {}))
            sim.knowledge.item(
                t,
                by,
                "B2",
                f"{said}.{what}_agreed",
                {"country": country, **name, "start": max(start, t), "end": end}
                | ({"shipment": shipment} if shipment else {}),
                "partner",
            )
        else:
            sim.teams.cancel(booking)
            sim.knowledge.item(
                t,
                by,
                "B2",
                f"{said}.{what}_declined",
                {"country": country, **name},
                "partner",
            )

    place = sim.place("place", location)
    if _to_team(sim, country):
        req = send(sim, country, what, {"location": location, **place, "start": start,
                                        "end": end} | ({"shipment": shipment} if shipment else {}),
                   answer)
        return _sent(req)
    # the request as the partner's agencies will have it when they answer (the debrief's)
    sim.requests.append(
        ControlRequest(what, location, shipment, country, acts, max(start, now + delay), end,
                       own)
    )
    sim.answer(delay, lambda: answer(acts, False), f"{what}_home" if own else what,
               country=country, **place, **({"shipment": shipment} if shipment else {}))
    if own:
        return ok(
            f"{what}.booked_home",
            f"{what} booked with your national teams (cost {cost:g}); their confirmation is"
            f" expected in about {delay:.1f} days",
            country=country,
            eta_day=round(now + delay, 3),
            cost=cost,
        )
    return ok(
        f"{what}.requested",
        f"request sent to {country} (cost {cost:g}); answer expected in about {delay:.1f} days",
        country=country,
        eta_day=round(now + delay, 3),
        cost=cost,
    )


def _to_team(sim: Simulation, country: str) -> bool:
    """Is ``country`` played by a team other than the one acting (its answer is human)?"""
    return country != sim.acting and sim.played_by_team(country)


def _sent(req: TeamRequest) -> Outcome:
    return ok(
        "request.sent_to_team",
        f"request {req.id} sent to the team playing {req.to_country}; it answers by hand",
        request=req.id,
        country=req.to_country,
    )


def inspection(sim: Simulation, a: A.Inspection) -> Outcome:
    return _control(sim, a.location, a.start_day, a.days, None, "inspection")


def seizure(sim: Simulation, a: A.Seizure) -> Outcome:
    if not _known(sim, a.shipment, "shipment"):
        return refuse(
            "seizure.unknown_shipment", f"'{a.shipment}' is not a shipment in your case file"
        )
    return _control(sim, a.location, a.start_day, a.days, a.shipment, "seizure")


def controlled_delivery(sim: Simulation, a: A.ControlledDelivery) -> Outcome:
    """Put a controlled delivery to every state on the load's route.

    Each state answers after its own response delay and agrees with its own probability
    of acting (raised by trust); the home state, which asks, agrees at once. The delivery
    is in force only once all have agreed: one refusal and there is none, and a load found
    before every answer is in is seized as any other find (UNTOC art. 20 and the 1988
    Convention art. 11: controlled delivery with the consent of each state concerned; see
    ``engine.deliveries``). The verdict names who agreed, who refused, and the rule.
    """
    if not _known(sim, a.shipment, "shipment"):
        return refuse("cd.unknown_shipment", f"'{a.shipment}' is not a shipment in your case file")
    ship = sim.ships.get(a.shipment)
    if a.shipment in sim.cd_requests or (
        ship is not None and ship.status not in ("planned", "in_transit")
    ):
        return refuse(
            "cd.too_late", "this shipment can no longer be placed under controlled delivery"
        )
    asked = sim.cd_asked.get(a.shipment)
    if asked is not None and not asked.complete:
        return refuse(
            "cd.pending", "the states on this shipment's route have not all answered yet"
        )
    states = route_states(sim, a.shipment)
    now, home = sim.env.now, sim.acting
    n = _n(sim, "cd", a.shipment)
    answers: dict[str, bool] = {}
    due: dict[str, float] = {}
    by_hand = [c for c in states if _to_team(sim, c)]
    for country in states:
        if country == home:
            answers[country], due[country] = True, now
            continue
        rng = sim.rng("cd-request", a.shipment, country, n)
        partner = sim.countries[country].partner
        due[country] = now + triangular_at(rng.random(), partner.response_days)
        answers[country] = rng.random() < sim._act(country)
    for country in by_hand:  # a team answers for its state, when it does
        answers[country], due[country] = False, now
    req = DeliveryRequest(a.shipment, states, answers, due)
    sim.cd_asked[a.shipment] = req
    sim.credit[a.shipment] = home  # a delivery that ends under control is the asker's
    sent = []
    for country in states:
        if country == home:
            _cd_answer(sim, req, country)
        elif country in by_hand:

            def effect(accept: bool, c: str = country) -> None:
                req.answers[c] = accept
                _cd_answer(sim, req, c)

            sent.append(send(sim, country, "controlled_delivery",
                             {"shipment": a.shipment, "countries": list(states)}, effect).id)
        else:
            sim.answer(due[country] - now, lambda c=country: _cd_answer(sim, req, c), "cd",
                       country=country, shipment=a.shipment)
    last = max(due.values())
    others = [c for c in states if c != home]
    if home in states and not others:  # the route stays in the team's own country
        return ok(
            "cd.in_force_home",
            f"controlled delivery of {a.shipment} arranged with your national teams: its"
            " route does not leave your country",
            shipment=a.shipment,
        )
    if home in states:  # its own services agree at once: the request goes to the others
        return ok(
            "cd.requested_home",
            f"controlled delivery of {a.shipment}: your national teams agree; put to the other"
            f" states on its route ({', '.join(others)}); all must agree; last answer expected"
            f" around day {last:.1f}",
            countries=", ".join(others),
            eta_day=round(last, 3),
            **({"requests": ", ".join(sent)} if sent else {}),
        )
    return ok(
        "cd.requested",
        f"controlled delivery of {a.shipment} put to every state on its route"
        f" ({', '.join(states)}); all must agree; last answer expected around day {last:.1f}",
        countries=", ".join(states),
        eta_day=round(last, 3),
        **({"requests": ", ".join(sent)} if sent else {}),
    )


def _cd_answer(sim: Simulation, req: DeliveryRequest, country: str) -> None:
    """One state's answer arrives; with the last one, the trainee learns the verdict."""
    if sim.cd_asked.get(req.shipment) is not req:
        return
    req.heard.add(country)
    t, k = sim.env.now, sim.knowledge
    if country != sim.acting:
        k.item(t, sender("ncb", country=country), "B2",
               "partner.cd_state_agreed" if req.answers[country] else "partner.cd_state_refused",
               {"country": country, "shipment": req.shipment}, "partner")
    if not req.complete:
        return
    agreed = [c for c in req.countries if req.answers[c]]
    if req.agreed:
        sim.cd_requests.add(req.shipment)
        own = req.countries == (sim.acting,)  # no other state on the route was asked
        k.item(t, sender("coordinator"), "A1", "home.cd_in_force" if own else "partner.cd_in_force",
               {"shipment": req.shipment, "countries": ", ".join(req.countries)}, "partner")
        return
    k.item(t, sender("coordinator"), "A1", "partner.cd_refused",
           {"shipment": req.shipment, "refused": ", ".join(req.refused_by),
            **({"agreed": ", ".join(agreed)} if agreed
               else nested("agreed", message("word.nobody")))},
           "partner")


def arrest(sim: Simulation, a: A.Arrest) -> Outcome:
    k = sim.knowledge
    held = k.entities.get(a.subject)
    if held is not None and (r := not_a_person(held)) is not None:
        return r
    if not _known(sim, a.subject, "person"):
        return refuse("arrest.unknown_subject", f"'{a.subject}' is not a person in your case file")
    if a.subject not in sim.warrants:
        return refuse(
            "arrest.no_warrant",
            "an arrest needs a warrant from the prosecutor",
            "Due process: a valid arrest warrant",
        )
    if a.subject in sim.arrested or a.subject in sim.wrongful:
        return refuse("arrest.already", "this person is already in custody or was released")
    # where the person is now (a tipped-off member may have fled: engine.action_day)
    country = sim.whereabouts.get(a.subject) or sim.world.entities[a.subject].country
    if country in sim.non_members:
        return refuse(
            "arrest.non_member",
            f"the person is in {country}, which is not an INTERPOL member: no NCB can act on a "
            "Red Notice there (extradition goes through diplomatic channels)",
            NCB + "; a notice is circulated to member countries only",
            country=country,
        )
    if country != sim.acting and not in_force(sim, "red", a.subject, country):
        return refuse(
            "arrest.needs_red_notice",
            "this person is abroad: a provisional arrest abroad needs a published Red "
            "Notice or an arrest diffusion sent to the country where they are",
            RPD + ": locate and provisionally arrest pending extradition",
        )
    rng = sim.rng("arrest", a.subject, _n(sim, "arrest", a.subject))
    partner = next(c for c in sim.scenario.countries if c.code == country).partner
    delay, acts = (
        triangular_at(rng.random(), partner.response_days),
        rng.random() < sim._act(country),
    )

    own = country == sim.acting  # the team's own police, not a request "sent to" its country

    def answer(acts: bool) -> None:
        if a.subject in sim.arrested:
            return
        if acts:  # (the country stays in the params: the prosecution's forum reads it)
            sim.arrest(a.subject, message("arrest.by_home" if own else "arrest.on_request",
                                          country=country))
        else:
            k.item(
                sim.env.now,
                sender("national") if own else sender("ncb", country=country),
                "B2",
                "home.arrest_failed" if own else "partner.arrest_failed",
                {"country": country, "subject": k.entities[a.subject].label},
                "partner",
            )

    if _to_team(sim, country):
        return _sent(send(sim, country, "arrest",
                          {"subject": a.subject, "label": k.entities[a.subject].label}, answer))
    sim.answer(delay, lambda: answer(acts), "arrest_home" if own else "arrest",
               country=country, subject=k.entities[a.subject].label)
    if own:
        return ok(
            "arrest.booked_home",
            "arrest entrusted to your national police; the result is expected around day"
            f" {sim.env.now + delay:.1f}",
            country=country,
            eta_day=round(sim.env.now + delay, 3),
        )
    return ok(
        "arrest.requested",
        f"arrest requested from {country}",
        country=country,
        eta_day=round(sim.env.now + delay, 3),
    )
