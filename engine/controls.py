"""The controls partners agreed to run: inspections of a place and seizures of a load.

Each is a window at one place; an inspection controls everything passing (``shipment``
None), a seizure looks for one consignment the partner was told about. ``engine.interdiction``
asks which windows are open where a load arrives; the trainee's agenda shows when each
opens and closes. A window that closes without a find is reported by the team that ran it
(``report_when_closed``), so an agreed control is never left without an answer. The part
is a list (code that iterates ``sim.controls`` keeps working) with the questions asked of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from engine.interdiction import Control
from engine.messages import Message

if TYPE_CHECKING:
    from engine.simulation import Simulation


class Controls(list[Control]):
    """The agreed control windows, in the order they were agreed."""

    def open(self, location: str, start: float, end: float, shipment: str | None,
             side: str | None = None) -> Control:
        c = Control(location, start, end, shipment, side)
        self.append(c)
        return c

    def at(self, location: str, t: float) -> Iterator[Control]:
        """The windows open at ``location`` on day ``t`` (both ends included)."""
        for c in self:
            if c.location == location and c.start <= t <= c.end:
                yield c


def report_when_closed(sim: Simulation, c: Control, by: Message, code: str,
                       params: Callable[[], dict[str, Any]]) -> None:
    """When ``c``'s window closes without a find, the team that ran it says so (``code``,
    from sender ``by``), as a real control team would: the window ended and nothing was
    found, or the shipment it watched for was not encountered. Never whether or when the
    load passed: that is the debrief's to tell (``engine.fates``). A find was reported when
    it was made (a seizure, or a load left to run under a controlled delivery)."""
    if c.end <= c.start:
        return

    def closed() -> None:
        if not c.found:
            sim.knowledge.item(sim.env.now, by, "B2", code, params(), "partner")

    sim.later(c.end - sim.env.now, closed)

