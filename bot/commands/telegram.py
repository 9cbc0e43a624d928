"""`pbchat telegram set-webhook URL` and `pbchat telegram poll`."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Annotated

import typer

from bot.app import Stack
from bot.channels.telegram.polling import ALLOWED_UPDATES, poll
from bot.delivery.sender import Sender

telegram_app = typer.Typer(help="The Telegram channel.", no_args_is_help=True)


def register(app: typer.Typer, make_stack: Callable[[], Stack]) -> None:
    """Adds the `telegram` command group, building the stack only when a command runs."""

    def configured() -> Stack:
        stack = make_stack()
        if stack.telegram is None:
            typer.echo("set PBCHAT_TELEGRAM_TOKEN first", err=True)
            raise typer.Exit(2)
        return stack

    @telegram_app.command("set-webhook")
    def set_webhook(
        url: Annotated[str, typer.Argument(help="Public URL of /webhooks/telegram.")],
    ) -> None:
        """Registers the webhook with Telegram, with the secret token and the update kinds."""
        stack = configured()
        assert stack.telegram is not None
        secret = stack.telegram.secret_token
        if not secret:
            typer.echo("set PBCHAT_TELEGRAM_SECRET_TOKEN first", err=True)
            raise typer.Exit(2)
        asyncio.run(
            stack.telegram.bot.set_webhook(
                url,
                secret_token=secret,
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=False,
            )
        )
        typer.echo(f"webhook set to {url}")

    @telegram_app.command("poll")
    def poll_command(
        rounds: Annotated[int | None, typer.Option(hidden=True)] = None,
        wait: Annotated[int, typer.Option(help="Long-poll seconds per request.")] = 25,
    ) -> None:
        """Runs the bot with long polling (development without a public URL)."""
        stack = configured()
        assert stack.telegram is not None
        typer.echo("polling Telegram; Ctrl-C stops", err=True)
        sender = Sender(stack.database, stack.transports)
        asyncio.run(poll(stack.telegram, sender, rounds=rounds, wait=wait))

    app.add_typer(telegram_app, name="telegram")
