"""What an organiser sets on a campaign, and every check those settings must pass."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from actions import limits
from actions.domain.ballot_rules import BallotKind, BallotRules
from actions.domain.campaign import ChangePolicy, Eligibility, PhaseDates
from actions.domain.tally.registry import RULES
from actions.errors import Problem

SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
CURRENCY = re.compile(r"[A-Z]{3}")
POSTCODE = re.compile(r"[0-9]{4}(?:[A-Z]{2})?")


@dataclass(frozen=True, slots=True)
class Category:
    """A theme or neighbourhood: a key and its translated name."""

    key: str
    name: dict[str, str]


@dataclass(frozen=True, slots=True)
class CampaignSettings:
    """Everything an organiser decides about a campaign."""

    slug: str
    name: dict[str, str]
    budget: int
    languages: tuple[str, ...]
    description: dict[str, str] = field(default_factory=dict)
    currency: str = "EUR"
    timezone: str = "Europe/Amsterdam"
    dates: PhaseDates = field(default_factory=PhaseDates)
    rules: BallotRules = field(default_factory=lambda: BallotRules(BallotKind.APPROVAL))
    eligibility: Eligibility = Eligibility.CODE
    change_policy: ChangePolicy = ChangePolicy.FINAL
    postcodes: tuple[str, ...] = ()
    tally_method: str = "greedy"
    allowed_origins: tuple[str, ...] = ()
    themes: tuple[Category, ...] = ()
    neighbourhoods: tuple[Category, ...] = ()


Check = Callable[[CampaignSettings, frozenset[str]], list[Problem]]


def _identity(s: CampaignSettings, _: frozenset[str]) -> list[Problem]:
    found = []
    if not SLUG.fullmatch(s.slug):
        found.append(Problem("bad_slug", "use 2-64 lower-case letters, digits and dashes", "slug"))
    if not CURRENCY.fullmatch(s.currency):
        found.append(Problem("bad_currency", "use a 3-letter ISO code such as EUR", "currency"))
    if not 0 < s.budget <= limits.INT_MAX:
        message = f"the budget must be from 1 to {limits.INT_MAX}"
        found.append(Problem("bad_budget", message, "budget"))
    try:
        ZoneInfo(s.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        found.append(Problem("unknown_timezone", f"no time zone {s.timezone!r}", "timezone"))
    return found


def _languages(s: CampaignSettings, supported: frozenset[str]) -> list[Problem]:
    found = []
    if not s.languages:
        found.append(Problem("no_languages", "name at least one language", "languages"))
    if len(set(s.languages)) != len(s.languages):
        found.append(Problem("duplicate_language", "a language is listed twice", "languages"))
    for language in s.languages:
        if language not in supported:
            found.append(
                Problem(
                    "unsupported_language",
                    f"{language!r} has no NLU data or translations (supported: "
                    f"{', '.join(sorted(supported))})",
                    "languages",
                )
            )
    return found


def translation_problems(
    texts: dict[str, str], languages: tuple[str, ...], where: str, *, required: bool
) -> list[Problem]:
    """Problems of one translated field: languages outside the campaign, the default missing."""
    found = [
        Problem("unknown_language", f"{lang!r} is not a language of the campaign", where)
        for lang in texts
        if lang not in languages
    ]
    if required and languages and not texts.get(languages[0], "").strip():
        found.append(Problem("missing_default_translation", f"give it in {languages[0]!r}", where))
    return found


def _texts(s: CampaignSettings, _: frozenset[str]) -> list[Problem]:
    found = translation_problems(s.name, s.languages, "name", required=True)
    found += translation_problems(s.description, s.languages, "description", required=False)
    for kind, categories in (("themes", s.themes), ("neighbourhoods", s.neighbourhoods)):
        keys = [c.key for c in categories]
        if len(set(keys)) != len(keys):
            found.append(Problem("duplicate_key", "a key is listed twice", kind))
        for category in categories:
            if not KEY.fullmatch(category.key):
                found.append(Problem("bad_key", f"bad key {category.key!r}", kind))
            found += translation_problems(category.name, s.languages, kind, required=True)
    return found


def _dates(s: CampaignSettings, _: frozenset[str]) -> list[Problem]:
    return [
        Problem(
            code,
            code.replace("_before_", " is before ").replace("_", " "),
            "dates." + code.split("_before_")[0],
        )
        for code in s.dates.problems()
    ]


def _rules(s: CampaignSettings, _: frozenset[str]) -> list[Problem]:
    found = [Problem(code, code.replace("_", " "), "rules") for code in s.rules.problems()]
    themes = {c.key for c in s.themes}
    found += [
        Problem("unknown_theme", f"no theme {key!r} in this campaign", "rules.theme_caps")
        for key in s.rules.theme_caps
        if key not in themes
    ]
    if s.tally_method not in RULES:
        known = ", ".join(RULES)
        found.append(Problem("unknown_method", f"use one of {known}", "tally_method"))
    return found


def _eligibility(s: CampaignSettings, _: frozenset[str]) -> list[Problem]:
    found = [
        Problem("bad_postcode", f"{code!r} is not a postcode like 1055 or 1055AB", "postcodes")
        for code in s.postcodes
        if not POSTCODE.fullmatch(code)
    ]
    if s.eligibility is Eligibility.CODE_POSTCODE and not s.postcodes:
        found.append(
            Problem("postcodes_required", "code+postcode needs a list of postcodes", "postcodes")
        )
    for origin in s.allowed_origins:
        if normalise_origin(origin) is None:
            message = f"{origin!r} is not like https://example.org"
            found.append(Problem("bad_origin", message, "allowed_origins"))
    return found


CHECKS: tuple[Check, ...] = (_identity, _languages, _texts, _dates, _rules, _eligibility)


def problems(settings: CampaignSettings, *, supported: frozenset[str]) -> list[Problem]:
    """Every rule the settings break (empty when they are sound)."""
    return [problem for check in CHECKS for problem in check(settings, supported)]


def normalise_origin(text: str) -> str | None:
    """A web origin ("https://example.org:8443") in canonical form, or None if it isn't one."""
    if not text.isprintable():
        return None
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        return None
    host = parts.hostname.lower()
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port is not None else "")


def normalise_postcode(text: str) -> str:
    """A postcode without spaces, upper case ("1055 ab" -> "1055AB")."""
    return "".join(text.split()).upper()
