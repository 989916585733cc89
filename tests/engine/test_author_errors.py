"""Errors a non-programmer reads: counted from 1, plain words, did-you-mean, and the fix."""

from __future__ import annotations

import pytest

from engine.scenario import ScenarioError, load_scenario_text
from tests.engine.conftest import ROOT

WILDLIFE = (ROOT / "scenarios" / "wildlife-ivory-corridor.yaml").read_text()


def problems(text: str, **kw: object) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, filename="s.yaml", **kw)  # type: ignore[arg-type]
    return [str(p) for p in info.value.problems]


def only(text: str, **kw: object) -> str:
    found = problems(text, **kw)
    assert len(found) == 1, found
    return found[0]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def edit(old: str, new: str) -> str:
    assert old in WILDLIFE, old
    return WILDLIFE.replace(old, new, 1)


def test_places_are_counted_from_one_and_named_by_their_id():
    text = edit("days: {min: 12, mode: 15, max: 20}", "days: {min: 12, mode: 25, max: 20}")
    out = only(text)
    assert out.startswith(f"s.yaml:{line_of(text, 'mode: 25')}: route 1 (via-dar), leg 3, days:")
    assert ".0." not in out and "legs.2" not in out


def test_the_machine_path_stays_available_for_tools():
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(edit("false_lead_rate: 0.3", "false_lead_rate: 1.3"), "s.yaml")
    (p,) = info.value.problems
    assert p.path == "intel_sources.0.false_lead_rate"
    assert p.place == "intel source 1 (informant), false_lead_rate"


@pytest.mark.parametrize(
    "old, new, words",
    [
        ("duration_days: 90", "duration_days: ninety", "must be a number, e.g. 12"),
        ("duration_days: 90", 'duration_days: "90"', "must be a number: write 90 without quotes"),
        ("decoys: 6", "decoys: 2.5", "must be a whole number, e.g. 3"),
        ("decoys: 6", "decoys: 6\n  fleet: {flags: [KE], operator: broker, count: yes}",
         "must be a whole number, e.g. 3"),
        ("    name: Kenya\n", "    name: Kenya\n    interpol_member: maybe\n",
         "must be true or false"),
        ("difficulty: intermediate", "difficulty: hard",
         "'hard' is not allowed: use one of introductory, intermediate, advanced"),
        ("id: wildlife-ivory-corridor", "id: Wild Life",
         "'Wild Life' must be an id of lowercase letters, digits and hyphens"),
        ("false_lead_rate: 0.3", "false_lead_rate: 1.3",
         "must be at most 1 (a probability or share from 0 to 1: 0.3 means 30 %), not 1.3"),
        ("duration_days: 90", "duration_days: 0", "must be more than 0, not 0"),
        ("unit: kg", "unit: ''", "must not be empty"),
        ("unit: kg", "unit: 12", "must be text: put it in quotes when it looks like a number"),
    ],
)
def test_parser_wording_becomes_plain_words(old, new, words):
    out = only(edit(old, new))
    assert words in out
    assert "Input should" not in out and "String should" not in out


def test_a_range_of_days_is_explained_with_an_example():
    out = only(edit("days: {min: 12, mode: 15, max: 20}", "days: soon"))
    assert out.endswith("must be a number of days, e.g. 3, or a range such as "
                        "{min: 2, mode: 3, max: 5}")


def test_a_text_in_an_unknown_language_names_the_languages():
    out = only(edit('  en: "The Ivory Corridor', '  de: "Elfenbein"\n  en: "The Ivory Corridor'))
    assert "'de' is not a language of the platform: use en, fr, es, ar" in out


def test_a_missing_field_says_what_to_add():
    text = WILDLIFE.replace("unit: kg\n", "", 1)
    assert only(text) == "s.yaml:6: unit: is required: add 'unit: ...' here"


def test_unknown_field_did_you_mean_inside_a_list_item():
    text = edit("to: port-klang, mode: sea", "to: port-klang, mdoe: sea")
    out = problems(text)
    assert any(
        p.startswith(f"s.yaml:{line_of(text, 'mdoe')}: route 1 (via-dar), leg 3, mdoe: "
                     "unknown field — did you mean 'mode'?")
        for p in out
    ), out


