"""Decision-log lines in words: the action, its choices and the names, in each language."""

from __future__ import annotations

import pytest

from academy.catalogs import catalog, decision_text
from engine import actions as A
from engine.exercise import QUIET

NOTICE = {"colour": "red", "subject": "C02", "purpose": "arrest", "grounds": "ordinary_crime"}
NAMES = {"C02": "Viktor Mensah (person)"}


def test_a_notice_request_reads_as_words_and_names():
    line = decision_text("request_notice", NOTICE, "request notice(colour=red, ...)", "en", NAMES)
    assert line == ("Request a notice — Notice: Red Notice · Subject: Viktor Mensah (person) · "
                    "Purpose of the request: locate and provisionally arrest for extradition · "
                    "Nature of the offence: ordinary-law crime")


def test_french_spanish_and_arabic_lines_use_their_own_words():
    fr = decision_text("request_notice", NOTICE, "x", "fr", NAMES)
    assert fr.startswith("Demander une notice") and "Notice rouge" in fr and "\u202f: " in fr
    assert "Notificación roja" in decision_text("request_notice", NOTICE, "x", "es", NAMES)
    assert "النشرة الحمراء" in decision_text("request_notice", NOTICE, "x", "ar", NAMES)
    assert "Viktor Mensah (person)" in fr  # names are names in every language


def test_lists_numbers_and_unknown_kinds():
    assert decision_text("case_meeting", {"countries": ["KE", "TZ"]}, "x", "en",
                         {"KE": "Kenya"}) == "Case meeting — Partner countries: Kenya, TZ"
    line = decision_text("inspection", {"location": "L1", "start_day": 3.0, "days": 7}, "x", "en")
    assert "From day: 3 ·" in line and line.endswith("For how many days: 7")
    assert decision_text("no_such_kind", {}, "invalid action", "fr") == "invalid action"


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar"])
def test_every_logged_action_and_field_has_words(lang):
    words = catalog(lang)
    for model in A.ACTION_TYPES:
        kind = model.model_fields["kind"].default
        if kind in QUIET:
            continue  # advancing the clock is not a decision
        assert f"actions.{kind}" in words or f"decision.{kind}" in words, kind
        for field in model.model_fields:
            if field not in ("kind", "rationale"):
                assert f"actions.{field}" in words, (kind, field)
