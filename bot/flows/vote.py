"""Vote: eligibility, building the ballot with a running total, review, confirm, receipt."""

from __future__ import annotations

from actions import browse, cast_ballot, eligibility
from actions.domain.ballot_rules import BallotItem
from actions.domain.campaign import ChangePolicy, Eligibility, Phase
from actions.eligibility import CodeOutcome
from bot.engine.flow import Flow, Step, register
from bot.engine.messages import Button
from bot.engine.turn import Turn
from bot.flows.widgets import (
    menu_button,
    proposal_row,
    proposal_title,
    total_line,
    violation_text,
)


def begin(turn: Turn) -> None:
    """Checks phase, consent, an earlier ballot and eligibility, then opens the ballot."""
    campaign = turn.campaign
    if campaign is None:
        turn.goto("start")
        return
    if not _voting_open(turn):
        return
    if turn.resident.consent_at is None:
        turn.goto("start", "consent", _after="vote")
        return
    ballot = cast_ballot.confirmed(turn.session, campaign_id=campaign.id, voter_key=turn.voter_key)
    if ballot is not None and campaign.change_policy is ChangePolicy.FINAL:
        turn.ctx.pop("_ballot_change", None)
        turn.say(
            turn.t._(
                "You have already voted. Thank you! Your receipt is {receipt}.",
                receipt=ballot.receipt,
            ),
            buttons=[Button("g:browse", turn.t._("Proposals")), menu_button(turn)],
        )
        return
    if not eligibility.is_eligible(turn.session, campaign=campaign, voter_key=turn.voter_key):
        if campaign.eligibility is Eligibility.OPEN:
            eligibility.register_open(turn.session, campaign=campaign, voter_key=turn.voter_key)
        else:
            turn.goto("vote", "code")
            return
    if ballot is not None:
        turn.say(
            turn.t._(
                "You have voted (receipt {receipt}). You can still change your vote until voting "
                "closes. A new confirmation replaces your earlier vote.",
                receipt=ballot.receipt,
            )
        )
    _apply_pending_change(turn)
    turn.goto("vote", "ballot")


def _voting_open(turn: Turn) -> bool:
    assert turn.campaign is not None
    dates = turn.campaign.dates
    if turn.phase is Phase.VOTING:
        return True
    turn.ctx.pop("_ballot_change", None)
    if turn.phase in {Phase.UPCOMING, Phase.IDEAS, Phase.BETWEEN} and dates.voting_open:
        text = turn.t._("Voting opens on {date}.", date=turn.date(dates.voting_open))
    elif turn.phase in {Phase.COUNTING, Phase.RESULTS} and dates.voting_close:
        text = turn.t._("Voting closed on {date}.", date=turn.date(dates.voting_close))
    else:
        text = turn.t._("Voting is not open at the moment.")
    turn.say(text, buttons=[Button("g:browse", turn.t._("Proposals")), menu_button(turn)])
    return False


def _apply_pending_change(turn: Turn) -> None:
    """Carries out an "add to my ballot" tapped while browsing, once eligibility is clear."""
    assert turn.campaign is not None
    pending = turn.ctx.pop("_ballot_change", None)
    if not pending:
        return
    action, proposal_id = pending
    proposal = next(iter(browse.by_ids(turn.session, ids=[int(proposal_id)])), None)
    if proposal is None or proposal.campaign_id != turn.campaign.id:
        return
    if action == "remove":
        change = cast_ballot.remove(
            turn.session, campaign=turn.campaign, voter_key=turn.voter_key, proposal_id=proposal.id
        )
        turn.say(turn.t._("Removed: {title}.", title=proposal_title(turn, proposal)))
        return
    change = cast_ballot.add(
        turn.session, campaign=turn.campaign, voter_key=turn.voter_key, proposal=proposal
    )
    if change.ok:
        turn.say(turn.t._("Added: {title}.", title=proposal_title(turn, proposal)))
    else:
        for violation in change.violations:
            turn.say(violation_text(turn, violation))


def ask_code(turn: Turn) -> None:
    """Asks for the voting code from the letter."""
    turn.say(
        turn.t._(
            "To vote, type the voting code from your letter. It has 12 letters and numbers, "
            "for example ABCD-EFGH-JKMN."
        ),
        buttons=[menu_button(turn)],
    )


def on_code(turn: Turn, text: str) -> None:
    """Checks the code (or keeps it until the postcode is known)."""
    assert turn.campaign is not None
    if turn.campaign.eligibility is Eligibility.CODE_POSTCODE:
        turn.ctx["code"] = text
        turn.goto("vote", "postcode")
        return
    _check(turn, text, None)


