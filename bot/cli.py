"""The `pbchat` command line: server, terminal chat, demo data, codes, tokens, tally, NLU."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from actions.store import migrate
from actions.store.database import Database
from bot.app import Stack, build_stack
from bot.commands import nlu as nlu_commands
from bot.commands import tally as tally_commands
from bot.commands import telegram as telegram_commands
from bot.settings import Settings

app = typer.Typer(help="pbchat: participatory budgeting by chat.", no_args_is_help=True)
demo_app = typer.Typer(help="Demo campaigns.", no_args_is_help=True)
codes_app = typer.Typer(help="Personal voting codes.", no_args_is_help=True)
admin_app = typer.Typer(help="Organisers' access to the admin API.", no_args_is_help=True)
db_app = typer.Typer(help="The database schema.", no_args_is_help=True)
app.add_typer(demo_app, name="demo")
app.add_typer(codes_app, name="codes")
app.add_typer(admin_app, name="admin")
app.add_typer(db_app, name="db")


def _stack() -> Stack:
    return build_stack(Settings())


tally_commands.register(app)
nlu_commands.register(app)
telegram_commands.register(app, _stack)


@app.command()
def run(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Migrates the database and serves webhooks, widget and admin API."""
    import uvicorn

    settings = Settings()
    migrate.upgrade(Database.connect(settings.database_url))
    typer.echo(f"pbchat on http://{host}:{port}", err=True)
    uvicorn.run(
        "bot.asgi:create",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        proxy_headers=True,
    )


@app.command()
def chat(
    campaign: Annotated[str | None, typer.Option(help="Campaign slug, e.g. west.")] = None,
    lang: Annotated[str | None, typer.Option(help="Your language, e.g. nl.")] = None,
    user: Annotated[str, typer.Option(help="Who you are (a conversation per user).")] = "local",
) -> None:
    """A conversation in the terminal; reads lines from stdin, so it can be scripted."""
    from bot.channels.terminal import converse

    stack = _stack()
    converse(
        stack.engine.handle, sys.stdin, sys.stdout, user_id=user, campaign=campaign, language=lang
    )


@demo_app.command("load")
def demo_load(
    folder: Annotated[Path | None, typer.Option(help="Folder of demo YAML files.")] = None,
    if_missing: Annotated[bool, typer.Option(help="Keep campaigns that already exist.")] = False,
) -> None:
    """Migrates the database and loads the demo campaigns (west, duinoord)."""
    from actions import demo

    stack = _stack()
    source = folder or stack.settings.data_dir / "demo"
    with stack.database.transaction() as session:
        loaded = demo.load_folder(
            session, folder=source, now=datetime.now(UTC), keep_existing=if_missing
        )
        for campaign in loaded:
            typer.echo(f"loaded {campaign.slug}", err=True)


@codes_app.command("generate")
def codes_generate(
    campaign: Annotated[str, typer.Option(help="Campaign slug.")],
    count: Annotated[int, typer.Option(min=1, max=1_000_000, help="How many codes.")],
    batch: Annotated[str | None, typer.Option(help="A label for this print run.")] = None,
) -> None:
    """Prints N new voting codes, one a line: the only time they exist in plain text."""
    from actions import campaigns, codes

    stack = _stack()
    with stack.database.transaction() as session:
        found = campaigns.by_slug(session, slug=campaign)
        if found is None:
            typer.echo(f"no campaign {campaign!r}", err=True)
            raise typer.Exit(2)
        with typer.progressbar(length=count, label="codes", file=sys.stderr) as bar:
            made = codes.generate(
                session,
                campaign_id=found.id,
                count=count,
                pepper=stack.settings.secret_key.get_secret_value().encode(),
                batch=batch,
                progress=bar.update,
            )
    sys.stdout.write("\n".join(made) + "\n")


@admin_app.command("create-token")
def create_token(
    role: Annotated[str, typer.Option(help="admin, moderator or viewer.")],
    label: Annotated[str | None, typer.Option(help="Whose token this is.")] = None,
) -> None:
    """Prints a new admin API token."""
    from actions import tokens

    if role not in tokens.ROLES:
        typer.echo(f"role must be one of {', '.join(tokens.ROLES)}", err=True)
        raise typer.Exit(2)
    stack = _stack()
    with stack.database.transaction() as session:
        typer.echo(tokens.create(session, role=role, label=label))


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Migrates the database to the latest schema."""
    _stack()
    typer.echo("database is up to date", err=True)


def main() -> None:
    """Entry point of the `pbchat` console script."""
    app()
