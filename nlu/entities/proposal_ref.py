"""References to a proposal by its short number: "#12", "nummer 12", "12 numara", "رقم 12"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlu.entities.fold import fold

# Words (folded) that, followed by a number, name a proposal.
_BEFORE = (
    # nl
    "nummer", "nr", "voorstel", "project", "plan",
    # en
    "number", "num", "proposal",
    # tr
    "numara", "numarali", "proje", "projesi", "oneri", "teklif",
    # pl
    "numer", "numerem", "numeru", "numerze", "projekt", "projektu", "projektem", "propozycja",
    "propozycje", "propozycji", "wniosek",
    # ar
    "رقم", "الرقم", "مشروع", "المشروع", "اقتراح", "الاقتراح", "مقترح", "المقترح",
)
# Words (folded) that, after a number, name a proposal (Turkish puts the noun last).
_AFTER = ("numara", "numarali", "numarayi", "numaraya", "nolu", "no'lu", "no.lu")


def _alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of the words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_NUMBER = r"(?P<{name}>[0-9]{{1,6}})(?![\w.,][0-9])(?![\w%])"
_PATTERN = re.compile(
    r"#\s?" + _NUMBER.format(name="hash")
    + rf"|(?<!\w)(?:(?:{_alternation(_BEFORE)})\.?|no[.:])\s?(?:#\s?)?:?\s?"
    + _NUMBER.format(name="before")
    + r"|(?<![\w#.,])(?P<after>[0-9]{1,6})\.?\s?(?:" + _alternation(_AFTER) + r")(?!\w)"
)


@dataclass(frozen=True, slots=True)
class RefMatch:
    """One proposal reference: its span in the text and the proposal's number as a string."""

    start: int
    end: int
    value: str


def find_refs(text: str) -> list[RefMatch]:
    """Every proposal reference in the text, in order; the value has no leading zeros."""
    found: list[RefMatch] = []
    for match in _PATTERN.finditer(fold(text)):
        digits = match.group("hash") or match.group("before") or match.group("after")
        found.append(RefMatch(match.start(), match.end(), str(int(digits))))
    return found
