"""Following the money: which relations move it, and each financial rule accepted and refused.

Wildlife, seed 3, after two weeks: the broker (Tanzania) has paid the port official
and been paid by the financier; the home country is Kenya, so a freezing order on the
broker's account goes to Tanzania.
"""

from __future__ import annotations

import json

import pytest

from engine import actions as A
from engine.evidence import ExhibitKind
from engine.exercise import Exercise
from engine.messages import message
from engine.network import Relation
from engine.scenario import load_scenario, load_scenario_text
from tests.engine.conftest import ROOT

# Who is who in wildlife seed 3's world, read from the world (ids follow the world's streams)
_W = Exercise(load_scenario(ROOT / "scenarios" / "wildlife-ivory-corridor.yaml"), 3).world
BROKER = next(m for m in _W.by_group("broker") if _W.entities[m].country == "TZ")
FINANCIER = _W.by_group("financier")[0]
COMPANY = next(b for a, b, rel in _W.edges if a == BROKER and rel == "controls")


def known(ex: Exercise, *eids: str) -> None:
    """Put entities in the trainee's case file, as a report would."""
    for eid in eids:
        e = ex.world.entities[eid]
        ex.sim.knowledge.learn(eid, e.type, e.label, {"name": e.label}, ex.day, "test", "B2")


@pytest.fixture
def ex(wildlife) -> Exercise:
    ex = Exercise(wildlife, 3)
    assert ex.world.entities[BROKER].role == "broker" and ex.world.entities[BROKER].country == "TZ"
    ex.apply(A.Advance(days=7))
    ex.apply(A.Advance(days=7))
    ex.sim.budget += 20
    return ex


def answered(ex: Exercise, *codes: str) -> list:
    for _ in range(40):
        found = [i for i in ex.view().inbox if i.code in codes]
        if found:
            return found
        ex.apply(A.Advance(days=1))
    return []


def with_relations(scenario, change) -> object:
    data = json.loads(scenario.model_dump_json(by_alias=True))
    data["network"]["relations"] = change(data["network"]["relations"])
    return load_scenario_text(json.dumps(data), "changed.yaml")


def test_money_moves_along_any_relation_declared_financial(wildlife):
    assert Relation.model_validate({"from": "a", "to": "b", "relation": "pays"}).money_rate == 40
    assert Relation.model_validate({"from": "a", "to": "b", "relation": "sells_to"}).money_rate == 0
    assert Relation.model_validate(
        {"from": "a", "to": "b", "relation": "sells_to", "money": True}).money_rate == 20

    def rename(rels):  # the financier "finances" the broker and the official is paid nothing
        for r in rels:
            if r["relation"] == "pays":
                r["relation"], r["money"] = "finances_deals", 100
            if r["relation"] == "bribes":
                r["money"] = False
        return rels

    changed = Exercise(with_relations(wildlife, rename), 3)
    changed.apply(A.Advance(days=7))
    changed.apply(A.Advance(days=7))
    paid = changed.sim.payments
    assert paid and all(p == FINANCIER for p, _q, _a in paid)  # no bribe any more
    before = Exercise(wildlife, 3)
    before.apply(A.Advance(days=7))
    before.apply(A.Advance(days=7))
    old = {(p, q): a for p, q, a in before.sim.payments}
    assert [a for p, q, a in paid] == [old[(FINANCIER, BROKER)] * 100 / 40]


def test_the_fiu_reports_the_flows_of_a_known_subject(ex):
    assert ex.apply(A.RequestFiu(subject=BROKER)).code == "fiu.unknown_subject"
    known(ex, BROKER)
    out = ex.apply(A.RequestFiu(subject=BROKER))
    assert out.accepted and any(i.code == "agenda.fiu" for i in ex.agenda())
    [item] = answered(ex, "finance.fiu", "finance.fiu_none")
    assert item.code == "finance.fiu" and item.params["counterparties"] == 2
    accounts = ex.world.accounts
    assert accounts[FINANCIER] in ex.sim.knowledge.entities  # the financier's account, and him
    assert ex.sim.money.traced[accounts[BROKER]] > 0
    assert [e.kind for e in ex.sim.case_file.on(BROKER)] == [ExhibitKind.financial]


def test_the_fiu_has_nothing_on_an_innocent(ex):
    decoy = ex.world.decoys[0]
    known(ex, decoy)
    assert ex.apply(A.RequestFiu(subject=decoy)).accepted
    [item] = answered(ex, "finance.fiu", "finance.fiu_none")
    assert item.code == "finance.fiu_none"
    assert not ex.sim.money.traced and not ex.sim.case_file.on(decoy)


