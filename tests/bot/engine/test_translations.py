"""Every resident-facing text exists in every language; formats follow the locale."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.engine.i18n import Catalogs

LOCALES = Path(__file__).resolve().parents[3] / "data" / "locales"
LANGUAGES = ["nl", "en", "tr", "ar", "pl"]
SOURCE = "en"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def template_ids() -> set[str]:
    with (LOCALES / "messages.pot").open("rb") as fp:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fp) if m.id}


def test_the_template_is_up_to_date_with_the_code() -> None:
    """`make catalogs` was run after texts changed (else translators miss new texts)."""
    repo = LOCALES.parent.parent
    keywords = {"_": None, "n_": (1, 2)}
    current: set[str] = set()
    for package in ("bot", "actions"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            repo / package, method_map=[("**.py", "python")], keywords=keywords
        ):
            current.add(message if isinstance(message, str) else message[0])
    assert current == template_ids()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    with (LOCALES / language / "LC_MESSAGES" / "messages.po").open("rb") as fp:
        catalog = read_po(fp, locale=language)
    missing, broken = [], []
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if language == SOURCE and not any(strings):
            continue  # the msgids are English: gettext shows them as they are
        if not all(strings) or message.fuzzy:
            missing.append(ids[0])
            continue
        wanted = set(PLACEHOLDER.findall(ids[-1])) - {"n"}
        for text in strings:
            if set(PLACEHOLDER.findall(text)) - {"n"} != wanted:
                broken.append((ids[0], text))
    assert {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id} >= template_ids()
    assert missing == [], f"{language}: {len(missing)} untranslated"
    assert broken == [], f"{language}: placeholders differ"


def test_money_follows_the_locale() -> None:
    catalogs = Catalogs(LOCALES)
    assert catalogs.get("nl").money(1234) == "€\xa01.234"
    assert catalogs.get("en").money(1234) == "€1,234"
    assert catalogs.get("pl").money(300000) == "300\xa0000\xa0€"
    assert catalogs.get("tr").money(5000) == "€5.000"


def test_dates_follow_the_locale_and_the_campaign_time_zone() -> None:
    catalogs = Catalogs(LOCALES)
    late = datetime(2027, 3, 4, 23, 30, tzinfo=UTC)  # already 5 March in Amsterdam
    assert catalogs.get("nl").date(late, "Europe/Amsterdam") == "5 maart 2027"
    assert catalogs.get("en").date(late, "UTC") == "March 4, 2027"


def test_arabic_is_right_to_left() -> None:
    catalogs = Catalogs(LOCALES)
    assert catalogs.get("ar").rtl and not catalogs.get("nl").rtl


def test_a_language_is_data_only() -> None:
    """Every catalog folder is picked up without code naming it."""
    assert set(Catalogs(LOCALES).languages) == {p.name for p in LOCALES.iterdir() if p.is_dir()}
