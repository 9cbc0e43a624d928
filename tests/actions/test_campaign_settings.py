"""Campaign settings: every check names its problem; origins and postcodes are normalised."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from actions.campaign_settings import (
    CampaignSettings,
    Category,
    normalise_origin,
    normalise_postcode,
    problems,
)
from actions.domain.ballot_rules import BallotKind, BallotRules
from actions.domain.campaign import Eligibility, PhaseDates

SUPPORTED = frozenset({"nl", "en"})
SOUND = CampaignSettings(
    slug="west",
    name={"nl": "West"},
    budget=300_000,
    languages=("nl", "en"),
    rules=BallotRules(BallotKind.KNAPSACK, max_budget=300_000),
    themes=(Category("green", {"nl": "Groen"}),),
)


def codes(settings: CampaignSettings) -> set[tuple[str, str | None]]:
    return {(p.code, p.field) for p in problems(settings, supported=SUPPORTED)}


def test_sound_settings_have_no_problems() -> None:
    assert problems(SOUND, supported=SUPPORTED) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"slug": "West Side"}, ("bad_slug", "slug")),
        ({"slug": "-west"}, ("bad_slug", "slug")),
        ({"currency": "euro"}, ("bad_currency", "currency")),
        ({"budget": 0}, ("bad_budget", "budget")),
        ({"budget": 2**31}, ("bad_budget", "budget")),
        ({"timezone": "Nowhere/Land"}, ("unknown_timezone", "timezone")),
        ({"timezone": "../../etc/passwd"}, ("unknown_timezone", "timezone")),
        ({"languages": ()}, ("no_languages", "languages")),
        ({"languages": ("nl", "nl")}, ("duplicate_language", "languages")),
        ({"languages": ("nl", "tr")}, ("unsupported_language", "languages")),
        ({"name": {"en": "West"}}, ("missing_default_translation", "name")),
        ({"description": {"de": "..."}}, ("unknown_language", "description")),
        ({"themes": (Category("Green!", {"nl": "x"}),)}, ("bad_key", "themes")),
        (
            {"themes": (Category("a", {"nl": "x"}), Category("a", {"nl": "y"}))},
            ("duplicate_key", "themes"),
        ),
        (
            {"neighbourhoods": (Category("west", {"en": "x"}),)},
            ("missing_default_translation", "neighbourhoods"),
        ),
        (
            {
                "dates": PhaseDates(
                    ideas_open=datetime(2028, 2, 1, tzinfo=UTC),
                    ideas_close=datetime(2028, 1, 1, tzinfo=UTC),
                )
            },
            ("ideas_close_before_ideas_open", "dates.ideas_close"),
        ),
        ({"rules": BallotRules(BallotKind.KNAPSACK)}, ("knapsack_needs_max_budget", "rules")),
        (
            {"rules": BallotRules(BallotKind.APPROVAL, min_items=3, max_items=2)},
            ("min_items_above_max", "rules"),
        ),
        (
            {"rules": BallotRules(BallotKind.APPROVAL, theme_caps={"play": 1})},
            ("unknown_theme", "rules.theme_caps"),
        ),
        ({"tally_method": "dictator"}, ("unknown_method", "tally_method")),
        ({"postcodes": ("10 55",)}, ("bad_postcode", "postcodes")),
        ({"eligibility": Eligibility.CODE_POSTCODE}, ("postcodes_required", "postcodes")),
        ({"allowed_origins": ("https://example.org/path",)}, ("bad_origin", "allowed_origins")),
    ],
)
def test_each_problem_is_named(change: dict, expected: tuple[str, str]) -> None:
    assert expected in codes(replace(SOUND, **change))


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("https://Example.org", "https://example.org"),
        ("https://example.org/", "https://example.org"),
        ("http://localhost:8000", "http://localhost:8000"),
        ("https://[::1]:8443", "https://[::1]:8443"),
        ("ftp://example.org", None),
        ("https://example.org/widget", None),
        ("https://user@example.org", None),
        ("https://example.org?x=1", None),
        ("example.org", None),
        ("https://example.org:99999", None),
    ],
)
def test_origins_are_normalised_or_refused(text: str, origin: str | None) -> None:
    assert normalise_origin(text) == origin


def test_postcodes_lose_spaces_and_case() -> None:
    assert normalise_postcode(" 1055 ab ") == "1055AB"
