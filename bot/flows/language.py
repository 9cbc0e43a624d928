"""Language: switch at once, on a button or an explicit request."""

from __future__ import annotations

from bot.engine.flow import Flow, Step, register
from bot.engine.messages import Button
from bot.engine.turn import Turn
from bot.flows.back import go_back
from bot.flows.widgets import language_name


def _available(turn: Turn) -> tuple[str, ...]:
    if turn.campaign is not None:
        return turn.campaign.languages
    return turn.services.catalogs.languages


def ask(turn: Turn) -> None:
    """Switches straight to a named language, or offers them all."""
    wanted = turn.ctx.pop("wanted", None)
    if wanted == turn.t.language:
        # "I don't read Dutch well", said in Dutch: naming the current language asks for another.
        wanted = None
    if wanted and wanted in _available(turn):
        _switch(turn, wanted)
        return
    if wanted:
        turn.say(turn.t._("Sorry, I can't chat in that language yet."))
    turn.say(
        turn.t._("Choose your language:"),
        buttons=[Button(f"l:{code}", language_name(code)) for code in _available(turn)],
    )


def on_choice(turn: Turn, payload: str) -> None:
    """Switches to the chosen language."""
    _switch(turn, payload.removeprefix("l:"))


def _switch(turn: Turn, code: str) -> None:
    turn.resident.language = code
    turn.t = turn.services.catalogs.get(code)
    turn.say(turn.t._("OK, from now on I'll write in {language}.", language=language_name(code)))
    go_back(turn)


register(Flow("language", {"begin": Step(prompt=ask, on_choice=on_choice)}))