def test_unknown_field_without_a_close_name_lists_the_allowed_ones():
    out = only(edit("duration_days: 90", "duration_days: 90\nzzz: 1"))
    assert "zzz: unknown field (allowed here: id, version, title," in out


def test_unknown_choice_did_you_mean():
    out = only(edit("crime_area: wildlife", "crime_area: wildlif"))
    assert out.endswith("'wildlif' is not allowed: use one of wildlife, forestry, fisheries, "
                        "pollution, mining — did you mean 'wildlife'?")


def test_unknown_id_did_you_mean_and_the_fix():
    out = problems(edit("to: port-klang, mode: sea", "to: port-clang, mode: sea"))
    assert any("unknown location 'port-clang' — did you mean 'port-klang'? "
               "(or define 'port-clang' in locations)" in p for p in out), out


def test_unknown_country_says_add_it_to_countries():
    text = edit("home_country: KE", "home_country: HK")
    assert only(text) == (f"s.yaml:{line_of(text, 'home_country')}: home_country: "
                          "unknown country 'HK': add HK to countries")


def test_unknown_group_did_you_mean():
    out = problems(edit("{from: broker, to: drivers, relation: instructs}",
                        "{from: brokr, to: drivers, relation: instructs}"))
    assert any("relation 4, from: unknown group 'brokr' — did you mean 'broker'?" in p
               for p in out), out


def test_file_line_prefix_is_kept_for_every_kind():
    for text in (edit("duration_days: 90", "duration_days: x"), edit("home_country: KE",
                                                                      "home_country: HK")):
        for p in problems(text):
            file, line, rest = p.split(":", 2)
            assert file == "s.yaml" and int(line) > 1 and rest.startswith(" ")


def test_a_stored_text_with_quoted_numbers_still_replays():
    """Stored texts (exercises under way) keep the lax parsing they were stored under."""
    text = edit("duration_days: 90", 'duration_days: "90"')
    assert load_scenario_text(text, "stored", lenient=True).duration_days == 90


def test_objective_modules_are_checked_against_the_curriculum_when_given(tmp_path, capsys):
    from engine.__main__ import main

    text = edit("modules: [interpol-notices]", "modules: [interpol-notice]")
    modules = {p.stem for p in (ROOT / "curriculum" / "en").glob("*.md")}
    assert load_scenario_text(text, "s.yaml").id  # the engine alone knows no curriculum
    out = only(text, modules=modules)
    assert out == (f"s.yaml:{line_of(text, 'interpol-notice]')}: objective 3 (use-notices), "
                   "module 1: unknown curriculum module 'interpol-notice' — did you mean "
                   "'interpol-notices'?")
    path = tmp_path / "s.yaml"
    path.write_text(text)
    assert main(["validate", str(path)]) == 1  # reads curriculum/en of the project
    assert "did you mean 'interpol-notices'?" in capsys.readouterr().out
    assert main(["validate", str(path), "--curriculum", str(tmp_path)]) == 1  # no module there
    assert "unknown curriculum module 'wildlife-trafficking'" in capsys.readouterr().out


def test_a_comma_inside_braces_is_one_problem_that_says_put_the_text_in_quotes():
    """Trial: `name: Dried seafood street, Sheung Wan` inside { } read "Sheung Wan" as a
    field ("unknown field"); in a text it gave two problems per language."""
    text = edit('{id: mombasa-port, name: {en: "Port of Mombasa (Kilindini)", fr: "Port de '
                'Mombasa (Kilindini)", es: "Puerto de Mombasa (Kilindini)", ar: "ميناء مومباسا '
                '(كيلينديني)"},', "{id: mombasa-port, name: Port of Mombasa, Kilindini,")
    out = only(text)
    assert out == (f"s.yaml:{line_of(text, 'Kilindini')}: location 6 (mombasa-port), name: "
                   "a comma inside { } ends a value: put the whole text in quotes, e.g. "
                   'name: "Port of Mombasa, Kilindini"')


