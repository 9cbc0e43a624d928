"""Cloud API notifications (whatsapp_business_account JSON) into Inbound messages and statuses."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.channels.whatsapp import CHANNEL
from bot.channels.whatsapp.locale import locale_hint
from bot.engine.messages import Image, Inbound, Location

log = logging.getLogger(__name__)

PAGE_PREFIX = "wa:page:"  # a "more" row of a paged list: handled by the channel, not a turn
NUMBER_PREFIX = "n:"  # an option whose payload was too long for an id travels as its number


class MalformedNotificationError(ValueError):
    """The body is not a WhatsApp Business Account notification."""


@dataclass(frozen=True, slots=True)
class PageTurn:
    """A tap on "more": show page `page` of the reply stored in outbox row `row_id`."""

    row_id: int
    page: int


@dataclass(frozen=True, slots=True)
class Message:
    """A resident's message worth a turn (or a page turn), keyed by its wamid."""

    inbound: Inbound
    wamid: str
    page_turn: PageTurn | None = None


@dataclass(frozen=True, slots=True)
class Status:
    """A delivery report on a message pbchat sent."""

    wamid: str
    status: str  # sent, delivered, read, failed
    recipient: str | None = None
    error_code: int | None = None
    error_title: str = ""


@dataclass(slots=True)
class Notification:
    """Everything one webhook call carries, in order."""

    messages: list[Message] = field(default_factory=list)
    statuses: list[Status] = field(default_factory=list)
    ignored: int = 0  # reactions, stickers, other phone numbers' traffic


Fields = dict[str, Any]


def _text(message: dict[str, Any]) -> Fields:
    return {"text": str(_object(message, "text").get("body", ""))}


def _interactive(message: dict[str, Any]) -> Fields:
    interactive = _object(message, "interactive")
    kind = str(interactive.get("type", ""))
    chosen = interactive.get(kind) if kind in {"button_reply", "list_reply"} else None
    if not isinstance(chosen, dict) or not isinstance(chosen.get("id"), str):
        return _unusable(message)  # a Flow's reply or the like: the step asks again
    return _choice(chosen["id"])


def _choice(option_id: str) -> Fields:
    if option_id.startswith(NUMBER_PREFIX) and option_id[2:].isdigit():
        # The engine's "bare number" rule picks the n-th option of the turn.
        return {"text": option_id[2:]}
    return {"payload": option_id}


def _button(message: dict[str, Any]) -> Fields:
    # A quick-reply button of a template message: its payload if it is one of ours.
    button = _object(message, "button")
    payload = str(button.get("payload", ""))
    return {"payload": payload} if payload.startswith("g:") else {"text": str(button.get("text"))}


def _location(message: dict[str, Any]) -> Fields:
    place = _object(message, "location")
    try:
        return {"location": Location(float(place["latitude"]), float(place["longitude"]))}
    except (KeyError, TypeError, ValueError) as error:
        raise MalformedNotificationError("location without coordinates") from error


def _image(message: dict[str, Any]) -> Fields:
    image = _object(message, "image")
    media_id = image.get("id")
    if not isinstance(media_id, str) or not media_id:
        raise MalformedNotificationError("image without a media id")
    caption = image.get("caption")
    return {"image": Image(f"whatsapp:{media_id}", caption if isinstance(caption, str) else None)}


def _unusable(_message: dict[str, Any]) -> Fields:
    # A voice note, video, document or contact card: an empty message, so the step asks again.
    return {"text": ""}


def _welcome(_message: dict[str, Any]) -> Fields:
    # The resident opened the chat for the first time: like a deep link without a campaign.
    return {"start_param": ""}


# Message types that become a turn; every other type (reaction, sticker, unsupported,
# system, order, ...) is acknowledged and ignored.
KINDS: dict[str, Callable[[dict[str, Any]], Fields]] = {
    "text": _text,
    "interactive": _interactive,
    "button": _button,
    "location": _location,
    "image": _image,
    "audio": _unusable,
    "voice": _unusable,
    "video": _unusable,
    "document": _unusable,
    "contacts": _unusable,
    "request_welcome": _welcome,
}


