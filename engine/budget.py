"""The trainee's operational budget: a SimPy ``Container`` of money.

The exercise starts with the scenario's budget (times the instructor's resources knob),
the coordinator tops it up every week, and every paid request draws from it — only
through ``engine.requests._pay`` (can it be paid?) and ``_spend`` (pay it), so a refused
request never costs anything. The container holds what is left; ``spent`` and ``total``
(everything ever granted) feed the resources measure of the score.
"""

from __future__ import annotations

import simpy


class Budget:
    """What is left (``left``, the container's level), what was spent and granted."""

    def __init__(self, env: simpy.Environment, start: float) -> None:
        self.purse = simpy.Container(env, init=start)  # capacity: unbounded
        self.spent = 0.0
        self.total = start  # granted so far: the start plus every top-up
        self.weeks = 0  # weekly top-ups so far (the agenda's next one is the week after)

    @property
    def left(self) -> float:
        return self.purse.level

    def can_pay(self, cost: float) -> bool:
        return self.purse.level + 1e-9 >= cost

    def spend(self, cost: float) -> None:
        """Pay ``cost`` (checked with ``can_pay`` first; a rounding shortfall empties it)."""
        self._take(cost)
        self.spent += cost

    def top_up(self, amount: float) -> None:
        """The week's top-up (the coordinator's, ``Simulation._weekly_budget``)."""
        self.weeks += 1
        if amount > 0:
            self.purse.put(amount)
        self.total += amount

    def set_left(self, value: float) -> None:
        """For code that still assigns ``sim.budget``: move the level to ``value``."""
        diff = value - self.purse.level
        if diff > 0:
            self.purse.put(diff)
        else:
            self._take(-diff)

    def _take(self, amount: float) -> None:
        # A get larger than the level would wait for a top-up: never here, where a cost
        # within can_pay's rounding margin empties the purse instead.
        amount = min(amount, self.purse.level)
        if amount > 0:  # SimPy refuses to get nothing
            self.purse.get(amount)
