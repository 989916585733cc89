"""The trainee's inspection teams: a SimPy ``Resource`` booked for a window only.

Every inspection or seizure the trainee asks a partner for commits one of their own
inspection teams (the scenario's ``resources.inspection_teams``) for the window asked —
from its first day to its last, not from the day it is booked: an inspection booked on
day 5 for days 40-47 leaves the team free until day 40. A booking is accepted when, at
every moment of its window, fewer teams are booked than there are; windows that only touch
(one ends on the day the next starts) do not overlap. A partner's refusal frees the team
from the day it is told. While the window runs, a SimPy process holds the resource, so
``in_use`` is the number of teams out on the ground now.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import simpy
from simpy.events import Initialize


@dataclass
class Booking:
    start: float
    end: float
    cancelled: bool = False
    process: Any = None  # the SimPy process that holds a team during the window


class Teams:
    def __init__(self, env: simpy.Environment, count: int) -> None:
        self.env, self.count = env, count
        # SimPy needs a capacity of at least one; with no team nothing is ever booked.
        self.resource = simpy.Resource(env, capacity=max(1, count))
        self.bookings: list[Booking] = []

    def booked_at(self, t: float) -> int:
        """Teams booked for the moment ``t`` (windows are ``[start, end)``)."""
        return sum(1 for b in self.bookings if not b.cancelled and b.start <= t < b.end)

    def free_for(self, start: float, end: float) -> bool:
        """Is a team free over the whole window ``[start, end)``? The bookings in force only
        change where a window starts, so the window's start and each start inside it are
        the moments to check."""
        if self.count <= 0:
            return False
        moments = [start] + [
            b.start for b in self.bookings if not b.cancelled and start < b.start < end
        ]
        return all(self.booked_at(t) < self.count for t in moments)

    def free_now(self) -> int:
        """Teams not booked for today (the trainee's view)."""
        return max(0, self.count - self.booked_at(self.env.now))

    @property
    def in_use(self) -> int:
        """Teams out on the ground now (holding the resource)."""
        return self.resource.count

    def book(self, start: float, end: float) -> Booking:
        """Commit a team for ``[start, end)`` (``free_for`` said yes)."""
        b = Booking(start, end)
        self.bookings.append(b)
        b.process = self.env.process(self._hold(b))
        return b

    def cancel(self, booking: Booking) -> None:
        """The partner declined: the team is free again from now."""
        if booking.cancelled:
            return
        booking.cancelled = True
        proc = booking.process
        # A process not started yet sees the flag when it starts; a started one is woken.
        if proc is not None and proc.is_alive and not isinstance(proc.target, Initialize):
            proc.interrupt("cancelled")

    def _hold(self, b: Booking) -> Generator[Any, Any, None]:
        env = self.env
        if b.cancelled:
            return
        try:
            yield env.timeout(max(0.0, b.start - env.now))
            if b.cancelled:
                return
            with self.resource.request() as req:
                yield req  # free by construction: bookings never exceed the teams
                yield env.timeout(max(0.0, b.end - env.now))
        except simpy.Interrupt:
            return
