"""The builtin interpreter: training, parsing, bad input, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlu.builtin import BuiltinInterpreter
from nlu.builtin.interpreter import RANKING_SIZE
from nlu.interpreter import INTENTS, Interpreter
from nlu.training_data import load_dir

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).resolve().parents[2] / "data" / "nlu"


@pytest.fixture(scope="module")
def small() -> BuiltinInterpreter:
    return BuiltinInterpreter.from_directory(FIXTURES / "train")


@pytest.fixture(scope="module")
def full() -> BuiltinInterpreter:
    return BuiltinInterpreter.from_directory(DATA)


def test_it_is_an_interpreter(small: BuiltinInterpreter) -> None:
    interpreter: Interpreter = small
    assert interpreter.name == "builtin"
    assert small.languages == ("en", "nl")


@pytest.mark.parametrize(
    ("text", "language", "intent"),
    [
        ("hi there", "en", "greet"),
        ("I want to vote for #7", "en", "vote"),
        ("ik heb een idee", "nl", "submit_idea"),
        ("welke voorstellen zijn er", "nl", "browse_proposals"),
        ("kun je Engels praten", "nl", "change_language"),
    ],
)
def test_training_examples_and_near_ones_are_understood(
    small: BuiltinInterpreter, text: str, language: str, intent: str
) -> None:
    assert small.parse(text, language).intent == intent


def test_parse_ranks_and_extracts(small: BuiltinInterpreter) -> None:
    parse = small.parse("vote for project number 4", "en")
    assert parse.intent == "vote"
    assert 0.0 < parse.confidence <= 1.0
    assert len(parse.ranking) == RANKING_SIZE
    assert parse.ranking[0].name == parse.intent
    assert parse.ranking[0].confidence == parse.confidence
    confidences = [r.confidence for r in parse.ranking]
    assert confidences == sorted(confidences, reverse=True)
    ref = parse.entity("proposal_ref")
    assert ref is not None and ref.value == "4"


def test_entities_come_with_the_intent(full: BuiltinInterpreter) -> None:
    parse = full.parse("Türkçe konuşabilir miyiz?", "tr")
    assert parse.intent == "change_language"
    language = parse.entity("language")
    assert language is not None and language.value == "tr"
    idea = full.parse("ik wil een bankje in het park, kost ongeveer € 5.000", "nl")
    amount = idea.entity("amount")
    assert amount is not None and amount.value == "5000"


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\x00\x01\x02", "\x1b\x7f", "...", "\u200b"])
def test_no_content_gives_out_of_scope_with_no_confidence(
    full: BuiltinInterpreter, text: str
) -> None:
    parse = full.parse(text, "nl")
    assert (parse.intent, parse.confidence, parse.entities) == ("out_of_scope", 0.0, ())


def test_very_long_messages_are_cut_not_refused(full: BuiltinInterpreter) -> None:
    assert full.parse("ik wil stemmen op #3 " * 1000, "nl").intent == "vote"
    parse = full.parse("x" * 10_000, "nl")
    assert parse.intent in INTENTS and parse.text == "x" * 10_000


@pytest.mark.parametrize(
    "text",
    [
        "👍",
        "🙏🙏🙏",
        "12345",
        "€€€",
        "#",
        "?!",
        "hello مرحبا cześć 你好 привет",
        "ok" * 3000,
        "\u200f\u202eabc",
        "🏳️‍🌈",
        "İİİ",
        "ﷺ",
        "a\u0301\u0301\u0301",
    ],
)
def test_odd_input_never_raises(full: BuiltinInterpreter, text: str) -> None:
    parse = full.parse(text, "nl")
    assert parse.intent in INTENTS
    assert 0.0 <= parse.confidence <= 1.0
    assert parse.text == text


def test_unknown_language_still_parses(full: BuiltinInterpreter) -> None:
    assert full.parse("I want to vote", "xx").intent == "vote"
    assert full.parse("ik wil stemmen", "de").intent == "vote"


@given(st.text(max_size=400), st.sampled_from(["nl", "en", "tr", "ar", "pl", "", "zz"]))
@settings(max_examples=200, deadline=None)
def test_any_text_parses(text: str, language: str) -> None:
    parse = _shared().parse(text, language)
    assert parse.intent in INTENTS
    assert 0.0 <= parse.confidence <= 1.0
    assert len(parse.ranking) <= RANKING_SIZE


_CACHE: list[BuiltinInterpreter] = []


def _shared() -> BuiltinInterpreter:
    """One interpreter for the property test (hypothesis doesn't mix with function fixtures)."""
    if not _CACHE:
        _CACHE.append(BuiltinInterpreter.from_directory(FIXTURES / "train"))
    return _CACHE[0]


def test_training_is_deterministic() -> None:
    examples = [e for exs in load_dir(FIXTURES / "train").values() for e in exs]
    first = BuiltinInterpreter.train(examples)
    second = BuiltinInterpreter.train(examples)
    assert first.model.vocabulary == second.model.vocabulary
    assert first.model.weights == second.model.weights
    assert first.model.bias == second.model.bias
    for text in ["hello", "ik wil stemmen", "what's the weather"]:
        assert first.parse(text, "en") == second.parse(text, "en")


def test_no_training_data_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no training data"):
        BuiltinInterpreter.from_directory(tmp_path)
