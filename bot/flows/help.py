"""Help: how to use the chat, in plain words; then back to where the resident was."""

from __future__ import annotations

from bot.engine.flow import Flow, Step, register
from bot.engine.messages import Button
from bot.engine.turn import Turn
from bot.flows.back import go_back
from bot.flows.widgets import menu_button


def show(turn: Turn) -> None:
    """Explains the buttons, numbers, commands and privacy."""
    t = turn.t
    text = "\n".join(
        [
            t._("How this chat works:"),
            t._("• Tap a button, or type its number."),
            t._(
                "• You can also type what you want, like \u201cshow the proposals\u201d "
                "or \u201cI want to vote\u201d."
            ),
            t._("• Type \u201cmenu\u201d to see everything you can do."),
            t._("• Type \u201clanguage\u201d to choose another language."),
            t._("• Type \u201cstop\u201d if you don't want messages from us any more."),
            t._("• Type \u201cdelete my data\u201d to remove what we keep about you."),
        ]
    )
    buttons = [menu_button(turn)]
    if turn.ctx.get("_return"):
        buttons.insert(0, Button("h:back", t._("Go back")))
    turn.say(text, buttons=buttons)


def on_choice(turn: Turn, payload: str) -> None:
    """Returns to the step the resident came from."""
    go_back(turn)


register(Flow("help", {"begin": Step(prompt=show, on_choice=on_choice)}))
