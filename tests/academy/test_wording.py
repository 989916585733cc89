"""Counts choose their plural form and numbers are written the language's way (Babel's
CLDR data), in every catalog sentence the screen and the printed debrief use."""

from __future__ import annotations

import re

import pytest

from academy import catalogs, wording
from academy.catalogs import catalog, engine_text, say
from engine import messages as M

FSI, PDI = "\u2068", "\u2069"


def test_a_french_module_count_agrees_with_its_number():
    assert say("modules.overall", "fr", done=1, total=3) == "1 module terminé sur 3"
    assert say("modules.overall", "fr", done=2, total=3) == "2 modules terminés sur 3"
    assert say("modules.overall", "fr", done=0, total=3) == "0 module terminé sur 3"
    assert say("modules.overall", "en", done=1, total=1) == "1 of 1 module completed"
    assert say("modules.overall", "en", done=1, total=3) == "1 of 3 modules completed"


@pytest.mark.parametrize(("days", "said"), [
    (60, "60 يومًا"), (11, "11 يومًا"), (3, "3 أيام"), (10, "10 أيام"), (2, "يومان"),
    (1, "يوم واحد"), (100, "100 يوم"),
])
def test_arabic_days_follow_the_cldr_categories(days, said):
    line = say("exercises.scenario_meta", "ar", area="x", difficulty="y", days=days,
               countries="KE")
    assert f"· {said} ·" in line, line


def test_arabic_never_says_sixty_with_the_plural_of_few():
    line = say("exercises.scenario_meta", "ar", area="x", difficulty="y", days=60, countries="KE")
    assert "60 أيام" not in line


def test_numbers_use_the_language_separators():
    assert wording.number(479.5, "fr") == "479,5"
    assert wording.number(479.5, "es") == "479,5"
    assert wording.number(479.5, "en") == "479.5"
    assert wording.number(479.5, "ar") == "479.5"  # Latin digits, as the rest of the app
    assert wording.number(8.0, "fr", ".1f") == "8,0"
    assert wording.number(12500.0, "fr", ",.0f") == "12\u202f500"
    assert wording.number(12500.0, "es", ",.0f") == "12.500"
    assert wording.number(0.5, "fr", ".0%") == "50\u00a0%"
    assert wording.number(2026, "fr") == "2026"  # a bare whole number may be a seed or a year


def test_a_french_seizure_reads_479_comma_5_kg_of_ivory_without_de_ivoire():
    params = {"place": "Mombasa", "quantity": 479.5, "unit": "kg",
              **M.localized("commodity", {"en": "raw ivory", "fr": "ivoire brut"}),
              **M.localized("concealment", {"en": "cashew", "fr": "sacs de noix de cajou"}),
              "shipment": "S1", "names": "personne"}
    english = M.TEMPLATES["partner.seizure"].format(**params)
    said = engine_text("partner.seizure", params, english, "fr")
    assert "479,5 kg" in said and "ivoire brut" in said, said
    assert "de ivoire" not in said and "479.5" not in said


def test_no_french_sentence_puts_de_before_a_name_that_may_start_with_a_vowel():
    """French elides "de" before a vowel ("d'ivoire", "d'Arusha"): the catalogs never
    write "de {place}" for a value that is a word, so no code rule is needed."""
    numbers = {"total", "low", "max", "count", "n", "done", "needed", "budget", "quantity",
               "bank", "limit", "kb"}
    found = []
    for key, entry in catalog("fr").items():
        for text in wording.forms(entry).values():
            for word, name in re.findall(r"\b(de|que|jusque|lorsque|puisque) \{(\w+)", text):
                if name not in numbers:
                    found.append((key, f"{word} {{{name}}}"))
    assert found == []


def test_engine_messages_count_by_the_value_they_name():
    share = {"country": "TZ", "n": 1}
    assert "1 nom issu" in engine_text("partner.share_reply", share, "x", "fr")
    assert "3 noms issus" in engine_text("partner.share_reply", {**share, "n": 3}, "x", "fr")


