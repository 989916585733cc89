"""Following the money: FIU requests, asset tracing, freezing and confiscation.

The money is the network's own: every relation that moves money (``Relation.money`` in
``engine.network``) leaves payments each time a load leaves (``engine.communications``).
The Financial Intelligence Unit answers with the suspicious transaction reports banks
filed on an account's flows; asset tracing finds what a member holds and what the
network paid into it. Both put accounts and their holders on the chart and a financial
exhibit in the case file, and mark the funds they link to the crime as *traced*.

Freezing needs that basis — traced funds, from an FIU answer, asset tracing or a Silver
Notice on the holder (UNTOC art. 12, FATF Recommendation 4) — and is carried out by the
country where the account is (abroad: with that partner's delay and willingness).
Confiscation of frozen funds follows the holder's conviction, or, where the scenario's
law allows it (``finance.confiscation: without_conviction``), needs no conviction.
Convictions are recorded by prosecution (``engine.prosecution``) in ``sim.convictions``.
"""

from __future__ import annotations

from engine import actions as A
from engine import messages as M
from engine.evidence import ExhibitKind
from engine.intel import person_attrs
from engine.joint import send
from engine.records import Outcome
from engine.requests import _known, _n, _pay, _spend, ok, refuse
from engine.simulation import Simulation
from engine.world import triangular_at

FIU_WEIGHT = 0.5  # the prosecutor's weight of a financial exhibit (an engine assumption)
TRACE_WEIGHT = 0.5
FREEZE_WEIGHT = 0.75  # funds frozen as proceeds: a stronger exhibit
FREEZE_RULE = (
    "Provisional measures (UNTOC art. 12; FATF Recommendation 4): reasonable grounds that "
    "the assets are proceeds or instrumentalities of crime — trace them first"
)
CONFISCATION_RULE = (
    "Confiscation follows a conviction (FATF Recommendation 4); non-conviction-based "
    "confiscation only where the scenario's law provides it (finance.confiscation)"
)


def convicted(sim: Simulation, member: str) -> bool:
    """Whether prosecution has convicted ``member`` (``sim.convictions``)."""
    return member in sim.convictions


def _holder(sim: Simulation, account: str) -> str:
    return str(sim.world.entities[account].attributes["holder"])


def _flows(sim: Simulation, account: str) -> list[tuple[str, str, float]]:
    holder = _holder(sim, account)
    return [(p, q, amt) for p, q, amt in sim.payments if holder in (p, q)]


def _show_account(sim: Simulation, account: str, source: str, grade: str) -> None:
    """Put an account and its holder (the bank's customer records) on the chart."""
    k, w, t = sim.knowledge, sim.world, sim.env.now
    acc, holder = w.entities[account], _holder(sim, account)
    h = w.entities[holder]
    k.learn(acc.id, "account", acc.label, {"number": acc.label}, t, source, grade)
    k.learn(holder, h.type, h.label, person_attrs(h), t, source, grade)
    k.link(holder, acc.id, "holds", t, source, grade)


def _exhibit(sim: Simulation, member: str, weight: float, ref: str) -> None:
    if sim.world.entities[member].type not in ("person", "company"):
        return
    sim.case_file.add(member, ExhibitKind.financial, weight, sim.env.now, ref)
    k = sim.knowledge
    k.evidence[member] = k.evidence.get(member, 0.0) + weight


