from __future__ import annotations

from pathlib import Path

import pytest

from engine.scenario import Scenario, load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_FILES = sorted((ROOT / "scenarios").glob("*.yaml"))
SCENARIO_IDS = [p.stem for p in SCENARIO_FILES]


@pytest.fixture(scope="session")
def scenarios() -> dict[str, Scenario]:
    return {p.stem: load_scenario(p) for p in SCENARIO_FILES}


@pytest.fixture(scope="session")
def wildlife(scenarios: dict[str, Scenario]) -> Scenario:
    return scenarios["wildlife-ivory-corridor"]
