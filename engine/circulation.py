"""Where a notice or a diffusion takes effect.

A notice, once the General Secretariat publishes it, is circulated to every INTERPOL
member: their border and customs officers see it. A diffusion goes from one NCB to the
member countries it addresses and nowhere else. A country outside INTERPOL
(``Country.interpol_member: false``) has no NCB and sees neither (INTERPOL Constitution,
Art. 32: each member appoints an NCB as its link to the Organization).

Interdiction asks this at every border a flagged traveller crosses and at every control
a load meets, so it stays a couple of dictionary look-ups.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.simulation import Simulation


def in_force(sim: Simulation, colour: str, subject: str | None, country: str) -> bool:
    """Whether a ``colour`` notice or diffusion on ``subject`` reaches officers in ``country``."""
    if (colour, subject) in sim.notices and country not in sim.non_members:
        return True
    reach = sim.diffusions.get((colour, subject or ""))
    return reach is not None and country in reach
