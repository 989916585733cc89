"""Trial findings on the instructor side, in academy/: rosters exported from a French
spreadsheet, difficulty knobs out of range, names holding markup."""

from __future__ import annotations

import pytest
from sqlmodel import select

from academy import assignments, roster
from academy.accounts import create_user, join_workshop
from academy.errors import AcademyError
from academy.models import WorkshopScenario
from academy.scenarios import sync_shipped
from academy.workshops import create_workshop

FRENCH = 'nom;équipe\nAlice Martin;Rouge\n"Bob Durand;Bleu\nCarl Petit;Vert\n'.encode()


def test_a_semicolon_roster_with_a_header_reads_names_and_teams():
    preview = roster.parse_roster("NOM;Équipe\nAlice Martin;Rouge\nBob Durand;Bleu\n".encode())
    assert [(x.line, x.name, x.team) for x in preview.lines] == [
        (2, "Alice Martin", "Rouge"), (3, "Bob Durand", "Bleu")]
    assert preview.ok


@pytest.mark.parametrize("header", ["name\tteam", "Nombre\tEquipo", "الاسم\tالفريق", "TEAM\tName"])
def test_header_rows_are_recognised_in_every_language_and_case(header):
    first, second = ("Rouge", "Ana") if header.startswith("TEAM") else ("Ana", "Rouge")
    preview = roster.parse_roster(f"{header}\n{first}\t{second}\n".encode())
    assert [(x.name, x.team) for x in preview.lines] == [("Ana", "Rouge")]


def test_an_unclosed_quote_is_refused_on_its_own_line_and_does_not_swallow_the_next():
    preview = roster.parse_roster(FRENCH)
    assert [x.name for x in preview.lines] == ["Alice Martin", "Carl Petit"]
    assert [(line, code) for line, code, _ in preview.problems] == [(3, "roster_open_quote")]
    assert not preview.ok


def test_too_many_fields_are_refused_with_the_counts():
    preview = roster.parse_roster(b"Ana,Red,extra\nBen,Blue,\n")
    assert preview.problems == [(1, "roster_too_many_fields", {"found": 3, "max": 2})]
    assert [(x.name, x.team) for x in preview.lines] == [("Ben", "Blue")]  # trailing empty cell


def test_a_semicolon_roster_read_with_commas_would_not_pass_silently():
    # one name holding a comma must not make the comma the separator
    preview = roster.parse_roster("nom;équipe\nDurand, Bob;Bleu\n".encode())
    assert [(x.name, x.team) for x in preview.lines] == [("Durand, Bob", "Bleu")]


def test_markup_in_a_name_has_its_own_message():
    preview = roster.parse_roster(b"<b>Bad</b>,Red\nAna,<i>x</i>\n")
    assert [(line, code) for line, code, _ in preview.problems] == [
        (1, "name_markup"), (2, "team_invalid")]


def test_the_roster_limit_is_one_megabyte():
    assert roster.MAX_ROSTER_BYTES == roster.MAX_ROSTER_MB * 1024 * 1024
    big = roster.parse_roster(b"a" * (roster.MAX_ROSTER_BYTES + 1))
    assert big.problems == [(0, "roster_too_big", {"mb": roster.MAX_ROSTER_MB})]


def test_sign_in_names_with_markup_get_a_specific_refusal(session):
    boss = create_user(session, username="ines", display_name="Ines", role="instructor",
                       password="instructor-1")
    ws = create_workshop(session, title="Mombasa", instructor=boss)
    with pytest.raises(AcademyError) as refused:
        join_workshop(session, new=True, code=ws.join_code, name="<b>Bad</b>", pin="1234")
    assert refused.value.code == "name_markup"
    with pytest.raises(AcademyError) as refused:
        join_workshop(session, new=True, code=ws.join_code, name="   ", pin="1234")
    assert refused.value.code == "name_invalid"
    with pytest.raises(AcademyError) as refused:
        create_user(session, username="bad", display_name="a>b", role="instructor",
                    password="instructor-2")
    assert refused.value.code == "name_markup"


@pytest.mark.parametrize("knob, value, low, high", [
    ("corruption", 50, "0", "5"), ("detection", -1, "0", "5"),
    ("shipment_rate", 0.05, "0.1", "5"), ("resources", float("nan"), "0", "5")])
def test_an_out_of_range_knob_is_refused_by_name_and_nothing_is_saved(
        session, knob, value, low, high):
    boss = create_user(session, username="ines", display_name="Ines", role="instructor",
                       password="instructor-1")
    ws = create_workshop(session, title="Mombasa", instructor=boss)
    scenario_id = sync_shipped(session)[0].scenario_id
    with pytest.raises(AcademyError) as refused:
        assignments.assign_scenario(session, user=boss, workshop_id=ws.id,
                                    scenario_id=scenario_id, overrides={knob: value})
    assert refused.value.code == f"override_range_{knob}"
    assert refused.value.params["low"] == low and refused.value.params["high"] == high
    assert session.exec(select(WorkshopScenario)).all() == []


def test_the_header_is_skipped_even_when_most_lines_have_no_team():
    preview = roster.parse_roster("nom;équipe\nAna\nBen\nCarl;Vert\n".encode())
    assert [(x.line, x.name, x.team) for x in preview.lines] == [
        (2, "Ana", None), (3, "Ben", None), (4, "Carl", "Vert")]


def test_the_trial_file_is_not_offered_for_import():
    preview = roster.parse_roster('nom;équipe\n"Bob;Bleu\nCarl;Vert\n'.encode())
    assert [(x.line, x.name) for x in preview.lines] == [(3, "Carl")]
    assert [(line, code) for line, code, _ in preview.problems] == [(2, "roster_open_quote")]
    assert not preview.ok


NOUNS = ["exercises", "problems", "names", "indicators", "members", "scores", "assessors",
         "versions", "games", "shipments", "lines", "trainees", "items", "combinations",
         "runs", "unanimous scores"]
NEVER_ONE = {"max", "total", "kb", "mb", "seconds", "found"}  # limits and totals of a set


@pytest.mark.parametrize("feature", ["instructor", "guidance"])
def test_counts_read_right_for_one(feature):
    """With every number at 1, no English sentence says "1 exercises" or "1 problems"."""
    import re
    from pathlib import Path

    import yaml

    from academy import wording

    path = Path(__file__).resolve().parents[2] / "locales" / "en" / f"{feature}.yaml"
    wrong = []
    for key, entry in yaml.safe_load(path.read_text(encoding="utf-8")).items():
        fields = wording.fields(entry)
        said = wording.fill(entry, "en", {f: 5 if f in NEVER_ONE else 1 for f in fields})
        if re.search(rf"(?<!of )\b1 ({'|'.join(NOUNS)})\b", said):
            wrong.append((key, said))
    assert wrong == []
