"""Field types every body shares: bounded integers, clean text, translations, pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar, Generic, TypeVar

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from actions import limits

T = TypeVar("T")
NO_NUL = r"^[^\x00]*$"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]")


def _storable(text: str) -> str:
    # JSON may carry lone surrogates that no database can store as UTF-8.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("the text holds an invalid character") from None
    return text


def _whole(value: object) -> object:
    # JSON Schema counts 3.0 as an integer, but "3" and true are not numbers at all.
    if isinstance(value, str | bool):
        raise ValueError("give a number, not text")
    return value


def _iso(value: object) -> object:
    # Pydantic would read "1700000000" or 0.5 as Unix times; a moment here is ISO 8601.
    if not isinstance(value, datetime) and not (isinstance(value, str) and ISO_DATE.match(value)):
        raise ValueError("give an ISO 8601 moment with a time zone, e.g. 2028-03-01T09:00:00+01:00")
    return value


def _utc(moment: datetime) -> datetime:
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError("the moment is out of range") from None


Storable = AfterValidator(_storable)
NoNull = SkipJsonSchema[None]  # "may be left out" without advertising null
Int32 = Annotated[int, Field(ge=0, le=limits.INT_MAX)]
Whole = BeforeValidator(_whole)
Money = Annotated[int, Whole, Field(ge=0, le=limits.INT_MAX, description="Whole currency units.")]
Moment = Annotated[AwareDatetime, BeforeValidator(_iso), AfterValidator(_utc)]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
Label = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=NO_NUL), Storable]
Reason = Annotated[str, StringConstraints(max_length=limits.REASON_MAX, pattern=NO_NUL), Storable]
ExternalId = Annotated[
    str,
    StringConstraints(min_length=1, max_length=limits.EXTERNAL_ID_MAX, pattern=NO_NUL),
    Storable,
]
Url = Annotated[
    str, StringConstraints(max_length=limits.URL_MAX, pattern=r"^https?://[^\s/\x00]+[^\s\x00]*$")
]
TitleText = Annotated[
    str, StringConstraints(min_length=1, max_length=limits.TITLE_MAX, pattern=NO_NUL), Storable
]
SummaryText = Annotated[
    str, StringConstraints(min_length=1, max_length=limits.SUMMARY_MAX, pattern=NO_NUL), Storable
]
LongText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=limits.DESCRIPTION_MAX, pattern=NO_NUL),
    Storable,
]
PER_LANGUAGE = 'Text per language code, e.g. {"nl": "...", "en": "..."}.'
Titles = Annotated[dict[Language, TitleText], Field(max_length=20, description=PER_LANGUAGE)]
Summaries = Annotated[dict[Language, SummaryText], Field(max_length=20, description=PER_LANGUAGE)]
Texts = Annotated[dict[Language, LongText], Field(max_length=20, description=PER_LANGUAGE)]


class Body(BaseModel):
    """A request body: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class Patch(Body):
    """A partial update: fields left out stay; only the NULLABLE ones may be set to null."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="after")
    def _no_null(self) -> Patch:
        for name in self.model_fields_set:
            if getattr(self, name) is None and name not in self.NULLABLE:
                raise ValueError(f"{name} can't be null")
        return self

    def changes(self) -> dict[str, Any]:
        """The fields the client set, by name."""
        return {name: getattr(self, name) for name in self.model_fields_set}


class Page(BaseModel, Generic[T]):
    """One page of a list: the items, how many there are in all, and where the page starts."""

    items: list[T]
    total: int
    limit: int
    offset: int
