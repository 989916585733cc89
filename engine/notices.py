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
* A Red Notice seeks a person's location and provisional arrest *abroad*: on someone the
  requesting country does not believe to have left, its own NCB and police arrest at home
  on the warrant, and the request is refused. "Believed abroad" is the trainee's
  knowledge: the last border crossing seen, a location known outside the home country, or
  a report placing the person's base there.
* Every colour needs its basis (RPD notice conditions, as reported publicly; the
  thresholds are each scenario's stated assumptions): Green — the person has a record (an
  arrest or an exhibit in this case) or is assessed as a threat on graded evidence
  (``legal.notice_evidence``); Blue — a subject of interest linked to the case, with
  enough identifiers to tell who they are (``legal.blue_min_identifiers``); Silver —
  assets linked to criminal activity: an account the subject holds known from graded
  intelligence and a subject with that same basis, or a financial exhibit. An innocent
  look-alike named by one false lead has none of these.
* A country outside INTERPOL (``Country.interpol_member: false``) has no NCB: a notice is
  not circulated there and a diffusion cannot reach it (INTERPOL Constitution, Art. 32:
  each member appoints an NCB), so a Red or Blue Notice on a person believed there is
  refused.

Diffusions (``engine.diffusions``) are checked against the same rules as the notice of the
matching colour: they skip the General Secretariat's review, not the Rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
BASIS = "INTERPOL Rules on the Processing of Data, notice conditions (as reported publicly)"
NCB = "INTERPOL Constitution, Art. 32: each member country's NCB is its link to INTERPOL"
OFF_TOPIC = {"yellow", "black", "orange"}
IDENTIFIERS = ("name", "date_of_birth", "nationality", "passport", "phone")


@dataclass(frozen=True)
class Basis:
    """What the trainee's case holds on a notice's subject (``engine.notice_requests``
    builds it from the trainee's knowledge and the case file, never the ground truth)."""

    evidence: float = 0.0  # graded evidence points (Knowledge.evidence)
    record: bool = False  # arrested in this case, or an exhibit in the case file
    linked: bool = False  # linked in the chart, or named by a graded report of the case
    account: bool = False  # holds an account known from graded intelligence
    financial: bool = False  # a financial exhibit (FIU report, traced assets) on file
    believed_in: str | None = None  # country the person is believed to be in (None: unknown)
    non_members: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Thresholds:
    """The scenario's stated assumptions the basis rules read (``scenario.legal``)."""

    notice_evidence: float = 1.5
    blue_min_identifiers: int = 2
    home_country: str | None = None  # the requesting country; None: not checked


NO_BASIS = Basis()


@dataclass(frozen=True)
class NoticeCheck:
    accepted: bool
    code: str
    reason: str
    rule: str | None
    params: dict[str, Any] = field(default_factory=dict)  # what ``reason`` counts, for a catalog


def subject_kinds(colour: str) -> frozenset[str]:
    """What a notice of ``colour`` may name: a Purple a concealment method or a vessel (a
    modus operandi), a Silver a person or a company (assets), every other colour a person."""
    return SUBJECT_KINDS.get(colour, frozenset({"person"}))


SUBJECT_KINDS = {"purple": frozenset({"concealment", "vessel"}),
                 "silver": frozenset({"person", "company"})}


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
    basis: Basis = NO_BASIS,
    thresholds: Thresholds | None = None,
) -> NoticeCheck:
    """Apply the rules in order; the first failure is the reason given to the trainee.

    ``subject_kind`` is what the trainee knows the subject to be: person, company, vessel,
    concealment, or None when the subject is unknown to them. ``basis`` is what the case
    holds on the subject (the default: nothing); ``thresholds`` are the scenario's stated
    assumptions (None: the defaults, and no requesting country to check a Red Notice's
    "believed abroad" against).
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
    wanted = subject_kinds(colour)
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
                f"only {identifiers} identifier{'' if identifiers == 1 else 's'} known (name,"
                f" date of birth, nationality, passport, phone); this scenario assumes"
                f" {min_identifiers} {'is' if min_identifiers == 1 else 'are'} needed",
                RPD
                + ": enough identifiers to identify the person (threshold: scenario assumption)",
                {"known": identifiers, "needed": min_identifiers},
            )
    if colour == "red" and thresholds is not None and thresholds.home_country:
        home = thresholds.home_country
        if basis.believed_in is None or basis.believed_in == home:
            return NoticeCheck(
                False,
                "red.not_abroad",
                f"nothing you know places this person outside {home}: {home}'s own police arrest "
                "them at home on the warrant",
                RPD + ": locate and provisionally arrest a person abroad, pending extradition",
            )
    refused = _basis(colour, basis, identifiers, thresholds or Thresholds())
    if refused is not None:
        return refused
    if colour == "silver":
        return NoticeCheck(
            True, "notice.accepted", "Silver Notice published (pilot programme from 2025)", None
        )
    return NoticeCheck(True, "notice.accepted", f"{colour.title()} Notice published", None)


def _basis(colour: str, b: Basis, identifiers: int, th: Thresholds) -> NoticeCheck | None:
    """The basis each colour needs; None when it holds."""
    if colour in ("red", "blue") and b.believed_in in b.non_members:
        return NoticeCheck(
            False,
            "notice.non_member",
            f"the person is believed to be in {b.believed_in}, which is not an INTERPOL member: "
            "a notice is not circulated there and no NCB can act on it",
            NCB + "; a notice is circulated to member countries only",
        )
    threat = b.record or b.evidence + 1e-9 >= th.notice_evidence
    if colour == "green" and not threat:
        return NoticeCheck(
            False,
            "green.no_basis",
            f"no record and only {b.evidence:g} points of graded evidence on this person "
            f"({th.notice_evidence:g} needed to assess them as a threat)",
            BASIS + ": Green — a possible threat, assessed from a record or reasonable grounds "
            "(evidence threshold: scenario assumption)",
        )
    if colour == "blue" and (identifiers < th.blue_min_identifiers or not b.linked):
        return NoticeCheck(
            False,
            "blue.no_basis",
            f"{identifiers} identifier{'' if identifiers == 1 else 's'} known "
            f"({th.blue_min_identifiers} needed) and {'a' if b.linked else 'no'} link to the case",
            BASIS + ": Blue — a person of interest in a criminal investigation, with enough "
            "identifiers (threshold: scenario assumption)",
        )
    if colour == "silver" and not (b.financial or (b.account and threat)):
        return NoticeCheck(
            False,
            "silver.no_basis",
            "no known account or asset of this subject linked to the crime by graded "
            "intelligence or a financial exhibit",
            BASIS + ": Silver (pilot) — assets linked to criminal activity",
        )
    return None
