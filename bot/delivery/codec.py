"""Replies to and from the JSON stored in the outbox."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bot.engine.messages import Button, ListRow, Reply


def to_json(reply: Reply) -> dict[str, Any]:
    """The stored form of a reply."""
    return asdict(reply)


def from_json(data: dict[str, Any]) -> Reply:
    """A reply from its stored form."""
    return Reply(
        text=str(data.get("text", "")),
        buttons=tuple(Button(b["payload"], b["label"]) for b in data.get("buttons", ())),
        rows=tuple(
            ListRow(r["payload"], r["title"], r.get("description", ""))
            for r in data.get("rows", ())
        ),
        list_label=str(data.get("list_label", "")),
        image_url=data.get("image_url"),
        image_alt=data.get("image_alt"),
        language=str(data.get("language", "en")),
        rtl=bool(data.get("rtl", False)),
        meta=dict(data.get("meta", {})),
    )
