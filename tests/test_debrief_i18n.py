"""The debrief says its engine sentences in every language: senders, missed opportunities,
score explanations and the printed review, with the English exactly as the engine wrote it."""

from __future__ import annotations

import json
from itertools import product

import pytest

from academy import catalogs, debriefs
from academy.pdf import Report
from engine import messages as M
from engine.finance import CONFISCATION_RULE, FREEZE_RULE
from engine.forensics import CUSTODY_RULE
from engine.joint import CLOCK_RULE, HANDLING_RULE, ROLE_RULE
from engine.notices import NCB, PURPOSES, RPD, Basis, Thresholds, check_notice
from engine.policies import run_policy
from engine.requests import ARREST_RULE, WARRANT_RULE
from engine.scenario import load_scenario
from engine.scoring import EXPLAIN, WRONGFUL_PENALTY
from tests.engine.conftest import SCENARIO_FILES
from tests.test_i18n import LANGS, catalog_files
from tests.test_inbox_i18n import fields

SENDERS = {code for code in M.TEMPLATES if code.startswith("sender.")}


@pytest.fixture(scope="module")
def played():
    """(scenario, debrief) of bot runs that let shipments through while holding intelligence."""
    out = []
    for path in SCENARIO_FILES:
        scenario = load_scenario(path)
        for policy in ("random", "heuristic"):
            out.append((scenario, run_policy(scenario, 2, policy)))
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_sender_and_missed_code_is_in_the_catalog(lang, played):
    inbox = catalog_files(lang)["inbox.yaml"]
    used = set(SENDERS)
    for _, ex in played:
        used |= {c for m in ex.debrief().missed for c in M.codes(m.code, m.params)}
        used |= {i.params["source_msg"]["code"] for i in ex.view().inbox if "source_msg" in i.params}
    for code in used:
        key = f"inbox.{code}"
        assert inbox[key] and fields(inbox[key]) == fields(catalog_files("en")["inbox.yaml"][key])


def test_english_explanations_are_the_engine_words():
    english = catalog_files("en")["debrief.yaml"]
    for cid, text in EXPLAIN.items():
        assert english[f"debrief.explain.{cid}"] == text
    wrongful = english["debrief.explain.wrongful_arrests"].format(penalty=f"{WRONGFUL_PENALTY:g}")
    assert wrongful == "innocent persons arrested on false leads (minus 5 points each)"
    for lang in LANGS[1:]:
        theirs = catalog_files(lang)["debrief.yaml"]
        assert all(theirs[k] != v for k, v in english.items() if k.startswith("debrief.explain"))


def test_senders_in_every_language():
    ncb = M.message("partner.share_reply", country="TZ", n=2)
    params = {**ncb["params"], **M.nested("source", M.sender("ncb", country="TZ"))}
    sender = params["source_msg"]
    said = {lang: catalogs.engine_text(sender["code"], sender["params"], params["source"], lang)
            for lang in LANGS}
    # the country by its name in the reader's language (CLDR), not its ISO code
    assert said == {"en": "NCB Tanzania", "fr": "BCN Tanzanie", "es": "OCN Tanzania",
                    "ar": "المكتب المركزي الوطني تنزانيا"}


def blocks(monkeypatch, debrief, scenario, lang):
    monkeypatch.setattr(Report, "render", lambda self: json.dumps(
        [self.title, self.subtitle, self._blocks], ensure_ascii=False, default=str).encode())
    return json.loads(debriefs.pdf(debrief, scenario=scenario, trainee="T", lang=lang))


def missed_bullets(doc):
    parts = doc[2]
    at = next(i for i, (kind, _) in enumerate(parts) if kind == "heading"
              and parts[i + 1][0] == "bullets")
    return parts[at + 1][1]


