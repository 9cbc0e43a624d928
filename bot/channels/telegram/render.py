"""Replies as Bot API calls: text with inline keyboards, photos with captions."""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.channels.splitting import chunks
from bot.engine.messages import Reply

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_LIMIT = 64  # bytes
BUTTON_TEXT = 60


@dataclass(frozen=True, slots=True)
class Call:
    """One Bot API call: sendMessage or sendPhoto."""

    method: str
    text: str
    photo: str | None = None
    keyboard: InlineKeyboardMarkup | None = field(default=None)


def callback_data(payload: str, number: int) -> str:
    """The payload, or its option number when it doesn't fit Telegram's 64 bytes."""
    return payload if len(payload.encode()) <= CALLBACK_LIMIT else f"n:{number}"


def _label(text: str) -> str:
    return text if len(text) <= BUTTON_TEXT else text[: BUTTON_TEXT - 1].rstrip() + "…"


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """Rows one per line, then the buttons two per line."""
    number = int(reply.meta.get("first_option", "1"))
    lines: list[list[InlineKeyboardButton]] = []
    for row in reply.rows:
        lines.append(
            [
                InlineKeyboardButton(
                    _label(row.title), callback_data=callback_data(row.payload, number)
                )
            ]
        )
        number += 1
    pair: list[InlineKeyboardButton] = []
    for button in reply.buttons:
        pair.append(
            InlineKeyboardButton(
                _label(button.label), callback_data=callback_data(button.payload, number)
            )
        )
        number += 1
        if len(pair) == 2:
            lines.append(pair)
            pair = []
    if pair:
        lines.append(pair)
    return InlineKeyboardMarkup(lines) if lines else None


def _body(reply: Reply) -> str:
    if not reply.rows:
        return reply.text
    listed = [
        f"• {row.title}\n  {row.description}" if row.description else f"• {row.title}"
        for row in reply.rows
    ]
    return "\n\n".join([reply.text, "\n".join(listed)])


def render(reply: Reply) -> list[Call]:
    """The calls that show one reply; only the last carries the keyboard."""
    markup = keyboard(reply)
    body = _body(reply) or "…"
    calls: list[Call] = []
    if reply.image_url:
        if len(body) <= CAPTION_LIMIT:
            return [Call("sendPhoto", body, reply.image_url, markup)]
        calls.append(Call("sendPhoto", "", reply.image_url))
    pieces = chunks(body, TEXT_LIMIT)
    calls.extend(Call("sendMessage", piece) for piece in pieces[:-1])
    calls.append(Call("sendMessage", pieces[-1], keyboard=markup))
    return calls
