"""The shortcuts taken for speed give the same answers as the plain paths."""

from __future__ import annotations

import re

import pytest

from engine import actions as A
from engine.__main__ import calibrate, main
from engine.exercise import Exercise
from engine.policies import run_policy
from engine.world import FakerPool


def test_an_action_model_is_taken_as_it_is_and_a_dict_is_validated():
    act = A.Inspection(location="x", start_day=3, days=2)
    assert A.parse_action(act) is act
    assert A.parse_action(act.model_dump(mode="json")) == act
    assert A.describe(act.model_dump(mode="json")) == A.summary(act)


def test_calibration_is_the_same_in_one_process_and_in_a_pool(wildlife):
    one = calibrate(wildlife, 6, ["random", "heuristic"], workers=1)
    two = calibrate(wildlife, 6, ["random", "heuristic"], workers=2)
    assert one == two
    assert one["heuristic"]["runs"] == 6  # runs per policy
    pooled = FakerPool()
    for seed in range(6):
        assert (
            run_policy(wildlife, seed, "heuristic", fakers=pooled).score()
            == run_policy(wildlife, seed, "heuristic").score()
        )


def test_calibrate_help_says_runs_are_per_policy(capsys):
    with pytest.raises(SystemExit):
        main(["calibrate", "--help"])
    assert "per policy" in capsys.readouterr().out.lower()


def test_calls_and_payments_are_listed_in_the_order_they_happened(wildlife):
    ex = run_policy(wildlife, 2, "heuristic")
    sim = ex.sim
    calls, payments = list(sim.calls), list(sim.payments)
    assert calls and payments
    assert sim.calls == calls and sim.payments == payments  # reading twice changes nothing
    members = set(ex.world.members)
    assert all(a in members and b in members for a, b in calls)
    assert all(amount > 0 for *_, amount in payments)


def test_replay_of_a_bot_log_gives_the_same_calls_and_payments(wildlife):
    ex = run_policy(wildlife, 4, "oracle")
    again = Exercise.from_log(wildlife, 4, ex.log)
    assert again.sim.calls == ex.sim.calls and again.sim.payments == ex.sim.payments
    assert again.score() == ex.score()


def test_calibration_gives_each_objectives_ratings_per_bot(wildlife):
    """The author's guide asks for "each objective rated P by the heuristic bot most of the
    time but not by the random one": calibration says how often each bot got each rating
    (a trial had to loop ``engine run`` by hand to find out)."""
    result = calibrate(wildlife, 6, ["random", "heuristic"], workers=1)
    ids = {o.id for o in wildlife.objectives}
    for policy in ("random", "heuristic"):
        shares = result[policy]["objectives"]
        assert set(shares) == ids
        for rated in shares.values():
            assert set(rated) == {"P", "S", "M", "U"}
            assert sum(rated.values()) == pytest.approx(1.0)
    expected = {o: sum(run_policy(wildlife, seed, "heuristic").debrief().ratings[o] == "P"
                       for seed in range(6)) / 6 for o in ids}
    assert {o: r["P"] for o, r in result["heuristic"]["objectives"].items()} == expected


def test_calibrate_prints_the_objectives_ratings(capsys):
    assert main(["calibrate", "wildlife-ivory-corridor", "--runs", "2", "--policies",
                 "heuristic", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^\s+objective \S+ +P +\d+ % +S +\d+ % +M +\d+ % +U +\d+ %", out, re.M), out
