"""About this budget: what it is, how much money, and the dates."""

from __future__ import annotations

from bot.engine.flow import Flow, Step, register
from bot.engine.turn import Turn
from bot.flows.menu import phase_line
from bot.flows.widgets import menu_button


def show(turn: Turn) -> None:
    """Explains the campaign in a few lines."""
    campaign = turn.campaign
    if campaign is None:
        turn.goto("start")
        return
    t, dates = turn.t, campaign.dates
    lines = [
        turn.text(campaign.name),
        turn.text(campaign.description),
        t._("Budget: {amount}.", amount=turn.money(campaign.budget)),
    ]
    if dates.ideas_open and dates.ideas_close:
        lines.append(
            t._(
                "Ideas: {start} to {end}.",
                start=turn.date(dates.ideas_open),
                end=turn.date(dates.ideas_close),
            )
        )
    if dates.voting_open and dates.voting_close:
        lines.append(
            t._(
                "Voting: {start} to {end}.",
                start=turn.date(dates.voting_open),
                end=turn.date(dates.voting_close),
            )
        )
    if dates.results_published:
        lines.append(t._("Results: {date}.", date=turn.date(dates.results_published)))
    lines.append(phase_line(turn))
    turn.say("\n".join(lines), buttons=[menu_button(turn)])


register(Flow("info", {"begin": Step(prompt=show)}))
