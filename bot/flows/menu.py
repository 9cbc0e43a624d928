"""The main menu: what can be done depends on the campaign's phase."""

from __future__ import annotations

from actions.domain.campaign import Phase
from bot.engine.flow import Flow, Step, register
from bot.engine.messages import Button
from bot.engine.turn import Turn


def phase_line(turn: Turn) -> str:
    """One sentence on where the campaign stands."""
    assert turn.campaign is not None
    dates, t = turn.campaign.dates, turn.t
    lines = {
        Phase.UPCOMING: lambda: t._("This budget has not started yet."),
        Phase.IDEAS: lambda: (
            t._("You can share ideas until {date}.", date=turn.date(dates.ideas_close))
            if dates.ideas_close
            else t._("You can share ideas now.")
        ),
        Phase.BETWEEN: lambda: (
            t._(
                "The ideas are being reviewed. Voting opens on {date}.",
                date=turn.date(dates.voting_open),
            )
            if dates.voting_open
            else t._("The ideas are being reviewed.")
        ),
        Phase.VOTING: lambda: (
            t._("Voting is open until {date}.", date=turn.date(dates.voting_close))
            if dates.voting_close
            else t._("Voting is open.")
        ),
        Phase.COUNTING: lambda: t._("Voting has closed. The votes are being counted."),
        Phase.RESULTS: lambda: t._("The results are in."),
    }
    return lines[turn.phase]()


def main(turn: Turn) -> None:
    """Shows the actions that fit the phase."""
    if turn.campaign is None:
        turn.goto("start")
        return
    t = turn.t
    first = {
        Phase.IDEAS: [Button("g:idea", t._("Share an idea")), Button("g:browse", t._("Proposals"))],
        Phase.VOTING: [Button("g:vote", t._("Vote")), Button("g:browse", t._("Proposals"))],
        Phase.RESULTS: [Button("g:results", t._("Results")), Button("g:browse", t._("Proposals"))],
    }.get(turn.phase, [Button("g:browse", t._("Proposals"))])
    turn.say(
        "\n".join(
            [turn.text(turn.campaign.name), phase_line(turn), "", t._("What would you like to do?")]
        ),
        buttons=[
            *first,
            Button("g:info", t._("About this budget")),
            Button("g:help", t._("Help")),
            Button("g:language", t._("Language")),
        ],
    )


register(Flow("menu", {"main": Step(prompt=main)}, entry="main"))
