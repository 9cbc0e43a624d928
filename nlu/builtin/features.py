"""Sparse features of a message: words, word pairs, character n-grams and entity markers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from nlu.entities.fold import fold

# Longer messages are cut: intent sits in the first sentences, and parse time must stay flat.
MAX_CHARS = 500
CHAR_NGRAMS = (3, 4)
# The last feature of a message without a word.
EMPTY_FEATURE = "empty"

_TOKEN = re.compile(r"[^\W_]+|[#?!؟]")
_DIGITS = re.compile(r"[0-9]+")
# Arabic diacritics (harakat), the superscript alef and the tatweel carry no meaning for intents.
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u0640]")


def _lower_only(text: str) -> str:
    """Lowercased text that keeps its diacritics (ş, ł, é) but unifies Arabic forms via `fold`."""
    return "".join(
        fold(ch) if "\u0600" <= ch <= "\u06ff" else (ch.lower()[:1] or ch) for ch in text
    )


def tokens(text: str) -> tuple[list[str], list[str]]:
    """The words of the text twice: lowercased with diacritics, and folded without them."""
    text = unicodedata.normalize("NFC", _ARABIC_MARKS.sub("", text[:MAX_CHARS]))
    plain = [_DIGITS.sub("0", t) for t in _TOKEN.findall(_lower_only(text))]
    folded = [_DIGITS.sub("0", t) for t in _TOKEN.findall(fold(text))]
    return plain, folded


def _char_ngrams(word: str) -> Iterable[str]:
    """The character n-grams of one word, padded with boundary marks."""
    padded = f"<{word}>"
    for n in CHAR_NGRAMS:
        for i in range(len(padded) - n + 1):
            yield padded[i : i + n]


def features(text: str, entity_types: Iterable[str] = (), language: str = "") -> list[str]:
    """The distinct feature names of one message, in a stable order.

    With a `language`, every word feature also appears tagged with it ("nl|f:dag"), so the
    model can learn what a word means in one language next to what it means in all of them.
    """
    plain, folded = tokens(text)
    out: dict[str, None] = {}
    folded_set = set(folded)
    for word in plain:
        if word not in folded_set:
            out["w:" + word] = None
    for word in folded:
        out["f:" + word] = None
        if len(word) > 1:
            for gram in _char_ngrams(word):
                out["c:" + gram] = None
    for left, right in zip(["<s>", *folded], [*folded, "</s>"], strict=True):
        out[f"b:{left} {right}"] = None
    for char in text[:MAX_CHARS]:
        if unicodedata.category(char) == "So":  # emoji and other symbols: 👍 👋 🙏
            out["s:" + char] = None
    for type_ in entity_types:
        out["e:" + type_] = None
    if language:
        for name in [f for f in out if f.startswith(("w:", "f:"))]:
            out[f"{language}|{name}"] = None
    if not folded:
        out[EMPTY_FEATURE] = None
    return list(out)
