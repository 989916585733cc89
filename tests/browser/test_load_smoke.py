"""The load benchmark itself works: trainees acting at once through Streamlit's own protocol.

Figures are printed by `python bench/load_bench.py`; here only that every click of every
trainee reached the server, came back as the next day on the desk, and nothing failed
(no timing is asserted: this machine is shared).
"""

from __future__ import annotations

import pytest

from bench.load_bench import run

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_six_trainees_acting_at_once_all_see_their_results():
    result = run(trainees=6, browsers=0, actions=3, ramp=3, think=0.0)
    assert result["errors"] == []
    assert result["all"]["n"] == 6 * 3  # every click timed: its new day was on the desk
    assert result["server_cpu_ms_per_click"] > 0


def test_a_joint_operation_under_load_every_advance_reaches_every_desk():
    """bench/joint_bench.py: two teams of two on one clock; every advance the control cell
    makes is seen by every desk without a click, and no click or watch fails."""
    from bench.joint_bench import run as joint_run

    result = joint_run(teams=2, per_team=2, seconds=20, think=1.0, every=5.0)
    assert result["errors"] == []
    assert result["advances"] >= 2
    assert result["advance_reaches_desk"]["n"] == 4 * result["advances"]  # each desk, each day
    assert result["clicks"]["n"] > 0
