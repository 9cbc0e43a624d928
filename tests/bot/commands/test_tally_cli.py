"""`tally FILE.pb`: JSON and table output, and clear failures on bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from bot.commands.tally import register

REPO = Path(__file__).resolve().parents[3]
PABULIB = REPO.parent / "shared" / "pabulib"
runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """A command group, as in the real CLI."""

    register(app)
    return app


def test_json_gives_the_selected_projects_their_cost_and_the_method(app: typer.Typer) -> None:
    file = PABULIB / "Netherlands_Amsterdam_324.pb"
    result = runner.invoke(app, ["tally", str(file), "--method", "greedy", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert list(out)[:3] == ["selected", "cost", "method"]
    assert set(out["selected"]) == {"38268", "38280", "38282"}
    assert out["cost"] == 30_000
    assert out["method"] == "greedy"
    assert out["explanations"]["38278"]["code"] == "no_budget_left"


def test_json_with_comparison(app: typer.Typer) -> None:
    file = PABULIB / "Poland_Wieliczka_2023_Green_Budget.pb"
    args = ["tally", str(file), "--method", "mes-add1", "--comparison", "--json", "--seed", "5"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert len(out["selected"]) == 30
    assert out["cost"] == 995_079
    assert out["method"] == "mes-add1" and out["comparison"] is True
    assert out["seed"] == 5
    assert out["details"]["outcome"] == "mes"


def test_table_lists_selected_in_order_with_a_running_total(app: typer.Typer) -> None:
    file = PABULIB / "Netherlands_Amsterdam_309.pb"
    result = runner.invoke(app, ["tally", str(file), "--method", "greedy-no-skip"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["rank", "project", "name", "votes"]
    # The 11th row is the last selected one and brings the total to 290,790.
    assert "290,790" in lines[11] and " yes " in lines[11]
    assert " no " in lines[12]
    assert "11 selected for 290,790 of 300,000" in result.stdout
    assert "part-fund 37865" in result.stdout


def test_a_bad_file_fails_with_its_line_number(app: typer.Typer, tmp_path: Path) -> None:
    bad = tmp_path / "bad.pb"
    bad.write_text(
        "META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost\n1;10\n"
        "VOTES\nvoter_id;vote\nv1;1\nv2;1,7\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["tally", str(bad), "--method", "greedy", "--json"])
    assert result.exit_code == 2
    assert "line 10" in result.stderr and "unknown project 7" in result.stderr
    assert result.stdout == ""


def test_other_vote_types_are_refused(app: typer.Typer, tmp_path: Path) -> None:
    ordinal = tmp_path / "ordinal.pb"
    ordinal.write_text(
        "META\nkey;value\nbudget;100\nvote_type;ordinal\nPROJECTS\nproject_id;cost\n1;10\n"
        "VOTES\nvoter_id;vote\nv1;1\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["tally", str(ordinal), "--method", "greedy"])
    assert result.exit_code == 2
    assert "approval" in result.stderr


def test_unknown_method_and_misplaced_comparison(app: typer.Typer) -> None:
    file = str(PABULIB / "Netherlands_Assen_2024.pb")
    unknown = runner.invoke(app, ["tally", file, "--method", "borda"])
    assert unknown.exit_code == 2 and "mes-add1" in unknown.stderr
    misplaced = runner.invoke(app, ["tally", file, "--method", "greedy", "--comparison"])
    assert misplaced.exit_code == 2 and "comparison" in misplaced.stderr


def test_missing_file(app: typer.Typer, tmp_path: Path) -> None:
    result = runner.invoke(app, ["tally", str(tmp_path / "nope.pb"), "--method", "greedy"])
    assert result.exit_code == 2
