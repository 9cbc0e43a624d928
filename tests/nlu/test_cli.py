"""`pbchat nlu evaluate` and `pbchat nlu train` through typer's test runner."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from bot.commands import nlu as nlu_commands

FIXTURES = Path(__file__).parent / "fixtures"
TRAIN = FIXTURES / "train"
HELD_OUT = FIXTURES / "heldout"


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """pbchat (test)."""

    nlu_commands.register(app)
    return app


def test_evaluate_prints_one_json_object(app: typer.Typer) -> None:
    result = CliRunner().invoke(
        app,
        [
            "nlu",
            "evaluate",
            str(HELD_OUT),
            "--interpreter",
            "builtin",
            "--data",
            str(TRAIN),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert set(body) == {"intent_accuracy", "per_language", "n"}
    assert body["n"] == 13
    assert set(body["per_language"]) == {"en", "nl"}
    for scores in body["per_language"].values():
        assert set(scores) == {"intent_accuracy", "language_accuracy"}
        assert 0.0 <= scores["intent_accuracy"] <= 1.0
        assert 0.0 <= scores["language_accuracy"] <= 1.0
    assert 0.5 <= body["intent_accuracy"] <= 1.0


def test_evaluate_without_json_prints_tables(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["nlu", "evaluate", str(HELD_OUT), "--data", str(TRAIN)])
    assert result.exit_code == 0, result.output
    assert "intent accuracy" in result.stdout
    for word in ("language", "en", "nl", "greet", "submit_idea"):
        assert word in result.stdout


def test_evaluate_rejects_an_unknown_interpreter(app: typer.Typer) -> None:
    result = CliRunner().invoke(
        app, ["nlu", "evaluate", str(HELD_OUT), "--interpreter", "spacy", "--data", str(TRAIN)]
    )
    assert result.exit_code == 2
    assert "unknown interpreter" in result.output


def test_evaluate_with_rasa_down_says_so(app: typer.Typer) -> None:
    result = CliRunner().invoke(
        app,
        [
            "nlu",
            "evaluate",
            str(HELD_OUT),
            "--interpreter",
            "rasa",
            "--data",
            str(TRAIN),
            "--rasa-url",
            "http://127.0.0.1:9",
            "--json",
        ],
    )
    assert result.exit_code == 1
    assert "no answer from rasa" in result.output


def test_train_builtin_reports_time_and_size(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["nlu", "train", "--data", str(TRAIN)])
    assert result.exit_code == 0, result.output
    assert "builtin: trained on" in result.stdout
    assert "x 6 intents" in result.stdout


def test_train_rasa_without_its_module_says_so(
    app: typer.Typer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "nlu.rasa_train", None)  # makes the import fail
    result = CliRunner().invoke(app, ["nlu", "train", "--interpreter", "rasa"])
    assert result.exit_code == 1
    assert "not available" in result.output
