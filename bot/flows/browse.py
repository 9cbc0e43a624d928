"""Browse: proposals by theme or neighbourhood, page by page, and each one in full."""

from __future__ import annotations

from actions import browse, cast_ballot
from actions.domain.campaign import Phase
from bot.engine.flow import Flow, Step, register
from bot.engine.messages import Button, ListRow
from bot.engine.turn import Turn
from bot.flows.widgets import menu_button, proposal_row, proposal_title


def begin(turn: Turn) -> None:
    """Asks how to browse."""
    assert turn.campaign is not None
    total = browse.page(turn.session, campaign_id=turn.campaign.id, size=1).total
    if total == 0:
        turn.say(turn.t._("There are no proposals yet."), buttons=[menu_button(turn)])
        return
    turn.say(
        turn.t.n_(
            "There is {n} proposal. How would you like to look?",
            "There are {n} proposals. How would you like to look?",
            total,
        ),
        buttons=[
            Button("b:themes", turn.t._("By theme")),
            Button("b:areas", turn.t._("By neighbourhood")),
            Button("b:all", turn.t._("All proposals")),
            menu_button(turn),
        ],
    )


def on_begin(turn: Turn, payload: str) -> None:
    """Goes to the chosen way of browsing."""
    targets = {"b:themes": "themes", "b:areas": "areas"}
    if payload in targets:
        turn.goto("browse", targets[payload])
    else:
        turn.goto("browse", "list", theme=None, area=None, page=0)


def ask_theme(turn: Turn) -> None:
    """Lists the themes with their number of proposals."""
    assert turn.campaign is not None
    rows = [
        ListRow(
            f"b:theme:{c.key}",
            turn.text(c.name),
            turn.t.n_("{n} proposal", "{n} proposals", c.count),
        )
        for c in browse.themes(turn.session, campaign_id=turn.campaign.id)
    ]
    turn.say(
        turn.t._("Choose a theme:"),
        rows=rows,
        list_label=turn.t._("Themes"),
        buttons=[menu_button(turn)],
    )


def ask_area(turn: Turn) -> None:
    """Lists the neighbourhoods with their number of proposals."""
    assert turn.campaign is not None
    rows = [
        ListRow(
            f"b:area:{c.key}",
            turn.text(c.name),
            turn.t.n_("{n} proposal", "{n} proposals", c.count),
        )
        for c in browse.neighbourhoods(turn.session, campaign_id=turn.campaign.id)
        if c.count
    ]
    turn.say(
        turn.t._("Choose a neighbourhood:"),
        rows=rows,
        list_label=turn.t._("Neighbourhoods"),
        buttons=[menu_button(turn)],
    )


def on_category(turn: Turn, payload: str) -> None:
    """Lists the proposals of the chosen theme or neighbourhood."""
    _, kind, key = payload.split(":", 2)
    turn.goto(
        "browse",
        "list",
        theme=key if kind == "theme" else None,
        area=key if kind == "area" else None,
        page=0,
    )


def show_list(turn: Turn) -> None:
    """Shows one page of proposals."""
    assert turn.campaign is not None
    found = browse.page(
        turn.session,
        campaign_id=turn.campaign.id,
        theme=turn.ctx.get("theme"),
        neighbourhood=turn.ctx.get("area"),
        page=int(turn.ctx.get("page", 0)),
        size=turn.services.page_size,
    )
    turn.ctx["page"] = found.page
    buttons = []
    if found.page + 1 < found.pages:
        buttons.append(Button("b:next", turn.t._("More")))
    if found.page > 0:
        buttons.append(Button("b:prev", turn.t._("Previous")))
    buttons.append(menu_button(turn))
    turn.say(
        turn.t._(
            "Proposals {first}–{last} of {total}. Choose one to read more:",
            first=found.page * turn.services.page_size + 1,
            last=found.page * turn.services.page_size + len(found.proposals),
            total=found.total,
        ),
        rows=[proposal_row(turn, p, f"p:{p.number}") for p in found.proposals],
        list_label=turn.t._("Proposals"),
        buttons=buttons,
    )


def on_list(turn: Turn, payload: str) -> None:
    """Opens a proposal or turns the page."""
    if payload.startswith("p:"):
        turn.goto("browse", "detail", number=int(payload[2:]), expanded=False)
        return
    turn.ctx["page"] = int(turn.ctx.get("page", 0)) + (1 if payload == "b:next" else -1)
    turn.reprompt()


def show_detail(turn: Turn) -> None:
    """Shows one proposal: title, cost, theme, summary and image; more on request."""
    assert turn.campaign is not None
    number = int(turn.ctx.get("number", 0))
    proposal = browse.by_number(turn.session, campaign_id=turn.campaign.id, number=number)
    if proposal is None:
        turn.say(turn.t._("There is no proposal #{number}.", number=number))
        turn.goto("browse", "list", page=0)
        return
    body = turn.text(proposal.description if turn.ctx.get("expanded") else proposal.summary)
    text = f"{proposal_title(turn, proposal)}\n{turn.money(proposal.cost)}\n\n{body}"
    buttons = []
    if not turn.ctx.get("expanded"):
        buttons.append(Button("b:more", turn.t._("Tell me more")))
    if turn.phase is Phase.VOTING:
        chosen = (
            proposal.id
            in cast_ballot.draft(turn.session, campaign=turn.campaign, voter_key=turn.voter_key).ids
        )
        buttons.append(
            Button(f"v:remove:{proposal.id}", turn.t._("Remove from my ballot"))
            if chosen
            else Button(f"v:add:{proposal.id}", turn.t._("Add to my ballot"))
        )
    buttons.append(Button("b:back", turn.t._("Back to the list")))
    buttons.append(menu_button(turn))
    turn.say(
        text,
        buttons=buttons,
        image_url=proposal.image_url,
        image_alt=turn.text(proposal.title) if proposal.image_url else None,
    )


def on_detail(turn: Turn, payload: str) -> None:
    """Expands, goes back, or hands a ballot change to the vote flow."""
    if payload == "b:more":
        turn.ctx["expanded"] = True
        turn.reprompt()
    elif payload == "b:back":
        turn.ctx.setdefault("page", 0)
        turn.step = "list"
        turn.reprompt()
    else:
        _, action, proposal_id = payload.split(":", 2)
        turn.goto("vote", "begin", _ballot_change=[action, int(proposal_id)])


register(
    Flow(
        "browse",
        {
            "begin": Step(prompt=begin, on_choice=on_begin),
            "themes": Step(prompt=ask_theme, on_choice=on_category),
            "areas": Step(prompt=ask_area, on_choice=on_category),
            "list": Step(prompt=show_list, on_choice=on_list),
            "detail": Step(prompt=show_detail, on_choice=on_detail, intents={"deny": "b:back"}),
        },
    )
)
