"""Calls and payments between members: the raw material of phone and financial intelligence.

Whenever a shipment leaves, its crew phones the people they deal with and pays whom the
network's relations say — any relation that moves money (``Relation.money``: pays, bribes,
finances... by default, or any name the author marks), an amount in proportion to the
load; nobody phones or
pays a member in custody. Phone records, financial intelligence and Silver Notices read
these logs. A shipment logs its crew as a batch; the calls and payments are listed, in
the order they were made, only when something reads them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engine.world import World


NOBODY: frozenset[str] = frozenset()


class Communications:
    """The communication side of ``Simulation`` (a mixin on the simulation's state)."""

    if TYPE_CHECKING:  # set by Simulation.__init__
        world: World
        arrested: dict[str, float]

    def __init__(self) -> None:
        self._calls: list[tuple[str, str]] = []
        self._payments: list[tuple[str, str, float]] = []
        # One batch per departure: the crew, and who was in custody then (nobody: empty).
        self._call_batches: list[tuple[dict[str, str], frozenset[str]]] = []
        self._payment_batches: list[tuple[dict[str, str], float, frozenset[str]]] = []
        self._member_contacts: dict[str, tuple[tuple[Any, ...], tuple[Any, ...]]] = {}

    @property
    def calls(self) -> list[tuple[str, str]]:
        """(caller, callee) for every call members made, in the order they were made."""
        if self._call_batches:
            for crew, custody in self._call_batches:
                for m in sorted(set(crew.values())):
                    made = self._contacts(m)[0]
                    self._calls += [x for x in made if x[1] not in custody] if custody else made
            self._call_batches.clear()
        return self._calls

    @property
    def payments(self) -> list[tuple[str, str, float]]:
        """(payer, payee, amount) for every payment, in the order they were made."""
        if self._payment_batches:
            for crew, q, custody in self._payment_batches:
                for m in sorted(set(crew.values())):
                    self._payments += [
                        (a, b, round(q * r, 2))
                        for other, a, b, r in self._contacts(m)[1]
                        if other not in custody
                    ]
            self._payment_batches.clear()
        return self._payments

    def _contacts(self, member: str) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """Calls (caller, callee) and payments (callee, payer, payee, rate) a member makes."""
        got = self._member_contacts.get(member)
        if got is None:
            calls, pays = [], []
            ents, rates = self.world.entities, self._money_rates()
            for other, rel, forward in self.world.outgoing(member):
                calls.append((member, other))
                payer, payee = (member, other) if forward else (other, member)
                rate = rates.get((ents[payer].group, ents[payee].group, rel), 0.0)
                if rate > 0:
                    pays.append((other, payer, payee, rate))
            got = self._member_contacts[member] = (tuple(calls), tuple(pays))
        return got

    def _money_rates(self) -> dict[tuple[Any, Any, str], float]:
        """USD per unit shipped along each declared relation that moves money, keyed by
        (payer group, payee group, relation)."""
        got: dict[tuple[Any, Any, str], float] | None = self.__dict__.get("_rates")
        if got is None:
            got = {}
            for r in self.world.scenario.network.relations:
                if (rate := r.money_rate) > 0:
                    key = (r.from_, r.to, r.relation)
                    got[key] = max(rate, got.get(key, 0.0))
            self.__dict__["_rates"] = got
        return got

    def _communicate(self, handlers: dict[str, str], plan: Any) -> None:
        """Log the crew's calls and payments (listed lazily: see ``calls``, ``payments``).
        Nobody phones or pays a member in custody: who was, when the crew left, is kept
        with the batch (the handlers are never changed once assigned)."""
        custody = frozenset(self.arrested) if self.arrested else NOBODY
        self._call_batches.append((handlers, custody))
        self._payment_batches.append((handlers, plan.quantity, custody))
