"""What a trainee can do, as data.

Every decision is a small pydantic model tagged by ``kind``: ask a source for
intelligence, ask the prosecutor for a warrant, request an INTERPOL notice or send a
diffusion to chosen countries, ask a partner to inspect a place or seize a shipment, let a
detected shipment run under surveillance (controlled delivery), arrest, share
intelligence, convene a regional case meeting, send seized goods and phones to the
laboratory, call in an Operational Support Team, follow the money (FIU, asset tracing,
freezing, confiscation), or let time pass. Instructors push injects the same way. Actions
are JSON in and out
(``model_dump(mode="json")`` / ``parse_action``) because an exercise *is* its log of
actions: the database stores them and replay rebuilds everything else.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from engine.fields import Grade

RATIONALE_MAX = 2000  # characters of an action's rationale (and a request's reason)
MESSAGE_MAX = 4000  # characters of an instructor's free inject
Rationale = Annotated[str | None, Field(default=None, max_length=RATIONALE_MAX)]
Ref = Annotated[str, Field(min_length=1, max_length=64)]
Day = Annotated[float, Field(ge=0, le=400)]


class _Action(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    rationale: Rationale = None


class RequestIntel(_Action):
    kind: Literal["request_intel"] = "request_intel"
    source: Ref
    target: Ref


class RequestWarrant(_Action):
    kind: Literal["request_warrant"] = "request_warrant"
    subject: Ref


NoticeColour = Literal["red", "blue", "green", "purple", "silver", "yellow", "black", "orange"]
Purpose = Literal[
    "arrest",
    "locate",
    "warn",
    "modus_operandi",
    "assets",
    "missing_person",
    "unidentified_body",
    "imminent_threat",
]
Grounds = Literal["ordinary_crime", "political", "military", "religious", "racial"]


class RequestNotice(_Action):
    kind: Literal["request_notice"] = "request_notice"
    colour: NoticeColour
    subject: Ref  # a person/company id, a vessel id, or a concealment method id for Purple
    purpose: Purpose
    grounds: Grounds = "ordinary_crime"


DiffusionPurpose = Literal["arrest", "locate", "information", "modus_operandi"]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]


class RequestDiffusion(_Action):
    """Ask the NCB to send a diffusion over I-24/7 straight to the member countries chosen.

    Faster and narrower than a notice: no General Secretariat review beforehand, and it
    reaches only the countries addressed; it must meet the same rules as the notice of the
    matching colour (arrest: Red; locate: Blue; information on a person's criminal
    activities: Green; modus_operandi: Purple).
    """

    kind: Literal["request_diffusion"] = "request_diffusion"
    purpose: DiffusionPurpose
    subject: Ref  # a person; a concealment method or vessel for modus_operandi
    countries: Annotated[list[CountryCode], Field(min_length=1, max_length=20)]
    grounds: Grounds = "ordinary_crime"


class Inspection(_Action):
    """Ask the country holding a place to control everything passing there for a while."""

    kind: Literal["inspection"] = "inspection"
    location: Ref
    start_day: Day
    days: Annotated[float, Field(gt=0, le=30)] = 7.0


class Seizure(_Action):
    """Ask a partner to intercept one known shipment at a place within a window."""

    kind: Literal["seizure"] = "seizure"
    shipment: Ref
    location: Ref
    start_day: Day
    days: Annotated[float, Field(gt=0, le=30)] = 7.0


class ControlledDelivery(_Action):
    kind: Literal["controlled_delivery"] = "controlled_delivery"
    shipment: Ref


class Arrest(_Action):
    kind: Literal["arrest"] = "arrest"
    subject: Ref


class ShareIntel(_Action):
    """Share the case file (or, in a joint operation, chosen inbox ``items``) with a
    country's NCB; ``handling`` is the code it goes under (default: may be shared)."""

    kind: Literal["share_intel"] = "share_intel"
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    items: Annotated[list[Ref], Field(max_length=200)] | None = None
    handling: Literal["share", "share_conditions", "no_share"] | None = None


