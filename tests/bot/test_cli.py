"""The pbchat command line: demo load, codes, tokens and a scripted terminal chat."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from actions.domain import voting_code
from bot.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def fresh_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PBCHAT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("PBCHAT_SECRET_KEY", "cli-test-secret")


def test_demo_load_then_codes_for_printing() -> None:
    loaded = runner.invoke(app, ["demo", "load"])
    assert loaded.exit_code == 0, loaded.output
    result = runner.invoke(app, ["codes", "generate", "--campaign", "west", "--count", "25"])
    assert result.exit_code == 0, result.output
    codes = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(codes) == 25 and len(set(codes)) == 25
    assert all(voting_code.normalise(code) == code for code in codes)


def test_codes_for_an_unknown_campaign_fail_clearly() -> None:
    runner.invoke(app, ["demo", "load"])
    result = runner.invoke(app, ["codes", "generate", "--campaign", "nowhere", "--count", "1"])
    assert result.exit_code == 2
    assert "no campaign" in result.output


def test_admin_token() -> None:
    result = runner.invoke(app, ["admin", "create-token", "--role", "viewer"])
    assert result.exit_code == 0 and result.stdout.startswith("pbc_")
    wrong = runner.invoke(app, ["admin", "create-token", "--role", "king"])
    assert wrong.exit_code == 2


def test_a_scripted_terminal_chat_votes_to_a_receipt() -> None:
    runner.invoke(app, ["demo", "load"])
    code = runner.invoke(
        app, ["codes", "generate", "--campaign", "west", "--count", "1"]
    ).stdout.strip()
    # Numbers choose the numbered options, as a resident at a terminal would.
    script = "\n".join(["1", "1", "1", code, "1", "1", "3", "1"]) + "\n"
    result = runner.invoke(app, ["chat", "--campaign", "west", "--lang", "en"], input=script)
    assert result.exit_code == 0, result.output
    assert "Shall we continue in English?" in result.stdout
    assert "  1. English" in result.stdout
    assert "Thank you for voting" in result.stdout
