"""The debrief says its engine sentences in every language: senders, missed opportunities,
score explanations and the printed review, with the English exactly as the engine wrote it."""

from __future__ import annotations

import json

import pytest

from academy import catalogs, debriefs
from academy.pdf import Report
from engine import messages as M
from engine.policies import run_policy
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
    assert said == {"en": "NCB TZ", "fr": "BCN TZ", "es": "OCN TZ",
                    "ar": "المكتب المركزي الوطني TZ"}


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
    assert missed_bullets(english) == [f"Day {m.t:.1f}: {m.text} (shipment {m.shipment})"
                                       for m in debrief.missed]
    french = blocks(monkeypatch, debrief, scenario, "fr")
    assert french[0].endswith(" — revue après action")
    first = debrief.missed[0]
    line = missed_bullets(french)[0]
    assert line.startswith(f"Jour {first.t:.1f} : ") and first.text not in line
    assert catalogs.engine_text(first.code, first.params, first.text, "fr") in line
    arabic = blocks(monkeypatch, debrief, scenario, "ar")
    assert missed_bullets(arabic)[0].startswith(f"اليوم {first.t:.1f}: ")
    assert json.dumps(arabic, ensure_ascii=False).count("after-action") == 0
