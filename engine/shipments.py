"""What the network moves and how it hides it, and how it adapts when hurt.

Shipments follow a schedule (first day, interval, quantity) along the scenario's routes,
handled by one member of each involved group, hidden by one of the concealment methods,
each with its own detection multiplier. The adaptation rules are the network's answer to
the trainee: reroute after a seizure, lie low after an arrest, change concealment once a
Purple Notice exposes the method.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from engine.fields import Days, Frozen, Slug, Text, Triangular


class Concealment(Frozen):
    id: Slug
    label: Text
    detection_multiplier: Annotated[float, Field(gt=0, le=5)]


class Shipments(Frozen):
    count: Annotated[int, Field(ge=1, le=60)]
    first_day: Days
    interval_days: Triangular
    quantity: Triangular
    routes: Annotated[list[str], Field(min_length=1)]
    concealments: Annotated[list[str], Field(min_length=1)]
    involves: Annotated[
        list[str], Field(min_length=1, description="groups with one member on each shipment")
    ]
    containerised: bool = True


class Adaptation(Frozen):
    reroute_after_seizure: bool = True
    reroute_delay_days: Days = 3
    lie_low_after_arrest_days: Days = 14
    change_concealment_after_purple: bool = True
    concealment_change_days: Days = 10
    replacement_days: Days = Field(
        21,
        description="days after an arrest before the network has recruited someone to do the "
        "arrested member's job when no other member of the group is free; shipments due to "
        "leave before then are prevented (scenario assumption: a few weeks, after the "
        "resilience of trafficking networks in DOMAIN.md)",
    )
