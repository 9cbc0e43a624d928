"""Language identification: short messages never switch, sentences are named right."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlu.language import LanguageIdentifier

LANGUAGES = ("ar", "en", "nl", "pl", "tr")

SENTENCES = {
    "nl": [
        "Ik wil graag de voorstellen in mijn buurt zien",
        "Hoeveel geld is er nog over in mijn stembiljet?",
        "Kan ik ook een idee indienen voor het park?",
        "Wanneer worden de uitslagen bekendgemaakt?",
    ],
    "en": [
        "I would like to see the proposals for my neighbourhood",
        "How much money is left on my ballot?",
        "Can I also submit an idea for the park?",
        "please delete my personal data",
        "I live in Bos en Lommer and want to vote",
    ],
    "tr": [
        "Mahallemdeki projeleri görmek istiyorum lütfen",
        "Oy pusulamda ne kadar para kaldı?",
        "Park için bir fikir gönderebilir miyim?",
        "oylama ne zaman bitiyor acaba",
    ],
    "ar": [
        "أريد أن أرى المشاريع في حيي من فضلك",
        "كم بقي من المال في ورقة التصويت؟",
        "هل يمكنني تقديم فكرة للحديقة؟",
    ],
    "pl": [
        "Chciałbym zobaczyć projekty w mojej dzielnicy",
        "Ile pieniędzy zostało na mojej karcie do głosowania?",
        "Czy mogę też zgłosić pomysł na park?",
        "kiedy będą znane wyniki głosowania",
    ],
}

SHORT = [
    "yes",
    "ja",
    "evet",
    "tak",
    "نعم",
    "no",
    "nee",
    "hayır",
    "nie",
    "لا",
    "ok",
    "ok thanks",
    "hoi",
    "hallo daar",
    "merhaba",
    "cześć",
    "مرحبا",
    "thank you",
    "dank je",
    "teşekkür ederim",
    "dziękuję bardzo",
    "شكرا جزيلا",
    "stop",
    "help",
    "menu",
    "Türkçe",
    "po polsku",
    "bedankt!",
]


@pytest.fixture(scope="module")
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier(LANGUAGES)


@pytest.mark.parametrize("text", SHORT)
def test_one_or_two_words_never_switch(identifier: LanguageIdentifier, text: str) -> None:
    assert identifier.identify(text) is None


@pytest.mark.parametrize("text", SHORT)
def test_short_messages_do_not_switch_even_if_told_to_accept_anything(text: str) -> None:
    eager = LanguageIdentifier(LANGUAGES, min_words=1, min_letters=1, min_probability=0.0)
    assert eager.identify(text) is None


@given(
    st.lists(
        st.sampled_from(
            [
                "yes",
                "evet",
                "tak",
                "ja",
                "nee",
                "hayır",
                "bedankt",
                "dziękuję",
                "شكرا",
                "proposals",
                "oylama",
                "głosowanie",
                "stemmen",
                "المشاريع",
            ]
        ),
        min_size=1,
        max_size=2,
    )
)
@settings(max_examples=60, deadline=None)
def test_no_two_word_message_switches(words: list[str]) -> None:
    assert LanguageIdentifier(LANGUAGES).identify(" ".join(words)) is None


@pytest.mark.parametrize(
    ("language", "text"), [(lang, text) for lang, texts in SENTENCES.items() for text in texts]
)
def test_sentences_are_identified(identifier: LanguageIdentifier, language: str, text: str) -> None:
    found = identifier.identify(text)
    assert found is not None
    assert found.language == language
    assert found.probability >= 0.9
    assert identifier.best_guess(text) == language


def test_arabic_script_is_arabic_even_among_latin_candidates() -> None:
    identifier = LanguageIdentifier(("nl", "en", "ar"))
    assert identifier.best_guess("شكرا") == "ar"
    found = identifier.identify("أريد أن أصوت على مشروع الحديقة")
    assert found is not None and found.language == "ar"


def test_only_candidates_are_named() -> None:
    identifier = LanguageIdentifier(("en", "tr"))
    for text in SENTENCES["nl"] + SENTENCES["pl"]:
        assert identifier.best_guess(text) in {"en", "tr"}
        found = identifier.identify(text)
        assert found is None or found.language in {"en", "tr"}


def test_probabilities_are_renormalised_among_candidates(identifier: LanguageIdentifier) -> None:
    scores = identifier.probabilities("Ik wil graag stemmen op het voorstel voor de speeltuin")
    assert set(scores) <= set(LANGUAGES)
    assert sum(scores.values()) == pytest.approx(1.0)
    assert max(scores, key=scores.__getitem__) == "nl"


def test_identification_is_deterministic() -> None:
    text = "de speeltuin is mooi maar the park is nice"
    first = LanguageIdentifier(LANGUAGES).probabilities(text)
    for _ in range(3):
        assert LanguageIdentifier(LANGUAGES).probabilities(text) == first


@pytest.mark.parametrize(
    "text", ["", "   ", "12345", "#12 €5000", "👍👍", "\x00\x07", "http://x.nl"]
)
def test_no_letters_no_guess(identifier: LanguageIdentifier, text: str) -> None:
    assert identifier.best_guess(text) is None
    assert identifier.identify(text) is None


def test_langdetect_alone_is_available_and_still_cautious() -> None:
    alone = LanguageIdentifier(LANGUAGES, corpus={})
    assert alone.identify("yes") is None
    found = alone.identify("Ik wil graag de voorstellen in mijn buurt zien")
    assert found is not None and found.language == "nl"


def test_a_corpus_teaches_the_chat_register() -> None:
    corpus = {
        "en": ["I want to vote", "delete my data", "show me my ballot", "I want to see it"],
        "nl": ["ik wil stemmen", "verwijder mijn gegevens", "laat mijn stembiljet zien"],
    }
    identifier = LanguageIdentifier(("en", "nl"), corpus=corpus)
    assert identifier.best_guess("I want to delete my data") == "en"


def test_a_very_long_message_is_fine(identifier: LanguageIdentifier) -> None:
    found = identifier.identify("Ik wil graag stemmen op het voorstel. " * 2000)
    assert found is not None and found.language == "nl"


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_text_is_handled(text: str) -> None:
    identifier = LanguageIdentifier(LANGUAGES)
    scores = identifier.probabilities(text)
    assert not scores or sum(scores.values()) == pytest.approx(1.0)
    found = identifier.identify(text)
    assert found is None or found.language in LANGUAGES
