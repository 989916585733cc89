"""Field types every part of a scenario shares.

Authors write probabilities, durations in days, short labels and texts in several
languages; these annotated types hold the limits that make a file sensible (a probability
within 0..1, a duration under ten years, an English text always present) and the
``Frozen`` base that refuses unknown keys, so a typo is reported rather than ignored. A
duration may be a single number or a triangular min/mode/max guess.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

MAX_TEXT = 6000
# The languages the platform speaks (ui.i18n.LANGUAGES; tests/ui check they agree): a
# trainee reads a scenario's text in one of these. A ``pt`` text is accepted too but shown
# to no one yet: it was in the schema from the start, scenarios stored with it must replay,
# and an author may prepare a Portuguese text for Lusophone countries ahead of a Portuguese
# platform. The checker's "not a language of the platform" names only the languages shown.
SHOWN_LANGS = ("en", "fr", "es", "ar")
LANGS = (*SHOWN_LANGS, "pt")
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
Days = Annotated[float, Field(ge=0.0, le=3650.0)]
ShortText = Annotated[str, Field(min_length=1, max_length=200)]
# An Admiralty (NATO 6x6) grade: source reliability A..F then information credibility 1..6.
Grade = Annotated[str, Field(pattern=r"^[A-F][1-6]$")]


def _require_english(value: dict[str, str]) -> dict[str, str]:
    if "en" not in value:
        raise ValueError("an English text ('en') is required")
    return value


Text = Annotated[
    dict[
        Literal["en", "fr", "es", "ar", "pt"],
        Annotated[str, Field(min_length=1, max_length=MAX_TEXT)],
    ],
    AfterValidator(_require_english),
    Field(json_schema_extra={"required": ["en"]}),
]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


def _scalar_to_range(value: Any) -> Any:
    # An author may write `days: 2` for a fixed value instead of a min/mode/max triple.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"min": value, "mode": value, "max": value}
    return value


class _Triangular(Frozen):
    """A triangular distribution: the author's best guess (mode) within min..max."""

    min: Days = Field(description="days (or the field's unit): the smallest value")
    mode: Days = Field(description="days (or the field's unit): the most likely value")
    max: Days = Field(description="days (or the field's unit): the largest value")

    @model_validator(mode="after")
    def _ordered(self) -> _Triangular:
        if not self.min <= self.mode <= self.max:
            raise ValueError("needs min <= mode <= max")
        return self


Triangular = Annotated[
    _Triangular, BeforeValidator(_scalar_to_range, json_schema_input_type=Days | _Triangular)
]
