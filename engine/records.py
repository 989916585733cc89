"""Flat, immutable records the engine hands out: what pages, charts and the database consume.

Two families: the trainee's view during play (inbox, what they know, their map, their
decisions) which never carries ground truth, and the debrief after play (the real
network, every shipment's fate, missed opportunities, ratings and score). All are frozen
dataclasses of plain values, so ``dataclasses.asdict`` gives JSON-ready dicts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from engine.messages import TEMPLATES


class Record:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True)
class Outcome(Record):
    accepted: bool
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)
    rule: str | None = None


@dataclass(frozen=True, init=False)
class InboxItem(Record):
    id: str
    t: float
    source: str
    reliability: str  # Admiralty code, A (completely reliable) .. F (cannot be judged)
    credibility: int  # 1 (confirmed) .. 6 (cannot be judged)
    kind: str  # intel | inject | partner | notice | system
    code: str  # message code; the platform's catalogs translate it as inbox.<code>
    params: dict[str, Any]
    # who may be told (UK 3x5x2 handling code): share | share_conditions | no_share
    handling: str = "share"

    def __init__(
        self,
        id: str,  # noqa: A002 - the field's name
        t: float,
        source: str,
        reliability: str,
        credibility: int,
        kind: str,
        code: str,
        params: dict[str, Any],
        handling: str = "share",
    ) -> None:
        # Filed for every report of every run: one update of the instance's dict instead
        # of the eight ``object.__setattr__`` calls a frozen dataclass's own __init__ makes.
        self.__dict__.update(
            id=id, t=t, source=source, reliability=reliability, credibility=credibility,
            kind=kind, code=code, params=params, handling=handling,
        )

    @property
    def text(self) -> str:
        """The English sentence, written when someone reads it (most reports of a bot's
        run never are): ``engine.messages.TEMPLATES[code]`` filled with the params."""
        return TEMPLATES[self.code].format(**self.params)


@dataclass(frozen=True, init=False)
class KnownEntity(Record):
    id: str
    type: str
    label: str
    attributes: dict[str, Any]
    first_seen: float
    source: str
    grade: str

    def __init__(
        self,
        id: str,  # noqa: A002 - the field's name
        type: str,  # noqa: A002 - the field's name
        label: str,
        attributes: dict[str, Any],
        first_seen: float,
        source: str,
        grade: str,
    ) -> None:
        # Learnt on every find of every run: one dict update, as ``InboxItem`` does.
        self.__dict__.update(
            id=id, type=type, label=label, attributes=attributes, first_seen=first_seen,
            source=source, grade=grade,
        )


@dataclass(frozen=True, init=False)
class KnownLink(Record):
    a: str
    b: str
    relation: str
    source: str
    grade: str
    t: float

    def __init__(
        self, a: str, b: str, relation: str, source: str, grade: str, t: float
    ) -> None:
        # Linked on every find of every run: one dict update, as ``InboxItem`` does.
        self.__dict__.update(a=a, b=b, relation=relation, source=source, grade=grade, t=t)


@dataclass(frozen=True)
class KnownLocation(Record):
    id: str
    name: str  # in English
    country: str
    kind: str
    lat: float
    lon: float
    names: dict[str, str] = field(default_factory=dict)  # per language, as the author wrote it

    def name_in(self, lang: str) -> str:
        """The place's name in ``lang``; the English one when it has none in that language."""
        return self.names.get(lang) or self.name


@dataclass(frozen=True)
class Movement(Record):
    origin: str  # location ids
    destination: str
    mode: str
    t: float
    subject: str


@dataclass(frozen=True)
class NoticeRecord(Record):
    colour: str
    subject: str
    status: str  # accepted | refused
    code: str
    reason: str
    t: float
    via: str = "notice"  # notice | diffusion
    countries: tuple[str, ...] = ()  # the member countries a diffusion was addressed to
    # the values ``reason`` was written from (``engine.<code>`` in the catalogs): the day a
    # notice under review is due to be published ("notice.under_review")
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AgendaItem(Record):
    """Something the trainee knows will happen on ``day``: an answer due, a known
    departure, a control window opening or closing, a budget top-up, the end."""

    day: float
    code: str  # agenda.<what>: the sentence is TEMPLATES[code], catalogs inbox.<code>
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return TEMPLATES[self.code].format(**self.params)


@dataclass(frozen=True)
class DecisionRecord(Record):
    t: float
    kind: str
    summary: str
    rationale: str | None
    accepted: bool
    code: str
    params: dict[str, Any] = field(default_factory=dict)  # the action's fields, for readers
    # the outcome's params: the values its reason counts ("only 1 identifier known"), so a
    # decision log can say the reason (``engine.<code>``) whole, in any language
    result: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceInfo(Record):
    id: str
    label: str
    cost: float
    delay_days: float
    reliability: str
    targets: list[str]


