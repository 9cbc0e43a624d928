"""Returning to the step a resident left for help or a language change."""

from __future__ import annotations

from bot.engine.turn import Turn


def go_back(turn: Turn) -> None:
    """Restores the saved step and its context, and asks its question again (else the menu)."""
    target = turn.ctx.pop("_return", None)
    saved = turn.ctx.pop("_saved", None)
    if not target:
        turn.goto("menu")
        return
    flow, step = target
    turn.flow, turn.step = flow, step
    turn.ctx = {**{k: v for k, v in turn.ctx.items() if k.startswith("_")}, **(saved or {})}
    turn.ctx.pop("_return", None)
    turn.ctx.pop("_saved", None)
    turn.reprompt()
