"""Why a proposal won or lost, in plain words, from the tally's reason codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.engine.turn import Turn


def explanation(
    turn: Turn, title: str, code: str, params: dict[str, Any], number_of: Callable[[str], str]
) -> str:
    """The reason `title` won or lost; ids in the parameters become "#12"."""
    t = turn.t
    p = {k: v for k, v in params.items()}
    votes = int(p.get("votes", 0))
    rank = int(p.get("rank", 0))
    texts: dict[str, Callable[[], str]] = {
        "won": lambda: (
            t._(
                "{title} won with {votes} votes, in round {round} of the Method of Equal Shares.",
                title=title,
                votes=t.number(votes),
                round=p["round"],
            )
            if "round" in p
            else t._(
                "{title} won with {votes} votes: it was number {rank} in votes, and there "
                "was enough money left for it.",
                title=title,
                votes=t.number(votes),
                rank=rank,
            )
        ),
        "won_by_completion": lambda: t._(
            "{title} won with {votes} votes. It was chosen when the money each voter could "
            "spend was raised a little, to use what was left of the budget.",
            title=title,
            votes=t.number(votes),
        ),
        "won_by_comparison": lambda: t._(
            "{title} won: more voters preferred the outcome of counting by most votes, so that "
            "outcome was used.",
            title=title,
        ),
        "no_budget_left": lambda: t.n_(
            "{title} got {votes} votes. There was not enough money left after the {n} proposal "
            "with more votes: it costs {cost} and {remaining} was left.",
            "{title} got {votes} votes. There was not enough money left after the {n} proposals "
            "with more votes: it costs {cost} and {remaining} was left.",
            max(rank - 1, 0),
            title=title,
            votes=t.number(votes),
            cost=turn.money(int(p.get("cost", 0))),
            remaining=turn.money(int(p.get("remaining", 0))),
        ),
        "stopped_before": lambda: t._(
            "{title} got {votes} votes. The counting stopped at {stopped}, the first proposal that "
            "no longer fitted in the budget.",
            title=title,
            votes=t.number(votes),
            stopped=number_of(str(p.get("stopped_at", ""))),
        ),
        "share_too_small": lambda: t._(
            "{title} got {votes} votes, but its supporters had only {share} left of their equal "
            "share of the budget: not enough for its cost of {cost}.",
            title=title,
            votes=t.number(votes),
            share=turn.money(int(p.get("share", 0))),
            cost=turn.money(int(p.get("cost", 0))),
        ),
        "no_votes": lambda: t._("{title} got no votes.", title=title),
    }
    make = texts.get(code)
    return make() if make else t._("{title}: no explanation is available.", title=title)
