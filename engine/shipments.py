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
    id: Slug = Field(description="the method's id, named in shipments.concealments")
    label: Text = Field(description="how the goods are hidden, per language (shown in seizure messages)")
    detection_multiplier: Annotated[float, Field(gt=0, le=5, description="multiplier (> 0, at most 5) on a checkpoint's chance of finding a load hidden this way: 0.5 halves it, 2 doubles it (capped at 1)")]


class Shipments(Frozen):
    count: Annotated[int, Field(ge=1, le=60, description="number of shipments the network sends, 1–60")]
    first_day: Days = Field(description="day (from 0) the first shipment leaves; must fall within the exercise")
    interval_days: Triangular = Field(description="days between two departures: a number or {min, mode, max} (triangular); must be positive")
    quantity: Triangular = Field(description="quantity per shipment in the scenario's unit: a number or {min, mode, max} (triangular)")
    routes: Annotated[list[str], Field(min_length=1, description="ids of the routes shipments take (one drawn per shipment)")]
    concealments: Annotated[list[str], Field(min_length=1, description="ids of the concealment methods used (one drawn per shipment)")]
    involves: Annotated[
        list[str], Field(min_length=1, description="groups with one member on each shipment")
    ]
    containerised: bool = Field(True, description="true when loads travel in shipping containers (they get ISO 6346 container numbers in documents)")


class Adaptation(Frozen):
    reroute_after_seizure: bool = Field(True, description="true: after a seizure the network moves to another route")
    reroute_delay_days: Days = Field(3, description="days after a seizure before the network reroutes")
    lie_low_after_arrest_days: Days = Field(14, description="days the network sends nothing after an arrest")
    change_concealment_after_purple: bool = Field(True, description="true: once a Purple Notice exposes a concealment method, the network changes method")
    concealment_change_days: Days = Field(10, description="days after the Purple Notice before the method changes")
    replacement_days: Days = Field(
        21,
        description="days after an arrest before the network has recruited someone to do the "
        "arrested member's job when no other member of the group is free; shipments due to "
        "leave before then are prevented (scenario assumption: a few weeks, after the "
        "resilience of trafficking networks in DOMAIN.md)",
    )
