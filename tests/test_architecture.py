"""Rules import-linter can't express: the domain uses the standard library only."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_the_domain_imports_only_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"actions", "__future__"}
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) - allowed)
        for path in (ROOT / "actions" / "domain").rglob("*.py")
        if imported_roots(path) - allowed
    }
    assert offenders == {}


def test_the_domain_imports_no_other_pbchat_layer() -> None:
    for path in (ROOT / "actions" / "domain").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("actions.") or node.module.startswith(
                    "actions.domain"
                ), f"{path}: {node.module}"


def test_no_module_reads_the_environment_outside_the_composition_root() -> None:
    allowed = {"bot/settings.py", "bot/app.py", "bot/cli.py"}
    for package in ("actions", "bot", "nlu", "admin_api"):
        for path in (ROOT / package).rglob("*.py"):
            relative = str(path.relative_to(ROOT))
            if relative in allowed:
                continue
            text = path.read_text(encoding="utf-8")
            # Copying the environment for a child process is fine; reading a setting is not.
            for reading in ("os.environ[", "os.environ.get", "getenv("):
                assert reading not in text, relative
