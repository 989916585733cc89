"""Bot trainees, to calibrate a scenario before a workshop.

Three players an instructor can compare a scenario against: ``random`` (clicks about),
``heuristic`` (a sensible analyst who only uses what the view shows: grades intelligence,
seizes shipments it hears of, gets warrants on well-linked suspects, publishes Purple
Notices on concealments it has seen) and ``oracle`` (reads the ground truth: knows when and
where each load passes and who the brokers are — still bound by the same rules and
resources). A scenario is well calibrated when oracle > heuristic > random.
"""

from __future__ import annotations

import random

from engine import actions as A
from engine.analyst import CONTROL_KINDS, HeuristicBot, _src
from engine.exercise import Exercise, Overrides
from engine.oracle import OracleBot
from engine.scenario import Scenario
from engine.world import FakerPool

__all__ = [
    "CONTROL_KINDS",
    "POLICIES",
    "HeuristicBot",
    "OracleBot",
    "RandomBot",
    "_src",
    "run_policy",
]


class RandomBot:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"{seed}:policy:random")

    def step(self, ex: Exercise) -> None:
        r, v = self.rng, ex.view()
        if r.random() > 0.35:
            return
        acts = v.actions
        people = [e.id for e in v.entities if e.type == "person"]
        choice = r.randrange(8)
        if choice == 0 and (acts.targets or acts.locations):
            src = r.choice(acts.sources)
            ex.apply(A.RequestIntel(source=src.id, target=r.choice(acts.targets + acts.locations)))
        elif choice == 1 and people:
            ex.apply(A.RequestWarrant(subject=r.choice(people)))
        elif choice == 2 and people:
            colour, purpose = (
                r.choice(["red", "blue", "green", "silver"]),
                r.choice(["arrest", "locate", "warn", "assets"]),
            )
            ex.apply(A.RequestNotice(colour=colour, subject=r.choice(people), purpose=purpose))
        elif choice == 3:
            ex.apply(
                A.Inspection(
                    location=r.choice(acts.locations), start_day=v.day, days=r.choice([3, 7, 14])
                )
            )
        elif choice == 4 and acts.shipments:
            ex.apply(
                A.Seizure(
                    shipment=r.choice(acts.shipments),
                    location=r.choice(acts.locations),
                    start_day=v.day,
                )
            )
        elif choice == 5 and people:
            ex.apply(A.Arrest(subject=r.choice(people)))
        elif choice == 6 and acts.partner_countries:
            ex.apply(A.ShareIntel(country=r.choice(acts.partner_countries)))
        elif choice == 7 and acts.shipments:
            ex.apply(A.ControlledDelivery(shipment=r.choice(acts.shipments)))


POLICIES = {"random": RandomBot, "heuristic": HeuristicBot, "oracle": OracleBot}


def run_policy(
    scenario: Scenario,
    seed: int,
    policy: str,
    overrides: Overrides | None = None,
    fakers: FakerPool | None = None,
) -> Exercise:
    """Play a whole exercise with a bot, one simulated day at a time."""
    bot = POLICIES[policy](seed)
    ex = Exercise(scenario, seed, overrides, fakers=fakers)
    while not ex.finished:
        bot.step(ex)
        ex.apply(A.Advance(days=1))
    return ex


def score_batch(job: tuple[Scenario, str, range]) -> list[float]:
    """Scores of one policy over a batch of seeds (a calibration worker's unit of work).

    The parsed scenario travels with the batch (no re-parsing), and one Faker pool serves
    the whole batch: building Faker instances costs more than a whole run.
    """
    scenario, policy, seeds = job
    fakers = FakerPool()
    return [run_policy(scenario, seed, policy, fakers=fakers).score() for seed in seeds]


def rated_batch(job: tuple[Scenario, str, range]) -> list[tuple[float, dict[str, str]]]:
    """Score and objective ratings of one policy over a batch of seeds (``score_batch``
    with what the author's guide asks of each objective)."""
    scenario, policy, seeds = job
    fakers = FakerPool()
    return [(ex.score(), ex.ratings()) for ex in
            (run_policy(scenario, seed, policy, fakers=fakers) for seed in seeds)]