def request_fiu(sim: Simulation, a: A.RequestFiu) -> Outcome:
    w = sim.world
    if not _known(sim, a.subject, "person", "company", "account"):
        return refuse(
            "fiu.unknown_subject",
            f"'{a.subject}' is not a person, company or account in your case file",
        )
    account = a.subject if w.entities[a.subject].type == "account" else w.accounts[a.subject]
    rules = sim.scenario.finance
    if (r := _pay(sim, rules.fiu_cost)) is not None:
        return r
    _spend(sim, rules.fiu_cost)
    rng = sim.rng("fiu", a.subject, _n(sim, "fiu", a.subject))
    delay = triangular_at(rng.random(), rules.fiu_days)
    label = sim.knowledge.entities[a.subject].label

    def answer() -> None:
        flows, src = _flows(sim, account), "FIU"
        _show_account(sim, account, src, "B2")
        k, t, holder = sim.knowledge, sim.env.now, _holder(sim, account)
        others = set()
        for payer, payee, _amt in flows:
            other = payee if payer == holder else payer
            others.add(other)
            _show_account(sim, w.accounts[other], src, "B2")
            k.link(w.accounts[payer], w.accounts[payee], "pays", t, src, "B2")
        total = round(sum(amt for *_, amt in flows), 2)
        if flows:
            sim.money.traced[account] = max(sim.money.traced.get(account, 0.0), total)
            _exhibit(sim, holder, FIU_WEIGHT, f"fiu:{account}")
        k.item(
            t,
            M.sender("fiu"),
            "B2",
            "finance.fiu" if flows else "finance.fiu_none",
            {"subject": label, "reports": len(flows), "total": total,
             "counterparties": len(others)},
            "finance",
        )

    sim.answer(delay, answer, "fiu", subject=label)
    return ok(
        "fiu.requested",
        f"request sent to the Financial Intelligence Unit (cost {rules.fiu_cost:g}); answer "
        f"expected around day {sim.env.now + delay:.1f}",
        cost=rules.fiu_cost,
        eta_day=round(sim.env.now + delay, 3),
    )


def trace_assets(sim: Simulation, a: A.TraceAssets) -> Outcome:
    w = sim.world
    if not _known(sim, a.subject, "person", "company"):
        return refuse(
            "trace.unknown_subject", f"'{a.subject}' is not a person or company in your case file"
        )
    rules = sim.scenario.finance
    if (r := _pay(sim, rules.trace_cost)) is not None:
        return r
    _spend(sim, rules.trace_cost)
    rng = sim.rng("trace", a.subject, _n(sim, "trace", a.subject))
    delay = triangular_at(rng.random(), rules.trace_days)
    label = sim.knowledge.entities[a.subject].label

    def answer() -> None:
        k, t = sim.knowledge, sim.env.now
        # what the subject holds, and the accounts of companies it controls or works through
        held = [(a.subject, "")] + [
            (o, rel) for o, rel in w.neighbours(a.subject) if w.entities[o].type == "company"
        ]
        linked = 0
        received = 0.0
        for h, rel in held:
            acc = w.accounts[h]
            _show_account(sim, acc, "Asset tracing", "B2")
            if h != a.subject:
                k.link(a.subject, h, rel, t, "Asset tracing", "B2")
                linked += 1
            into = round(sum(amt for _p, q, amt in sim.payments if q == h), 2)
            if into > 0:
                sim.money.traced[acc] = max(sim.money.traced.get(acc, 0.0), into)
                received += into
        if received > 0:
            _exhibit(sim, a.subject, TRACE_WEIGHT, f"trace:{a.subject}")
        k.item(
            t,
            M.sender("asset_tracing"),
            "B2",
            "finance.trace" if received > 0 else "finance.trace_clean",
            {"subject": label, "account": w.entities[w.accounts[a.subject]].label,
             "total": round(received, 2), "linked": linked},
            "finance",
        )

    sim.answer(delay, answer, "trace", subject=label)
    return ok(
        "trace.requested",
        f"asset tracing on {label} started (cost {rules.trace_cost:g}); report expected around "
        f"day {sim.env.now + delay:.1f}",
        cost=rules.trace_cost,
        eta_day=round(sim.env.now + delay, 3),
    )


def _basis(sim: Simulation, account: str) -> float:
    """Funds on ``account`` linked to the crime: traced, or found by a Silver Notice."""
    traced = sim.money.traced.get(account, 0.0)
    holder = _holder(sim, account)
    if traced <= 0 and ("silver", holder) in sim.notices and _known(sim, account, "account"):
        traced = round(sum(amt for *_, amt in _flows(sim, account)), 2)
    return traced


