"""A coordinated action day: every country strikes on the same day.

INTERPOL's operations (Thunder, 30 Days at Sea) end in coordinated days of action: the
participating countries arrest and seize at the same time, because a network that hears of
one arrest warns its members elsewhere, who go to ground or leave, and holds its loads.
Here a team schedules an arrest or a seizure in its own country for a day
(``schedule_action``; no day: the operation's action day, which the control cell sets with
``set_action_day`` and may move). On that day every scheduled action executes at the start
of the day, in the order scheduled, as its team. Until then the team that scheduled an
action may cancel it (``cancel_action``): it stays in the plan, "cancelled", and never acts.

The tip-off (engine assumption, the lesson the exercise teaches): the first arrest in a
joint operation — scheduled or not — alerts the network at once. Its members at large in a
country another team plays leave it ``FLIGHT_DAYS`` later for a country no team plays
(a non-INTERPOL member first: a safe haven), so an arrest planned there on a later day
finds nobody; the same day, it still succeeds. Loads lie low as after any arrest
(``Simulation.lie_low_until``, the scenario's ``adaptation.lie_low_after_arrest_days``)
and, for a seizure window opened on a later day, the network holds its loads away from
the place until the window closes (``engine.corruption``'s ``Tip`` and ``hold``, as when
an official gives a control away). A seizure on the action day is a control window of
``WINDOW_DAYS`` at a place in the team's own country, for one known shipment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engine import actions as A
from engine import messages as M
from engine.controls import report_when_closed
from engine.records import Outcome, Record
from engine.requests import _known, not_a_person, ok, refuse
from engine.state import Tip

if TYPE_CHECKING:
    from engine.simulation import Simulation

FLIGHT_DAYS = 1.0  # engine assumption: members abroad are gone a day after the news
WINDOW_DAYS = 2.0  # engine assumption: an action-day seizure watches the place two days
ACTION_DAY_RULE = "Coordinated action day: arrests and seizures across countries on the" \
    " same day; an arrest days before the others tips the network off (engine assumption)"
EPS = 1e-6


@dataclass
class Planned(Record):
    """An arrest or a seizure a team scheduled for a day of action."""

    id: str
    country: str  # the team's country, where it acts
    what: str  # arrest | seizure
    target: str
    label: str
    location: str | None  # a seizure's place
    day: float | None  # None: the operation's action day
    t: float  # when it was scheduled
    status: str = "planned"  # planned | done | failed | cancelled
    result: str | None = None  # the English line of what happened
    done_t: float | None = None  # when it was carried out (or cancelled)
    code: str | None = None  # what happened, as a message code and its params (to say it
    params: dict[str, Any] = field(default_factory=dict)  # in the reader's language)

    @property
    def kind(self) -> str:
        """What the target is: a person to arrest, a shipment to seize."""
        return "person" if self.what == "arrest" else "shipment"

    def named(self, name: str = "target") -> dict[str, Any]:
        """The target as a message names it: "Envoi S737" to a French reader, not the
        English label its file keeps."""
        return M.entity(name, self.target, self.kind, self.label)


@dataclass(frozen=True)
class Alert(Record):
    """The network heard of an arrest: when, whose, where."""

    t: float
    member: str
    country: str


def when(sim: Simulation, p: Planned) -> float | None:
    return p.day if p.day is not None else sim.action_day


def country_of(sim: Simulation, member: str) -> str:
    """Where a member is now: where they fled to, else where the world put them."""
    return sim.whereabouts.get(member) or sim.world.entities[member].country


def _wake(sim: Simulation, day: float) -> None:
    if any(abs(d - day) < EPS for d in sim.action_wakeups):
        return
    sim.action_wakeups.append(day)
    sim.later(day - sim.env.now, lambda: execute(sim, day))


def set_action_day(sim: Simulation, a: A.SetActionDay) -> Outcome:
    if not sim.played:
        return refuse("action_day.joint_only", "an action day needs a joint operation",
                      ACTION_DAY_RULE)
    if a.day < sim.env.now - EPS or a.day > sim.scenario.duration_days:
        return refuse("action_day.bad_day", f"the action day must be between now (day"
                      f" {sim.env.now:.1f}) and the end of the exercise", day=a.day)
    sim.action_day = a.day
    _wake(sim, a.day)
    for c in sim.played:
        sim.knowledge_of[c].item(sim.env.now, M.sender("coordinator"), "A1", "action_day.set",
                                 {"day": a.day}, "system")
    return ok("action_day.set", f"the operation's action day is day {a.day:g}", day=a.day)


def schedule_action(sim: Simulation, a: A.ScheduleAction) -> Outcome:
    if not sim.played:
        return refuse("action_day.joint_only", "an action day needs a joint operation",
                      ACTION_DAY_RULE)
    day = a.day if a.day is not None else sim.action_day
    if day is None:
        return refuse("action_day.not_set", "the control cell has not set the action day yet:"
                      " name a day", ACTION_DAY_RULE)
    if day < sim.env.now - EPS or day > sim.scenario.duration_days:
        return refuse("action_day.bad_day", f"the day must be between now (day"
                      f" {sim.env.now:.1f}) and the end of the exercise", day=day)
    if any(p.country == sim.acting and p.what == a.what and p.target == a.target
           and p.status == "planned" for p in sim.action_plan):
        p = next(p for p in sim.action_plan if p.target == a.target)
        return refuse("action_day.already_planned", f"{p.label} is already in your plan",
                      **p.named())
    k = sim.knowledge
    if a.what == "arrest":
        held = k.entities.get(a.target)
        if held is not None and (r := not_a_person(held)) is not None:
            return r
        if not _known(sim, a.target, "person"):
            return refuse("arrest.unknown_subject",
                          f"'{a.target}' is not a person in your case file")
        if a.target not in sim.warrants:
            return refuse("arrest.no_warrant", "an arrest needs a warrant from the prosecutor",
                          "Due process: a valid arrest warrant")
        location = None
    else:
        if not _known(sim, a.target, "shipment"):
            return refuse("seizure.unknown_shipment",
                          f"'{a.target}' is not a shipment in your case file")
        loc = sim.locs.get(a.location or "")
        if loc is None:
            return refuse("seizure.unknown_location", f"no location '{a.location}'")
        if loc.country != sim.acting:
            return refuse("action_day.not_own_country", f"{loc.name_en} is in {loc.country}: on"
                          " the action day each team acts in its own country; ask the team"
                          " playing it", ACTION_DAY_RULE, country=loc.country)
        location = loc.id
    pid = f"A{len(sim.action_plan) + 1:03d}"
    plan = Planned(pid, sim.acting, a.what, a.target, k.entities[a.target].label, location,
                   a.day, round(sim.env.now, 6))
    sim.action_plan.append(plan)
    _wake(sim, day)
    return ok("action_day.scheduled", f"{a.what} of {plan.label} scheduled for day {day:g}",
              day=day, **plan.named(), plan=pid)


def cancel_action(sim: Simulation, a: A.CancelAction) -> Outcome:
    """The team that scheduled an action takes it back before it is carried out: it stays
    in the plan as "cancelled" (the control cell sees it) and never executes, so it arrests
    nobody and tips nobody off."""
    if not sim.played:
        return refuse("action_day.joint_only", "an action day needs a joint operation",
                      ACTION_DAY_RULE)
    p = next((p for p in sim.action_plan if p.id == a.plan), None)
    if p is None:
        return refuse("action_day.unknown_plan", f"there is no planned action {a.plan}",
                      plan=a.plan)
    if p.country != sim.acting:  # another team's: not described
        return refuse("action_day.not_your_plan", f"{a.plan} is another team's action: only"
                      " the team that scheduled it may cancel it", plan=a.plan)
    if p.status == "cancelled":
        return refuse("action_day.already_cancelled", f"{p.label} ({p.id}) is already"
                      " cancelled", plan=p.id, **p.named())
    if p.status != "planned":
        return refuse("action_day.carried_out", f"{p.label} ({p.id}) was already carried out"
                      f" ({p.status}): it cannot be cancelled", plan=p.id, **p.named(),
                      status=p.status)
    now = round(sim.env.now, 6)
    p.status, p.done_t = "cancelled", now
    p.result = f"Cancelled by the team on day {round(now, 1):g}"  # a day to a tenth, as said
    p.code, p.params = "action_day.cancelled_plan", {**p.named(), "day": round(now, 1)}
    return ok("action_day.cancelled", f"{p.what} of {p.label} ({p.id}) cancelled: it will not"
              " be carried out", plan=p.id, **p.named())


def at_dawn(sim: Simulation) -> None:
    """The clock has just been moved to a day: an action day that is today and has not
    acted yet acts now, so the desks showing the day show what happened on it. Since engine
    version 5 an advance runs the events due on the day it reaches, the wake-up included,
    so this acts only where a run stopped short of them (the end of the exercise)."""
    day = sim.env.now
    if any(abs(d - day) < EPS for d in sim.action_wakeups):
        execute(sim, day)


def execute(sim: Simulation, day: float) -> None:
    """The start of ``day``: every planned action due today acts, as its team."""
    sim.action_wakeups[:] = [d for d in sim.action_wakeups if abs(d - day) >= EPS]  # a plan
    due = [p for p in sim.action_plan  # added later for the same day wakes it again
           if p.status == "planned" and (d := when(sim, p)) is not None and abs(d - day) < EPS]
    for p in due:
        with sim.acting_as(p.country):
            _arrest(sim, p) if p.what == "arrest" else _seize(sim, p, day)


def _report(sim: Simulation, p: Planned, ok_: bool, code: str, line: str,
            **params: Any) -> None:
    p.status, p.result, p.done_t = ("done" if ok_ else "failed"), line, round(sim.env.now, 6)
    p.code, p.params = code, {**p.named(), **params}
    sim.knowledge.item(sim.env.now, M.sender("coordinator"), "A1", code, p.params, "partner")


def _arrest(sim: Simulation, p: Planned) -> None:
    if p.target in sim.arrested or p.target in sim.wrongful:
        _report(sim, p, False, "action_day.already", f"{p.label} was already in custody")
        return
    where = country_of(sim, p.target)
    if where != p.country:
        alert = sim.alert
        fled = p.target in sim.whereabouts and sim.world.entities[p.target].country == p.country
        if fled and alert is not None:
            _report(sim, p, False, "action_day.fled",
                    f"{p.label} was not found in {p.country}: tipped off by the arrest in"
                    f" {alert.country} on day {round(alert.t, 1):g}, left the country",
                    country=p.country, countries=alert.country, day=round(alert.t, 1))
        else:
            _report(sim, p, False, "action_day.not_found",
                    f"{p.label} was not found in {p.country}", country=p.country)
        return
    sim.arrest(p.target, M.message("arrest.action_day", country=p.country))
    ok_ = p.target in sim.arrested
    _report(sim, p, ok_, "action_day.arrested" if ok_ else "action_day.released",
            f"{p.label} arrested" if ok_ else f"{p.label} released: not a member",
            country=p.country)


def _seize(sim: Simulation, p: Planned, day: float) -> None:
    assert p.location is not None
    start = max(day, sim.env.now)
    end = start + WINDOW_DAYS
    c = sim.controls.open(p.location, start, end, p.target, p.country)
    alert = sim.alert
    if alert is not None and alert.t < start - EPS:  # warned days ago: loads hold off
        sim.tips.append(Tip(p.location, start, end, alert.member, alert.t))
    place = sim.place("place", p.location)
    _report(sim, p, True, "action_day.watching",
            f"{place['place']} watched for {p.label} until day {round(end, 1):g}", **place,
            end=round(end, 1))
    report_when_closed(sim, c, M.sender("coordinator"), "action_day.closed",
                       lambda: {**p.named(), **place, "end": round(end, 1)})


def alerted(sim: Simulation, member: str) -> None:
    """An arrest in a joint operation: the first one alerts the network (see the story)."""
    if not sim.played or sim.alert is not None:
        return
    country = country_of(sim, member)
    sim.alert = Alert(round(sim.env.now, 6), member, country)
    sim.later(FLIGHT_DAYS, lambda: _flee(sim, country))


def _flee(sim: Simulation, country: str) -> None:
    w = sim.world
    havens = sorted((c for c in sim.scenario.countries if c.code not in sim.played),
                    key=lambda c: (c.interpol_member, c.code))
    if not havens:
        return
    for m in w.members:
        e = w.entities[m]
        here = country_of(sim, m)
        if (e.type != "person" or m in sim.arrested or here == country
                or here not in sim.played):
            continue
        sim.whereabouts[m] = havens[0].code
