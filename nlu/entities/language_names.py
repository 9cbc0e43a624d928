"""Names of the bot's languages in any of them ("Turks", "Türkçe", "po turecku", "العربية")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlu.entities.fold import fold

# Folded regex fragments (lowercase, no diacritics, Arabic variants unified) per language code.
# Polish adjectives and Turkish nouns take suffixes, so their stems end in a word-character run.
_NAMES: dict[str, tuple[str, ...]] = {
    "nl": (
        "nederlands", "nederlandse", "hollands", "vlaams", "dutch", "flemish",
        r"hollandaca\w*", r"felemenkce\w*", r"nederlandca\w*",
        r"niderlandzk\w*", r"holendersk\w*", "po niderlandzku", "po holendersku", "po flamandzku",
        "nederlandsk", "netherlandish",
    ),
    "en": (
        "engels", "engelse", "english", r"ingilizce\w*",
        r"angielsk\w*", "po angielsku",
    ),
    "tr": (
        "turks", "turkse", "turkish", r"turkce\w*", r"tureck\w*", "po turecku",
    ),
    "ar": (
        "arabisch", "arabische", "arabic", r"arapca\w*", r"arabsk\w*", "po arabsku",
    ),
    "pl": (
        "pools", "poolse", "polish", r"lehce\w*", "polski", "polskiego", "polskim", "polskiemu",
        "polsku", "po polsku", "polszczyzna", r"polszczyzn\w*",
    ),
}
# Arabic names: an optional conjunction/preposition/article before the stem, an optional
# feminine ending after it ("العربية", "بالعربي", "للإنجليزية").
_ARABIC_PREFIX = r"(?:و)?(?:بال|لل|ال|ب|ل)?"
_ARABIC_STEMS: dict[str, tuple[str, ...]] = {
    "ar": ("عربي",),
    "en": ("انجليزي", "انكليزي", "انقليزي", "انغليزي"),
    "tr": ("تركي",),
    "nl": ("هولندي", "نيرلندي", "نذرلندي"),
    "pl": ("بولندي", "بولوني"),
}


@dataclass(frozen=True, slots=True)
class LanguageMatch:
    """One language name in a text: its span and the language code it names."""

    start: int
    end: int
    code: str


def _build() -> re.Pattern[str]:
    """One pattern with a named group per language; longer names are tried first."""
    groups: list[str] = []
    for code in sorted(set(_NAMES) | set(_ARABIC_STEMS)):
        latin = sorted(_NAMES.get(code, ()), key=len, reverse=True)
        arabic = [
            f"{_ARABIC_PREFIX}{stem}(?:ه|يه)?"
            for stem in sorted(_ARABIC_STEMS.get(code, ()), key=len, reverse=True)
        ]
        groups.append(f"(?P<{code}>{'|'.join([*latin, *arabic])})")
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)")


_PATTERN = _build()


def find_languages(text: str) -> list[LanguageMatch]:
    """Every language name in the text, in order, with spans in the original text."""
    found: list[LanguageMatch] = []
    for match in _PATTERN.finditer(fold(text)):
        code = match.lastgroup
        if code is not None:
            found.append(LanguageMatch(match.start(), match.end(), code))
    return found
