"""The engine's tuning constants, as data a scenario may change.

How much a targeted control raises the chance of a find, how much a Purple or Green Notice
helps, what share of finds a corrupt official waves through and how often one tips the
network off about a planned control, how much a shared case file or a case meeting raises a
partner's willingness to act: these are engine assumptions, not facts of a scenario's
world. They used to be module constants; they now live in an optional ``tuning:`` section
whose defaults are those constants, so a scenario that says nothing plays as before and an
author who knows better (a port with a notoriously leaky customs service, say) can say so.

None of these figures is a published rate: each is the engine's assumption, chosen so the
shipped scenarios calibrate (oracle > heuristic > random). The authoring guide is
generated from the field descriptions below.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from engine.fields import Days, Frozen, Probability

Boost = Annotated[float, Field(ge=1.0, le=5.0)]


class Tuning(Frozen):
    """Engine assumptions a scenario may tune; every default is the engine's own value."""

    inspection_p: Probability = Field(
        0.45,
        description=(
            "probability (0-1) that an inspection a partner agreed to run finds a load passing"
            " its place during the window, before concealment and difficulty multipliers"
        ),
    )
    seizure_p: Probability = Field(
        0.9,
        description=(
            "probability (0-1) that a seizure aimed at one known shipment finds it when it"
            " passes the place during the window, before concealment and difficulty multipliers"
        ),
    )
    purple_boost: Boost = Field(
        1.8,
        description=(
            "multiplier (1-5) on a routine or targeted control's chance of a find once a"
            " Purple Notice describes the concealment method in use (every country knows it)"
        ),
    )
    green_boost: Boost = Field(
        1.5,
        description=(
            "multiplier (1-5) on a control's chance of a find when the load's courier or"
            " transporter is the subject of a Green Notice (secondary inspection at borders)"
        ),
    )
    corruption_share: Probability = Field(
        0.7,
        description=(
            "share (0-1) of routine finds at their post that a corrupt official waves"
            " through; a corrupt_official group's own 'corruption' overrides it; 0: harmless"
        ),
    )
    leak_probability: Probability = Field(
        0.3,
        description=(
            "probability (0-1) that a corrupt official at a place tips the network off about"
            " a control a partner agreed to run there; tipped off, the network holds back"
            " loads that would pass during the window; a group's own 'leak' overrides it"
        ),
    )
    trust_per_gesture: Annotated[float, Field(ge=0.0, le=1.0)] = Field(
        0.15,
        description=(
            "probability points (0-1) added to a partner's probability of acting (capped at"
            " 1) for each case file shared with it and each case meeting it attended"
        ),
    )
    case_meeting_interval_days: Days = Field(
        30.0,
        description="days: the least time between two regional case meetings",
    )
    alternate_route_share: Probability = Field(
        0.15,
        description=(
            "share (0-1) of shipments that take the next route in shipments.routes instead"
            " of the network's current one (when there is more than one)"
        ),
    )
    alternate_concealment_share: Probability = Field(
        0.15,
        description=(
            "share (0-1) of shipments hidden by the next method in shipments.concealments"
            " instead of the network's current one (when there is more than one)"
        ),
    )
