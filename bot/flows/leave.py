"""Leaving half-filled work: ask before an unsent idea is thrown away."""

from __future__ import annotations

from bot.engine.flow import Flow, Step, register
from bot.engine.messages import Button
from bot.engine.turn import Turn


def ask(turn: Turn) -> None:
    """Asks whether to discard the unsent idea."""
    turn.say(
        turn.t._("Your idea has not been sent yet. Do you want to discard it?"),
        buttons=[
            Button("leave:yes", turn.t._("Discard it")),
            Button("leave:no", turn.t._("Continue my idea")),
        ],
    )


def on_choice(turn: Turn, payload: str) -> None:
    """Goes where the resident asked to go, or back to the idea."""
    resume = turn.ctx.pop("_resume", None)
    target = turn.ctx.pop("_target", None)
    if payload == "leave:yes" and target:
        flow, step, context = target
        turn.goto(flow, step, **context)
        return
    if resume:
        flow, step, context = resume
        turn.flow, turn.step = flow, step
        turn.ctx = dict(context)
        turn.reprompt()
        return
    turn.goto("menu")


register(
    Flow(
        "leave",
        {"confirm": Step(prompt=ask, on_choice=on_choice, intents={"deny": "leave:no"})},
        entry="confirm",
    )
)