class CaseMeeting(_Action):
    kind: Literal["case_meeting"] = "case_meeting"
    countries: Annotated[
        list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]], Field(min_length=1, max_length=20)
    ]


class RequestForensics(_Action):
    """Send an item to the laboratory: goods from a seizure the trainee holds, or the phone
    of a person in custody (``analysis`` names one the scenario offers: engine.laboratory)."""

    kind: Literal["request_forensics"] = "request_forensics"
    analysis: Ref
    item: Ref


class RequestSupportTeam(_Action):
    """Ask INTERPOL to deploy an Operational Support Team (engine.laboratory)."""

    kind: Literal["request_support_team"] = "request_support_team"


class RequestFiu(_Action):
    """Ask the Financial Intelligence Unit for its suspicious transaction reports on a
    person, company or account in the case file."""

    kind: Literal["request_fiu"] = "request_fiu"
    subject: Ref


class TraceAssets(_Action):
    """Trace the accounts and funds of a person or company in the case file."""

    kind: Literal["trace_assets"] = "trace_assets"
    subject: Ref


class FreezeAssets(_Action):
    """Freeze an account traced to the crime (a provisional measure)."""

    kind: Literal["freeze_assets"] = "freeze_assets"
    account: Ref


class ConfiscateAssets(_Action):
    """Confiscate a frozen account (after a conviction, or as the scenario's law allows)."""

    kind: Literal["confiscate_assets"] = "confiscate_assets"
    account: Ref


class TeamJoins(_Action):
    """Control cell: from now on a team plays ``country`` (engine.joint)."""

    kind: Literal["team_joins"] = "team_joins"
    country: CountryCode


class AnswerRequest(_Action):
    """A team answers a request another team sent to its country (engine.joint)."""

    kind: Literal["answer_request"] = "answer_request"
    request: Annotated[str, Field(pattern=r"^R[0-9]{3,}$")]
    accept: bool
    reason: Annotated[str, Field(max_length=RATIONALE_MAX)] = ""


MeetingId = Annotated[str, Field(pattern=r"^M[0-9]{3,}$")]


class ProposeMeeting(_Action):
    """A team proposes a regional case meeting with the teams it names (none: every team);
    the control cell convenes it (engine.meetings)."""

    kind: Literal["propose_meeting"] = "propose_meeting"
    countries: Annotated[list[CountryCode], Field(max_length=5)] | None = None


class ConveneMeeting(_Action):
    """Control cell: open a proposed meeting."""

    kind: Literal["convene_meeting"] = "convene_meeting"
    meeting: MeetingId


class TableItems(_Action):
    """A team puts on the table of an open meeting entities, links (pairs of entities) and
    inbox items from its own file."""

    kind: Literal["table_items"] = "table_items"
    meeting: MeetingId
    entities: Annotated[list[Ref], Field(max_length=200)] = []
    links: Annotated[list[tuple[Ref, Ref]], Field(max_length=200)] = []
    items: Annotated[list[Ref], Field(max_length=200)] = []


class ProposeTarget(_Action):
    """A team puts a target on the meeting's list, owned by itself."""

    kind: Literal["propose_target"] = "propose_target"
    meeting: MeetingId
    target: Ref
    action: Literal["arrest", "seizure"]


class WithdrawTarget(_Action):
    """A team takes a target it owns off an open meeting's list (another team may then
    own it)."""

    kind: Literal["withdraw_target"] = "withdraw_target"
    meeting: MeetingId
    target: Ref


class CloseMeeting(_Action):
    """Control cell: close the meeting; the shared file and the target list result."""

    kind: Literal["close_meeting"] = "close_meeting"
    meeting: MeetingId


class SetActionDay(_Action):
    """Control cell: the operation's coordinated action day (engine.action_day)."""

    kind: Literal["set_action_day"] = "set_action_day"
    day: Day


class ScheduleAction(_Action):
    """A team schedules an arrest or a seizure (at ``location``) in its own country for
    ``day`` (None: the operation's action day)."""

    kind: Literal["schedule_action"] = "schedule_action"
    what: Literal["arrest", "seizure"]
    target: Ref
    location: Ref | None = None
    day: Day | None = None


