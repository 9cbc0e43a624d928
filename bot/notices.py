"""Notices organisers cause (an idea's review outcome, a broadcast), in the resident's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.delivery.outbox import Claimed
from bot.engine.i18n import Catalogs, Translator
from bot.engine.messages import Button, Reply


def _texts(t: Translator, p: dict[str, Any]) -> dict[str, Callable[[], str]]:
    return {
        "idea_in_review": lambda: t._(
            "Your idea {reference} (\u201c{title}\u201d) is being reviewed now.", **p
        ),
        "idea_accepted": lambda: t._(
            "Good news! Your idea {reference} (\u201c{title}\u201d) has been accepted. "
            "It can now become a proposal that residents vote on.",
            **p,
        ),
        "idea_rejected": lambda: t._(
            "Your idea {reference} (\u201c{title}\u201d) was not accepted. The reason: {reason}",
            **p,
        ),
        "idea_merged": lambda: t._(
            "Your idea {reference} (\u201c{title}\u201d) has been combined with a similar idea. "
            "{reason}",
            **p,
        ),
        # The organiser wrote it in this language already (actions/broadcasts.py chose it).
        "broadcast": lambda: p["text"],
    }


def render(catalogs: Catalogs, *, code: str, params: dict[str, Any], language: str | None) -> Reply:
    """The notice as a reply in `language` (English if unknown)."""
    t = catalogs.get(language or "en")
    safe = {
        "reference": "",
        "title": "",
        "reason": "",
        "text": "",
        **{k: str(v) for k, v in params.items()},
    }
    make = _texts(t, safe).get(code)
    text = (make() if make else "") or t._("There is news about your participation.")
    return Reply(
        text=text,
        buttons=(Button("g:menu", t._("Menu")),),
        language=t.language,
        rtl=t.rtl,
        meta={"first_option": "1"},
    )


def renderer(catalogs: Catalogs) -> Callable[[Claimed], Reply]:
    """What a transport calls to turn a queued notice row into a reply in its language."""

    def render_row(item: Claimed) -> Reply:
        return render(
            catalogs,
            code=str(item.payload.get("code", "")),
            params=dict(item.payload.get("params", {})),
            language=item.language,
        )

    return render_row
