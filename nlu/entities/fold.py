"""Length-preserving text folding, so that matches on the folded text index the original."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letters that NFD does not decompose, folded by hand.
_SPECIAL = {"ł": "l", "ı": "i", "ø": "o", "đ": "d", "ß": "s", "æ": "a", "œ": "o"}
# Arabic letter variants unified (hamza forms of alef, alef maqsura, ta marbuta).
_ARABIC = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
# Arabic-Indic and Persian digits become ASCII digits.
_DIGITS = {chr(0x660 + i): str(i) for i in range(10)} | {chr(0x6F0 + i): str(i) for i in range(10)}


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character, lowercased, without diacritics, Arabic variants unified; always one char."""
    if char in _DIGITS:
        return _DIGITS[char]
    lower = char.lower()[:1] or char
    if lower in _SPECIAL:
        return _SPECIAL[lower]
    if lower in _ARABIC:
        return _ARABIC[lower]
    if lower.isascii():
        return lower
    base = unicodedata.normalize("NFD", lower)[:1]
    return base if base else lower


def fold(text: str) -> str:
    """The text folded character by character; `len(fold(t)) == len(t)` always."""
    return "".join(map(fold_char, text))