class CancelAction(_Action):
    """A team cancels an arrest or a seizure it scheduled, before it is carried out."""

    kind: Literal["cancel_action"] = "cancel_action"
    plan: Annotated[str, Field(pattern=r"^A[0-9]{3,}$")]


# fields added after logs were stored: dropped from a logged action while unset, so an
# old log's entries and decisions read as they always did
LATER_FIELDS = {"share_intel": ("items", "handling"), "instructor_inject": ("team",)}


class Advance(_Action):
    kind: Literal["advance"] = "advance"
    days: Literal[1, 7] = 1


class AdvanceToNextEvent(_Action):
    """Let time run to the next event on the trainee's agenda (``Exercise.agenda``) or the
    next news, whichever comes first. When the next thing on the agenda is the end of the
    exercise the engine refuses (``time.confirm_end``) unless ``confirm_end`` says the
    trainee agreed to end it."""

    kind: Literal["advance_to_next_event"] = "advance_to_next_event"
    confirm_end: bool = False


class InstructorInject(_Action):
    kind: Literal["instructor_inject"] = "instructor_inject"
    message: Annotated[str, Field(max_length=MESSAGE_MAX)] = ""
    event: Ref | None = None
    team: CountryCode | None = Field(
        default=None,
        description="joint operation: the country whose team alone receives the message"
        " (None: every team)",
    )
    grade: Grade = Field(
        default="A1",
        description="the instructor's Admiralty grade of a free message (reliability A..F,"
        " credibility 1..6); an MSEL event keeps the grade its author wrote in the scenario",
    )


Action = Annotated[
    RequestIntel
    | RequestWarrant
    | RequestNotice
    | RequestDiffusion
    | Inspection
    | Seizure
    | ControlledDelivery
    | Arrest
    | ShareIntel
    | CaseMeeting
    | RequestForensics
    | RequestSupportTeam
    | RequestFiu
    | TraceAssets
    | FreezeAssets
    | ConfiscateAssets
    | Advance
    | AdvanceToNextEvent
    | InstructorInject
    | TeamJoins
    | AnswerRequest
    | ProposeMeeting
    | ConveneMeeting
    | TableItems
    | ProposeTarget
    | WithdrawTarget
    | CloseMeeting
    | SetActionDay
    | ScheduleAction
    | CancelAction,
    Field(discriminator="kind"),
]
_ADAPTER: TypeAdapter[Any] = TypeAdapter(Action)
ACTION_TYPES = (
    RequestIntel,
    RequestWarrant,
    RequestNotice,
    RequestDiffusion,
    Inspection,
    Seizure,
    ControlledDelivery,
    Arrest,
    ShareIntel,
    CaseMeeting,
    RequestForensics,
    RequestSupportTeam,
    RequestFiu,
    TraceAssets,
    FreezeAssets,
    ConfiscateAssets,
    Advance,
    AdvanceToNextEvent,
    InstructorInject,
    TeamJoins,
    AnswerRequest,
    ProposeMeeting,
    ConveneMeeting,
    TableItems,
    ProposeTarget,
    WithdrawTarget,
    CloseMeeting,
    SetActionDay,
    ScheduleAction,
    CancelAction,
)


def parse_action(data: dict[str, Any] | BaseModel) -> Action:
    """Validate a JSON action (raises pydantic.ValidationError when malformed).

    An instance of one of our action models is returned as it is: its constructor already
    validated it and it is frozen (``model_construct`` skips validation; do not feed the
    engine such objects).
    """
    if isinstance(data, ACTION_TYPES):
        return data
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json")
    return _ADAPTER.validate_python(data)


def summary(action: Any) -> str:
    """A one-line English description for the decision log."""
    return describe(action.model_dump(mode="json"))


def describe(dumped: dict[str, Any]) -> str:
    """``summary`` of an action already dumped to JSON (as the exercise log holds it)."""
    args = ", ".join(
        f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
        for k, v in dumped.items()
        if k not in ("kind", "rationale") and v is not None
    )
    return f"{dumped['kind'].replace('_', ' ')}({args})"
