"""The debrief's Prosecution tab shows each arrested member's case, its outcome and the
exhibits that counted, in the trainee's language (AppTest via app.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pages.helpers import APP, play_to_end
from tests.pages.test_debrief_i18n_pages import open_debrief
from tests.pages.test_debrief_trial import table


def _tanzanian_seizure() -> dict[str, object]:
    """An inspection in Tanzania that, in the demo workshop's world, finds one load whose
    carrier is tried there and convicted. Where and when the loads pass follows from the
    world's seed, so it is searched in the engine rather than written down."""
    from academy.exercises import cohort_seed
    from engine.exercise import Exercise
    from engine.scenario import load_scenario

    scenario = load_scenario(Path(APP).parent / "scenarios" / "wildlife-ivory-corridor.yaml")
    seed = cohort_seed(1, "wildlife-ivory-corridor")  # the demo workshop is the first one
    places = [loc.id for loc in scenario.locations if loc.country == "TZ"]
    for place in sorted(places, key=lambda p: p != "dar-es-salaam-port"):
        for start in range(0, int(scenario.duration_days), 5):
            action = {"kind": "inspection", "location": place, "start_day": start, "days": 30}
            ex = Exercise(scenario, seed)
            ex.apply(action)
            ex.sim.run_until(scenario.duration_days)
            cases = ex.debrief().prosecutions
            if len(cases) == 1 and (cases[0].outcome, cases[0].forum) == ("convicted", "TZ"):
                return action
    pytest.fail("no inspection in Tanzania convicts one carrier in the demo world")


@pytest.fixture
def convicted(app_db):
    """An inspection in Tanzania finds a load in the cohort's world: the person caught with
    it is tried in Tanzania and convicted on the seizure."""
    exercise_id, live = play_to_end(app_db, _tanzanian_seizure())
    (case,) = live.debrief().prosecutions
    assert case.outcome == "convicted"
    return exercise_id, case


def test_the_prosecution_tab_lists_each_case_with_its_outcome_and_exhibits(convicted):
    exercise_id, case = convicted
    at = open_debrief(exercise_id, "en", "Prosecution")
    rows = table(at, "Outcome")
    assert list(rows["Person"]) == [case.label]
    assert list(rows["Outcome"]) == ["convicted"]
    assert list(rows["Tried in"]) == ["TZ"]
    assert "seizure" in rows["Exhibits"][0] and case.exhibits[0].ref in rows["Exhibits"][0]
    assert rows["Why"][0].startswith("convicted on usable evidence")
    assert any("Convicted: 1" in m.value for m in at.markdown)


def test_the_prosecution_tab_is_in_french(convicted):
    exercise_id, case = convicted
    at = open_debrief(exercise_id, "fr", "Poursuites")
    rows = table(at, "Issue")
    assert list(rows["Issue"]) == ["condamné"]
    assert "saisie" in rows["Pièces"][0]
    assert rows["Pourquoi"][0].startswith("condamné(e) ; preuves recevables")
    assert "jugé là où il a été pris" in rows["Voie"][0]
