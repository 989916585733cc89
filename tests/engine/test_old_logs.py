"""Logs stored by an earlier version still replay to the days they recorded.

``golden/log-before-the-agenda.json`` was written by the engine of commit f170c13, whose
"advance to the next event" ran to the next news or the end (from day 9 straight to day 30,
then 44). Today's rule stops at the trainee's known events (weekly budget, answers due), so a
stored log must keep its own meaning, or an exercise under way during an upgrade would move.
"""

from __future__ import annotations

import json
from pathlib import Path

from engine.exercise import Exercise
from engine.loader import load_scenario

ROOT = Path(__file__).resolve().parents[2]
OLD = json.loads((ROOT / "tests/engine/golden/log-before-the-agenda.json").read_text())


def test_a_log_from_before_the_agenda_replays_to_the_days_it_recorded():
    scenario = load_scenario(ROOT / "scenarios" / f"{OLD['scenario']}.yaml")
    replayed = Exercise.from_log(scenario, OLD["seed"], OLD["log"])
    assert [e["t"] for e in replayed.log] == [e["t"] for e in OLD["log"]]  # 0, 0, 2, 9, 30, 44
    assert replayed.sim.env.now == OLD["day"]
    assert not replayed.finished


def test_an_action_written_today_keeps_todays_rule():
    scenario = load_scenario(ROOT / "scenarios" / f"{OLD['scenario']}.yaml")
    live = Exercise(scenario, OLD["seed"])
    for _ in range(4):
        live.apply({"kind": "advance_to_next_event"})
    assert all("confirm_end" in e["action"] for e in live.log)  # how today's entries are told apart
    replayed = Exercise.from_log(scenario, OLD["seed"], live.log)
    assert [e["t"] for e in replayed.log] == [e["t"] for e in live.log]
    assert replayed.sim.env.now == live.sim.env.now
