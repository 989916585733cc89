"""The inbox catalogs say every engine message in every language, with the same values."""

from __future__ import annotations

import re

import pytest

from academy import wording
from engine import messages as M
from engine.policies import run_policy
from engine.scenario import load_scenario
from tests.engine.conftest import SCENARIO_FILES
from tests.test_i18n import LANGS, catalog_files


def fields(entry: wording.Entry) -> set[str]:
    return wording.fields(entry)


def inbox_catalog(lang: str) -> dict[str, str]:
    return catalog_files(lang)["inbox.yaml"]


@pytest.fixture(scope="module")
def scenarios():
    return [load_scenario(p) for p in SCENARIO_FILES]


@pytest.fixture(scope="module")
def used(scenarios) -> set[str]:
    """Every code and term the bots' full runs of every shipped scenario put in an inbox."""
    out: set[str] = set()
    for scenario in scenarios:
        for policy in ("random", "heuristic", "oracle"):
            for item in run_policy(scenario, 2, policy).view().inbox:
                out |= M.codes(item.code, item.params)
    return out


def relations(scenarios) -> set[str]:
    return {r.relation for s in scenarios for r in s.network.relations}


def units(scenarios) -> set[str]:
    """The budget units the shipped scenarios name (``resources.unit``)."""
    return {s.resources.unit for s in scenarios}


def test_english_catalog_is_the_engine_templates(scenarios):
    english = inbox_catalog("en")
    # a sentence a count words differently has its plural forms ("1 frequent contact"),
    # the engine's "(s)" written out in the plural
    plural = {k for k in M.TEMPLATES if isinstance(english[f"inbox.{k}"], dict)}
    assert {k: english[f"inbox.{k}"] for k in M.TEMPLATES if k not in plural} == {
        k: v for k, v in M.TEMPLATES.items() if k not in plural}
    for k in plural:
        assert english[f"inbox.{k}"]["other"] == M.TEMPLATES[k].replace("(s)", "s"), k
    for rel in relations(scenarios):
        assert english[f"inbox.relation.{rel}"] == rel.replace("_", " ")
    for unit in units(scenarios):
        assert english[f"inbox.unit.{unit}"] == unit
    assert {k: english[f"inbox.{k}"] for k in M.TERMS} == M.TERMS


@pytest.mark.parametrize("lang", LANGS)
def test_every_template_and_relation_is_translated(lang, scenarios):
    theirs = inbox_catalog(lang)
    for code, template in M.TEMPLATES.items():
        assert fields(theirs[f"inbox.{code}"]) == fields(template), (lang, code)
    for rel in relations(scenarios):
        assert theirs[f"inbox.relation.{rel}"], (lang, rel)
    for code in M.TERMS:
        assert theirs[f"inbox.{code}"], (lang, code)
    for unit in units(scenarios):
        assert theirs[f"inbox.unit.{unit}"], (lang, unit)
    known = ({f"inbox.{c}" for c in M.TEMPLATES | M.TERMS}
             | {f"inbox.relation.{r}" for r in relations(scenarios)}
             | {f"inbox.unit.{u}" for u in units(scenarios)})
    assert set(theirs) == known, "inbox.yaml holds exactly the engine's messages"


@pytest.mark.parametrize("lang", LANGS)
def test_every_code_used_in_play_has_a_key_with_the_same_placeholders(lang, used):
    theirs = inbox_catalog(lang)
    english = inbox_catalog("en")
    assert used, "the bots' runs filed no items"
    for code in used:
        key = f"inbox.{code}"
        assert key in theirs, (lang, key)
        assert fields(theirs[key]) == fields(english[key]), (lang, key)


def test_translations_are_not_left_in_english():
    english = inbox_catalog("en")
    for lang in LANGS[1:]:
        same = {k for k, v in inbox_catalog(lang).items() if v == english[k] and fields(v) != {"text"}
                and re.search(r"[A-Za-z]", re.sub(r"\{[^}]*\}", "", v))}  # words, not just values
        assert same <= {"inbox.sep.facts", "inbox.partner.arrest"}, (lang, same)


def test_english_counts_agree_with_their_nouns():
    """User trial: "1 frequent contacts" in a call-records report."""
    from academy import catalogs

    params = {"subject": "Amina", "phone": "+255 700", "contacts": 1}
    one = catalogs.engine_text("fact.phone_contacts", params, "", "en")
    assert one == "Amina uses +255 700; 1 frequent contact"
    three = catalogs.engine_text("fact.phone_contacts", {**params, "contacts": 3}, "", "en")
    assert three.endswith("3 frequent contacts")
    assert "(s)" not in catalogs.engine_text(
        "partner.share_reply", {"country": "TZ", "n": 2}, "", "en")
