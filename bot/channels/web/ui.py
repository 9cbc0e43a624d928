"""The widget's own texts (launcher, buttons, labels), from the bot's gettext catalogs."""

from __future__ import annotations

from typing import Any

from actions.web_photos import MAX_BYTES
from bot.engine.i18n import Catalogs, Translator


def texts(t: Translator) -> dict[str, str]:
    """Every text of the widget's chrome in one language, by the key the widget uses."""
    return {
        "launcher": t._("Chat with us"),
        "close": t._("Close"),
        "send": t._("Send"),
        "input": t._("Message"),
        "log": t._("Messages"),
        "you": t._("You:"),
        "bot": t._("Chat assistant:"),
        "location": t._("Share my location"),
        "location_shared": t._("Location shared"),
        "location_failed": t._("I could not get your location."),
        "photo": t._("Add a photo"),
        "photo_sent": t._("Photo sent"),
        "photo_alt": t._("The photo you sent"),
        "photo_type": t._("That file is not a photo I can use. Please choose a JPEG, PNG or WebP."),
        "photo_too_big": t._(
            "That photo is too large. Please choose one of at most {size} MB.",
            size=t.number(MAX_BYTES // (1024 * 1024)),
        ),
        "new_tab": t._("(opens in a new tab)"),
        "error": t._("Sorry, the chat is not available right now. Please try again later."),
        "busy": t._("Please wait a moment before sending more messages."),
    }


def pick_language(catalogs: Catalogs, wanted: str | None, accept_language: str | None) -> str:
    """The language asked for, else the browser's best known one, else English."""
    known = catalogs.languages
    for candidate in [wanted or "", *preferred_languages(accept_language)]:
        code = candidate.replace("_", "-").split("-")[0].lower()
        if code in known:
            return code
    return "en"


def preferred_languages(header: str | None) -> list[str]:
    """The tags of an Accept-Language header, most preferred first."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and tag != "*" and quality > 0:
            ranked.append((-quality, position, tag.strip()))
    return [tag for _, _, tag in sorted(ranked)]


def ui(catalogs: Catalogs, language: str) -> dict[str, Any]:
    """The chrome's texts with the language and its direction, as GET /widget/api/ui answers."""
    t = catalogs.get(language)
    return {"language": language, "rtl": t.rtl, "texts": texts(t)}