def test_a_comma_in_a_text_of_each_language_is_one_line_per_language():
    old = "    text:\n      en: Interdict the flow of ivory before it reaches the market.\n"
    text = edit(old, "    text: {en: Seize the ivory, not just the drivers., "
                     "fr: Saisir l'ivoire, pas seulement les chauffeurs.}\n      x:\n")
    text = text.replace("      x:\n", "", 1)
    text = "\n".join(ln for ln in text.splitlines()
                     if not ln.startswith(("      fr: Intercepter", "      es: Interceptar",
                                            '      ar: "اعتراض'))) + "\n"
    found = problems(text)
    assert [p.split(": ", 2)[1] for p in found] == ["objective 1 (interdict-flow), text, en",
                                                    "objective 1 (interdict-flow), text, fr"]
    assert found[0].endswith('e.g. en: "Seize the ivory, not just the drivers."')
    assert "not a language" not in "".join(found) and "must be text" not in "".join(found)


def test_the_language_problem_names_the_languages_the_platform_shows():
    out = only(edit('  en: "The Ivory Corridor', '  de: "Elfenbein"\n  en: "The Ivory Corridor'))
    assert "'de' is not a language of the platform: use en, fr, es, ar" in out
    assert "pt" not in out.split("use ", 1)[1].split(" (")[0]


@pytest.mark.parametrize("old, new, words", [
    ("checkpoint: {detection: 0.06}", "checkpoint: {detection: 6%}",
     "detection: must be a number from 0 to 1, e.g. 0.06 for 6 % (without a % sign or quotes)"),
    ("checkpoint: {detection: 0.06}", "checkpoint: {detection: often}",
     "detection: must be a number from 0 to 1, e.g. 0.3 for 30 % (without a % sign or quotes)"),
    ("duration_days: 90", "duration_days: 90 days",
     "duration_days: must be a number: write the number alone, 90, without the unit"),
    ("duration_days: 90", 'duration_days: "90"',
     "duration_days: must be a number: write 90 without quotes"),
    ("duration_days: 90", "duration_days: ninety",
     "duration_days: must be a number, e.g. 12 (without quotes)"),
])
def test_a_number_hint_fits_the_field_and_what_was_written(old, new, words):
    """Trial: `detection: 12%` was told "e.g. 12", then "must be at most 1"; `75 days` was
    not told to drop the unit."""
    assert only(edit(old, new)).endswith(words)


def test_a_whole_number_written_with_a_decimal_point_is_not_told_about_quotes():
    out = only(edit("decoys: 6", "decoys: 6.0"))
    assert out.endswith("decoys: must be a whole number, e.g. 6 (no decimal point)")
    assert "quotes" not in out
    assert only(edit("decoys: 6", "decoys: 2.5")).endswith("e.g. 3 (no decimal point)")


def test_a_range_out_of_order_shows_the_values_given():
    out = only(edit("days: {min: 12, mode: 15, max: 20}", "days: {min: 20, mode: 15, max: 12}"))
    assert out.endswith("days: needs min <= mode <= max (here min 20, mode 15, max 12)")


def test_a_placeholder_typo_in_an_inject_gets_a_did_you_mean():
    text = edit("he named a driver, {drivers}, who", "he named a driver, {driver}, who")
    out = only(text)
    assert out.endswith("message (en) names {driver}, which the inject does not reveal"
                        " — did you mean {drivers}?")


def test_a_misspelled_required_field_is_one_problem_with_its_did_you_mean():
    """A trial: `contry: KE` gave two lines, "is required: add 'country: ...'" and
    "unknown field — did you mean 'country'?". It is one mistake: one line, the second."""
    text = edit("country: MZ, kind: source_area", "contry: MZ, kind: source_area")
    out = only(text)
    assert out.startswith(f"s.yaml:{line_of(text, 'contry: MZ')}: ")
    assert "did you mean 'country'?" in out
