"""Where each NLU intent and each global command leads, from any step."""

from __future__ import annotations

# Intents that leave the current step for a journey (flow, step or None for its entry).
JOURNEYS: dict[str, tuple[str, str | None]] = {
    "greet": ("menu", None),
    "browse_proposals": ("browse", None),
    "submit_idea": ("idea", None),
    "vote": ("vote", None),
    "show_ballot": ("vote", None),
    "show_results": ("results", None),
    "campaign_info": ("info", None),
    "help": ("help", None),
    "change_language": ("language", None),
    "opt_out": ("stop", None),
    "delete_my_data": ("forget", None),
}

# Intents that still count inside a step that expects free text (an idea's title, a code).
GLOBAL_INTENTS = frozenset({"help", "change_language", "opt_out", "delete_my_data"})

# Typed commands (Telegram-style, also accepted on every other channel).
COMMANDS: dict[str, tuple[str, str | None]] = {
    "/menu": ("menu", None),
    "/help": ("help", None),
    "/language": ("language", None),
    "/taal": ("language", None),
    "/stop": ("stop", None),
    "/vote": ("vote", None),
    "/idea": ("idea", None),
    "/proposals": ("browse", None),
    "/results": ("results", None),
    "/delete": ("forget", None),
}

# Payloads that work from anywhere, even on an old message: they only navigate.
GLOBAL_PREFIX = "g:"


def global_payload(flow: str) -> str:
    """The payload of a button that opens `flow` from anywhere."""
    return f"{GLOBAL_PREFIX}{flow}"
