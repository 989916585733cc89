"""The facade the platform talks to: one trainee's exercise.

``Exercise(scenario, seed)`` builds the world and starts the network moving; the trainee
acts with ``apply(action)``, sees only ``view()`` during play and gets ``debrief()`` after.
An exercise *is* ``(scenario, seed, overrides, log)``: every action (refused ones too, so
the debrief shows them) is logged with its simulated time, and ``Exercise.from_log``
replays the log to the same state, knowledge and score — this is how the platform
survives a restart and how instructors review a team's play.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engine import actions as A
from engine.action_day import Planned, at_dawn
from engine.agenda import agenda
from engine.fates import shipment_records
from engine.joint import CONTROL, Actor, ControlView, TeamRequest, control_view
from engine.joint_debrief import JointDebrief, joint_debrief
from engine.joint_rules import answer_request, check, team_joins
from engine.laboratory import analyses
from engine.meetings import Meeting, MeetingReview, review
from engine.messages import localized, sender
from engine.msel import Msel, reveal_member
from engine.operations import HANDLERS
from engine.prosecution import case_records
from engine.records import (
    ActionsInfo,
    AgendaItem,
    Debrief,
    DecisionRecord,
    KnownLocation,
    MemberRecord,
    Outcome,
    SourceInfo,
    TraineeView,
)
from engine.scenario import Scenario
from engine.scoring import components, measures, missed_opportunities, ratings, total
from engine.simulation import Simulation
from engine.tariff import Quote, quote
from engine.world import FakerPool, build_world

QUIET = ("advance", "advance_to_next_event")


def _before_the_agenda(action: Any) -> bool:
    """A stored "advance to the next event" written before it learnt to stop at the trainee's
    known events: every one written since carries ``confirm_end``."""
    return (isinstance(action, dict) and action.get("kind") == "advance_to_next_event"
            and "confirm_end" not in action)


class Overrides(BaseModel):
    """Instructor difficulty knobs, multipliers on the scenario's values."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    detection: float = Field(1.0, ge=0, le=5)
    corruption: float = Field(
        1.0, ge=0, le=5,
        description="multiplier on each corrupt official's share of finds waved through and"
        " on its chance of tipping off the network (each capped at 1); 0: officials are harmless",
    )
    shipment_rate: float = Field(1.0, ge=0.1, le=5)
    resources: float = Field(1.0, ge=0, le=5)


