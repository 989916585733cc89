from __future__ import annotations

import pytest

from engine.notices import Basis, Thresholds, check_notice

OK = dict(has_warrant=True, identifiers=4, min_identifiers=3, max_penalty_years=10)
# what the case holds on a well-documented member based abroad
FULL = Basis(evidence=3.0, linked=True, account=True, believed_in="TZ")
HOME = Thresholds(notice_evidence=1.5, blue_min_identifiers=2, home_country="KE")


def check(colour, purpose="arrest", grounds="ordinary_crime", kind="person", **kw):
    kw.setdefault("basis", FULL)
    kw.setdefault("thresholds", HOME)
    return check_notice(colour, purpose, grounds, kind, **{**OK, **kw})


def test_red_accepted_with_all_conditions():
    assert check("red").accepted


@pytest.mark.parametrize(
    "kw, code",
    [
        (dict(has_warrant=False), "red.no_warrant"),
        (dict(max_penalty_years=1), "red.penalty_threshold"),
        (dict(identifiers=2), "red.identifiers"),
        (dict(grounds="political"), "notice.article3"),
        (dict(purpose="locate"), "notice.wrong_colour"),
        (dict(kind="concealment"), "notice.bad_subject"),
        (dict(basis=Basis(evidence=3, believed_in="KE")), "red.not_abroad"),
        (dict(basis=Basis(evidence=3)), "red.not_abroad"),
        (dict(basis=Basis(believed_in="SO", non_members=frozenset({"SO"}))), "notice.non_member"),
    ],
)
def test_red_refusals_name_the_rule(kw, code):
    out = check("red", **kw)
    assert not out.accepted and out.code == code
    if code.startswith("red.") or code in ("notice.article3", "notice.non_member"):
        assert out.rule and ("Art." in out.rule)


def test_red_on_someone_believed_at_home_says_the_home_police_arrest():
    out = check("red", basis=Basis(evidence=3, believed_in="KE"))
    assert "KE" in out.reason and "abroad" in (out.rule or "")
    assert check("red", basis=Basis(believed_in="TZ")).accepted


@pytest.mark.parametrize(
    "colour, purpose, kind",
    [
        ("blue", "locate", "person"),
        ("green", "warn", "person"),
        ("purple", "modus_operandi", "concealment"),
        ("purple", "modus_operandi", "vessel"),
        ("silver", "assets", "company"),
    ],
)
def test_other_colours_for_their_purpose(colour, purpose, kind):
    assert check(colour, purpose, kind=kind, has_warrant=False, identifiers=2).accepted


# --- each colour's basis: accepted with it, refused without (a false lead's decoy) ----------
DECOY = Basis(evidence=1.0, linked=True, believed_in="KE")  # one A/B false lead, name only


@pytest.mark.parametrize(
    "basis, ids",
    [
        (Basis(evidence=1.5), 1),  # assessed as a threat on corroborated graded evidence
        (Basis(record=True), 1),  # arrested or an exhibit on file
    ],
)
def test_green_accepted_on_a_record_or_an_assessed_threat(basis, ids):
    assert check("green", "warn", basis=basis, identifiers=ids).accepted


@pytest.mark.parametrize("basis", [DECOY, Basis(evidence=1.4, linked=True), Basis()])
def test_green_refused_without_record_or_threat(basis):
    out = check("green", "warn", basis=basis, identifiers=1)
    assert out.code == "green.no_basis" and "Green" in (out.rule or "")


def test_blue_needs_identifiers_and_a_link_to_the_case():
    assert check("blue", "locate", basis=Basis(linked=True), identifiers=2).accepted
    assert check("blue", "locate", basis=DECOY, identifiers=1).code == "blue.no_basis"
    assert check("blue", "locate", basis=Basis(), identifiers=4).code == "blue.no_basis"
    assert check("blue", "locate", basis=Basis(linked=True), identifiers=1,
                 thresholds=Thresholds(blue_min_identifiers=1)).accepted


@pytest.mark.parametrize(
    "basis, accepted",
    [
        (Basis(financial=True), True),  # a financial exhibit on file
        (Basis(account=True, evidence=2.0), True),  # a known account of a graded suspect
        (Basis(account=True, record=True), True),
        (Basis(account=True, evidence=1.0), False),  # an account, nothing criminal
        (Basis(evidence=5.0, record=True), False),  # a suspect, no known asset
        (DECOY, False),
    ],
)
def test_silver_needs_assets_linked_to_crime(basis, accepted):
    out = check("silver", "assets", kind="company", basis=basis, identifiers=1)
    assert out.accepted is accepted
    assert accepted or out.code == "silver.no_basis"


def test_blue_on_a_person_in_a_non_member_state_is_refused_green_is_not():
    outside = Basis(evidence=3, linked=True, record=True, believed_in="SO",
                    non_members=frozenset({"SO"}))
    assert check("blue", "locate", basis=outside).code == "notice.non_member"
    assert check("green", "warn", basis=outside).accepted  # circulated to the members


def test_wrong_colour_names_the_right_one():
    out = check("blue", "modus_operandi", kind="concealment")
    assert out.code == "notice.wrong_colour" and "Purple" in out.reason


def test_article3_beats_everything():
    for grounds in ("political", "military", "religious", "racial"):
        assert check("blue", "locate", grounds=grounds).code == "notice.article3"
