"""Text fitted to WhatsApp's limits: shortened on a word boundary, or cut into messages."""

from __future__ import annotations

from bot.channels.splitting import chunks

ELLIPSIS = "…"


def shorten(text: str, limit: int) -> tuple[str, str]:
    """The text cut to `limit` characters on a word boundary with "…", and what was cut off.

    The first word is always kept (so "#12" stays at the start of a proposal's title); a single
    word longer than the limit is cut inside.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text, ""
    room = limit - len(ELLIPSIS)
    cut = text.rfind(" ", 0, room + 1)
    if cut <= 0:
        cut = room
    head = text[:cut].rstrip(" ,;:-–—·")
    return head + ELLIPSIS, text[cut:].strip()


def clip(text: str, limit: int) -> str:
    """The text shortened to `limit` characters (see `shorten`)."""
    return shorten(text, limit)[0]


def split_tail(text: str, tail_limit: int, piece_limit: int) -> tuple[list[str], str]:
    """Leading pieces (each ≤ `piece_limit`) and a last piece of at most `tail_limit`.

    The last piece becomes the body of an interactive message; the rest goes before it as text.
    """
    if len(text) <= tail_limit:
        return [], text
    tail = chunks(text, tail_limit)[-1]
    # Take the last paragraphs that fit, so the question stays whole next to its buttons.
    paragraphs = text.split("\n\n")
    kept: list[str] = []
    while paragraphs and len("\n\n".join([paragraphs[-1], *kept])) <= tail_limit:
        kept.insert(0, paragraphs.pop())
    if kept:
        return chunks("\n\n".join(paragraphs), piece_limit), "\n\n".join(kept)
    head = text[: len(text) - len(tail)].rstrip()
    return chunks(head, piece_limit), tail
