"""The simulation's typed parts: inspection teams booked for their window, trust per
partner, the budget as a SimPy container, events as an enum, answers as SimPy processes."""

from __future__ import annotations

import simpy
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import actions as A
from engine.events import Event
from engine.exercise import Exercise, Overrides
from engine.injects import Trigger
from engine.simulation import ENGINE_VERSION


def _one_team(wildlife) -> Exercise:
    ex = Exercise(wildlife, 3, Overrides(resources=0.5))  # 2 teams x 0.5: one team
    assert ex.sim.teams.count == 1
    return ex


def _inspect(ex: Exercise, start: float, days: float) -> str:
    loc = ex.scenario.locations[0].id
    return ex.apply(A.Inspection(location=loc, start_day=start, days=days)).code


def test_one_team_takes_two_inspections_in_disjoint_future_windows(wildlife):
    ex = _one_team(wildlife)
    assert _inspect(ex, 40, 7) == "inspection.requested"
    # booked for days 40-47 only: free before, and again from day 47 (windows that touch)
    assert _inspect(ex, 10, 7) == "inspection.requested"
    assert _inspect(ex, 47, 3) == "inspection.requested"
    assert ex.view().teams_free == 1  # nobody is out today


def test_one_team_refuses_an_overlapping_window_with_its_rule(wildlife):
    ex = _one_team(wildlife)
    assert _inspect(ex, 40, 7) == "inspection.requested"
    budget = ex.sim.budget
    for start, days in ((42, 3), (35, 7), (38, 20)):
        out = ex.apply(
            A.Inspection(location=ex.scenario.locations[0].id, start_day=start, days=days)
        )
        assert (out.accepted, out.code) == (False, "resources.no_team")
        assert out.rule and "first day to its last" in out.rule
    assert ex.sim.budget == budget  # a refusal costs nothing


def test_the_team_is_held_as_a_simpy_resource_during_its_window_only(wildlife):
    for seed in range(40):
        ex = Exercise(wildlife, seed, Overrides(resources=0.5))
        _inspect(ex, 5, 3)
        if ex.sim.requests[-1].agreed:
            break
    assert isinstance(ex.sim.teams.resource, simpy.Resource)
    ex.sim.run_until(4.9)
    assert ex.sim.teams.in_use == 0  # booked, not yet out
    ex.sim.run_until(6)
    assert ex.sim.teams.in_use == 1
    ex.sim.run_until(9)
    assert ex.sim.teams.in_use == 0


def test_a_declined_request_frees_the_team_from_the_answer(wildlife):
    for seed in range(40):
        ex = Exercise(wildlife, seed, Overrides(resources=0.5))
        _inspect(ex, 0, 30)
        req = ex.sim.requests[-1]
        if not req.agreed:
            break
    else:  # pragma: no cover - the partners of this scenario decline now and then
        raise AssertionError("no declined request in 40 seeds")
    assert _inspect(ex, 1, 3) == "resources.no_team"  # not told yet: still booked
    ex.sim.run_until(req.start + 0.01)
    assert any(m.code == "partner.inspection_declined" for m in ex.view().inbox)
    assert _inspect(ex, ex.day, 3) == "inspection.requested"


def test_trust_rises_by_its_step_per_gesture(wildlife):
    ex = Exercise(wildlife, 1)
    partner = next(c.code for c in wildlife.countries if c.code != wildlife.home_country)
    base = ex.sim._act(partner)
    ex.apply(A.ShareIntel(country=partner))
    assert ex.sim.trust.act_probability(partner) == min(1.0, base + ex.sim.trust.step)
    assert ex.sim._act(partner) == ex.sim.trust.act_probability(partner)
    assert ex.apply(A.ShareIntel(country=partner)).code == "share.already"


def test_trust_takes_its_step_as_a_parameter(wildlife):
    from engine.trust import Trust

    countries = {c.code: c for c in wildlife.countries}
    code = next(iter(countries))
    t = Trust(countries, step=0.05)
    t.raise_(code)
    t.raise_(code)
    assert t.act_probability(code) == min(1.0, countries[code].partner.act_probability + 0.1)


