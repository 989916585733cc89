"""Identifiers check like real ones, names are romanised, and each input has its own stream.

The countries are the ones the shipped scenarios use (their countries and their fleets'
flags); the checks are made with the libraries an analyst would use: libphonenumber's
metadata (``phonenumbers``) for numbers, ``schwifty`` for IBANs.
"""

from __future__ import annotations

import random

import phonenumbers
import pytest
import schwifty
from faker import Faker

from engine.identifiers import CALL_SIGN_SERIES, bank_account, call_sign, phone_number, uses_iban
from engine.names import is_latin, person_name
from engine.world import MID, build_world

from .conftest import SCENARIO_FILES


def _codes() -> list[str]:
    from engine.scenario import load_scenario

    out: set[str] = set()
    for path in SCENARIO_FILES:
        s = load_scenario(path)
        out |= {c.code for c in s.countries}
        if s.network.fleet is not None:
            out |= set(s.network.fleet.flags)
    return sorted(out)


CODES = _codes()


@pytest.mark.parametrize("country", [*CODES, "MX", "KR", "SL", "CI"])
def test_phone_numbers_carry_the_countrys_calling_code_and_are_valid(country):
    for seed in range(20):
        text = phone_number(country, random.Random(seed))
        assert text.isascii() and text.startswith("+")
        number = phonenumbers.parse(text)
        assert number.country_code == phonenumbers.country_code_for_region(country)
        assert phonenumbers.is_valid_number_for_region(number, country), text


def test_the_four_countries_that_came_out_plus_one():
    calling = {c: phonenumbers.parse(phone_number(c, random.Random(1))).country_code
               for c in ("MX", "KR", "SL", "CI")}
    assert calling == {"MX": 52, "KR": 82, "SL": 232, "CI": 225}


@pytest.mark.parametrize("country", CODES)
def test_bank_accounts_are_iban_only_where_iban_is_used(country):
    for seed in range(20):
        account = bank_account(country, random.Random(seed))
        assert account.isascii()
        if uses_iban(country):
            iban = schwifty.IBAN(account)  # raises on a wrong mod-97 check or a bad shape
            assert iban.country_code == country
        else:
            assert not account[:2].isalpha(), account
            assert set(account) <= set("0123456789 -")


def test_iban_use_follows_the_registry():
    assert uses_iban("DE") and uses_iban("BE") and uses_iban("AE") and uses_iban("BR")
    assert not uses_iban("KE") and not uses_iban("CN") and not uses_iban("NG")


def test_every_flag_of_a_shipped_fleet_has_its_itu_call_sign_series():
    from engine.scenario import load_scenario

    flags = {f for p in SCENARIO_FILES
             if (fleet := load_scenario(p).network.fleet) is not None for f in fleet.flags}
    assert flags and flags <= set(CALL_SIGN_SERIES)
    assert call_sign("SL", random.Random(1)).startswith("9L")
    assert call_sign("PA", random.Random(1))[:2] in ("HO", "HP", "H3", "H8", "H9", "3E", "3F")
    assert call_sign("XX", random.Random(1)) is None


def test_vessels_carry_their_flags_call_sign(scenarios):
    w = build_world(scenarios["fisheries-dark-fleet"], 3)
    for v in w.vessels:
        a = w.entities[v].attributes
        assert a["call_sign"][:2] in CALL_SIGN_SERIES[a["flag"]]
        assert a["mmsi"][:3] == str(MID[a["flag"]])


def test_a_flag_we_hold_no_itu_data_for_gets_no_borrowed_numbers(scenarios):
    """A flag with no MID or call sign series of ours: its vessels carry neither, rather
    than another flag's (a borrowed MMSI would send an analyst to the wrong registry)."""
    s = scenarios["fisheries-dark-fleet"]
    fleet = s.network.fleet.model_copy(update={"flags": ["XX"]})
    w = build_world(_with(s, fleet=fleet), 3)
    for v in w.vessels:
        a = w.entities[v].attributes
        assert "mmsi" not in a and "call_sign" not in a and a["imo"].startswith("IMO ")


