"""The desk's forms for the laboratory, the support team and the money (AppTest from app.py).

A fresh exercise has nothing seized and no account on file, so the forms that need them
run on an exercise prepared through academy with real actions: the oracle plays until a
load is seized and a courier is in custody, then the money of the best-paid member on file
is reported by the FIU and frozen. The desk then resumes that exercise.
"""

from __future__ import annotations

import pytest

from engine import actions as A
from engine.exercise import Exercise
from engine.policies import OracleBot
from tests.pages.helpers import KNOWN_COMPANY, act, as_trainee, start_wildlife

pytestmark = pytest.mark.usefixtures("app_db")


def test_support_team_fiu_and_tracing_forms_submit():
    at = start_wildlife(as_trainee())
    act(at, "request_support_team", {})
    assert "Operational Support Team" in at.success[0].value
    at = act(at, "request_fiu", {"fiu.subject": KNOWN_COMPANY})
    assert "Financial Intelligence Unit" in at.success[0].value
    at = act(at, "trace_assets", {"trace.subject": KNOWN_COMPANY})
    assert at.success[0].value.startswith("Asset tracing on")
    at.radio(key="actions.kind").set_value("request_forensics").run()
    assert "Nothing to examine yet" in " ".join(c.value for c in at.caption)


def _prepared(db_url: str) -> dict[str, str]:
    """Store a wildlife exercise with a seizure held, a person in custody and an account
    frozen; the ids the forms will choose."""
    from sqlmodel import select

    from academy import exercises
    from academy.db import make_engine, session_scope
    from academy.demo import DEMO_TRAINEE
    from academy.models import User
    from academy.scenarios import sync_shipped

    engine = make_engine(db_url)
    with session_scope(engine) as s:
        version = next(v for v in sync_shipped(s) if v.scenario_id == "wildlife-ivory-corridor")
        trainee = s.exec(select(User).where(User.display_name == DEMO_TRAINEE[0])).one()
        record = exercises.start(s, user=trainee, scenario_version_id=version.id, workshop_id=1)
        ex = exercises.replay(s, record).live
        plan = Exercise(ex.scenario, record.seed)
        bot = OracleBot(record.seed)
        sim = plan.sim
        while not (plan.view().actions.seized and plan.view().actions.in_custody):
            bot.step(plan)
            plan.apply(A.Advance(days=1))
        paid: dict[str, float] = {}
        for payer, payee, amount in sim.payments:
            for m in (payer, payee):
                paid[m] = paid.get(m, 0.0) + amount
        rich = max((m for m in paid if m in sim.knowledge.entities), key=lambda m: paid[m])
        while not plan.apply(A.RequestFiu(subject=rich)).accepted:  # wait for the budget
            plan.apply(A.Advance(days=1))
        account = plan.world.accounts[rich]
        label = plan.world.entities[rich].label
        while not any(i.code == "finance.fiu" and i.params["subject"] == label
                      for i in sim.knowledge.inbox):
            plan.apply(A.Advance(days=1))
        assert plan.apply(A.FreezeAssets(account=account)).accepted
        for _ in range(15):
            plan.apply(A.Advance(days=1))
        held = None
        for entry in plan.log:
            held = exercises.play(s, exercise_id=record.id, user_id=trainee.id, held=held,
                                  action=entry["action"])
        view = held.live.view().actions
        ids = {"seized": view.seized[0], "custody": view.in_custody[0], "frozen": view.frozen[0]}
    engine.dispose()
    return ids


def test_laboratory_freeze_and_confiscation_forms_submit(app_db):
    ids = _prepared(app_db)
    at = as_trainee()
    at.switch_page("pages/desk.py").run()
    act(at, "request_forensics", {"forensic.analysis": "ivory-origin",
                                  "forensic.item.ivory-origin": ids["seized"]})
    assert at.success[0].value.startswith("DNA and stable-isotope origin of ivory or rhino horn "
                                          f"requested on Shipment {ids['seized']}")
    act(at, "request_forensics", {"forensic.analysis": "phone-extraction",
                                  "forensic.item.phone-extraction": ids["custody"]})
    assert at.success[0].value.startswith("Seized phone extraction (contacts and messages)")
    act(at, "confiscate_assets", {"confiscate.account": ids["frozen"]})
    assert "has not been convicted" in at.error[0].value  # the rule is cited after it
    assert "FATF" in at.error[0].value
    at.radio(key="actions.kind").set_value("freeze_assets").run()
    assert ids["frozen"] not in at.selectbox(key="actions.freeze.account").options
