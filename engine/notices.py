"""INTERPOL notices: what each colour is for, and why a request is refused.

A NEST analyst asks their National Central Bureau to request a notice; the General
Secretariat checks it before publication. The checks below follow the public description
in DOMAIN.md:

* Article 3 of INTERPOL's Constitution forbids any intervention of a political, military,
  religious or racial character: such requests are refused whatever the colour.
* Each colour has one purpose (Red: locate and provisionally arrest; Blue: identity,
  location or activities; Green: warn about a likely repeat offender; Purple: modus
  operandi, objects and concealment methods; Silver, a pilot from 2025: trace criminal
  assets). A request for the wrong colour is refused.
* A Red Notice needs a valid arrest warrant, a serious ordinary-law crime with a penalty
  threshold (a maximum of at least two years for prosecution) and enough identifiers —
  the Rules on the Processing of Data's Red Notice conditions (Art. 83 RPD, as reported
  publicly). The "six months of sentence left" threshold is less well sourced and is not
  applied. How many identifiers are "enough" is not public: the number is each
  scenario's stated assumption (``legal.min_identifiers``).
"""

from __future__ import annotations

from dataclasses import dataclass

ART3 = "INTERPOL Constitution, Art. 3: no intervention of a political, military, religious or racial character"
RPD = "INTERPOL Rules on the Processing of Data, Red Notice conditions (Art. 83, as reported publicly)"
PURPOSES = {
    "red": "arrest",
    "blue": "locate",
    "green": "warn",
    "purple": "modus_operandi",
    "silver": "assets",
    "yellow": "missing_person",
    "black": "unidentified_body",
    "orange": "imminent_threat",
}
PURPOSE_TEXT = {
    "arrest": "locate and provisionally arrest a person",
    "locate": "collect a person's identity, location or activities",
    "warn": "warn about a likely repeat offender",
    "modus_operandi": "share a modus operandi or concealment method",
    "assets": "trace criminal assets",
    "missing_person": "find a missing person",
    "unidentified_body": "identify a body",
    "imminent_threat": "warn of an imminent threat",
}
OFF_TOPIC = {"yellow", "black", "orange"}
IDENTIFIERS = ("name", "date_of_birth", "nationality", "passport", "phone")


@dataclass(frozen=True)
class NoticeCheck:
    accepted: bool
    code: str
    reason: str
    rule: str | None


def check_notice(
    colour: str,
    purpose: str,
    grounds: str,
    subject_kind: str | None,
    *,
    has_warrant: bool,
    identifiers: int,
    min_identifiers: int,
    max_penalty_years: float,
) -> NoticeCheck:
    """Apply the rules in order; the first failure is the reason given to the trainee.

    ``subject_kind`` is what the trainee knows the subject to be: person, company, vessel,
    concealment, or None when the subject is unknown to them.
    """
    if grounds != "ordinary_crime":
        return NoticeCheck(False, "notice.article3", f"the request has a {grounds} character", ART3)
    if PURPOSES.get(colour) != purpose:
        right = next(c for c, p in PURPOSES.items() if p == purpose)
        return NoticeCheck(
            False,
            "notice.wrong_colour",
            f"a {colour.title()} Notice cannot be used to {PURPOSE_TEXT[purpose]}; that is a {right.title()} Notice",
            "INTERPOL notice system: each colour has one purpose",
        )
    if colour in OFF_TOPIC:
        return NoticeCheck(
            False, "notice.out_of_scope", f"{PURPOSE_TEXT[purpose]} is not part of this case", None
        )
    wanted = {"purple": {"concealment", "vessel"}, "silver": {"person", "company"}}.get(
        colour, {"person"}
    )
    if subject_kind not in wanted:
        what = " or ".join(sorted(wanted))
        return NoticeCheck(
            False, "notice.bad_subject", f"a {colour.title()} Notice must name a known {what}", None
        )
    if colour == "red":
        if not has_warrant:
            return NoticeCheck(
                False,
                "red.no_warrant",
                "no valid arrest warrant for this person",
                RPD + ": a valid arrest warrant or court decision",
            )
        if max_penalty_years < 2:
            return NoticeCheck(
                False,
                "red.penalty_threshold",
                f"the offence carries at most {max_penalty_years:g} years; the threshold is 2",
                RPD + ": serious ordinary-law crime, maximum penalty of at least two years",
            )
        if identifiers < min_identifiers:
            return NoticeCheck(
                False,
                "red.identifiers",
                f"only {identifiers} identifiers known (name, date of birth, nationality, passport, phone); "
                f"this scenario assumes {min_identifiers} are needed",
                RPD
                + ": enough identifiers to identify the person (threshold: scenario assumption)",
            )
    if colour == "silver":
        return NoticeCheck(
            True, "notice.accepted", "Silver Notice published (pilot programme from 2025)", None
        )
    return NoticeCheck(True, "notice.accepted", f"{colour.title()} Notice published", None)
