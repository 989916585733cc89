from __future__ import annotations

import pytest

from engine.notices import check_notice

OK = dict(has_warrant=True, identifiers=4, min_identifiers=3, max_penalty_years=10)


def check(colour, purpose="arrest", grounds="ordinary_crime", kind="person", **kw):
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
    ],
)
def test_red_refusals_name_the_rule(kw, code):
    out = check("red", **kw)
    assert not out.accepted and out.code == code
    if code.startswith("red.") or code == "notice.article3":
        assert out.rule and ("Art." in out.rule)


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
    assert check(colour, purpose, kind=kind, has_warrant=False, identifiers=0).accepted


def test_wrong_colour_names_the_right_one():
    out = check("blue", "modus_operandi", kind="concealment")
    assert out.code == "notice.wrong_colour" and "Purple" in out.reason


def test_article3_beats_everything():
    for grounds in ("political", "military", "religious", "racial"):
        assert check("blue", "locate", grounds=grounds).code == "notice.article3"
