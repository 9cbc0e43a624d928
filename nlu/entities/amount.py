"""Money amounts in five languages ("€ 5.000", "5k", "300 tys. zł", "5 bin lira") as whole units.

Spelled-out numbers ("five million", "vijfduizend") are not understood: they yield no amount.
Cents are rounded down; a lone "." or "," followed by exactly three digits groups thousands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from nlu.entities.fold import fold

# Beyond this many digits a "number" is noise (and int() of huge strings is refused anyway).
_MAX_DIGITS = 15

# Multiplier words (folded: lowercase, no diacritics, Arabic variants unified), longest first.
_MULTIPLIERS: dict[str, int] = {
    "thousand": 1_000, "thousands": 1_000, "duizend": 1_000, "dzd": 1_000, "bin": 1_000,
    "tys": 1_000, "tysiac": 1_000, "tysiace": 1_000, "tysiecy": 1_000, "k": 1_000,
    "الف": 1_000, "الاف": 1_000,
    "million": 1_000_000, "millions": 1_000_000, "miljoen": 1_000_000, "mln": 1_000_000,
    "milyon": 1_000_000, "milion": 1_000_000, "miliony": 1_000_000, "milionow": 1_000_000,
    "مليون": 1_000_000, "ملايين": 1_000_000,
    "billion": 1_000_000_000, "miljard": 1_000_000_000, "milyar": 1_000_000_000,
    "mld": 1_000_000_000, "miliard": 1_000_000_000, "miliardy": 1_000_000_000,
    "miliardow": 1_000_000_000, "مليار": 1_000_000_000,
}
_CURRENCIES = (
    "€", "$", "£", "₺", "eur", "euro", "euros", "eurocent", "tl", "try", "lira", "liras",
    "zl", "zloty", "zlotych", "zlote", "pln", "usd", "dollar", "dollars", "يورو", "ليره", "دولار",
)


def _alternation(words: list[str]) -> str:
    """A regex alternation of the words, longest first, so that the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_CURRENCY = _alternation(list(_CURRENCIES))
_PATTERN = re.compile(
    rf"(?<!\w)(?:(?P<pre>{_CURRENCY})\s?)?"
    r"(?<![\w#.,:])"
    r"(?P<number>[0-9]{1,3}(?:(?:[.,'’]|[ \u00a0\u202f])[0-9]{3})+(?:[.,][0-9]{1,2})?"
    r"|[0-9]+(?:[.,][0-9]+)?)"
    rf"(?:\s?(?P<mult>{_alternation(list(_MULTIPLIERS))})\.?(?!\w))?"
    rf"(?:\s?(?P<post>{_CURRENCY})(?!\w))?"
    r"(?![\w%:/])"
)


@dataclass(frozen=True, slots=True)
class AmountMatch:
    """One amount found in a text: its span and its value in whole currency units."""

    start: int
    end: int
    value: int


def _decimal_of(raw: str) -> Decimal | None:
    """The number written in `raw`, reading "." and "," as thousands or decimal separators."""
    digits = re.sub(r"[ '’\u00a0\u202f]", "", raw)
    if sum(c.isdigit() for c in digits) > _MAX_DIGITS:
        return None
    if "." in digits and "," in digits:
        decimal_sep = "." if digits.rfind(".") > digits.rfind(",") else ","
        thousands_sep = "," if decimal_sep == "." else "."
        digits = digits.replace(thousands_sep, "").replace(decimal_sep, ".")
    else:
        for sep in ".,":
            if sep not in digits:
                continue
            head, _, tail = digits.rpartition(sep)
            if digits.count(sep) > 1 or len(tail) == 3:
                digits = digits.replace(sep, "")
            else:
                digits = f"{head}.{tail}"
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def find_amounts(text: str) -> list[AmountMatch]:
    """Every amount in the text, in order, with spans in the original text."""
    found: list[AmountMatch] = []
    for match in _PATTERN.finditer(fold(text)):
        number = _decimal_of(match.group("number"))
        if number is None:
            continue
        multiplier = _MULTIPLIERS.get(match.group("mult") or "", 1)
        found.append(AmountMatch(match.start(), match.end(), int(number * multiplier)))
    return found


def parse_amount(text: str) -> int | None:
    """The first amount in the text in whole currency units, or None if there is none."""
    found = find_amounts(text)
    return found[0].value if found else None
