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