def freeze_assets(sim: Simulation, a: A.FreezeAssets) -> Outcome:
    if not _known(sim, a.account, "account"):
        return refuse("freeze.unknown_account", f"'{a.account}' is not an account in your case file")
    if a.account in sim.money.frozen or a.account in sim.money.pending:
        return refuse("freeze.already", "this account is already frozen or a freeze is pending")
    amount = _basis(sim, a.account)
    if amount <= 0:
        return refuse(
            "freeze.no_basis",
            "nothing links this account to the crime yet: trace it first (FIU, asset tracing "
            "or a Silver Notice)",
            FREEZE_RULE,
        )
    country = sim.world.entities[a.account].country
    rng = sim.rng("freeze", a.account)
    if country == sim.acting or country not in sim.countries:
        delay, acts = triangular_at(rng.random(), sim.scenario.finance.freeze_days), True
    else:
        partner = sim.countries[country].partner
        delay = triangular_at(rng.random(), partner.response_days)
        acts = rng.random() < sim._act(country)
    sim.money.pending.add(a.account)
    number = sim.knowledge.entities[a.account].label
    own = country == sim.acting

    def answer(acts: bool) -> None:
        sim.money.pending.discard(a.account)
        t = sim.env.now
        if acts:
            sim.money.frozen[a.account] = amount
            _exhibit(sim, _holder(sim, a.account), FREEZE_WEIGHT, f"freeze:{a.account}")
            code = "finance.frozen"
        else:
            code = "finance.freeze_declined"
        if own:  # the team's own authorities, not a partner "sent" the order
            by, code = M.sender("national"), "home.frozen" if acts else "home.freeze_declined"
        else:
            by = M.sender("ncb", country=country)
        sim.knowledge.item(
            t, by, "B2", code, {"account": number, "country": country, "total": amount},
            "finance",
        )

    if country != sim.acting and sim.played_by_team(country):  # its team answers by hand
        req = send(sim, country, "freeze_assets",
                   {"account": a.account, "number": number, "total": amount}, answer)
        return ok("request.sent_to_team",
                  f"request {req.id} sent to the team playing {country}; it answers by hand",
                  request=req.id, country=country)
    sim.answer(delay, lambda: answer(acts), "freeze_home" if own else "freeze",
               account=number, country=country)
    eta = sim.env.now + delay
    if own:  # the team's own authorities decide: nothing is "sent to" its country
        code, line = "freeze.booked_home", (f"freezing order on {number} put to your national"
                                            f" authorities; their decision is expected"
                                            f" around day {eta:.1f}")
    else:
        code, line = "freeze.requested", (f"freezing order on {number} sent to {country};"
                                          f" answer expected around day {eta:.1f}")
    return ok(code, line, country=country, eta_day=round(eta, 3))


def confiscate_assets(sim: Simulation, a: A.ConfiscateAssets) -> Outcome:
    money = sim.money
    if a.account in money.confiscated:
        return refuse("confiscate.already", "these funds are already confiscated")
    if a.account not in money.frozen:
        return refuse(
            "confiscate.not_frozen", "only frozen funds can be confiscated", CONFISCATION_RULE
        )
    holder = _holder(sim, a.account)
    if sim.scenario.finance.confiscation == "after_conviction" and not convicted(sim, holder):
        return refuse(
            "confiscate.no_conviction",
            "the holder has not been convicted, and the law here allows no confiscation "
            "without a conviction",
            CONFISCATION_RULE,
        )
    money.confiscated[a.account] = money.frozen[a.account]
    sim.emit("assets_confiscated")
    return ok(
        "confiscate.ordered",
        f"the court orders the confiscation of {money.frozen[a.account]:,.0f} USD",
        total=money.frozen[a.account],
    )