def test_right_to_left_values_are_isolated_as_one_reader_value():
    said = say("exercises.scenario_meta", "ar", isolate=True, area="Wildlife.", difficulty="y",
               days=60, countries="KE, TZ")
    assert f"{FSI}Wildlife.{PDI}" in said and f"{FSI}60{PDI} يومًا" in said
    assert wording.isolated_fields("{quantity:g} {unit}") == f"{FSI}{{quantity:g}} {{unit}}{PDI}"
    assert say("modules.overall", "fr", isolate=False, done=1, total=2).count(FSI) == 0


def test_a_missing_value_stays_visible_and_a_bad_spec_falls_back():
    assert say("modules.overall", "fr", done=2) == "2 modules terminés sur {total}"
    assert catalogs.say("engine.time.advanced", "fr", day="huit").startswith("Time")


def test_categories_come_from_cldr():
    assert wording.category(1, "fr") == "one" and wording.category(1.5, "fr") == "one"
    assert wording.category(2, "fr") == "other" and wording.category(1_000_000, "fr") == "many"
    assert [wording.category(n, "ar") for n in (0, 1, 2, 3, 11, 100)] == [
        "zero", "one", "two", "few", "many", "other"]


def test_a_list_reads_as_the_language_lists():
    from academy.wording import listed
    from engine.messages import countries_named

    assert listed(["Kenya", "Tanzanie", "Mozambique"], "fr") == "Kenya, Tanzanie et Mozambique"
    assert listed(["كينيا", "تنزانيا"], "ar") == "كينيا وتنزانيا"  # no Latin comma
    assert listed([], "en") == ""
    assert "," not in countries_named("KE, TZ", "ar") and "،" in countries_named("KE, TZ", "ar")
    assert countries_named("KE, TZ", "en") == "Kenya, Tanzania"


def test_a_relation_is_named_in_the_readers_words():
    from academy.catalogs import relation

    assert relation("ships_for", "en") == "ships for"
    assert relation("ships_for", "fr") not in ("ships for", "ships_for")
    assert relation("no_such_relation", "fr") == "no such relation"  # a scenario's own label


WJ = "\u2060"  # word joiner: no line break on either side of the dash


def test_an_arabic_range_never_breaks_across_two_lines():
    """User trial: the Arabic warrant refusal's "(A/B، المصداقية 1-2)" broke as "1-" / "2)"."""
    said = say("engine.warrant.insufficient_evidence", "ar", evidence=1, needed=3)
    assert f"1{WJ}–{WJ}2" in said and "1-2" not in said, said
    help_ = say("actions.request_intel_help", "ar")
    assert f"A{WJ}–{WJ}F" in help_ and f"1{WJ}–{WJ}6" in help_, help_


@pytest.mark.parametrize("kept", ["2027-03-31", "TZ-12345678", "COVID-19", "12-34-56", "x 1 - 2"])
def test_dates_ids_and_words_with_a_hyphen_are_no_ranges(kept):
    assert wording.unbroken_ranges(kept) == kept


def test_left_to_right_ranges_are_left_as_written():
    assert "1-2" in say("engine.warrant.insufficient_evidence", "en", evidence=1, needed=3)
    assert "1-2" in say("engine.warrant.insufficient_evidence", "fr", evidence=1, needed=3)


def test_a_value_keeps_its_hyphens_in_arabic_only_the_sentences_ranges_are_joined():
    """Review: the range rewrite ran on the filled sentence, so an Arabic report changed a
    Malaysian phone "+60 12-348 5097" to "+60 12–348 5097". Only the catalog's own "1-2"
    is a range; a value is shown as it was given."""
    from academy.catalogs import engine_text, say

    phone = "+60 12-348 5097"
    said = engine_text("fact.phone", {"subject": "Niara Yudas", "phone": phone},
                       f"Niara Yudas uses {phone}", "ar")
    assert phone in said, said
    refused = say("engine.warrant.insufficient_evidence", "ar", evidence=1, needed=2)
    assert "1-2" not in refused and f"1{wording.WJ}–{wording.WJ}2" in refused, refused