class Exercise:
    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        overrides: Overrides | None = None,
        *,
        fakers: FakerPool | None = None,
    ) -> None:
        """``fakers``: a pool to reuse when building many exercises in a row (calibration)."""
        self.scenario, self.seed = scenario, int(seed)
        self.overrides = overrides or Overrides()
        self.world = build_world(scenario, self.seed, self.overrides.shipment_rate, pool=fakers)
        self.sim = Simulation(scenario, self.world, self.seed, self.overrides)
        self.msel = Msel(self.sim)
        self._log: list[dict[str, Any]] = []
        self.control_decisions: list[DecisionRecord] = []  # the control cell's actions
        for group in scenario.known_at_start:
            reveal_member(self.sim, group, "Case file", "start")
        briefing = localized("text", scenario.briefing, strip=True)
        self.sim.knowledge.item(
            0.0, sender("coordinator"), "A1", "system.briefing", briefing, "system"
        )

    # --- play ----------------------------------------------------------------------------
    @property
    def day(self) -> float:
        return self.sim.env.now

    @property
    def finished(self) -> bool:
        return self.sim.env.now >= self.scenario.duration_days - 1e-9

    @property
    def log(self) -> list[dict[str, Any]]:
        return [dict(e) for e in self._log]

    def apply(self, action: A.Action | dict[str, Any], actor: Actor | None = None) -> Outcome:
        """Validate and carry out one action; refused actions change nothing but are logged.

        ``actor``: who took it (a joint operation, ``engine.joint``); recorded in the log
        entry only when given. A team's action acts for the country it plays."""
        t = round(self.sim.env.now, 6)
        who = {"actor": actor.model_dump()} if actor is not None else {}
        try:
            act = A.parse_action(action)
        except ValidationError as exc:
            raw = action if isinstance(action, dict) else {}
            self._log.append({"t": t, "action": raw, **who})
            first = exc.errors(include_url=False)[0]
            where = ".".join(map(str, first["loc"]))
            out = Outcome(False, "action.invalid", f"invalid action: {where}: {first['msg']}", {})
            with self.sim.acting_as(self._side(actor)):
                self._decide(t, str(raw.get("kind", "?")), "invalid action", raw.get("rationale"),
                             out, actor=actor)
            return out
        dumped = act.model_dump(mode="json")
        for name in A.LATER_FIELDS.get(act.kind, ()):
            if dumped.get(name) is None:
                del dumped[name]
        self._log.append({"t": t, "action": dumped, **who})
        sim = self.sim
        with sim.acting_as(self._side(actor)):
            sim.asking_message = act.rationale
            try:
                out = check(self, act, actor) or self._dispatch(act, actor)
            finally:
                sim.asking_message = None
            if act.kind not in QUIET:
                self._decide(t, act.kind, A.describe(dumped), act.rationale, out,
                             {k: v for k, v in dumped.items() if k not in ("kind", "rationale")},
                             actor=actor)
        return out

    def _side(self, actor: Actor | None) -> str:
        """The country an actor acts for: its team's, else the home country."""
        team = actor.team if actor is not None else None
        return team if team is not None and team in self.sim.played else self.sim.home

    def _decide(self, t: float, kind: str, summary: str, rationale: Any, out: Outcome,
                params: dict[str, Any] | None = None, actor: Actor | None = None) -> None:
        rationale = rationale if isinstance(rationale, str) else None
        record = DecisionRecord(t, kind, summary, rationale, out.accepted, out.code, params or {},
                                dict(out.params))
        if actor is not None and (actor.role == CONTROL or (
                actor.team is not None and actor.team not in self.sim.played)):
            self.control_decisions.append(record)  # the control cell's, or no team's yet
        else:
            self.sim.decisions.append(record)

    def _dispatch(self, act: Any, actor: Actor | None = None) -> Outcome:
        if self.finished:
            return Outcome(False, "exercise.finished", "the exercise has ended", {})
        end = self.scenario.duration_days
        if act.kind == "advance":
            day = min(self.sim.env.now + act.days, end)
            self.sim.run_until(day, inclusive=day < end)  # what is due on the day has come
            if self.sim.played:  # a coordinated action day today acts as the day begins
                at_dawn(self.sim)
            return Outcome(
                True, "time.advanced", f"Time has moved on: it is now day {self.sim.env.now:.1f}.",
                {"day": self.sim.env.now},
            )
        if act.kind == "advance_to_next_event":
            return self._next_event(act)
        if act.kind == "instructor_inject":
            return self._inject(act)
        if act.kind == "team_joins":
            out = team_joins(self.sim, act)
            if out.accepted:  # the new team reads the briefing, told its own country
                home = act.country == self.sim.home
                self.sim.knowledge_of[act.country].item(
                    self.sim.env.now, sender("coordinator"), "A1",
                    "system.team_briefing_home" if home else "system.team_briefing",
                    {"country": act.country, "home": self.sim.home,
                     **localized("text", self.scenario.briefing, strip=True)}, "system")
            return out
        if act.kind == "answer_request":
            return answer_request(self.sim, act, actor)
        return HANDLERS[act.kind](self.sim, act)

    def _next_event(self, act: A.AdvanceToNextEvent) -> Outcome:
        sim = self.sim
        sides = list(sim.knowledge_of) if sim.played else [sim.acting]
        nxt = self.next_event()
        for side in sides if sim.played else ():  # the control cell's clock stops at any
            with sim.acting_as(side):  # team's next event
                theirs = self.next_event()
            if theirs.day < nxt.day:
                nxt = theirs
        if nxt.code == "agenda.end" and not act.confirm_end:
            return Outcome(
                False, "time.confirm_end",
                "nothing more is expected before the end: this would end the exercise",
                {"day": nxt.day},
            )
        if len(sides) == 1:
            inbox = sim.knowledge.inbox
            n = len(inbox)
            stop = lambda: len(inbox) > n  # noqa: E731
        else:
            files = [sim.knowledge_of[s].inbox for s in sides]
            n = sum(map(len, files))
            stop = lambda: sum(map(len, files)) > n  # noqa: E731
        sim.run_until(
            nxt.day,
            stop=stop,
            inclusive=nxt.code != "agenda.end",  # the end itself runs as an advance does
        )
        return Outcome(
            True, "time.advanced", f"Time has moved on: it is now day {sim.env.now:.1f}.",
            {"day": sim.env.now},
        )

    def _inject(self, act: A.InstructorInject) -> Outcome:
        sim = self.sim
        if act.team is not None and act.team not in sim.knowledge_of:
            return Outcome(False, "inject.unknown_team", f"no team plays {act.team}",
                           {"country": act.team})
        sides = [act.team] if act.team is not None else list(sim.knowledge_of)
        if act.event is not None:
            inj = self.msel.by_id.get(act.event)
            if inj is None:
                return Outcome(False, "inject.unknown_event", f"no MSEL inject '{act.event}'", {})
            self.msel.deliver(inj, forced=True, sides=[act.team] if act.team else None)
        elif act.message.strip():
            for side in sides:
                sim.knowledge_of[side].item(
                    sim.env.now,
                    sender("instructor"),
                    act.grade,
                    "inject.instructor",
                    {"text": act.message.strip()},
                    "inject",
                )
        else:
            return Outcome(False, "inject.empty", "an inject needs a message or an event id", {})
        return Outcome(True, "inject.delivered", "inject delivered", {})

    @classmethod
    def from_log(
        cls,
        scenario: Scenario,
        seed: int,
        log: list[dict[str, Any]],
        overrides: Overrides | None = None,
    ) -> Exercise:
        ex = cls(scenario, seed, overrides)
        for i, entry in enumerate(log):
            action = entry["action"]
            if _before_the_agenda(action):
                ex._old_next_event(action, log[i + 1]["t"] if i + 1 < len(log) else None)
            else:
                who = entry.get("actor")
                ex.apply(action, Actor.model_validate(who) if who is not None else None)
        return ex

    def _old_next_event(self, action: dict[str, Any], until: float | None) -> None:
        """Replay an "advance to the next event" stored before the trainee's agenda existed:
        it ran to the next news or the end, and the stored log says where it stopped (the next
        entry's day), so the exercise replays to the times it recorded instead of stopping at
        today's agenda events. The last such entry runs as it did then: to the next news."""
        self._log.append({"t": round(self.sim.env.now, 6), "action": dict(action)})
        if self.finished:
            return
        end, inbox = self.scenario.duration_days, self.sim.knowledge.inbox
        n = len(inbox)
        if until is None or until >= end:
            self.sim.run_until(end, stop=lambda: len(inbox) > n)
            return
        bound = until + 1e-6  # stored days are rounded to six decimals
        self.sim.run_until(bound, inclusive=True,
                           stop=lambda: self.sim.env.now >= until - 1e-6 and len(inbox) > n)

    # --- what the trainee sees -----------------------------------------------------------
    def agenda(self, team: str | None = None) -> list[AgendaItem]:
        """What the trainee (``team``'s country) knows is coming, soonest first; the end of
        the exercise last."""
        if team is None:
            return agenda(self.sim)
        with self.sim.acting_as(team):
            return agenda(self.sim)

    def next_event(self) -> AgendaItem:
        """Where "advance to the next event" stops at the latest (news may stop it sooner)."""
        return self.agenda()[0]

    def quote(self, action: dict[str, Any], team: str | None = None) -> Quote:
        """What ``action`` would cost and how long its answer would take (engine.tariff)."""
        with self.sim.acting_as(team or self.sim.acting):
            return quote(self.sim, action)

    def _static(self) -> dict[str, Any]:
        """The parts of the view the scenario fixes, read once (views are asked for daily)."""
        st = self.__dict__.get("_static_view")
        if st is None:
            s = self.scenario
            st = self.__dict__["_static_view"] = {
                "sources": [
                    (
                        x.id,
                        x.label["en"],
                        x.cost,
                        round(x.delay_days.mode, 2),
                        x.reliability,
                        [t.value for t in x.targets],
                    )
                    for x in s.intel_sources
                ],
                "partners": [c.code for c in s.countries if c.code != s.home_country],
                "location_ids": [loc.id for loc in s.locations],
                "locations": [
                    KnownLocation(x.id, x.name_en, x.country, x.kind.value, x.lat, x.lon,
                                  x.names)
                    for x in s.locations
                ],
                "teams": int(s.resources.inspection_teams * self.overrides.resources),
                "analyses": [(a.id, dict(a.label), a.examines.value) for a in analyses(s)],
            }
        return st

    # --- the joint operation (engine.joint) ---------------------------------------------
    @property
    def teams(self) -> list[str]:
        """The countries teams play, in the order they joined."""
        return list(self.sim.played)

    def requests(self, team: str | None = None) -> list[TeamRequest]:
        """The requests between teams sent by or to ``team``'s country (None: home's)."""
        side = team or self.sim.home
        return [r.public() for r in self.sim.team_requests if side in (r.from_country,
                                                                       r.to_country)]

    def meetings(self, team: str | None = None) -> list[Meeting]:
        """The regional case meetings ``team``'s country sits in (None: every meeting, for
        the control cell); copies. A participant sees the whole table (it sits at it)."""
        return [m.copy() for m in self.sim.meetings if team is None or team in m.countries]

    def action_plan(self, team: str | None = None) -> list[Planned]:
        """The arrests and seizures ``team`` scheduled (None: every team's, control cell)."""
        return [dataclasses.replace(p) for p in self.sim.action_plan
                if team is None or p.country == team]

    @property
    def action_day(self) -> float | None:
        """The operation's coordinated action day, once the control cell has set it."""
        return self.sim.action_day

    def meeting_review(self) -> list[MeetingReview]:
        """Each closed meeting's target list beside the real network (debrief only)."""
        return review(self.sim)
    def joint_debrief(self, simulated: tuple[str, ...] | list[str] = ()) -> JointDebrief:
        """The whole operation's debrief (``engine.joint_debrief``): each team's and the joint
        rating, missed connections, the information-flow timeline (never during play);
        ``simulated``: the teams' countries nobody played."""
        return joint_debrief(self.sim, self.scenario.id, self.seed, simulated)

    def news(self, team: str) -> tuple[Any, ...]:
        """A cheap digest of what ``team``'s desk shows (day, its file, budget, decisions,
        requests, meetings, plan): it changes when the desk must redraw, and only then —
        the platform's desks poll it instead of the log's length, so one team's action
        that changes nothing for another redraws no desk of that other team."""
        sim = self.sim
        k = sim.knowledge_of.get(team)
        if k is None:
            return ()
        return (
            round(sim.env.now, 6), len(k.inbox), len(k.links), len(k.movements),
            len(k.notices), sum(len(e.attributes) + 1 for e in k.entities.values()),
            len(sim.decisions_of[team]), round(sim.funds_of[team].left, 6),
            tuple((r.id, r.status) for r in sim.team_requests
                  if team in (r.from_country, r.to_country)),
            tuple((m.id, m.status, sum(len(x.entities) + len(x.links) + len(x.items)
                                       for x in m.tabled.values()),
                   tuple((x.target, x.owner) for x in m.targets))  # a target withdrawn and
                  for m in sim.meetings if team in m.countries),  # owned again: redraw
            tuple((p.id, p.status, p.day) for p in sim.action_plan if p.country == team),
            sim.action_day,
        )

    def control_view(self) -> ControlView:
        """The control cell's omniscient summary (never for a team's screen)."""
        return control_view(self.sim)

    def view(self, team: str | None = None) -> TraineeView:
        """What ``team``'s country knows (None: the home country, single play)."""
        side = team or self.sim.home
        if side not in self.sim.knowledge_of:
            raise KeyError(f"no team plays {side}")
        with self.sim.acting_as(side):
            return self._view()

    def _view(self) -> TraineeView:
        sim, k, s = self.sim, self.sim.knowledge, self.scenario
        now, st = sim.env.now, self._static()
        sources = [SourceInfo(i, lb, c, d, r, list(t)) for i, lb, c, d, r, t in st["sources"]]
        info = ActionsInfo(
            sources=sources,
            partner_countries=(list(st["partners"]) if sim.acting == sim.home
                               else [c.code for c in s.countries if c.code != sim.acting]),
            targets=[e for e, v in k.entities.items() if v.type in ("person", "company", "vessel")],
            shipments=[e for e, v in k.entities.items() if v.type == "shipment"],
            locations=list(st["location_ids"]),
            concealments=sorted(k.concealments),
            warrants=sorted(sim.warrants),
            analyses=list(st["analyses"]),
            seized=[e for e, v in k.entities.items() if v.type == "shipment"
                    and e in sim.ships and sim.ships[e].status in ("seized", "controlled_delivery")],
            in_custody=[e for e in sim.arrested if e in k.entities],
            accounts=[e for e, v in k.entities.items() if v.type == "account"],
            frozen=sorted(a for a in sim.money.frozen if a in k.entities),
        )
        return TraineeView(
            day=round(now, 4),
            duration_days=s.duration_days,
            finished=self.finished,
            budget=round(sim.budget, 3),
            teams_free=sim.teams.free_now(),
            inbox=list(k.inbox),
            entities=list(k.entities.values()),
            links=list(k.links.values()),
            locations=list(st["locations"]),
            movements=list(k.movements),
            notices=list(k.notices),
            decisions=list(sim.decisions),
            actions=info,
        )

    # --- after play ----------------------------------------------------------------------
    def measures(self) -> dict[str, float]:
        return measures(self.sim)

    def score(self) -> float:
        return total(components(self.sim, measures(self.sim)))

    def ratings(self) -> dict[str, str]:
        """Each objective's rating (P, S, M or U), as the debrief gives it."""
        return ratings(self.sim, measures(self.sim))

    def debrief(self) -> Debrief:
        sim, w = self.sim, self.world
        m = measures(sim)
        parts = components(sim, m)
        members = [
            MemberRecord(
                x,
                w.entities[x].label,
                w.entities[x].role or "",
                w.entities[x].group or "",
                w.entities[x].country,
                round(w.betweenness.get(x, 0.0), 4),
                x in sim.arrested,
                x in sim.knowledge.entities,
            )
            for x in w.members
        ]
        ships = shipment_records(sim)
        return Debrief(
            scenario=self.scenario.id,
            seed=self.seed,
            members=members,
            edges=list(w.edges),
            shipments=ships,
            missed=missed_opportunities(sim),
            ratings=ratings(sim, m),
            measures={k: round(v, 4) for k, v in m.items()},
            components=parts,
            score=total(parts),
            wrongful_arrests=list(sim.wrongful),
            decisions=list(sim.decisions),
            prosecutions=case_records(sim),
            handling_refused=dict(sim.withheld),
        )
