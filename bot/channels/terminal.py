"""The terminal channel: lines from stdin, replies with numbered options on stdout."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from bot.engine.messages import Inbound, Reply

CHANNEL = "terminal"


def render(replies: Iterable[Reply]) -> str:
    """Replies as plain text; options numbered across the whole turn, as the engine counts."""
    out: list[str] = []
    number = 0
    for reply in replies:
        out.append(reply.text)
        if reply.image_url:
            out.append(f"[{reply.image_alt or 'image'}: {reply.image_url}]")
        for row in reply.rows:
            number += 1
            line = f"  {number}. {row.title}"
            out.append(f"{line}\n     {row.description}" if row.description else line)
        for button in reply.buttons:
            number += 1
            out.append(f"  {number}. {button.label}")
        out.append("")
    return "\n".join(out)


def converse(
    handle: Callable[[Inbound], list[Reply]],
    lines: Iterable[str],
    out: TextIO,
    *,
    user_id: str,
    campaign: str | None,
    language: str | None,
) -> None:
    """Runs a conversation: opens it on `campaign`, then answers each input line."""
    first = Inbound(CHANNEL, user_id, start_param=campaign or "", locale_hint=language)
    out.write(render(handle(first)))
    out.flush()
    for line in lines:
        text = line.rstrip("\n")
        out.write(f"> {text}\n")
        out.write(render(handle(Inbound(CHANNEL, user_id, text=text, locale_hint=language))))
        out.flush()
