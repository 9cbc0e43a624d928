"""Telegram updates (Bot API JSON) into Inbound messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Bot, Update

from bot.channels.telegram import CHANNEL
from bot.engine.messages import Image, Inbound, Location


class MalformedUpdateError(ValueError):
    """The body is not a Telegram update."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """An update worth a turn: the inbound, and the callback to answer and keyboard to clear."""

    inbound: Inbound
    chat_id: str
    callback_query_id: str | None = None
    pressed_message_id: int | None = None


def parse(data: object, bot: Bot) -> Parsed | None:
    """The update as an Inbound; None for kinds pbchat ignores (edits, channel posts, groups)."""
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        raise MalformedUpdateError("not a Telegram update")
    try:
        update = Update.de_json(data, bot)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise MalformedUpdateError(str(error)) from error
    if update is None:
        raise MalformedUpdateError("empty update")
    key = str(update.update_id)
    if update.callback_query is not None:
        return _callback(update, key)
    message = update.message
    if message is None or message.chat.type != "private" or message.from_user is None:
        return None
    hint = message.from_user.language_code
    fields: dict[str, Any] = {}
    text = message.text or ""
    if text.startswith("/start"):
        fields["start_param"] = text.removeprefix("/start").strip()
    elif text.startswith("/"):
        command, _, rest = text.partition(" ")
        fields["text"] = (command.split("@", 1)[0] + " " + rest).strip()
    elif message.location is not None:
        fields["location"] = Location(message.location.latitude, message.location.longitude)
    elif message.photo:
        fields["image"] = Image(f"telegram:{message.photo[-1].file_id}", message.caption)
    else:
        # Stickers, voice notes and the like become an empty message: the step asks again.
        fields["text"] = text
    chat_id = str(message.chat.id)
    return Parsed(Inbound(CHANNEL, chat_id, locale_hint=hint, message_id=key, **fields), chat_id)


def _callback(update: Update, key: str) -> Parsed | None:
    query = update.callback_query
    assert query is not None
    message = query.message
    chat_id = str(message.chat.id) if message is not None else str(query.from_user.id)
    data = query.data or ""
    if data.startswith("n:") and data[2:].isdigit():
        # A payload too long for callback_data travels as its option number.
        fields: dict[str, Any] = {"text": data[2:]}
    else:
        fields = {"payload": data}
    inbound = Inbound(
        CHANNEL, chat_id, locale_hint=query.from_user.language_code, message_id=key, **fields
    )
    pressed = message.message_id if message is not None else None
    return Parsed(inbound, chat_id, callback_query_id=query.id, pressed_message_id=pressed)
