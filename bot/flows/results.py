"""Results: once published, the winners with cost and votes, and why each proposal went so."""

from __future__ import annotations

from actions import browse, results
from bot.engine.flow import Flow, Step, register
from bot.engine.messages import Button
from bot.engine.turn import Turn
from bot.flows.explain import explanation
from bot.flows.widgets import menu_button, proposal_row, proposal_title


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
    buttons = [Button("r:why", turn.t._("Why?")), Button("g:browse", turn.t._("Proposals"))]
    turn.say("\n".join(lines), buttons=[*buttons, menu_button(turn)])


def on_show(turn: Turn, payload: str) -> None:
    """Opens the list of proposals to explain."""
    turn.goto("results", "why", page=0)


def ask_which(turn: Turn) -> None:
    """Lists every proposal, to ask why it won or lost."""
    assert turn.campaign is not None
    size = turn.services.page_size
    found = browse.page(
        turn.session, campaign_id=turn.campaign.id, page=int(turn.ctx.get("page", 0)), size=size
    )
    turn.ctx["page"] = found.page
    buttons = []
    if found.page + 1 < found.pages:
        buttons.append(Button("r:next", turn.t._("More")))
    if found.page > 0:
        buttons.append(Button("r:prev", turn.t._("Previous")))
    turn.say(
        turn.t._("Which proposal do you want to know about?"),
        rows=[proposal_row(turn, p, f"r:p:{p.id}") for p in found.proposals],
        list_label=turn.t._("Proposals"),
        buttons=[*buttons, menu_button(turn)],
    )


def on_which(turn: Turn, payload: str) -> None:
    """Explains the chosen proposal's outcome, or turns the page."""
    assert turn.campaign is not None
    if payload in {"r:next", "r:prev"}:
        turn.ctx["page"] = int(turn.ctx.get("page", 0)) + (1 if payload == "r:next" else -1)
        turn.reprompt()
        return
    found = results.published(turn.session, campaign_id=turn.campaign.id)
    proposal_id = int(payload.removeprefix("r:p:"))
    proposal = next(iter(browse.by_ids(turn.session, ids=[proposal_id])), None)
    if found is None or proposal is None:
        turn.goto("results")
        return
    numbers = {
        str(p.id): f"#{p.number}"
        for p in browse.by_ids(turn.session, ids=[int(k) for k in found.explanations])
    }
    reason = found.explanations.get(proposal_id, {})
    turn.say(
        explanation(
            turn,
            proposal_title(turn, proposal),
            str(reason.get("code", "")),
            dict(reason.get("params", {})),
            lambda ident: numbers.get(ident, ident),
        )
    )
    turn.reprompt()


register(
    Flow(
        "results",
        {
            "begin": Step(prompt=show, on_choice=on_show),
            "why": Step(prompt=ask_which, on_choice=on_which),
        },
    )
)
