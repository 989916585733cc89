"""The case file: what a prosecutor could put before a court, person by person.

Intelligence is not evidence. A graded report helps a warrant (``Knowledge.evidence``); a
court wants exhibits — a seizure linked to the accused, a forensic result, a phone's
contents, a money trail — each with a chain of custody that was kept or broken. The
engine files an exhibit whenever the trainee's work produces one; prosecution
(``engine.prosecution``) weighs them when an arrested person is tried.

Exhibits are facts of the exercise, derived like everything else by replaying its log,
so the debrief can say which exhibit made (or failed to make) each case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ExhibitKind(StrEnum):
    report = "report"  # graded intelligence naming the person (weight from its grade)
    seizure = "seizure"  # goods seized in a shipment the person handled
    forensic = "forensic"  # laboratory result tying goods/seizures to the person or a route
    phone = "phone"  # contents of a seized phone (contacts, messages)
    financial = "financial"  # FIU report, traced assets, frozen accounts
    witness = "witness"  # a cooperating co-accused or an officer's testimony


@dataclass(frozen=True, init=False)
class Exhibit:
    """One piece of evidence against ``member`` (a world entity id)."""

    member: str
    kind: ExhibitKind
    weight: float  # the prosecutor's weight: 0.25 (weak) .. 1.0 (strong)
    day: float
    ref: str  # what produced it: an inbox item, a shipment or a request id
    custody_kept: bool = True  # False: seized or handled without the legal steps

    def __init__(self, member: str, kind: ExhibitKind, weight: float, day: float, ref: str,
                 custody_kept: bool = True) -> None:
        # Made at every charge and verdict of every run: one update of the instance's dict
        # instead of the six ``object.__setattr__`` calls a frozen dataclass's __init__ makes.
        self.__dict__.update(member=member, kind=kind, weight=weight, day=day, ref=ref,
                             custody_kept=custody_kept)


@dataclass
class CaseFile:
    """Every exhibit gathered in one exercise, in the order it was filed."""

    exhibits: list[Exhibit] = field(default_factory=list)

    def add(
        self,
        member: str,
        kind: ExhibitKind,
        weight: float,
        day: float,
        ref: str,
        custody_kept: bool = True,
    ) -> Exhibit:
        ex = Exhibit(member, ExhibitKind(kind), float(weight), round(day, 3), ref, custody_kept)
        self.exhibits.append(ex)
        return ex

    def file(self, exhibit: Exhibit) -> None:
        """File an exhibit made elsewhere as it is (its weight a float, its day rounded to
        3 decimals, as ``add`` makes them): a prosecutor's candidates (``engine.prosecution``)."""
        self.exhibits.append(exhibit)

    def on(self, member: str) -> list[Exhibit]:
        return [e for e in self.exhibits if e.member == member]

    def weight(self, member: str, *, usable_only: bool = True) -> float:
        """Sum of the weights on ``member``; exhibits with a broken chain count for nothing
        unless ``usable_only`` is False."""
        return sum(
            e.weight for e in self.exhibits
            if e.member == member and (e.custody_kept or not usable_only)
        )