def ask_postcode(turn: Turn) -> None:
    """Asks for the postcode (for campaigns that check it)."""
    turn.say(turn.t._("What is your postcode? For example: 2518 AB."), buttons=[menu_button(turn)])


def on_postcode(turn: Turn, text: str) -> None:
    """Checks code and postcode together."""
    _check(turn, str(turn.ctx.pop("code", "")), text)


def _check(turn: Turn, code: str, postcode: str | None) -> None:
    assert turn.campaign is not None
    outcome = eligibility.check_code(
        turn.session,
        campaign=turn.campaign,
        resident=turn.resident,
        entered=code,
        postcode=postcode,
        pepper=turn.services.secret,
        now=turn.now,
    )
    if outcome is CodeOutcome.ACCEPTED:
        turn.say(turn.t._("Thank you, your code is correct. You can vote now."))
        _apply_pending_change(turn)
        turn.goto("vote", "ballot")
        return
    t = turn.t
    left = max(0, 5 - turn.resident.code_failures)
    messages = {
        CodeOutcome.MALFORMED: lambda: t._(
            "That doesn't look like a voting code. A code has 12 letters and numbers, for "
            "example ABCD-EFGH-JKMN. Spaces and dashes don't matter."
        ),
        CodeOutcome.UNKNOWN: lambda: t.n_(
            "I don't know this code. Please check it and try again. You have {n} try left.",
            "I don't know this code. Please check it and try again. You have {n} tries left.",
            left,
        ),
        CodeOutcome.USED: lambda: t._(
            "This code has already been used. Each code can be used once."
        ),
        CodeOutcome.WRONG_POSTCODE: lambda: t._(
            "The code and the postcode don't match our list. Please check both and try again."
        ),
        CodeOutcome.LOCKED: lambda: t._(
            "Too many wrong tries. For your safety, please try again after {time}.",
            time=t.datetime(
                turn.resident.code_locked_until or turn.now,
                turn.campaign.timezone if turn.campaign else "UTC",
            ),
        ),
    }
    turn.say(messages[outcome]())
    if outcome is CodeOutcome.LOCKED:
        turn.goto("menu")
    else:
        turn.goto("vote", "code")


def show_ballot(turn: Turn) -> None:
    """Shows the draft ballot with its running total and what can be done."""
    assert turn.campaign is not None
    draft = cast_ballot.draft(turn.session, campaign=turn.campaign, voter_key=turn.voter_key)
    lines = [f"• {proposal_title(turn, p)} — {turn.money(p.cost)}" for p in draft.proposals]
    header = turn.t.n_(
        "Your ballot has {n} proposal: {total}.",
        "Your ballot has {n} proposals: {total}.",
        len(draft.proposals),
        total=total_line(turn, draft.total),
    )
    buttons = [Button("v:pick", turn.t._("Add a proposal"))]
    if draft.proposals:
        buttons.append(Button("v:drop", turn.t._("Remove a proposal")))
        buttons.append(Button("v:review", turn.t._("Review and vote")))
    buttons.append(menu_button(turn))
    turn.say("\n".join([header, *lines]), buttons=buttons)


def on_ballot(turn: Turn, payload: str) -> None:
    """Goes to adding, removing or reviewing."""
    steps = {"v:pick": "pick", "v:drop": "drop", "v:review": "review"}
    turn.goto("vote", steps[payload], page=0)


