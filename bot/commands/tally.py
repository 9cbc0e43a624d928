"""`pbchat tally FILE.pb`: count a pabulib election with one of the tally rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from actions.domain.pabulib.election import to_election
from actions.domain.pabulib.errors import PabulibError
from actions.domain.pabulib.parse import parse
from actions.domain.tally.registry import RULES, tally
from actions.domain.tally.types import Election, TallyError, TallyResult, TieBreak

MethodOption = Annotated[str, typer.Option("--method", "-m", help=f"One of: {', '.join(RULES)}.")]


def register(app: typer.Typer) -> None:
    """Adds the `tally` command to the CLI."""
    app.command("tally")(tally_command)


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(2)


def tally_command(
    file: Annotated[Path, typer.Argument(help="A pabulib .pb file.", dir_okay=False)],
    method: MethodOption,
    comparison: Annotated[
        bool, typer.Option("--comparison", help="mes-add1: take greedy if more voters prefer it.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the lot that settles ties.")] = 0,
) -> None:
    """Counts the votes in FILE and prints the selected projects (a table, or JSON)."""
    if method not in RULES:
        raise _fail(f"unknown method {method!r}; use one of {', '.join(RULES)}")
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _fail(f"{file}: can't read: {error}") from None
    try:
        election = to_election(parse(text))
        result = tally(method, election, TieBreak(seed), comparison=comparison)
    except PabulibError as error:
        raise _fail(f"{file}: {error}") from None
    except TallyError as error:
        raise _fail(f"{file}: {error}") from None
    if as_json:
        typer.echo(json.dumps(_as_json(result, comparison), ensure_ascii=False))
    else:
        for line in _table(result, election):
            typer.echo(line)


def _as_json(result: TallyResult, comparison: bool) -> dict[str, object]:
    return {
        "selected": list(result.selected),
        "cost": result.cost,
        "method": result.method,
        "comparison": comparison,
        "budget": result.budget,
        "leftover": result.leftover,
        "seed": result.seed,
        "part_funded": result.part_funded,
        "details": dict(result.details),
        "explanations": {
            project: {"code": str(e.code), "params": dict(e.params)}
            for project, e in result.explanations.items()
        },
    }


def _table(result: TallyResult, election: Election) -> list[str]:
    """Selected projects in selection order with a running total, then the rest by votes."""
    votes = election.ballots.votes()
    by_id = {p.id: p for p in election.projects}
    chosen = set(result.selected)
    rest = sorted(
        (p for p in election.projects if p.id not in chosen),
        key=lambda p: (-votes.get(p.id, 0), p.cost, p.id),
    )
    layout = "{:>4}  {:<12}  {:<40}  {:>7}  {:>12}  {:>13}  {:<8}  {}"
    lines = [
        layout.format(
            "rank", "project", "name", "votes", "cost", "running total", "selected", "reason"
        )
    ]
    running = 0
    rows = [by_id[p] for p in result.selected] + rest
    for rank, project in enumerate(rows, start=1):
        selected = project.id in chosen
        running += project.cost if selected else 0
        lines.append(
            layout.format(
                rank,
                project.id,
                project.name[:40],
                votes.get(project.id, 0),
                f"{project.cost:,}",
                f"{running:,}" if selected else "",
                "yes" if selected else "no",
                result.explanations[project.id].code,
            )
        )
    summary = (
        f"{result.method}: {len(result.selected)} selected for {result.cost:,} "
        f"of {result.budget:,} (leftover {result.leftover:,}); seed {result.seed}"
    )
    if result.part_funded is not None:
        summary += f"; the leftover could part-fund {result.part_funded}"
    details = ", ".join(f"{k} {v}" for k, v in result.details.items())
    return [*lines, "", summary + (f"; {details}" if details else "")]
