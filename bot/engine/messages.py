"""Channel-neutral messages: what comes in (Inbound) and what goes out (Reply)."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_TEXT = 2000  # longer inbound text is refused with a clear answer, never truncated silently


@dataclass(frozen=True, slots=True)
class Location:
    """A shared map pin."""

    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class Image:
    """A photo, referred to by the provider's id or URL."""

    ref: str
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class Inbound:
    """One message from a resident; exactly one of text, payload, location, image is set."""

    channel: str
    user_id: str
    text: str | None = None
    payload: str | None = None
    location: Location | None = None
    image: Image | None = None
    locale_hint: str | None = None
    message_id: str | None = None
    start_param: str | None = None  # a deep link's campaign, e.g. Telegram "/start west"


@dataclass(frozen=True, slots=True)
class Button:
    """A choice the resident can tap; `payload` is what comes back."""

    payload: str
    label: str


@dataclass(frozen=True, slots=True)
class ListRow:
    """A row of a list message (a proposal, a theme)."""

    payload: str
    title: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to the resident, rendered by each channel as best it can."""

    text: str
    buttons: tuple[Button, ...] = ()
    rows: tuple[ListRow, ...] = ()
    list_label: str = ""  # the button that opens a list (WhatsApp) or its heading
    image_url: str | None = None
    image_alt: str | None = None
    language: str = "en"
    rtl: bool = False
    meta: dict[str, str] = field(default_factory=dict)

    def options(self) -> list[str]:
        """Every payload this reply offers, rows first, in the order they are shown."""
        return [r.payload for r in self.rows] + [b.payload for b in self.buttons]
