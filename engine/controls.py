"""The controls partners agreed to run: inspections of a place and seizures of a load.

Each is a window at one place; an inspection controls everything passing (``shipment``
None), a seizure looks for one consignment the partner was told about. ``engine.interdiction``
asks which windows are open where a load arrives; the trainee's agenda shows when each
opens and closes. The part is a list (code that iterates ``sim.controls`` keeps working)
with the questions asked of it.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.interdiction import Control


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
