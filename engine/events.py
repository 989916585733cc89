"""What happens in an exercise that the rest of the engine listens for.

The MSEL fires injects on the first seizure, the first arrest, an accepted notice, the
first departure or a case meeting (``engine.injects.Trigger``, the names scenario files
write); the scoring reads whether a case meeting was held; the cooperation rules read
when the last one was called. Each is an ``Event`` member, and the ``EventLog`` records
when each happened and tells its listeners (the MSEL) as it happens.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum


class Event(StrEnum):
    """The events of an exercise; each trigger a scenario's MSEL may name is one of them."""

    first_seizure = "first_seizure"
    first_arrest = "first_arrest"
    notice_accepted = "notice_accepted"
    first_departure = "first_departure"
    case_meeting = "case_meeting"  # the partners have met (the MSEL trigger, the score)
    case_meeting_called = "case_meeting_called"  # the trainee convened one (tuning.case_meeting_interval_days apart)


class EventLog:
    """Each event with the day it happened, in order, and how often; listeners hear them."""

    def __init__(self) -> None:
        self.happened: list[tuple[str, float]] = []  # (event, day), in order
        self.counts: dict[str, int] = {}  # event -> how often it happened
        self.listeners: list[Callable[[str], None]] = []

    def emit(self, name: Event | str, day: float) -> None:
        """Record ``name`` on ``day`` and tell every listener. A plain string is accepted
        (logs of other parts may still name their own events) but an ``Event`` is meant."""
        self.happened.append((name, day))
        self.counts[name] = self.counts.get(name, 0) + 1
        for fn in self.listeners:  # set once, when the MSEL is built
            fn(name)

    def has(self, name: Event | str) -> bool:
        return name in self.counts

    def last_day(self, name: Event | str) -> float | None:
        """The day ``name`` last happened, or None."""
        for n, day in reversed(self.happened):
            if n == name:
                return day
        return None
