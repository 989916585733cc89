"""The price line under an action form, as the engine quotes it (ui.action_forms.price)."""

from __future__ import annotations

from engine.tariff import Quote
from ui.action_forms import price


def test_a_request_a_team_answers_names_the_team_not_a_delay():
    line = price(Quote("inspection", 3.0, "analyst-days", None, "TZ"))
    assert "the team playing Tanzania answers when it decides" in line
    assert "TZ" not in line


def test_a_share_to_a_team_is_at_once():
    assert "decided at once" in price(Quote("share_intel", 0.0, "analyst-days", None))


def test_a_cost_of_one_is_one_analyst_day():
    """User trial: "Cost: 1 analyst-days" under the inspection and seizure forms."""
    assert price(Quote("inspection", 1.0, "analyst-days", None)).startswith(
        "Cost: 1 analyst-day ·")
    assert price(Quote("inspection", 2.0, "analyst-days", None)).startswith(
        "Cost: 2 analyst-days ·")
    assert price(Quote("inspection", 1.0, "officer-hours", None)).startswith(
        "Cost: 1 officer-hours")  # a unit the catalogs do not know: as its author wrote it
