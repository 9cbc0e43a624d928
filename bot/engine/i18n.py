"""Translations from gettext catalogs (data/locales) and locale-aware formatting with Babel."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from babel.support import NullTranslations, Translations

DOMAIN = "messages"
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})


def _compile(po_path: Path) -> Translations:
    # Compiled in memory at start, so a new language is a .po file and nothing else.
    with po_path.open("rb") as fp:
        catalog = read_po(fp, locale=po_path.parent.parent.name)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


@dataclass(frozen=True, slots=True)
class Translator:
    """Texts and formats for one language."""

    language: str
    translations: NullTranslations
    locale: Locale

    @property
    def rtl(self) -> bool:
        """Whether the language is written right to left."""
        return self.language in RTL_LANGUAGES

    def _(self, message: str, /, **params: object) -> str:
        """The translation of `message`, with {placeholders} filled in."""
        text = self.translations.gettext(message)
        return text.format(**params) if params else text

    def n_(self, singular: str, plural: str, n: int, /, **params: object) -> str:
        """The singular or plural translation for `n`, with {n} and {placeholders} filled in."""
        return self.translations.ngettext(singular, plural, n).format(n=n, **params)

    def money(self, amount: int, currency: str = "EUR") -> str:
        """An amount in whole units, the locale's way ("€ 1.234" in nl, "€1,234" in en)."""
        pattern = self.locale.currency_formats["standard"].pattern
        whole = pattern.replace(".00", "")
        return format_currency(
            amount, currency, locale=self.locale, format=whole, currency_digits=False
        )

    def number(self, value: int) -> str:
        """A number with the locale's grouping."""
        return format_decimal(value, locale=self.locale)

    def date(self, when: datetime, timezone: str) -> str:
        """A date in the campaign's time zone, spelled out ("4 maart 2027")."""
        return format_date(when.astimezone(ZoneInfo(timezone)).date(), "long", locale=self.locale)

    def datetime(self, when: datetime, timezone: str) -> str:
        """A date and time in the campaign's time zone."""
        return format_datetime(
            when, "d MMMM yyyy HH:mm", tzinfo=ZoneInfo(timezone), locale=self.locale
        )


class Catalogs:
    """Every language found under the locales folder, loaded once."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @cached_property
    def _translators(self) -> dict[str, Translator]:
        found: dict[str, Translator] = {}
        for po in sorted(self.root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            language = po.parent.parent.name
            found[language] = Translator(language, _compile(po), Locale.parse(language))
        return found

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages that have a catalog."""
        return tuple(self._translators)

    def get(self, language: str) -> Translator:
        """The translator for `language` (English, untranslated, if there is no catalog)."""
        found = self._translators.get(language)
        if found is not None:
            return found
        return Translator(language, NullTranslations(), Locale.parse("en"))
