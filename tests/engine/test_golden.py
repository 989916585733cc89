"""Golden runs: one heuristic exercise per shipped scenario must not drift unnoticed.

Regenerate after an intended change with: UPDATE_GOLDEN=1 pytest tests/engine/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from engine.__main__ import run_summary
from tests.engine.conftest import ROOT, SCENARIO_IDS

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("sid", SCENARIO_IDS)
def test_golden_run(sid):
    got = run_summary(str(ROOT / "scenarios" / f"{sid}.yaml"), 1, "heuristic")
    path = GOLDEN / f"{sid}.json"
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(got, indent=2, sort_keys=True) + "\n")
    assert got == json.loads(path.read_text())