@pytest.mark.parametrize("locale", ["zh_CN", "ja_JP", "ko_KR", "ru_RU", "ar_AA", "el_GR"])
def test_names_in_other_scripts_are_romanised_with_the_original_kept(locale):
    fk = Faker(locale)
    fk.seed_instance(7)
    for _ in range(20):
        name, original = person_name(fk)
        assert is_latin(name) and name.strip() and original and not is_latin(original)


def test_japanese_names_are_read_not_transliterated_character_by_character():
    fk = Faker("ja_JP")
    fk.seed_instance(1)
    name, original = person_name(fk)
    assert name.replace(" ", "").isalpha() and name.isascii() and "Mu" not in name[:2]


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=[p.stem for p in SCENARIO_FILES])
def test_every_shipped_world_is_latin_ascii_and_checkable(path):
    from engine.scenario import load_scenario

    world = build_world(load_scenario(path), 2)
    for e in world.entities.values():
        if e.type in ("person", "company", "vessel"):
            assert is_latin(e.label), e.label
        if e.type == "phone":
            number = phonenumbers.parse(e.label)
            assert number.country_code == phonenumbers.country_code_for_region(e.country)
        if e.type == "account":
            assert e.label.isascii()
            if uses_iban(e.country):
                schwifty.IBAN(e.label)


def test_chinese_members_keep_their_name_in_the_original_script(scenarios):
    world = next(
        build_world(s, 1) for s in scenarios.values() if any(c.code == "CN" for c in s.countries)
    )
    chinese = [world.entities[m] for m in world.members + world.decoys
               if world.entities[m].country == "CN" and world.entities[m].type == "person"]
    assert chinese
    for ent in chinese:
        assert is_latin(ent.label) and not is_latin(ent.attributes["name_original"])


# --- one stream per stochastic input ---------------------------------------------------


def _with(scenario, **network):
    return scenario.model_copy(update={"network": scenario.network.model_copy(update=network)})


def _member_names(world):
    return sorted((world.entities[m].group, world.entities[m].label) for m in world.members)


def _plan(world):
    return [
        (p.depart_day, p.quantity, p.route_u, p.leg_days, p.container, p.plate,
         sorted((g, world.entities[h].label) for g, h in p.handlers.items()))
        for p in world.plan
    ]


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=[p.stem for p in SCENARIO_FILES])
def test_one_more_decoy_reshuffles_no_shipment_and_no_member(path):
    from engine.scenario import load_scenario

    s = load_scenario(path)
    before, after = build_world(s, 9), build_world(_with(s, decoys=s.network.decoys + 1), 9)
    assert len(after.decoys) == len(before.decoys) + 1
    assert _plan(after) == _plan(before)
    assert _member_names(after) == _member_names(before)
    def numbers(w):
        return sorted(w.entities[w.phones[m]].label for m in w.members if m in w.phones)

    assert numbers(after) == numbers(before)  # members' documents come from their own streams


def test_one_more_vessel_leaves_people_unchanged(scenarios):
    s = scenarios["fisheries-dark-fleet"]
    fleet = s.network.fleet
    more = _with(s, fleet=fleet.model_copy(update={"count": fleet.count + 1}))
    before, after = build_world(s, 9), build_world(more, 9)
    assert len(after.vessels) == len(before.vessels) + 1
    people = [(e.id, e.label, e.attributes) for e in before.entities.values()
              if e.type in ("person", "company", "phone", "account")]
    assert people == [(e.id, e.label, e.attributes) for e in after.entities.values()
                      if e.type in ("person", "company", "phone", "account")]
    assert _plan(after) == _plan(before)


def test_names_carry_no_title():
    """Faker's name() may add a title (Hon., Mfalme "king", Quý cô "miss", Dr.): a case file
    names a person by given and family name only."""
    from faker import Faker

    from engine.names import _titles, person_name

    for locale in ("sw", "vi_VN", "en_KE", "en_GB", "de_DE", "fr_FR", "tw_GH", "id_ID"):
        fk = Faker(locale)
        fk.seed_instance(3)
        titles = set(_titles(locale))
        assert titles, locale  # the locale's titles are found
        for _ in range(200):
            name = person_name(fk)[0]
            # (a particle inside a French family name, "X du Y", is no title)
            assert not any(name.startswith(t + " ") or name.endswith(" " + t) for t in titles), (
                locale, name)
            assert not name.endswith(","), name