def show_pick(turn: Turn) -> None:
    """Lists proposals not yet on the ballot, a page at a time."""
    assert turn.campaign is not None
    draft = cast_ballot.draft(turn.session, campaign=turn.campaign, voter_key=turn.voter_key)
    found = browse.page(turn.session, campaign_id=turn.campaign.id, size=200)
    available = [p for p in found.proposals if p.id not in draft.ids]
    size = turn.services.page_size
    pages = max(1, -(-len(available) // size))
    page = min(max(int(turn.ctx.get("page", 0)), 0), pages - 1)
    turn.ctx["page"] = page
    shown = available[page * size : (page + 1) * size]
    buttons = []
    if page + 1 < pages:
        buttons.append(Button("v:next", turn.t._("More")))
    if page > 0:
        buttons.append(Button("v:prev", turn.t._("Previous")))
    buttons.append(Button("v:ballot", turn.t._("Back to my ballot")))
    turn.say(
        turn.t._(
            "Choose a proposal to add. Your ballot: {total}.", total=total_line(turn, draft.total)
        ),
        rows=[proposal_row(turn, p, f"v:add:{p.id}") for p in shown],
        list_label=turn.t._("Proposals"),
        buttons=buttons,
    )


def on_pick(turn: Turn, payload: str) -> None:
    """Adds the chosen proposal (if the rules allow) or turns the page."""
    assert turn.campaign is not None
    if payload in {"v:next", "v:prev"}:
        turn.ctx["page"] = int(turn.ctx.get("page", 0)) + (1 if payload == "v:next" else -1)
        turn.reprompt()
        return
    if payload == "v:ballot":
        turn.goto("vote", "ballot")
        return
    turn.ctx["_ballot_change"] = ["add", int(payload.rsplit(":", 1)[1])]
    _apply_pending_change(turn)
    turn.goto("vote", "ballot")


def show_drop(turn: Turn) -> None:
    """Lists the proposals on the ballot to remove one."""
    assert turn.campaign is not None
    draft = cast_ballot.draft(turn.session, campaign=turn.campaign, voter_key=turn.voter_key)
    turn.say(
        turn.t._("Which proposal do you want to remove?"),
        rows=[proposal_row(turn, p, f"v:rm:{p.id}") for p in draft.proposals],
        list_label=turn.t._("My ballot"),
        buttons=[Button("v:ballot", turn.t._("Back to my ballot"))],
    )


def on_drop(turn: Turn, payload: str) -> None:
    """Removes the chosen proposal."""
    if payload.startswith("v:rm:"):
        turn.ctx["_ballot_change"] = ["remove", int(payload.rsplit(":", 1)[1])]
        _apply_pending_change(turn)
    turn.goto("vote", "ballot")


def show_review(turn: Turn) -> None:
    """Shows the whole ballot once more and asks for confirmation."""
    assert turn.campaign is not None
    draft = cast_ballot.draft(turn.session, campaign=turn.campaign, voter_key=turn.voter_key)
    problems = turn.campaign.rules.check_final(
        [BallotItem(p.id, p.cost, p.theme_key) for p in draft.proposals]
    )
    if problems:
        for problem in problems:
            turn.say(violation_text(turn, problem))
        turn.goto("vote", "ballot")
        return
    lines = [f"• {proposal_title(turn, p)} — {turn.money(p.cost)}" for p in draft.proposals]
    final = turn.campaign.change_policy is ChangePolicy.FINAL
    note = (
        turn.t._("When you confirm, your vote is final.")
        if final
        else turn.t._("You can change your vote until voting closes.")
    )
    turn.say(
        "\n".join(
            [
                turn.t._("Please check your vote:"),
                *lines,
                turn.t._("Total: {total}.", total=total_line(turn, draft.total)),
                "",
                note,
            ]
        ),
        buttons=[
            Button("v:confirm", turn.t._("Confirm my vote")),
            Button("v:ballot", turn.t._("Change my ballot")),
        ],
    )


def on_review(turn: Turn, payload: str) -> None:
    """Confirms the ballot (only ever on this explicit choice) and gives the receipt."""
    assert turn.campaign is not None
    if payload != "v:confirm":
        turn.goto("vote", "ballot")
        return
    outcome = cast_ballot.confirm(
        turn.session,
        campaign=turn.campaign,
        voter_key=turn.voter_key,
        channel=turn.inbound.channel,
        now=turn.now,
    )
    if outcome.receipt is None:
        for problem in outcome.violations:
            turn.say(violation_text(turn, problem))
        turn.goto("menu")
        return
    dates = turn.campaign.dates
    results = (
        turn.t._(
            "The results will be published on {date}.", date=turn.date(dates.results_published)
        )
        if dates.results_published
        else ""
    )
    turn.say(
        turn.t._(
            "Thank you for voting! Your vote has been saved. Your receipt is {receipt}.",
            receipt=outcome.receipt,
        )
        + (f" {results}" if results else ""),
        buttons=[Button("g:browse", turn.t._("Proposals")), menu_button(turn)],
    )
    turn.settle("menu")


register(
    Flow(
        "vote",
        {
            "begin": Step(prompt=begin),
            "code": Step(prompt=ask_code, on_text=on_code),
            "postcode": Step(prompt=ask_postcode, on_text=on_postcode),
            "ballot": Step(prompt=show_ballot, on_choice=on_ballot),
            "pick": Step(prompt=show_pick, on_choice=on_pick),
            "drop": Step(prompt=show_drop, on_choice=on_drop),
            "review": Step(prompt=show_review, on_choice=on_review),
        },
    )
)
