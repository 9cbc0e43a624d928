"""The real Rasa server for the tests marked `rasa` (a pytest plugin, loaded by conftest)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from nlu.rasa_train import RasaServer, ensure_model, free_port, start_server

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def rasa_model() -> Path:
    """The model `make rasa` trained from data/nlu; trained here if missing or stale."""
    return ensure_model(data_dir=REPO / "data" / "nlu", out_dir=REPO / "models", repo_root=REPO)


@pytest.fixture(scope="session")
def rasa_server(rasa_model: Path) -> Iterator[RasaServer]:
    """`rasa run --enable-api` on a free loopback port, for the whole session."""
    with start_server(model=rasa_model, port=free_port(), repo_root=REPO) as server:
        yield server