@dataclass(frozen=True)
class ActionsInfo(Record):
    sources: list[SourceInfo]
    partner_countries: list[str]
    targets: list[str]  # entity ids the trainee may name
    shipments: list[str]  # shipment ids the trainee knows of
    locations: list[str]
    concealments: list[str]  # concealment methods the trainee has seen
    warrants: list[str]  # persons the prosecutor has issued a warrant for
    # the laboratory's menu: (id, label in each language, examines goods|phone)
    analyses: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    seized: list[str] = field(default_factory=list)  # seizures held (goods for a laboratory)
    in_custody: list[str] = field(default_factory=list)  # known persons arrested (their phones)
    accounts: list[str] = field(default_factory=list)  # accounts in the case file
    frozen: list[str] = field(default_factory=list)  # accounts frozen


@dataclass(frozen=True)
class TraineeView(Record):
    day: float
    duration_days: float
    finished: bool
    budget: float
    teams_free: int
    inbox: list[InboxItem]
    entities: list[KnownEntity]
    links: list[KnownLink]
    locations: list[KnownLocation]
    movements: list[Movement]
    notices: list[NoticeRecord]
    decisions: list[DecisionRecord]
    actions: ActionsInfo


@dataclass(frozen=True)
class MemberRecord(Record):
    id: str
    label: str
    role: str
    group: str
    country: str
    betweenness: float
    arrested: bool
    known: bool


@dataclass(frozen=True)
class ShipmentRecord(Record):
    id: str
    quantity: float
    route: list[str]
    concealment: str | None
    depart_day: float | None
    # seized | missed | controlled_delivery | in_transit | not_sent | prevented (never left:
    # arrests left nobody to do a job; scored as prevented, not seized: engine.scoring)
    fate: str
    fate_day: float | None
    where: str | None
    cause: str = ""  # why: a message code (cause.*, engine.messages; catalogs inbox.<code>)
    cause_params: dict[str, Any] = field(default_factory=dict)

    @property
    def cause_text(self) -> str:
        return TEMPLATES[self.cause].format(**self.cause_params) if self.cause else ""


@dataclass(frozen=True)
class Missed(Record):
    shipment: str
    intel: str
    t: float
    text: str  # the English sentence of the intelligence item (InboxItem ``intel``)
    code: str = ""  # that item's message code and params, to say it in another language
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ExhibitRecord(Record):
    """One exhibit on an accused, as the debrief lists it (``engine.evidence.Exhibit``)."""

    kind: str  # report | seizure | forensic | phone | financial | witness
    weight: float
    day: float
    ref: str  # a shipment, a request or an inbox item id; "reports@<day>" for graded reports
    usable: bool  # counted: custody kept and filed by the last decision
    why: str = ""  # when not usable: cd_lost | no_warrant | custody | later


@dataclass(frozen=True)
class CaseRecord(Record):
    """One arrested member's prosecution: where, how far it went, and on what evidence."""

    member: str
    label: str
    role: str
    leading: bool  # an organiser or financier (engine.network.LEADING_ROLES)
    arrested_day: float
    arrested_in: str
    forum: str  # the country trying the case
    path: str  # home | local | extradition | prosecution_request
    outcome: str  # pending | not_charged | charged | convicted | acquitted
    charge_day: float
    verdict_day: float
    strength: float  # usable weight at the last decision (so far, when pending)
    sentence: tuple[float, float] | None  # years, low..high, when convicted
    exhibits: list[ExhibitRecord]
    cause: str = ""  # case.<outcome>: the sentence saying why (catalogs inbox.<code>)
    cause_params: dict[str, Any] = field(default_factory=dict)

    @property
    def cause_text(self) -> str:
        return TEMPLATES[self.cause].format(**self.cause_params) if self.cause else ""


@dataclass(frozen=True)
class ScoreComponent(Record):
    id: str
    value: float  # 0..1
    weight: float  # points out of 100
    points: float
    explanation: str


@dataclass(frozen=True)
class Debrief(Record):
    scenario: str
    seed: int
    members: list[MemberRecord]
    edges: list[tuple[str, str, str]]
    shipments: list[ShipmentRecord]
    missed: list[Missed]
    ratings: dict[str, str]
    measures: dict[str, float]
    components: list[ScoreComponent]
    score: float
    wrongful_arrests: list[str]
    decisions: list[DecisionRecord]
    prosecutions: list[CaseRecord] = field(default_factory=list)
    # joint operation: per country, shares refused for a 'do not share' handling code
    handling_refused: dict[str, int] = field(default_factory=dict)
