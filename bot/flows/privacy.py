"""Stop (no more broadcasts) and delete my data."""

from __future__ import annotations

from actions import forget
from bot.engine.flow import Flow, Step, register
from bot.engine.messages import Button
from bot.engine.turn import Turn
from bot.flows.widgets import menu_button


def stop(turn: Turn) -> None:
    """Opts the resident out of every message they didn't ask for."""
    turn.resident.opted_out = True
    turn.say(
        turn.t._(
            "OK. You will not get any more messages from us, such as reminders or news about "
            "your idea. You can still chat with me whenever you like."
        ),
        buttons=[menu_button(turn)],
    )
    turn.settle("menu")


def ask_forget(turn: Turn) -> None:
    """Explains what deletion means and asks to confirm."""
    turn.say(
        turn.t._(
            "Do you want me to delete your data? I will delete our conversation, your contact "
            "details and your personal details in your ideas. If you have voted, your vote still "
            "counts, but it is no longer linked to you."
        ),
        buttons=[
            Button("f:yes", turn.t._("Yes, delete my data")),
            Button("f:no", turn.t._("No, keep it")),
        ],
    )


def on_forget(turn: Turn, payload: str) -> None:
    """Deletes everything personal, only on the explicit button."""
    if payload != "f:yes":
        turn.say(turn.t._("OK, nothing has been deleted."))
        turn.goto("menu")
        return
    forget.forget(turn.session, resident_id=turn.resident.id)
    turn.say(turn.t._("Your data has been deleted. Goodbye! You can start again at any time."))


register(Flow("stop", {"begin": Step(prompt=stop)}))
register(
    Flow(
        "forget", {"begin": Step(prompt=ask_forget, on_choice=on_forget, intents={"deny": "f:no"})}
    )
)
