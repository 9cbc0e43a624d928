"""Replies as the widget's JSON: text, buttons, list rows and an image, never HTML."""

from __future__ import annotations

from typing import Any

from bot.engine.messages import Reply


def safe_image_url(url: str | None) -> str | None:
    """The URL if it is http(s) or a path on this server; None for anything else (javascript:)."""
    if not url:
        return None
    lowered = url.strip().lower()
    if lowered.startswith(("https://", "http://")):
        return url.strip()
    if lowered.startswith("/") and not lowered.startswith("//"):
        return url.strip()
    return None


def bot_body(reply: Reply) -> dict[str, Any]:
    """One reply as the widget draws it; the widget sets every string as text, not markup."""
    image_url = safe_image_url(reply.image_url)
    image = None
    if image_url is not None:
        # An image needs a text alternative; the proposal's title line is the fallback.
        alt = reply.image_alt or reply.text.split("\n", 1)[0]
        image = {"url": image_url, "alt": alt}
    return {
        "from": "bot",
        "text": reply.text,
        "language": reply.language,
        "rtl": reply.rtl,
        "buttons": [{"payload": b.payload, "label": b.label} for b in reply.buttons],
        "rows": [
            {"payload": r.payload, "title": r.title, "description": r.description}
            for r in reply.rows
        ],
        "list_label": reply.list_label,
        "image": image,
    }


def resident_body(text: str, photo_id: str | None = None) -> dict[str, Any]:
    """What the resident sent, as the widget shows it (the label of a tapped button; the id
    of a photo, which the widget fetches from /widget/api/photos/<id>)."""
    body: dict[str, Any] = {"from": "resident", "text": text}
    if photo_id is not None:
        body["photo"] = {"id": photo_id}
    return body


def option_label(body: dict[str, Any], payload: str) -> str | None:
    """The label a bot message showed for `payload`, if it offered it."""
    for button in body.get("buttons", ()):
        if button.get("payload") == payload:
            return str(button.get("label", ""))
    for row in body.get("rows", ()):
        if row.get("payload") == payload:
            return str(row.get("title", ""))
    return None
