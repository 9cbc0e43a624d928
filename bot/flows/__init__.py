"""The residents' journeys; importing this package registers every flow."""

from bot.flows import (
    browse,
    help,
    idea,
    info,
    language,
    leave,
    menu,
    privacy,
    results,
    start,
    vote,
)

__all__ = [
    "browse",
    "help",
    "idea",
    "info",
    "language",
    "leave",
    "menu",
    "privacy",
    "results",
    "start",
    "vote",
]