def test_the_budget_is_a_simpy_container_charged_through_pay_and_spend(wildlife):
    from engine.requests import _pay, _spend

    ex = Exercise(wildlife, 1)
    assert isinstance(ex.sim.funds.purse, simpy.Container)
    start = ex.sim.budget
    assert _pay(ex.sim, start + 1).code == "resources.insufficient"
    _spend(ex.sim, 2)
    assert (ex.sim.budget, ex.sim.spent, ex.sim.funds.purse.level) == (start - 2, 2, start - 2)
    ex.sim.run_until(7.5)  # the weekly top-up is a put into the container
    weekly = wildlife.resources.budget_per_week
    assert ex.sim.budget == start - 2 + weekly
    assert ex.sim.budget_total == start + weekly


def test_every_msel_trigger_is_an_engine_event():
    assert {t.value for t in Trigger} <= {e.value for e in Event}


def test_answers_are_simpy_processes_and_the_clock_is_never_forced(wildlife):
    ex = Exercise(wildlife, 1)
    proc = ex.sim.later(2.5, lambda: None)
    assert isinstance(proc, simpy.Process)
    ex.sim.run_until(2)
    assert proc.is_alive and ex.day == 2
    ex.sim.run_until(3)
    assert not proc.is_alive and ex.day == 3


def test_the_engine_is_version_5():
    assert ENGINE_VERSION == 5


@settings(max_examples=60, deadline=None)
@given(
    count=st.integers(1, 3),
    windows=st.lists(
        st.tuples(st.integers(0, 30), st.integers(1, 10)), min_size=1, max_size=12
    ),
)
def test_teams_never_book_more_windows_at_once_than_there_are_teams(count, windows):
    from engine.teams import Teams

    teams = Teams(simpy.Environment(), count)
    accepted = []
    for start, days in windows:
        at_once = max(
            sum(1 for s, e in accepted if s <= t < e) for t in range(start, start + days)
        )
        assert teams.free_for(start, start + days) == (at_once < count)
        if at_once < count:
            teams.book(start, start + days)
            accepted.append((start, start + days))
    env = teams.env
    while env.peek() < float("inf"):  # every booked window gets a team on its first day
        env.step()
        assert teams.in_use <= count
        if env.peek() > env.now:  # a window starting as another ends waits no time at all
            assert not teams.resource.queue
    assert teams.in_use == 0


def test_an_agreed_control_opens_its_window_in_the_controls_part(wildlife):
    for seed in range(40):
        ex = Exercise(wildlife, seed)
        _inspect(ex, 20, 5)
        if ex.sim.requests[-1].agreed:
            break
    loc = ex.scenario.locations[0].id
    ex.sim.run_until(21)
    assert [(c.location, c.end) for c in ex.sim.controls] == [(loc, 25)]
    assert len(list(ex.sim.controls.at(loc, 22))) == 1
    assert not list(ex.sim.controls.at(loc, 26))


def test_a_decision_drawn_once_has_its_own_number(wildlife):
    """``Simulation.draw`` (engine version 3): the same exercise and decision give the same
    number, another decision or seed another one; the numbers spread evenly over [0, 1)."""
    sim = Exercise(wildlife, 7).sim
    same = Exercise(wildlife, 7).sim
    assert sim.draw("verdict", "P01") == same.draw("verdict", "P01")
    assert sim.draw("verdict", "P01") != sim.draw("verdict", "P02")
    assert sim.draw("verdict", "P01") != Exercise(wildlife, 8).sim.draw("verdict", "P01")
    numbers = [sim.draw("leak", n) for n in range(4000)]
    assert all(0.0 <= u < 1.0 for u in numbers)
    tenths = [sum(int(u * 10) == k for u in numbers) for k in range(10)]
    assert min(tenths) > 330 and max(tenths) < 470  # ~400 in each tenth
    options = ["a", "b", "c"]
    picks = {sim.pick(options, "reveal", n) for n in range(60)}
    assert picks == set(options)
    assert sim.pick(options, "reveal", 1) == same.pick(options, "reveal", 1)
