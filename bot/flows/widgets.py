"""Pieces of replies that several flows show: menu buttons, proposal rows, totals."""

from __future__ import annotations

from babel import Locale

from actions import browse
from actions.domain.ballot_rules import Violation
from actions.store.campaigns import Proposal
from bot.engine.messages import Button, ListRow
from bot.engine.turn import Turn

SUMMARY_CHARS = 72


def menu_button(turn: Turn) -> Button:
    """The "Menu" button, valid from anywhere."""
    return Button("g:menu", turn.t._("Menu"))


def language_name(code: str) -> str:
    """A language's own name for itself ("Nederlands", "Türkçe", "العربية")."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def proposal_title(turn: Turn, proposal: Proposal) -> str:
    """ "#12 Title" in the resident's language."""
    return f"#{proposal.number} {turn.text(proposal.title)}"


def proposal_row(turn: Turn, proposal: Proposal, payload: str) -> ListRow:
    """A list row for a proposal: number and title, cost and the start of the summary."""
    summary = turn.text(proposal.summary)
    description = f"{turn.money(proposal.cost)} · {summary}"
    if len(description) > SUMMARY_CHARS:
        description = description[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return ListRow(payload, proposal_title(turn, proposal), description)


def total_line(turn: Turn, total: int) -> str:
    """The running total against the budget ("€ 120.000 of € 300.000")."""
    assert turn.campaign is not None
    rules = turn.campaign.rules
    limit = rules.max_budget if rules.max_budget is not None else turn.campaign.budget
    return turn.t._("{total} of {budget}", total=turn.money(total), budget=turn.money(limit))


def _theme_name(turn: Turn, key: str) -> str:
    assert turn.campaign is not None
    names = {c.key: c.name for c in browse.themes(turn.session, campaign_id=turn.campaign.id)}
    return turn.text(names[key]) if key in names else key


def violation_text(turn: Turn, violation: Violation) -> str:
    """Why a ballot change was refused, in plain words."""
    t, p = turn.t, violation.params
    money = {k: turn.money(int(v)) for k, v in p.items() if k in {"total", "max", "min"}}
    texts = {
        "over_budget": lambda: t._(
            "That would bring your total to {total}, which is more than the budget of {max}. "
            "Remove a proposal first, or choose a cheaper one.",
            **money,
        ),
        "too_many_items": lambda: t._(
            "You can choose at most {max} proposals.", max=t.number(int(p["max"]))
        ),
        "theme_cap": lambda: t.n_(
            "You can choose at most {n} proposal in the theme “{theme}”.",
            "You can choose at most {n} proposals in the theme “{theme}”.",
            int(p["max"]),
            theme=_theme_name(turn, str(p["theme"])),
        ),
        "already_chosen": lambda: t._("This proposal is already on your ballot."),
        "empty": lambda: t._("Your ballot is empty. Add at least one proposal."),
        "too_few_items": lambda: t._(
            "Please choose at least {min} proposals. You have {count} now.",
            min=t.number(int(p["min"])),
            count=t.number(int(p["count"])),
        ),
        "under_min_budget": lambda: t._(
            "Please spend at least {min}. Your ballot now adds up to {total}.", **money
        ),
        "voting_closed": lambda: t._("Voting is not open at the moment."),
        "already_voted": lambda: t._(
            "You have already voted. Your vote counts once and can't be changed."
        ),
    }
    make = texts.get(violation.code)
    return make() if make else t._("This is not allowed by the rules of this vote.")