def test_asset_tracing_finds_the_accounts_a_member_holds_and_controls(ex):
    assert ex.apply(A.TraceAssets(subject=BROKER)).code == "trace.unknown_subject"
    known(ex, BROKER)
    assert ex.apply(A.TraceAssets(subject=BROKER)).accepted
    [item] = answered(ex, "finance.trace", "finance.trace_clean")
    assert item.code == "finance.trace" and item.params["linked"] == 1
    links = {(x.a, x.b, x.relation) for x in ex.view().links}
    assert (BROKER, COMPANY, "controls") in links  # the front company it controls
    assert ex.world.accounts[COMPANY] in ex.sim.knowledge.entities


def test_freezing_needs_traced_funds_then_holds_them(wildlife):
    data = json.loads(wildlife.model_dump_json(by_alias=True))
    for c in data["countries"]:  # Tanzania carries out every order it is sent
        if c["code"] == "TZ":
            c["partner"]["act_probability"] = 1.0
    ex = Exercise(load_scenario_text(json.dumps(data), "certain.yaml"), 3)
    ex.apply(A.Advance(days=7))
    ex.apply(A.Advance(days=7))
    ex.sim.budget += 20
    account = ex.world.accounts[BROKER]
    assert ex.apply(A.FreezeAssets(account=account)).code == "freeze.unknown_account"
    known(ex, BROKER, account)
    out = ex.apply(A.FreezeAssets(account=account))
    assert out.code == "freeze.no_basis" and "UNTOC" in out.rule
    ex.apply(A.TraceAssets(subject=BROKER))
    answered(ex, "finance.trace", "finance.trace_clean")
    assert ex.apply(A.FreezeAssets(account=account)).accepted
    assert ex.apply(A.FreezeAssets(account=account)).code == "freeze.already"
    [item] = answered(ex, "finance.frozen", "finance.freeze_declined")
    assert item.code == "finance.frozen"  # Tanzania carried the order out
    assert ex.sim.money.frozen[account] == ex.sim.money.traced[account]
    assert ex.view().actions.frozen == [account]
    assert [e.weight for e in ex.sim.case_file.on(BROKER)] == [0.5, 0.75]


def test_a_silver_notice_is_a_basis_for_freezing(ex):
    account = ex.world.accounts[BROKER]
    known(ex, BROKER, account)
    ex.sim.notices[("silver", BROKER)] = ex.day  # published (engine.notice_requests)
    assert ex.apply(A.FreezeAssets(account=account)).accepted


def test_confiscation_follows_a_conviction_or_the_law(ex, wildlife):
    account = ex.world.accounts[BROKER]
    known(ex, BROKER, account)
    assert ex.apply(A.ConfiscateAssets(account=account)).code == "confiscate.not_frozen"
    ex.sim.money.frozen[account] = 1000.0
    out = ex.apply(A.ConfiscateAssets(account=account))
    assert out.code == "confiscate.no_conviction" and out.rule
    # A conviction the engine's way: an arrest, exhibits on the case file, the court's verdict.
    ex.sim.arrest(BROKER, message("arrest.on_request", country=ex.scenario.home_country))
    for kind, ref in ((ExhibitKind.financial, "F1"), (ExhibitKind.witness, "W1"),
                      (ExhibitKind.phone, "T1")):
        ex.sim.case_file.add(BROKER, kind, 1.0, ex.day, ref)
    case = ex.sim.cases[BROKER]
    ex.sim.run_until(case.charge_day + 0.1)
    assert case.status == "charged"
    assert ex.apply(A.ConfiscateAssets(account=account)).code == "confiscate.no_conviction"
    ex.sim.run_until(case.verdict_day + 0.1)
    assert case.status == "convicted" and ex.sim.convictions == {BROKER}
    out = ex.apply(A.ConfiscateAssets(account=account))
    assert out.accepted and ex.sim.money.confiscated == {account: 1000.0}
    assert ex.apply(A.ConfiscateAssets(account=account)).code == "confiscate.already"
    data = json.loads(wildlife.model_dump_json(by_alias=True))
    data["finance"] = {"confiscation": "without_conviction"}
    other = Exercise(load_scenario_text(json.dumps(data), "ncb.yaml"), 3)
    known(other, BROKER, account)
    other.sim.money.frozen[account] = 10.0
    assert other.apply(A.ConfiscateAssets(account=account)).accepted


def test_quotes_are_what_the_money_requests_charge_and_wait(ex):
    f = ex.scenario.finance
    assert ex.quote({"kind": "request_fiu"}).cost == f.fiu_cost
    assert ex.quote({"kind": "trace_assets"}).delay == (f.trace_days.min, f.trace_days.mode,
                                                       f.trace_days.max)
    known(ex, BROKER)
    budget = ex.sim.budget
    ex.apply(A.TraceAssets(subject=BROKER))
    assert ex.sim.budget == budget - f.trace_cost
