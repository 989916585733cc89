"""Properties: replay is deterministic for any action sequence; the loader never crashes."""

from __future__ import annotations

import dataclasses
import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.exercise import Exercise
from engine.scenario import ScenarioError, load_scenario_text
from tests.engine.conftest import ROOT, SCENARIO_FILES

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
REFS = ["P01", "P02", "P05", "C01", "C02", "S100", "V01", "T01", "nope"]


def actions_for(scenario):
    sources = [s.id for s in scenario.intel_sources] + ["nope"]
    locations = [loc.id for loc in scenario.locations]
    countries = [c.code for c in scenario.countries] + ["ZZ"]
    ref = st.sampled_from(REFS + locations)
    day = st.floats(0, scenario.duration_days, allow_nan=False).map(lambda x: round(x, 2))
    return st.one_of(
        st.builds(
            lambda s, t: {"kind": "request_intel", "source": s, "target": t},
            st.sampled_from(sources),
            ref,
        ),
        st.builds(lambda s: {"kind": "request_warrant", "subject": s}, ref),
        st.builds(
            lambda c, s, p, g: {
                "kind": "request_notice",
                "colour": c,
                "subject": s,
                "purpose": p,
                "grounds": g,
            },
            st.sampled_from(["red", "blue", "green", "purple", "silver", "yellow"]),
            ref,
            st.sampled_from(["arrest", "locate", "warn", "modus_operandi", "assets"]),
            st.sampled_from(["ordinary_crime", "ordinary_crime", "political"]),
        ),
        st.builds(
            lambda loc, d, n: {"kind": "inspection", "location": loc, "start_day": d, "days": n},
            st.sampled_from(locations + ["nowhere"]),
            day,
            st.sampled_from([1, 3, 7]),
        ),
        st.builds(
            lambda s, loc, d: {"kind": "seizure", "shipment": s, "location": loc, "start_day": d},
            ref,
            st.sampled_from(locations),
            day,
        ),
        st.builds(lambda s: {"kind": "controlled_delivery", "shipment": s}, ref),
        st.builds(lambda s: {"kind": "arrest", "subject": s}, ref),
        st.builds(lambda c: {"kind": "share_intel", "country": c}, st.sampled_from(countries)),
        st.builds(
            lambda cs: {"kind": "case_meeting", "countries": cs},
            st.lists(st.sampled_from(countries), min_size=1, max_size=3),
        ),
        st.builds(lambda d: {"kind": "advance", "days": d}, st.sampled_from([1, 7, 7, 3])),
        st.just({"kind": "advance_to_next_event"}),
        st.builds(lambda m: {"kind": "instructor_inject", "message": m}, st.text(max_size=20)),
    )


def snapshot(ex: Exercise) -> str:
    return json.dumps(
        [dataclasses.asdict(ex.view()), dataclasses.asdict(ex.debrief())],
        sort_keys=True,
        default=str,
    )


def make_replay_test(path):
    scenario = load_scenario_text(path.read_text(), path.name)

    @SETTINGS
    @given(seed=st.integers(0, 2**31), acts=st.lists(actions_for(scenario), max_size=30))
    def test(seed, acts):
        ex = Exercise(scenario, seed)
        for a in acts:
            ex.apply(a)
        log = json.loads(json.dumps(ex.log))
        again = Exercise.from_log(scenario, seed, log)
        assert snapshot(again) == snapshot(ex)
        assert again.score() == ex.score()

    return test


for _p in SCENARIO_FILES:
    globals()[f"test_replay_is_deterministic_{_p.stem.replace('-', '_')}"] = make_replay_test(_p)

VALID = (ROOT / "scenarios" / "wildlife-ivory-corridor.yaml").read_text()
DATA = yaml.safe_load(VALID)


def loads_or_scenario_error(text) -> None:
    try:
        load_scenario_text(text, "fuzz.yaml")
    except ScenarioError as exc:
        assert exc.problems and all(str(p).startswith("fuzz.yaml:") for p in exc.problems)


@SETTINGS
@given(st.text(max_size=300))
def test_loader_never_crashes_on_random_text(text):
    loads_or_scenario_error(text)


@SETTINGS
@given(st.integers(0, len(VALID) - 1), st.integers(0, 40), st.text(max_size=12))
def test_loader_never_crashes_on_mutated_yaml(pos, cut, insert):
    loads_or_scenario_error(VALID[:pos] + insert + VALID[pos + cut :])


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 10**6)
    | st.floats(allow_nan=True)
    | st.text(max_size=8),
    lambda kids: (
        st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=6), kids, max_size=3)
    ),
    max_leaves=8,
)


@SETTINGS
@given(st.sampled_from(sorted(DATA)), json_values)
def test_loader_never_crashes_on_wrong_types(key, value):
    data = dict(DATA)
    data[key] = value
    loads_or_scenario_error(yaml.safe_dump(data, allow_unicode=True))
