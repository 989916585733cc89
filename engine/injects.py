"""The MSEL's entries: messages that arrive on a day or when something first happens.

An inject carries a message, the action it expects from the trainee and the objective it
serves; a contingency steers play back when that action has not come in time. Injects may
also name one member of some groups, as a tip-off would: the message then says who, with a
placeholder per group (``{drivers}``) that the engine fills with the member's name — an
inject that reveals a group must name it in every language it is written in, so no
trainee reads "he named a driver" without the name. A text stored before this rule (an
exercise under way replays it) is read leniently, and the names are added after it.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationInfo, model_validator

from engine.diagnostics import Said, nearest
from engine.fields import Days, Frozen, Grade, ShortText, Slug, Text
from engine.messages import filed_by, localized


class Trigger(StrEnum):
    first_seizure = "first_seizure"
    first_arrest = "first_arrest"
    notice_accepted = "notice_accepted"
    first_departure = "first_departure"
    case_meeting = "case_meeting"


PLACEHOLDER = re.compile(r"\{([a-z0-9][a-z0-9-]{0,63})\}")


def fill(text: str, names: dict[str, str], append: bool = True) -> str:
    """``text`` with each ``{group}`` placeholder replaced by the name revealed for it; with
    ``append``, a name the text has no place for (an old text) follows it in parentheses.
    A placeholder whose group revealed nobody stays as written."""
    extra = []
    for group, name in names.items():
        placeholder = "{" + group + "}"
        if placeholder in text:
            text = text.replace(placeholder, name)
        elif append:
            extra.append(name)
    return f"{text} ({', '.join(extra)})" if extra else text


class Contingency(Frozen):
    after_days: Annotated[float, Field(gt=0, le=365, description="days (> 0, at most 365) after the inject to wait for its expected action before the contingency message")]
    message: Text = Field(description="the message sent when the expected action has not come, per language")


ACTION_KINDS = (
    "request_intel",
    "request_warrant",
    "request_notice",
    "inspection",
    "seizure",
    "controlled_delivery",
    "arrest",
    "share_intel",
    "case_meeting",
    "request_forensics",
    "request_support_team",
    "request_fiu",
    "trace_assets",
    "freeze_assets",
    "confiscate_assets",
)


class Inject(Frozen):
    id: Slug = Field(description="the inject's id")
    at_day: Days | None = Field(None, description="day (from 0) the inject arrives; give at_day or trigger, not both")
    trigger: Trigger | None = Field(None, description="the event that sends the inject the first time it happens; give at_day or trigger, not both")
    source: ShortText = Field("NEST coordinator", description="who the message is from, as the trainee sees it")
    grade: Grade = Field(
        default="B2",
        description=(
            "the author's Admiralty grade of the inject, shown on it and on whoever it names:"
            " source reliability A (completely reliable) .. F (cannot be judged), then"
            " information credibility 1 (confirmed) .. 6 (cannot be judged); e.g. 'B2' (the"
            " default): a usually reliable source, probably true"
        ),
    )
    message: Text = Field(description="the message, per language; {group} placeholders are filled with revealed names")
    expected_action: Literal[ACTION_KINDS] | None = Field(None, description="the action the inject expects from the trainee (read by the contingency and the debrief)")  # type: ignore[valid-type]
    objective: str | None = Field(None, description="id of the objective the inject serves (optional)")
    contingency: Contingency | None = Field(None, description="a follow-up message if the expected action has not come in time (optional)")
    reveals: list[str] = Field(
        default_factory=list, description="groups: one member each is named to the trainee"
    )
    team: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = Field(
        None,
        description="joint operation: the country (code) whose team alone receives the inject;"
        " omitted: every team. While no team plays that country, the home country's file"
        " receives it (as in single play)",
    )

    @cached_property
    def said(self) -> dict[str, dict[str, Any]]:
        """What an inbox item files for the inject (``inject.msel``) and its contingency
        (``inject.contingency``) when no name is filled in: the texts in every language and
        the sender as filed (``engine.messages.filed_by``). Worded once per loaded scenario,
        not once per exercise; the MSEL gives each item its own copy. (An inject is never
        changed after loading; ``model_copy(update=...)`` would carry this over: validate a
        new one instead.)"""
        out = {"inject.msel": filed_by(self.source, localized("text", self.message))}
        if self.contingency is not None:
            texts = localized("text", self.contingency.message)
            out["inject.contingency"] = filed_by(self.source, texts)
        return out

    @model_validator(mode="after")
    def _time_or_trigger(self) -> Inject:
        if (self.at_day is None) == (self.trigger is None):
            raise ValueError("an inject needs exactly one of at_day or trigger")
        return self

    @model_validator(mode="after")
    def _names_who_it_reveals(self, info: ValidationInfo) -> Inject:
        lenient = bool(info.context and info.context.get("lenient"))
        texts = dict(self.message)
        if self.contingency is not None:
            texts |= {f"contingency {k}": v for k, v in self.contingency.message.items()}
        for lang, text in texts.items():
            used = set(PLACEHOLDER.findall(text))
            if stray := sorted(used - set(self.reveals)):
                close = nearest(stray[0], self.reveals)  # {trucker} for {truckers}
                raise ValueError(
                    Said("inject.unrevealed_hint", lang=lang, placeholder=f"{{{stray[0]}}}",
                         name=f"{{{close}}}") if close else
                    Said("inject.unrevealed", lang=lang, placeholder=f"{{{stray[0]}}}")
                )
            unnamed = set(self.reveals) - used
            if not lenient and not lang.startswith("contingency") and unnamed:
                group = sorted(unnamed)[0]
                raise ValueError(Said("inject.unnamed", lang=lang, group=group,
                                      placeholder=f"{{{group}}}"))
        return self
