"""Interpreters by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlu.builtin import BuiltinInterpreter
from nlu.interpreter import Parse
from nlu.registry import FACTORIES, build_interpreter, interpreter_names

FIXTURES = Path(__file__).parent / "fixtures"


def test_names() -> None:
    assert interpreter_names() == ("builtin", "rasa")
    assert set(FACTORIES) == {"builtin", "rasa"}


def test_builtin_is_trained_from_the_directory() -> None:
    interpreter = build_interpreter("builtin", data_dir=FIXTURES / "train")
    assert isinstance(interpreter, BuiltinInterpreter)
    assert interpreter.name == "builtin"
    assert interpreter.parse("hello", "en").intent == "greet"


def test_rasa_falls_back_to_the_given_interpreter() -> None:
    class Fixed:
        name = "fixed"

        def parse(self, text: str, language: str) -> Parse:
            return Parse(text=text, intent="help", confidence=1.0)

    # Nothing listens on port 9 of the loopback: Rasa can't answer, the fallback does.
    interpreter = build_interpreter(
        "rasa", data_dir=FIXTURES / "train", rasa_url="http://127.0.0.1:9", fallback=Fixed()
    )
    assert interpreter.name == "rasa"
    assert interpreter.parse("hello", "en").intent == "help"


def test_unknown_name() -> None:
    with pytest.raises(ValueError, match="unknown NLU interpreter 'spacy'"):
        build_interpreter("spacy", data_dir=FIXTURES / "train")
