"""Which languages a campaign may use: those with NLU training data and translations."""

from __future__ import annotations

from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data"


def supported(data_dir: Path = DEFAULT_DATA) -> frozenset[str]:
    """Language codes with both `nlu/<lang>.yml` and a `locales/<lang>/` folder."""
    nlu = {path.stem for path in (data_dir / "nlu").glob("*.yml")}
    locales = {path.name for path in (data_dir / "locales").glob("*/")}
    return frozenset(nlu & locales)
