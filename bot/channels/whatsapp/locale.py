"""A language hint from the sender's country calling code (WhatsApp gives no language)."""

from __future__ import annotations

# Calling codes are prefix-free (no code is the start of another), so the first match of the
# longest-first lookup is the country. A code missing here means "the campaign's default".
COUNTRY_LANGUAGES: dict[str, str] = {
    "31": "nl",  # Netherlands
    "90": "tr",  # Türkiye
    "48": "pl",  # Poland
    "212": "ar",  # Morocco
    "213": "ar",  # Algeria
    "216": "ar",  # Tunisia
    "218": "ar",  # Libya
    "20": "ar",  # Egypt
    "249": "ar",  # Sudan
    "961": "ar",  # Lebanon
    "962": "ar",  # Jordan
    "963": "ar",  # Syria
    "964": "ar",  # Iraq
    "965": "ar",  # Kuwait
    "966": "ar",  # Saudi Arabia
    "967": "ar",  # Yemen
    "968": "ar",  # Oman
    "970": "ar",  # Palestine
    "971": "ar",  # United Arab Emirates
    "973": "ar",  # Bahrain
    "974": "ar",  # Qatar
    "44": "en",  # United Kingdom
    "1": "en",  # United States, Canada
    "353": "en",  # Ireland
    "61": "en",  # Australia
    "64": "en",  # New Zealand
}


def locale_hint(wa_id: str) -> str | None:
    """The language of the number's country ("31612345678" → "nl"), None if unknown."""
    digits = wa_id.lstrip("+")
    if not digits.isdigit():
        return None
    for length in (3, 2, 1):
        found = COUNTRY_LANGUAGES.get(digits[:length])
        if found is not None:
            return found
    return None
