"""Cutting long text for providers with message-size limits (shared by the channels)."""

from __future__ import annotations


def chunks(text: str, limit: int) -> list[str]:
    """The text cut at paragraph, line or word breaks into pieces of at most `limit`."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = max(
            text.rfind("\n\n", 0, limit), text.rfind("\n", 0, limit), text.rfind(" ", 0, limit)
        )
        cut = cut if cut > 0 else limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return [*pieces, text] if text else pieces
