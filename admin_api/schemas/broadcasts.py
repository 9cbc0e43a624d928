"""Bodies of the broadcast routes."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, StrictBool, StringConstraints

from actions.broadcasts import Audience, Delivery, Preview
from actions.store.broadcasts import Broadcast
from admin_api.schemas.common import Body, Language, Storable

TEXT_MAX = 1_000
# C0 controls and DEL, except tab and line breaks: nothing a message to residents needs.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_control(text: str) -> str:
    if CONTROL.search(text):
        raise ValueError("the text holds a control character (only tabs and line breaks may)")
    return text


Message = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXT_MAX),
    Storable,
    AfterValidator(_no_control),
]
Channel = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_-]{1,16}$")]
TEXTS = (
    'The message per language code, e.g. {"nl": "...", "en": "..."}. The campaign\'s default '
    "language (its first) is required: residents whose language has no text get that one."
)


class AudienceIn(Body):
    """Which residents of the campaign get it; a criterion left out (or null) takes everyone."""

    languages: Annotated[list[Language], Field(min_length=1, max_length=20)] | None = None
    channels: Annotated[list[Channel], Field(min_length=1, max_length=10)] | None = None
    voted: StrictBool | None = Field(
        default=None,
        description="true: only who cast a ballot in the chat; false: only who didn't.",
    )

    def audience(self) -> Audience:
        """The audience this body describes (each language and channel once)."""
        return Audience(
            languages=tuple(dict.fromkeys(self.languages)) if self.languages else None,
            channels=tuple(dict.fromkeys(self.channels)) if self.channels else None,
            voted=self.voted,
        )


class BroadcastIn(Body):
    """A message to the campaign's residents, each in their own language."""

    texts: Annotated[dict[Language, Message], Field(min_length=1, max_length=20, description=TEXTS)]
    audience: AudienceIn = AudienceIn()
    dry_run: StrictBool = Field(
        default=False, description="Only count who would get it: nothing is stored or sent."
    )


class AudienceOut(BaseModel):
    """The audience a broadcast was sent to (null: not filtered on)."""

    languages: list[str] | None
    channels: list[str] | None
    voted: bool | None


class DeliveryOut(BaseModel):
    """How far delivery has got: the broadcast's messages by status."""

    pending: int = Field(description="Waiting to be sent, or being sent.")
    sent: int
    failed: int
    held: int = Field(description="WhatsApp: outside the 24-hour window, until they write.")
    cancelled: int

    @classmethod
    def of(cls, d: Delivery) -> DeliveryOut:
        """The body for a delivery count."""
        return cls(
            pending=d.pending, sent=d.sent, failed=d.failed, held=d.held, cancelled=d.cancelled
        )


class BroadcastOut(BaseModel):
    """A broadcast and its delivery; who received it is never shown."""

    id: int
    campaign_id: int
    created_at: datetime
    created_by: str = Field(description="The label of the token that sent it.")
    texts: dict[str, str]
    audience: AudienceOut
    recipients: int
    delivery: DeliveryOut
    cancelled_at: datetime | None

    @classmethod
    def of(cls, row: Broadcast, delivery: Delivery) -> BroadcastOut:
        """The body for a broadcast row and its delivery counts."""
        return cls(
            id=row.id,
            campaign_id=row.campaign_id,
            created_at=row.created_at,
            created_by=row.created_by,
            texts=dict(row.texts),
            audience=AudienceOut(
                languages=row.audience.get("languages"),
                channels=row.audience.get("channels"),
                voted=row.audience.get("voted"),
            ),
            recipients=row.recipients,
            delivery=DeliveryOut.of(delivery),
            cancelled_at=row.cancelled_at,
        )


class PreviewOut(BaseModel):
    """A dry run: how many residents would get the broadcast; nothing was stored or sent."""

    dry_run: Literal[True] = True
    recipients: int
    by_language: dict[str, int] = Field(
        description="By the resident's language (the campaign's default if they never chose)."
    )
    by_channel: dict[str, int]

    @classmethod
    def of(cls, p: Preview) -> PreviewOut:
        """The body for a preview."""
        return cls(recipients=p.recipients, by_language=p.by_language, by_channel=p.by_channel)
