"""`pbchat telegram set-webhook` and `pbchat telegram poll` against the fake Bot API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.support.fake_telegram import TOKEN, FakeBotApi, serve
from tests.support.telegram_resident import fixture

runner = CliRunner()


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeBotApi]:
    api, server = serve()
    monkeypatch.setenv("PBCHAT_DATABASE_URL", f"sqlite:///{tmp_path / 'tg.db'}")
    monkeypatch.setenv("PBCHAT_TELEGRAM_TOKEN", TOKEN)
    monkeypatch.setenv("PBCHAT_TELEGRAM_SECRET_TOKEN", "s3cret")
    monkeypatch.setenv("PBCHAT_TELEGRAM_API_BASE", f"{server.url}/bot")
    yield api
    server.stop()


def test_set_webhook_sends_the_secret_and_the_update_kinds(fake: FakeBotApi) -> None:
    result = runner.invoke(
        app, ["telegram", "set-webhook", "https://pb.example.org/webhooks/telegram"]
    )
    assert result.exit_code == 0, result.output
    (call,) = fake.sent("setWebhook")
    assert call.params["url"] == "https://pb.example.org/webhooks/telegram"
    assert call.params["secret_token"] == "s3cret"
    assert call.params["allowed_updates"] == ["message", "callback_query"]


def test_poll_runs_the_same_turns_as_the_webhook(fake: FakeBotApi) -> None:
    runner.invoke(app, ["demo", "load"])
    fake.updates.append(fixture("command_start"))
    result = runner.invoke(app, ["telegram", "poll", "--rounds", "2", "--wait", "0"])
    assert result.exit_code == 0, result.output
    assert fake.sent("deleteWebhook")
    texts = fake.texts(777000111)
    assert any("Türkçe" in text for text in texts), (texts, fake.sent(), result.output)


def test_without_a_token_the_commands_say_so(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("PBCHAT_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.delenv("PBCHAT_TELEGRAM_TOKEN", raising=False)
    result = runner.invoke(app, ["telegram", "poll"])
    assert result.exit_code == 2 and "PBCHAT_TELEGRAM_TOKEN" in result.output