def _object(parent: dict[str, Any], key: str) -> dict[str, Any]:
    value = parent.get(key)
    if not isinstance(value, dict):
        raise MalformedNotificationError(f"{key} is not an object")
    return value


def _list(parent: dict[str, Any], key: str) -> list[Any]:
    value = parent.get(key, [])
    if not isinstance(value, list):
        raise MalformedNotificationError(f"{key} is not a list")
    return value


def parse(data: object, *, phone_number_id: str | None) -> Notification:
    """The notification's messages and statuses (MalformedNotificationError if it isn't one).

    Changes addressed to another business phone number than ours are ignored.
    """
    if not isinstance(data, dict) or data.get("object") != "whatsapp_business_account":
        raise MalformedNotificationError("not a WhatsApp Business Account notification")
    found = Notification()
    for entry in _list(data, "entry"):
        if not isinstance(entry, dict):
            raise MalformedNotificationError("entry is not an object")
        for change in _list(entry, "changes"):
            if not isinstance(change, dict):
                raise MalformedNotificationError("change is not an object")
            if change.get("field") != "messages":
                found.ignored += 1  # template reviews, account updates and the like
                continue
            _change(_object(change, "value"), phone_number_id, found)
    return found


def _change(value: dict[str, Any], phone_number_id: str | None, found: Notification) -> None:
    metadata = value.get("metadata")
    ours = metadata.get("phone_number_id") if isinstance(metadata, dict) else None
    if phone_number_id is not None and ours is not None and str(ours) != phone_number_id:
        log.warning("notification for another business phone number ignored")
        found.ignored += 1
        return
    for message in _list(value, "messages"):
        parsed = _message(message) if isinstance(message, dict) else None
        if parsed is None:
            found.ignored += 1
        else:
            found.messages.append(parsed)
    for status in _list(value, "statuses"):
        parsed_status = _status(status) if isinstance(status, dict) else None
        if parsed_status is not None:
            found.statuses.append(parsed_status)


def _message(message: dict[str, Any]) -> Message | None:
    sender, wamid, kind = message.get("from"), message.get("id"), message.get("type")
    if not (isinstance(sender, str) and isinstance(wamid, str) and isinstance(kind, str)):
        # Retrying would not mend it, so it is acknowledged (e.g. a sender known only by a
        # business-scoped user id, which pbchat can't answer yet).
        log.warning("WhatsApp message without from, id or type ignored")
        return None
    read = KINDS.get(kind)
    if read is None:
        log.info("WhatsApp %s message ignored", kind)
        return None
    try:
        fields = read(message)
    except MalformedNotificationError as error:
        log.warning("WhatsApp %s message ignored: %s", kind, error)
        return None
    page_turn = _page_turn(str(fields.get("payload") or ""))
    inbound = Inbound(CHANNEL, sender, locale_hint=locale_hint(sender), message_id=wamid, **fields)
    return Message(inbound, wamid, page_turn)


def _page_turn(payload: str) -> PageTurn | None:
    if not payload.startswith(PAGE_PREFIX):
        return None
    row, _, page = payload.removeprefix(PAGE_PREFIX).partition(":")
    if not (row.isdigit() and page.isdigit() and len(row) <= 9 and len(page) <= 3):
        return None  # not one of ours (ids are 32-bit); the engine calls it inactive
    return PageTurn(int(row), int(page))


def _status(status: dict[str, Any]) -> Status | None:
    wamid, state = status.get("id"), status.get("status")
    if not (isinstance(wamid, str) and isinstance(state, str)):
        log.warning("WhatsApp status without id or status ignored")
        return None
    errors = status.get("errors")
    first = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) else {}
    code = first.get("code")
    recipient = status.get("recipient_id")
    return Status(
        wamid=wamid,
        status=state,
        recipient=recipient if isinstance(recipient, str) else None,
        error_code=code if isinstance(code, int) else None,
        error_title=str(first.get("title") or first.get("message") or ""),
    )
