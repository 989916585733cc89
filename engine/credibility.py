"""How credible a report is, judged against what the case file already holds.

The Admiralty (NATO 6x6) code grades a report twice. The *source's* reliability (A..F) is
the source's own and travels with it. The *information's* credibility (1..6) is judged by
the analyst who receives it, by comparing it with what is already held:

1 confirmed        another independent source already holds one of its facts, and nothing
                   held contradicts it
2 probably true    not confirmed, but consistent with what is held: it speaks of someone
                   or something another source already put in the case file
3 possibly true    nothing held bears on it either way (a first report on a new subject)
4 doubtful         part of it is contradicted by what is held, the rest is unconfirmed
5 improbable       everything in it that can be checked is contradicted by what is held
6 cannot be judged the report both confirms and contradicts what is held (inconsistent),
                   or it comes from a source with no record (reliability F) and nothing
                   held bears on it

"Independent" means another source: a source repeating itself confirms nothing. The
grade is about consistency with the holdings, not about truth — a false lead on a new
subject is "possibly true" like any first report, and a true "nothing on him" about a man
a false lead named is "improbable" until the trainee weighs the sources. The six levels
follow the Admiralty code's published wording; which facts count as checkable and how a
mixed report is graded are this engine's assumptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

# Attributes that identify an entity rather than say something checkable about it.
IDENTITY = frozenset({"name", "country", "holder"})

ClaimKind = Literal["subject", "attr", "link", "absent"]


@dataclass(frozen=True)
class Claim:
    """One thing a report says: an entity exists (``subject``), an entity's attribute has a
    value (``attr``), two entities are linked (``link``), or an entity is not involved in
    anything the source knows of (``absent``)."""

    kind: ClaimKind
    eid: str
    key: str = ""  # attribute name, or the other end of a link
    value: Any = None  # attribute value, or the link's relation


# How a held value is compared: its repr (the builtin itself, called for every attribute
# of every report, rather than a function around it).
_norm = repr


@dataclass
class Holdings:
    """Who said what: the sources behind each entity, attribute value and link held.

    Every report of every run is noted here, but the holdings are only read when a report
    is graded (``status``), which most reports of a run never need: a report is noted as
    it comes (``entity``, ``link``: one append) and the indexes are brought up to date,
    in the order the reports came, when something is graded."""

    entities: dict[str, set[str]] = field(default_factory=dict)
    values: dict[tuple[str, str], dict[str, set[str]]] = field(default_factory=dict)
    links: dict[tuple[frozenset[str], str], set[str]] = field(default_factory=dict)
    linked: dict[str, set[str]] = field(default_factory=dict)  # entity -> sources of its links
    # reports noted and not yet indexed: (eid, attrs, source) or (a, b, relation, source)
    pending: list[tuple[Any, ...]] = field(default_factory=list, repr=False, compare=False)

    def entity(self, eid: str, attrs: dict[str, Any], source: str) -> None:
        """Note a report on ``eid``; ``attrs`` is kept as given (the caller's own copy,
        which nothing changes afterwards)."""
        self.pending.append((eid, attrs, source))

    def link(self, a: str, b: str, relation: str, source: str) -> None:
        self.pending.append((a, b, relation, source))

    def settle(self) -> None:
        """Index every report noted since the last grading, in the order they came."""
        if not self.pending:
            return
        entities, values, links, linked = self.entities, self.values, self.links, self.linked
        for noted in self.pending:
            if len(noted) == 3:
                eid, attrs, source = noted
                _add(entities, eid, source)
                # A new set or dict only where none is held yet (``setdefault`` would
                # make one on every call).
                for key, value in attrs.items():
                    if key not in IDENTITY:
                        by_value = values.get((eid, key))
                        if by_value is None:
                            values[eid, key] = {_norm(value): {source}}
                        else:
                            _add(by_value, _norm(value), source)
            else:
                a, b, relation, source = noted
                # A link reported as (a, b) by one source and (b, a) by another is the
                # same link.
                _add(links, (frozenset((a, b)), relation), source)
                _add(linked, a, source)
                _add(linked, b, source)
        self.pending.clear()

    def status(self, claim: Claim, source: str) -> str:
        """``C`` confirmed by another source, ``X`` contradicted by another source, ``K``
        consistent (about something another source holds), ``N`` nothing held bears on it."""

        self.settle()

        def other(sources: set[str] | None) -> bool:
            return bool(sources and sources - {source})

        known = other(self.entities.get(claim.eid))
        if claim.kind == "link":
            if other(self.links.get((frozenset((claim.eid, claim.key)), claim.value))):
                return "C"
            return "K" if known or other(self.entities.get(claim.key)) else "N"
        if claim.kind == "attr" and claim.key not in IDENTITY:
            held = self.values.get((claim.eid, claim.key), {})
            if other(held.get(_norm(claim.value))):
                return "C"
            if any(other(s) for v, s in held.items() if v != _norm(claim.value)):
                return "X"
        if claim.kind == "absent" and other(self.linked.get(claim.eid)):
            return "X"
        return "K" if known else "N"


def _add(sources: dict[Any, set[str]], key: Any, source: str) -> None:
    """``sources[key].add(source)``, the set made on first use."""
    held = sources.get(key)
    if held is None:
        sources[key] = {source}
    else:
        held.add(source)


def credibility(held: Holdings, claims: list[Claim], source: str, reliability: str) -> int:
    """The credibility (1..6) of a report from ``source`` making ``claims`` (rules above)."""
    seen = {held.status(c, source) for c in claims}
    if "X" in seen:
        if "C" in seen:
            return 6  # inconsistent: confirms part of the holdings, contradicts another
        return 5 if seen == {"X"} else 4
    if "C" in seen:
        return 1
    if "K" in seen:
        return 2
    return 6 if reliability == "F" else 3
