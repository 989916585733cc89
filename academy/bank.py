"""The question bank: which questions one attempt at a knowledge check asks.

A module's quiz is a bank of at least twice as many questions as one attempt shows. A
trainee who fails and tries again should meet *new* questions on the same ideas, not the
same five with the answers still in mind: a retry then tests understanding, not memory.

Attempts are dealt like cards. For a trainee and a module, a *round* shuffles the bank
(seeded by trainee, module and round number) and deals it into disjoint hands of
:data:`QUESTIONS_SHOWN`; attempt 0 gets the first hand, attempt 1 the second, and so on.
When the hands are used up the next round reshuffles, and never opens with the hand the
previous round closed with, so two attempts in a row never ask the same set. Scenario
questions are dealt first, so each hand gets its share of them. A hand is shown in the
order the author wrote the bank (basic ideas before cases).

The draw depends only on (trainee, module, attempt number): a page reloaded, or a trainee
who comes back tomorrow to an attempt not yet submitted, sees the same questions, and the
server marks exactly the questions it showed. The language does not enter: question ids
are the same in every language.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Protocol, TypeVar

QUESTIONS_SHOWN = 5  # per attempt; a bank holds at least twice as many (a content test checks)


class Drawable(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def scenario(self) -> bool: ...


Q = TypeVar("Q", bound=Drawable)


def _deal(bank: Sequence[Q], *, seed: str, shown: int) -> list[list[Q]]:
    """One round: the bank shuffled (scenario questions first) and dealt into hands."""
    rng = random.Random(seed)
    cases = [q for q in bank if q.scenario]
    others = [q for q in bank if not q.scenario]
    rng.shuffle(cases)
    rng.shuffle(others)
    deck = cases + others
    hands = len(bank) // shown
    return [deck[h::hands][:shown] for h in range(hands)]


def draw(
    bank: Sequence[Q], *, user_id: int, module_id: str, attempt: int,
    shown: int = QUESTIONS_SHOWN,
) -> tuple[Q, ...]:
    """The questions attempt number ``attempt`` (from 0) asks, in the bank's order.

    A bank no larger than ``shown`` is asked whole.
    """
    if attempt < 0:
        raise ValueError("attempt numbers start at 0")
    if len(bank) <= shown:
        return tuple(bank)
    per_round = len(bank) // shown
    last_round, hand = divmod(attempt, per_round)
    previous: set[str] = set()
    for number in range(last_round + 1):
        hands = _deal(bank, seed=f"{user_id}:{module_id}:{number}", shown=shown)
        if per_round > 1 and {q.id for q in hands[0]} == previous:
            hands = hands[1:] + hands[:1]  # a new round never repeats the hand just played
        previous = {q.id for q in hands[-1]}
    order = {q.id: position for position, q in enumerate(bank)}
    return tuple(sorted(hands[hand], key=lambda q: order[q.id]))
