"""Results: once published, the winners with cost and votes."""

from __future__ import annotations

from actions import results
from bot.engine.flow import Flow, Step, register
from bot.engine.messages import Button
from bot.engine.turn import Turn
from bot.flows.widgets import menu_button, proposal_title


def show(turn: Turn) -> None:
    """Shows the published winners, or when they will be published."""
    campaign = turn.campaign
    if campaign is None:
        turn.goto("start")
        return
    found = results.published(turn.session, campaign_id=campaign.id)
    if found is None:
        when = campaign.dates.results_published
        text = (
            turn.t._("The results will be published on {date}.", date=turn.date(when))
            if when and when > turn.now
            else turn.t._("The results have not been published yet.")
        )
        turn.say(text, buttons=[menu_button(turn)])
        return
    lines = [
        turn.t.n_(
            "{n} proposal will be carried out, for {total} in total:",
            "{n} proposals will be carried out, for {total} in total:",
            len(found.winners),
            total=turn.money(found.cost),
        )
    ]
    for position, winner in enumerate(found.winners, start=1):
        votes = turn.t.n_("{n} vote", "{n} votes", winner.votes)
        lines.append(
            f"{position}. {proposal_title(turn, winner.proposal)} — "
            f"{turn.money(winner.proposal.cost)} — {votes}"
        )
    turn.say(
        "\n".join(lines),
        buttons=[Button("g:browse", turn.t._("Proposals")), menu_button(turn)],
    )


register(Flow("results", {"begin": Step(prompt=show)}))
