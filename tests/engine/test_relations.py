"""Relations: a closed list the engine reads (money), every other name a label."""

from __future__ import annotations

import subprocess
import sys

from engine.network import RELATION_EFFECTS
from engine.policies import run_policy
from engine.scenario import load_scenario_text, scenario_json_schema
from tests.engine.conftest import ROOT

WILDLIFE = (ROOT / "scenarios" / "wildlife-ivory-corridor.yaml").read_text()


def outcome(text: str) -> tuple[object, ...]:
    ex = run_policy(load_scenario_text(text, "s.yaml"), 3, "heuristic")
    d = ex.debrief()
    return d.score, d.measures, ex.sim.payments, len(ex.sim.calls)


def test_a_label_has_no_effect_of_its_own():
    """Renaming a label relation to another label changes nothing but the label."""
    text = WILDLIFE.replace("relation: instructs}", "relation: directs}")
    assert text != WILDLIFE
    assert outcome(text) == outcome(WILDLIFE)


def test_the_listed_relations_move_money():
    base = outcome(WILDLIFE)
    assert base[2], "the shipped scenario pays and bribes"
    label = outcome(WILDLIFE.replace("relation: pays}", "relation: deals_with}"))[2]
    assert label != base[2]
    for kind in RELATION_EFFECTS:  # each listed name, in place of pays, moves money again
        text = WILDLIFE.replace("relation: pays}", f"relation: {kind}}}")
        assert outcome(text)[2] != label, kind


def test_the_schema_says_which_relations_have_an_effect():
    rel = scenario_json_schema()["$defs"]["Relation"]["properties"]["relation"]
    for kind in RELATION_EFFECTS:
        assert f"{kind}:" in rel["description"] and kind in rel["examples"]
    assert "label" in rel["description"]


def test_a_name_close_to_a_listed_relation_gets_a_note(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(WILDLIFE.replace("relation: bribes}", "relation: bribe}"))
    done = subprocess.run([sys.executable, "-m", "engine", "validate", str(path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0  # a label is allowed
    assert "relation: note: 'bribe' is a label with no effect in the engine — did you mean " \
           "'bribes'?" in done.stdout


def test_labels_the_shipped_scenarios_use_get_no_note():
    """'sells_to' and 'orders_from' are labels, not slips for 'lends_to'/'launders_for'."""
    from engine.references import relation_notes

    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        assert relation_notes(load_scenario_text(path.read_text(), path.name)) == [], path.name
