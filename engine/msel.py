"""The Master Scenario Events List: injects that drive play.

HSEEP-style: each inject has a time (``at_day``) or a trigger (first seizure, first
arrest, a notice accepted, ...), a message, the action it expects and the objective it
serves. When the expected action has not happened within ``contingency.after_days``, the
contingency inject steers play back. Injects may also name people (a tip-off): one member
of each listed group enters the trainee's case file. Instructors can fire an inject by id
at any time (``InstructorInject``), which is logged like any other action. An inject is
not graded by the engine: it carries the Admiralty grade its author wrote (``grade``,
B2 when none is written); an instructor's free message carries the instructor's (A1 when
none is chosen), because the author, not the engine, knows how far the tip is to be trusted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine import messages as M
from engine.injects import fill
from engine.intel import person_attrs
from engine.messages import localized
from engine.scenario import Inject

if TYPE_CHECKING:
    from engine.simulation import Simulation


class Msel:
    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.delivered: set[str] = set()
        self.named: dict[str, dict[str, str]] = {}  # inject id -> group -> name revealed
        self.by_id = {inj.id: inj for inj in sim.scenario.msel}
        self.by_trigger: dict[str, list[Inject]] = {}  # event name -> its injects, in MSEL order
        for inj in sim.scenario.msel:
            if inj.at_day is not None:
                sim.later(inj.at_day, lambda inj=inj: self.deliver(inj))
            if inj.trigger is not None:
                self.by_trigger.setdefault(inj.trigger.value, []).append(inj)
        if self.by_trigger:
            sim.listeners.append(self._on_event)

    def _on_event(self, name: str) -> None:
        for inj in self.by_trigger.get(name, ()):
            if inj.id not in self.delivered:
                self.deliver(inj)

    def deliver(self, inj: Inject, forced: bool = False, sides: list[str] | None = None) -> None:
        """Deliver an inject to every side of the exercise (each team's country and the
        home country; ``sides``: only those), each naming from what its own file lacks."""
        if inj.id in self.delivered and not forced:
            return
        sim, t = self.sim, self.sim.env.now
        self.delivered.add(inj.id)
        if sides is None:  # the team it names (the home file while none plays it), or all
            sides = (list(sim.knowledge_of) if inj.team is None
                     else [inj.team if inj.team in sim.knowledge_of else sim.home])
        for i, side in enumerate(sides):
            with sim.acting_as(side):
                names = {}  # revealed first, so the message can name them
                for group in inj.reveals:
                    m = reveal_member(sim, group, inj.source, f"msel:{inj.id}", inj.grade)
                    if m is not None:
                        names[group] = sim.world.entities[m].label
                if i == 0:
                    self.named[inj.id] = names
                text = self._text(inj, "inject.msel", inj.message, names)
                sim.knowledge.item(t, inj.source, inj.grade, "inject.msel", text, "inject")
        if inj.contingency is not None and inj.expected_action is not None:
            with sim.acting_as(sim.home):  # checked for the sides it went to, not for one
                sim.later(inj.contingency.after_days, lambda: self._check(inj, t, sides))

    def _check(self, inj: Inject, since: float, sides: list[str]) -> None:
        """The contingency, to each side that has not done what the inject expected."""
        sim = self.sim
        for side in sides:
            with sim.acting_as(side):
                self._check_side(inj, since)

    def _check_side(self, inj: Inject, since: float) -> None:
        decisions = self.sim.decisions
        done = bool(decisions) and any(
            d.accepted and d.kind == inj.expected_action and d.t >= since - 1e-9
            for d in decisions
        )
        if not done and inj.contingency is not None:
            names = self.named.get(inj.id, {})
            text = self._text(inj, "inject.contingency", inj.contingency.message, names)
            self.sim.knowledge.item(
                self.sim.env.now, inj.source, inj.grade, "inject.contingency", text, "inject"
            )

    def _text(self, inj: Inject, code: str, texts: dict[str, str],
              names: dict[str, str]) -> dict[str, Any]:
        """An inject's item params: its texts in every language (the names it reveals put in
        their places; a contingency adds none after its text) and the sender as filed. Each
        item has its own params; an inject that names nobody is worded once per loaded
        scenario (``Inject.said``), each item a copy."""
        if not names:
            return dict(inj.said[code])
        append = code == "inject.msel"
        said = localized("text", {k: fill(v, names, append) for k, v in texts.items()})
        return M.filed_by(inj.source, said)


def reveal_member(
    sim: Simulation, group: str, source: str, salt: str, grade: str = "B2"
) -> str | None:
    """Name one (not yet known, if possible) member of a group to the trainee, with the
    grade its author (or the engine's default, B2) gave the tip-off."""
    members = sim.world.by_group(group)
    if not members:
        return None
    unknown = [m for m in members if m not in sim.knowledge.entities] or members
    # A stream of its own, used for this one choice: with one candidate nothing to draw.
    m = unknown[0] if len(unknown) == 1 else sim.pick(unknown, "reveal", salt, group)
    ent = sim.world.entities[m]
    sim.knowledge.learn(m, ent.type, ent.label, person_attrs(ent), sim.env.now, source, grade)
    # Engine assumption: a tip-off counts as weak evidence (C3) whatever grade it carries;
    # the prosecutor wants it corroborated before it weighs like a confirmed report.
    sim.knowledge.support(m, "C3")
    return m
