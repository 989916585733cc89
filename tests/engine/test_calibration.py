"""Bots: for every shipped scenario, oracle > heuristic > random on the median score."""

from __future__ import annotations

import statistics

import pytest

from engine.policies import run_policy
from tests.engine.conftest import SCENARIO_IDS

SEEDS = range(15)


@pytest.mark.parametrize("sid", SCENARIO_IDS)
def test_oracle_beats_heuristic_beats_random(scenarios, sid):
    s = scenarios[sid]
    med = {
        p: statistics.median(run_policy(s, seed, p).score() for seed in SEEDS)
        for p in ("random", "heuristic", "oracle")
    }
    assert med["oracle"] > med["heuristic"] > med["random"], med