def test_the_printed_debrief_says_missed_opportunities_in_the_language(monkeypatch, played):
    scenario, ex = next((s, e) for s, e in played if e.debrief().missed)
    debrief = ex.debrief()
    english = blocks(monkeypatch, debrief, scenario, "en")
    assert english[0].endswith(" — after-action review")
    # one line per report the trainee held, with every shipment it pointed at
    groups: dict[str, list] = {}
    for m in debrief.missed:
        groups.setdefault(m.intel or m.text, []).append(m)
    def shipments(g: list) -> str:  # "shipment S1", "2 shipments: S1, S2" (trial: plurals)
        ids = list(dict.fromkeys(m.shipment for m in g))
        return f"shipment {ids[0]}" if len(ids) == 1 else f"{len(ids)} shipments: {', '.join(ids)}"

    assert missed_bullets(english) == [
        f"Day {g[0].t:.1f}: {catalogs.engine_text(g[0].code, g[0].params, g[0].text, 'en')}"
        f" ({shipments(g)})" for g in groups.values()]
    french = blocks(monkeypatch, debrief, scenario, "fr")
    assert french[0].endswith(" — revue après action")
    first = debrief.missed[0]
    line = missed_bullets(french)[0]
    day = f"{first.t:.1f}".replace(".", ",")  # a decimal comma in French
    assert line.startswith(f"Jour {day}\u202f: ") and first.text not in line
    assert catalogs.engine_text(first.code, first.params, first.text, "fr") in line
    arabic = blocks(monkeypatch, debrief, scenario, "ar")
    assert missed_bullets(arabic)[0].startswith(f"اليوم {first.t:.1f}: ")
    assert json.dumps(arabic, ensure_ascii=False).count("after-action") == 0


def engine_rules() -> dict[str, str]:
    """Every (refusal code, rule) the engine can cite: the notice checks over their inputs,
    and the refusals of arrests and warrants."""
    found: dict[str, str] = {}
    for colour, purpose in product(PURPOSES, set(PURPOSES.values())):
        for grounds, kind, warrant, ids, years in product(
                ("ordinary_crime", "political"), ("person", "company", None), (True, False),
                (0, 9), (1, 9)):
            check = check_notice(colour, purpose, grounds, kind, has_warrant=warrant,
                                 identifiers=ids, min_identifiers=3, max_penalty_years=years)
            if check.rule:
                assert found.setdefault(check.code, check.rule) == check.rule
    outside = Basis(believed_in="SO", non_members=frozenset({"SO"}))
    for colour, basis, home in (("red", Basis(), "KE"), ("blue", outside, None)):
        check = check_notice(colour, PURPOSES[colour], "ordinary_crime", "person",
                             has_warrant=True, identifiers=9, min_identifiers=3,
                             max_penalty_years=9, basis=basis,
                             thresholds=Thresholds(home_country=home))
        found[check.code] = check.rule
    found["arrest.non_member"] = NCB + "; a notice is circulated to member countries only"
    found["diffusion.non_member"] = NCB + "; a diffusion goes from one NCB to others"
    found["arrest.no_warrant"] = "Due process: a valid arrest warrant"
    found["arrest.not_a_person"] = ARREST_RULE
    found["arrest.needs_red_notice"] = RPD + ": locate and provisionally arrest pending extradition"
    found["warrant.insufficient_evidence"] = WARRANT_RULE
    found["forensic.not_seized"] = found["forensic.not_in_custody"] = CUSTODY_RULE
    found["freeze.no_basis"] = FREEZE_RULE
    found["confiscate.not_frozen"] = found["confiscate.no_conviction"] = CONFISCATION_RULE
    found["role.not_allowed"] = ROLE_RULE
    found["clock.control_cell"] = CLOCK_RULE
    found["handling.not_shareable"] = HANDLING_RULE
    return found


def test_every_rule_the_engine_cites_is_translated():
    rules = engine_rules()
    assert len(rules) == 24
    assert {k[len("rule."):]: v for k, v in catalog_files("en")["rules.yaml"].items()} == rules
    for lang in LANGS[1:]:
        theirs = catalog_files(lang)["rules.yaml"]
        for code, english in rules.items():
            assert theirs[f"rule.{code}"] and theirs[f"rule.{code}"] != english, (lang, code)


def test_notice_reasons_have_a_sentence_for_their_code():
    codes = {check_notice(c, p, g, k, has_warrant=w, identifiers=i, min_identifiers=3,
                          max_penalty_years=y).code
             for c, p in product(PURPOSES, set(PURPOSES.values()))
             for g, k, w, i, y in product(("ordinary_crime", "political"),
                                          ("person", "vessel", None), (True, False), (0, 9),
                                          (1, 9))}
    for lang in LANGS:
        merged = {k: v for keys in catalog_files(lang).values() for k, v in keys.items()}
        assert all(merged.get(f"engine.{code}") for code in codes), lang
